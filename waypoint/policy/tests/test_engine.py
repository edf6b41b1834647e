"""The engine on the trigger, due, met-by and recurrence shapes the Community Resolution pack does not use.

A small pack written here exercises them with catalogue rules from other documents, each worked by hand from
catalogue §1.2. Also: determinism whatever the order of events, waivers, closure and corrections.
"""
from __future__ import annotations

import json
from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from waypoint.policy.calendar import Calendar
from waypoint.policy.engine import CaseInput, compile_pack, evaluate
from waypoint.policy.events import assign_ids, parse_when
from waypoint.policy.packs import load_service
from waypoint.policy.registry import condition, trigger
from waypoint.policy.schema import parse_pack

SHAPES = """
id: test/shapes
service: test
title: Shapes
programmes: [yro, prevention]
version: "1"
effective: 2024-01-01
review: 2030-01-01
documents: {"002": "YRO guidance", "003": "CMM policy"}
options:
  - name: breach_clock
    description: test option
    choices: [from_breach, from_listing]
    default: from_breach
    rules: [wok.yro.ftc.breach-listed-2wk]
rules:
  - id: notts.cmm.rosh-saw.11-weekly
    title: RoSH/SaW review CMM every 11 weeks
    kind: cadence
    owner: tm_ap
    source: {document: "003", section: "1.3", quote: "every 11 weeks"}
    trigger: risk.level-assessed{dimension=rosh/saw, level=medium/high/very_high}
    recurrence: {every: {weeks: 11}, while: {risk.rosh_or_saw: {at_least: medium}}}
    met_by: meeting.held{type=cmm, purpose=rosh_saw_review}
  - id: notts.cmm.actions-48h
    title: CMM actions on CAPITA within 48 hours
    kind: deadline
    owner: cm
    source: {document: "003", section: "1.3", quote: "within 48 hours"}
    trigger: meeting.held{type=cmm}
    due: {hours: 48}
    met_by: record.entered{system=capita, kind=event, topic=cmm_actions}
  - id: wok.yro.exit.closure-document-2d
    title: Closure document to a manager 2 days before the exit interview
    kind: deadline
    owner: case_worker
    source: {document: "002", section: "Closure", quote: "no later than two days before the exit interview"}
    trigger: meeting.scheduled{type=exit_interview}
    due: {working_days: 2, before: true, from: trigger.starts_at}
    met_by: document.submitted{type=closure_document, to=manager}
  - id: wok.yro.forums.consider
    title: Consider the forums by the end of week 5
    kind: process
    owner: case_worker
    source: {document: "002", section: "Week 4 - 5", quote: "Consideration must be given"}
    trigger: order.started{type=yro}
    due: {order_week: 5}
    met_by: record.entered{topic=forum_consideration}
  - id: wok.prev.first-contact.unannounced-hv-10wd
    title: Unannounced home visit within 10 working days of allocation
    kind: deadline
    owner: case_worker
    source: {document: "002", section: "Week 1-4", quote: "within 10 working days of allocation"}
    trigger:
      event: contact.attempted{method=phone, outcome=unsuccessful}
      nth: 1
    due: {working_days: 10, from: first case.allocated}
    met_by:
      - home-visit.completed{announced=false}
      - home-visit.unsuccessful{announced=false}
  - id: wok.yro.ftc.breach-listed-2wk
    title: Breach listed in court within 2 weeks
    kind: deadline
    owner: case_worker
    source: {document: "002", section: "FTC", quote: "within two weeks"}
    trigger: breach.initiated
    due: {days: 14}
    met_by:
      - event: court.hearing-listed{purpose=breach}
        date_field: hearing_date
  - id: wok.yro.comms.parent-copy-under-16
    title: Copy the parents in for a child under 16
    kind: conditional
    owner: case_worker
    source: {document: "002", section: "Communication", quote: "under 16"}
    applies_when: {child.age: {lt: 16}}
    trigger: letter.sent{to=child}
    met_by:
      - event: letter.sent{to=parent_carer}
        same: [type]
  - id: wok.yro.exit.close-on-iyss
    title: Close the intervention on IYSS
    kind: process
    owner: line_manager
    source: {document: "002", section: "Closure", quote: "close the intervention"}
    trigger: meeting.held{type=exit_interview}
    met_by: case.closed{reason=order_completed}
    ends_when: []
  - id: wok.yro.early-revocation.consider
    title: Consider early revocation after the mid-point
    kind: process
    owner: case_worker
    source: {document: "002", section: "Early Revocation", quote: "After mid-point"}
    trigger: order.midpoint-reached
    met_by: record.entered{topic=early_revocation_considered}
    not_applicable_when: breach.initiated
  - id: notts.leave.unplanned.2wk-reallocation
    title: Consider reallocating after two weeks' absence
    kind: conditional
    owner: tm
    source: {document: "003", section: "7.2", quote: "After two weeks of absence"}
    applies_when: {predicate: test_still_absent}
    trigger: {predicate: test_two_weeks_absent}
    met_by: case.reallocated
"""


@trigger("test_two_weeks_absent")
def _two_weeks_absent(ctx, rule):
    return [event for event in ctx.history.of("staff.absence-started")
            if (ctx.as_of - event.day).days >= 14]


@condition("test_still_absent")
def _still_absent(ctx, event, day):
    return not ctx.history.of("staff.absence-ended")


def shapes_pack():
    return compile_pack(parse_pack(yaml.safe_load(SHAPES), "shapes"), "shapes")


def run(events, as_of, programme="yro", pack=None, **case):
    raw = [(item.get("id"), item["type"], parse_when(item["at"]), item.get("data", {})) for item in events]
    result = evaluate([pack or shapes_pack()], CaseInput("test", programme, assign_ids(raw), **case),
                      date.fromisoformat(as_of), Calendar())
    return [item.to_dict() for item in result.obligations], [item.to_dict() for item in result.violations]


def of(obligations, rule):
    return [item for item in obligations if item["rule"] == rule]


def test_while_cadence_rolls_and_stops_when_the_risk_falls():
    obligations, _ = run([
        {"type": "risk.level-assessed", "at": "2026-01-05", "data": {"dimension": "rosh", "level": "medium"}},
        {"type": "meeting.held", "at": "2026-03-16T10:00", "data": {"type": "cmm", "purpose": "rosh_saw_review"}},
        {"type": "risk.level-assessed", "at": "2026-05-01", "data": {"dimension": "rosh", "level": "low"}},
    ], "2026-06-10")
    cmm = of(obligations, "notts.cmm.rosh-saw.11-weekly")
    # 5 Jan + 77 days = 23 Mar; held 16 Mar; then 16 Mar + 77 = 1 Jun, but RoSH fell to low on 1 May.
    assert [(o["trigger_at"], o["due"], o["status"]) for o in cmm] == [
        ("2026-01-05", "2026-03-23", "met"), ("2026-03-16", "2026-06-01", "not_applicable")]


def test_while_cadence_continues_while_the_risk_stays_up():
    obligations, _ = run([
        {"type": "risk.level-assessed", "at": "2026-01-05", "data": {"dimension": "saw", "level": "high"}},
        {"type": "risk.level-assessed", "at": "2026-02-05", "data": {"dimension": "saw", "level": "medium"}},
    ], "2026-04-01")
    # Re-rating while still medium or above does not restart the clock: due 23 Mar, now overdue.
    assert [(o["trigger_at"], o["due"], o["status"]) for o in of(obligations, "notts.cmm.rosh-saw.11-weekly")] == [
        ("2026-01-05", "2026-03-23", "overdue")]


def test_hours_give_an_exact_due_at_and_lateness_is_by_the_clock():
    obligations, _ = run([
        {"type": "meeting.held", "at": "2026-05-11T10:00", "data": {"type": "cmm"}},
        {"type": "record.entered", "at": "2026-05-13T11:00",
         "data": {"system": "capita", "kind": "event", "topic": "cmm_actions"}},
    ], "2026-05-20")
    (actions,) = of(obligations, "notts.cmm.actions-48h")
    # The catalogue's example: held Mon 11 May 10:00 -> due_at Wed 13 May 10:00; entered at 11:00 that day.
    assert (actions["due"], actions["due_at"], actions["status"]) == ("2026-05-13", "2026-05-13T10:00", "met_late")


def test_working_days_counted_back_from_a_monday_interview_give_the_thursday_before():
    obligations, _ = run([
        {"type": "meeting.scheduled", "at": "2026-05-20", "data": {"type": "exit_interview",
                                                                    "starts_at": "2026-06-15T10:00"}},
    ], "2026-06-01")
    (closure,) = of(obligations, "wok.yro.exit.closure-document-2d")
    assert closure["due"] == "2026-06-11"
    assert "Fri 12, Thu 11" in closure["explanation"]


def test_week_n_of_an_order_ends_on_day_7n_minus_1():
    obligations, _ = run([{"type": "order.started", "at": "2026-01-05", "data": {"type": "yro"}}], "2026-01-20")
    assert of(obligations, "wok.yro.forums.consider")[0]["due"] == "2026-02-08"  # 5 Jan + 34 days


def test_a_clock_can_run_from_an_earlier_event_than_the_trigger():
    obligations, _ = run([
        {"type": "case.allocated", "at": "2026-01-08", "data": {"programme": "prevention"}},
        {"type": "contact.attempted", "at": "2026-01-12", "data": {"method": "phone", "outcome": "unsuccessful"}},
        {"type": "contact.attempted", "at": "2026-01-13", "data": {"method": "phone", "outcome": "unsuccessful"}},
    ], "2026-01-20", programme="prevention")
    (visit,) = of(obligations, "wok.prev.first-contact.unannounced-hv-10wd")
    # Only the first failed call triggers; 10 working days from allocation Thu 8 Jan end on Thu 22 Jan.
    assert (visit["trigger_at"], visit["due"], visit["status"]) == ("2026-01-12", "2026-01-22", "open")


def test_met_by_a_date_carried_in_the_event():
    obligations, _ = run([
        {"type": "breach.initiated", "at": "2026-03-02"},
        {"type": "court.hearing-listed", "at": "2026-03-05", "data": {"purpose": "breach",
                                                                      "hearing_date": "2026-03-20"}},
    ], "2026-03-25")
    (listing,) = of(obligations, "wok.yro.ftc.breach-listed-2wk")
    # Listed on 5 Mar but for 20 Mar: the hearing date counts, and 2 Mar + 14 days is 16 Mar.
    assert (listing["due"], listing["met_on"], listing["status"]) == ("2026-03-16", "2026-03-20", "met_late")


def test_age_condition_uses_the_trigger_date():
    obligations, _ = run([
        {"type": "letter.sent", "at": "2026-03-09", "data": {"type": "appointment", "to": "child"}},
        {"type": "letter.sent", "at": "2026-03-10", "data": {"type": "first_warning", "to": "child"}},
    ], "2026-03-20", child={"date_of_birth": "2010-03-10"})
    # 15 on 9 Mar, 16 on 10 Mar: only the first letter needs a parent copy.
    assert [o["trigger_at"] for o in of(obligations, "wok.yro.comms.parent-copy-under-16")] == ["2026-03-09"]


def test_a_duty_with_no_timescale_stays_open_then_is_met():
    events = [{"type": "meeting.held", "at": "2026-06-15", "data": {"type": "exit_interview"}}]
    obligations, _ = run(events, "2026-09-01")
    assert of(obligations, "wok.yro.exit.close-on-iyss")[0]["status"] == "open"
    events.append({"type": "case.closed", "at": "2026-06-20", "data": {"reason": "order_completed"}})
    closed = of(run(events, "2026-09-01")[0], "wok.yro.exit.close-on-iyss")[0]
    assert (closed["due"], closed["status"], closed["met_on"]) == (None, "met", "2026-06-20")


def test_not_applicable_when_an_event_overtakes_the_duty():
    obligations, _ = run([
        {"type": "order.started", "at": "2026-01-01", "data": {"type": "yro", "end": "2026-12-31"}},
        {"type": "breach.initiated", "at": "2026-08-01"},
    ], "2026-09-01")
    (consider,) = of(obligations, "wok.yro.early-revocation.consider")
    assert (consider["trigger_at"], consider["status"]) == ("2026-07-02", "not_applicable")


def test_a_waiver_marks_that_occurrence_waived():
    events = [
        {"type": "breach.initiated", "at": "2026-03-02"},
        {"type": "obligation.waived", "at": "2026-03-20",
         "data": {"rule": "wok.yro.ftc.breach-listed-2wk", "trigger_at": "2026-03-02", "reason": "court closed",
                  "by": "tm"}},
    ]
    assert of(run(events, "2026-03-25")[0], "wok.yro.ftc.breach-listed-2wk")[0]["status"] == "waived"
    events[1]["data"]["trigger_at"] = "2026-03-01"
    assert of(run(events, "2026-03-25")[0], "wok.yro.ftc.breach-listed-2wk")[0]["status"] == "overdue"


def test_named_trigger_and_condition_predicates():
    events = [{"type": "staff.absence-started", "at": "2026-03-02", "data": {"planned": False}}]
    assert of(run(events, "2026-03-10")[0], "notts.leave.unplanned.2wk-reallocation") == []
    assert of(run(events, "2026-03-16")[0], "notts.leave.unplanned.2wk-reallocation")[0]["status"] == "open"
    events.append({"type": "staff.absence-ended", "at": "2026-03-12"})
    assert of(run(events, "2026-03-16")[0], "notts.leave.unplanned.2wk-reallocation") == []


def test_a_voided_trigger_removes_its_obligation():
    events = [
        {"id": "m1", "type": "meeting.held", "at": "2026-05-11T10:00", "data": {"type": "cmm"}},
        {"type": "event.voided", "at": "2026-05-12", "data": {"event_id": "m1", "reason": "wrong case", "by": "cm"}},
    ]
    assert of(run(events, "2026-05-20")[0], "notts.cmm.actions-48h") == []


CR_EVENTS = [
    {"type": "case.allocated", "at": "2026-03-05", "data": {"programme": "community_resolution"}},
    {"type": "letter.sent", "at": "2026-03-06", "data": {"type": "appointment", "seq": 1, "to": "child"}},
    {"type": "appointment.scheduled", "at": "2026-03-06T09:00",
     "data": {"appointment_id": "a1", "starts_at": "2026-03-10T16:00"}},
    {"type": "appointment.missed", "at": "2026-03-10T16:00", "data": {"appointment_id": "a1"}},
    {"type": "appointment.outcome-recorded", "at": "2026-03-11", "data": {"appointment_id": "a1",
                                                                          "outcome": "not_attended_ooc"}},
    {"type": "appointment.scheduled", "at": "2026-03-06T09:05",
     "data": {"appointment_id": "a2", "starts_at": "2026-03-17T16:00"}},
    {"type": "appointment.missed", "at": "2026-03-17T16:00", "data": {"appointment_id": "a2"}},
    {"type": "session.delivered", "at": "2026-03-12", "data": {"type": "assessment"}},
    {"type": "session.delivered", "at": "2026-03-12", "data": {"type": "assessment"}},
    {"type": "record.entered", "at": "2026-03-13", "data": {"system": "iyss", "kind": "session"}},
    {"type": "case-supervision.held", "at": "2026-03-31"},
    {"type": "case-supervision.held", "at": "2026-03-31"},
    {"type": "contact.made", "at": "2026-03-12", "data": {"topic": "non_attendance", "with": "child"}},
]


@settings(max_examples=40, deadline=None)
@given(st.permutations(CR_EVENTS))
def test_the_same_events_in_any_order_give_the_same_output(events):
    pack = load_service("wokingham").pack("wokingham/community-resolution")
    expected = run(CR_EVENTS, "2026-04-20", programme="community_resolution", pack=pack)
    assert json.dumps(run(list(events), "2026-04-20", programme="community_resolution", pack=pack)) == \
        json.dumps(expected)


INTERVAL_CHOICE = """
id: test/interval-choice
service: test
title: Interval choice
programmes: [prevention]
version: "1"
effective: 2024-01-01
review: 2030-01-01
documents: {"001": "Prevention guidance"}
options:
  - name: contact_interval
    description: test option choosing a cadence's interval
    choices: [seven_days, calendar_week]
    default: seven_days
    rules: [wok.prev.contact.weekly]
rules:
  - id: wok.prev.contact.weekly
    title: Weekly contact
    kind: cadence
    owner: case_worker
    source: {document: "001", section: "Delivery", quote: "seen weekly"}
    options: [contact_interval]
    trigger: session.delivered
    recurrence:
      every:
        - when: {option.contact_interval: calendar_week}
          because: once in each calendar week
          programme_week: 1
        - days: 7
    met_by: session.delivered
"""


def test_a_cadence_interval_chosen_by_an_option():
    """recurrence.every as due alternatives: the first whose `when` holds, counted from each previous occurrence."""
    pack = compile_pack(parse_pack(yaml.safe_load(INTERVAL_CHOICE), "interval-choice"), "interval-choice")
    events = [{"type": "session.delivered", "at": "2026-04-15"}, {"type": "session.delivered", "at": "2026-05-01"}]
    default, _ = run(events, "2026-05-12", programme="prevention", pack=pack)
    # Wed 15 Apr + 7 = Wed 22 Apr, the next on 1 May is late; then 1 May + 7 = Fri 8 May, overdue by 12 May.
    assert [(item["due"], item["status"]) for item in default] == [
        ("2026-04-22", "met_late"), ("2026-05-08", "overdue")]
    chosen, _ = run(events, "2026-05-12", programme="prevention", pack=pack,
                    options={"contact_interval": "calendar_week"})
    # The week after 15 Apr's is Mon 20-Sun 26 Apr: due Fri 24 Apr, 1 May late; the week after 1 May's is
    # Mon 4 (a bank holiday)-Sun 10 May: due Fri 8 May.
    assert [(item["due"], item["status"]) for item in chosen] == [
        ("2026-04-24", "met_late"), ("2026-05-08", "overdue")]
    assert "once in each calendar week" in chosen[0]["explanation"]


def test_cadence_interval_alternatives_are_checked():
    text = INTERVAL_CHOICE.replace("        - days: 7\n", "        - when: {option.contact_interval: seven_days}\n"
                                                         "          days: 7\n")
    with pytest.raises(Exception, match="last alternative must have no `when`"):
        parse_pack(yaml.safe_load(text), "interval-choice")
    text = INTERVAL_CHOICE.replace("        - days: 7\n", "        - days: 7\n          from: first case.allocated\n")
    with pytest.raises(Exception, match="counts on from the previous occurrence"):
        parse_pack(yaml.safe_load(text), "interval-choice")
    text = INTERVAL_CHOICE.replace("option.contact_interval: calendar_week", "option.undeclared: calendar_week")
    with pytest.raises(Exception, match="option 'undeclared' is not declared"):
        compile_pack(parse_pack(yaml.safe_load(text), "interval-choice"), "interval-choice")
