"""Pages for plans. Each view: permission, form, one service call, a message, a redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.core.models import today
from waypoint.workforce.views import staff_or_403

from . import selectors
from . import services as s
from .forms import CopyForm, PlanForm, ReviewForm, SignatureForm, StepForm
from .models import Plan, PlanType, plan_type_for


def _back(case) -> str:
    return reverse("case-detail", kwargs={"case_id": case.pk}) + "#plans"


def _post(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def plan_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    exit_plan = request.GET.get("type") == PlanType.EXIT_PLAN
    plan_type = PlanType.EXIT_PLAN if exit_plan else plan_type_for(case.programme)
    form = PlanForm(*_post(request), plan_type=plan_type)
    if request.method == "POST" and form.is_valid():
        try:
            s.plan_write(case=case, actor=actor, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {PlanType(plan_type).label.lower()} is saved")
            return redirect(_back(case))
    return render(request, "plans/plan_form.html", {"case": case, "form": form,
                                                    "page_title": f"Write the {PlanType(plan_type).label.lower()}",
                                                    "yro": case.programme == "yro"})


def plan_review(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    plan = selectors.plan_in_force(case=case)
    if plan is None:
        raise Http404("No plan to review")
    progress = selectors.plan_progress(case=case)
    form = ReviewForm(request.POST if request.method == "POST" else None, targets=progress.targets)
    if request.method == "POST" and form.is_valid():
        try:
            s.plan_review(plan=plan, actor=actor, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The plan review is saved")
            return redirect(_back(case))
    return render(request, "plans/review_form.html", {"case": case, "form": form, "progress": progress})


def signature_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = SignatureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.signature_record(case=case, actor=actor, plan=selectors.plan_in_force(case=case), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The signature is recorded")
            return redirect(_back(case))
    return render(request, "plans/simple_form.html", {"case": case, "form": form, "page_title": "Record a signature",
                                                      "button": "Save signature"})


def plan_copy(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    plan = selectors.plan_in_force(case=case)
    if plan is None:
        raise Http404("No plan")
    form = CopyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.plan_copy_record(plan=plan, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The parent or carer's copy is recorded")
            return redirect(_back(case))
    return render(request, "plans/simple_form.html", {"case": case, "form": form, "button": "Save",
                                                      "page_title": "Record the parent or carer's copy of the plan"})


def early_revocation_step(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    initial = {"step": request.GET.get("step")} if request.GET.get("step") else None
    form = StepForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criteria = [c.key for c in selectors.early_revocation_criteria(case=case, as_of=data["on"] or today())
                    if c.met and c.key in ("low_risk", "programme_completed", "compliance_satisfactory",
                                           "no_reoffending")]
        try:
            s.early_revocation_step_record(case=case, actor=actor, criteria_met=criteria, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The early revocation step is recorded")
            return redirect(_back(case))
    return render(request, "plans/simple_form.html", {"case": case, "form": form, "button": "Save step",
                                                      "page_title": "Record an early revocation step"})


def plan_file(request, plan_id: int):
    """The uploaded plan, to someone who may see the case; never from a public address."""
    staff_or_403(request)
    plan = Plan.objects.filter(pk=plan_id).exclude(file="").first()
    if plan is None:
        raise Http404("No such document")
    case_get_for_user(user=request.user, case_id=plan.case_id)
    response = FileResponse(plan.file.open("rb"), as_attachment=True, filename=plan.file_name or "plan")
    response["Cache-Control"] = "no-store"
    return response
