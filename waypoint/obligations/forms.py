"""Forms of the obligation pages: waive an obligation, move a case to the current policy packs."""
from __future__ import annotations

from django import forms

from waypoint.core.forms import GovukFormMixin

from .services import MIGRATION_REASON_MISSING, REASON_MAX, WAIVER_REASON_MISSING, WAIVER_REASON_TOO_LONG


class _ReasonForm(GovukFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The label is a question, so the length message names the reason itself.
        self.fields["reason"].error_messages["max_length"] = WAIVER_REASON_TOO_LONG


class WaiverForm(_ReasonForm):
    reason = forms.CharField(
        label="Why is this obligation being waived?", max_length=REASON_MAX, widget=forms.Textarea,
        help_text="This is recorded in the case's chronology with your name. Say what was done instead, or why the "
                  "duty does not fit this child.",
        error_messages={"required": WAIVER_REASON_MISSING, "max_length": WAIVER_REASON_TOO_LONG},
    )


class MigrationForm(_ReasonForm):
    reason = forms.CharField(
        label="Why is the case moving to the current policy packs?", max_length=REASON_MAX, widget=forms.Textarea,
        error_messages={"required": MIGRATION_REASON_MISSING, "max_length": WAIVER_REASON_TOO_LONG},
    )
