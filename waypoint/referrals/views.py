"""Referral pages: the service's referrals, recording one, triaging it and accepting it into a case.

Anyone on the staff may record a referral; triage and acceptance are managers' decisions (the services refuse
anyone else, and the pages do not offer them).
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from waypoint.core.forms import add_service_errors
from waypoint.core.models import today
from waypoint.core.views import govuk_pagination, paginate
from waypoint.workforce.selectors import service_teams
from waypoint.workforce.views import manager_or_403, staff_or_403

from .forms import AcceptForm, ReferralForm, TriageForm
from .models import Referral
from .selectors import referral_get_for_user
from .selectors import referral_list as referral_list_selector
from .services import referral_accept as referral_accept_service
from .services import referral_record
from .services import referral_triage as referral_triage_service


def referral_list(request):
    staff = staff_or_403(request)
    status = request.GET.get("status", "")
    status = status if status in Referral.Status.values else ""
    page = paginate(request, referral_list_selector(user=request.user, status=status))
    return render(request, "referrals/referral_list.html", {
        "page": page, "pagination": govuk_pagination(page, request.GET), "status": status,
        "statuses": Referral.Status.choices, "is_manager": staff.is_manager,
    })


def referral_create(request):
    actor = staff_or_403(request)
    initial = {"child_known": "yes", "child_reference": request.GET["child"]} if request.GET.get("child") else {}
    form = ReferralForm(request.POST if request.method == "POST" else None, service=actor.service, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_record(service=actor.service, actor=actor, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error, {"child": "child_reference"})
        else:
            messages.success(request, "Referral recorded")
            return redirect("referral-detail", referral_id=referral.pk)
    return render(request, "referrals/referral_form.html", {"form": form})


def referral_detail(request, referral_id: int):
    staff = staff_or_403(request)
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    return render(request, "referrals/referral_detail.html", {"referral": referral, "is_manager": staff.is_manager})


def referral_triage(request, referral_id: int):
    actor = manager_or_403(request)
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    if referral.status != Referral.Status.RECEIVED:
        messages.info(request, "This referral has already been triaged")
        return redirect("referral-detail", referral_id=referral.pk)
    form = TriageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_triage_service(referral=referral, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Referral triaged: {referral.get_triage_outcome_display().lower()}")
            return redirect("referral-detail", referral_id=referral.pk)
    return render(request, "referrals/referral_triage.html", {"referral": referral, "form": form})


def referral_accept(request, referral_id: int):
    actor = manager_or_403(request)
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    if referral.status != Referral.Status.TRIAGED:
        messages.info(request, "Only a referral triaged as meeting the criteria can be accepted")
        return redirect("referral-detail", referral_id=referral.pk)
    form = AcceptForm(request.POST if request.method == "POST" else None, teams=list(service_teams(actor.service)), initial={"started_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            case = referral_accept_service(referral=referral, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Referral accepted: case {case.reference} opened. Now allocate a worker")
            return redirect("case-detail", case_id=case.pk)
    return render(request, "referrals/referral_accept.html", {"referral": referral, "form": form})
