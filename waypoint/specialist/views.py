"""Pages for specialist work: flag a specialist need, make a referral and record its outcome, record a consultation
and a specialist session. Each view: permission, form, one service call, a message, a redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.workforce.views import staff_or_403

from . import services as s
from .forms import ConsultationForm, NeedForm, OutcomeForm, ReferralForm, SessionForm
from .selectors import referral_get_for_user


def _back(case) -> str:
    return reverse("case-detail", kwargs={"case_id": case.pk}) + "#specialist"


def _page(request, case, form, template: str, context: dict | None = None):
    return render(request, f"specialist/{template}", {"case": case, "form": form, **(context or {})})


def need_change(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = NeedForm(request.POST if request.method == "POST" else None, initial={"change": "flag"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            s.need_set(case=case, kind=data["kind"], present=data["change"] == "flag", reason=data["reason"],
                       on=data["on"], actor=actor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The specialist need is recorded")
            return redirect(_back(case))
    return _page(request, case, form, "need.html")


def referral_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = ReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.referral_make(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The referral is recorded")
            return redirect(_back(case))
    return _page(request, case, form, "referral.html")


def referral_outcome(request, referral_id: int):
    actor = staff_or_403(request)
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.referral_outcome_record(referral=referral, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The outcome of the referral is recorded")
            return redirect(_back(referral.case))
    return _page(request, referral.case, form, "outcome.html", {"referral": referral})


def consultation_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.consultation_record(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The consultation is recorded")
            return redirect(_back(case))
    return _page(request, case, form, "consultation.html")


def session_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.session_record(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The specialist session is recorded")
            return redirect(_back(case))
    return _page(request, case, form, "session.html")
