"""The working-day calendar: bank holidays in England and Wales, service closure days and working patterns.

Every "within N working days" in the guidance is counted here. Wokingham counts the working days of the case
worker ("the working days of the case worker (i.e. part time workers) rather than working week"), so a count
takes the responsible person's ``WorkingPattern``; Nottinghamshire counts the office week, ``MON_FRI``.

Bank holidays are England and Wales exactly as GOV.UK publishes them. The ``govuk-bank-holidays`` package
bundles GOV.UK's list and we read that bundled copy only (never the network, so results do not change under a
running system). For years outside the bundled list the ``holidays`` package (UK, England) supplies them, with
observed days only: when Christmas Day falls on a Sunday the substitute Tuesday is the day off, and the Sunday
is not a second one. See docs/adr/0003-working-day-calendar.md.

Counting convention (policy catalogue §1.2): counting starts with the first working day *after* the trigger
date, whether or not the trigger date is itself a working day.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays as _holidays
from govuk_bank_holidays.bank_holidays import BankHolidays

__all__ = [
    "WEEKDAY_NAMES",
    "WorkingPattern",
    "MON_FRI",
    "Calendar",
    "CalendarSearchError",
    "add_months",
    "SEARCH_LIMIT_DAYS",
    "bundled_years",
]

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BY_NAME = {name: i for i, name in enumerate(WEEKDAY_NAMES)} | {
    name: i for i, name in enumerate(_FULL_WEEKDAY_NAMES)
}

# A search for a working day that runs this far has gone wrong (a closure list covering years, say); stop with
# a clear message rather than loop. About ten years.
SEARCH_LIMIT_DAYS = 3653

_ONE_DAY = timedelta(days=1)


class CalendarSearchError(ValueError):
    """A working-day search ran past SEARCH_LIMIT_DAYS without finding what it needed."""


@dataclass(frozen=True)
class WorkingPattern:
    """The days of the week a person works: 0 is Monday, 6 is Sunday.

    Two optional refinements, both empty for an ordinary weekly pattern (and then ignored at no cost):
    ``days_off``, dates that are not working days although the week says so (recorded leave and sickness, when
    the built-in option ``leave_and_sickness_days`` removes them), and ``changes``, later weekly patterns as
    ``(from date, weekdays)`` in date order (a reallocated case's new worker, whose pattern applies from the
    reallocation date). ``weekdays`` is the pattern in force before the first change.
    """

    weekdays: frozenset[int]
    days_off: frozenset[date] = frozenset()
    changes: tuple[tuple[date, frozenset[int]], ...] = ()

    def __post_init__(self) -> None:
        weekdays = self._checked(self.weekdays)
        # Accept any iterable of ints from callers but keep the field hashable and immutable.
        object.__setattr__(self, "weekdays", weekdays)
        object.__setattr__(self, "days_off", frozenset(self.days_off))
        changes = tuple(sorted((start, self._checked(days)) for start, days in self.changes))
        object.__setattr__(self, "changes", changes)
        object.__setattr__(self, "_varies", bool(self.days_off or changes))

    @staticmethod
    def _checked(weekdays: Iterable[int]) -> frozenset[int]:
        weekdays = frozenset(weekdays)
        if not weekdays:
            raise ValueError("A working pattern must include at least one working day")
        bad = [day for day in weekdays if not isinstance(day, int) or not 0 <= day <= 6]
        if bad:
            raise ValueError(f"Working pattern days must be 0 (Monday) to 6 (Sunday), not {sorted(map(str, bad))}")
        return weekdays

    @property
    def varies(self) -> bool:
        """Whether the pattern has days off or later changes (so a day's answer depends on its date)."""
        return self._varies  # type: ignore[attr-defined]

    def weekdays_on(self, d: date) -> frozenset[int]:
        """The weekly pattern in force on ``d``."""
        current = self.weekdays
        for start, weekdays in self.changes:
            if start > d:
                break
            current = weekdays
        return current

    def works_on(self, d: date) -> bool:
        """Whether ``d`` is in the pattern (bank holidays and closures aside)."""
        if not self._varies:  # type: ignore[attr-defined]
            return d.weekday() in self.weekdays
        return d not in self.days_off and d.weekday() in self.weekdays_on(d)

    @classmethod
    def from_names(cls, names: Iterable[str]) -> WorkingPattern:
        """Build a pattern from day names such as ``["mon", "tue", "thu"]`` (full names also accepted)."""
        if isinstance(names, str):
            # A bare string would otherwise be read letter by letter.
            raise ValueError(f"Give a list of day names, not the string {names!r}")
        days = set()
        for name in names:
            key = str(name).strip().lower()
            if key not in _WEEKDAY_BY_NAME:
                raise ValueError(f"{name!r} is not a day of the week: use one of {', '.join(WEEKDAY_NAMES)}")
            days.add(_WEEKDAY_BY_NAME[key])
        if not days:
            raise ValueError("A working pattern must include at least one working day")
        return cls(frozenset(days))

    @property
    def part_time(self) -> bool:
        """Fewer than five working days a week."""
        return len(self.weekdays) < 5

    def names(self) -> list[str]:
        """The short day names in week order, e.g. ``["mon", "tue", "thu"]``."""
        return [WEEKDAY_NAMES[day] for day in sorted(self.weekdays)]

    def __str__(self) -> str:
        return ", ".join(name.capitalize() for name in self.names())


MON_FRI = WorkingPattern(frozenset({0, 1, 2, 3, 4}))


# --- Bank holidays -------------------------------------------------------------------------------------------

_ENGLAND_AND_WALES = BankHolidays.ENGLAND_AND_WALES

# The holidays package names some days differently from GOV.UK; show GOV.UK's names throughout.
_GOVUK_TITLES = {
    "New Year's Day": "New Year’s Day",
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
}
_OBSERVED_SUFFIX = " (observed)"


@functools.cache
def _govuk_list() -> tuple[dict[int, dict[date, tuple[str, str]]], int, int]:
    """GOV.UK's bundled England and Wales list as {year: {date: (title, notes)}}, with its first and last year."""
    data = BankHolidays.load_backup_data()
    by_year: dict[int, dict[date, tuple[str, str]]] = {}
    for event in data[_ENGLAND_AND_WALES]["events"]:
        day = date.fromisoformat(event["date"])
        by_year.setdefault(day.year, {})[day] = (event["title"], event.get("notes", "") or "")
    return by_year, min(by_year), max(by_year)


def bundled_years() -> range:
    """The years GOV.UK's bundled list covers (2012-2028 in the pinned package version)."""
    _, first, last = _govuk_list()
    return range(first, last + 1)


@functools.cache
def _from_holidays_package(year: int) -> dict[date, tuple[str, str]]:
    """England's bank holidays for a year outside GOV.UK's list, observed days only."""
    result: dict[date, tuple[str, str]] = {}
    for day, name in _holidays.country_holidays("GB", subdiv="ENG", years=year, observed=True).items():
        if day.weekday() >= 5:
            # The package lists the weekend date as well as its substitute; GOV.UK lists only the substitute,
            # which is the day off. Keeping the weekend date would give a Saturday worker a day off that
            # does not exist.
            continue
        # A date can carry two names joined by "; " when two holidays coincide; none do in England today.
        notes = ""
        if name.endswith(_OBSERVED_SUFFIX):
            name, notes = name.removesuffix(_OBSERVED_SUFFIX), "Substitute day"
        result[day] = (_GOVUK_TITLES.get(name, name), notes)
    return result


@functools.cache
def _bank_holidays_in_year(year: int) -> dict[date, tuple[str, str]]:
    by_year, first, last = _govuk_list()
    if first <= year <= last:
        return by_year.get(year, {})
    return _from_holidays_package(year)


def _display_name(title: str, notes: str) -> str:
    return f"{title} ({notes.lower()})" if notes else title


# --- Calendar ------------------------------------------------------------------------------------------------


class Calendar:
    """Working days in England and Wales for one service: bank holidays plus the service's closure days.

    ``is_working_day`` is a weekday test and one set lookup once a year's holidays are loaded, because the
    policy engine calls it on every day it counts.
    """

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self._closures: frozenset[date] = frozenset(closures)
        # Dates that are never working days for anyone: closures plus the bank holidays of loaded years.
        self._days_off: set[date] = set(self._closures)
        self._loaded_years: set[int] = set()

    @property
    def closures(self) -> frozenset[date]:
        return self._closures

    def _load_year(self, year: int) -> None:
        self._days_off.update(_bank_holidays_in_year(year))
        self._loaded_years.add(year)

    # Bank holidays

    def bank_holiday_name(self, d: date) -> str | None:
        """GOV.UK's name for the bank holiday on ``d`` in England and Wales, or None if it is not one."""
        entry = _bank_holidays_in_year(d.year).get(d)
        return _display_name(*entry) if entry else None

    def bank_holidays(self, start: date, end: date) -> list[date]:
        """Bank holidays in England and Wales from ``start`` to ``end`` inclusive, in date order."""
        found: list[date] = []
        for year in range(start.year, end.year + 1):
            found.extend(day for day in _bank_holidays_in_year(year) if start <= day <= end)
        return sorted(found)

    # Single days

    def is_working_day(self, d: date, pattern: WorkingPattern = MON_FRI) -> bool:
        """True if ``d`` is in the pattern and is neither a bank holiday nor a service closure day."""
        if pattern._varies:  # type: ignore[attr-defined]  # days off or a later pattern: ask by date
            if not pattern.works_on(d):
                return False
        elif d.weekday() not in pattern.weekdays:
            return False
        if d.year not in self._loaded_years:
            self._load_year(d.year)
        return d not in self._days_off

    def non_working_reason(self, d: date, pattern: WorkingPattern = MON_FRI) -> str | None:
        """Why ``d`` is not a working day, in words for an explanation; None if it is one.

        The person's own pattern is given first ("Saturday", "not their working day"), because a bank holiday
        or closure on a day they never work makes no difference to them.
        """
        weekday = d.weekday()
        if weekday not in pattern.weekdays_on(d):
            if weekday == 5:
                return "Saturday"
            if weekday == 6:
                return "Sunday"
            return "not their working day"
        entry = _bank_holidays_in_year(d.year).get(d)
        if entry:
            title, notes = entry
            return f"bank holiday ({title}, {notes.lower()})" if notes else f"bank holiday ({title})"
        if d in self._closures:
            return "service closure day"
        if d in pattern.days_off:
            return "recorded leave or sickness"
        return None

    # Moving by working days

    def add_working_days(self, start: date, n: int, pattern: WorkingPattern = MON_FRI) -> date:
        """The nth working day strictly after ``start``; ``start`` itself when n is 0.

        Counting starts with the first working day after the trigger date whether or not the trigger date is
        itself a working day (catalogue §1.2), so a Mon-Wed worker allocated on a Thursday has 3 working days
        ending the following Wednesday.
        """
        return self._step(start, n, pattern, _ONE_DAY)

    def subtract_working_days(self, end: date, n: int, pattern: WorkingPattern = MON_FRI) -> date:
        """The nth working day strictly before ``end``; ``end`` itself when n is 0."""
        return self._step(end, n, pattern, -_ONE_DAY)

    def _step(self, origin: date, n: int, pattern: WorkingPattern, step: timedelta) -> date:
        if n < 0:
            raise ValueError(f"Count working days with a number of 0 or more, not {n}")
        day = origin
        remaining = n
        taken = 0
        while remaining:
            day += step
            taken += 1
            if taken > SEARCH_LIMIT_DAYS:
                self._search_failed(origin, n, pattern)
            if self.is_working_day(day, pattern):
                remaining -= 1
        return day

    def next_working_day(self, d: date, pattern: WorkingPattern = MON_FRI, inclusive: bool = False) -> date:
        """The first working day after ``d`` (or ``d`` itself if ``inclusive`` and it is one)."""
        if inclusive and self.is_working_day(d, pattern):
            return d
        return self.add_working_days(d, 1, pattern)

    def previous_working_day(self, d: date, pattern: WorkingPattern = MON_FRI, inclusive: bool = False) -> date:
        """The last working day before ``d`` (or ``d`` itself if ``inclusive`` and it is one)."""
        if inclusive and self.is_working_day(d, pattern):
            return d
        return self.subtract_working_days(d, 1, pattern)

    def _search_failed(self, origin: date, n: int, pattern: WorkingPattern) -> None:
        raise CalendarSearchError(
            f"Counting {n} working days from {origin.isoformat()} for someone who works {pattern} runs past "
            f"{SEARCH_LIMIT_DAYS} days (about 10 years): check the service's closure days and the working pattern"
        )

    # Ranges

    def working_days_between(self, start: date, end: date, pattern: WorkingPattern = MON_FRI) -> int:
        """How many working days d there are with start < d <= end (0 when end is on or before start).

        This is the inverse of ``add_working_days``: ``working_days_between(s, add_working_days(s, n)) == n``.
        Computed by whole weeks rather than day by day, because reports ask it of long ranges.
        """
        if end <= start:
            return 0
        if pattern.varies:
            return sum(1 for i in range(1, (end - start).days + 1)
                       if self.is_working_day(start + timedelta(days=i), pattern))
        first = start + _ONE_DAY
        total_days = (end - start).days
        full_weeks, extra = divmod(total_days, 7)
        count = full_weeks * len(pattern.weekdays)
        first_weekday = first.weekday()
        count += sum(1 for i in range(extra) if (first_weekday + i) % 7 in pattern.weekdays)
        for year in range(first.year, end.year + 1):
            if year not in self._loaded_years:
                self._load_year(year)
        count -= sum(
            1
            for day in self._days_off_between(first, end)
            if day.weekday() in pattern.weekdays
        )
        return count

    def _days_off_between(self, first: date, last: date) -> set[date]:
        days = {day for day in self._closures if first <= day <= last}
        for year in range(first.year, last.year + 1):
            days.update(day for day in _bank_holidays_in_year(year) if first <= day <= last)
        return days

    def last_working_day_in(self, start: date, end: date, pattern: WorkingPattern = MON_FRI) -> date | None:
        """The last working day from ``start`` to ``end`` inclusive, or None if there is none."""
        day = end
        while day >= start:
            if self.is_working_day(day, pattern):
                return day
            day -= _ONE_DAY
        return None

    def first_working_day_in(self, start: date, end: date, pattern: WorkingPattern = MON_FRI) -> date | None:
        """The first working day from ``start`` to ``end`` inclusive, or None if there is none."""
        day = start
        while day <= end:
            if self.is_working_day(day, pattern):
                return day
            day += _ONE_DAY
        return None

    def non_working_days(self, start: date, end: date, pattern: WorkingPattern = MON_FRI) -> list[date]:
        """Every day from ``start`` to ``end`` inclusive that is not a working day, in date order."""
        days = []
        day = start
        while day <= end:
            if not self.is_working_day(day, pattern):
                days.append(day)
            day += _ONE_DAY
        return days


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (n may be negative), clamped to the month end: 31 Jan + 1 = 28/29 Feb."""
    month_index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))
