"""Worked examples for the working-day calendar, each checked by hand against a printed calendar."""

from datetime import date, timedelta

import pytest

from waypoint.policy.calendar import (
    MON_FRI,
    Calendar,
    CalendarSearchError,
    WorkingPattern,
    add_months,
)

MON_TUE_THU = WorkingPattern.from_names(["mon", "tue", "thu"])
MON_TO_WED = WorkingPattern.from_names(["mon", "tue", "wed"])


@pytest.fixture
def calendar():
    return Calendar()


# Working patterns


def test_pattern_from_names_keeps_week_order():
    pattern = WorkingPattern.from_names(["thu", "Mon", "tuesday"])
    assert pattern.weekdays == frozenset({0, 1, 3})
    assert pattern.names() == ["mon", "tue", "thu"]
    assert str(pattern) == "Mon, Tue, Thu"


@pytest.mark.parametrize("names", [[], ["funday"], ["mon", "xyz"], "mon"])
def test_pattern_from_bad_names_is_refused(names):
    with pytest.raises(ValueError):
        WorkingPattern.from_names(names)


def test_pattern_with_no_working_days_is_refused():
    with pytest.raises(ValueError, match="at least one working day"):
        WorkingPattern(frozenset())


def test_pattern_with_a_day_outside_the_week_is_refused():
    with pytest.raises(ValueError):
        WorkingPattern(frozenset({7}))


def test_part_time_means_fewer_than_five_days():
    assert MON_TO_WED.part_time
    assert not MON_FRI.part_time
    assert not WorkingPattern.from_names(["mon", "tue", "wed", "thu", "fri", "sat"]).part_time


# Catalogue §1.2 and DESIGN.md examples


def test_mon_to_wed_worker_allocated_on_thursday_has_until_following_wednesday(calendar):
    # Thu 8 Jan 2026 -> Mon 12, Tue 13, Wed 14.
    assert calendar.add_working_days(date(2026, 1, 8), 3, MON_TO_WED) == date(2026, 1, 14)


def test_design_explanation_example(calendar):
    # Allocated Thu 8 Jan 2026, works Mon/Tue/Thu: Mon 12, Tue 13, Thu 15.
    allocated = date(2026, 1, 8)
    assert calendar.add_working_days(allocated, 3, MON_TUE_THU) == date(2026, 1, 15)
    assert calendar.non_working_reason(date(2026, 1, 9), MON_TUE_THU) == "not their working day"
    assert calendar.non_working_reason(date(2026, 1, 14), MON_TUE_THU) == "not their working day"
    assert calendar.non_working_reason(date(2026, 1, 10), MON_TUE_THU) == "Saturday"
    assert calendar.non_working_reason(date(2026, 1, 11), MON_TUE_THU) == "Sunday"
    assert calendar.non_working_reason(date(2026, 1, 12), MON_TUE_THU) is None
    assert calendar.non_working_days(date(2026, 1, 9), date(2026, 1, 15), MON_TUE_THU) == [
        date(2026, 1, 9),
        date(2026, 1, 10),
        date(2026, 1, 11),
        date(2026, 1, 14),
    ]


def test_counting_starts_after_the_trigger_even_when_it_is_not_a_working_day(calendar):
    # Sat 10 Jan 2026: the first working day after it is Mon 12.
    assert calendar.add_working_days(date(2026, 1, 10), 1) == date(2026, 1, 12)
    # A working trigger day is not counted either: Mon 12 + 1 is Tue 13.
    assert calendar.add_working_days(date(2026, 1, 12), 1) == date(2026, 1, 13)


def test_zero_working_days_is_the_start_itself(calendar):
    assert calendar.add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 10)
    assert calendar.subtract_working_days(date(2026, 1, 10), 0) == date(2026, 1, 10)


def test_negative_counts_are_refused(calendar):
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 1, 8), -1)
    with pytest.raises(ValueError):
        calendar.subtract_working_days(date(2026, 1, 8), -1)


def test_two_working_days_before_a_monday_interview_is_the_thursday(calendar):
    # Catalogue §1.2 "no later than two days before": Mon 12 Jan 2026 -> Fri 9, Thu 8.
    assert calendar.subtract_working_days(date(2026, 1, 12), 2) == date(2026, 1, 8)


# Easter and Christmas 2026


def test_easter_2026(calendar):
    assert calendar.non_working_reason(date(2026, 4, 3)) == "bank holiday (Good Friday)"
    assert calendar.non_working_reason(date(2026, 4, 6)) == "bank holiday (Easter Monday)"
    # Thu 2 Apr + 1: Fri 3 Good Friday, weekend, Mon 6 Easter Monday -> Tue 7.
    assert calendar.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # Wed 1 Apr + 3: Thu 2, Tue 7, Wed 8.
    assert calendar.add_working_days(date(2026, 4, 1), 3) == date(2026, 4, 8)
    assert calendar.working_days_between(date(2026, 3, 31), date(2026, 4, 10)) == 6
    assert calendar.subtract_working_days(date(2026, 4, 7), 1) == date(2026, 4, 2)


def test_easter_monday_for_a_tuesday_to_thursday_worker_is_not_their_working_day(calendar):
    pattern = WorkingPattern.from_names(["tue", "wed", "thu"])
    assert calendar.non_working_reason(date(2026, 4, 6), pattern) == "not their working day"
    assert calendar.add_working_days(date(2026, 4, 2), 1, pattern) == date(2026, 4, 7)


def test_christmas_2026(calendar):
    # Fri 25 Dec Christmas Day, Sat 26 Boxing Day -> Mon 28 substitute; Fri 1 Jan 2027 New Year's Day.
    assert calendar.non_working_reason(date(2026, 12, 25)) == "bank holiday (Christmas Day)"
    assert calendar.non_working_reason(date(2026, 12, 26)) == "Saturday"
    assert calendar.non_working_reason(date(2026, 12, 28)) == "bank holiday (Boxing Day, substitute day)"
    assert calendar.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    # Tue 29, Wed 30, Thu 31, Mon 4, Tue 5.
    assert calendar.add_working_days(date(2026, 12, 24), 5) == date(2027, 1, 5)
    assert calendar.previous_working_day(date(2026, 12, 29)) == date(2026, 12, 24)


# One-off and substitute days


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2022, 6, 1), date(2022, 6, 6)),  # Thu 2 Jun spring bank holiday, Fri 3 Jun Platinum Jubilee
        (date(2022, 9, 16), date(2022, 9, 20)),  # Mon 19 Sep 2022 state funeral
        (date(2023, 5, 5), date(2023, 5, 9)),  # Mon 8 May 2023 coronation
        (date(2022, 12, 23), date(2022, 12, 28)),  # Mon 26 Boxing Day, Tue 27 Christmas Day substitute
        (date(2022, 12, 30), date(2023, 1, 3)),  # Mon 2 Jan 2023 New Year's Day substitute
        (date(2020, 12, 24), date(2020, 12, 29)),  # Fri 25, Mon 28 Dec 2020 Boxing Day substitute
        (date(2021, 12, 24), date(2021, 12, 29)),  # Mon 27, Tue 28 Dec 2021 both substitutes
    ],
)
def test_next_working_day_after_one_off_and_substitute_days(calendar, start, expected):
    assert calendar.add_working_days(start, 1) == expected


def test_sunday_christmas_is_not_a_day_off_for_a_sunday_worker(calendar):
    # GOV.UK lists Tue 27 Dec 2022 as the substitute, not Sun 25 Dec.
    sundays = WorkingPattern.from_names(["sun"])
    assert calendar.is_working_day(date(2022, 12, 25), sundays)
    assert not calendar.is_working_day(date(2022, 12, 27), MON_FRI)


def test_bank_holidays_range_is_inclusive(calendar):
    assert calendar.bank_holidays(date(2022, 12, 26), date(2023, 1, 2)) == [
        date(2022, 12, 26),
        date(2022, 12, 27),
        date(2023, 1, 2),
    ]
    assert calendar.bank_holidays(date(2026, 1, 2), date(2026, 4, 2)) == []


# Service closure days


def test_closure_days_are_not_working_days():
    calendar = Calendar(closures=[date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)])
    assert calendar.non_working_reason(date(2026, 12, 29)) == "service closure day"
    assert calendar.add_working_days(date(2026, 12, 24), 1) == date(2027, 1, 4)
    assert calendar.working_days_between(date(2026, 12, 24), date(2027, 1, 8)) == 5
    # Closures belong to one calendar: another service's calendar is unaffected.
    assert Calendar().is_working_day(date(2026, 12, 29))


def test_a_bank_holiday_that_is_also_a_closure_day_gives_the_bank_holiday_reason():
    calendar = Calendar(closures=[date(2026, 12, 25)])
    assert calendar.non_working_reason(date(2026, 12, 25)) == "bank holiday (Christmas Day)"
    assert calendar.working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 3


def test_a_search_running_past_ten_years_stops_with_a_clear_error():
    start = date(2026, 1, 1)
    everything_closed = Calendar(closures=[start + timedelta(days=i) for i in range(1, 4000)])
    with pytest.raises(CalendarSearchError, match="about 10 years"):
        everything_closed.add_working_days(start, 1)
    with pytest.raises(CalendarSearchError):
        everything_closed.next_working_day(start)


# Next, previous and last working day


def test_next_and_previous_working_day_inclusive(calendar):
    monday = date(2026, 1, 12)
    assert calendar.next_working_day(monday, inclusive=True) == monday
    assert calendar.next_working_day(monday) == date(2026, 1, 13)
    assert calendar.previous_working_day(monday, inclusive=True) == monday
    assert calendar.previous_working_day(monday) == date(2026, 1, 9)
    saturday = date(2026, 1, 10)
    assert calendar.next_working_day(saturday, inclusive=True) == monday
    assert calendar.previous_working_day(saturday, inclusive=True) == date(2026, 1, 9)


def test_last_working_day_in_a_programme_week(calendar):
    # Catalogue §1.2: week 4 = Mon 2-Sun 8 Feb 2026, QA due Fri 6 Feb; week 14 ends Fri 17 Apr.
    assert calendar.last_working_day_in(date(2026, 2, 2), date(2026, 2, 8)) == date(2026, 2, 6)
    assert calendar.last_working_day_in(date(2026, 4, 13), date(2026, 4, 19)) == date(2026, 4, 17)
    # Easter week for a Mon/Tue worker: Mon 6 is Easter Monday, so Tue 7.
    mon_tue = WorkingPattern.from_names(["mon", "tue"])
    assert calendar.last_working_day_in(date(2026, 4, 6), date(2026, 4, 12), mon_tue) == date(2026, 4, 7)
    # Christmas 2026 for a Monday-only worker: Mon 28 Dec is the substitute day, so no working day that week.
    mondays = WorkingPattern.from_names(["mon"])
    assert calendar.last_working_day_in(date(2026, 12, 28), date(2027, 1, 3), mondays) is None
    assert calendar.first_working_day_in(date(2026, 12, 28), date(2027, 1, 3), mondays) is None
    assert calendar.first_working_day_in(date(2026, 4, 6), date(2026, 4, 12)) == date(2026, 4, 7)


def test_working_days_between_is_zero_for_an_empty_or_reversed_range(calendar):
    assert calendar.working_days_between(date(2026, 1, 12), date(2026, 1, 12)) == 0
    assert calendar.working_days_between(date(2026, 1, 15), date(2026, 1, 12)) == 0


def test_working_days_in_2026(calendar):
    # 261 weekdays in 2026, less 8 bank holidays, all on weekdays.
    assert calendar.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


# add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
        (date(2026, 1, 10), -13, date(2024, 12, 10)),
        (date(2022, 6, 28), 36, date(2025, 6, 28)),
    ],
)
def test_add_months_clamps_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected
