"""Python for the Wokingham Prevention closure and missed-appointment rules (catalogue §2.2, 001) that data cannot say.

- ``prev_closure_make_up_offer``: the trigger of ``wok.prev.missed.make-up-offer``, which is two different events:
  the first unexplained miss (outcome in force "Not Attended Prevention") and each engagement home visit.
- ``prev_closure_engagement_agreed``: for ``wok.prev.closure-disengagement.further-misses``, the miss follows an
  engagement home visit with no refusal to engage recorded between them.
- ``prev_closure_missed_no_extension``: ``wok.prev.missed.no-extension``, appointments booked to make up missed
  sessions fall within the 14 weeks.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from waypoint.policy.due import DueExpr, compute_due, long_date
from waypoint.policy.events import Event, parse_pattern
from waypoint.policy.registry import check, condition, trigger

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

_UNEXPLAINED_MISS = parse_pattern("appointment.missed{outcome=not_attended_prevention}")
_ENGAGEMENT_VISIT = parse_pattern("home-visit.completed{topic=engagement}")
_PREVENTION_ALLOCATION = parse_pattern("case.allocated{programme=prevention}")


def _key(event: Event) -> tuple:
    return (event.at, event.type, event.id)


@trigger("prev_closure_make_up_offer")
def prev_closure_make_up_offer(ctx: Context, rule: CompiledRule) -> Iterable[Event]:
    """wok.prev.missed.make-up-offer: "must also offer the child the opportunity to make up for the missed
    sessions", after the first miss without notice/reasonable explanation (outcome in force Not Attended
    Prevention, ordered by the appointment's date) and after each engagement home visit of the second stage."""
    misses = sorted(ctx.history.matching(_UNEXPLAINED_MISS), key=lambda event: (event.day, _key(event)))
    return misses[:1] + list(ctx.history.matching(_ENGAGEMENT_VISIT))


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
        office_week=ctx.office_week, non_working_option="keep",
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
