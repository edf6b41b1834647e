"""A cadence whose interval is agreed case by case: ``every: {weeks: facts.<name>}`` reads a whole-number fact.

Catalogue §2.5 (004 §12.5, §12.8) has contact "at a frequency to be agreed"; the catalogue stores the agreed
frequency on the case and checks it as a rolling cadence (§1.2). Worked by hand below.
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
id: test/agreed
service: test
title: Agreed frequency
programmes: [referral_order]
version: "1"
effective: 2021-01-01
review: 2030-01-01
documents: {"004": "transfer policy"}
rules:
  - id: notts.xfer.ext.caretaking.contact-host
    title: Contact the host YJS at the agreed frequency
    kind: cadence
    owner: cm
    source: {document: "004", section: "12.8", quote: "at a frequency to be agreed"}
    trigger: caretaking.accepted
    recurrence: {every: {weeks: facts.host_contact_weeks}}
    met_by: contact.made{with=host_yjs}
"""


def run(facts, events, as_of="2026-04-20"):
    pack = compile_pack(parse_pack(yaml.safe_load(PACK), "agreed"), "agreed")
    raw = [(None, item["type"], parse_when(item["at"]), item.get("data", {})) for item in events]
    case = CaseInput("test", "referral_order", assign_ids(raw), facts=facts)
    return [item.to_dict() for item in evaluate([pack], case, date.fromisoformat(as_of), Calendar()).obligations]


EVENTS = [{"type": "caretaking.accepted", "at": "2026-03-02"},
          {"type": "contact.made", "at": "2026-03-13", "data": {"with": "host_yjs"}}]


def test_the_interval_is_read_from_the_fact_for_every_period():
    obligations = run({"host_contact_weeks": 2}, EVENTS)
    # Mon 2 Mar + 14 days = Mon 16 Mar, met Fri 13 Mar; then Fri 13 Mar + 14 days = Fri 27 Mar, overdue on 20 Apr.
    assert [(o["trigger_at"], o["due"], o["status"]) for o in obligations] == [
        ("2026-03-02", "2026-03-16", "met"), ("2026-03-13", "2026-03-27", "overdue")]
    assert "host contact weeks) is 2" in obligations[0]["explanation"]


def test_a_different_agreement_gives_different_dues():
    obligations = run({"host_contact_weeks": 4}, EVENTS)
    # Mon 2 Mar + 28 days = Mon 30 Mar; Fri 13 Mar + 28 days = Fri 10 Apr.
    assert [(o["due"], o["status"]) for o in obligations] == [("2026-03-30", "met"), ("2026-04-10", "overdue")]


def test_without_the_agreed_interval_there_is_no_due_date_yet():
    (obligation,) = run({}, EVENTS[:1])
    assert (obligation["due"], obligation["status"]) == (None, "open")
    assert "agreed interval (host contact weeks) has not been recorded" in obligation["explanation"]


@pytest.mark.parametrize("value", ["host_contact_weeks", "facts.", 0])
def test_an_interval_is_a_positive_number_or_a_fact_name(value):
    data = yaml.safe_load(PACK)
    data["rules"][0]["recurrence"]["every"] = {"weeks": value}
    with pytest.raises(PackError):
        parse_pack(data, "agreed")


def test_the_fact_must_be_a_whole_number_fact_of_the_vocabulary():
    data = yaml.safe_load(PACK)
    data["rules"][0]["recurrence"]["every"] = {"weeks": "facts.order_end"}  # a date fact
    with pytest.raises(PackError, match="not a whole-number fact"):
        compile_pack(parse_pack(data, "agreed"), "agreed")
