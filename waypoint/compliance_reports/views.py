"""Pages for compliance CMMs: the condensed compliance report (Appendix B) worked out from the appointment record,
as a page and as a PDF; arrange the CMM; mark the report ready for the TM/AP; record the CMM held (with the
presumption against breach for a child in care). Each view: permission, form, one service call, a message, a
redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.core.models import now, today
from waypoint.workforce.views import staff_or_403

from . import selectors as q
from . import services as s
from .forms import DiscussionForm, HeldForm, MeetingForm, PeriodForm, ReadyForm
from .report import NOT_HELD


def _page(case) -> str:
    return reverse("compliance-report", kwargs={"case_id": case.pk})


def _period(request) -> tuple[PeriodForm, dict]:
    """The period asked for in the query string, if it is valid; the order in force otherwise."""
    asked = any(key.startswith("period_") for key in request.GET)
    form = PeriodForm(request.GET if asked else None)
    if asked and form.is_valid():
        return form, {"period_from": form.cleaned_data["period_from"], "period_to": form.cleaned_data["period_to"]}
    return form, {}


def _context(request, case) -> dict:
    period_form, period = _period(request)
    return {
        "case": case, "period_form": period_form, "report": q.case_compliance_report(case, **period),
        "header": q.compliance_header(case), "meetings": list(q.case_compliance_meetings(case)),
        "obligations": list(q.compliance_obligations(case)), "in_care": q.child_in_care(case),
        "not_held": NOT_HELD, "now": now(), "today": today(), "query": request.GET.urlencode(),
    }


def compliance_report_page(request, case_id: int):
    staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    return render(request, "compliance_reports/report.html", _context(request, case))


def compliance_report_pdf(request, case_id: int):
    import weasyprint

    staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    html = render_to_string("compliance_reports/report_pdf.html", _context(request, case), request=request)
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="compliance-report-{case.reference}.pdf"'
    return response


def compliance_meeting_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.compliance_meeting_schedule(case=case, starts_at=form.starts_at, place=form.cleaned_data["place"],
                                          actor=actor)
        except ValidationError as error:
            add_service_errors(form, error, {"starts_at": "on"})
        else:
            messages.success(request, "The compliance CMM is arranged")
            return redirect(_page(case))
    return render(request, "compliance_reports/meeting.html", {"case": case, "form": form,
                                                                "duties": q.open_cmm_duties(case)})


def compliance_report_ready(request, meeting_id: int):
    actor = staff_or_403(request)
    meeting = q.meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    case = meeting.case
    form = ReadyForm(request.POST if request.method == "POST" else None,
                     initial={"capita_number": q.compliance_header(case).capita_number})
    period_form, period = _period(request)
    if request.method == "POST" and form.is_valid():
        try:
            s.compliance_report_mark_ready(meeting=meeting, actor=actor, **form.cleaned_data, **period)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The compliance report is marked ready for the TM/AP")
            return redirect(_page(case))
    return render(request, "compliance_reports/ready.html", {
        "case": case, "meeting": meeting, "form": form, "report": q.case_compliance_report(case, **period),
        "query": request.GET.urlencode()})


def compliance_meeting_held(request, meeting_id: int):
    actor = staff_or_403(request)
    meeting = q.meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    form = HeldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.compliance_meeting_record_held(meeting=meeting, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The compliance CMM is recorded as held")
            return redirect(_page(meeting.case))
    return render(request, "compliance_reports/held.html", {"case": meeting.case, "meeting": meeting, "form": form,
                                                            "in_care": q.child_in_care(meeting.case)})


def noncompliance_discussion_new(request, meeting_id: int):
    actor = staff_or_403(request)
    meeting = q.meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    form = DiscussionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.noncompliance_discussion_record(meeting=meeting, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The discussion of the non-compliance is recorded")
            return redirect(_page(meeting.case))
    return render(request, "compliance_reports/discussion.html", {"case": meeting.case, "meeting": meeting,
                                                                  "form": form})
