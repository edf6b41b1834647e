"""Early revocation of a Youth Rehabilitation Order: whether each criterion holds, in plain Python (no Django).

The Wokingham YRO guidance (002, "Early Revocation"): "After mid-point of the Order, the case worker should consider
whether the Order could be revoked early ... provided all the targets of the plan have been satisfactorily
completed", and the criteria discussed with the manager are "mid-point through the order, low levels of risk,
successful completion of intervention programme, satisfactory level of compliance, no re-offending".

`criteria(...)` takes plain values gathered by plans.selectors and the day to judge on, and gives each criterion
with whether it holds and why. The keys of the four recorded criteria are the vocabulary's `manager.consulted`
`criteria` values, so the product can record the ones that hold on the manager discussion.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MIDPOINT = "midpoint"
LOW_RISK = "low_risk"
PROGRAMME_COMPLETED = "programme_completed"
COMPLIANCE_SATISFACTORY = "compliance_satisfactory"
NO_REOFFENDING = "no_reoffending"
RECORDED = (LOW_RISK, PROGRAMME_COMPLETED, COMPLIANCE_SATISFACTORY, NO_REOFFENDING)
RISK_NAMES = {"rosh": "RoSH", "saw": "SaW", "lor": "LoR"}


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    met: bool
    reason: str


def order_midpoint(start: dt.date, end: dt.date) -> dt.date:
    """Start + floor(D / 2) days, D the order's length in days (catalogue §1.2, as the engine counts it)."""
    return start + dt.timedelta(days=(end - start).days // 2)


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def midpoint_passed(*, order_start: dt.date | None, order_end: dt.date | None, as_of: dt.date) -> Criterion:
    title = "Mid-point of the order passed"
    if order_start is None or order_end is None:
        return Criterion(MIDPOINT, title, False, "The order's start and end dates are not recorded")
    midpoint = order_midpoint(order_start, order_end)
    if as_of < midpoint:
        return Criterion(MIDPOINT, title, False, f"The mid-point is {_day(midpoint)}")
    return Criterion(MIDPOINT, title, True, f"The mid-point was {_day(midpoint)}")


def low_risk(*, risk_levels: dict[str, str]) -> Criterion:
    title = "Low levels of risk"
    if not risk_levels:
        return Criterion(LOW_RISK, title, False, "No RoSH, SaW or LoR rating is recorded")
    higher = [f"{RISK_NAMES.get(name, name)} is {level.replace('_', ' ')}" for name, level in risk_levels.items()
              if level != "low"]
    if higher:
        return Criterion(LOW_RISK, title, False, "; ".join(higher))
    names = ", ".join(RISK_NAMES.get(name, name) for name in risk_levels)
    return Criterion(LOW_RISK, title, True, f"{names} in force: low")


def plan_targets_complete(*, targets_total: int, targets_completed: int) -> Criterion:
    title = "Plan targets completed"
    if targets_total == 0:
        return Criterion(PROGRAMME_COMPLETED, title, False, "There is no intervention plan with targets")
    if targets_completed < targets_total:
        left = targets_total - targets_completed
        return Criterion(PROGRAMME_COMPLETED, title, False,
                         f"{left} of {targets_total} target{'s' if targets_total != 1 else ''} not completed")
    return Criterion(PROGRAMME_COMPLETED, title, True, f"All {targets_total} targets completed")


def compliance_satisfactory(*, unacceptable_absences: int, breach_open: bool) -> Criterion:
    title = "Satisfactory compliance"
    if breach_open:
        return Criterion(COMPLIANCE_SATISFACTORY, title, False, "Breach proceedings are open")
    if unacceptable_absences:
        plural = "s" if unacceptable_absences != 1 else ""
        return Criterion(COMPLIANCE_SATISFACTORY, title, False,
                         f"{unacceptable_absences} unacceptable absence{plural} in force")
    return Criterion(COMPLIANCE_SATISFACTORY, title, True, "No unacceptable absences and no open breach")


def no_reoffending(*, offences_since_start: list[dt.date]) -> Criterion:
    title = "No re-offending"
    if offences_since_start:
        latest = max(offences_since_start)
        plural = "s" if len(offences_since_start) != 1 else ""
        return Criterion(NO_REOFFENDING, title, False,
                         f"{len(offences_since_start)} offence{plural} since the order started, "
                         f"the latest on {_day(latest)}")
    return Criterion(NO_REOFFENDING, title, True, "No offence recorded since the order started")


def criteria(*, order_start: dt.date | None, order_end: dt.date | None, risk_levels: dict[str, str],
             targets_total: int, targets_completed: int, unacceptable_absences: int, breach_open: bool,
             offences_since_start: list[dt.date], as_of: dt.date) -> list[Criterion]:
    """Every early revocation criterion, in the guidance's order, as on `as_of`."""
    return [
        midpoint_passed(order_start=order_start, order_end=order_end, as_of=as_of),
        low_risk(risk_levels=risk_levels),
        plan_targets_complete(targets_total=targets_total, targets_completed=targets_completed),
        compliance_satisfactory(unacceptable_absences=unacceptable_absences, breach_open=breach_open),
        no_reoffending(offences_since_start=offences_since_start),
    ]


def eligible(found: list[Criterion]) -> bool:
    return all(criterion.met for criterion in found)
