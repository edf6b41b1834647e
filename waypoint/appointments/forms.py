"""Forms of the appointment pages: book one appointment or a run of them, reschedule, record an outcome, record a
contact. Dates use the GOV.UK date input; times are typed ("14:30" or "2:30pm"), as GOV.UK asks for a time."""
from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import contacts
from . import services as s
from .models import AppointmentKind, EvidenceKind, outcomes_for

TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.I)
TIME_MISSING = "Enter the time, for example 2:30pm or 14:30"
TIME_INVALID = "Enter a real time, for example 2:30pm or 14:30"
REASON_MAX = 1000
NOTES_MAX = 5000


class GovukTimeField(forms.CharField):
    """A time of day typed as "14:30", "2:30pm", "9am" or "midday"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {"required": TIME_MISSING})
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in (None, ""):
            return None
        if text.strip().lower() == "midday":
            return dt.time(12, 0)
        if text.strip().lower() == "midnight":
            return dt.time(0, 0)
        match = TIME.match(text)
        if not match:
            raise ValidationError(TIME_INVALID)
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(TIME_INVALID)
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(TIME_INVALID)
        return dt.time(hour, minute)


def combine(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if day is None or time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


class _TimedForm(GovukFormMixin, forms.Form):
    """A form with a date and a time that together make `starts_at`."""

    date_field = "on"
    time_field = "at"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.time_field].error_messages["max_length"] = TIME_INVALID

    @property
    def starts_at(self) -> dt.datetime | None:
        return combine(self.cleaned_data.get(self.date_field), self.cleaned_data.get(self.time_field))


class AppointmentForm(_TimedForm):
    kind = forms.ChoiceField(label="Type of appointment", choices=AppointmentKind.choices,
                             error_messages={"required": s.APPOINTMENT_KIND_INVALID,
                                             "invalid_choice": s.APPOINTMENT_KIND_INVALID})
    on = GovukDateField(label="Date", error_messages={"required": "Enter the date of the appointment"})
    at = GovukTimeField(label="Time", help_text="For example, 2:30pm or 14:30")
    duration_minutes = forms.IntegerField(label="Length in minutes", initial=60, min_value=5, max_value=480,
                                          error_messages={"min_value": s.APPOINTMENT_DURATION_INVALID,
                                                          "max_value": s.APPOINTMENT_DURATION_INVALID})
    place = forms.CharField(label="Where (optional)", required=False, max_length=200)
    with_whom = forms.CharField(label="With whom (optional)", required=False, max_length=200,
                                help_text="For example, the child and their mother")
    staff = forms.ChoiceField(label="Worker", error_messages={"required": s.APPOINTMENT_WORKER_INVALID,
                                                              "invalid_choice": s.APPOINTMENT_WORKER_INVALID})
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(w.pk): w for w in workers}
        self.fields["staff"].choices = [(k, w.display_name) for k, w in self.workers.items()]

    def clean_staff(self):
        return self.workers[self.cleaned_data["staff"]]


class SeriesForm(AppointmentForm):
    """A run of appointments: the first one's date and time, how often, and the last date."""

    every_days = forms.TypedChoiceField(label="How often", coerce=int, choices=[(7, "Every week"),
                                                                              (14, "Every 2 weeks")],
                                        error_messages={"required": s.SERIES_INTERVAL_INVALID,
                                                        "invalid_choice": s.SERIES_INTERVAL_INVALID})
    last_on = GovukDateField(label="Date of the last appointment",
                             error_messages={"required": "Enter the date of the last appointment"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "Date of the first appointment"
        self.fields["on"].required_message = "Enter the date of the first appointment"


class RescheduleForm(_TimedForm):
    on = GovukDateField(label="New date", error_messages={"required": "Enter the new date"})
    at = GovukTimeField(label="New time", help_text="For example, 2:30pm or 14:30")
    reason = forms.CharField(label="Why is it being rescheduled?", max_length=REASON_MAX, widget=forms.Textarea,
                             error_messages={"required": s.RESCHEDULE_REASON_MISSING})


class OutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="What happened?", error_messages={"required": s.OUTCOME_INVALID,
                                                                        "invalid_choice": s.OUTCOME_INVALID})
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=NOTES_MAX, widget=forms.Textarea)
    evidence_kind = forms.ChoiceField(label="Written evidence of the reason (acceptable absences)", required=False,
                                      choices=[("", "No written evidence")] + list(EvidenceKind.choices))
    evidence_received_on = GovukDateField(label="Date the evidence was received", required=False,
                                          not_in_future=True)
    evidence_file = forms.FileField(label="Upload the evidence (optional)", required=False,
                                    help_text="A PDF, JPG, PNG, HEIC, DOC, DOCX or TXT file, smaller than 10MB",
                                    error_messages={"empty": s.EVIDENCE_FILE_EMPTY, "invalid": s.EVIDENCE_FILE_TYPE})
    verbal_warning = forms.BooleanField(label="Give a verbal warning instead of a warning letter", required=False,
                                        help_text="Once per order, for an otherwise good record of attendance.")
    verbal_warning_rationale = forms.CharField(label="Why a verbal warning (if given)", required=False,
                                               max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, programme: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o.value, o.label) for o in outcomes_for(programme)]
        self.court_order = programme not in ("community_resolution", "prevention")


class ContactForm(_TimedForm):
    kind = forms.ChoiceField(label="What kind of contact?", choices=contacts.ContactKind.choices,
                             error_messages={"required": contacts.CONTACT_KIND_INVALID,
                                             "invalid_choice": contacts.CONTACT_KIND_INVALID})
    on = GovukDateField(label="Date", not_in_future=True, error_messages={"required": "Enter the date it happened"})
    at = GovukTimeField(label="Time", help_text="For example, 2:30pm or 14:30")
    with_whom = forms.ChoiceField(label="With whom (calls)", choices=contacts.ContactWith.choices, required=False)
    topic = forms.ChoiceField(label="Topic (optional)", required=False, choices=[
        ("", "None"), (contacts.ABSENCE_FOLLOW_UP, "Following up a missed appointment"),
        (contacts.SessionTopic.VICTIM_AWARENESS.value, contacts.SessionTopic.VICTIM_AWARENESS.label),
        (contacts.SessionTopic.CONSENT.value, contacts.SessionTopic.CONSENT.label),
    ])
    notes = forms.CharField(label="What happened", required=False, max_length=NOTES_MAX, widget=forms.Textarea,
                            help_text="Needed for a serious incident or a case note.")
