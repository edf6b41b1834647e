"""Checks and conditions for the Wokingham YRO delivery pack (waypoint/packs/wokingham/yro-delivery.yaml).

Each reads the prepared history (corrections applied, outcomes in force worked out) and quotes the guidance it
enforces: Wokingham PYJS Case Management Guidance: Youth Rehabilitation Order (Apr 2024), catalogue §2.3.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from waypoint.policy.due import long_date
from waypoint.policy.events import Event, order_midpoint, parse_day, values_of
from waypoint.policy.registry import check, condition
from waypoint.policy.vocabulary import RISK_LEVELS

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

_RISK_NAMES = {"rosh": "RoSH", "saw": "SaW", "lor": "LoR"}
_RECORDED_CRITERIA = {
    "programme_completed": "successful completion of the intervention programme",
    "compliance_satisfactory": "a satisfactory level of compliance",
    "no_reoffending": "no re-offending",
}


def _appointment_day(info: dict) -> date | None:
    starts = info.get("starts_at")
    if starts is not None:
        return starts.date()
    missed = info.get("missed")
    return missed.at.date() if missed is not None else None


@check("yro_missed_classification")
def yro_missed_classification(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.yro.appointments.missed-classification: "Missed appointments can only be considered acceptable if written
    evidence is provided by the child ... Until such written evidence is received, the absence must be considered
    unacceptable." Acceptable without evidence only with a verbal warning (the once-per-order exception)."""
    evidence: dict[str, list[Event]] = {}
    for event in ctx.history.of("absence.evidence-received"):
        evidence.setdefault(str(event.get("appointment_id")), []).append(event)
    warnings = sorted((event for event in ctx.history.of("warning.issued") if event.get("level") == "verbal"),
                      key=lambda event: event.at)
    claimed: set[str] = set()
    missed = [(day, appointment_id, info) for appointment_id, info in ctx.history.appointments.items()
              if info.get("missed") is not None and (day := _appointment_day(info)) is not None]
    for day, appointment_id, info in sorted(missed, key=lambda item: (item[0], item[1])):
        outcome = info.get("outcome")
        when = long_date(day)
        if outcome is None:
            yield (f"Missed appointment {appointment_id} on {when} has no outcome: record it as unacceptable until "
                   "written evidence is received (the guidance).")
            continue
        if outcome not in ("acceptable", "unacceptable"):
            yield (f"Missed appointment {appointment_id} on {when} is recorded as {outcome}: a missed appointment "
                   "is recorded as acceptable or unacceptable (the guidance).")
            continue
        if outcome != "acceptable":
            continue
        recorded_at = info["outcome_event"].at
        if any(item.at <= recorded_at for item in evidence.get(appointment_id, [])):
            continue
        warning = next((item for item in warnings if item.id not in claimed and item.day >= day), None)
        if warning is not None:
            claimed.add(warning.id)
            continue
        yield (f"Missed appointment {appointment_id} on {when} is recorded as acceptable without written evidence "
               "or a verbal warning: until written evidence is received the absence is unacceptable (the guidance).")


@check("yro_verbal_warning_once")
def yro_verbal_warning_once(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.yro.appointments.verbal-warning-exception: "Exceptionally, only once during the Order ... an absence can be
    accepted without written evidence"; at most one verbal warning per order."""
    warnings = sorted((event for event in ctx.history.of("warning.issued") if event.get("level") == "verbal"),
                      key=lambda event: event.at)
    for extra in warnings[1:]:
        yield (f"A verbal warning was recorded on {long_date(extra.day)} after the one on "
               f"{long_date(warnings[0].day)}: the exception may be used only once during the Order (the guidance).")


@check("yro_review_meeting_invitees")
def yro_review_meeting_invitees(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.yro.review-meeting.invitees: "Where possible, the line manager should also be invited to the meeting"."""
    for event in ctx.history.of("meeting.scheduled"):
        if event.get("type") != "review_plan" or "line_manager" in values_of(event, "invitees"):
            continue
        yield (f"The review plan meeting booked on {long_date(event.day)} does not invite the line manager: where "
               "possible the line manager should be invited (the guidance).")


def _midpoint(ctx: Context, day: date) -> date | None:
    started = [event for event in ctx.history.of("order.started") if event.get("end") and event.day <= day]
    if not started:
        return None
    order = started[-1]
    end = parse_day(order.get("end"))
    return order_midpoint(order.day, end, round_up=ctx.options.get("order_midpoint") == "round_up")


def early_revocation_problems(ctx: Context, event: Event) -> list[str]:
    """The criteria that do not hold at an early revocation discussion, in words (empty: all hold)."""
    day = event.day
    problems = []
    midpoint = _midpoint(ctx, day)
    if midpoint is None:
        problems.append("the order's mid-point is not known (no order start with an end date)")
    elif day < midpoint:
        problems.append(f"it is before the order's mid-point ({long_date(midpoint)})")
    recorded = values_of(event, "criteria")
    levels = {name: ctx.risk_at(name, day) for name in ("rosh", "saw", "lor")}
    known = {name: level for name, level in levels.items() if level in RISK_LEVELS}
    if known:
        for name, level in known.items():
            if level != "low":
                problems.append(f"the {_RISK_NAMES[name]} level in force is {level.replace('_', ' ')}, not low")
    elif "low_risk" not in recorded:
        problems.append("low levels of risk are not recorded as met")
    for key, words in _RECORDED_CRITERIA.items():
        if key not in recorded:
            problems.append(f"{words} is not recorded as met")
    return problems


@check("yro_early_revocation_criteria")
def yro_early_revocation_criteria(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.yro.early-revocation.criteria: "discuss early revocation with their manager to ensure that the criteria is
    met (i.e. mid-point through the order, low levels of risk, successful completion of intervention programme,
    satisfactory level of compliance, no re-offending)"."""
    for event in ctx.history.of("manager.consulted"):
        if event.get("topic") != "early_revocation":
            continue
        for problem in early_revocation_problems(ctx, event):
            yield (f"Early revocation discussed with the manager on {long_date(event.day)}, but {problem}: every "
                   "criterion must hold (the guidance).")


@condition("yro_early_revocation_criteria_met")
def yro_early_revocation_criteria_met(ctx: Context, event: Event | None, day: date) -> bool:
    """Every early revocation criterion holds at this discussion with the manager."""
    return event is not None and not early_revocation_problems(ctx, event)


@condition("yro_letter_also_to_parent_carer")
def yro_letter_also_to_parent_carer(ctx: Context, event: Event | None, day: date) -> bool:
    """The triggering letter is itself addressed to the parent/carer as well as the child (one letter to both)."""
    return event is not None and "parent_carer" in values_of(event, "to")


@condition("yro_trigger_is_attempt")
def yro_trigger_is_attempt(ctx: Context, event: Event | None, day: date) -> bool:
    """The trigger is an attempt that did not reach the child or family: an attempted contact or an unsuccessful
    home visit (option attempted_contact_recording of wok.yro.recording.2wd)."""
    return event is not None and event.type in ("contact.attempted", "home-visit.unsuccessful")
