"""Closure pages: the worker's request (reason and steps taken), the manager's decision (agree or return), closing
the case, and the managers' list of closure requests. Each: permission, form, one service call, message, redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from waypoint.core.forms import add_service_errors
from waypoint.core.models import today
from waypoint.workforce.views import staff_or_403

from . import services
from .forms import CaseCloseForm, ClosureDecisionForm, ClosureRequestForm
from .models import ClosureRequest
from .selectors import case_get_for_user, closure_request_current, closure_requests_for_manager


def _may_decide(staff) -> bool:
    return staff.is_manager or staff.role == staff.Role.ADVANCED_PRACTITIONER


def _decider_or_403(request):
    staff = staff_or_403(request)
    if not _may_decide(staff):
        raise PermissionDenied(services.CLOSURE_ONLY_MANAGERS_DECIDE)
    return staff


def closure_request(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = ClosureRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_request_closure(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Closure is requested: a manager will agree it or return it to you")
            return redirect("case-detail", case_id=case.pk)
    return render(request, "cases/closure_request.html", {"case": case, "form": form})


def closure_decision(request, case_id: int):
    actor = _decider_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    pending = closure_request_current(case)
    form = ClosureDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ClosureRequest.Decision.AGREED:
                services.closure_agree(case=case, actor=actor)
                done = "The closure is agreed: close the case once everything it waits for is done"
            else:
                services.closure_return(case=case, reason=form.cleaned_data["return_reason"], actor=actor)
                done = "The closure request is returned to the worker: the case is open"
        except ValidationError as error:
            add_service_errors(form, error, {"reason": "return_reason"})
        else:
            messages.success(request, done)
            return redirect("case-detail", case_id=case.pk)
    return render(request, "cases/closure_decision.html", {"case": case, "form": form, "pending": pending})


def case_close(request, case_id: int):
    actor = _decider_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    current = closure_request_current(case)
    initial = {"on": today(), "reason": current.reason if current else ""}
    form = CaseCloseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{case.reference} is closed")
            return redirect("case-detail", case_id=case.pk)
    # Not "current": the base layout sets its own `current` (the page's URL name), which would hide this one.
    return render(request, "cases/case_close.html", {"case": case, "form": form, "closure_request": current})


def closure_requests(request):
    staff = _decider_or_403(request)
    cases = list(closure_requests_for_manager(staff))
    return render(request, "cases/closure_requests.html", {
        "cases": cases, "reasons": dict(ClosureRequest._meta.get_field("reason").choices),
    })
