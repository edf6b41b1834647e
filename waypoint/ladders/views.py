"""Pages for the ladder steps that are actions. Each: permission, form, one service call, a message, a redirect to
the case's ladder."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.workforce.views import staff_or_403

from . import services as s
from .forms import (
    BreachForm,
    BreachListingForm,
    BreachOutcomeForm,
    ComplianceMeetingForm,
    EngagementRefusedForm,
    ExitInterviewForm,
    WarningForm,
)


def _step(request, case_id: int, *, form_class, title: str, done: str, call, fields=None, initial=None):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call(case, actor, form)
        except ValidationError as error:
            add_service_errors(form, error, fields)
        else:
            messages.success(request, done)
            return redirect(reverse("case-detail", kwargs={"case_id": case.pk}) + "#ladder")
    return render(request, "ladders/step.html", {"case": case, "form": form, "title": title})


def warning_new(request, case_id: int):
    level = request.GET.get("level", "")
    return _step(request, case_id, form_class=WarningForm, title="Record a warning",
                 done="The warning is recorded", initial={"level": level} if level in ("first", "second") else None,
                 fields={"compliance_meeting_at": "meeting_on"},
                 call=lambda case, actor, form: s.warning_record(
                     case=case, actor=actor, level=form.cleaned_data["level"], on=form.cleaned_data["on"],
                     compliance_meeting_at=form.compliance_meeting_at, note=form.cleaned_data["note"]))


def breach_new(request, case_id: int):
    return _step(request, case_id, form_class=BreachForm, title="Start breach proceedings",
                 done="Breach proceedings are started: get the breach listed in court",
                 call=lambda case, actor, form: s.breach_start(case=case, actor=actor, **form.cleaned_data))


def breach_listing_new(request, case_id: int):
    return _step(request, case_id, form_class=BreachListingForm, title="Record the breach hearing",
                 done="The breach hearing is recorded",
                 call=lambda case, actor, form: s.breach_listing_record(case=case, actor=actor, **form.cleaned_data))


def breach_outcome_new(request, case_id: int):
    return _step(request, case_id, form_class=BreachOutcomeForm, title="Record the court's decision on the breach",
                 done="The court's decision is recorded: the breach is no longer open",
                 call=lambda case, actor, form: s.breach_outcome_record(case=case, actor=actor, **form.cleaned_data))


def engagement_refused_new(request, case_id: int):
    return _step(request, case_id, form_class=EngagementRefusedForm, title="Record that engagement was refused",
                 done="Recorded: request closure within 3 working days",
                 call=lambda case, actor, form: s.engagement_refused_record(case=case, actor=actor,
                                                                            **form.cleaned_data))


def compliance_meeting_new(request, case_id: int):
    return _step(request, case_id, form_class=ComplianceMeetingForm, title="Record the compliance meeting",
                 done="The compliance meeting is recorded",
                 call=lambda case, actor, form: s.compliance_meeting_record(case=case, actor=actor,
                                                                            **form.cleaned_data))


def exit_interview_new(request, case_id: int):
    return _step(request, case_id, form_class=ExitInterviewForm, title="Record the exit interview",
                 done="The exit interview is recorded: the case can be closed",
                 call=lambda case, actor, form: s.exit_interview_record(case=case, actor=actor, **form.cleaned_data))


def programme_declined_new(request, case_id: int):
    return _step(request, case_id, form_class=EngagementRefusedForm, title="Record that the service was declined",
                 done="Recorded: discuss closure with your line manager and request it",
                 call=lambda case, actor, form: s.programme_declined_record(case=case, actor=actor,
                                                                            **form.cleaned_data))
