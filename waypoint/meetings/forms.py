"""Forms of the meeting pages: arrange a meeting, collect views, record it held (with feedback for an exit
interview), add an action, complete the CMM Record, write and hand over the closure document. Dates use the GOV.UK
date input; times are typed as the appointment forms take them."""
from __future__ import annotations

from django import forms

from waypoint.appointments.forms import GovukTimeField, combine
from waypoint.assessments.models import RiskLevel
from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import Attendee, Chair, CmmPurpose, Invitee

TEXT = {"max_length": 3000, "widget": forms.Textarea}
RATINGS = [(str(i), str(i)) for i in range(1, 6)]


class ArrangeForm(GovukFormMixin, forms.Form):
    purpose = forms.ChoiceField(label="Purpose of the CMM", choices=CmmPurpose.choices, required=False)
    on = GovukDateField(label="Date", error_messages={"required": "Enter the date of the meeting"})
    at = GovukTimeField(label="Time", help_text="For example, 2:30pm or 14:30")
    place = forms.CharField(label="Where (optional)", required=False, max_length=200)
    invitees = forms.MultipleChoiceField(label="Who is invited", choices=Invitee.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, cmm: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.cmm = cmm
        if cmm:
            self.fields["purpose"].required = True
            self.fields["purpose"].error_messages["required"] = s.MEETING_PURPOSE_MISSING

    @property
    def starts_at(self):
        return combine(self.cleaned_data.get("on"), self.cleaned_data.get("at"))


class ViewsForm(GovukFormMixin, forms.Form):
    child_views = forms.CharField(label="The child's views", error_messages={"required": s.VIEWS_CHILD_MISSING},
                                  **TEXT)
    parent_views = forms.CharField(label="The parent or carer's views",
                                   error_messages={"required": s.VIEWS_PARENT_MISSING}, **TEXT)
    will_attend = forms.BooleanField(label="They wish to attend the meeting", required=False)


def _rating(label: str, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=RATINGS, coerce=int, required=required, empty_value=None,
                                  error_messages={"required": s.FEEDBACK_CHILD_RATING_MISSING})


class HeldForm(GovukFormMixin, forms.Form):
    on = GovukDateField(label="Date it was held", not_in_future=True,
                        error_messages={"required": s.MEETING_HELD_DATE_MISSING})
    attendees = forms.MultipleChoiceField(label="Who attended", choices=Attendee.choices,
                                          widget=forms.CheckboxSelectMultiple,
                                          error_messages={"required": s.MEETING_ATTENDEES_MISSING})
    attendee_names = forms.CharField(label="Names of those who attended (optional)", required=False,
                                     max_length=2000, widget=forms.Textarea)
    apologies = forms.CharField(label="Apologies (optional)", required=False, max_length=2000, widget=forms.Textarea)
    chair = forms.ChoiceField(label="Who chaired it", choices=[("", "Nobody recorded")] + list(Chair.choices),
                              required=False)
    conducted_by_manager = forms.BooleanField(label="A manager conducted the meeting", required=False)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=5000, widget=forms.Textarea)
    child_rating = _rating("How the child rated the service (1 is poor, 5 is excellent)", required=False)
    child_comments = forms.CharField(label="The child's comments (optional)", required=False, **TEXT)
    parent_rating = _rating("How the parent or carer rated the service (optional)", required=False)
    parent_comments = forms.CharField(label="The parent or carer's comments (optional)", required=False, **TEXT)

    def __init__(self, *args, exit_interview: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.exit_interview = exit_interview
        if not exit_interview:
            for name in ("child_rating", "child_comments", "parent_rating", "parent_comments"):
                del self.fields[name]


class ActionForm(GovukFormMixin, forms.Form):
    description = forms.CharField(label="Action", max_length=1000, widget=forms.Textarea,
                                  error_messages={"required": s.ACTION_DESCRIPTION_MISSING})
    owner = forms.ChoiceField(label="Owner", error_messages={"required": s.ACTION_OWNER_MISSING,
                                                             "invalid_choice": s.ACTION_OWNER_MISSING})
    due = GovukDateField(label="Due date", error_messages={"required": s.ACTION_DUE_MISSING})

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(m.pk): m for m in staff}
        self.fields["owner"].choices = [("", "Select the owner")] + [(k, m.display_name) for k, m in self.staff.items()]

    def clean_owner(self):
        return self.staff.get(self.cleaned_data["owner"])


LEVEL_CHOICES = [(v, label) for v, label in RiskLevel.choices]


class CmmRecordForm(GovukFormMixin, forms.Form):
    capita_number = forms.CharField(label="CAPITA number", max_length=30,
                                    error_messages={"required": s.RECORD_FIELD_MISSING.format(what="CAPITA number")})
    reason = forms.CharField(label="Reason for the meeting", max_length=2000, widget=forms.Textarea)
    previous_actions = forms.CharField(label="Actions from the previous meeting", required=False, **TEXT)
    intervention_plan_progress = forms.CharField(label="Current intervention plan and progress", **TEXT)
    new_incidents = forms.CharField(label="New incidents since the last meeting", **TEXT,
                                    help_text="Serious incidents, unacceptable behaviour and new offences")
    diversity = forms.CharField(label="Diversity", **TEXT)
    other_agencies = forms.CharField(label="Information from other agencies", **TEXT)
    child_parent_views = forms.CharField(label="The child's and parent or carer's views", **TEXT)
    agreed_rosh = forms.ChoiceField(label="Agreed RoSH", choices=LEVEL_CHOICES)
    agreed_saw = forms.ChoiceField(label="Agreed SaW", choices=LEVEL_CHOICES)
    agreed_lor = forms.ChoiceField(label="Agreed LoR", choices=LEVEL_CHOICES)
    protective_factors = forms.CharField(label="Protective factors", **TEXT)
    next_meeting_on = GovukDateField(label="Date of the next meeting (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, what in s._RECORD_TEXTS.items():
            self.fields[name].error_messages["required"] = s.RECORD_FIELD_MISSING.format(what=what)
        for name, what in s._RECORD_LEVELS.items():
            self.fields[name].error_messages["required"] = s.RECORD_LEVEL_MISSING.format(what=what)


class ClosureDocumentForm(GovukFormMixin, forms.Form):
    work_done = forms.CharField(label="The work done with the child", max_length=5000, widget=forms.Textarea)
    achievements = forms.CharField(label="What the child achieved", max_length=5000, widget=forms.Textarea)
    exit_plan = forms.CharField(label="Exit plan and signposting", max_length=5000, widget=forms.Textarea,
                                help_text="Where the child and family can go for support after the order")


class QaForm(GovukFormMixin, forms.Form):
    note = forms.CharField(label="Comments (optional)", required=False, max_length=2000, widget=forms.Textarea)


class GiveForm(GovukFormMixin, forms.Form):
    to = forms.MultipleChoiceField(label="Who was given a copy", widget=forms.CheckboxSelectMultiple,
                                   choices=[("child", "The child"), ("parent_carer", "Parent or carer")],
                                   error_messages={"required": s.CLOSURE_RECIPIENTS_MISSING})


class ConfirmForm(forms.Form):
    """A button only: the page says what will happen."""
