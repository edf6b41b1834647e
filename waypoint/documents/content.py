"""What a letter says and who it goes to: the data a template is filled in with, and the recipients rule.

The data is plain values only (strings, lists, dicts of strings, None), so a template can reach nothing but these.
Every name below is always present (None or an empty list when it does not apply), because templates are rendered
with StrictUndefined: a name a letter does not have is an error, never a silent blank.

    child_name          the child's preferred name, or their first name ("Alex")
    child_full_name     "Alex Testwell"
    dear                who the letter greets: the child's name, or the parent/carer's for a letter to them only
    to_child            whether the child is a recipient
    parent_names        the parent/carer addressees ("Sam Testwell"); empty when no one is recorded
    child_address       the child's current address as lines (empty if none is recorded), under the addressees
    to_parent           whether the parent/carer gets the letter (a copy, or the letter itself)
    worker_name         the case worker; manager_name: their line manager, or "a manager"
    service_name, service_address (a placeholder: the service record has no address yet)
    programme           "Community Resolution", "Youth Rehabilitation Order", ...
    letter_date         "Tuesday 24 November 2026"; closure_date likewise (the case's end, or the letter date)
    appointments        [{when, date, time, what, where, with_whom, worker}], earliest first
    next_appointment    the first of them, or None
    missed_appointments the appointments missed without an acceptable reason, earliest first; last_missed: the latest
    order               {name, end_date, spent_date, spent_explanation} for the order completion letter, else None
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from waypoint.appointments.models import Appointment, AppointmentKind, Outcome
from waypoint.appointments.selectors import case_appointments
from waypoint.cases.models import Case, Order, Programme
from waypoint.people.models import ChildRelationship, Person
from waypoint.policy import law

from .models import LetterType

SERVICE_ADDRESS_PLACEHOLDER = "[Service address]"
CHILD = "child"
PARENT_CARER = "parent_carer"

# Letters the catalogue sends to the child and the parent/carer whatever the programme or the child's age
# (wok.cr.closure-*.letter-5wd, wok.prev.closure-*.letter-5wd: `to=child+parent_carer`).
_TO_BOTH = {LetterType.CLOSURE_NO_CONTACT, LetterType.CLOSURE_DISENGAGEMENT, LetterType.SERVICE_DECLINED}
_UNEXCUSED = {Outcome.UNACCEPTABLE, Outcome.NOT_ATTENDED_OOC, Outcome.NOT_ATTENDED_PREVENTION}
_WHAT = {
    AppointmentKind.SUPERVISION: "Supervision session", AppointmentKind.ASSESSMENT: "Assessment session",
    AppointmentKind.PLANNING: "Planning meeting", AppointmentKind.HOME_VISIT: "Home visit",
    AppointmentKind.HOME_VISIT_UNANNOUNCED: "Home visit", AppointmentKind.OFFICE: "Meeting at our office",
    AppointmentKind.SCHOOL: "Meeting at school", AppointmentKind.PHONE: "Phone call",
    AppointmentKind.VIDEO: "Video call",
}
# Order types the order completion letter can work out a spent date for, as waypoint.policy.law names them.
_SPENT_DISPOSALS = {
    Order.OrderType.YRO: "yro", Order.OrderType.YRO_ISS: "yro", Order.OrderType.REFERRAL_ORDER: "referral_order",
    Order.OrderType.YOUTH_CAUTION: "youth_caution",
    Order.OrderType.YOUTH_CONDITIONAL_CAUTION: "youth_conditional_caution",
}


def long_date(day: dt.date) -> str:
    """"Tuesday 1 December 2026", as the letters write a date."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock_time(moment: dt.datetime) -> str:
    """"4pm", "2:30pm", "midday" (GOV.UK style), in Europe/London."""
    local = timezone.localtime(moment)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    minute = f":{local.minute:02d}" if local.minute else ""
    return f"{local.hour % 12 or 12}{minute}{'am' if local.hour < 12 else 'pm'}"


# ---- Recipients ----------------------------------------------------------------------------------------------------

def parent_carers(case: Case) -> list[ChildRelationship]:
    """The child's parents/carers who get letters: those with parental responsibility or who receive copies."""
    return [
        r for r in case.child.relationships.select_related("person").order_by("-parental_responsibility", "id")
        if r.person.kind == Person.Kind.PARENT_CARER and (r.parental_responsibility or r.receives_letters)
    ]


def letter_recipients(case: Case, letter_type: str, on: dt.date) -> list[str]:
    """Who a letter goes to, as the vocabulary's `to` values.

    - The Prevention Closure No Contact letter goes to the parent/carer only (wok.prev.closure-no-contact.letter).
    - Every other letter goes to the child, and also to the parent/carer when: the programme is Prevention
      (wok.prev.letters.child-and-parent: "every letter ... to both"); the child is under 16 on the letter's date
      (wok.yro.comms.parent-copy-under-16, applied to every programme); it is a closure letter the catalogue sends
      to both (wok.cr/prev.closure-*.letter-5wd); it is an appointment letter (the good-practice copy of
      wok.cr.appointments.parent-copy and wok.yro.appointments.parent-copy); or a related person has parental
      responsibility and receives copies of letters (people.ChildRelationship).
    """
    if case.programme == Programme.PREVENTION and letter_type == LetterType.CLOSURE_NO_CONTACT:
        return [PARENT_CARER]
    copy = (
        case.programme == Programme.PREVENTION
        or case.child.age_on(on) < 16
        or letter_type in _TO_BOTH
        or letter_type == LetterType.APPOINTMENT
        or any(r.parental_responsibility and r.receives_letters for r in parent_carers(case))
    )
    return [CHILD, PARENT_CARER] if copy else [CHILD]


# ---- The data ------------------------------------------------------------------------------------------------------

def appointment_data(appointment: Appointment, service_name: str) -> dict[str, str]:
    local = timezone.localtime(appointment.starts_at)
    kind = AppointmentKind(appointment.kind)
    if appointment.place:
        where = appointment.place
    elif kind in (AppointmentKind.HOME_VISIT, AppointmentKind.HOME_VISIT_UNANNOUNCED):
        where = "At your home"
    elif kind in (AppointmentKind.PHONE, AppointmentKind.VIDEO):
        where = "We will call you"
    else:
        where = f"The {service_name} office"
    return {
        "id": appointment.appointment_id, "date": long_date(local.date()), "time": clock_time(appointment.starts_at),
        "when": f"{long_date(local.date())} at {clock_time(appointment.starts_at)}", "what": _WHAT[kind],
        "where": where, "with_whom": appointment.with_whom, "worker": appointment.staff.display_name,
    }


def order_data(case: Case) -> dict[str, Any] | None:
    """The order's end and spent date (waypoint.policy.law.spent_date), or None if no order can give one.

    Raises ValueError with the law module's message when the dates cannot be worked out (an adult conviction)."""
    orders = [o for o in case.orders.all() if o.order_type in _SPENT_DISPOSALS]
    if not orders:
        return None
    order = sorted(orders, key=lambda o: (o.starts_on, o.pk))[-1]
    spent = law.spent_date(
        _SPENT_DISPOSALS[order.order_type], conviction_date=order.made_on, order_end=order.ends_on,
        age_at_conviction=case.child.age_on(order.made_on),
    )
    return {
        "name": order.get_order_type_display(),
        "end_date": long_date(order.ends_on) if order.ends_on else None,
        "spent_date": long_date(spent.date) if spent.date else None,
        "spent_explanation": spent.explanation,
    }


def missed(case: Case, before: dt.datetime) -> list[Appointment]:
    """The appointments before `before` whose outcome in force is a miss without an acceptable reason."""
    return [a for a in case_appointments(case).filter(starts_at__lt=before)
            if a.outcome_in_force and a.outcome_in_force.outcome in _UNEXCUSED]


def _address_lines(child) -> list[str]:
    address = child.current_address()
    if address is None:
        return []
    return [line for line in (address.line_1, address.line_2, address.town, address.postcode) if line]


def letter_data(*, case: Case, letter_type: str, appointments: list[Appointment], recipients: list[str],
                on: dt.date, at: dt.datetime) -> dict[str, Any]:
    """Everything the template may use, as plain values, worded as the letter will say them."""
    child = case.child
    service_name = case.service.name
    worker = case.case_worker
    manager = worker.line_manager if worker and worker.line_manager_id else None
    parents = [r.person.full_name for r in parent_carers(case)]
    child_name = child.preferred_name or child.given_name
    listed = [appointment_data(a, service_name) for a in sorted(appointments, key=lambda a: (a.starts_at, a.pk))]
    missed_list = [appointment_data(a, service_name) for a in missed(case, at)]
    to_child = CHILD in recipients
    return {
        "child_name": child_name,
        "child_full_name": f"{child.preferred_name} {child.family_name}" if child.preferred_name else child.full_name,
        "dear": child_name if to_child else (" and ".join(parents) or "parent or carer"),
        "to_child": to_child,
        "parent_names": parents,
        "child_address": _address_lines(child),
        "to_parent": PARENT_CARER in recipients,
        "worker_name": worker.display_name if worker else "your worker",
        "manager_name": manager.display_name if manager else "a manager",
        "service_name": service_name,
        "service_address": SERVICE_ADDRESS_PLACEHOLDER,
        "programme": case.get_programme_display(),
        "letter_date": long_date(on),
        "closure_date": long_date(case.ended_on or on),
        "appointments": listed,
        "next_appointment": listed[0] if listed else None,
        "missed_appointments": missed_list,
        "last_missed": missed_list[-1] if missed_list else None,
        "order": order_data(case) if letter_type == LetterType.ORDER_COMPLETION else None,
    }


def _sample_appointment(day: int, kind: str = "Supervision session", where: str = "Exampleton office") -> dict:
    when = dt.date(2026, 12, day)
    return {"id": f"ap-{day}", "date": long_date(when), "time": "4pm", "when": f"{long_date(when)} at 4pm",
            "what": kind, "where": where, "with_whom": "", "worker": "Sam Sample"}


def sample_data(letter_type: str) -> list[dict[str, Any]]:
    """Made-up data to check and preview a template with: one set per shape of letter the product writes (one
    appointment or several; the parent/carer named or not), so a template that breaks on either is refused."""
    base = {
        "child_name": "Alex", "child_full_name": "Alex Sample", "dear": "Alex", "to_child": True,
        "parent_names": ["Jo Sample"], "to_parent": True,
        "child_address": ["1 Sample Street", "Exampleton", "ZZ1 1ZZ"], "worker_name": "Sam Sample",
        "manager_name": "Max Manager",
        "service_name": "Exampleton Youth Justice Service", "service_address": SERVICE_ADDRESS_PLACEHOLDER,
        "programme": "Youth Rehabilitation Order", "letter_date": "Tuesday 24 November 2026",
        "closure_date": "Tuesday 24 November 2026",
        "appointments": [_sample_appointment(1)], "next_appointment": _sample_appointment(1),
        "missed_appointments": [_sample_appointment(1) | {"date": "Tuesday 17 November 2026",
                                                          "when": "Tuesday 17 November 2026 at 4pm"}],
        "last_missed": _sample_appointment(1) | {"date": "Tuesday 17 November 2026",
                                                 "when": "Tuesday 17 November 2026 at 4pm"},
        "order": {"name": "Youth Rehabilitation Order", "end_date": "Monday 30 November 2026",
                  "spent_date": "Monday 31 May 2027",
                  "spent_explanation": "Spent on 31 May 2027. A youth rehabilitation order ..."},
    }
    several = [_sample_appointment(d) for d in (1, 8, 15, 22, 29)]
    other = base | {"parent_names": [], "to_parent": False, "appointments": several, "next_appointment": several[0],
                    "missed_appointments": [], "last_missed": None}
    if letter_type != LetterType.APPOINTMENT:
        other = other | {"appointments": several[:1]}
    if letter_type == LetterType.ORDER_COMPLETION:
        other = other | {"order": base["order"] | {"end_date": None, "spent_date": None}}
    if letter_type in {LetterType.BREACH, LetterType.ORDER_COMPLETION} | _TO_BOTH:
        other = other | {"appointments": [], "next_appointment": None}
    return [base, other]
