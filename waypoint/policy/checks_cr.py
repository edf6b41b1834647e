"""Checks and predicates of the Wokingham Community Resolution pack (waypoint/packs/wokingham/community-resolution.yaml).

Each function's docstring quotes the rule it serves (catalogue §2.1). They read the prepared history through the
context, so corrections and appointments' outcomes in force are already applied, and never look at today's date.
The programme end (the end of week 14) is worked out as the pack's `programme_week: 14` due expression does:
the case worker's last working day of the 14th Monday-Sunday week after the allocation week (catalogue §1.2); with
option programme_weeks: from_allocation_date, day 97 from the allocation date, as the pack's `days: 97`. Options
are read from ``ctx.options``, which always holds the pack's defaults.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from waypoint.policy.calendar import add_months
from waypoint.policy.due import DueExpr, compute_due, long_date
from waypoint.policy.events import Event, parse_pattern, parse_when
from waypoint.policy.registry import check, condition, trigger

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

_ALLOCATED = parse_pattern("case.allocated{programme=community_resolution}")
_UNEXPLAINED_MISS = parse_pattern("appointment.missed{outcome=not_attended_ooc}")
_CODED_MISS = parse_pattern("appointment.missed{outcome=not_attended_ooc/not_kept_sufficient_explanation}")
_ANY_MISS = parse_pattern("appointment.missed")
_PLAN = parse_pattern("plan.completed{type=intervention_plan}")
_SUPERVISION_SESSION = parse_pattern("session.delivered{type=supervision}")
_CONTACTS_MADE = ("session.delivered", "contact.made", "home-visit.completed")
_ENGAGEMENT_VISIT = parse_pattern("home-visit.completed{topic=engagement}")
_FIRST_OFFICE = parse_pattern("appointment.scheduled{type=office, seq=1}")
_CONCERN_CHECKS = parse_pattern("checks.completed{type=mosaic/police, concern=true}")
_MISSED_CODES = {"not_kept_sufficient_explanation": "Not Kept Sufficient Explanation",
                 "not_attended_ooc": "Not Attended OOC"}
_ENDINGS = ("engagement.refused", "programme.declined", "closure.agreed", "case.closed")
_ENFORCEMENT_LETTERS = {"first_warning", "second_warning", "breach"}


def _due_on(ctx: Context, kind: str, amount: object, anchor: date) -> date | None:
    """The date a due expression gives from ``anchor`` for the case worker, as the pack would work it out."""
    result = compute_due(
        DueExpr(kind, amount), anchor_day=anchor, anchor_at=datetime.combine(anchor, time()), anchor_label="",
        calendar=ctx.calendar, pattern=ctx.pattern_for("case_worker", anchor), owner_label="case worker",
        office_week=ctx.office_week, non_working_option=ctx.options.get("due_on_non_working_day", "keep"),
        options=ctx.options,
    )
    return result.due


def programme_end(ctx: Context) -> date | None:
    """The case worker's last working day of week 14 after the (first) allocation, or None before allocation."""
    allocations = ctx.history.matching(_ALLOCATED)
    if not allocations:
        return None
    if ctx.options.get("programme_weeks") == "from_allocation_date":
        return _due_on(ctx, "days", 97, allocations[0].day)
    return _due_on(ctx, "programme_week", 14, allocations[0].day)


def _first_misses(ctx: Context) -> list[Event]:
    """The first miss "without notice/reasonable explanation", by the appointment's date (as a trigger's ``nth``
    counts): Not Attended OOC, or either missed-appointment code with option first_miss_outcomes: either_code."""
    pattern = _CODED_MISS if ctx.options.get("first_miss_outcomes") == "either_code" else _UNEXPLAINED_MISS
    misses = sorted(ctx.history.matching(pattern), key=lambda event: (event.day, event.at, event.type, event.id))
    return misses[:1]


def _starts_as_of(ctx: Context, moment: datetime | None = None) -> dict[str, datetime]:
    """Each appointment's start time as booked (scheduled or rescheduled) up to ``moment``; all bookings if None."""
    if moment is None:
        return {key: info["starts_at"] for key, info in ctx.history.appointments.items() if info.get("starts_at")}
    starts: dict[str, datetime] = {}
    for event in sorted(ctx.history.of("appointment.scheduled") + ctx.history.of("appointment.rescheduled"),
                        key=lambda item: (item.at, item.id)):
        if event.at <= moment and event.get("appointment_id") is not None and event.get("starts_at"):
            starts[str(event.get("appointment_id"))] = parse_when(event.get("starts_at"))
    return starts


@check("cr_voluntary_no_enforcement")
def cr_voluntary_no_enforcement(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.programme.offer: "The intervention is voluntary": non-engagement ends in closure, never in warnings
    or breach (option voluntary_programme: no_enforcement, the catalogue's reading; not_checked turns this off)."""
    if ctx.options.get("voluntary_programme", "no_enforcement") != "no_enforcement":
        return
    for event in ctx.history.of("warning.issued"):
        yield (f"A warning was recorded on {long_date(event.day)}, but the Community Resolution programme is "
               "voluntary (the guidance): non-engagement leads to closure, not warnings.")
    for event in ctx.history.of("letter.sent"):
        if str(event.get("type")) in _ENFORCEMENT_LETTERS:
            yield (f"A {str(event.get('type')).replace('_', ' ')} letter was sent on {long_date(event.day)}, but the "
                   "Community Resolution programme is voluntary (the guidance): non-engagement leads to closure.")
    for event in ctx.history.of("breach.initiated"):
        yield (f"Breach proceedings were started on {long_date(event.day)}, but the Community Resolution programme "
               "is voluntary (the guidance): there is no breach, only closure.")


@check("cr_mini_asset_evidence")
def cr_mini_asset_evidence(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.assessment.evidence: the Mini Asset evidences the specialist workers' initial screening, including
    education, and the MOSAIC checks with any information from the child's social worker (when they have one)."""
    needed = {"specialist_screening": "the specialist workers' initial screening", "education": "education",
              "mosaic_checks": "the MOSAIC checks"}
    if ctx.case.child.get("has_social_worker") is True:
        needed["social_worker_information"] = "information from the social worker"
    for event in ctx.history.of("assessment.completed"):
        if str(event.get("type")) != "mini_asset":
            continue
        held = event.get("evidence") or []
        held = {str(item) for item in (held if isinstance(held, list) else [held])}
        missing = [words for key, words in needed.items() if key not in held]
        if missing:
            yield (f"The Mini Asset completed on {long_date(event.day)} does not evidence "
                   f"{', '.join(missing)} (the guidance: 'The assessment should include').")


@check("cr_missed_outcome_codes")
def cr_missed_outcome_codes(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.appointments.missed-outcome-codes: "the absence must be recorded as either “Not Kept Sufficient
    Explanation” or “Not Attended OOC”": any other outcome in force on a missed appointment is a violation."""
    for appointment_id, info in sorted(ctx.history.appointments.items()):
        missed, outcome = info.get("missed"), info.get("outcome")
        if missed is None or outcome is None or outcome in _MISSED_CODES:
            continue
        yield (f"Missed appointment {appointment_id} ({long_date(missed.day)}) has the outcome "
               f"{outcome.replace('_', ' ')}: the guidance allows only Not Kept Sufficient Explanation or "
               "Not Attended OOC.")


@check("cr_next_within_week")
def cr_next_within_week(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.missed.next-within-week: "Your next appointment should be within a week of the missed one": after a
    Not Attended OOC miss the next appointment (by its start time, however early it was booked) starts no later
    than the missed date + 7 days; with none booked, a violation once those 7 days have passed, unless within them
    the child/parent refused to engage or declined, closure was agreed or the case closed."""
    starts = _starts_as_of(ctx)
    for event in ctx.history.matching(_UNEXPLAINED_MISS):
        missed_id = str(event.get("appointment_id"))
        missed_at = starts.get(missed_id) or datetime.combine(event.day, time())
        limit = event.day + timedelta(days=7)
        if any(event.day <= item.day <= limit for name in _ENDINGS for item in ctx.history.of(name)):
            continue  # the child refused, closure was agreed or the case closed: no next appointment is expected
        later = sorted(moment for key, moment in starts.items() if key != missed_id and moment > missed_at)
        if later and later[0].date() <= limit:
            continue
        if later:
            gap = (later[0].date() - event.day).days
            yield (f"After the missed appointment on {long_date(event.day)} the next one is on "
                   f"{long_date(later[0].date())}, {gap} days later: it should be within a week, by "
                   f"{long_date(limit)} (the guidance).")
        elif limit < ctx.as_of:
            yield (f"After the missed appointment on {long_date(event.day)} no next appointment was booked "
                   f"for the week up to {long_date(limit)} (the guidance: within a week of the missed one).")


@check("cr_month_ahead")
def cr_month_ahead(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.appointments.month-ahead: "Appointments for at least the month ahead should be scheduled at the
    beginning of the month": by the end of the case worker's first working day of each month the case is open,
    appointments are booked to the end of the month or the programme end, whichever is sooner; booked to the end
    means one of them starts in the last 7 days of that window (the child is seen weekly). Not once the child has
    refused or declined the programme, or closure has been agreed."""
    end = programme_end(ctx)
    for month in ctx.history.of("clock.month-started"):
        if end is not None and month.day > end:
            continue
        if ctx.options.get("month_ahead_by") == "first_seven_days":
            due, when = _due_on(ctx, "days", 6, month.day), f"the first 7 days of {month.day:%B %Y}"
        else:
            due, when = _due_on(ctx, "same_working_day", True, month.day), f"the first working day of {month.day:%B %Y}"
        if due is None or due >= ctx.as_of:
            continue
        if any(item.day <= due for name in _ENDINGS for item in ctx.history.of(name)):
            continue  # the child refused or declined, or closure was agreed: no more appointments to book
        month_end = add_months(month.day, 1) - timedelta(days=1)
        window_end = min(month_end, end) if end else month_end
        booked = _starts_as_of(ctx, datetime.combine(due, time.max))
        in_window = sorted(moment.date() for moment in booked.values() if month.day <= moment.date() <= window_end)
        if in_window and in_window[-1] >= window_end - timedelta(days=6):
            continue
        reach = f"the last booked is on {long_date(in_window[-1])}" if in_window else "none is booked in it"
        yield (f"By {long_date(due)} ({when}) appointments should be scheduled "
               f"to {long_date(window_end)}, but {reach} (the guidance: at least the month ahead).")


@check("cr_no_extension")
def cr_no_extension(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.missed.no-extension: missed sessions are made up "by increasing the frequency of the sessions (rather
    than extending the term of the intervention)": once an appointment has been missed, no appointment may start
    after the programme end (the end of week 14)."""
    end = programme_end(ctx)
    if end is None or not ctx.history.of("appointment.missed"):
        return
    for appointment_id, moment in sorted(_starts_as_of(ctx).items(), key=lambda item: (item[1], item[0])):
        if moment.date() > end:
            yield (f"Appointment {appointment_id} on {long_date(moment.date())} is after the programme end, "
                   f"{long_date(end)} (the end of week 14): missed sessions are made up by seeing the child more "
                   "often, not by extending the programme (the guidance).")


@check("cr_office_first_appointment")
def cr_office_first_appointment(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.cr.first-appointment.office-exception: an office first appointment is for when "MOSAIC or Police checks
    raise concerns about the appropriateness of a home visit": without such checks before it, a violation."""
    for event in ctx.history.matching(_FIRST_OFFICE):
        if not any(item.at <= event.at for item in ctx.history.matching(_CONCERN_CHECKS)):
            yield (f"The first appointment booked on {long_date(event.day)} is at the office, but no MOSAIC or "
                   "police checks had raised concerns about a home visit (the guidance: the first appointment is "
                   "a home visit).")


@trigger("cr_make_up_offer_triggers")
def cr_make_up_offer_triggers(ctx: Context, rule: CompiledRule) -> list[Event]:
    """wok.cr.missed.make-up-offer: the first Not Attended OOC miss, and each home visit at which continued
    engagement was discussed (the second stage), call for the offer to make up the missed sessions."""
    return _first_misses(ctx) + list(ctx.history.matching(_ENGAGEMENT_VISIT))


@trigger("cr_first_miss")
def cr_first_miss(ctx: Context, rule: CompiledRule) -> list[Event]:
    """wok.cr.missed.first: "When a child misses one session without notice/reasonable explanation": the first
    Not Attended OOC miss by the appointment's date (option first_miss_outcomes: either_code, the first miss with
    either code)."""
    return _first_misses(ctx)


@trigger("cr_second_stage_miss")
def cr_second_stage_miss(ctx: Context, rule: CompiledRule) -> list[Event]:
    """wok.cr.missed.second-stage: "If a child misses two consecutive or three alternate sessions with or without
    notice/ reasonable explanation": the miss that first makes two in a row or, by option alternate_misses,
    a third miss in all (cumulative, the catalogue's reading) or three misses each one kept session apart
    (strict_alternation). Appointments are taken by start time; one whose time has passed without a miss recorded
    was kept. It fires once."""
    strict = ctx.options.get("alternate_misses") == "strict_alternation"
    counted = {event.get("appointment_id"): event for event in ctx.history.matching(_ANY_MISS)}
    timeline = []
    for appointment_id, info in ctx.history.appointments.items():
        missed = info.get("missed")
        moment = info.get("starts_at") or (missed.at if missed else None)
        if moment is None or moment.date() > ctx.as_of:
            continue
        timeline.append((moment, appointment_id))
    timeline.sort()
    marks: list[bool] = []
    for _, appointment_id in timeline:
        event = counted.get(appointment_id)
        marks.append(event is not None)
        if event is None:
            continue
        if marks[-2:] == [True, True]:
            return [event]
        if strict and marks[-5:] == [True, False, True, False, True]:
            return [event]
        if not strict and sum(marks) >= 3:
            return [event]
    return []


@condition("cr_contact_made")
def cr_contact_made(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.cr.recording.2wd with option recorded_contacts: contacts_made_only: a session, a contact made or a
    completed home visit (not an attempt, an unsuccessful visit or a meeting)."""
    return event is not None and event.type in _CONTACTS_MADE


@condition("cr_plan_in_supervision_session")
def cr_plan_in_supervision_session(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.cr.sessions.minimum-4 with option planning_meeting: plan_day_session: the intervention plan was
    completed on a day a supervision session was held, so that session is "the planning meeting"."""
    plan_days = {plan.day for plan in ctx.history.matching(_PLAN)}
    return any(session.day in plan_days for session in ctx.history.matching(_SUPERVISION_SESSION))


@condition("cr_letter_to_child_only")
def cr_letter_to_child_only(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.cr.appointments.parent-copy: a letter already addressed to the parent/carer too needs no copy."""
    if event is None:
        return False
    held = event.get("to")
    held = {str(item) for item in (held if isinstance(held, list) else [held])}
    return "parent_carer" not in held
