"""Checks and conditions of the Wokingham Youth Rehabilitation Order pack (waypoint/packs/wokingham/yro.yaml).

The requirement limits are the law as data (waypoint/policy/law.py): the check here only gathers the case's dates
and flags, calls ``yro_requirement_violations`` and hands each rule the messages that belong to it. Where the law
differs from the guidance (the curfew hours since 28 June 2022) the law's message says so.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from waypoint.policy.events import norm, parse_day, values_of
from waypoint.policy.law import REQUIREMENT_TYPES, format_date, yro_requirement_violations
from waypoint.policy.registry import check, condition

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context
    from waypoint.policy.events import Event

_GUIDANCE = "Youth Rehabilitation Order guidance, Introduction"
_WEEK_1_4 = "Youth Rehabilitation Order guidance, Week 1-4 Assessment, Plan & QA"

#: The rules whose limits depend on a date or age, the requirement types they concern, and what they need.
_NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "wok.yro.req.age-16-17": (("unpaid_work", "residence"), ("date_of_birth", "finding_of_guilt_date")),
    "wok.yro.req.attendance-centre": (("attendance_centre",), ("date_of_birth", "finding_of_guilt_date")),
    "wok.yro.req.custody-threshold": (("fostering", "iss"), ("date_of_birth", "finding_of_guilt_date")),
    "wok.yro.req.la-residence": (("local_authority_residence",), ("date_of_birth",)),
    "wok.yro.req.fostering": (("fostering",), ("date_of_birth",)),
    "wok.yro.req.curfew": (("curfew",), ("conviction_date",)),
}
_WORDS = {
    "date_of_birth": "the child's date of birth",
    "finding_of_guilt_date": "the date of the finding of guilt",
    "conviction_date": "the conviction date (or the date of the finding of guilt)",
}


def _started(ctx: Context) -> list[Event]:
    return [event for event in ctx.history.of("order.started") if norm(event.get("type", "yro")) == "yro"]


def _order(ctx: Context) -> tuple[date, date | None] | None:
    """The order's start and end: the first order.started{type=yro}, else the facts order_start/order_end."""
    started = _started(ctx)
    facts = ctx.case.facts
    end_raw = None
    if started:
        start = started[0].day
        end_raw = started[0].get("end")
    elif facts.get("order_start"):
        start = parse_day(facts["order_start"])
    else:
        return None
    end_raw = end_raw or facts.get("order_end")
    return start, parse_day(end_raw) if end_raw else None


def _fact_date(ctx: Context, name: str) -> date | None:
    value = ctx.case.facts.get(name)
    return parse_day(value) if value else None


@check("yro_requirement_limits")
def yro_requirement_limits(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """The YRO and each requirement within its limit (guidance 002 Introduction; Sentencing Act 2020, Sch 6).

    The law in force for the conviction date prevails over the guidance; each rule gets its own messages. An order
    started with ISS (order.started{iss=true}, or the fact iss) counts as having an ISS requirement. Ages are
    taken on the date of the finding of guilt (for the custody threshold, on the order start with option
    ``custody_threshold_age_on: order_start``); the conviction date defaults to it when not recorded. A limit that
    depends on a date nobody recorded gives a message asking for it instead. With option
    ``requirements_recorded: listed_types_only`` an order with no requirement recorded is not flagged.
    """
    order = _order(ctx)
    if order is None:
        return
    start, end = order
    requirements = [dict(item) for item in ctx.case.facts.get("requirements") or []]
    # An order recorded as having ISS (order.started{iss=true} or the fact iss) has an ISS requirement.
    started = _started(ctx)
    has_iss = ctx.case.facts.get("iss") is True or (bool(started) and started[0].get("iss") is True)
    if has_iss and not any(item.get("type") == "iss" for item in requirements):
        requirements.append({"type": "iss"})
    # Option requirements_recorded: listed_types_only checks only the requirements recorded.
    if (rule.id == "wok.yro.order.requirement-types" and not requirements
            and ctx.options.get("requirements_recorded") == "listed_types_only"):
        return
    born = ctx.case.child.get("date_of_birth")
    known = {
        "date_of_birth": parse_day(born) if born else None,
        "finding_of_guilt_date": _fact_date(ctx, "finding_of_guilt_date"),
    }
    known["conviction_date"] = _fact_date(ctx, "conviction_date") or known["finding_of_guilt_date"]
    # Option custody_threshold_age_on: order_start takes the persistent-offender age on the order start, so
    # this rule's age date is the start (only this rule's messages are kept below).
    age_at_start = (rule.id == "wok.yro.req.custody-threshold"
                    and ctx.options.get("custody_threshold_age_on") == "order_start")
    if age_at_start:
        known["finding_of_guilt_date"] = start
    types = {item.get("type") for item in requirements}
    needs = _NEEDS.get(rule.id)
    if needs is not None:
        concerned = [kind for kind in needs[0] if kind in types]
        missing = [name for name in needs[1] if known[name] is None]
        if concerned and missing:
            names = " and ".join(REQUIREMENT_TYPES[kind] for kind in concerned)
            yield (f"Record {' and '.join(_WORDS[name] for name in missing)}: the limits of the {names} depend "
                   f"on it. Source: {_GUIDANCE}.")
            return
    fallback = known["finding_of_guilt_date"] or known["conviction_date"] or start
    violations = yro_requirement_violations(
        requirements,
        date_of_birth=known["date_of_birth"] or date(fallback.year - 16, fallback.month, 1),
        finding_of_guilt_date=known["finding_of_guilt_date"] or fallback,
        conviction_date=known["conviction_date"] or fallback,
        order_start=start,
        order_end=end,
        offence_imprisonable=ctx.case.facts.get("offence_imprisonable"),
        custody_threshold_passed=ctx.case.facts.get("custody_threshold_passed"),
        persistent_offender=ctx.case.facts.get("persistent_offender"),
    )
    for violation in violations:
        if violation.rule == rule.id:
            yield violation.message


@check("yro_prior_assetplus")
def yro_prior_assetplus(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """Only a Review AssetPlus after sentence, because a full AssetPlus informed the PSR: flag an order without one.

    Option ``no_prior_assetplus``: ``manager_decision`` (the catalogue's reading: flag it for a manager to decide)
    or ``full_assetplus_required`` (say that a full AssetPlus must be completed).
    """
    order = _order(ctx)
    if order is None:
        return
    start = order[0]
    prior = [event for event in ctx.history.of("assessment.completed")
             if norm(event.get("type")) == "assetplus" and event.day <= start]
    if prior:
        return
    head = (f"No full AssetPlus is recorded on or before the order's start ({format_date(start)}), so this YRO "
            "did not follow a PSR informed by one")
    if ctx.options.get("no_prior_assetplus") == "full_assetplus_required":
        yield f"{head}: complete a full AssetPlus, not only a Review AssetPlus. Source: {_WEEK_1_4}."
    else:
        yield f"{head}: a manager should decide whether a Review AssetPlus is enough. Source: {_WEEK_1_4}."


@condition("yro_home_visits_not_suspended")
def yro_home_visits_not_suspended(ctx: Context, event: Event | None, day: date) -> bool:
    """False while an alternative to home visits agreed with the manager is in force (option home_visit_alternative).

    The alternative is in force from the day it is agreed (manager.consulted{topic=home_visit_alternative}) until
    the next completed home visit.
    """
    if ctx.options.get("home_visit_alternative") == "visits_continue":
        return True
    agreed = [item.day for item in ctx.history.of("manager.consulted")
              if norm(item.get("topic")) == "home_visit_alternative" and item.day <= day]
    if not agreed:
        return True
    since = agreed[-1]
    return any(since < visit.day <= day for visit in ctx.history.of("home-visit.completed"))


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@condition("yro_parent_copy_applies")
def yro_parent_copy_applies(ctx: Context, event: Event | None, day: date) -> bool:
    """A letter to a child under 16 that did not also go to the parent/carer (option parent_copy_age_on)."""
    if event is not None and "parent_carer" in values_of(event, "to"):
        return False
    born = ctx.case.child.get("date_of_birth")
    if not born:
        return False
    on = day
    if ctx.options.get("parent_copy_age_on") == "finding_of_guilt":
        on = _fact_date(ctx, "finding_of_guilt_date") or day
    return _age(parse_day(born), on) < 16


@condition("yro_trigger_is_initial_plan")
def yro_trigger_is_initial_plan(ctx: Context, event: Event | None, day: date) -> bool:
    """The trigger is the completed initial plan (not a review of it)."""
    return event is not None and event.type == "plan.completed"
