"""Pages for appointments and contacts: book one or a run (warnings shown, then "Book anyway"), reschedule, record
an outcome, record a contact. Each view: permission, form, one service call, a message, a redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from waypoint.core.models import now

from waypoint.cases.selectors import allocatable_staff, case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.workforce.views import staff_or_403

from . import contacts
from . import services as s
from .forms import AppointmentForm, ContactForm, OutcomeForm, RescheduleForm, SeriesForm
from .selectors import appointment_get_for_user

_FIELDS = {"starts_at": "on", "first_at": "on"}


def _back(case) -> str:
    return reverse("case-detail", kwargs={"case_id": case.pk}) + "#appointments"


def _workers(case, actor):
    workers = list(allocatable_staff(case))
    if actor not in workers:
        workers.insert(0, actor)
    lead = case.case_worker
    if lead in workers:
        workers.remove(lead)
        workers.insert(0, lead)
    return workers


def _book(request, case_id: int, *, series: bool):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form_class = SeriesForm if series else AppointmentForm
    form = form_class(request.POST if request.method == "POST" else None, workers=_workers(case, actor))
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warnings = s.scheduling_warnings(case=case, staff=data["staff"], starts_at=form.starts_at,
                                         duration_minutes=data["duration_minutes"])
        if not warnings or data.get("confirmed"):
            try:
                common = dict(case=case, staff=data["staff"], kind=data["kind"], actor=actor, place=data["place"],
                              with_whom=data["with_whom"], duration_minutes=data["duration_minutes"])
                if series:
                    booked = s.appointments_schedule_series(first_at=form.starts_at, last_on=data["last_on"],
                                                            every_days=data["every_days"], **common)
                    done = f"{len(booked)} appointments are booked"
                else:
                    s.appointment_schedule(starts_at=form.starts_at, **common)
                    done = "The appointment is booked"
            except ValidationError as error:
                add_service_errors(form, error, _FIELDS)
                warnings = []
            else:
                messages.success(request, done)
                return redirect(_back(case))
    return render(request, "appointments/book.html", {"case": case, "form": form, "warnings": warnings,
                                                       "series": series})


def appointment_new(request, case_id: int):
    return _book(request, case_id, series=False)


def appointment_series_new(request, case_id: int):
    return _book(request, case_id, series=True)


def appointment_reschedule(request, appointment_id: int):
    actor = staff_or_403(request)
    appointment = appointment_get_for_user(user=request.user, appointment_id=appointment_id)
    form = RescheduleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            s.appointment_reschedule(appointment=appointment, starts_at=form.starts_at,
                                     reason=form.cleaned_data["reason"], actor=actor)
        except ValidationError as error:
            add_service_errors(form, error, _FIELDS)
        else:
            messages.success(request, "The appointment is rescheduled")
            return redirect(_back(appointment.case))
    return render(request, "appointments/reschedule.html", {"appointment": appointment, "form": form})


def appointment_outcome(request, appointment_id: int):
    actor = staff_or_403(request)
    appointment = appointment_get_for_user(user=request.user, appointment_id=appointment_id)
    form = OutcomeForm(request.POST if request.method == "POST" else None,
                       request.FILES if request.method == "POST" else None, programme=appointment.case.programme)
    if request.method == "POST" and form.is_valid():
        try:
            s.appointment_record_outcome(appointment=appointment, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The outcome is recorded")
            return redirect(_back(appointment.case))
    return render(request, "appointments/outcome.html", {"appointment": appointment, "form": form,
                                                          "started": appointment.starts_at <= now()})


def outcome_evidence(request, outcome_id: int):
    """The uploaded evidence for an absence, to someone who may see the case; never from a public address."""
    from django.http import FileResponse, Http404

    from .models import AppointmentOutcome

    staff_or_403(request)
    row = AppointmentOutcome.objects.filter(pk=outcome_id).exclude(evidence_file="").first()
    if row is None:
        raise Http404("No such document")
    appointment_get_for_user(user=request.user, appointment_id=row.appointment_id)
    response = FileResponse(row.evidence_file.open("rb"), as_attachment=True,
                            filename=row.evidence_file_name or "evidence")
    response["Cache-Control"] = "no-store"
    return response


def contact_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contacts.contact_record(case=case, kind=data["kind"], occurred_at=form.starts_at, actor=actor,
                                    with_whom=data["with_whom"] or "child", topic=data["topic"], notes=data["notes"])
        except ValidationError as error:
            add_service_errors(form, error, {"occurred_at": "on"})
        else:
            messages.success(request, "The contact is recorded")
            return redirect(_back(case))
    return render(request, "appointments/contact.html", {"case": case, "form": form})
