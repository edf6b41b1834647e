"""The `next <pattern>` anchor: a clock that runs to the first matching event after the trigger. Also: the history's
pattern cache is not fooled by patterns that Python checks parse afresh.

Nottinghamshire 003 §1.3: the bail-strategy CMM is held before the bail application, and a re-offending CMM
where a PSR has been requested before the sentencing date. A child already open to the service has earlier
sentences and applications in the history, so `first` (the first ever) would find the wrong one.
"""
from __future__ import annotations

from datetime import date

import yaml

from waypoint.policy.engine import CaseInput, compile_pack, evaluate
from waypoint.policy.events import assign_ids, parse_when
from waypoint.policy.schema import parse_pack

PACK = """
id: test/next
service: test
title: Next anchor
programmes: [yro]
version: "1"
effective: 2020-10-01
review: 2030-01-01
working_days: office_week
documents: {"003": "CMM policy"}
rules:
  - id: notts.cmm.reoffending.psr
    title: Re-offending CMM before the sentencing date
    kind: deadline
    owner: tm_ap
    source: {document: "003", section: "1.3", quote: "prior to the sentencing date"}
    trigger: psr.requested
    due: {hours: 0, from: next court.sentenced}
    met_by:
      - event: meeting.held{type=cmm, purpose=reoffending_review}
        before: court.sentenced
"""


def run(events, as_of):
    pack = compile_pack(parse_pack(yaml.safe_load(PACK), "next"), "next")
    raw = [(None, kind, parse_when(at), data) for kind, at, data in events]
    result = evaluate([pack], CaseInput("test", "yro", assign_ids(raw)), as_of)
    return [item.to_dict() for item in result.obligations]


def test_next_anchor_skips_earlier_events_and_waits_for_a_later_one():
    earlier_sentence = ("court.sentenced", "2026-01-12T10:00", {})
    psr = ("psr.requested", "2026-03-02T11:00", {})
    before = run([earlier_sentence, psr], date(2026, 3, 20))
    assert before[0]["due"] is None and before[0]["status"] == "open"
    after = run([earlier_sentence, psr, ("court.sentenced", "2026-03-30T10:00", {})], date(2026, 4, 10))
    assert after[0]["due"] == "2026-03-30" and after[0]["due_at"] == "2026-03-30T10:00"
    assert after[0]["status"] == "overdue"


def test_next_anchor_met_before_the_later_event():
    events = [("court.sentenced", "2026-01-12T10:00", {}), ("psr.requested", "2026-03-02T11:00", {}),
              ("meeting.held", "2026-03-20T10:00", {"type": "cmm", "purpose": "reoffending_review"}),
              ("court.sentenced", "2026-03-30T10:00", {})]
    [obligation] = run(events, date(2026, 4, 10))
    assert (obligation["due"], obligation["status"], obligation["met_on"]) == ("2026-03-30", "met", "2026-03-20")


def test_history_matching_is_not_fooled_by_a_pattern_parsed_afresh():
    """Python checks may parse a pattern inside a function; a freed pattern's id must not answer for a new one."""
    from waypoint.policy.events import parse_pattern, prepare

    raw = [(None, "document.completed", parse_when("2026-03-13"), {"type": "cmm_record"}),
           (None, "document.submitted", parse_when("2026-03-11"), {"type": "compliance_report"})]
    history = prepare(assign_ids(raw), date(2026, 3, 20))
    for _ in range(200):
        assert [e.type for e in history.matching(parse_pattern("document.completed{type=cmm_record}"))] == [
            "document.completed"]
        assert [e.type for e in history.matching(parse_pattern("document.submitted{type=compliance_report}"))] == [
            "document.submitted"]
