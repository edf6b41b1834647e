"""Pages for assessments: start, write and submit an assessment, the manager's QA (and the QA queue), finalise;
set a rating; record the SLCN and specialist screenings, checks, a MARF and a Child and Family Assessment.
Each view: permission, form, one service call, a message, a redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.workforce.views import manager_or_403, staff_or_403

from . import services as s
from .forms import (
    AssessmentForm,
    CheckForm,
    ChildFamilyAssessmentForm,
    MarfForm,
    QaForm,
    RatingForm,
    SlcnForm,
    SpecialistScreeningForm,
    StartForm,
)
from .models import EDITABLE_STATUSES, AssessmentStatus
from .selectors import assessment_get_for_user, assessment_history, qa_queue


def _back(case) -> str:
    return reverse("case-detail", kwargs={"case_id": case.pk}) + "#assessments"


def _post(request):
    return request.POST if request.method == "POST" else None


def assessment_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = StartForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            assessment = s.assessment_start(case=case, kind=form.cleaned_data["kind"], actor=actor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {assessment.get_kind_display()} is started as a draft")
            return redirect("assessment-edit", assessment_id=assessment.pk)
    return render(request, "assessments/start.html", {"case": case, "form": form})


def assessment_detail(request, assessment_id: int):
    actor = staff_or_403(request)
    assessment = assessment_get_for_user(user=request.user, assessment_id=assessment_id)
    status = assessment.current_status
    return render(request, "assessments/detail.html", {
        "assessment": assessment, "case": assessment.case, "history": list(assessment_history(assessment=assessment)),
        "may_edit": actor.pk == assessment.author_id and status in EDITABLE_STATUSES and assessment.case.is_open,
        "may_qa": actor.is_manager and actor.pk != assessment.author_id and status == AssessmentStatus.SUBMITTED,
        "may_finalise": (actor.pk == assessment.author_id or actor.is_manager)
        and status == AssessmentStatus.QA_COMPLETED,
    })


def assessment_edit(request, assessment_id: int):
    actor = staff_or_403(request)
    assessment = assessment_get_for_user(user=request.user, assessment_id=assessment_id)
    if actor.pk != assessment.author_id:
        raise PermissionDenied(s.ASSESSMENT_NOT_AUTHOR)
    if assessment.current_status not in EDITABLE_STATUSES:
        return redirect("assessment-detail", assessment_id=assessment.pk)
    form = AssessmentForm(_post(request), request.FILES if request.method == "POST" else None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") != "draft"
        try:
            if submit:
                s.assessment_submit(assessment=assessment, actor=actor, ratings=form.ratings(),
                                    **form.service_arguments())
            else:
                s.assessment_save_draft(assessment=assessment, actor=actor, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = assessment.get_kind_display()
            messages.success(request, f"The {label} is submitted for QA" if submit else f"The {label} is saved")
            return redirect(_back(assessment.case))
    returned = next((row for row in reversed(list(assessment_history(assessment=assessment)))
                     if row.status == AssessmentStatus.RETURNED), None)
    return render(request, "assessments/edit.html", {"assessment": assessment, "case": assessment.case,
                                                      "form": form, "returned": returned})


def assessment_qa(request, assessment_id: int):
    actor = manager_or_403(request)
    assessment = assessment_get_for_user(user=request.user, assessment_id=assessment_id)
    form = QaForm(_post(request))
    if request.method == "POST" and form.is_valid():
        returning = request.POST.get("action") == "return"
        try:
            if returning:
                s.assessment_return(assessment=assessment, actor=actor, comments=form.cleaned_data["comments"])
            else:
                s.assessment_qa_complete(assessment=assessment, actor=actor, comments=form.cleaned_data["comments"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = assessment.get_kind_display()
            messages.success(request, f"The {label} is returned to {assessment.author.display_name}" if returning
                             else f"The {label} is QA'd")
            return redirect("assessment-qa-queue")
    return render(request, "assessments/qa.html", {"assessment": assessment, "case": assessment.case, "form": form,
                                                    "waiting": assessment.current_status == AssessmentStatus.SUBMITTED})


@require_POST
def assessment_finalise(request, assessment_id: int):
    actor = staff_or_403(request)
    assessment = assessment_get_for_user(user=request.user, assessment_id=assessment_id)
    try:
        s.assessment_finalise(assessment=assessment, actor=actor)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("assessment-detail", assessment_id=assessment.pk)
    messages.success(request, f"The {assessment.get_kind_display()} is finalised")
    return redirect(_back(assessment.case))


def assessment_document(request, assessment_id: int):
    """The attached document, to someone who may see the case; never from a public address."""
    staff_or_403(request)
    assessment = assessment_get_for_user(user=request.user, assessment_id=assessment_id)
    if not assessment.document:
        raise Http404("No document")
    response = FileResponse(assessment.document.open("rb"), as_attachment=True,
                            filename=assessment.document_name or "assessment")
    response["Cache-Control"] = "no-store"
    return response


def assessment_qa_queue(request):
    actor = manager_or_403(request)
    return render(request, "assessments/qa_queue.html", {"assessments": list(qa_queue(service=actor.service)),
                                                          "actor": actor})


def _case_form(request, case_id: int, form_class, template: str, save, done: str, files: bool = False):
    """A case page's small record form: permission, form, the service call `save(case, actor, form)`, a message."""
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = form_class(_post(request), request.FILES if files and request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(case, actor, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(_back(case))
    return render(request, template, {"case": case, "form": form})


def rating_new(request, case_id: int):
    def save(case, actor, form):
        s.rating_set(case=case, actor=actor, **form.cleaned_data)
    return _case_form(request, case_id, RatingForm, "assessments/rating.html", save, "The rating is set")


def slcn_screening_new(request, case_id: int):
    def save(case, actor, form):
        s.slcn_screening_record(case=case, actor=actor, screened_on=form.cleaned_data["screened_on"],
                                answers=form.answers(), notes=form.cleaned_data["notes"])
    return _case_form(request, case_id, SlcnForm, "assessments/slcn.html", save, "The SLCN screening is recorded")


def specialist_screening_new(request, case_id: int):
    def save(case, actor, form):
        s.specialist_screening_record(case=case, actor=actor, **form.cleaned_data)
    return _case_form(request, case_id, SpecialistScreeningForm, "assessments/specialist_screening.html", save,
                      "The specialist workers' screening is recorded")


def check_new(request, case_id: int):
    def save(case, actor, form):
        s.check_record(case=case, actor=actor, kind=form.cleaned_data["kind"],
                       checked_on=form.cleaned_data["checked_on"], concern=form.concern_value(),
                       details=form.cleaned_data["details"])
    return _case_form(request, case_id, CheckForm, "assessments/check.html", save, "The check is recorded")


def marf_new(request, case_id: int):
    def save(case, actor, form):
        s.marf_referral_record(case=case, actor=actor, **form.cleaned_data)
    return _case_form(request, case_id, MarfForm, "assessments/marf.html", save, "The MARF referral is recorded")


def child_family_assessment_new(request, case_id: int):
    def save(case, actor, form):
        s.child_family_assessment_record(case=case, actor=actor, **form.cleaned_data)
    return _case_form(request, case_id, ChildFamilyAssessmentForm, "assessments/child_family_assessment.html", save,
                      "The Child and Family Assessment is attached", files=True)
