"""Forms of the specialist work pages: flag a specialist need (or take the flag off), make a referral, record its
outcome, record a consultation, record a specialist session. Dates use the GOV.UK date input; the services check
them against the case, so the messages are the services' own."""
from __future__ import annotations

from django import forms

from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import ConsultationWith, DeliveredBy, NeedKind, ReferralOutcomeKind, SessionTopic, Specialist

TEXT_MAX = 5000


def _choice(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                             error_messages={"required": message, "invalid_choice": message}, **kwargs)


class NeedForm(GovukFormMixin, forms.Form):
    kind = _choice("Which specialist need?", NeedKind.choices, s.NEED_KIND_INVALID)
    change = _choice("What do you want to record?", [("flag", "Flag this need on the case"),
                                                     ("clear", "Take the flag off")],
                     "Select whether to flag the need or take the flag off", initial="flag")
    on = GovukDateField(label="Date", error_messages={"required": s.NEED_DATE_MISSING})
    reason = forms.CharField(label="Reason", max_length=TEXT_MAX, widget=forms.Textarea,
                             help_text="For example, what the offence or the assessment shows",
                             error_messages={"required": s.NEED_REASON_MISSING})


class ReferralForm(GovukFormMixin, forms.Form):
    to = _choice("Who is the referral to?", Specialist.choices, s.REFERRAL_TO_INVALID)
    made_on = GovukDateField(label="Date the referral was made",
                             error_messages={"required": s.REFERRAL_DATE_MISSING})
    reason = forms.CharField(label="Why is the referral being made?", max_length=TEXT_MAX, widget=forms.Textarea,
                             error_messages={"required": s.REFERRAL_REASON_MISSING})


class OutcomeForm(GovukFormMixin, forms.Form):
    outcome = _choice("What is the outcome?", ReferralOutcomeKind.choices, s.OUTCOME_INVALID)
    on = GovukDateField(label="Date of the outcome", error_messages={"required": s.OUTCOME_DATE_MISSING})
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=TEXT_MAX, widget=forms.Textarea)


class ConsultationForm(GovukFormMixin, forms.Form):
    with_whom = _choice("Who was the consultation with?", ConsultationWith.choices, s.CONSULTATION_WITH_INVALID)
    about_trm = forms.BooleanField(label="It was about Trauma Recovery Model support (CAMHS only)", required=False)
    held_on = GovukDateField(label="Date of the consultation", error_messages={"required": s.CONSULTATION_DATE_MISSING})
    notes = forms.CharField(label="What was discussed (optional)", required=False, max_length=TEXT_MAX,
                            widget=forms.Textarea)


class SessionForm(GovukFormMixin, forms.Form):
    topic = _choice("What was the session about?", SessionTopic.choices, s.SESSION_TOPIC_INVALID)
    delivered_by = _choice("Who delivered it?", DeliveredBy.choices, s.SESSION_BY_INVALID)
    delivered_on = GovukDateField(label="Date of the session", error_messages={"required": s.SESSION_DATE_MISSING})
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=TEXT_MAX, widget=forms.Textarea)
