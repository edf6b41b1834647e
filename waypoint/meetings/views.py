"""Pages for meetings. Each view: permission, form, one service call, a message, a redirect.

A meeting's page is its record: what was arranged, the views collected, who attended, the actions, and for a CMM the
Appendix A CMM Record pre-filled from the case; for an exit interview the closure document's steps."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from waypoint.cases.selectors import allocatable_staff, case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.core.models import now, today
from waypoint.workforce.views import manager_or_403, staff_or_403

from . import services as s
from .forms import (
    ActionForm, ArrangeForm, ClosureDocumentForm, CmmRecordForm, ConfirmForm, GiveForm, HeldForm, QaForm, ViewsForm,
)
from .models import ClosureDocument, MeetingType
from .selectors import action_get_for_user, cmm_prefill, feedback_summary, meeting_get_for_user

ARRANGE_TITLES = {
    MeetingType.CMM: "Arrange a CMM", MeetingType.CSC_MAM: "Arrange a CSC meeting standing in for a CMM",
    MeetingType.RISK_PANEL: "Arrange a risk panel", MeetingType.REVIEW_PLAN: "Arrange a review plan meeting",
    MeetingType.EXIT_INTERVIEW: "Book the exit interview",
}


def _detail(meeting) -> str:
    return reverse("meeting-detail", kwargs={"meeting_id": meeting.pk})


def meeting_new(request, case_id: int, meeting_type: str):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    if meeting_type not in MeetingType.values:
        raise Http404("No such type of meeting")
    form = ArrangeForm(request.POST if request.method == "POST" else None, cmm=meeting_type == MeetingType.CMM)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = s.meeting_arrange(case=case, type=meeting_type, starts_at=form.starts_at, actor=actor,
                                        purpose=data["purpose"], place=data["place"], invitees=data["invitees"])
        except ValidationError as error:
            add_service_errors(form, error, {"starts_at": "on"})
        else:
            messages.success(request, f"The {meeting.title} is arranged")
            return redirect(_detail(meeting))
    return render(request, "meetings/arrange.html", {"case": case, "form": form, "meeting_type": meeting_type,
                                                      "title": ARRANGE_TITLES[MeetingType(meeting_type)]})


def meeting_detail(request, meeting_id: int):
    staff = staff_or_403(request)
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    cmm = meeting.type in (MeetingType.CMM, MeetingType.CSC_MAM)
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "case": meeting.case, "staff": staff, "today": today(), "now": now(),
        "prefill": cmm_prefill(meeting=meeting) if cmm else None, "cmm": cmm,
        "document": getattr(meeting, "closure_document", None) if meeting.type == MeetingType.EXIT_INTERVIEW
        else None,
    })


def _meeting_form_page(request, meeting_id: int, *, form_class, template: str, call, done: str, form_kwargs=None,
                       initial=None, fields=None, extra=None, actor_check=staff_or_403):
    actor = actor_check(request)
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    kwargs = form_kwargs(meeting) if form_kwargs else {}
    form = form_class(request.POST if request.method == "POST" else None,
                      initial=initial(meeting) if initial else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call(meeting, actor, form)
        except ValidationError as error:
            add_service_errors(form, error, fields)
        else:
            messages.success(request, done)
            return redirect(_detail(meeting))
    context = {"meeting": meeting, "case": meeting.case, "form": form}
    context.update(extra(meeting) if extra else {})
    return render(request, template, context)


def meeting_views(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=ViewsForm, template="meetings/views.html",
        call=lambda m, actor, form: s.meeting_views_record(meeting=m, actor=actor, **form.cleaned_data),
        done="The views are recorded")


def meeting_held(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=HeldForm, template="meetings/held.html",
        form_kwargs=lambda m: {"exit_interview": m.type == MeetingType.EXIT_INTERVIEW},
        call=lambda m, actor, form: s.meeting_hold(meeting=m, actor=actor, **form.cleaned_data),
        done="The meeting is recorded as held")


def meeting_action_new(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=ActionForm, template="meetings/action.html",
        form_kwargs=lambda m: {"staff": list(allocatable_staff(m.case))},
        call=lambda m, actor, form: s.meeting_action_add(meeting=m, actor=actor, **form.cleaned_data),
        done="The action is added")


def meeting_record(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=CmmRecordForm, template="meetings/record.html",
        initial=lambda m: cmm_prefill(meeting=m).initial,
        extra=lambda m: {"prefill": cmm_prefill(meeting=m)},
        call=lambda m, actor, form: s.cmm_record_complete(meeting=m, actor=actor, **form.cleaned_data),
        done="The minutes are completed on the CMM Record")


def closure_document_new(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=ClosureDocumentForm, template="meetings/closure_document.html",
        call=lambda m, actor, form: s.closure_document_write(meeting=m, actor=actor, **form.cleaned_data),
        done="The closure document is written")


def _document(meeting) -> ClosureDocument:
    document = getattr(meeting, "closure_document", None)
    if document is None:
        raise Http404("No closure document")
    return document


def closure_document_submit(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=ConfirmForm, template="meetings/confirm.html",
        extra=lambda m: {"title": "Submit the closure document for quality assurance",
                         "body": "A manager will quality-assure it before the exit interview.",
                         "button": "Submit for quality assurance"},
        call=lambda m, actor, form: s.closure_document_submit(document=_document(m), actor=actor),
        done="The closure document is submitted to a manager for quality assurance")


def closure_document_qa(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=QaForm, template="meetings/confirm.html", actor_check=manager_or_403,
        extra=lambda m: {"title": "Quality-assure the closure document", "button": "Mark as quality-assured",
                         "document": _document(m)},
        call=lambda m, actor, form: s.closure_document_qa(document=_document(m), actor=actor, **form.cleaned_data),
        done="The closure document is quality-assured")


def closure_document_give(request, meeting_id: int):
    return _meeting_form_page(
        request, meeting_id, form_class=GiveForm, template="meetings/confirm.html",
        extra=lambda m: {"title": "Give the closure document", "button": "Record it given"},
        call=lambda m, actor, form: s.closure_document_give(document=_document(m), actor=actor,
                                                            to=form.cleaned_data["to"]),
        done="The closure document is recorded as given")


def meeting_action_done(request, action_id: int):
    actor = staff_or_403(request)
    action = action_get_for_user(user=request.user, action_id=action_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.meeting_action_done(action=action, actor=actor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The action is marked as done")
            return redirect(_detail(action.meeting))
    return render(request, "meetings/action_done.html", {"action": action, "case": action.case, "form": form})


def _pdf(request, meeting, template: str, name: str, context: dict) -> HttpResponse:
    from waypoint.documents.rendering import pdf_bytes

    html = render_to_string(template, {"meeting": meeting, "case": meeting.case, "now": now(), **context},
                            request=request)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}-{meeting.case.reference}.pdf"'
    return response


def cmm_record_pdf(request, meeting_id: int):
    staff_or_403(request)
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    if meeting.type not in (MeetingType.CMM, MeetingType.CSC_MAM):
        raise Http404("Not a CMM")
    return _pdf(request, meeting, "meetings/cmm_record_pdf.html", "cmm-record",
                {"prefill": cmm_prefill(meeting=meeting), "record": meeting.minutes})


def closure_document_pdf(request, meeting_id: int):
    staff_or_403(request)
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    return _pdf(request, meeting, "meetings/closure_document_pdf.html", "closure-document",
                {"document": _document(meeting)})


def exit_feedback(request):
    staff = manager_or_403(request)
    return render(request, "meetings/feedback.html", {"summary": feedback_summary(service=staff.service)})
