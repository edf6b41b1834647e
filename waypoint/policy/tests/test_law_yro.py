"""YRO requirement limits: each limit with a passing and a failing case, worked by hand from the statute."""

from datetime import date

import pytest

from waypoint.policy.law import yro_requirement_violations

# Turns 16 on 2 September 2024 and 18 on 2 September 2026.
BORN = date(2008, 9, 2)
SIXTEEN = date(2024, 9, 2)
START = date(2024, 9, 9)


def check(requirements, **overrides):
    facts = {
        "date_of_birth": BORN,
        "finding_of_guilt_date": SIXTEEN,
        "conviction_date": SIXTEEN,
        "order_start": START,
        "offence_imprisonable": True,
        "custody_threshold_passed": True,
        "persistent_offender": None,
    }
    facts.update(overrides)
    return yro_requirement_violations(requirements, **facts)


def rules(violations):
    return [v.rule for v in violations]


def at_age(age):
    """Facts for a finding of guilt (and conviction) on a date the child is the given age."""
    day = date(2008 + age, 9, 2)
    return {"finding_of_guilt_date": day, "conviction_date": day, "order_start": day}


# Curfew: 16 hours a day before 28 June 2022, 20 hours and 112 a week from it


def test_curfew_of_16_hours_convicted_the_day_before_the_change_is_allowed():
    assert check([{"type": "curfew", "hours_per_day": 16, "months": 6}], conviction_date=date(2022, 6, 27)) == []


def test_curfew_of_17_hours_convicted_the_day_before_the_change_is_refused():
    [violation] = check([{"type": "curfew", "hours_per_day": 17, "months": 6}], conviction_date=date(2022, 6, 27))
    assert violation.rule == "wok.yro.req.curfew"
    assert "between 2 and 16 hours a day" in violation.message
    assert "convicted before 28 June 2022" in violation.message
    assert "Sentencing Act 2020, Schedule 6, paragraph 18(4)" in violation.message


def test_curfew_of_20_hours_convicted_on_the_day_of_the_change_is_allowed_within_112_a_week():
    requirement = {"type": "curfew", "hours_per_day": 20, "hours_per_week": 100, "months": 6}
    assert check([requirement], conviction_date=date(2022, 6, 28)) == []


def test_curfew_of_21_hours_after_the_change_says_what_the_guidance_and_the_law_say():
    [violation] = check([{"type": "curfew", "hours_per_day": 21, "months": 6}], conviction_date=date(2022, 6, 28))
    assert violation.rule == "wok.yro.req.curfew"
    assert "between 2 and 20 hours a day" in violation.message
    assert "The guidance says 16 hours a day; the law since 28 June 2022 allows up to 20" in violation.message
    assert "Police, Crime, Sentencing and Courts Act 2022" in violation.message


def test_curfew_weekly_limit_applies_from_the_change():
    after = {"conviction_date": date(2023, 1, 10)}
    assert check([{"type": "curfew", "hours_per_day": 16, "months": 3}], **after) == []  # 16 x 7 = 112
    [violation] = check([{"type": "curfew", "hours_per_day": 17, "months": 3}], **after)  # 17 x 7 = 119
    assert "no more than 112 hours in any 7 days" in violation.message
    assert "It is 119 hours a week" in violation.message
    [violation] = check([{"type": "curfew", "hours_per_day": 18, "hours_per_week": 113}], **after)
    assert "It is 113 hours a week" in violation.message
    assert check([{"type": "curfew", "hours_per_day": 18, "hours_per_week": 112}], **after) == []


def test_curfew_weekly_limit_does_not_apply_before_the_change():
    assert check([{"type": "curfew", "hours_per_day": 16}], conviction_date=date(2022, 6, 27)) == []


def test_curfew_under_2_hours_a_day_is_refused():
    assert rules(check([{"type": "curfew", "hours_per_day": 1.5}])) == ["wok.yro.req.curfew"]
    assert check([{"type": "curfew", "hours_per_day": 2}]) == []


def test_curfew_before_the_sentencing_code_cites_the_2008_act():
    [violation] = check([{"type": "curfew", "hours_per_day": 18}], conviction_date=date(2020, 11, 30))
    assert "Criminal Justice and Immigration Act 2008" in violation.message


def test_curfew_must_fall_within_12_months():
    assert check([{"type": "curfew", "hours_per_day": 8, "months": 12}]) == []
    assert rules(check([{"type": "curfew", "hours_per_day": 8, "months": 13}])) == ["wok.yro.req.curfew"]
    # 12 months beginning with Mon 9 Sep 2024 end on Mon 8 Sep 2025.
    assert check([{"type": "curfew", "hours_per_day": 8, "end": "2025-09-08"}]) == []
    [violation] = check([{"type": "curfew", "hours_per_day": 8, "end": "2025-09-09"}])
    assert "until 9 September 2025" in violation.message


# Unpaid work: 16 or 17 at the finding of guilt, 40 to 240 hours


def test_unpaid_work_at_15_is_refused_and_at_16_allowed():
    the_day_before_16 = date(2024, 9, 1)
    [violation] = check(
        [{"type": "unpaid_work", "hours": 100}],
        finding_of_guilt_date=the_day_before_16,
        conviction_date=the_day_before_16,
    )
    assert violation.rule == "wok.yro.req.age-16-17"
    assert "They were 15" in violation.message
    assert check([{"type": "unpaid_work", "hours": 100}], finding_of_guilt_date=SIXTEEN) == []


@pytest.mark.parametrize(("hours", "allowed"), [(39, False), (40, True), (240, True), (241, False)])
def test_unpaid_work_hours(hours, allowed):
    violations = check([{"type": "unpaid_work", "hours": hours}])
    assert (violations == []) == allowed
    if not allowed:
        assert rules(violations) == ["wok.yro.req.unpaid-work"]
        assert "between 40 and 240 hours" in violations[0].message


# Attendance centre: by age band at the finding of guilt


@pytest.mark.parametrize(
    ("age", "hours", "allowed"),
    [
        (13, 6, True),  # no minimum under 14
        (13, 12, True),
        (13, 13, False),
        (14, 11, False),
        (14, 12, True),
        (15, 24, True),
        (15, 25, False),
        (16, 11, False),
        (16, 36, True),
        (17, 37, False),
    ],
)
def test_attendance_centre_hours_by_age(age, hours, allowed):
    violations = check([{"type": "attendance_centre", "hours": hours}], **at_age(age))
    assert (violations == []) == allowed
    if not allowed:
        assert rules(violations) == ["wok.yro.req.attendance-centre"]


def test_attendance_centre_message_names_the_band():
    [violation] = check([{"type": "attendance_centre", "hours": 25}], **at_age(14))
    assert "aged 14 or 15" in violation.message
    assert "between 12 and 24 hours" in violation.message


# Activity: 90 days, or an extended activity requirement of up to 180 days with ISS


def test_activity_days():
    assert check([{"type": "activity", "days": 90}]) == []
    assert rules(check([{"type": "activity", "days": 91}])) == ["wok.yro.req.activity"]


def test_extended_activity_with_iss():
    assert check([{"type": "activity", "days": 180}, {"type": "iss"}]) == []
    [violation] = check([{"type": "activity", "days": 181}, {"type": "iss"}])
    assert violation.rule == "wok.yro.req.activity"
    assert "The guidance says 90 days" in violation.message


# Exclusion: 3 months


def test_exclusion_length():
    assert check([{"type": "exclusion", "months": 3}]) == []
    assert rules(check([{"type": "exclusion", "months": 4}])) == ["wok.yro.req.exclusion"]
    # 3 months beginning with 9 Sep 2024 end on 8 Dec 2024: 91 days.
    assert check([{"type": "exclusion", "days": 91}]) == []
    assert rules(check([{"type": "exclusion", "days": 92}])) == ["wok.yro.req.exclusion"]


# Residence: 16 or 17 (a named person has no age limit in the statute)


def test_residence_age():
    assert rules(check([{"type": "residence"}], **at_age(15))) == ["wok.yro.req.age-16-17"]
    assert check([{"type": "residence"}], **at_age(16)) == []
    assert check([{"type": "residence", "with_individual": True}], **at_age(15)) == []


# Local authority residence: 6 months and not beyond 18


def test_local_authority_residence_length():
    assert check([{"type": "local_authority_residence", "months": 6}]) == []
    assert rules(check([{"type": "local_authority_residence", "months": 7}])) == ["wok.yro.req.la-residence"]


def test_local_authority_residence_must_end_before_18():
    # Turns 18 on 2 Sep 2026. 5 months beginning with 1 May 2026 end on 30 Sep 2026; 4 months on 31 Aug.
    late_start = {"order_start": date(2026, 5, 1), "finding_of_guilt_date": date(2026, 4, 20)}
    [violation] = check([{"type": "local_authority_residence", "months": 5}], **late_start)
    assert violation.rule == "wok.yro.req.la-residence"
    assert "by 1 September 2026" in violation.message
    assert check([{"type": "local_authority_residence", "months": 4}], **late_start) == []
    assert check([{"type": "local_authority_residence", "end": "2026-09-01"}], **late_start) == []
    assert rules(check([{"type": "local_authority_residence", "end": "2026-09-02"}], **late_start)) == [
        "wok.yro.req.la-residence"
    ]


# Fostering and ISS: 12 months, not beyond 18, imprisonable + custody threshold, persistent offender under 15


def test_fostering_length():
    assert check([{"type": "fostering", "months": 12}]) == []
    assert rules(check([{"type": "fostering", "months": 13}])) == ["wok.yro.req.fostering"]


def test_fostering_must_end_before_18():
    late_start = {"order_start": date(2026, 1, 5)}
    assert rules(check([{"type": "fostering", "months": 9}], **late_start)) == ["wok.yro.req.fostering"]
    assert check([{"type": "fostering", "months": 7}], **late_start) == []


@pytest.mark.parametrize("requirement_type", ["fostering", "iss"])
def test_fostering_and_iss_need_an_imprisonable_offence_past_the_custody_threshold(requirement_type):
    requirement = [{"type": requirement_type}]
    assert check(requirement) == []
    [violation] = check(requirement, offence_imprisonable=False)
    assert violation.rule == "wok.yro.req.custody-threshold"
    assert "the offence is imprisonable" in violation.message
    assert rules(check(requirement, custody_threshold_passed=False)) == ["wok.yro.req.custody-threshold"]
    [violation] = check(requirement, custody_threshold_passed=None)
    assert violation.message.startswith("Record whether the custody threshold has been passed")


@pytest.mark.parametrize("requirement_type", ["fostering", "iss"])
def test_under_15_must_be_a_persistent_offender(requirement_type):
    requirement = [{"type": requirement_type}]
    assert rules(check(requirement, **at_age(14), persistent_offender=False)) == ["wok.yro.req.custody-threshold"]
    assert rules(check(requirement, **at_age(14))) == ["wok.yro.req.custody-threshold"]  # not recorded
    assert check(requirement, **at_age(14), persistent_offender=True) == []
    assert check(requirement, **at_age(15), persistent_offender=False) == []


# The order as a whole


def test_an_order_needs_a_requirement():
    assert rules(check([])) == ["wok.yro.order.requirement-types"]
    assert rules(check([{"type": "electronic_monitoring"}])) == ["wok.yro.order.requirement-types"]
    assert check([{"type": "electronic_monitoring"}, {"type": "supervision"}]) == []


def test_order_must_end_within_3_years():
    assert check([{"type": "supervision"}], order_end=date(2027, 9, 9)) == []
    [violation] = check([{"type": "supervision"}], order_end=date(2027, 9, 10))
    assert violation.rule == "wok.yro.order.max-period"
    assert "by 9 September 2027" in violation.message


def test_a_requirement_longer_than_3_years_breaks_the_order_period():
    assert check([{"type": "supervision", "months": 36}]) == []
    assert rules(check([{"type": "supervision", "months": 37}])) == ["wok.yro.order.max-period"]


def test_an_iss_order_lasts_at_least_6_months():
    assert check([{"type": "iss"}], order_end=date(2025, 3, 9)) == []
    assert rules(check([{"type": "iss"}], order_end=date(2025, 3, 8))) == ["wok.yro.order.max-period"]


def test_requirements_without_limits_pass():
    plain = ["supervision", "programme", "prohibited_activity", "mental_health_treatment", "drug_treatment",
             "drug_testing", "intoxicating_substance", "education"]
    assert check([{"type": t} for t in plain]) == []


def test_unknown_requirement_type_is_refused():
    with pytest.raises(ValueError, match="Unknown YRO requirement type 'tagging'"):
        check([{"type": "tagging"}])


def test_a_quantity_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError):
        check([{"type": "unpaid_work", "hours": "lots"}])
