"""Spent dates for youth disposals, each worked by hand from the Rehabilitation of Offenders Act 1974 as amended."""

from datetime import date

import pytest

from waypoint.policy.law import age_on, birthday, end_of_months_beginning_with, format_date, spent_date


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (date(2026, 3, 1), 6, date(2026, 8, 31)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),  # no 31 September: the period runs to the month end
        (date(2026, 3, 30), 6, date(2026, 9, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 1, 15), 24, date(2028, 1, 14)),
    ],
)
def test_end_of_a_period_of_months_beginning_with_a_day(start, months, last_day):
    assert end_of_months_beginning_with(start, months) == last_day


def test_ages_and_birthdays():
    assert age_on(date(2008, 9, 2), date(2024, 9, 1)) == 15
    assert age_on(date(2008, 9, 2), date(2024, 9, 2)) == 16
    assert birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert birthday(date(2008, 2, 29), 16) == date(2024, 2, 29)


def test_format_date_as_govuk_writes_it():
    assert format_date(date(2026, 10, 1)) == "1 October 2026"


def test_youth_caution_is_spent_when_given():
    result = spent_date("youth_caution", conviction_date=date(2026, 3, 5))
    assert result.date == date(2026, 3, 5)
    assert "Schedule 2" in result.explanation


def test_youth_conditional_caution_is_spent_after_3_months():
    result = spent_date("youth_conditional_caution", conviction_date=date(2026, 3, 5))
    assert result.rehabilitation_ends == date(2026, 6, 4)
    assert result.date == date(2026, 6, 5)


def test_absolute_discharge_is_spent_on_conviction():
    assert spent_date("absolute_discharge", conviction_date=date(2026, 1, 10)).date == date(2026, 1, 10)


def test_conditional_discharge_is_spent_when_it_ends():
    result = spent_date("conditional_discharge", conviction_date=date(2026, 1, 10), order_end=date(2027, 1, 9))
    assert result.date == date(2027, 1, 10)


def test_an_order_with_no_end_date_has_24_months_from_conviction():
    result = spent_date("conditional_discharge", conviction_date=date(2026, 1, 10))
    assert result.rehabilitation_ends == date(2028, 1, 9)
    assert "section 5(3)" in result.explanation


def test_fine_is_spent_6_months_after_conviction():
    assert spent_date("fine", conviction_date=date(2026, 1, 10)).date == date(2026, 7, 10)


def test_referral_order_is_spent_when_it_ends():
    result = spent_date("referral_order", conviction_date=date(2026, 3, 1), order_end=date(2026, 8, 31))
    assert result.date == date(2026, 9, 1)
    assert result.explanation.startswith("Spent on 1 September 2026.")


@pytest.mark.parametrize(
    ("order_end", "spent_on"),
    [
        (date(2026, 3, 31), date(2026, 10, 1)),
        (date(2026, 3, 1), date(2026, 9, 1)),
        (date(2026, 8, 31), date(2027, 3, 1)),
    ],
)
def test_yro_is_spent_6_months_after_the_order_ends(order_end, spent_on):
    result = spent_date("yro", conviction_date=date(2025, 3, 1), order_end=order_end, age_at_conviction=15)
    assert result.date == spent_on


def test_yro_explanation_cites_the_2023_amendment():
    result = spent_date("yro", conviction_date=date(2025, 3, 1), order_end=date(2026, 3, 31))
    assert result.explanation == (
        "Spent on 1 October 2026. A youth rehabilitation order for someone under 18 when convicted is spent "
        "6 months after the last day of the order. The order's last day is 31 March 2026, so the 6 months end on "
        "30 September 2026. Source: Rehabilitation of Offenders Act 1974, section 5(2), table, as amended by the "
        "Police, Crime, Sentencing and Courts Act 2022, section 193 (in force 28 October 2023)."
    )


@pytest.mark.parametrize(
    ("months", "completed", "spent_on"),
    [
        (4, date(2025, 3, 31), date(2025, 10, 1)),  # 1 year or less: 6 months
        (12, date(2025, 3, 31), date(2025, 10, 1)),
        (18, date(2026, 1, 15), date(2028, 1, 15)),  # over 1 year up to 4: 24 months
        (24, date(2026, 1, 15), date(2028, 1, 15)),
    ],
)
def test_detention_and_training_order_by_length(months, completed, spent_on):
    result = spent_date("dto", conviction_date=date(2024, 1, 10), order_end=completed, sentence_months=months)
    assert result.date == spent_on


def test_custody_over_4_years_is_spent_after_42_months_unless_excluded():
    result = spent_date("custody", conviction_date=date(2025, 6, 1), order_end=date(2030, 6, 1), sentence_months=60)
    assert result.date == date(2033, 12, 1)
    never = spent_date(
        "custody", conviction_date=date(2025, 6, 1), order_end=date(2030, 6, 1), sentence_months=60,
        excluded_offence=True,
    )
    assert never.date is None
    assert never.explanation.startswith("Never spent.")


def test_custody_needs_its_length_and_completion_date():
    with pytest.raises(ValueError, match="sentence length"):
        spent_date("dto", conviction_date=date(2025, 6, 1), order_end=date(2026, 6, 1))


def test_adults_are_refused():
    with pytest.raises(ValueError, match="under 18"):
        spent_date("fine", conviction_date=date(2026, 1, 10), age_at_conviction=18)


def test_unknown_disposal_is_refused():
    with pytest.raises(ValueError, match="Unknown disposal"):
        spent_date("community_resolution", conviction_date=date(2026, 1, 10))
