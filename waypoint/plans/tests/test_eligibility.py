"""Early revocation criteria in plain Python: each one failing on its own, with all the others holding, and all
holding together. No database."""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.plans import eligibility as e

AS_OF = dt.date(2026, 11, 24)
HOLDING = dict(
    order_start=dt.date(2026, 1, 5), order_end=dt.date(2027, 1, 4),  # mid-point Mon 6 Jul 2026
    risk_levels={"rosh": "low", "saw": "low", "lor": "low"},
    targets_total=3, targets_completed=3, unacceptable_absences=0, breach_open=False, offences_since_start=[],
    as_of=AS_OF,
)


def by_key(found):
    return {criterion.key: criterion for criterion in found}


def test_every_criterion_holds_on_a_low_risk_compliant_order_past_its_midpoint():
    found = e.criteria(**HOLDING)
    assert [c.key for c in found] == [e.MIDPOINT, e.LOW_RISK, e.PROGRAMME_COMPLETED, e.COMPLIANCE_SATISFACTORY,
                                      e.NO_REOFFENDING]
    assert e.eligible(found)
    assert by_key(found)[e.MIDPOINT].reason == "The mid-point was 6 July 2026"


@pytest.mark.parametrize(("changes", "failing", "reason"), [
    ({"order_end": dt.date(2027, 11, 4)}, e.MIDPOINT, "The mid-point is 5 December 2026"),
    ({"risk_levels": {"rosh": "low", "saw": "medium", "lor": "low"}}, e.LOW_RISK, "SaW is medium"),
    ({"targets_completed": 2}, e.PROGRAMME_COMPLETED, "1 of 3 targets not completed"),
    ({"unacceptable_absences": 1}, e.COMPLIANCE_SATISFACTORY, "1 unacceptable absence in force"),
    ({"offences_since_start": [dt.date(2026, 9, 12)]}, e.NO_REOFFENDING,
     "1 offence since the order started, the latest on 12 September 2026"),
], ids=["midpoint", "low-risk", "targets", "compliance", "reoffending"])
def test_one_criterion_failing_alone_stops_early_revocation_and_says_why(changes, failing, reason):
    found = by_key(e.criteria(**{**HOLDING, **changes}))
    assert not found[failing].met and found[failing].reason == reason
    assert all(criterion.met for key, criterion in found.items() if key != failing)
    assert not e.eligible(list(found.values()))


def test_an_open_breach_is_not_satisfactory_compliance():
    assert not e.compliance_satisfactory(unacceptable_absences=0, breach_open=True).met


def test_no_ratings_or_no_plan_or_no_order_dates_do_not_count_as_met():
    assert e.low_risk(risk_levels={}).reason == "No RoSH, SaW or LoR rating is recorded"
    assert not e.plan_targets_complete(targets_total=0, targets_completed=0).met
    assert not e.midpoint_passed(order_start=None, order_end=None, as_of=AS_OF).met
