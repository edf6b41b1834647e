"""Due expressions: from an anchor date (or time) and a responsible person's working pattern to a due date.

Each kind follows catalogue §1.2: working days of the responsible person (counting starts the day after the
anchor), calendar days, weeks (7 days), months (clamped to the month end), elapsed hours (an exact ``due_at``),
the first given weekday after the anchor ("the Friday after"), week N of a Wokingham programme (week 1 is the
Monday-Sunday week after the anchor's week; due on the person's last working day of week N), week N of a YRO
(days 7(N-1) to 7N-1 from the start: due at the end of day 7N-1), the end of the person's working day, and
"N before Y" (``before``). Every result carries the sentence that explains it, naming skipped days.

The built-in options ``hours_means``, ``hours_due``, ``programme_week_one``, ``programme_week_due`` and ``order_week_means``
(docs/policy-packs.md §7.1) change the hours, programme-week and order-week kinds; the others act on the
pattern passed in, or in the engine.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from waypoint.policy.calendar import WEEKDAY_NAMES, Calendar, WorkingPattern, add_months
from waypoint.policy.events import add_hours
from waypoint.policy.schema import CALENDAR_KINDS, Due

_FULL_DAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class DueExpr:
    """A due expression in plain attributes, read on every evaluation (the pydantic model is for loading)."""

    kind: str
    n: int | str | bool
    before: bool = False
    non_working_day: str | None = None

    @classmethod
    def of(cls, model: Due) -> DueExpr:
        return cls(model.kind, model.amount, model.before, model.non_working_day)


@dataclass(frozen=True)
class DueResult:
    due: date | None
    due_at: datetime | None
    text: str


@functools.lru_cache(maxsize=4096)
def long_date(d: date) -> str:
    """Thu 15 Jan 2026."""
    return f"{d:%a} {d.day} {d:%b %Y}"


@functools.lru_cache(maxsize=8192)
def short_date(d: date, context: date) -> str:
    """Mon 12 within the month of ``context``, Mon 2 Feb otherwise, with the year only if it differs."""
    if (d.year, d.month) == (context.year, context.month):
        return f"{d:%a} {d.day}"
    if d.year == context.year:
        return f"{d:%a} {d.day} {d:%b}"
    return long_date(d)


def time_text(moment: datetime) -> str:
    return f"{long_date(moment.date())} {moment:%H:%M}"


def join_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def person(owner_label: str, pattern: WorkingPattern, office_week: bool) -> str:
    if office_week:
        return "working days (Monday to Friday, not bank holidays)"
    works = "" if pattern.weekdays == frozenset(range(5)) and not pattern.changes else f" (works {pattern}"
    for start, weekdays in pattern.changes:  # a reallocated worker's pattern, from the reallocation date
        names = ", ".join(name.capitalize() for name in WorkingPattern(weekdays).names())
        works += f"; from {long_date(start)}, reallocated: {names}"
    works += ")" if works else ""
    return f"working days of the {owner_label}{works}"


def skipped_text(calendar: Calendar, days: list[date], pattern: WorkingPattern, context: date) -> str:
    """'Fri 9 and Wed 14 are not their working days; Mon 6 Apr is a bank holiday (Easter Monday)'."""
    groups: dict[str, list[date]] = {}
    for day in days:
        reason = calendar.non_working_reason(day, pattern)
        if reason and reason not in ("Saturday", "Sunday"):
            groups.setdefault(reason, []).append(day)
    sentences = []
    for reason, group in groups.items():
        names = join_words([short_date(day, context) for day in group])
        plural = len(group) > 1
        if reason == "not their working day":
            sentences.append(f"{names} {'are' if plural else 'is'} not their working day{'s' if plural else ''}")
        elif reason.startswith("bank holiday"):
            sentences.append(f"{names} {'are' if plural else 'is a'} {reason.replace('bank holiday', 'bank holiday' + ('s' if plural else ''), 1)}")
        elif reason == "recorded leave or sickness":
            sentences.append(f"{names} {'are' if plural else 'is'} recorded leave or sickness")
        elif reason == "service closure day":
            sentences.append(f"{names} {'are service closure days' if plural else 'is a service closure day'}")
        else:
            sentences.append(f"{names}: {reason}")
    return "; ".join(sentences)


# Due results already worked out, keyed on everything compute_due reads (results are immutable, so they are
# shared). A recompute after one new event repeats nearly every due date of the one before, and cases of a service
# share anchors, so most calls are answered here. Cleared whole when full: about 0.8 KB an entry, 8 MB at most.
_DUE_CACHE: dict[tuple, DueResult] = {}
_DUE_CACHE_SIZE = 10_000
_DUE_OPTIONS = ("order_week_means", "hours_means", "hours_due", "programme_week_one", "programme_week_due")


def compute_due(
    expr: DueExpr,
    *,
    anchor_day: date,
    anchor_at: datetime,
    anchor_label: str,
    calendar: Calendar,
    pattern: WorkingPattern,
    owner_label: str,
    office_week: bool,
    non_working_option: str,
    because: str = "",
    options: Mapping[str, str] | None = None,
) -> DueResult:
    """Apply one due expression; ``anchor_label`` reads like "allocated Thu 5 Mar 2026".

    ``options`` are the case's options; the built-in ones read here are ``hours_due``, ``programme_week_one``
    and ``programme_week_due`` (left out, each has its default: the catalogue's reading). Results are memoised.
    """
    got = options.get if options else {}.get
    # The calendar enters by its closure days: with the bundled bank holidays, they are all its answers depend on.
    # (The time of day matters to the hours kind only.)
    key = (expr, anchor_day, anchor_at if expr.kind == "hours" else None, anchor_label, calendar.closures, pattern,
           owner_label, office_week, non_working_option, because, *[got(name) for name in _DUE_OPTIONS])
    result = _DUE_CACHE.get(key)
    if result is None:
        result = _compute_due(expr, anchor_day=anchor_day, anchor_at=anchor_at, anchor_label=anchor_label,
                              calendar=calendar, pattern=pattern, owner_label=owner_label, office_week=office_week,
                              non_working_option=non_working_option, because=because, options=options)
        if len(_DUE_CACHE) >= _DUE_CACHE_SIZE:
            _DUE_CACHE.clear()
        _DUE_CACHE[key] = result
    return result


def _compute_due(
    expr: DueExpr,
    *,
    anchor_day: date,
    anchor_at: datetime,
    anchor_label: str,
    calendar: Calendar,
    pattern: WorkingPattern,
    owner_label: str,
    office_week: bool,
    non_working_option: str,
    because: str = "",
    options: Mapping[str, str] | None = None,
) -> DueResult:
    """compute_due, without the cache."""
    options = options or {}
    kind, n = expr.kind, expr.n
    numbered_as = ""
    if kind == "order_week" and options.get("order_week_means") == "programme_weeks":
        kind = "programme_week"  # a YRO's week N numbered like the Wokingham programmes' weeks (000, 001)
        numbered_as = "; an order's weeks are numbered as the programmes' (option order_week_means: programme_weeks)"
    if kind == "hours" and n and n % 24 == 0 and options.get("hours_means") == "working_days":
        # "Within 48 hours" read as 2 of the person's working days (counted like any working days).
        kind, n = "working_days", n // 24
        numbered_as = (f"; {expr.n} hours read as {n} working day{'s' if n != 1 else ''} "
                       "(option hours_means: working_days)")
    calendar_date = kind in CALENDAR_KINDS
    prefix = f"{anchor_label}; " + (f"{because}, so " if because else "")
    due_at = None
    detail = ""
    if kind == "none":
        return DueResult(None, None, f"{anchor_label}; no timescale stated: open until met or the case closes.")
    if kind == "working_days":
        who = person(owner_label, pattern, office_week)
        if expr.before:
            due = calendar.subtract_working_days(anchor_day, n, pattern)
            counted = _working_days_in(calendar, due, anchor_day - timedelta(days=1), pattern)
            skipped = [d for d in _days(due + timedelta(days=1), anchor_day - timedelta(days=1)) if d not in counted]
            detail = f"{n} {who} before it: " + ", ".join(short_date(d, due) for d in reversed(counted))
        else:
            due = calendar.add_working_days(anchor_day, n, pattern)
            counted = _working_days_in(calendar, anchor_day + timedelta(days=1), due, pattern)
            skipped = [d for d in _days(anchor_day + timedelta(days=1), due) if d not in counted]
            listing = ", ".join(short_date(d, due) for d in counted) if n <= 10 else f"the {n}th is {short_date(due, due)}"
            detail = f"{n} {who}: {listing}" if n else f"0 {who}"
        skipped_words = skipped_text(calendar, skipped, pattern, due)
        if skipped_words:
            detail += f"; {skipped_words}"
    elif kind == "days":
        due = anchor_day - timedelta(days=n) if expr.before else anchor_day + timedelta(days=n)
        detail = (f"{n} calendar day{'s' if n != 1 else ''} {'before' if expr.before else 'later'}" if n
                  else "the same day")
    elif kind == "weeks":
        due = anchor_day - timedelta(weeks=n) if expr.before else anchor_day + timedelta(weeks=n)
        detail = f"{n} week{'s' if n != 1 else ''} ({7 * n} days) {'before' if expr.before else 'later'}"
    elif kind == "months":
        due = add_months(anchor_day, -n if expr.before else n)
        detail = f"{n} calendar month{'s' if n != 1 else ''} {'before' if expr.before else 'later'}"
        if due.day != anchor_day.day:
            detail += " (the month is shorter, so its last day)"
    elif kind == "hours":
        due_at = add_hours(anchor_at, -n if expr.before else n)
        due = due_at.date()
        detail = (f"{n} hours {'before' if expr.before else 'later'}, at {time_text(due_at)}" if n
                  else "by that time")
        if options.get("hours_due") == "end_of_day":
            detail += ", so by the end of that day (option hours_due: end_of_day)"
            due_at = None
    elif kind == "next_weekday":
        target = WEEKDAY_NAMES.index(n)
        due = anchor_day + timedelta(days=(target - anchor_day.weekday() - 1) % 7 + 1)
        detail = f"the first {_FULL_DAY[target]} after"
    elif kind == "programme_week":
        allocation_monday = anchor_day - timedelta(days=anchor_day.weekday())
        if options.get("programme_week_one") == "allocation_week" and n >= 2:
            # Week 1 is the allocation week itself. (`programme_week: 1` is how packs write "the week after the
            # allocation", which is that week under either numbering, so it does not move.)
            monday = allocation_monday + timedelta(days=7 * (n - 1))
            numbering = ("week 1 is the calendar week containing "
                         f"{short_date(anchor_day, monday + timedelta(days=6))}, option programme_week_one: "
                         "allocation_week")
        else:
            monday = allocation_monday + timedelta(days=7 * n)
            numbering = ("week 1 is the calendar week after the one containing "
                         f"{short_date(anchor_day, monday + timedelta(days=6))}")
        sunday = monday + timedelta(days=6)
        last = calendar.last_working_day_in(monday, sunday, pattern)
        who = "their" if not office_week else "the"
        detail = f"week {n} of the programme is {short_date(monday, sunday)} to {long_date(sunday)} ({numbering})"
        if options.get("programme_week_due") == "end_of_week":
            due = sunday
            detail += "; due by the end of that week, its Sunday (option programme_week_due: end_of_week)"
            calendar_date = True
        elif last is None:
            due = calendar.previous_working_day(monday, pattern)
            detail += f"; no working day of the {owner_label} falls in it, so {who} last working day before it"
        else:
            due = last
            skipped = [d for d in _days(last + timedelta(days=1), sunday)]
            detail += f"; the {owner_label}'s last working day of it is {short_date(due, due)}"
            skipped_words = skipped_text(calendar, skipped, pattern, due)
            if skipped_words:
                detail += f" ({skipped_words})"
    elif kind == "order_week":
        due = anchor_day + timedelta(days=7 * n - 1)
        detail = f"the end of week {n} of the order (day {7 * n - 1} from the start)"
    elif kind == "same_working_day":
        if calendar.is_working_day(anchor_day, pattern):
            due = anchor_day
            detail = "by the end of that working day"
        else:
            due = calendar.next_working_day(anchor_day, pattern)
            reason = calendar.non_working_reason(anchor_day, pattern)
            detail = f"that day is not a working day of the {owner_label} ({reason}), so by the end of their next one"
    else:  # pragma: no cover - the schema admits no other kind
        raise ValueError(kind)

    detail += numbered_as
    if calendar_date:
        choice = expr.non_working_day or non_working_option
        if choice != "keep" and not calendar.is_working_day(due, pattern):
            reason = calendar.non_working_reason(due, pattern)
            moved = (calendar.previous_working_day(due, pattern) if choice == "previous_working_day"
                     else calendar.next_working_day(due, pattern))
            detail += (f"; {short_date(due, moved)} is not a working day ({reason}), so it moves to the "
                       f"{'previous' if choice == 'previous_working_day' else 'next'} working day "
                       f"(option due_on_non_working_day: {choice})")
            due = moved
    head = f"Due {time_text(due_at)}" if due_at else f"Due {long_date(due)}"
    return DueResult(due, due_at, f"{head}: {prefix}{detail}.")


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)] if end >= start else []


def _working_days_in(calendar: Calendar, start: date, end: date, pattern: WorkingPattern) -> list[date]:
    return [d for d in _days(start, end) if calendar.is_working_day(d, pattern)]
