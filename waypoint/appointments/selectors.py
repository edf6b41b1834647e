"""Reads for appointments: a case's appointments with their outcomes (one query each), and an appointment the user
may see (through the case's scoping)."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from waypoint.cases.models import Case
from waypoint.cases.selectors import case_get_for_user

from .models import Appointment, AppointmentOutcome


def case_appointments(case: Case) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(case=case).select_related("staff")
        .prefetch_related(Prefetch("outcomes", queryset=AppointmentOutcome.objects.order_by("recorded_at", "id"),
                                   to_attr="outcomes_in_order"), "reschedules")
        .order_by("starts_at", "id")
    )


def appointment_get_for_user(*, user, appointment_id: int) -> Appointment:
    """The appointment, if its case is one the user may see (Http404 / PermissionDenied otherwise, as for cases)."""
    from django.http import Http404

    appointment = Appointment.objects.select_related("staff").filter(pk=appointment_id).first()
    if appointment is None:
        raise Http404("No such appointment")
    appointment.case = case_get_for_user(user=user, case_id=appointment.case_id)
    return appointment
