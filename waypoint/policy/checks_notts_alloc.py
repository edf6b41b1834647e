"""Checks, trigger predicates and conditions of the Nottinghamshire allocation, leave and specific-intervention packs.

Catalogue §2.5 (Nottinghamshire YJS allocation, co-allocation, students, leave, specific intervention). Staff events
(``staff.leave-planned``, ``staff.absence-started``, ``staff.absence-ended``) in a case's history are those of the
worker holding the case. Review dates of the case's assessment and plan are the facts ``assessment_review_date``
and ``plan_review_date``.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from waypoint.policy.due import long_date
from waypoint.policy.events import LEAD_ROLES, Event, norm, parse_day, values_of
from waypoint.policy.registry import check, condition, trigger

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

# The case's review dates (facts) and the events that update each item.
REVIEW_ITEMS = (
    ("assessment_review_date", "assessment", "assessment.completed"),
    ("plan_review_date", "plan", "plan.reviewed"),
)


def _lead_allocations(ctx: Context) -> list[Event]:
    return [event for event in ctx.history.of("case.allocated")
            if event.get("role") is None or norm(event.get("role")) in LEAD_ROLES]


def _unplanned(event: Event) -> bool:
    return norm(event.get("planned")) == "false"


def _absence_end(ctx: Context, started: Event) -> Event | None:
    """The first return recorded after an absence began (of the same worker, where the events say whose: a case's
    history holds the absences of each worker who has held it)."""
    worker = started.get("worker")
    return next((event for event in ctx.history.of("staff.absence-ended")
                 if event.at >= started.at and (worker is None or event.get("worker") == worker)), None)


def _absent_at(ctx: Context, moment: datetime, *, unplanned_only: bool = False) -> str | None:
    """Words describing the worker's absence at ``moment`` (an absence not yet ended, or planned leave), or None."""
    for started in ctx.history.of("staff.absence-started"):
        if unplanned_only and not _unplanned(started):
            continue
        ended = _absence_end(ctx, started)
        if started.at <= moment and (ended is None or ended.at > moment):
            kind = "unplanned absence" if _unplanned(started) else "absence"
            return f"{kind} from {long_date(started.day)}"
    if unplanned_only:
        return None
    for leave in ctx.history.of("staff.leave-planned"):
        if leave.at <= moment and leave.get("start") and leave.get("end"):
            start, end = parse_day(leave.get("start")), parse_day(leave.get("end"))
            if start <= moment.date() <= end:
                return f"planned leave {long_date(start)} to {long_date(end)}"
    return None


# --- Allocation (2.0 General Principles, 4.0) ---------------------------------------------------------------

@condition("notts_team_capacity_concern")
def notts_team_capacity_concern(ctx: Context, event: Event | None, day: date) -> bool:
    """A team-level capacity concern has been identified on or before the day (notts.alloc.capacity)."""
    return any(concern.day <= day and "team_capacity" in values_of(concern, "type")
               for concern in ctx.history.of("concern.identified"))


@check("notts_absent_worker_allocation")
def notts_absent_worker_allocation(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.alloc.absent-worker: "Cases will not be allocated to those absent from work unless there are
    reasonable grounds to believe that their return is imminent." Grounds are recorded with the allocation
    (`return_grounds`), or, with option absent_worker_grounds: capita_rationale, as a Capita rationale that day."""
    for allocation in _lead_allocations(ctx):
        absence = _absent_at(ctx, allocation.at)
        if absence is None:
            continue
        if str(allocation.get("return_grounds") or "").strip():
            continue
        if ctx.options.get("absent_worker_grounds") == "capita_rationale" and any(
            record.day == allocation.day and "capita" in values_of(record, "system")
            and "rationale" in values_of(record, "kind")
            for record in ctx.history.of("record.entered")
        ):
            continue
        yield (f"The case was allocated on {long_date(allocation.day)} to a worker who is absent ({absence}), with "
               "no recorded grounds to believe their return is imminent (the guidance, 2.1).")


@check("notts_girls_female_case_manager")
def notts_girls_female_case_manager(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.alloc.gender.girls: a girl or young woman is allocated to a Case Manager identifying as female,
    unless a clear rationale for a male Case Manager is recorded (consultation with the child + Capita entry)."""
    if norm(ctx.case.child.get("gender")) != "female":
        return
    consulted = any({"child"} <= values_of(e, "with") and "gender_allocation" in values_of(e, "topic")
                    for e in ctx.history.of("consultation.held"))
    recorded = any("capita" in values_of(e, "system") and "rationale" in values_of(e, "kind")
                   and "gender_allocation" in values_of(e, "topic") for e in ctx.history.of("record.entered"))
    for allocation in _lead_allocations(ctx):
        gender = allocation.get("worker_gender") or ctx.case.worker.get("gender")
        if gender is None or norm(gender) == "female":
            continue
        if consulted and recorded:
            continue
        yield (f"A girl was allocated on {long_date(allocation.day)} to a Case Manager identifying as {norm(gender)}, "
               "with no recorded rationale (consultation with the child and a rationale on Capita; the guidance, 2.2).")


@check("notts_male_role_model_in_advance")
def notts_male_role_model_in_advance(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.alloc.gender.male-role-model: the secondary allocation of a male worker to a girl's case "will be
    agreed in advance with the child": a consent by the child is recorded before the co-allocation."""
    if norm(ctx.case.child.get("gender")) != "female":
        return
    for co in ctx.history.of("case.co-allocated"):
        if "secondary" not in values_of(co, "role") or "male" not in values_of(co, "worker_gender"):
            continue
        if not any("child" in values_of(e, "by") and e.at < co.at for e in ctx.history.of("consent.recorded")):
            yield (f"The secondary allocation of a male worker on {long_date(co.day)} was not agreed with the child "
                   "in advance: no consent by the child is recorded before it (the guidance, 2.2).")


@check("notts_high_risk_band_b")
def notts_high_risk_band_b(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.alloc.high-risk-band-b: a case assessed as High or Very High RoSH or SaW at the point of allocation
    is allocated to a Band B Senior Case Manager (the allocation's band or role, else the worker's band)."""
    for allocation in _lead_allocations(ctx):
        levels = [level for dimension in ("rosh", "saw") if (level := ctx.risk_at(dimension, allocation.day))]
        high = [level for level in levels if level in ("high", "very_high")]
        if not high:
            continue
        if norm(allocation.get("band")) == "b" or norm(allocation.get("role")) == "scm":
            continue
        if allocation.get("band") is None and norm(ctx.case.worker.get("band")) == "b":
            continue
        level = "Very High" if "very_high" in high else "High"
        yield (f"The case was allocated on {long_date(allocation.day)} with RoSH or SaW {level}, but not to a "
               "Band B Senior Case Manager (the guidance, 4.1).")


# --- Students (6.1) -----------------------------------------------------------------------------------------

@condition("notts_student_holds_case")
def notts_student_holds_case(ctx: Context, event: Event | None, day: date) -> bool:
    """The case is held by a student that day: its latest lead allocation is to a student, or the worker is one."""
    leads = [e for e in _lead_allocations(ctx) if e.day <= day]
    if leads and norm(leads[-1].get("to")) == "student":
        return True
    return bool(ctx.case.worker.get("student"))


# --- Leave (7.1, 7.2) ---------------------------------------------------------------------------------------

def _review_dates(ctx: Context) -> list[tuple[str, str, date]]:
    found = []
    for fact, item, event_type in REVIEW_ITEMS:
        if ctx.case.facts.get(fact):
            found.append((item, event_type, parse_day(ctx.case.facts[fact])))
    return found


def _leave_dates(leave: Event) -> tuple[date, date] | None:
    if not leave.get("start") or not leave.get("end"):
        return None
    return parse_day(leave.get("start")), parse_day(leave.get("end"))


@condition("notts_review_falls_in_leave")
def notts_review_falls_in_leave(ctx: Context, event: Event | None, day: date) -> bool:
    """An assessment or plan review date falls within the planned leave (notts.leave.planned.expiring).

    Asked with no event (the gate before the rule's check runs) it holds: the check tests each leave itself."""
    if event is None:
        return True
    dates = _leave_dates(event)
    if dates is None:
        return False
    return any(dates[0] <= due <= dates[1] for _, _, due in _review_dates(ctx))


@check("notts_leave_expiring_items")
def notts_leave_expiring_items(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.leave.planned.expiring, for each item: once the leave has begun, every assessment or plan whose
    review date falls in it was updated after the leave was booked and before it began."""
    for leave in ctx.history.of("staff.leave-planned"):
        dates = _leave_dates(leave)
        if dates is None or dates[0] > ctx.as_of:
            continue
        start, end = dates
        for item, event_type, due in _review_dates(ctx):
            if not start <= due <= end:
                continue
            if any(leave.day <= e.day < start for e in ctx.history.of(event_type)):
                continue
            yield (f"The {item} due for review on {long_date(due)} falls in the planned leave ({long_date(start)} "
                   f"to {long_date(end)}) and was not updated before the leave began (the guidance, 7.1).")


def _synthetic(source: Event, suffix: str, day: date, **extra: object) -> Event:
    return Event(f"{source.id}#{suffix}", source.type, datetime.combine(day, time()), {**source.data, **extra})


@trigger("notts_review_expired_in_absence")
def notts_review_expired_in_absence(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.leave.unplanned.expiry-entry: the day after an assessment or plan review date passes, not updated,
    during an unplanned absence (the date is before the return)."""
    found = []
    for started in ctx.history.of("staff.absence-started"):
        if not _unplanned(started):
            continue
        ended = _absence_end(ctx, started)
        for item, event_type, due in _review_dates(ctx):
            passed = due + timedelta(days=1)
            if due < started.day or passed > ctx.as_of or (ended is not None and ended.day <= due):
                continue
            if any(started.day <= e.day <= due for e in ctx.history.of(event_type)):
                continue
            found.append(_synthetic(started, f"expired-{item}", passed, item=item))
    return found


@trigger("notts_two_weeks_absent")
def notts_two_weeks_absent(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.leave.unplanned.2wk-reallocation: day 14 of an unplanned absence (days 0-13 are two weeks), the
    worker not having returned by then."""
    found = []
    for started in ctx.history.of("staff.absence-started"):
        if not _unplanned(started):
            continue
        day14 = started.day + timedelta(days=14)
        ended = _absence_end(ctx, started)
        if day14 <= ctx.as_of and (ended is None or ended.day > day14):
            found.append(_synthetic(started, "14-days", day14))
    return found


@condition("notts_worker_on_unplanned_leave")
def notts_worker_on_unplanned_leave(ctx: Context, event: Event | None, day: date) -> bool:
    """The case's worker is on unplanned leave at the event (an unplanned absence with no return yet).

    Asked with no event (the gate before the rule's check runs) it holds: the check tests each closure itself."""
    if event is None:
        return True
    return _absent_at(ctx, event.at, unplanned_only=True) is not None


@check("notts_closed_during_unplanned_leave")
def notts_closed_during_unplanned_leave(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.leave.unplanned.no-closure: "Cases should not be closed unless plans of work have been completed and
    this has been agreed with the child, young person and / or family", while the worker is on unplanned leave."""
    for closed in ctx.history.of("case.closed"):
        absence = _absent_at(ctx, closed.at, unplanned_only=True)
        if absence is None:
            continue
        planned = any(e.at <= closed.at for e in ctx.history.of("plan.completed"))
        agreed = any(e.at <= closed.at and "closure" in values_of(e, "topic") for e in ctx.history.of("consent.recorded"))
        if not (planned and agreed):
            missing = " and ".join(words for ok, words in ((planned, "completed plans of work"),
                                                          (agreed, "closure agreed with the child or family")) if not ok)
            yield (f"The case was closed on {long_date(closed.day)} during the worker's {absence}, without {missing} "
                   "(the guidance, 7.2).")


# --- Specific intervention (8.4-8.7) ------------------------------------------------------------------------

def _action_plans(ctx: Context) -> list[Event]:
    return [e for e in ctx.history.of("plan.completed") if "specific_action_plan" in values_of(e, "type")]


@check("notts_si_plan_states_sessions")
def notts_si_plan_states_sessions(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.si.action-plan-10wd: the specific action plan states "how many sessions are anticipated and over what
    time" (`sessions` and `period_weeks`)."""
    for plan in _action_plans(ctx):
        missing = [words for key, words in (("sessions", "how many sessions are anticipated"),
                                            ("period_weeks", "over what period")) if not plan.get(key)]
        if missing:
            yield (f"The specific action plan completed on {long_date(plan.day)} does not state "
                   f"{' or '.join(missing)} (the guidance, 8.4).")


@trigger("notts_si_agreed_sessions_completed")
def notts_si_agreed_sessions_completed(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.si.review: the session that completes the number agreed in the latest specific action plan."""
    plans = [plan for plan in _action_plans(ctx) if plan.get("sessions")]
    if not plans:
        return []
    agreed = int(plans[-1].get("sessions"))
    sessions = ctx.history.of("session.delivered")
    return [sessions[agreed - 1]] if len(sessions) >= agreed else []


@trigger("notts_si_sessions_beyond_plan")
def notts_si_sessions_beyond_plan(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.si.additional-sessions: each specific-intervention appointment scheduled beyond the number of sessions
    in the specific action plan in force when it was scheduled."""
    found, seen = [], []
    for event in ctx.history.of("appointment.scheduled"):
        if "specific_intervention" not in values_of(event, "programme"):
            continue
        appointment_id = str(event.get("appointment_id") or event.id)
        if appointment_id in seen:
            continue
        seen.append(appointment_id)
        plans = [plan for plan in _action_plans(ctx) if plan.get("sessions") and plan.at <= event.at]
        if plans and len(seen) > int(plans[-1].get("sessions")):
            found.append(event)
    return found


# --- Parenting Orders (12.11) -------------------------------------------------------------------------------

TRANSFER_PACK_CONTENTS = (
    ("case_transfer_summary", "a written case transfer summary"),
    ("parenting_assessment", "a current Parenting Assessment"),
    ("court_report", "the report provided to the court when the Order was made"),
    ("intervention_plan", "the intervention plan"),
    ("record_of_contacts", "the record of contacts"),
)


@check("notts_po_transfer_pack_contents")
def notts_po_transfer_pack_contents(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.po.transfer-pack: the pack given to the receiving authority holds the five items of 12.11
    (`contents` of the document.shared{type=parenting_order_transfer_pack})."""
    for shared in ctx.history.of("document.shared"):
        if "parenting_order_transfer_pack" not in values_of(shared, "type"):
            continue
        held = values_of(shared, "contents")
        missing = [words for key, words in TRANSFER_PACK_CONTENTS if key not in held]
        if missing:
            yield (f"The Parenting Order transfer pack shared on {long_date(shared.day)} lacks "
                   f"{', '.join(missing)} (the guidance, 12.11).")
