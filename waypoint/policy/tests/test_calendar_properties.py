"""Property tests for the working-day calendar: counts land on working days, invert, and move the right way."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from waypoint.policy.calendar import Calendar, WorkingPattern, add_months

dates = st.dates(min_value=date(2010, 1, 1), max_value=date(2040, 12, 31))
patterns = st.frozensets(st.integers(min_value=0, max_value=6), min_size=1).map(WorkingPattern)
counts = st.integers(min_value=0, max_value=60)
positive_counts = st.integers(min_value=1, max_value=60)


@st.composite
def calendars(draw):
    """A calendar with a few closure days near the dates the other strategies draw."""
    anchor = draw(dates)
    offsets = draw(st.lists(st.integers(min_value=-30, max_value=90), max_size=15))
    return Calendar(closures=[anchor + timedelta(days=o) for o in offsets])


def _brute_force_count(calendar, start, end, pattern):
    return sum(
        1
        for i in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=i), pattern)
    )


@settings(max_examples=300)
@given(calendars(), dates, positive_counts, patterns)
def test_adding_working_days_lands_on_a_working_day(calendar, start, n, pattern):
    assert calendar.is_working_day(calendar.add_working_days(start, n, pattern), pattern)


@settings(max_examples=300)
@given(calendars(), dates, counts, patterns)
def test_counting_back_gives_the_number_added(calendar, start, n, pattern):
    end = calendar.add_working_days(start, n, pattern)
    assert calendar.working_days_between(start, end, pattern) == n


@settings(max_examples=200)
@given(calendars(), dates, st.integers(min_value=0, max_value=120), patterns)
def test_working_days_between_matches_a_day_by_day_count(calendar, start, length, pattern):
    end = start + timedelta(days=length)
    assert calendar.working_days_between(start, end, pattern) == _brute_force_count(calendar, start, end, pattern)


@given(calendars(), dates, counts, patterns)
def test_adding_is_strictly_increasing_in_n(calendar, start, n, pattern):
    assert calendar.add_working_days(start, n, pattern) < calendar.add_working_days(start, n + 1, pattern)


@given(calendars(), dates, st.integers(min_value=0, max_value=30), positive_counts, patterns)
def test_adding_is_monotone_in_the_start(calendar, start, later_by, n, pattern):
    later = start + timedelta(days=later_by)
    assert calendar.add_working_days(start, n, pattern) <= calendar.add_working_days(later, n, pattern)


@given(calendars(), dates, positive_counts, patterns)
def test_subtracting_lands_on_a_working_day_and_counts_forward_to_n(calendar, end, n, pattern):
    start = calendar.subtract_working_days(end, n, pattern)
    assert calendar.is_working_day(start, pattern)
    # (start, end] holds the n-1 working days after start plus end itself if end is a working day.
    ends_on_working_day = calendar.is_working_day(end, pattern)
    assert calendar.working_days_between(start, end, pattern) == n - 1 + ends_on_working_day


@given(calendars(), dates, positive_counts, patterns)
def test_subtract_undoes_add(calendar, start, n, pattern):
    end = calendar.add_working_days(start, n, pattern)
    assert calendar.subtract_working_days(end, n, pattern) == calendar.previous_working_day(
        start, pattern, inclusive=True
    )
    assert calendar.add_working_days(calendar.subtract_working_days(end, n, pattern), n, pattern) == end


@given(calendars(), dates, counts, patterns)
def test_subtracting_is_strictly_decreasing_in_n(calendar, end, n, pattern):
    assert calendar.subtract_working_days(end, n + 1, pattern) < calendar.subtract_working_days(end, n, pattern)


@given(calendars(), dates, positive_counts, patterns)
def test_days_skipped_by_a_count_are_the_non_working_days(calendar, start, n, pattern):
    end = calendar.add_working_days(start, n, pattern)
    skipped = calendar.non_working_days(start + timedelta(days=1), end, pattern)
    assert len(skipped) + n == (end - start).days
    assert all(calendar.non_working_reason(day, pattern) for day in skipped)


@given(calendars(), dates, patterns)
def test_reason_is_given_exactly_for_non_working_days(calendar, day, pattern):
    assert (calendar.non_working_reason(day, pattern) is None) == calendar.is_working_day(day, pattern)


@given(dates, st.integers(min_value=-120, max_value=120))
def test_add_months_moves_by_whole_months_and_never_past_the_month_end(start, n):
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    assert result.day == start.day or (result.day < start.day and (result + timedelta(days=1)).day == 1)
