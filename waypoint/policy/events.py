"""Events, the catalogue's event patterns, and the preparation of a case history before rules see it.

An event is one entry of a case's chronology: an id, a type from the vocabulary, a local (Europe/London) time
and its data. A pattern is written exactly as the catalogue writes triggers and met-by columns:
``letter.sent{type=appointment, seq=1, to=child}``; ``/`` inside a value means any of
(``meeting.held{type=lac_review/cin_review/icpc}``) and ``+`` means all of (``to=child+parent_carer``: one letter to
each, so it is satisfied only when both exist). Patterns are parsed once, when a pack is loaded.

``prepare`` turns raw events into what rules evaluate: events after ``as_of`` dropped, ``event.voided`` and
``event.amended`` corrections applied, each appointment's outcome in force worked out (catalogue §3.1), derived
events added (``clock.month-started``, ``order.midpoint-reached``) and everything sorted and indexed by type.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from waypoint.policy.calendar import add_months

LONDON = ZoneInfo("Europe/London")

CORRECTION_TYPES = frozenset({"event.voided", "event.amended"})
WAIVER_TYPE = "obligation.waived"


@dataclass(frozen=True, slots=True)
class Event:
    """One chronology entry. ``at`` is naive local time in Europe/London; ``on`` is the date its clocks start.

    ``on`` is the local date of ``at`` except for a missed appointment and its outcome, whose clocks run from
    the appointment's own date even when the outcome is recorded later (catalogue §1.2, §3.1).
    """

    id: str
    type: str
    at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    on: date | None = None
    day: date = field(init=False, compare=False)

    def __post_init__(self) -> None:
        # Stored rather than computed: rules read it for every candidate event.
        object.__setattr__(self, "day", self.on if self.on is not None else self.at.date())

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def to_local(value: datetime) -> datetime:
    """A naive Europe/London datetime from an aware one (stored in UTC, say) or a naive local one."""
    if value.tzinfo is not None:
        return value.astimezone(LONDON).replace(tzinfo=None)
    return value


def parse_when(value: Any) -> datetime:
    """Read an event time: a date (midnight local time), a local date-time, or an aware date-time."""
    if isinstance(value, datetime):
        return to_local(value)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if not isinstance(value, str):
        raise ValueError(f"expected a date or date-time, not {value!r}")
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time())
        return to_local(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)") from None


def parse_day(value: Any) -> date:
    """Read a date; a date-time gives its local date."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return parse_when(value).date()


def add_hours(local: datetime, hours: int) -> datetime:
    """Elapsed hours, nights and clock changes included: add in UTC, read back in Europe/London."""
    aware = local.replace(tzinfo=LONDON)
    return (aware.astimezone(ZoneInfo("UTC")) + timedelta(hours=hours)).astimezone(LONDON).replace(tzinfo=None)


def norm(value: Any) -> str:
    """The text form a pattern compares: booleans as true/false, numbers as digits, text lower-cased."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value).strip().lower()


def values_of(event: Event, attr: str) -> frozenset[str]:
    """The normalised values an event holds for an attribute: one, several (a list), or none."""
    raw = event.data.get(attr)
    if raw is None:
        return frozenset()
    if isinstance(raw, (list, tuple, set, frozenset)):
        return frozenset(norm(item) for item in raw)
    return frozenset((norm(raw),))


# --- Patterns ------------------------------------------------------------------------------------------------

_PATTERN = re.compile(r"^\s*([a-z][a-z0-9-]*\.[a-z0-9-]+)\s*(?:\{(.*)\})?\s*$")


class PatternError(ValueError):
    """A pattern that does not follow the catalogue's notation."""


@dataclass(frozen=True, slots=True)
class Filter:
    attr: str
    values: frozenset[str]
    all_of: bool  # written with "+": every value must be covered (by one event or several together)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled event pattern: a type and attribute filters."""

    text: str
    type: str
    filters: tuple[Filter, ...]

    @property
    def all_of(self) -> Filter | None:
        for flt in self.filters:
            if flt.all_of:
                return flt
        return None

    def matches(self, event: Event) -> bool:
        """True if the event has the type and every filter; a ``+`` filter needs at least one of its values.

        An allocation pattern that names no role means the case's lead allocation, as the catalogue writes it
        (``case.allocated{programme=yro}`` starts the case worker's clocks; ``case.allocated{role=rjw}`` is the
        RJW's), so it matches only an allocation with no role or a lead role.
        """
        if event.type != self.type:
            return False
        if self.type in LEAD_ALLOCATION_TYPES and not self.names("role"):
            role = event.data.get("role")
            if role is not None and norm(role) not in LEAD_ROLES:
                return False
        data = event.data
        for flt in self.filters:
            # values_of(event, flt.attr) meets flt.values, without building a set for the usual single value.
            raw = data.get(flt.attr)
            if raw is None:
                return False
            if isinstance(raw, (list, tuple, set, frozenset)):
                if not any(norm(item) in flt.values for item in raw):
                    return False
            elif norm(raw) not in flt.values:
                return False
        return True

    def names(self, attr: str) -> bool:
        return any(flt.attr == attr for flt in self.filters)

    def __str__(self) -> str:
        return self.text


LEAD_ALLOCATION_TYPES = frozenset({"case.allocated", "case.reallocated"})
LEAD_ROLES = frozenset({"case_worker", "cm", "scm", "intervention_worker"})


_PARSED: dict[str, Pattern] = {}


def parse_pattern(text: str) -> Pattern:
    """Parse ``type{attr=value, attr=a/b, attr=x+y}``; raises PatternError with the reason.

    The same text gives the same (immutable) object, so rules writing one pattern share its match in a History.
    """
    if isinstance(text, str):
        pattern = _PARSED.get(text)
        if pattern is None:
            if len(_PARSED) >= 50_000:  # bounded, for a process that parses pack texts as they are edited
                _PARSED.clear()
            pattern = _PARSED[text] = _parse_pattern(text)
        return pattern
    return _parse_pattern(text)


def _parse_pattern(text: str) -> Pattern:
    if not isinstance(text, str):
        raise PatternError(f"an event pattern must be text like 'case.allocated{{programme=yro}}', not {text!r}")
    match = _PATTERN.match(text)
    if not match:
        raise PatternError(f"{text!r} is not an event pattern like 'letter.sent{{type=appointment, to=child}}'")
    event_type, body = match.group(1), match.group(2)
    filters: list[Filter] = []
    if body is not None and body.strip():
        for part in body.split(","):
            if "=" not in part:
                raise PatternError(f"{text!r}: '{part.strip()}' should be attribute=value")
            attr, raw = (piece.strip() for piece in part.split("=", 1))
            if not attr or not raw:
                raise PatternError(f"{text!r}: '{part.strip()}' should be attribute=value")
            if "/" in raw and "+" in raw:
                raise PatternError(f"{text!r}: use either / (any of) or + (all of) in one value, not both")
            all_of = "+" in raw
            values = frozenset(norm(v) for v in re.split(r"[/+]", raw))
            if "" in values:
                raise PatternError(f"{text!r}: empty value in '{part.strip()}'")
            filters.append(Filter(attr, values, all_of))
    if sum(1 for flt in filters if flt.all_of) > 1:
        raise PatternError(f"{text!r}: only one attribute may use + (all of)")
    return Pattern(text.strip(), event_type, tuple(filters))


# --- Preparing a history -------------------------------------------------------------------------------------

MISSED_OUTCOMES = frozenset(
    {"unacceptable", "acceptable", "not_kept_sufficient_explanation", "not_attended_ooc", "not_attended_prevention"}
)


@dataclass
class History:
    """A prepared case history: events in time order, indexed by type, plus appointments and waivers."""

    events: list[Event]
    by_type: dict[str, list[Event]]
    appointments: dict[str, dict[str, Any]]
    waivers: list[Event]
    by_id: dict[str, Event]
    _matches: dict[str, tuple[Pattern, list[Event]]] = field(default_factory=dict)
    _by_value: dict[tuple[str, str], tuple[list[Event], dict[str, list[Event]], list[Event]]] = field(
        default_factory=dict)

    def of(self, event_type: str) -> list[Event]:
        return self.by_type.get(event_type, [])

    def matching(self, pattern: Pattern) -> list[Event]:
        """The events a pattern matches, in time order; worked out once per pattern, as rules ask repeatedly."""
        # Keyed by the pattern's text (its hash is cached), so that the many rules writing the same pattern share one
        # match; hashing a Pattern itself costs more than matching. The entry keeps its pattern, and a different
        # pattern under the same text (parse_pattern never makes one) is matched afresh.
        entry = self._matches.get(pattern.text)
        if entry is None or (entry[0] is not pattern and entry[0] != pattern):
            entry = (pattern, [event for event in self.by_type.get(pattern.type, ()) if pattern.matches(event)])
            self._matches[pattern.text] = entry
        return entry[1]

    def matching_where(self, pattern: Pattern, attr: str, value: str) -> list[Event]:
        """The events ``matching(pattern)`` whose ``attr`` is ``value`` compared as text, or who have no ``attr``,
        in time order: a met-by's ``same`` candidates, indexed once per pattern and attribute."""
        events = self.matching(pattern)
        entry = self._by_value.get((pattern.text, attr))
        if entry is None or entry[0] is not events:
            groups: dict[str, list[Event]] = {}
            absent: list[Event] = []
            for event in events:
                held = event.data.get(attr)
                if held is None:
                    absent.append(event)
                else:
                    groups.setdefault(str(held), []).append(event)
            if absent:  # events without the attribute belong to every group, in time order
                groups = {key: [event for event in events if event.data.get(attr) is None
                                or str(event.data.get(attr)) == key] for key in groups}
            entry = self._by_value[(pattern.text, attr)] = (events, groups, absent)
        return entry[1].get(value, entry[2])


def _content_key(event_type: str, at: datetime, data: Mapping[str, Any]) -> str:
    return f"{at.isoformat()}|{event_type}|{json.dumps(data, sort_keys=True, default=str)}"


def assign_ids(raw: Iterable[tuple[str | None, str, datetime, Mapping[str, Any]]]) -> list[Event]:
    """Events from (id or None, type, at, data); missing ids are derived from content, never from input order."""
    events = []
    for given_id, event_type, at, data in raw:
        event_id = given_id or "e-" + hashlib.sha1(_content_key(event_type, at, data).encode()).hexdigest()[:12]
        events.append(Event(event_id, event_type, at, dict(data)))
    seen: dict[str, int] = {}
    unique = []
    for event in sorted(events, key=lambda e: (e.id, _content_key(e.type, e.at, e.data))):
        count = seen.get(event.id, 0)
        seen[event.id] = count + 1
        unique.append(event if count == 0 else Event(f"{event.id}-{count}", event.type, event.at, event.data))
    return unique


def _sort_key(event: Event) -> tuple:
    return (event.at, event.type, event.id)


def prepare(events: Iterable[Event], as_of: date, *, case_start_types: Iterable[str] = (),
            midpoint_round_up: bool = False) -> History:
    """Apply corrections, work out appointments' outcomes in force, derive clock events; index by type.

    ``midpoint_round_up`` is the built-in option ``order_midpoint: round_up`` (start + ceil(D / 2) days).
    """
    current = [event for event in events if event.at.date() <= as_of]
    current.sort(key=_sort_key)
    current = _apply_corrections(current)
    current, appointments = _appointments(current)
    waivers = [event for event in current if event.type == WAIVER_TYPE]
    current = [event for event in current if event.type != WAIVER_TYPE]
    current.extend(_derived(current, as_of, frozenset(case_start_types), midpoint_round_up))
    current.sort(key=_sort_key)
    by_type: dict[str, list[Event]] = {}
    for event in current:
        by_type.setdefault(event.type, []).append(event)
    return History(current, by_type, appointments, waivers, {event.id: event for event in current})


def _apply_corrections(events: list[Event]) -> list[Event]:
    """Drop voided events and merge amendments (in time order), then drop the correction events themselves."""
    if not any(event.type in CORRECTION_TYPES for event in events):
        return events
    voided = {event.data.get("event_id") for event in events if event.type == "event.voided"}
    amended: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.type == "event.amended" and event.data.get("event_id") not in voided:
            amended.setdefault(event.data.get("event_id"), {}).update(event.data.get("data") or {})
    result = []
    for event in events:
        if event.type in CORRECTION_TYPES or event.id in voided:
            continue
        if event.id in amended:
            event = Event(event.id, event.type, event.at, {**event.data, **amended[event.id]}, event.on)
        result.append(event)
    return result


def _appointments(events: list[Event]) -> tuple[list[Event], dict[str, dict[str, Any]]]:
    """Work out each appointment's start time and outcome in force, and rewrite its outcome events to match.

    The outcome in force is the latest one recorded for the appointment, on ``appointment.missed`` or
    ``appointment.outcome-recorded``. Afterwards every appointment with an outcome has exactly one
    ``appointment.outcome-recorded`` (the one in force), its ``appointment.missed`` carries that outcome, and both
    start their clocks on the appointment's date. A replaced outcome therefore no longer triggers anything.
    """
    appointments: dict[str, dict[str, Any]] = {}
    for event in events:
        appointment_id = event.data.get("appointment_id")
        if appointment_id is None or not event.type.startswith("appointment."):
            continue
        info = appointments.setdefault(str(appointment_id), {"outcome": None, "outcome_event": None})
        if event.type in ("appointment.scheduled", "appointment.rescheduled", "appointment.missed"):
            if event.data.get("starts_at"):
                info["starts_at"] = parse_when(event.data["starts_at"])
        if event.type == "appointment.missed":
            info["missed"] = event
        if event.type in ("appointment.missed", "appointment.outcome-recorded") and event.data.get("outcome"):
            info["outcome"] = norm(event.data["outcome"])
            info["outcome_event"] = event
    if not appointments:
        return events, appointments
    result = []
    for event in events:
        appointment_id = event.data.get("appointment_id")
        info = appointments.get(str(appointment_id)) if appointment_id is not None else None
        if info is None or event.type not in ("appointment.missed", "appointment.outcome-recorded"):
            result.append(event)
            continue
        starts = info.get("starts_at")
        missed = info.get("missed")
        day = starts.date() if starts else (missed.at.date() if missed else None)
        if event.type == "appointment.missed":
            data = dict(event.data)
            if info["outcome"]:
                data["outcome"] = info["outcome"]
            if starts and "starts_at" not in data:
                data["starts_at"] = starts.isoformat(timespec="minutes")
            result.append(Event(event.id, event.type, event.at, data, day))
        elif event is info["outcome_event"]:
            result.append(Event(event.id, event.type, event.at, event.data, day))
        # An outcome-recorded event that was replaced by a later outcome is not in force: dropped.
    for appointment_id, info in appointments.items():
        source = info["outcome_event"]
        if source is not None and source.type == "appointment.missed":
            # The outcome came on the missed event itself: give it the outcome-recorded form rules may name.
            starts = info.get("starts_at")
            day = starts.date() if starts else source.at.date()
            data = {"appointment_id": appointment_id, "outcome": info["outcome"]}
            result.append(Event(f"{source.id}#outcome", "appointment.outcome-recorded", source.at, data, day))
    result.sort(key=_sort_key)
    return result, appointments


def order_midpoint(start: date, end: date, round_up: bool = False) -> date:
    """The mid-point of an order (catalogue §1.2): start + floor(D / 2) days, D = end - start in days; with
    ``round_up`` (option ``order_midpoint: round_up``) start + ceil(D / 2)."""
    days = (end - start).days
    return start + timedelta(days=-(-days // 2) if round_up else days // 2)


def _derived(events: list[Event], as_of: date, case_start_types: frozenset[str],
             midpoint_round_up: bool = False) -> list[Event]:
    """Clock events the engine emits itself: month starts while the case is open, the order's mid-point."""
    derived: list[Event] = []
    start = next((event for event in events if event.type in case_start_types), None)
    if start is not None:
        closed = next((event.at.date() for event in events if event.type == "case.closed"), None)
        last = min(as_of, closed) if closed else as_of
        first = start.at.date()
        month = add_months(first.replace(day=1), 1)
        while month <= last:
            derived.append(Event(f"clock-{month.isoformat()}", "clock.month-started", datetime.combine(month, time())))
            month = add_months(month, 1)
    for event in events:
        if event.type == "order.started" and event.data.get("end"):
            started = event.at.date()
            end = parse_day(event.data["end"])
            midpoint = order_midpoint(started, end, midpoint_round_up)
            if midpoint <= as_of:
                derived.append(
                    Event(f"{event.id}#midpoint", "order.midpoint-reached", datetime.combine(midpoint, time()))
                )
    return derived
