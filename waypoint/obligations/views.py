"""Pages about obligations: "My work", waiving an obligation, moving a case to the current packs, and "Policies"
(each pack, its rules and their sources). The case page's "What's due" is laid out by cases/case_detail.html from
selectors.case_due."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.core.models import today
from waypoint.core.views import govuk_pagination, paginate
from waypoint.policy.schema import PackError
from waypoint.workforce.views import manager_or_403, staff_or_403

from .forms import MigrationForm, WaiverForm
from .models import Obligation
from .selectors import PACKS_UNREADABLE, case_due
from .selectors import my_work as my_work_selector
from .selectors import obligation_get_for_staff, pack_version_for_service, service_packs
from .services import case_policy_migrate as case_policy_migrate_service
from .services import obligation_waive as obligation_waive_service


def my_work(request):
    staff = staff_or_403(request)
    from waypoint.meetings.selectors import actions_for_owner

    page = paginate(request, my_work_selector(staff=staff, today=today()))
    return render(request, "obligations/my_work.html", {
        "page": page, "pagination": govuk_pagination(page, request.GET), "today": today(),
        "actions": actions_for_owner(staff=staff),
    })


def obligation_waive(request, obligation_id: int):
    actor = manager_or_403(request)
    try:
        obligation = obligation_get_for_staff(staff=actor, obligation_id=obligation_id)
    except Obligation.DoesNotExist:
        raise Http404("No such obligation") from None
    form = WaiverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            obligation_waive_service(obligation=obligation, reason=form.cleaned_data["reason"], actor=actor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{obligation.title}” is waived")
            return redirect(reverse("case-detail", kwargs={"case_id": obligation.case_id}) + "#whats-due")
    return render(request, "obligations/waive.html", {"obligation": obligation, "form": form, "today": today()})


def case_policy_migrate(request, case_id: int):
    actor = manager_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = MigrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case_policy_migrate_service(case=case, reason=form.cleaned_data["reason"], actor=actor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{case.reference} now runs under the service’s current policy packs")
            return redirect(reverse("case-detail", kwargs={"case_id": case.pk}) + "#whats-due")
    return render(request, "obligations/migrate.html", {
        "case": case, "form": form, "due": case_due(case=case, today=today()),
    })


def policies(request):
    staff = staff_or_403(request)
    try:
        packs, problem = service_packs(service_key=staff.service.policy_set, today=today()), ""
    except PackError as error:
        packs, problem = [], PACKS_UNREADABLE.format(error=error)
    return render(request, "obligations/policies.html", {"packs": packs, "problem": problem, "today": today()})


def policy_pack(request, service_key: str, pack_name: str):
    staff = staff_or_403(request)
    if service_key != staff.service.policy_set:
        raise Http404("No such policy pack")
    try:
        summary = pack_version_for_service(service_key=service_key, pack_id=f"{service_key}/{pack_name}",
                                           today=today())
    except PackError:
        return redirect("policies")
    if summary is None:
        raise Http404("No such policy pack")
    return render(request, "obligations/policy_pack.html", {"pack": summary, "today": today()})
