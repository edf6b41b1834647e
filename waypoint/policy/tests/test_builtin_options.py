"""The built-in options: the catalogue's general interpretations (§1.2 time units, §1.3 ambiguity policy).

Each needs no declaration in a pack; a service sets it in service.yaml `options`, a case in its own `options`.
For each: the default (the catalogue's reading) and the other choice on the same case, both worked by hand from
catalogue §1.2 on a 2026 calendar (Thu 1 Jan 2026; Good Friday 3 Apr, Easter Monday 6 Apr, Mon 4 May bank
holidays). Small packs written here hold one rule each, with catalogue ids.
"""
from __future__ import annotations

from datetime import date

import pytest
import yaml

from waypoint.policy.calendar import Calendar, WorkingPattern
from waypoint.policy.engine import compile_pack, evaluate
from waypoint.policy.events import order_midpoint
from waypoint.policy.scenario import InputError, parse_scenario, scenario_json_schema
from waypoint.policy.schema import BUILTIN_OPTIONS, PackError, parse_pack

HEAD = """
id: test/{name}
service: test
title: Built-in option test
programmes: [community_resolution, yro]
version: "1"
effective: 2024-01-01
review: 2030-01-01
working_days: {working_days}
documents: {{"000": "CR guidance", "002": "YRO guidance", "003": "CMM policy"}}
rules:
"""

RECORDING = """
  - id: wok.cr.recording.2wd
    title: Record within 3 working days (the catalogue's first-contact example)
    kind: deadline
    owner: case_worker
    source: {document: "000", section: "Allocation", quote: "3 working days"}
    trigger: case.allocated
    due: {working_days: 3}
    met_by: record.entered
"""
FIVE_WORKING_DAYS = """
  - id: notts.si.initial-meeting
    title: Within 5 working days
    kind: deadline
    owner: case_worker
    source: {document: "003", section: "1", quote: "5 working days"}
    trigger: case.allocated
    due: {working_days: 5}
    met_by: meeting.held
"""
MANAGER_TWO_DAYS = """
  - id: wok.yro.exit.closure-document-2d
    title: Two working days of the line manager
    kind: deadline
    owner: line_manager
    source: {document: "002", section: "Closure", quote: "two days"}
    trigger: case.allocated
    due: {working_days: 2}
    met_by: document.submitted
"""
MINI_ASSET = """
  - id: wok.cr.assessment.mini-asset-due
    title: Complete the Mini Asset
    kind: deadline
    owner: case_worker
    source: {document: "000", section: "Assessment", quote: "within 3 weeks of allocation"}
    trigger: case.allocated
    due:
      - when: {worker.part_time: true}
        weeks: 4
      - weeks: 3
    met_by: assessment.completed{type=mini_asset}
"""
ACTIONS_48H = """
  - id: notts.cmm.actions-48h
    title: CMM actions on CAPITA within 48 hours
    kind: deadline
    owner: cm
    source: {document: "003", section: "1.3", quote: "within 48 hours"}
    trigger: meeting.held{type=cmm}
    due: {hours: 48}
    met_by: record.entered{system=capita, kind=event, topic=cmm_actions}
"""
MONTH_AHEAD = """
  - id: wok.yro.appointments.month-ahead
    title: Appointments for the month at the beginning of the month
    kind: cadence
    owner: case_worker
    source: {document: "002", section: "Appointments", quote: "beginning of the month"}
    trigger: clock.month-started
    due: {same_working_day: true}
    met_by: appointment.scheduled
"""
PROGRAMME_WEEKS = """
  - id: wok.cr.first-appointment.home-visit-week
    title: Home visit the week after the allocation
    kind: deadline
    owner: case_worker
    source: {document: "000", section: "First appointment", quote: "the week after the allocation"}
    trigger: case.allocated
    due: {programme_week: 1}
    met_by: home-visit.completed
  - id: wok.cr.assessment.qa-week-4
    title: QA the Mini Asset on week 4
    kind: deadline
    owner: line_manager
    source: {document: "000", section: "Assessment", quote: "On week 4"}
    trigger: case.allocated
    due: {programme_week: 4, of: case_worker}
    met_by: assessment.qa-completed
"""
MIDPOINT = """
  - id: wok.yro.early-revocation.consider
    title: Consider early revocation at the mid-point
    kind: process
    owner: case_worker
    source: {document: "002", section: "Early Revocation", quote: "After mid-point"}
    trigger: order.midpoint-reached
    due: {days: 0}
    met_by: record.entered{topic=early_revocation_considered}
"""


def pack(*rules: str, working_days: str = "owner", name: str = "options"):
    text = HEAD.format(name=name, working_days=working_days) + "".join(rules)
    return compile_pack(parse_pack(yaml.safe_load(text), name), name)


def run(rules, events, as_of, *, options=None, service_options=None, worker=None, staff=None,
        working_days="owner", programme="community_resolution"):
    scenario = parse_scenario({
        "service": "test", "programme": programme, "as_of": as_of, "worker": worker or {}, "staff": staff or {},
        "options": options or {}, "events": events,
    })
    result = evaluate([pack(*rules, working_days=working_days)], scenario.case, scenario.as_of, Calendar(),
                      service_options=service_options or {})
    return {item.rule: item.to_dict() for item in result.obligations}


ALLOCATED_THU_5_MAR = [{"type": "case.allocated", "at": "2026-03-05"}]
MON_TUE_WED = {"working_days": ["mon", "tue", "wed"]}


def test_every_builtin_option_defaults_to_its_first_choice_and_needs_no_declaration():
    # No pack declares them; the packs' defaults are the first choice (the catalogue's reading).
    defaults = pack(RECORDING).option_defaults()
    assert {name: defaults[name] for name in BUILTIN_OPTIONS} == {
        name: choices[0] for name, choices in BUILTIN_OPTIONS.items()}
    with pytest.raises(ValueError, match="leave_and_sickness_days must be one of counted, removed"):
        run([RECORDING], ALLOCATED_THU_5_MAR, "2026-03-06", options={"leave_and_sickness_days": "ignored"})


def test_a_pack_may_not_redefine_a_builtin_option():
    text = HEAD.format(name="bad", working_days="owner") + RECORDING + """
options:
  - name: hours_due
    description: clash
    choices: [exact, loose]
    default: exact
    rules: [wok.cr.recording.2wd]
"""
    with pytest.raises(PackError, match="hours_due is built in"):
        compile_pack(parse_pack(yaml.safe_load(text), "bad"), "bad")


# --- leave_and_sickness_days: counted (default) | removed -----------------------------------------------------

def test_recorded_leave_and_sickness_are_removed_from_the_working_days_only_when_the_option_says_so():
    worker = {**MON_TUE_WED, "absences": [{"from": "2026-03-09", "to": "2026-03-10"}]}
    # Default (counted): a Mon-Wed worker allocated Thu 5 Mar counts Mon 9, Tue 10, Wed 11: due Wed 11 Mar,
    # their leave on Mon 9 and Tue 10 notwithstanding (catalogue §1.2: "not removed").
    counted = run([RECORDING], ALLOCATED_THU_5_MAR, "2026-03-12", worker=worker)["wok.cr.recording.2wd"]
    assert (counted["due"], counted["status"]) == ("2026-03-11", "overdue")
    # removed: Mon 9 and Tue 10 are leave, so Wed 11, Mon 16, Tue 17: due Tue 17 Mar, still open on 12 Mar.
    removed = run([RECORDING], ALLOCATED_THU_5_MAR, "2026-03-12", worker=worker,
                  options={"leave_and_sickness_days": "removed"})["wok.cr.recording.2wd"]
    assert (removed["due"], removed["status"]) == ("2026-03-17", "open")
    assert "Mon 9 and Tue 10 are recorded leave or sickness" in removed["explanation"]


def test_the_service_can_remove_leave_for_all_its_packs_and_a_case_can_restore_the_default():
    worker = {**MON_TUE_WED, "absences": [{"from": "2026-03-09", "to": "2026-03-10"}]}
    by_service = run([RECORDING], ALLOCATED_THU_5_MAR, "2026-03-12", worker=worker,
                     service_options={"leave_and_sickness_days": "removed"})
    assert by_service["wok.cr.recording.2wd"]["due"] == "2026-03-17"  # as above
    by_case = run([RECORDING], ALLOCATED_THU_5_MAR, "2026-03-12", worker=worker,
                  service_options={"leave_and_sickness_days": "removed"},
                  options={"leave_and_sickness_days": "counted"})
    assert by_case["wok.cr.recording.2wd"]["due"] == "2026-03-11"


def test_another_roles_recorded_leave_is_theirs():
    staff = {"line_manager": {"absences": [{"from": "2026-03-06", "to": "2026-03-06"}]}}
    # A Mon-Fri line manager, allocation Thu 5 Mar, 2 working days: Fri 6, Mon 9 -> due Mon 9 Mar (default);
    # with Fri 6 removed as leave: Mon 9, Tue 10 -> Tue 10 Mar.
    assert run([MANAGER_TWO_DAYS], ALLOCATED_THU_5_MAR, "2026-03-06", staff=staff)[
        "wok.yro.exit.closure-document-2d"]["due"] == "2026-03-09"
    removed = run([MANAGER_TWO_DAYS], ALLOCATED_THU_5_MAR, "2026-03-06", staff=staff,
                  options={"leave_and_sickness_days": "removed"})
    assert removed["wok.yro.exit.closure-document-2d"]["due"] == "2026-03-10"


def test_the_workers_leave_stops_counting_against_the_case_when_it_is_reallocated():
    worker = {**MON_TUE_WED, "absences": [{"from": "2026-03-09", "to": "2026-03-18"}]}
    events = ALLOCATED_THU_5_MAR + [{"type": "case.reallocated", "at": "2026-03-11", "data": {"reason": "leave"}}]
    # removed: Mon 9 and Tue 10 are the worker's leave; from Wed 11 the case is another worker's (same Mon-Wed
    # week, absences not given), so Wed 11, Mon 16, Tue 17 count although the first worker is still away.
    obligations = run([RECORDING], events, "2026-03-12", worker=worker, options={"leave_and_sickness_days": "removed"})
    assert obligations["wok.cr.recording.2wd"]["due"] == "2026-03-17"


def test_absences_are_checked_and_published_in_the_schema():
    base = {"service": "test", "programme": "yro", "as_of": "2026-03-12"}
    with pytest.raises(InputError, match=r"worker.absences\[0\].to: 2026-03-08 is before"):
        parse_scenario({**base, "worker": {"absences": [{"from": "2026-03-09", "to": "2026-03-08"}]}})
    with pytest.raises(InputError, match=r"worker.absences\[0\].to: give the first and last day"):
        parse_scenario({**base, "worker": {"absences": [{"from": "2026-03-09"}]}})
    with pytest.raises(InputError, match=r"staff.tm.absences\[0\].until: a period has only from and to"):
        parse_scenario({**base, "staff": {"tm": {"absences": [{"from": "2026-03-09", "until": "2026-03-10"}]}}})
    with pytest.raises(InputError, match="worker.absences: expected a list of periods"):
        parse_scenario({**base, "worker": {"absences": {"from": "2026-03-09", "to": "2026-03-10"}}})
    schema = scenario_json_schema()["properties"]
    assert schema["worker"]["properties"]["absences"]["items"]["required"] == ["from", "to"]
    assert "absences" in schema["staff"]["additionalProperties"]["properties"]


# --- reallocation_pattern: new_worker_from_reallocation (default) | worker_at_trigger --------------------------

def test_a_reallocated_workers_pattern_counts_from_the_reallocation_date():
    events = ALLOCATED_THU_5_MAR + [
        {"type": "case.reallocated", "at": "2026-03-09", "data": {"working_days": ["thu", "fri"]}}]
    # Default: Mon-Wed worker until Sun 8 (Fri 6 is not their day), the Thu-Fri worker from Mon 9: Thu 12, Fri 13,
    # Thu 19, Fri 20, Thu 26 -> due Thu 26 Mar.
    new_worker = run([FIVE_WORKING_DAYS], events, "2026-03-20", worker=MON_TUE_WED)["notts.si.initial-meeting"]
    assert (new_worker["due"], new_worker["status"]) == ("2026-03-26", "open")
    # worker_at_trigger: the Mon-Wed worker in post on Thu 5 counts throughout: Mon 9, Tue 10, Wed 11, Mon 16,
    # Tue 17 -> due Tue 17 Mar, overdue on 20 Mar.
    at_trigger = run([FIVE_WORKING_DAYS], events, "2026-03-20", worker=MON_TUE_WED,
                     options={"reallocation_pattern": "worker_at_trigger"})["notts.si.initial-meeting"]
    assert (at_trigger["due"], at_trigger["status"]) == ("2026-03-17", "overdue")


# --- working_days_basis: as_pack (default) | own_pattern | office_week -----------------------------------------

def test_the_working_day_basis_can_override_the_packs():
    # A Mon-Wed worker allocated Thu 5 Mar, 5 working days.
    # Office-week pack (Nottinghamshire), default: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12 -> Thu 12 Mar.
    assert run([FIVE_WORKING_DAYS], ALLOCATED_THU_5_MAR, "2026-03-06", worker=MON_TUE_WED,
               working_days="office_week")["notts.si.initial-meeting"]["due"] == "2026-03-12"
    # own_pattern: Mon 9, Tue 10, Wed 11, Mon 16, Tue 17 -> Tue 17 Mar.
    assert run([FIVE_WORKING_DAYS], ALLOCATED_THU_5_MAR, "2026-03-06", worker=MON_TUE_WED, working_days="office_week",
               options={"working_days_basis": "own_pattern"})["notts.si.initial-meeting"]["due"] == "2026-03-17"
    # An owner pack (Wokingham) counted on the office week instead: Thu 12 Mar again.
    assert run([FIVE_WORKING_DAYS], ALLOCATED_THU_5_MAR, "2026-03-06", worker=MON_TUE_WED,
               options={"working_days_basis": "office_week"})["notts.si.initial-meeting"]["due"] == "2026-03-12"


# --- part_time_means: contract (default) | fewer_than_five_days -----------------------------------------------

def test_part_time_is_the_contract_unless_the_option_reads_the_week():
    worker = {"working_days": ["mon", "tue", "wed", "thu"], "part_time": False}  # full time, compressed hours
    # Default: the HR contract says full time, so 3 weeks: Thu 5 Mar + 21 days = Thu 26 Mar.
    contract = run([MINI_ASSET], ALLOCATED_THU_5_MAR, "2026-03-27", worker=worker)
    assert (contract["wok.cr.assessment.mini-asset-due"]["due"],
            contract["wok.cr.assessment.mini-asset-due"]["status"]) == ("2026-03-26", "overdue")
    # fewer_than_five_days: four days a week is part-time, so 4 weeks: + 28 days = Thu 2 Apr, open on 27 Mar.
    week = run([MINI_ASSET], ALLOCATED_THU_5_MAR, "2026-03-27", worker=worker,
               options={"part_time_means": "fewer_than_five_days"})
    assert (week["wok.cr.assessment.mini-asset-due"]["due"],
            week["wok.cr.assessment.mini-asset-due"]["status"]) == ("2026-04-02", "open")


# --- hours_due: exact_time (default) | end_of_day -------------------------------------------------------------

def test_an_hours_limit_is_late_from_the_exact_time_or_from_the_end_of_that_day():
    events = [
        {"type": "meeting.held", "at": "2026-05-11T10:00", "data": {"type": "cmm"}},
        {"type": "record.entered", "at": "2026-05-13T15:00",
         "data": {"system": "capita", "kind": "event", "topic": "cmm_actions"}},
    ]
    # The catalogue's example: held Mon 11 May 10:00 -> due_at Wed 13 May 10:00; entered 15:00 that day: late.
    exact = run([ACTIONS_48H], events, "2026-05-20")["notts.cmm.actions-48h"]
    assert (exact["due"], exact.get("due_at"), exact["status"]) == ("2026-05-13", "2026-05-13T10:00", "met_late")
    # end_of_day: due by the end of Wed 13 May (no due_at), so 15:00 that day is in time.
    day = run([ACTIONS_48H], events, "2026-05-20", options={"hours_due": "end_of_day"})["notts.cmm.actions-48h"]
    assert (day["due"], day.get("due_at"), day["status"]) == ("2026-05-13", None, "met")
    assert "option hours_due: end_of_day" in day["explanation"]


# --- hours_means: elapsed (default) | working_days ---------------------------------------------------------------

def test_an_hours_limit_counts_elapsed_hours_or_whole_working_days():
    events = [
        {"type": "meeting.held", "at": "2026-05-15T10:00", "data": {"type": "cmm"}},
        {"type": "record.entered", "at": "2026-05-18T09:00",
         "data": {"system": "capita", "kind": "event", "topic": "cmm_actions"}},
    ]
    # Default: held Fri 15 May 10:00 + 48 elapsed hours, the weekend included = Sun 17 May 10:00; entered Mon
    # 18 May: late.
    elapsed = run([ACTIONS_48H], events, "2026-05-20")["notts.cmm.actions-48h"]
    assert (elapsed["due"], elapsed.get("due_at"), elapsed["status"]) == ("2026-05-17", "2026-05-17T10:00",
                                                                           "met_late")
    # working_days: 48 hours = 2 working days of the (Mon-Fri) case manager: Mon 18, Tue 19 -> due Tue 19 May; met.
    days = run([ACTIONS_48H], events, "2026-05-20", options={"hours_means": "working_days"})["notts.cmm.actions-48h"]
    assert (days["due"], days.get("due_at"), days["status"]) == ("2026-05-19", None, "met")
    assert "48 hours read as 2 working days" in days["explanation"]


# --- month_start_due: first_working_day (default) | first_calendar_day ----------------------------------------

def test_the_beginning_of_the_month_is_the_first_working_day_or_the_first():
    events = [{"type": "case.allocated", "at": "2026-04-10"}]
    # The first month start is Fri 1 May 2026. Default: not a working day of a Mon-Wed worker, and Mon 4 May is
    # the Early May bank holiday, so by the end of Tue 5 May: open on Sat 2 May.
    working = run([MONTH_AHEAD], events, "2026-05-02", worker=MON_TUE_WED)["wok.yro.appointments.month-ahead"]
    assert (working["trigger_at"], working["due"], working["status"]) == ("2026-05-01", "2026-05-05", "open")
    # first_calendar_day: due Fri 1 May itself, overdue on 2 May.
    first = run([MONTH_AHEAD], events, "2026-05-02", worker=MON_TUE_WED,
                options={"month_start_due": "first_calendar_day"})["wok.yro.appointments.month-ahead"]
    assert (first["due"], first["status"]) == ("2026-05-01", "overdue")


# --- programme_week_one: week_after_allocation (default) | allocation_week --------------------------------------

def test_week_n_of_the_programme_counts_from_the_week_after_the_allocation_week_or_from_that_week():
    events = [{"type": "case.allocated", "at": "2026-01-08"}]
    # The catalogue's example: allocated Thu 8 Jan 2026; week 1 = Mon 12-Sun 18 Jan, week 4 = Mon 2-Sun 8 Feb,
    # QA due Fri 6 Feb for a Mon-Fri worker. The home visit "the week after": Fri 16 Jan.
    default = run([PROGRAMME_WEEKS], events, "2026-02-02")
    assert default["wok.cr.assessment.qa-week-4"]["due"] == "2026-02-06"
    assert default["wok.cr.first-appointment.home-visit-week"]["due"] == "2026-01-16"
    # allocation_week: week 1 = Mon 5-Sun 11 Jan, week 4 = Mon 26 Jan-Sun 1 Feb -> Fri 30 Jan, overdue on 2 Feb.
    # "The week after the allocation" is still Mon 12-Sun 18 Jan -> Fri 16 Jan.
    other = run([PROGRAMME_WEEKS], events, "2026-02-02", options={"programme_week_one": "allocation_week"})
    assert (other["wok.cr.assessment.qa-week-4"]["due"], other["wok.cr.assessment.qa-week-4"]["status"]) == (
        "2026-01-30", "overdue")
    assert other["wok.cr.first-appointment.home-visit-week"]["due"] == "2026-01-16"


# --- programme_week_due: last_working_day (default) | end_of_week ----------------------------------------------

def test_a_duty_in_week_n_is_due_on_the_last_working_day_or_the_sunday():
    events = [{"type": "case.allocated", "at": "2026-01-08"},
              {"type": "assessment.qa-completed", "at": "2026-02-07"}]
    # Week 4 = Mon 2-Sun 8 Feb. Default: due Fri 6 Feb (Mon-Fri worker), so QA on Sat 7 Feb is late.
    default = run([PROGRAMME_WEEKS], events, "2026-02-09")["wok.cr.assessment.qa-week-4"]
    assert (default["due"], default["status"]) == ("2026-02-06", "met_late")
    # end_of_week: due Sun 8 Feb, so Sat 7 Feb is in time.
    sunday = run([PROGRAMME_WEEKS], events, "2026-02-09",
                 options={"programme_week_due": "end_of_week"})["wok.cr.assessment.qa-week-4"]
    assert (sunday["due"], sunday["status"]) == ("2026-02-08", "met")
    # The Sunday is a calendar date, so due_on_non_working_day can move it: back to Fri 6 Feb.
    moved = run([PROGRAMME_WEEKS], events, "2026-02-09", options={
        "programme_week_due": "end_of_week", "due_on_non_working_day": "previous_working_day"})
    assert moved["wok.cr.assessment.qa-week-4"]["due"] == "2026-02-06"


# --- order_midpoint: round_down (default) | round_up -----------------------------------------------------------

def test_the_mid_point_of_an_order_rounds_down_or_up():
    events = [{"type": "order.started", "at": "2026-01-05", "data": {"type": "yro", "end": "2026-01-20"}}]
    # D = 20 Jan - 5 Jan = 15 days. Default: 5 Jan + floor(15/2) = 7 days = Mon 12 Jan.
    down = run([MIDPOINT], events, "2026-01-31", programme="yro")["wok.yro.early-revocation.consider"]
    assert (down["trigger_at"], down["due"]) == ("2026-01-12", "2026-01-12")
    # round_up: + ceil(15/2) = 8 days = Tue 13 Jan.
    up = run([MIDPOINT], events, "2026-01-31", programme="yro",
             options={"order_midpoint": "round_up"})["wok.yro.early-revocation.consider"]
    assert (up["trigger_at"], up["due"]) == ("2026-01-13", "2026-01-13")
    # An even D has one mid-point either way: 5 Jan to 19 Jan is 14 days, + 7 = Mon 12 Jan.
    assert order_midpoint(date(2026, 1, 5), date(2026, 1, 19), round_up=True) == date(2026, 1, 12)


# --- The calendar under a pattern with days off and later changes ----------------------------------------------

def test_a_pattern_with_days_off_and_a_change_counts_the_same_both_ways():
    calendar = Calendar()
    pattern = WorkingPattern(frozenset({0, 1, 2}), frozenset({date(2026, 3, 9)}),
                             ((date(2026, 3, 16), frozenset({3, 4})),))
    # After Thu 5 Mar: Tue 10, Wed 11 (Mon 9 off); from Mon 16 Thu-Fri: Thu 19, Fri 20, Thu 26.
    assert calendar.add_working_days(date(2026, 3, 5), 5, pattern) == date(2026, 3, 26)
    assert calendar.working_days_between(date(2026, 3, 5), date(2026, 3, 26), pattern) == 5
    assert calendar.non_working_reason(date(2026, 3, 9), pattern) == "recorded leave or sickness"
    assert calendar.non_working_reason(date(2026, 3, 16), pattern) == "not their working day"
    assert pattern.part_time and str(pattern) == "Mon, Tue, Wed"


# --- monthly_means: rolling_month (default) | each_calendar_month -----------------------------------------------

MONTHLY = """
  - id: wok.cr.supervision.monthly
    title: Monthly line supervision of the case
    kind: cadence
    owner: line_manager
    source: {document: "000", section: "Supervision", quote: "monthly line supervision of the case"}
    trigger: case.allocated
    recurrence:
      every: {months: 1}
    met_by: case-supervision.held
"""


def test_monthly_is_a_rolling_month_or_once_in_each_calendar_month():
    events = [{"type": "case.allocated", "at": "2026-01-08"}, {"type": "case-supervision.held", "at": "2026-02-02"}]

    def periods(options=None):
        scenario = parse_scenario({"service": "test", "programme": "community_resolution", "as_of": "2026-03-10",
                                   "options": options or {}, "events": events})
        result = evaluate([pack(MONTHLY)], scenario.case, scenario.as_of, Calendar())
        return [(o.trigger_at.isoformat(), o.due.isoformat(), o.status) for o in result.obligations]

    # Default: the first within a month of Thu 8 Jan (Sun 8 Feb), met Mon 2 Feb; the next a month after that,
    # Mon 2 Mar, overdue on 10 Mar.
    assert periods() == [("2026-01-08", "2026-02-08", "met"), ("2026-02-02", "2026-03-02", "overdue")]
    # each_calendar_month: one in February (by Sat 28 Feb), met 2 Feb; then one in March (by Tue 31 Mar), open.
    assert periods({"monthly_means": "each_calendar_month"}) == [
        ("2026-01-08", "2026-02-28", "met"), ("2026-02-02", "2026-03-31", "open")]


# --- order_week_means: days_from_start (default) | programme_weeks -----------------------------------------------

ORDER_WEEK_5 = """
  - id: wok.yro.forums.consider
    title: Consider the forums by the end of week 5
    kind: process
    owner: case_worker
    source: {document: "002", section: "Week 4 - 5", quote: "Consideration must be given"}
    trigger: order.started{type=yro}
    due: {order_week: 5}
    met_by: record.entered{topic=forum_consideration}
"""


def test_a_yro_week_is_seven_days_from_the_start_or_a_programme_week():
    events = [{"type": "order.started", "at": "2026-01-07", "data": {"type": "yro"}}]
    # Default: week 5 is days 28-34 from Wed 7 Jan, due at the end of day 34: Tue 10 Feb.
    days = run([ORDER_WEEK_5], events, "2026-02-11", programme="yro")["wok.yro.forums.consider"]
    assert (days["due"], days["status"]) == ("2026-02-10", "overdue")
    # programme_weeks: week 1 = Mon 12-Sun 18 Jan (the week after the start's), week 5 = Mon 9-Sun 15 Feb; a
    # Mon-Fri worker's last working day of it is Fri 13 Feb: open on 11 Feb.
    weeks = run([ORDER_WEEK_5], events, "2026-02-11", programme="yro",
                options={"order_week_means": "programme_weeks"})["wok.yro.forums.consider"]
    assert (weeks["due"], weeks["status"]) == ("2026-02-13", "open")
    assert "option order_week_means: programme_weeks" in weeks["explanation"]
