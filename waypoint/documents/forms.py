"""Forms of the letter pages: write a letter (its type and the appointments it is about), mark it sent (the date,
how), and edit a template (title and text, then preview or save)."""
from __future__ import annotations

from django import forms

from waypoint.config.jinja2 import govuk_datetime
from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import SendMethod

TITLE_MAX = 200
BODY_MAX = 20_000


class LetterForm(GovukFormMixin, forms.Form):
    letter_type = forms.ChoiceField(label="Which letter?", error_messages={
        "required": s.LETTER_TYPE_INVALID, "invalid_choice": s.LETTER_TYPE_INVALID})
    appointments = forms.MultipleChoiceField(
        label="Which appointments is it about?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="For an appointment letter, select one or a month of them. For a final shout-out, final attempt or "
                  "warning letter, select the next appointment it offers (for a second warning, the compliance "
                  "meeting with a manager). Leave them all clear for a closure or order completion letter.",
        error_messages={"invalid_choice": s.LETTER_APPOINTMENT_INVALID})

    def __init__(self, *args, case, upcoming, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter_type"].choices = [(t.value, t.label) for t in s.letter_types_for(case)]
        self.upcoming = {str(a.pk): a for a in upcoming}
        self.fields["appointments"].choices = [
            (key, f"{govuk_datetime(a.starts_at)}: {a.get_kind_display()}") for key, a in self.upcoming.items()]

    def clean_appointments(self):
        return [self.upcoming[key] for key in self.cleaned_data["appointments"]]


class MarkSentForm(GovukFormMixin, forms.Form):
    sent_on = GovukDateField(label="Date the letter was sent", not_in_future=True,
                             error_messages={"required": s.SENT_DATE_MISSING})
    method = forms.ChoiceField(label="How was it sent?", choices=SendMethod.choices, error_messages={
        "required": s.SENT_METHOD_INVALID, "invalid_choice": s.SENT_METHOD_INVALID})


class TemplateForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=TITLE_MAX, error_messages={"required": s.TEMPLATE_TITLE_MISSING})
    body = forms.CharField(label="Text of the letter", max_length=BODY_MAX, widget=forms.Textarea,
                           error_messages={"required": s.TEMPLATE_BODY_MISSING}, strip=False)
    action = forms.ChoiceField(choices=[("preview", "Preview"), ("save", "Save")], required=False,
                               error_messages={"invalid_choice": "Select Preview or Save as a new version"})

