"""Forms of the ladder step pages: a warning, starting breach, the breach's court listing and decision, engagement
refused. Each has the date it happened (today or earlier) and notes; the services check the ladder's guards."""
from __future__ import annotations

from django import forms

from waypoint.appointments.forms import GovukTimeField, combine
from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s

NOTE_MAX = 2000


class _StepForm(GovukFormMixin, forms.Form):
    on = GovukDateField(label="Date", not_in_future=True, error_messages={"required": s.LADDER_DATE_MISSING})
    note = forms.CharField(label="Notes (optional)", required=False, max_length=NOTE_MAX, widget=forms.Textarea)


class WarningForm(_StepForm):
    level = forms.ChoiceField(label="Which warning?", widget=forms.RadioSelect,
                              choices=[("first", "First warning"), ("second", "Second warning")],
                              error_messages={"required": s.WARNING_LEVEL_INVALID,
                                              "invalid_choice": s.WARNING_LEVEL_INVALID})
    meeting_on = GovukDateField(label="Date of the compliance meeting (second warning)", required=False)
    meeting_at = GovukTimeField(label="Time of the compliance meeting", required=False,
                                help_text="For example, 2:30pm or 14:30")

    @property
    def compliance_meeting_at(self):
        return combine(self.cleaned_data.get("meeting_on"), self.cleaned_data.get("meeting_at"))


class BreachForm(_StepForm):
    pass


class BreachListingForm(GovukFormMixin, forms.Form):
    hearing_on = GovukDateField(label="Date of the breach hearing",
                                error_messages={"required": s.HEARING_DATE_MISSING})
    court = forms.ChoiceField(label="Court", widget=forms.RadioSelect,
                              choices=[("magistrates", "Magistrates' court"), ("crown", "Crown Court")],
                              error_messages={"required": s.HEARING_COURT_INVALID,
                                              "invalid_choice": s.HEARING_COURT_INVALID})


class BreachOutcomeForm(_StepForm):
    note = forms.CharField(label="The court's decision", max_length=NOTE_MAX, widget=forms.Textarea,
                           error_messages={"required": s.OUTCOME_NOTE_MISSING})


class EngagementRefusedForm(_StepForm):
    note = forms.CharField(label="What the child or parent/carer said", max_length=NOTE_MAX, widget=forms.Textarea,
                           error_messages={"required": s.REFUSAL_NOTE_MISSING})


class ComplianceMeetingForm(_StepForm):
    note = forms.CharField(label="Expectations and consequences explained", max_length=NOTE_MAX,
                           widget=forms.Textarea, error_messages={"required": s.COMPLIANCE_NOTE_MISSING})


class ExitInterviewForm(_StepForm):
    pass
