"""The calendar's bank holidays agree with GOV.UK's published England and Wales list, year by year.

The expected dates below were written out by hand from GOV.UK's list (https://www.gov.uk/bank-holidays), not
read from the package, so a wrong or changed bundled file fails here.
"""

from datetime import date

import pytest

from waypoint.policy.calendar import MON_FRI, Calendar, WorkingPattern, bundled_years

GOVUK_ENGLAND_AND_WALES = {
    2012: ["01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26"],
    2013: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2014: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2015: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2016: ["01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"],
    2017: ["01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
    2018: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
    2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2028: ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
}

# Beyond GOV.UK's list the holidays package supplies the days, observed days only.
LATER_YEARS = {
    2029: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
    2030: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
    # New Year's Day is a Saturday and Christmas Day a Sunday: the substitutes are Mon 3 Jan and Tue 27 Dec.
    2033: ["01-03", "04-15", "04-18", "05-02", "05-30", "08-29", "12-26", "12-27"],
}


def _dates(year: int, month_days: list[str]) -> list[date]:
    return [date.fromisoformat(f"{year}-{md}") for md in month_days]


@pytest.mark.parametrize("year", sorted(GOVUK_ENGLAND_AND_WALES))
def test_bank_holidays_match_govuk_list(year):
    expected = _dates(year, GOVUK_ENGLAND_AND_WALES[year])
    assert Calendar().bank_holidays(date(year, 1, 1), date(year, 12, 31)) == expected


def test_hand_written_list_covers_every_bundled_year():
    assert set(bundled_years()) == set(GOVUK_ENGLAND_AND_WALES)


@pytest.mark.parametrize("year", sorted(LATER_YEARS))
def test_years_after_the_govuk_list_have_observed_days_only(year):
    expected = _dates(year, LATER_YEARS[year])
    assert Calendar().bank_holidays(date(year, 1, 1), date(year, 12, 31)) == expected


def test_sunday_christmas_2033_is_not_a_second_day_off():
    calendar = Calendar()
    every_day = WorkingPattern(frozenset(range(7)))
    assert calendar.bank_holiday_name(date(2033, 12, 25)) is None
    assert calendar.is_working_day(date(2033, 12, 25), every_day)
    assert calendar.bank_holiday_name(date(2033, 12, 27)) == "Christmas Day (substitute day)"
    assert calendar.non_working_reason(date(2033, 12, 27)) == "bank holiday (Christmas Day, substitute day)"


def test_later_years_use_govuk_names():
    calendar = Calendar()
    assert calendar.bank_holiday_name(date(2029, 5, 7)) == "Early May bank holiday"
    assert calendar.bank_holiday_name(date(2029, 5, 28)) == "Spring bank holiday"
    assert calendar.bank_holiday_name(date(2029, 8, 27)) == "Summer bank holiday"
    assert calendar.bank_holiday_name(date(2033, 1, 3)) == "New Year’s Day (substitute day)"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2012, 6, 5), "Queen’s Diamond Jubilee (extra bank holiday)"),
        (date(2020, 5, 8), "Early May bank holiday (VE day)"),
        (date(2022, 6, 3), "Platinum Jubilee bank holiday"),
        (date(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
        (date(2022, 12, 27), "Christmas Day (substitute day)"),
        (date(2026, 4, 3), "Good Friday"),
    ],
)
def test_govuk_names_for_one_off_and_substitute_days(day, name):
    assert Calendar().bank_holiday_name(day) == name


def test_an_ordinary_weekday_has_no_bank_holiday_name():
    assert Calendar().bank_holiday_name(date(2026, 1, 14)) is None
    assert Calendar().is_working_day(date(2026, 1, 14), MON_FRI)
