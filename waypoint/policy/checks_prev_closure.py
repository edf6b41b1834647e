"""Python for the Wokingham Prevention closure and missed-appointment rules (catalogue §2.2, 001) that data cannot say.

- ``prev_closure_make_up_offer``: the trigger of ``wok.prev.missed.make-up-offer``, which is two different events:
  the first unexplained miss (outcome in force "Not Attended Prevention") and each engagement home visit.
- ``prev_closure_engagement_agreed``: for ``wok.prev.closure-disengagement.further-misses``, the miss follows an
  engagement home visit with no refusal to engage recorded between them.
- ``prev_closure_missed_no_extension``: ``wok.prev.missed.no-extension``, appointments booked to make up missed
  sessions fall within the 14 weeks.
- ``prev_closure_first_unexplained_miss``: the trigger of ``wok.prev.missed.first``, the first miss "without
  notice/reasonable explanation" as option ``unexplained_miss_codes`` reads it.
- ``prev_closure_second_stage_miss``: the trigger of ``wok.prev.missed.second-stage``, the miss that makes two
  in a row or "three alternate" as option ``three_alternate_misses`` reads it.
- ``prev_closure_contact_took_place``: for ``wok.prev.recording.2wd`` under option ``recorded_contacts``
  (attempts_excluded), the trigger is not a failed attempt.
- ``prev_closure_weekly_rolling`` and ``prev_closure_weekly_calendar_weeks``: ``wok.prev.contact.weekly`` under
  option ``weekly_contact``: the rolling cadence (seven_days), or a session in every Monday-Sunday week of the
  delivery phase (each_calendar_week).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from waypoint.policy.due import DueExpr, compute_due, long_date
from waypoint.policy.events import Event, parse_pattern, values_of
from waypoint.policy.registry import check, condition, trigger

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

_UNEXPLAINED_MISS = parse_pattern("appointment.missed{outcome=not_attended_prevention}")
_EITHER_CODE_MISS = parse_pattern("appointment.missed{outcome=not_attended_prevention/not_kept_sufficient_explanation}")
_ANY_MISS = parse_pattern("appointment.missed")
_SUPERVISION_SESSION = parse_pattern("session.delivered{type=supervision}")
_FINAL_SESSION = parse_pattern("session.delivered{final=true}")
_REDUCED_FREQUENCY = parse_pattern("case-supervision.held{decision=reduced_frequency}")
_ATTEMPTS = ("contact.attempted", "home-visit.unsuccessful")
_ENGAGEMENT_VISIT = parse_pattern("home-visit.completed{topic=engagement}")
_PREVENTION_ALLOCATION = parse_pattern("case.allocated{programme=prevention}")


def _key(event: Event) -> tuple:
    return (event.at, event.type, event.id)


def _first_unexplained_miss(ctx: Context) -> list[Event]:
    """The first miss "without notice/reasonable explanation", ordered by the appointment's date: outcome in force
    Not Attended Prevention, or (option unexplained_miss_codes either_code) either prevention code."""
    either = ctx.options.get("unexplained_miss_codes") == "either_code"
    misses = ctx.history.matching(_EITHER_CODE_MISS if either else _UNEXPLAINED_MISS)
    return sorted(misses, key=lambda event: (event.day, _key(event)))[:1]


@trigger("prev_closure_first_unexplained_miss")
def prev_closure_first_unexplained_miss(ctx: Context, rule: CompiledRule) -> Iterable[Event]:
    """wok.prev.missed.first: "When a child misses one session without notice/reasonable explanation, the case
    worker should explore non-attendance with both child and their parent/carer"."""
    return _first_unexplained_miss(ctx)


@trigger("prev_closure_make_up_offer")
def prev_closure_make_up_offer(ctx: Context, rule: CompiledRule) -> Iterable[Event]:
    """wok.prev.missed.make-up-offer: "must also offer the child the opportunity to make up for the missed
    sessions", after the first miss without notice/reasonable explanation (outcome in force Not Attended
    Prevention, or either code under option unexplained_miss_codes, ordered by the appointment's date) and after
    each engagement home visit of the second stage."""
    return _first_unexplained_miss(ctx) + list(ctx.history.matching(_ENGAGEMENT_VISIT))


@trigger("prev_closure_second_stage_miss")
def prev_closure_second_stage_miss(ctx: Context, rule: CompiledRule) -> Iterable[Event]:
    """wok.prev.missed.second-stage: "If a child misses two consecutive or three alternate sessions with or
    without notice/ reasonable explanation". Appointments in the order of their start times; one whose time has
    passed with no missed record was kept. cumulative (default): the miss that makes 2 in a row or 3 in all;
    alternating (option three_alternate_misses): the miss that makes 2 in a row or ends missed, kept, missed,
    kept, missed. (The default is the engine's ``misses: {in_a_row: 2, in_total: 3}``, counted the same way.)"""
    alternating = ctx.options.get("three_alternate_misses") == "alternating"
    counted = {event.get("appointment_id"): event for event in ctx.history.matching(_ANY_MISS)}
    timeline = []
    for appointment_id, info in ctx.history.appointments.items():
        starts = info.get("starts_at")
        missed = info.get("missed")
        moment = starts or (missed.at if missed else None)
        if moment is None or moment.date() > ctx.as_of:
            continue
        timeline.append((moment, appointment_id))
    timeline.sort()
    marks = ""
    for _, appointment_id in timeline:
        event = counted.get(appointment_id)
        marks += "M" if event is not None else "K"
        if event is None:
            continue
        if marks.endswith("MM") or (marks.endswith("MKMKM") if alternating else marks.count("M") >= 3):
            return [event]
    return []


@condition("prev_closure_contact_took_place")
def prev_closure_contact_took_place(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.prev.recording.2wd, option recorded_contacts attempts_excluded: "record all supervision sessions (and
    contacts)" read as contact that took place, so not a failed call (contact.attempted) or a home visit with no
    answer (home-visit.unsuccessful)."""
    return event is not None and event.type not in _ATTEMPTS


@condition("prev_closure_declined_by_both")
def prev_closure_declined_by_both(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.prev.closure-declined.discuss, option declined_by both: "child and parent/carer decline to engage" read
    literally, so the duty starts once declines recorded up to this one name both the child and the parent/carer."""
    if event is None:
        return False
    declined = {value for earlier in ctx.history.of("programme.declined") if _key(earlier) <= _key(event)
                for value in values_of(earlier, "by")}
    return {"child", "parent_carer"} <= declined


@condition("prev_closure_engagement_agreed")
def prev_closure_engagement_agreed(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.prev.closure-disengagement.further-misses: "If ongoing engagement was agreed but the child fails to
    attend further sessions": the latest engagement home visit before the miss was not followed by a refusal."""
    if event is None:
        return False
    visits = [visit for visit in ctx.history.matching(_ENGAGEMENT_VISIT) if _key(visit) < _key(event)]
    if not visits:
        return False
    visit = visits[-1]
    return not any(_key(visit) < _key(refusal) < _key(event) for refusal in ctx.history.of("engagement.refused"))


def programme_end(ctx: Context) -> tuple[date, str] | None:
    """The end of week 14: the case worker's last working day of week 14 after the prevention allocation."""
    allocations = ctx.history.matching(_PREVENTION_ALLOCATION)
    if not allocations:
        return None
    allocated = allocations[0]
    result = compute_due(
        DueExpr("programme_week", 14), anchor_day=allocated.day, anchor_at=allocated.at,
        anchor_label=f"allocated {long_date(allocated.day)}", calendar=ctx.calendar,
        pattern=ctx.pattern_for("case_worker", allocated.day), owner_label="case worker",
        office_week=ctx.office_week, non_working_option="keep", options=ctx.options,
    )
    return result.due, result.text


@check("prev_closure_missed_no_extension")
def prev_closure_missed_no_extension(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.missed.no-extension: missed sessions are made up "by increasing the frequency of the sessions
    (rather than extending the term of the intervention)": once an appointment has been missed, no appointment
    booked or moved from then on starts after the end of week 14."""
    misses = sorted(ctx.history.of("appointment.missed"), key=lambda event: (event.day, _key(event)))
    end = programme_end(ctx)
    if not misses or end is None:
        return
    end_day, _ = end
    first_miss = datetime.combine(misses[0].day, time())
    booked = []
    for event in sorted(ctx.history.of("appointment.scheduled") + ctx.history.of("appointment.rescheduled"),
                        key=_key):
        appointment_id = str(event.get("appointment_id"))
        if event.at >= first_miss and event.get("starts_at") and appointment_id not in booked:
            booked.append(appointment_id)
    for appointment_id in booked:
        starts = ctx.history.appointments.get(appointment_id, {}).get("starts_at")
        if isinstance(starts, datetime) and starts.date() > end_day:
            yield (f"Appointment {appointment_id} on {long_date(starts.date())}, booked after a missed appointment, "
                   f"is after the programme end ({long_date(end_day)}, the case worker's last working day of "
                   "week 14): missed sessions are made up by increasing the frequency of sessions within the 14 "
                   "weeks, not by extending the programme (the guidance).")


@condition("prev_closure_weekly_rolling")
def prev_closure_weekly_rolling(ctx: Context, event: Event | None, day: date) -> bool:
    """wok.prev.contact.weekly: the rolling 7-day cadence applies under option weekly_contact seven_days (the
    default); under each_calendar_week it gives no obligations and prev_closure_weekly_calendar_weeks judges the
    weeks instead. Asked with no trigger (before the rule's check runs), it holds, so that check always runs and
    reads the option itself."""
    return event is None or ctx.options.get("weekly_contact", "seven_days") == "seven_days"


@check("prev_closure_weekly_calendar_weeks")
def prev_closure_weekly_calendar_weeks(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """wok.prev.contact.weekly under option weekly_contact each_calendar_week: "Most children will need to be seen
    weekly" read as a session in every Monday-Sunday week, from the week after the first supervision session's
    until the final session, a reduced frequency agreed in supervision (its week is met by it) or closure. A week
    is checked once it has ended (its Sunday before the as-of date). The default reading (seven_days) is the
    rule's rolling cadence, and this check says nothing."""
    if ctx.options.get("weekly_contact") != "each_calendar_week":
        return
    firsts = sorted(ctx.history.matching(_SUPERVISION_SESSION), key=_key)
    if not firsts:
        return
    first = firsts[0].day
    finals = [event.day for event in ctx.history.matching(_FINAL_SESSION) if event.day >= first]
    reduced = [event.day for event in ctx.history.matching(_REDUCED_FREQUENCY) if event.day >= first]
    closed = [event.day for event in ctx.history.of("case.closed") if event.day >= first]
    sessions = {event.day for event in ctx.history.of("session.delivered")}
    monday = first - timedelta(days=first.weekday()) + timedelta(days=7)
    while True:
        sunday = monday + timedelta(days=6)
        if (sunday >= ctx.as_of or (finals and monday > min(finals)) or (reduced and sunday >= min(reduced))
                or (closed and sunday >= min(closed))):
            return
        if not any(monday <= day <= sunday for day in sessions):
            yield (f"No session was delivered in the week {long_date(monday)} to {long_date(sunday)}: the guidance "
                   "expects the child to be seen weekly (read as every calendar week), or a reduced frequency "
                   "agreed in supervision.")
        monday += timedelta(days=7)
