"""A worker's leave and absences are part of the history of the cases they hold, and the review dates agreed for a
plan or an AssetPlus are the facts the Nottinghamshire leave rules read (policy 004, section 7).

A Nottinghamshire-like service (Mon-Fri), the fixed clock (Tue 24 Nov 2026), a YRO held by the case manager Cal
since Fri 30 Oct 2026."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from waypoint.assessments import services as assessments
from waypoint.cases.models import Allocation
from waypoint.cases.services import case_allocate
from waypoint.compliance_reports.tests.conftest import cm, notts, notts_team, tm, yro_in  # noqa: F401
from waypoint.obligations.inputs import (
    case_input,
    current_allocations,
    lead_staff_events,
    load_case_for_engine,
    pack_reads,
)
from waypoint.obligations.models import Obligation
from waypoint.plans import services as plans
from waypoint.policy.checks_notts_alloc import _absence_end
from waypoint.policy.events import Event as EngineEvent
from waypoint.plans.selectors import plan_progress
from waypoint.workforce import services as s
from waypoint.workforce.services import absence_end, absence_record
from waypoint.workforce.tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db

LEAVE = (dt.date(2026, 12, 21), dt.date(2026, 12, 31))
TARGETS = [{"area": "Education", "action": "Attend college every weekday", "who": "Jordan", "by_when": None}]


def obligations(case, rule):
    return list(Obligation.objects.filter(case=case, rule=rule).order_by("trigger_at", "id")
                .values_list("status", "due"))


def book_leave(worker, actor):
    return absence_record(staff=worker, kind="planned", starts_on=LEAVE[0], ends_on=LEAVE[1], actor=actor)


def test_planned_leave_brings_the_cover_duties_to_each_case_the_worker_holds(yro_in, cm, tm, notts, notts_team):
    case, other = yro_in(), yro_in(given_name="Riley")
    colleague = StaffMemberFactory(service=notts, team=notts_team, line_manager=tm)
    case_allocate(case=other, staff=colleague, role=Allocation.Role.CM, rationale="Balancing caseloads.",
                  actor=tm, on=dt.date(2026, 11, 20))
    assert obligations(case, "notts.leave.planned.cover") == []
    book_leave(cm, tm)
    # Due by the end of the day before the leave starts (Sun 20 Dec: the rule counts calendar days).
    assert obligations(case, "notts.leave.planned.cover") == [("open", dt.date(2026, 12, 20))]
    assert obligations(case, "notts.leave.planned.capita-entry") == [("open", dt.date(2026, 12, 20))]
    # Cal handed the other case to a colleague on 20 Nov: leave booked and taken after that is not in its history.
    assert obligations(other, "notts.leave.planned.cover") == []


def test_a_plan_due_for_review_during_the_leave_is_to_be_updated_before_it(yro_in, cm, tm):
    case = yro_in()
    book_leave(cm, tm)
    assert obligations(case, "notts.leave.planned.expiring") == []
    plan = plans.plan_write(case=case, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 20),
                            targets=TARGETS, actor=cm, review_on=dt.date(2026, 12, 23))
    assert case_input(case, current_allocations(case)).facts["plan_review_date"] == "2026-12-23"
    assert obligations(case, "notts.leave.planned.expiring") == [("open", dt.date(2026, 12, 20))]
    assert plan_progress(case=case).review_on == dt.date(2026, 12, 23)
    # Another case's plan, reviewed twice (so that no row's id matches the case's by chance).
    other = yro_in(given_name="Riley")
    other_plan = plans.plan_write(case=other, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 2),
                                  targets=TARGETS, actor=cm, review_on=dt.date(2026, 11, 16))
    for reviewed_on, next_on in ((dt.date(2026, 11, 16), dt.date(2026, 12, 1)), (dt.date(2026, 11, 23), None)):
        plans.plan_review(plan=other_plan, reviewed_on=reviewed_on, added=[], actor=cm, next_review_on=next_on,
                          statuses={other_plan.targets.get().pk: "pending"})
    # Reviewed before the leave, with the next review after it: no review falls in the leave, so nothing is due.
    plans.plan_review(plan=plan, reviewed_on=dt.date(2026, 11, 24), statuses={plan.targets.get().pk: "pending"},
                      added=[], actor=cm, next_review_on=dt.date(2027, 2, 24))
    assert case_input(case, current_allocations(case)).facts["plan_review_date"] == "2027-02-24"
    # The other case's date is the one its latest review that set one agreed.
    assert case_input(other, current_allocations(other)).facts["plan_review_date"] == "2026-12-01"
    assert case_input(load_case_for_engine(other.pk), []).facts["plan_review_date"] == "2026-12-01"
    assert obligations(case, "notts.leave.planned.expiring") == []
    assert plan_progress(case=case).review_on == dt.date(2027, 2, 24)


def test_a_review_date_not_after_the_plan_or_the_review_is_refused_and_nothing_is_saved(yro_in, cm):
    case = yro_in()
    with pytest.raises(ValidationError) as raised:
        plans.plan_write(case=case, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 20),
                         targets=TARGETS, actor=cm, review_on=dt.date(2026, 11, 20))
    assert raised.value.message_dict == {"review_on": [plans.PLAN_REVIEW_NOT_AFTER]}
    assert not case.plans.exists()
    plan = plans.plan_write(case=case, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 20),
                            targets=TARGETS, actor=cm)
    with pytest.raises(ValidationError) as raised:
        plans.plan_review(plan=plan, reviewed_on=dt.date(2026, 11, 24), statuses={plan.targets.get().pk: "pending"},
                          added=[], actor=cm, next_review_on=dt.date(2026, 11, 23))
    assert raised.value.message_dict == {"next_review_on": [plans.REVIEW_NEXT_NOT_AFTER]}
    assert not plan.reviews.exists()
    assert "plan_review_date" not in case_input(case, current_allocations(case)).facts


def test_an_assetplus_review_date_is_a_fact_once_submitted_and_a_changed_date_alone_is_worked_out_again(
        yro_in, cm, tm, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = yro_in()
    book_leave(cm, tm)
    assessment = assessments.assessment_start(case=case, kind="assetplus", actor=cm)
    assessments.assessment_save_draft(assessment=assessment, actor=cm, assessed_on=dt.date(2026, 11, 23),
                                      summary="Draft.", review_on=dt.date(2026, 12, 28))
    assert "assessment_review_date" not in case_input(case, current_allocations(case)).facts  # a draft only
    document = SimpleUploadedFile("assetplus.pdf", b"%PDF-1.4 synthetic", content_type="application/pdf")
    assessment = assessments.assessment_submit(assessment=assessment, actor=cm, assessed_on=dt.date(2026, 11, 23),
                                               summary="Full AssetPlus.", document=document,
                                               review_on=dt.date(2026, 12, 28))
    assert case_input(case, current_allocations(case)).facts["assessment_review_date"] == "2026-12-28"
    assert obligations(case, "notts.leave.planned.expiring") == [("open", dt.date(2026, 12, 20))]
    # Returned, and resubmitted with only the review date moved after the leave: no event changes, yet the duty
    # is worked out again from the new date.
    assessments.assessment_return(assessment=assessment, actor=tm, comments="Set the review after the leave.")
    # A draft saved after the return changes nothing the rules read until it is submitted.
    assessments.assessment_save_draft(assessment=assessment, actor=cm, assessed_on=dt.date(2026, 11, 23),
                                      summary="Full AssetPlus.", review_on=dt.date(2027, 2, 22))
    assert case_input(case, current_allocations(case)).facts["assessment_review_date"] == "2026-12-28"
    assessments.assessment_submit(assessment=assessment, actor=cm, assessed_on=dt.date(2026, 11, 23),
                                  summary="Full AssetPlus.", review_on=dt.date(2027, 2, 22))
    assert case_input(case, current_allocations(case)).facts["assessment_review_date"] == "2027-02-22"
    assert obligations(case, "notts.leave.planned.expiring") == []
    with pytest.raises(ValidationError) as raised:
        assessments.assessment_save_draft(assessment=assessments.assessment_start(case=case, kind="assetplus_review",
                                                                                  actor=cm),
                                          actor=cm, assessed_on=dt.date(2026, 11, 24), review_on=dt.date(2026, 11, 24))
    assert raised.value.message_dict == {"review_on": [assessments.ASSESSMENT_REVIEW_NOT_AFTER]}


def test_an_unplanned_absence_stays_in_the_history_of_the_case_it_began_on_after_a_reallocation(
        yro_in, cm, tm, notts, notts_team):
    case = yro_in()
    absence = absence_record(staff=cm, kind="unplanned", starts_on=dt.date(2026, 11, 16), actor=tm)
    # Days 0-6 of the absence: the manager reviews the worker's cases by Sun 22 Nov, now past (open, and so overdue).
    assert obligations(case, "notts.leave.unplanned.first-week") == [("open", dt.date(2026, 11, 22))]
    cover = StaffMemberFactory(service=notts, team=notts_team, line_manager=tm)
    case_allocate(case=case, staff=cover, role=Allocation.Role.CM, rationale="Cover during Cal's absence.",
                  actor=tm, on=dt.date(2026, 11, 23))
    absence_end(absence=absence, ends_on=dt.date(2026, 11, 24), actor=tm)
    events = lead_staff_events(case)
    assert [(event.type, event.get("worker")) for event in events] == [
        ("staff.absence-started", str(cm.pk)), ("staff.absence-ended", str(cm.pk))]
    # The return came after the review was due, so the duty stands.
    assert obligations(case, "notts.leave.unplanned.first-week") == [("open", dt.date(2026, 11, 22))]
    # The cover worker's own later leave is in the case's history; Cal's is not.
    book_leave(cm, tm)
    book_leave(cover, tm)
    assert [event.type for event in lead_staff_events(case)] == ["staff.absence-started", "staff.absence-ended",
                                                                  "staff.leave-planned"]


def test_only_a_case_whose_packs_name_them_reads_the_staff_events_and_review_dates(yro_in, cm, tm, open_cr_case,
                                                                                   full_timer, pyjs_manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from waypoint.obligations.services import case_obligations_recompute

    assert pack_reads(["trigger: staff.leave-planned", "the fact plan_review_date"]) == {
        "staff.leave-planned", "plan_review_date"}
    assert pack_reads(["check: notts_absent_worker_allocation"]) == {
        "staff.leave-planned", "staff.absence-started", "staff.absence-ended"}
    assert pack_reads(["rules: []"]) == frozenset()
    s.absence_record(staff=full_timer, kind="planned", starts_on=LEAVE[0], ends_on=LEAVE[1], actor=pyjs_manager)
    book_leave(cm, tm)
    wokingham, notts_case = open_cr_case(full_timer), yro_in()
    for case, reads in ((wokingham, False), (notts_case, True)):
        with CaptureQueriesContext(connection) as queries:
            case_obligations_recompute(case=case)
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert ("plans_planreview" in sql and "assessments_assessmenttransition" in sql) is reads
        assert ("staff.leave-planned" in sql) is reads


def test_an_absence_going_on_when_the_case_is_allocated_is_in_its_history_and_a_return_is_the_workers_own(
        yro_in, cm, tm, notts, notts_team):
    case = yro_in()
    absent = StaffMemberFactory(service=notts, team=notts_team, line_manager=tm, given_name="Avery")
    s.absence_record(staff=absent, kind="unplanned", starts_on=dt.date(2026, 11, 9), actor=tm)
    case_allocate(case=case, staff=absent, role=Allocation.Role.CM, rationale="Continuity with the family.",
                  actor=tm, on=dt.date(2026, 11, 16))
    # Cal's own short absence and return while Avery held the case are not Avery's return.
    s.absence_record(staff=cm, kind="unplanned", starts_on=dt.date(2026, 11, 17), ends_on=dt.date(2026, 11, 18),
                     actor=tm)
    events = [(event.type, event.get("worker")) for event in lead_staff_events(case)]
    assert events == [("staff.absence-started", str(absent.pk))]
    # A return of another worker in the same history does not end Avery's absence.
    history = lead_staff_events(case) + [EngineEvent("x", "staff.absence-ended", dt.datetime(2026, 11, 18),
                                                     {"worker": str(cm.pk)})]
    context = SimpleNamespace(history=SimpleNamespace(
        of=lambda type_: [event for event in history if event.type == type_]))
    assert _absence_end(context, context.history.of("staff.absence-started")[0]) is None
    own = EngineEvent("y", "staff.absence-ended", dt.datetime(2026, 11, 20), {"worker": str(absent.pk)})
    history.append(own)
    assert _absence_end(context, context.history.of("staff.absence-started")[0]) is own


def test_every_check_reading_staff_events_or_review_dates_is_known_to_pack_reads():
    import inspect

    from waypoint.obligations.inputs import _READ_BY_CHECK
    from waypoint.policy import registry

    reading = set()
    for table in (registry.CHECKS, registry.TRIGGERS, registry.CONDITIONS):
        for name, function in table.items():
            if not function.__module__.startswith("waypoint.policy.checks"):
                continue  # a test's own predicate
            source = inspect.getsource(function)
            if any(token in source for token in ('history.of("staff.', "_absent_at(", "_review_dates(ctx)")):
                reading.add(name)
    assert reading and reading <= set(_READ_BY_CHECK)
