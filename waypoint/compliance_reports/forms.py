"""Forms of the compliance CMM pages: arrange the meeting, mark the report ready, record the meeting held, and the
report's optional period. Dates use the GOV.UK date input; times are typed ("14:30" or "2:30pm")."""
from __future__ import annotations

from django import forms

from waypoint.appointments.forms import TIME_INVALID, GovukTimeField, combine
from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import Attendee, DiscussedWith


class MeetingForm(GovukFormMixin, forms.Form):
    on = GovukDateField(label="Date", not_in_past=True,
                        error_messages={"required": "Enter the date of the compliance CMM"})
    at = GovukTimeField(label="Time", help_text="For example, 2:30pm or 14:30")
    place = forms.CharField(label="Where (optional)", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].error_messages["max_length"] = TIME_INVALID

    @property
    def starts_at(self):
        return combine(self.cleaned_data.get("on"), self.cleaned_data.get("at"))


class ReadyForm(GovukFormMixin, forms.Form):
    capita_number = forms.CharField(label="CAPITA number", max_length=s.CAPITA_MAX,
                                    help_text="Waypoint does not hold the CAPITA number: copy it from CAPITA.",
                                    error_messages={"required": s.REPORT_CAPITA_MISSING,
                                                    "max_length": s.REPORT_CAPITA_INVALID})
    unacceptable_behaviour = forms.CharField(
        label="Details of any unacceptable behaviour (optional)", required=False, max_length=5000,
        widget=forms.Textarea, error_messages={"max_length": s.REPORT_BEHAVIOUR_TOO_LONG})


class HeldForm(GovukFormMixin, forms.Form):
    held_on = GovukDateField(label="Date the compliance CMM was held", not_in_future=True,
                             error_messages={"required": s.HELD_DATE_MISSING})
    attendees = forms.MultipleChoiceField(label="Who attended?", choices=Attendee.choices,
                                          widget=forms.CheckboxSelectMultiple,
                                          error_messages={"required": s.HELD_ATTENDEES_MISSING,
                                                          "invalid_choice": s.HELD_ATTENDEES_MISSING})
    presumption_rationale = forms.CharField(
        label="Rationale addressing the presumption against breach", required=False, max_length=5000,
        widget=forms.Textarea, error_messages={"max_length": s.HELD_RATIONALE_TOO_LONG},
        help_text="Needed for a child in care: the meeting starts from a presumption against breach.")


class PeriodForm(GovukFormMixin, forms.Form):
    """The report's period, from the page's query string; both dates optional (the order in force by default)."""

    period_from = GovukDateField(label="From", required=False, not_in_future=True)
    period_to = GovukDateField(label="To", required=False, not_in_future=True)

    def clean(self):
        data = super().clean()
        if data.get("period_from") and data.get("period_to") and data["period_to"] < data["period_from"]:
            self.add_error("period_to", s.REPORT_PERIOD_INVALID)
        return data


class DiscussionForm(GovukFormMixin, forms.Form):
    held_on = GovukDateField(label="Date of the discussion", not_in_future=True,
                             error_messages={"required": s.DISCUSSION_DATE_MISSING})
    with_whom = forms.MultipleChoiceField(label="Who was it discussed with?", choices=DiscussedWith.choices,
                                          widget=forms.CheckboxSelectMultiple,
                                          error_messages={"required": s.DISCUSSION_WITH_MISSING,
                                                          "invalid_choice": s.DISCUSSION_WITH_MISSING})
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=5000, widget=forms.Textarea)
