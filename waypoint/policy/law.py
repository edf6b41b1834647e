"""The law as data: Youth Rehabilitation Order requirement limits and spent dates for youth disposals.

The guidance documents quote the law as it stood when they were written. Where the law has changed since
(the curfew maximum rose from 16 to 20 hours a day for convictions from 28 June 2022) the law in force for the
conviction date is applied and the message says what the guidance says and what the law now allows.

Sources, dates and the points we were unsure of are recorded in docs/adr/0004-law-as-data.md. Statutory
references are to the Sentencing Act 2020 (the Sentencing Code, in force for convictions from 1 December 2020)
unless stated; convictions before that date fell under the Criminal Justice and Immigration Act 2008, Schedule 1,
which set the same limits as the Code did when it came into force.

Everything here is plain Python with no Django, and takes its dates as arguments (never today's date).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from waypoint.policy.calendar import add_months

__all__ = [
    "CURFEW_CHANGE_DATE",
    "ROA_2023_CHANGE_DATE",
    "SENTENCING_CODE_START",
    "REQUIREMENT_TYPES",
    "SpentDate",
    "Violation",
    "age_on",
    "birthday",
    "end_of_months_beginning_with",
    "format_date",
    "spent_date",
    "yro_requirement_violations",
]

# --- Dates the law changed -----------------------------------------------------------------------------------

#: Sentencing Code in force (Sentencing Act 2020, s.2 and S.I. 2020/1236, reg. 2): convictions from this date.
SENTENCING_CODE_START = date(2020, 12, 1)

#: Police, Crime, Sentencing and Courts Act 2022, Sch. 17 para. 19 in force (s.208(5)(u)): the curfew maximum
#: became 20 hours a day, and 112 hours in any 7 days, for offences of which the offender is convicted on or
#: after this date (Sentencing Act 2020, Sch. 6 para. 18(4) and (4A)).
CURFEW_CHANGE_DATE = date(2022, 6, 28)

#: Police, Crime, Sentencing and Courts Act 2022, s.193 in force: new rehabilitation periods in the
#: Rehabilitation of Offenders Act 1974, s.5. They apply to convictions before this date too.
ROA_2023_CHANGE_DATE = date(2023, 10, 28)

# --- YRO requirement limits ----------------------------------------------------------------------------------

#: Sentencing Act 2020, Sch. 6 para. 1(3): an activity requirement's days must not exceed 90 ...
ACTIVITY_MAX_DAYS = 90
#: ... unless it is an extended activity requirement, available only in an order with intensive supervision and
#: surveillance (s.185(1)); then at most 180 days (Sch. 6 para. 2(2)). The 365 days of para. 2(2A), added by the
#: Police, Crime, Sentencing and Courts Act 2022 Sch. 17 Parts 2 and 3, is in force only in pilot areas
#: (S.I. 2023/705), so it is not applied here.
EXTENDED_ACTIVITY_MAX_DAYS = 180

#: Sentencing Act 2020, Sch. 6 para. 10(3): unpaid work of not less than 40 and not more than 240 hours.
UNPAID_WORK_MIN_HOURS = 40
UNPAID_WORK_MAX_HOURS = 240

#: Sentencing Act 2020, s.185(2): unpaid work only if aged 16 or 17 when convicted. The guidance (002) applies
#: the same age to residence requirements; see RESIDENCE_MIN_AGE.
UNPAID_WORK_MIN_AGE = 16

#: Sentencing Act 2020, Sch. 6 para. 14: attendance centre hours by age at conviction, as
#: (lowest age, the band in words, minimum hours, maximum hours). Under 14 there is no minimum.
ATTENDANCE_CENTRE_BANDS = (
    (10, "aged 10 to 13", None, 12),
    (14, "aged 14 or 15", 12, 24),
    (16, "aged 16 or over", 12, 36),
)

#: Sentencing Act 2020, Sch. 6 para. 18(4)(a): at least 2 hours of curfew in any day.
CURFEW_MIN_HOURS_PER_DAY = 2
#: Sch. 6 para. 18(4)(b) and (4A): the relevant number of hours a day is 16 for convictions before
#: CURFEW_CHANGE_DATE and 20 from it (as it was 16 under the Criminal Justice and Immigration Act 2008,
#: Sch. 1 para. 14, for convictions before the Code).
CURFEW_MAX_HOURS_PER_DAY_BEFORE_CHANGE = 16
CURFEW_MAX_HOURS_PER_DAY_FROM_CHANGE = 20
#: Sch. 6 para. 18(4)(c), from CURFEW_CHANGE_DATE: not more than 112 hours in any period of 7 days.
CURFEW_MAX_HOURS_PER_WEEK_FROM_CHANGE = 112
#: Sch. 6 para. 18(5): curfew periods fall within 12 months beginning with the day the requirement takes effect.
CURFEW_MAX_MONTHS = 12

#: Sentencing Act 2020, Sch. 6 Part 8: an exclusion requirement for not more than 3 months.
EXCLUSION_MAX_MONTHS = 3

#: Sentencing Act 2020, Sch. 6 Part 9: a requirement to live at a specified place is available only if the
#: offender was aged 16 or over when convicted (as the Criminal Justice and Immigration Act 2008, Sch. 1
#: para. 16(4) provided). A requirement to live with a named individual has no age limit in the statute; the
#: guidance (002) makes every residence requirement 16-17 only.
RESIDENCE_MIN_AGE = 16

#: Sentencing Act 2020, Sch. 6 para. 24(4): local authority residence for not longer than 6 months, and ending
#: before the offender reaches 18.
LA_RESIDENCE_MAX_MONTHS = 6

#: Sentencing Act 2020, Sch. 6 para. 26(3): the fostering period ends no later than the end of 12 months
#: beginning with the day the requirement takes effect, and before the offender reaches 18.
FOSTERING_MAX_MONTHS = 12

#: Sentencing Act 2020, s.180 (with s.175): an order with intensive supervision and surveillance, or with
#: fostering, only for an offence punishable with imprisonment, where the custody threshold is passed, and, if
#: the offender was under 15 when convicted, where the court thinks them a persistent offender.
PERSISTENT_OFFENDER_UNDER_AGE = 15

#: Sentencing Act 2020, s.187(2): the end date is not more than 3 years after the order takes effect, and for an
#: order with intensive supervision and surveillance not less than 6 months after.
ORDER_MAX_MONTHS = 36
ISS_ORDER_MIN_MONTHS = 6

#: The requirement types of scenario-format.md ``facts.requirements``, with the words the guidance uses.
REQUIREMENT_TYPES: Mapping[str, str] = {
    "activity": "activity requirement",
    "supervision": "supervision requirement",
    "unpaid_work": "unpaid work requirement",
    "programme": "programme requirement",
    "attendance_centre": "attendance centre requirement",
    "prohibited_activity": "prohibited activity requirement",
    "curfew": "curfew requirement",
    "exclusion": "exclusion requirement",
    "electronic_monitoring": "electronic monitoring requirement",
    "residence": "residence requirement",
    "local_authority_residence": "local authority residence requirement",
    "fostering": "fostering requirement",
    "mental_health_treatment": "mental health treatment requirement",
    "drug_treatment": "drug treatment requirement",
    "drug_testing": "drug testing requirement",
    "intoxicating_substance": "intoxicating substance requirement",
    "education": "education requirement",
    "iss": "intensive supervision and surveillance requirement",
}

_GUIDANCE = "Youth Rehabilitation Order guidance"


@dataclass(frozen=True)
class Violation:
    """A validation that fails: the catalogue rule it belongs to and a message naming the limit and its source."""

    rule: str
    message: str


# --- Dates and ages ------------------------------------------------------------------------------------------


def format_date(d: date) -> str:
    """A date as GOV.UK writes it: 1 October 2026."""
    return f"{d.day} {d:%B %Y}"


def birthday(date_of_birth: date, age: int) -> date:
    """The day someone reaches ``age``. Someone born on 29 February reaches it on 1 March in a common year."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:
        return date(date_of_birth.year + age, 3, 1)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a date."""
    age = on.year - date_of_birth.year
    if on < birthday(date_of_birth, age):
        age -= 1
    return age


def end_of_months_beginning_with(start: date, months: int) -> date:
    """The last day of "the period of N months beginning with" ``start``, as the statutes count it.

    The period ends the day before the corresponding date N months on (6 months beginning with 1 March ends on
    31 August); where that month has no corresponding date it ends on the month's last day (6 months beginning
    with 31 March ends on 30 September).
    """
    target = add_months(start, months)
    if target.day != start.day:
        # Clamped: no corresponding date, so the period runs to the end of that month.
        return target
    return target - timedelta(days=1)


# --- YRO requirements ----------------------------------------------------------------------------------------


def _as_date(value: Any, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{what} must be a date (YYYY-MM-DD), not {value!r}") from None


def _number(requirement: Mapping[str, Any], key: str) -> float | None:
    value = requirement.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{requirement.get('type')} {key} must be a number, not {value!r}")
    return value


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _length_exceeds(requirement: Mapping[str, Any], start: date, limit_months: int) -> str | None:
    """Describe the requirement's length if it runs past ``limit_months`` beginning with ``start``."""
    last_allowed = end_of_months_beginning_with(start, limit_months)
    months = _number(requirement, "months")
    if months is not None and months > limit_months:
        return f"{_plain(months)} months"
    days = _number(requirement, "days")
    if days is not None and start + timedelta(days=int(days) - 1) > last_allowed:
        return f"{_plain(days)} days"
    if requirement.get("end") is not None:
        end = _as_date(requirement["end"], f"{requirement.get('type')} end")
        if end > last_allowed:
            return f"until {format_date(end)}"
    return None


def _requirement_last_day(requirement: Mapping[str, Any], start: date) -> date | None:
    """The last day the requirement runs, if its length is recorded."""
    if requirement.get("end") is not None:
        return _as_date(requirement["end"], f"{requirement.get('type')} end")
    months = _number(requirement, "months")
    if months is not None:
        return end_of_months_beginning_with(start, int(months))
    days = _number(requirement, "days")
    if days is not None:
        return start + timedelta(days=int(days) - 1)
    return None


def yro_requirement_violations(
    requirements: list[dict],
    *,
    date_of_birth: date,
    finding_of_guilt_date: date,
    conviction_date: date,
    order_start: date,
    order_end: date | None = None,
    offence_imprisonable: bool | None = None,
    custody_threshold_passed: bool | None = None,
    persistent_offender: bool | None = None,
) -> list[Violation]:
    """Check a Youth Rehabilitation Order's requirements against the guidance and the law in force.

    ``requirements`` take the shape of scenario-format.md ``facts.requirements``: ``{"type": "curfew",
    "hours_per_day": 12, "months": 6}``. Ages are taken on the date of the finding of guilt, as the guidance
    states; the curfew limit follows the conviction date. A quantity that is not recorded is not checked.
    ``order_end`` is the end date the court fixed, if known. Unknown requirement types raise ValueError.
    """
    for requirement in requirements:
        if requirement.get("type") not in REQUIREMENT_TYPES:
            raise ValueError(
                f"Unknown YRO requirement type {requirement.get('type')!r}: use one of {', '.join(REQUIREMENT_TYPES)}"
            )

    age = age_on(date_of_birth, finding_of_guilt_date)
    types = {requirement["type"] for requirement in requirements}
    violations: list[Violation] = []
    violations += _order_violations(requirements, types, order_start, order_end)
    for requirement in requirements:
        check = _CHECKS.get(requirement["type"])
        if check:
            violations += check(
                requirement,
                _Facts(
                    age=age,
                    date_of_birth=date_of_birth,
                    conviction_date=conviction_date,
                    order_start=order_start,
                    iss="iss" in types,
                    offence_imprisonable=offence_imprisonable,
                    custody_threshold_passed=custody_threshold_passed,
                    persistent_offender=persistent_offender,
                ),
            )
    return violations


@dataclass(frozen=True)
class _Facts:
    age: int
    date_of_birth: date
    conviction_date: date
    order_start: date
    iss: bool
    offence_imprisonable: bool | None
    custody_threshold_passed: bool | None
    persistent_offender: bool | None


def _order_violations(
    requirements: list[dict], types: set[str], start: date, end: date | None
) -> list[Violation]:
    rule_types = "wok.yro.order.requirement-types"
    rule_period = "wok.yro.order.max-period"
    found: list[Violation] = []
    if not requirements:
        found.append(
            Violation(
                rule_types,
                "A Youth Rehabilitation Order must have at least one requirement. "
                f"Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, section 173.",
            )
        )
    elif types == {"electronic_monitoring"}:
        found.append(
            Violation(
                rule_types,
                "An electronic monitoring requirement can only be made with at least one other requirement. "
                "Source: Sentencing Act 2020, section 185(4).",
            )
        )

    # "Not more than 3 years after the date on which the order takes effect": the same date 3 years on is allowed.
    latest_end = add_months(start, ORDER_MAX_MONTHS)
    if end is not None and end > latest_end:
        found.append(
            Violation(
                rule_period,
                f"The order must end no more than 3 years after it starts, by {format_date(latest_end)}. "
                f"The end date is {format_date(end)}. "
                f"Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, section 187(2)(a).",
            )
        )
    if end is not None and "iss" in types and end < add_months(start, ISS_ORDER_MIN_MONTHS):
        found.append(
            Violation(
                rule_period,
                "An order with intensive supervision and surveillance must end at least 6 months after it "
                f"starts, no earlier than {format_date(add_months(start, ISS_ORDER_MIN_MONTHS))}. "
                "The guidance does not mention this limit. Source: Sentencing Act 2020, section 187(2)(b).",
            )
        )
    for requirement in requirements:
        last_day = _requirement_last_day(requirement, start)
        if last_day is not None and last_day > latest_end:
            name = REQUIREMENT_TYPES[requirement["type"]]
            found.append(
                Violation(
                    rule_period,
                    f"The {name} must be completed within 3 years of the order starting, by "
                    f"{format_date(latest_end)}. Source: {_GUIDANCE}, Introduction; "
                    "Sentencing Act 2020, section 187.",
                )
            )
    return found


def _activity(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    days = _number(requirement, "days")
    if days is None:
        return []
    if not facts.iss and days > ACTIVITY_MAX_DAYS:
        return [
            Violation(
                "wok.yro.req.activity",
                f"An activity requirement must be no more than {ACTIVITY_MAX_DAYS} days. It is "
                f"{_plain(days)} days. Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, "
                "Schedule 6, paragraph 1(3).",
            )
        ]
    if facts.iss and days > EXTENDED_ACTIVITY_MAX_DAYS:
        return [
            Violation(
                "wok.yro.req.activity",
                f"An activity requirement in an order with intensive supervision and surveillance must be no more "
                f"than {EXTENDED_ACTIVITY_MAX_DAYS} days. It is {_plain(days)} days. The guidance says 90 days; "
                "the law allows an extended activity requirement of up to 180 days with intensive supervision "
                "and surveillance (365 days only where the 2023 pilot applies). Source: Sentencing Act 2020, "
                "Schedule 6, paragraph 2(2).",
            )
        ]
    return []


def _unpaid_work(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    found = []
    if facts.age < UNPAID_WORK_MIN_AGE:
        found.append(
            Violation(
                "wok.yro.req.age-16-17",
                "An unpaid work requirement is only available if the young person was 16 or 17 on the date of "
                f"the finding of guilt. They were {facts.age}. Source: {_GUIDANCE}, Introduction; "
                "Sentencing Act 2020, section 185(2).",
            )
        )
    hours = _number(requirement, "hours")
    if hours is not None and not UNPAID_WORK_MIN_HOURS <= hours <= UNPAID_WORK_MAX_HOURS:
        found.append(
            Violation(
                "wok.yro.req.unpaid-work",
                f"An unpaid work requirement must be between {UNPAID_WORK_MIN_HOURS} and "
                f"{UNPAID_WORK_MAX_HOURS} hours. It is {_plain(hours)} hours. Source: {_GUIDANCE}, "
                "Introduction; Sentencing Act 2020, Schedule 6, paragraph 10(3).",
            )
        )
    return found


def _attendance_centre(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    hours = _number(requirement, "hours")
    if hours is None:
        return []
    # The youngest band also covers anyone recorded as younger than 10, who could not have been convicted.
    _, band, minimum, maximum = ATTENDANCE_CENTRE_BANDS[0]
    for lowest_age, *rest in ATTENDANCE_CENTRE_BANDS:
        if facts.age >= lowest_age:
            band, minimum, maximum = rest
    if (minimum is not None and hours < minimum) or hours > maximum:
        limit = f"at most {maximum} hours" if minimum is None else f"between {minimum} and {maximum} hours"
        return [
            Violation(
                "wok.yro.req.attendance-centre",
                f"An attendance centre requirement for a young person {band} on the date of the finding of guilt "
                f"must be {limit}. They were {facts.age} and it is {_plain(hours)} hours. Source: {_GUIDANCE}, "
                "Introduction; Sentencing Act 2020, Schedule 6, paragraph 14.",
            )
        ]
    return []


def _curfew(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    rule = "wok.yro.req.curfew"
    found = []
    after_change = facts.conviction_date >= CURFEW_CHANGE_DATE
    if facts.conviction_date < SENTENCING_CODE_START:
        statute = "Criminal Justice and Immigration Act 2008, Schedule 1, paragraph 14"
    elif after_change:
        statute = (
            "Sentencing Act 2020, Schedule 6, paragraph 18(4) and (4A), as amended by the Police, Crime, "
            "Sentencing and Courts Act 2022"
        )
    else:
        statute = "Sentencing Act 2020, Schedule 6, paragraph 18(4) and (4A)"
    hours_per_day = _number(requirement, "hours_per_day")
    if hours_per_day is not None:
        maximum = CURFEW_MAX_HOURS_PER_DAY_FROM_CHANGE if after_change else CURFEW_MAX_HOURS_PER_DAY_BEFORE_CHANGE
        if hours_per_day < CURFEW_MIN_HOURS_PER_DAY or hours_per_day > maximum:
            if after_change:
                message = (
                    f"A curfew must be between {CURFEW_MIN_HOURS_PER_DAY} and {maximum} hours a day. It is "
                    f"{_plain(hours_per_day)} hours a day. The guidance says 16 hours a day; the law since "
                    f"28 June 2022 allows up to 20 hours a day and no more than 112 hours a week for offences "
                    f"convicted from that date. Source: {statute}."
                )
            else:
                message = (
                    f"A curfew must be between {CURFEW_MIN_HOURS_PER_DAY} and {maximum} hours a day for an offence "
                    f"convicted before 28 June 2022. It is {_plain(hours_per_day)} hours a day. "
                    f"Source: {_GUIDANCE}, Introduction; {statute}."
                )
            found.append(Violation(rule, message))
    if after_change:
        hours_per_week = _number(requirement, "hours_per_week")
        # Without a weekly total, a daily figure is taken to apply every day, unless the daily limit has
        # already been broken (one message about the same figure is enough).
        assumed_every_day = hours_per_week is None and hours_per_day is not None and not found
        if assumed_every_day:
            hours_per_week = hours_per_day * 7
        if hours_per_week is not None and hours_per_week > CURFEW_MAX_HOURS_PER_WEEK_FROM_CHANGE:
            every_day = (
                f" ({_plain(hours_per_day)} hours every day; if the curfew does not apply every day, record the "
                "weekly total)"
                if assumed_every_day
                else ""
            )
            found.append(
                Violation(
                    rule,
                    f"A curfew must be no more than {CURFEW_MAX_HOURS_PER_WEEK_FROM_CHANGE} hours in any 7 days. "
                    f"It is {_plain(hours_per_week)} hours a week{every_day}. The guidance does not mention this "
                    f"limit; the law has set it since 28 June 2022. Source: {statute}.",
                )
            )
    too_long = _length_exceeds(requirement, facts.order_start, CURFEW_MAX_MONTHS)
    if too_long:
        found.append(
            Violation(
                rule,
                f"A curfew must fall within {CURFEW_MAX_MONTHS} months of starting. It is {too_long}. "
                f"Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, Schedule 6, paragraph 18(5).",
            )
        )
    return found


def _exclusion(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    too_long = _length_exceeds(requirement, facts.order_start, EXCLUSION_MAX_MONTHS)
    if not too_long:
        return []
    return [
        Violation(
            "wok.yro.req.exclusion",
            f"An exclusion requirement must be no more than {EXCLUSION_MAX_MONTHS} months. It is {too_long}. "
            f"Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, Schedule 6, Part 8.",
        )
    ]


def _residence(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    if facts.age >= RESIDENCE_MIN_AGE:
        return []
    if requirement.get("with_individual"):
        # The statute's age limit covers only a requirement to live at a specified place; the law prevails.
        return []
    return [
        Violation(
            "wok.yro.req.age-16-17",
            "A residence requirement is only available if the young person was 16 or 17 on the date of the "
            f"finding of guilt. They were {facts.age}. The law sets this limit for a requirement to live at a "
            "specified place; a requirement to live with a named person has no age limit. "
            f"Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, Schedule 6, Part 9.",
        )
    ]


def _before_18(requirement: Mapping[str, Any], facts: _Facts, rule: str, name: str, source: str) -> list[Violation]:
    last_day = _requirement_last_day(requirement, facts.order_start)
    eighteenth = birthday(facts.date_of_birth, 18)
    if last_day is None or last_day < eighteenth:
        return []
    return [
        Violation(
            rule,
            f"A {name} must end before the young person turns 18, by {format_date(eighteenth - timedelta(days=1))}. "
            f"It runs until {format_date(last_day)}. Source: {source}.",
        )
    ]


def _local_authority_residence(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    rule = "wok.yro.req.la-residence"
    source = f"{_GUIDANCE}, Introduction; Sentencing Act 2020, Schedule 6, paragraph 24(4)"
    found = []
    too_long = _length_exceeds(requirement, facts.order_start, LA_RESIDENCE_MAX_MONTHS)
    if too_long:
        found.append(
            Violation(
                rule,
                f"A local authority residence requirement must be no more than {LA_RESIDENCE_MAX_MONTHS} months. "
                f"It is {too_long}. Source: {source}.",
            )
        )
    found += _before_18(requirement, facts, rule, "local authority residence requirement", source)
    return found


def _iss_or_fostering_conditions(name: str, facts: _Facts) -> list[Violation]:
    rule = "wok.yro.req.custody-threshold"
    source = f"Source: {_GUIDANCE}, Introduction; Sentencing Act 2020, section 180."
    found = []
    conditions = [
        (facts.offence_imprisonable, "the offence is imprisonable", "whether the offence is imprisonable"),
        (
            facts.custody_threshold_passed,
            "the custody threshold has been passed",
            "whether the custody threshold has been passed",
        ),
    ]
    if facts.age < PERSISTENT_OFFENDER_UNDER_AGE:
        conditions.append(
            (
                facts.persistent_offender,
                "the young person, who was under 15, has been deemed a persistent offender",
                "whether the young person has been deemed a persistent offender",
            )
        )
    for value, condition, to_record in conditions:
        if value is None:
            found.append(
                Violation(rule, f"Record {to_record}: a {name} can only be made if {condition}. {source}")
            )
        elif not value:
            found.append(Violation(rule, f"A {name} can only be made if {condition}. {source}"))
    return found


def _fostering(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    rule = "wok.yro.req.fostering"
    source = f"{_GUIDANCE}, Introduction; Sentencing Act 2020, Schedule 6, paragraph 26(3)"
    found = []
    too_long = _length_exceeds(requirement, facts.order_start, FOSTERING_MAX_MONTHS)
    if too_long:
        found.append(
            Violation(
                rule,
                f"A fostering requirement must be no more than {FOSTERING_MAX_MONTHS} months. It is {too_long}. "
                f"Source: {source}.",
            )
        )
    found += _before_18(requirement, facts, rule, "fostering requirement", source)
    found += _iss_or_fostering_conditions("fostering requirement", facts)
    return found


def _iss(requirement: Mapping[str, Any], facts: _Facts) -> list[Violation]:
    return _iss_or_fostering_conditions("intensive supervision and surveillance requirement", facts)


_CHECKS = {
    "activity": _activity,
    "unpaid_work": _unpaid_work,
    "attendance_centre": _attendance_centre,
    "curfew": _curfew,
    "exclusion": _exclusion,
    "residence": _residence,
    "local_authority_residence": _local_authority_residence,
    "fostering": _fostering,
    "iss": _iss,
}


# --- Spent dates ---------------------------------------------------------------------------------------------

_ROA = "Rehabilitation of Offenders Act 1974"
_ROA_TABLE = (
    f"{_ROA}, section 5(2), table, as amended by the Police, Crime, Sentencing and Courts Act 2022, section 193 "
    "(in force 28 October 2023)"
)

#: Rehabilitation of Offenders Act 1974, s.5(2) table as amended from 28 October 2023, column for offenders under
#: 18 at the date of conviction: custodial sentences by length, as (longest term in months, buffer in months
#: beginning with the day the sentence, including any licence or supervision period, is completed).
#: Over 4 years the buffer is 42 months unless the sentence is excluded by s.5(1)(b) (a Schedule 18 offence).
CUSTODY_BUFFERS_UNDER_18 = ((12, 6), (48, 24), (None, 42))

#: s.5(2) table: a community or youth rehabilitation order, under 18 at conviction: 6 months beginning with the
#: last day on which the order is to have effect.
YRO_BUFFER_MONTHS_UNDER_18 = 6

#: s.5(2) table: a fine, under 18 at conviction: 6 months beginning with the date of conviction.
FINE_MONTHS_UNDER_18 = 6

#: s.5(3): an order with no last day fixed has a rehabilitation period of 24 months beginning with conviction.
NO_END_DATE_MONTHS = 24

#: Schedule 2, paragraph 1(2): a youth conditional caution is spent at the end of 3 months beginning with the date
#: it was given.
CONDITIONAL_CAUTION_MONTHS = 3

#: Disposals whose rehabilitation period ends on the last day of the order (s.5(2) table, "relevant order").
_RELEVANT_ORDERS = {
    "referral_order": "A referral order",
    "conditional_discharge": "A conditional discharge",
    "reparation_order": "A reparation order",
}

SPENT_DISPOSALS = (
    "youth_caution",
    "youth_conditional_caution",
    "absolute_discharge",
    "fine",
    *_RELEVANT_ORDERS,
    "yro",
    "dto",
    "custody",
)


@dataclass(frozen=True)
class SpentDate:
    """When a youth disposal becomes spent, and why.

    ``date`` is the first day on which it is spent (None if it is never spent); ``rehabilitation_ends`` is the
    last day of the rehabilitation period (None where there is none); ``explanation`` cites the provision in
    words the order completion letter can quote.
    """

    date: date | None
    rehabilitation_ends: date | None
    explanation: str


def _spent_after(last_day: date, explanation: str) -> SpentDate:
    spent_on = last_day + timedelta(days=1)
    return SpentDate(spent_on, last_day, f"Spent on {format_date(spent_on)}. {explanation}")


def spent_date(
    disposal: str,
    *,
    conviction_date: date,
    order_end: date | None = None,
    age_at_conviction: int | None = None,
    sentence_months: int | None = None,
    excluded_offence: bool = False,
) -> SpentDate:
    """When a youth disposal becomes spent under the Rehabilitation of Offenders Act 1974 as it now stands.

    ``disposal`` is one of SPENT_DISPOSALS. ``conviction_date`` is the date of conviction, or for a caution the
    date it was given. ``order_end`` is the last day the order has effect (for custody, the day the sentence
    including any licence or supervision period is completed). ``sentence_months`` is the length of a
    custodial sentence (a detention and training order's whole term). ``excluded_offence`` marks a sentence of
    over 4 years for a serious violent, sexual or terrorism offence (Sentencing Act 2020, Schedule 18), which
    is never spent. The periods are those for someone under 18 at conviction; ``age_at_conviction`` of 18 or
    more is refused because adult periods differ. The 2023 periods apply to earlier convictions too and are
    never longer than the periods they replaced.
    """
    if age_at_conviction is not None and age_at_conviction >= 18:
        raise ValueError("Spent dates are worked out here for people under 18 when convicted only")

    if disposal == "youth_caution":
        return SpentDate(
            conviction_date,
            None,
            f"Spent on {format_date(conviction_date)}, the day it was given. A youth caution is spent at the time "
            f"it is given. Source: {_ROA}, Schedule 2, paragraph 1(1)(a).",
        )

    if disposal == "youth_conditional_caution":
        last_day = end_of_months_beginning_with(conviction_date, CONDITIONAL_CAUTION_MONTHS)
        return _spent_after(
            last_day,
            f"A youth conditional caution is spent 3 months after it is given (given {format_date(conviction_date)}; "
            f"the 3 months end on {format_date(last_day)}). If the young person is later prosecuted and convicted "
            f"of the offence, it is spent when that conviction is. Source: {_ROA}, Schedule 2, paragraph 1.",
        )

    if disposal == "absolute_discharge":
        return SpentDate(
            conviction_date,
            None,
            f"Spent on {format_date(conviction_date)}, the day of conviction. An absolute discharge has no "
            f"rehabilitation period. Source: {_ROA}, section 5(4).",
        )

    if disposal == "fine":
        last_day = end_of_months_beginning_with(conviction_date, FINE_MONTHS_UNDER_18)
        return _spent_after(
            last_day,
            f"A fine given to someone under 18 is spent 6 months after the date of conviction "
            f"({format_date(conviction_date)}; the 6 months end on {format_date(last_day)}). Source: {_ROA_TABLE}.",
        )

    if disposal in _RELEVANT_ORDERS:
        name = _RELEVANT_ORDERS[disposal]
        if order_end is None:
            last_day = end_of_months_beginning_with(conviction_date, NO_END_DATE_MONTHS)
            return _spent_after(
                last_day,
                f"{name} with no end date recorded is treated as having a rehabilitation period of 24 months "
                f"from conviction ({format_date(conviction_date)}), ending on {format_date(last_day)}. "
                f"Source: {_ROA}, section 5(3).",
            )
        return _spent_after(
            order_end,
            f"{name} is spent when the order ends. Its last day is {format_date(order_end)}. Source: {_ROA_TABLE}.",
        )

    if disposal == "yro":
        if order_end is None:
            last_day = end_of_months_beginning_with(conviction_date, NO_END_DATE_MONTHS)
            return _spent_after(
                last_day,
                "A youth rehabilitation order with no end date recorded is treated as having a rehabilitation "
                f"period of 24 months from conviction ({format_date(conviction_date)}), ending on "
                f"{format_date(last_day)}. Source: {_ROA}, section 5(3).",
            )
        last_day = end_of_months_beginning_with(order_end, YRO_BUFFER_MONTHS_UNDER_18)
        return _spent_after(
            last_day,
            "A youth rehabilitation order for someone under 18 when convicted is spent 6 months after the last "
            f"day of the order. The order's last day is {format_date(order_end)}, so the 6 months end on "
            f"{format_date(last_day)}. Source: {_ROA_TABLE}.",
        )

    if disposal in ("dto", "custody"):
        if order_end is None or sentence_months is None:
            raise ValueError(
                "Enter the sentence length in months and the day the sentence, including licence or "
                "supervision, is completed"
            )
        name = "A detention and training order" if disposal == "dto" else "A custodial sentence"
        if sentence_months > 48 and excluded_offence:
            return SpentDate(
                None,
                None,
                f"Never spent. {name} of more than 4 years for a serious violent, sexual or terrorism offence "
                f"(Sentencing Act 2020, Schedule 18) is excluded from rehabilitation. Source: {_ROA}, section 5(1)(b), "
                "as amended by the Police, Crime, Sentencing and Courts Act 2022, section 193.",
            )
        for longest, buffer in CUSTODY_BUFFERS_UNDER_18:
            if longest is None or sentence_months <= longest:
                break
        band = {
            6: "of 1 year or less",
            24: "of more than 1 year and up to 4 years",
            42: "of more than 4 years",
        }[buffer]
        last_day = end_of_months_beginning_with(order_end, buffer)
        return _spent_after(
            last_day,
            f"{name} {band} given to someone under 18 is spent {buffer} months after the sentence, including any "
            f"licence or supervision period, is completed. It was completed on {format_date(order_end)}, so the "
            f"{buffer} months end on {format_date(last_day)}. Source: {_ROA_TABLE}.",
        )

    raise ValueError(f"Unknown disposal {disposal!r}: use one of {', '.join(SPENT_DISPOSALS)}")
