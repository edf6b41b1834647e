"""Checks for the Wokingham Prevention pack (waypoint/packs/wokingham/prevention.yaml), catalogue §2.2.

Each check reads the prepared history (corrections and outcomes in force applied) and yields one message per
violation, naming the limit and that it comes from the guidance.
"""
from __future__ import annotations

import calendar as _months
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from waypoint.policy.due import long_date
from waypoint.policy.events import parse_when
from waypoint.policy.registry import check, condition

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

LEAD_ROLES = (None, "case_worker", "cm", "scm", "intervention_worker")
ORIGIN_OF_SOURCE = {"ehh_contact_form": "ehh", "stepdown": "stepdown"}
MISSED_CODES = {
    "not_kept_sufficient_explanation": "Not Kept Sufficient Explanation",
    "not_attended_prevention": "Not Attended Prevention",
}
MINI_ASSET_EVIDENCE = {
    "specialist_screening": "the specialist workers' initial screening",
    "education": "education",
    "mosaic_checks": "the MOSAIC checks",
    "social_worker_information": "the social worker's information (or that there was none)",
}


def _prevention_allocations(ctx: Context) -> list:
    return [event for event in ctx.history.of("case.allocated")
            if event.get("programme") == "prevention" and event.get("role") in LEAD_ROLES]


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(item) for item in value]
    return [str(value)]


@check("prevention_origin_recorded")
def prevention_origin_recorded(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.programme.scope: each prevention case records its origin, ehh or stepdown (001 Introduction)."""
    sources = [(event, ORIGIN_OF_SOURCE[str(event.get("source"))]) for event in ctx.history.of("referral.accepted")
               if str(event.get("source")) in ORIGIN_OF_SOURCE]
    for allocation in _prevention_allocations(ctx):
        origin = allocation.get("origin") or ctx.case.facts.get("origin")
        when = long_date(allocation.day)
        if not origin:
            yield (f"The prevention allocation of {when} records no origin: the guidance covers stand-alone work "
                   f"from an EHH referral (ehh) or a CSC step-down (stepdown).")
            continue
        earlier = [(event, expected) for event, expected in sources if event.at <= allocation.at]
        if earlier and earlier[-1][1] != origin:
            event, expected = earlier[-1]
            yield (f"The prevention allocation of {when} records origin {origin}, but the referral accepted on "
                   f"{long_date(event.day)} came from {event.get('source')} (origin {expected}).")


@check("prevention_missed_outcome_codes")
def prevention_missed_outcome_codes(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.appointments.missed-outcome-codes: a miss is recorded as one of the two prevention codes."""
    for appointment_id, info in sorted(ctx.history.appointments.items()):
        missed = info.get("missed")
        if missed is None:
            continue
        when = long_date(missed.day)
        outcome = info.get("outcome")
        if not outcome:
            yield (f"Missed appointment {appointment_id} of {when} has no outcome: the guidance requires "
                   f"\"Not Kept Sufficient Explanation\" or \"Not Attended Prevention\".")
        elif outcome not in MISSED_CODES:
            yield (f"Missed appointment {appointment_id} of {when} is recorded as {outcome}: the guidance requires "
                   f"\"Not Kept Sufficient Explanation\" or \"Not Attended Prevention\".")


@check("prevention_assessment_evidence")
def prevention_assessment_evidence(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.assessment.evidence: the Mini Asset evidences screening, education, MOSAIC and social worker."""
    for event in ctx.history.of("assessment.completed"):
        if event.get("type") != "mini_asset":
            continue
        held = set(_as_list(event.get("evidence")))
        missing = [words for key, words in MINI_ASSET_EVIDENCE.items() if key not in held]
        if missing:
            yield (f"The Mini Asset completed on {long_date(event.day)} does not evidence "
                   f"{'; '.join(missing)}, as the guidance requires.")


@check("prevention_assessment_home_visit")
def prevention_assessment_home_visit(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.assessment.min-sessions: one of the 2 assessment sessions is a home visit, before the Mini Asset."""
    if not any(event.get("origin") == "ehh" for event in _prevention_allocations(ctx)):
        return
    assessments = [event for event in ctx.history.of("assessment.completed") if event.get("type") == "mini_asset"]
    if not assessments:
        return
    first = assessments[0]
    if not any(visit.at < first.at for visit in ctx.history.of("home-visit.completed")):
        yield (f"The Mini Asset was completed on {long_date(first.day)} with no home visit before it: the guidance "
               f"requires one of the 2 assessment sessions to be a home visit.")


@check("prevention_stepdown_sessions_agreed")
def prevention_stepdown_sessions_agreed(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.stepdown.transfer-meeting: the ATM pre-agrees the sessions the PYJS will deliver."""
    for event in ctx.history.of("referral.accepted"):
        if event.get("source") != "stepdown":
            continue
        sessions = event.get("sessions")
        if not isinstance(sessions, int) or sessions < 1:
            yield (f"The step-down accepted on {long_date(event.day)} records no sessions pre-agreed at the "
                   f"Transfer Meeting, as the guidance requires.")


@check("prevention_stepdown_file_details")
def prevention_stepdown_file_details(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.stepdown.file-creation: the step-down's IYSS file includes the behaviour of concern."""
    accepted = [event for event in ctx.history.of("referral.accepted") if event.get("source") == "stepdown"]
    if not accepted:
        return
    for event in ctx.history.of("case.file-created"):
        if event.at >= accepted[0].at and not str(event.get("behaviour_of_concern") or "").strip():
            yield (f"The IYSS file created on {long_date(event.day)} for the step-down does not record the "
                   f"behaviour of concern the intervention will address, as the guidance requires.")


@check("prevention_month_ahead")
def prevention_month_ahead(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.appointments.month-ahead: at the beginning of each month, appointments for the month ahead.

    Catalogue reading (as wok.cr.appointments.month-ahead): by the end of the case worker's first working day of
    each calendar month after the allocation month, the appointments booked by then reach the last week of the
    month (its last 7 days), or of the programme if it ends sooner (the case worker's last working day of
    week 14).
    """
    allocations = _prevention_allocations(ctx)
    if not allocations:
        return
    allocated = allocations[0].day
    week_one = allocated - timedelta(days=allocated.weekday()) + timedelta(days=7)
    week_fourteen = week_one + timedelta(days=7 * 13)
    end_pattern = ctx.pattern_for("case_worker", week_fourteen)
    programme_end = (ctx.calendar.last_working_day_in(week_fourteen, week_fourteen + timedelta(days=6), end_pattern)
                     or ctx.calendar.previous_working_day(week_fourteen, end_pattern))
    closed = [event.day for event in ctx.history.of("case.closed")]
    booked = sorted(ctx.history.of("appointment.scheduled") + ctx.history.of("appointment.rescheduled"),
                    key=lambda event: event.at)
    for month_start in sorted(event.day for event in ctx.history.of("clock.month-started")):
        if month_start <= allocated or month_start > programme_end or (closed and month_start >= closed[0]):
            continue
        month_end = date(month_start.year, month_start.month,
                         _months.monthrange(month_start.year, month_start.month)[1])
        pattern = ctx.pattern_for("case_worker", month_start)
        first_day = ctx.calendar.first_working_day_in(month_start, month_end, pattern)
        if first_day is None or first_day >= ctx.as_of or (closed and first_day >= closed[0]):
            continue
        horizon = min(month_end, programme_end)
        starts: dict[str, date] = {}
        for event in booked:
            if event.day <= first_day and event.get("starts_at"):
                starts[str(event.get("appointment_id"))] = parse_when(event.get("starts_at")).date()
        latest = max((day for day in starts.values() if month_start <= day <= horizon), default=None)
        if latest is None or latest < horizon - timedelta(days=6):
            booked_text = f"the last booked by then starts {long_date(latest)}" if latest else "none was booked by then"
            yield (f"Appointments for {month_start:%B %Y} did not cover the month ahead by the end of "
                   f"{long_date(first_day)}: {booked_text}, and the guidance expects them to run to "
                   f"{long_date(horizon)} (to within its last 7 days).")


@condition("letter_not_to_parent")
def letter_not_to_parent(ctx: Context, event, day: date) -> bool:
    """wok.prev.letters.child-and-parent: a letter addressed to the child and the parent/carer is its own copy."""
    return event is None or "parent_carer" not in _as_list(event.get("to"))


def _accepted_on(event, weekday: int) -> bool:
    return event is not None and event.day.weekday() == weekday


@condition("prevention_trigger_on_monday")
def prevention_trigger_on_monday(ctx: Context, event, day: date) -> bool:
    """wok.prev.allocation.following-thursday, option following_thursday (thursday_of_following_week): a referral
    accepted on a Monday is allocated "the following Thursday", the Thursday of the next week, 10 days later."""
    return _accepted_on(event, 0)


@condition("prevention_trigger_on_tuesday")
def prevention_trigger_on_tuesday(ctx: Context, event, day: date) -> bool:
    """As prevention_trigger_on_monday, for a Tuesday acceptance: the Thursday of the next week, 9 days later."""
    return _accepted_on(event, 1)


@condition("prevention_trigger_on_wednesday")
def prevention_trigger_on_wednesday(ctx: Context, event, day: date) -> bool:
    """As prevention_trigger_on_monday, for a Wednesday acceptance: the Thursday of the next week, 8 days later."""
    return _accepted_on(event, 2)
