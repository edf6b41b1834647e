"""A met-by alternative with `when`: it counts only when its condition holds for the trigger (an option's choice).

Worked by hand from catalogue §1.2: allocated Thu 5 Mar 2026, a Mon-Fri worker's 3 working days end Tue 10 Mar.
"""
from __future__ import annotations

from datetime import date

import pytest
import yaml

from waypoint.policy.calendar import Calendar
from waypoint.policy.engine import CaseInput, compile_pack, evaluate
from waypoint.policy.events import assign_ids, parse_when
from waypoint.policy.schema import PackError, parse_pack

PACK = """
id: test/met-when
service: test
title: Met-by alternatives with a condition
programmes: [yro]
version: "1"
effective: 2024-01-01
review: 2030-01-01
documents: {"002": "YRO guidance"}
options:
  - name: attempts_count
    description: test option
    choices: [attempt_counts, contact_required]
    default: attempt_counts
    rules: [wok.yro.first-contact.3wd]
rules:
  - id: wok.yro.first-contact.3wd
    title: Contact the child within 3 working days
    kind: deadline
    owner: case_worker
    options: [attempts_count]
    source: {document: "002", section: "Week 1-4", quote: "within 3 working days of allocation"}
    trigger: case.allocated{programme=yro}
    due: {working_days: 3}
    met_by:
      - when: {option.attempts_count: attempt_counts}
        event: contact.attempted{with=child}
      - contact.made{with=child}
"""

EVENTS = [
    ("case.allocated", "2026-03-05", {"programme": "yro"}),
    ("contact.attempted", "2026-03-06", {"with": "child", "outcome": "unsuccessful"}),
    ("contact.made", "2026-03-12", {"with": "child"}),
]


def run(options):
    pack = compile_pack(parse_pack(yaml.safe_load(PACK), "met-when"), "met-when")
    raw = [(None, kind, parse_when(at), data) for kind, at, data in EVENTS]
    result = evaluate([pack], CaseInput("test", "yro", assign_ids(raw), options=options), date(2026, 3, 20),
                      Calendar())
    (obligation,) = [item.to_dict() for item in result.obligations]
    return obligation["due"], obligation["status"], obligation["met_on"]


def test_the_alternative_counts_when_its_condition_holds():
    # Default option: the attempt on Fri 6 Mar meets the deadline of Tue 10 Mar.
    assert run({}) == ("2026-03-10", "met", "2026-03-06")


def test_the_alternative_is_skipped_when_its_condition_fails():
    # Only a successful contact counts: the one on Thu 12 Mar is after Tue 10 Mar.
    assert run({"attempts_count": "contact_required"}) == ("2026-03-10", "met_late", "2026-03-12")


def test_an_undeclared_option_in_a_met_by_condition_is_refused():
    text = PACK.replace("option.attempts_count: attempt_counts", "option.nonsense: x")
    with pytest.raises(PackError, match="option 'nonsense' is not declared"):
        compile_pack(parse_pack(yaml.safe_load(text), "met-when"), "met-when")
