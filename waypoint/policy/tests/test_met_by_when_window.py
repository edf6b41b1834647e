"""Two met-by modifiers: `when` (an alternative that counts only when a condition holds, e.g. an option) and
`window` (a date attribute of the evidence must fall in the period starting at the trigger). Worked by hand."""
from __future__ import annotations

from datetime import date

import pytest
import yaml

from waypoint.policy.calendar import Calendar
from waypoint.policy.engine import CaseInput, compile_pack, evaluate
from waypoint.policy.events import assign_ids, parse_when
from waypoint.policy.schema import PackError, parse_pack

PACK = """
id: test/met-by
service: test
title: Met-by modifiers
programmes: [yro]
version: "1"
effective: 2024-01-01
review: 2030-01-01
documents: {"002": "YRO guidance"}
options:
  - name: listing
    description: which date counts
    choices: [hearing_date, listing_date]
    default: hearing_date
    rules: [wok.yro.ftc.breach-listed-2wk]
rules:
  - id: wok.yro.ftc.breach-listed-2wk
    title: Breach listed within 2 weeks
    kind: deadline
    owner: case_worker
    source: {document: "002", section: "FTC", quote: "within two weeks"}
    trigger: breach.initiated
    due: {days: 14}
    met_by:
      - event: court.hearing-listed{purpose=breach}
        date_field: hearing_date
        when: {option.listing: hearing_date}
      - event: court.hearing-listed{purpose=breach}
        when: {option.listing: listing_date}
  - id: wok.yro.appointments.month-ahead
    title: Month ahead booked
    kind: cadence
    owner: case_worker
    source: {document: "002", section: "Attendance", quote: "month ahead"}
    trigger: clock.month-started
    due: {same_working_day: true}
    met_by:
      - event: appointment.scheduled
        since: any
        by_due: true
        window: {field: starts_at, months: 1}
"""


def pack():
    return compile_pack(parse_pack(yaml.safe_load(PACK), "met-by"), "met-by")


def run(events, as_of, options=None):
    raw = [(None, item["type"], parse_when(item["at"]), item.get("data", {})) for item in events]
    result = evaluate([pack()], CaseInput("test", "yro", assign_ids(raw), options=options or {}),
                      date.fromisoformat(as_of), Calendar())
    return [item.to_dict() for item in result.obligations]


LISTING = [
    {"type": "breach.initiated", "at": "2026-03-02"},
    {"type": "court.hearing-listed", "at": "2026-03-05", "data": {"purpose": "breach", "hearing_date": "2026-03-20"}},
]


def test_when_chooses_the_met_by_alternative_by_option():
    (default,) = [o for o in run(LISTING, "2026-03-25") if o["rule"] == "wok.yro.ftc.breach-listed-2wk"]
    # Mon 2 Mar + 14 days = Mon 16 Mar; the hearing date (20 Mar) counts by default: late.
    assert (default["due"], default["met_on"], default["status"]) == ("2026-03-16", "2026-03-20", "met_late")
    (chosen,) = [o for o in run(LISTING, "2026-03-25", {"listing": "listing_date"})
                 if o["rule"] == "wok.yro.ftc.breach-listed-2wk"]
    # With listing_date the listing obtained on Thu 5 Mar counts: in time.
    assert (chosen["met_on"], chosen["status"]) == ("2026-03-05", "met")


def test_window_needs_the_date_attribute_in_the_period_from_the_trigger():
    events = [
        {"type": "order.started", "at": "2026-02-10", "data": {"type": "yro"}},
        # Booked in February for 3 March: counts for March (booked before the due date).
        {"type": "appointment.scheduled", "at": "2026-02-25",
         "data": {"appointment_id": "x", "starts_at": "2026-03-03T10:00"}},
        # Booked on 1 Apr for 1 May: outside April, so April is not covered.
        {"type": "appointment.scheduled", "at": "2026-04-01",
         "data": {"appointment_id": "y", "starts_at": "2026-05-01T10:00"}},
        # Rescheduled from April into May: its current start counts, so it covers May, not April.
        {"type": "appointment.scheduled", "at": "2026-03-20",
         "data": {"appointment_id": "z", "starts_at": "2026-04-28T10:00"}},
        {"type": "appointment.rescheduled", "at": "2026-03-25",
         "data": {"appointment_id": "z", "starts_at": "2026-05-05T10:00", "reason": "exams"}},
    ]
    month = {o["trigger_at"]: o for o in run(events, "2026-05-10") if o["rule"] == "wok.yro.appointments.month-ahead"}
    assert (month["2026-03-01"]["due"], month["2026-03-01"]["status"], month["2026-03-01"]["met_on"]) == (
        "2026-03-02", "met", "2026-02-25")  # Sun 1 Mar: due the next working day, Mon 2 Mar
    assert (month["2026-04-01"]["status"]) == "overdue"
    assert (month["2026-05-01"]["status"], month["2026-05-01"]["met_on"]) == ("met", "2026-03-20")


def test_window_and_when_are_checked_on_load():
    data = yaml.safe_load(PACK)
    data["rules"][1]["met_by"][0]["window"] = {"field": "starts_at", "months": 1, "days": 3}
    data["rules"][0]["met_by"][0]["when"] = {"option.unknown": "x"}
    with pytest.raises(PackError) as error:
        compile_pack(parse_pack(data, "bad"), "bad")
    assert "give exactly one of days, weeks, months" in str(error.value)
    data["rules"][1]["met_by"][0]["window"] = {"field": "starts_at", "months": 1}
    with pytest.raises(PackError) as error:
        compile_pack(parse_pack(data, "bad"), "bad")
    assert "option 'unknown' is not declared" in str(error.value)


NTH = """
id: test/nth
service: test
title: nth in the order
programmes: [yro]
version: "1"
effective: 2024-01-01
review: 2030-01-01
documents: {"002": "YRO guidance"}
rules:
  - id: wok.yro.ftc.second-warning
    title: Second warning
    kind: escalation
    owner: case_worker
    source: {document: "002", section: "FTC", quote: "second warning"}
    trigger:
      event: appointment.outcome-recorded{outcome=unacceptable}
      nth: 2
    met_by: letter.sent{type=second_warning, to=child}
"""


def test_nth_counts_outcomes_by_the_appointments_dates_not_the_recording_order():
    nth_pack = compile_pack(parse_pack(yaml.safe_load(NTH), "nth"), "nth")
    events = [
        {"type": "appointment.scheduled", "at": "2026-05-01",
         "data": {"appointment_id": "p", "starts_at": "2026-05-05T16:00"}},
        {"type": "appointment.scheduled", "at": "2026-05-01",
         "data": {"appointment_id": "q", "starts_at": "2026-05-12T16:00"}},
        {"type": "appointment.scheduled", "at": "2026-05-01",
         "data": {"appointment_id": "r", "starts_at": "2026-05-19T16:00"}},
        # Recorded in the order r, p, q: by appointment date the second unacceptable miss is q (12 May).
        {"type": "appointment.outcome-recorded", "at": "2026-05-20",
         "data": {"appointment_id": "r", "outcome": "unacceptable"}},
        {"type": "appointment.outcome-recorded", "at": "2026-05-21",
         "data": {"appointment_id": "p", "outcome": "unacceptable"}},
        {"type": "appointment.outcome-recorded", "at": "2026-05-22",
         "data": {"appointment_id": "q", "outcome": "unacceptable"}},
    ]
    raw = [(None, item["type"], parse_when(item["at"]), item.get("data", {})) for item in events]
    result = evaluate([nth_pack], CaseInput("test", "yro", assign_ids(raw)), date(2026, 5, 25), Calendar())
    assert [o.trigger_at.isoformat() for o in result.obligations] == ["2026-05-12"]
