"""Meetings through their services: a Nottinghamshire RoSH/SaW review CMM from arranging to its minutes (the views,
CAPITA actions and minutes duties met), actions tracked beside the obligations, a CSC meeting standing in for the CMM,
a Wokingham risk panel and review plan meeting, and an exit interview through to the case's closure; bad input refused
with nothing saved."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.assessments.services import rating_set
from waypoint.cases import services as cases
from waypoint.cases.models import Case, ClosureReason, Event
from waypoint.core.models import frozen_clock
from waypoint.meetings import services as s
from waypoint.meetings.models import ActionDone, CmmRecord, ExitFeedback, Meeting, MeetingAction, MeetingHeld
from waypoint.meetings.selectors import actions_for_owner, cmm_prefill, feedback_summary
from waypoint.obligations.models import CasePolicy, Obligation
from waypoint.obligations.selectors import case_due, my_work

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.timezone.utc)
RECORD = dict(capita_number="CAP-20417", reason="RoSH and SaW review", intervention_plan_progress="On track",
              new_incidents="None", diversity="No needs identified", other_agencies="School: attending",
              child_parent_views="Both feel risk has reduced", agreed_rosh="medium", agreed_saw="medium",
              agreed_lor="low", protective_factors="Supportive grandmother")


def duty(case, rule) -> Obligation:
    return Obligation.objects.filter(case=case, rule=rule).latest("trigger_at")


def events(case, type_):
    return [e.data for e in Event.objects.filter(case=case, type=type_).order_by("occurred_at", "id")]


def held_cmm(case, cm, tm):
    meeting = s.meeting_arrange(case=case, type="cmm", purpose="rosh_saw_review", starts_at=at(24, 14), actor=cm,
                                invitees=["child", "parent_carer"])
    s.meeting_views_record(meeting=meeting, child_views="Feels safer at home", parent_views="Worried about peers",
                           actor=cm)
    with frozen_clock(LATER):
        s.meeting_hold(meeting=meeting, on=TODAY, attendees=["child", "parent_carer", "worker", "tm"], actor=cm,
                       apologies="School nurse", chair="tm")
    return meeting


def test_a_cmm_is_arranged_with_its_purpose_and_the_views_before_it_meet_the_views_duty(notts_case, cm, tm):
    rating_set(case=notts_case, dimension="rosh", level="medium", reason="Peer group", on=TODAY, actor=cm)
    meeting = s.meeting_arrange(case=notts_case, type="cmm", purpose="rosh_saw_review", starts_at=at(24, 14),
                                actor=cm, invitees=["child", "parent_carer"], place="County Hall")
    assert events(notts_case, "meeting.scheduled")[-1] == {
        "type": "cmm", "purpose": "rosh_saw_review", "starts_at": "2026-11-24T14:00",
        "invitees": ["child", "parent_carer"]}
    assert duty(notts_case, "notts.cmm.views.rosh-saw").status == Obligation.Status.OPEN
    s.meeting_views_record(meeting=meeting, child_views="Feels safer", parent_views="Worried", actor=cm)
    assert events(notts_case, "contact.made")[-1]["topic"] == "views_on_risk"
    assert duty(notts_case, "notts.cmm.views.rosh-saw").status == Obligation.Status.MET
    assert "Child: Feels safer" in cmm_prefill(meeting=meeting).views_text


def test_holding_a_cmm_starts_the_actions_and_minutes_duties_which_its_actions_and_record_meet(notts_case, cm, tm):
    rating_set(case=notts_case, dimension="rosh", level="medium", reason="Peer group", on=TODAY, actor=cm)
    meeting = held_cmm(notts_case, cm, tm)
    held = events(notts_case, "meeting.held")[-1]
    assert held == {"type": "cmm", "purpose": "rosh_saw_review", "attendees": ["child", "parent_carer", "cm", "tm"],
                    "chair": "tm"}
    assert duty(notts_case, "notts.cmm.actions-48h").status == Obligation.Status.OPEN
    assert duty(notts_case, "notts.cmm.minutes-5wd").status == Obligation.Status.OPEN
    with frozen_clock(LATER):
        s.meeting_action_add(meeting=meeting, description="Refer to the mentoring scheme", owner=cm,
                             due=dt.date(2026, 12, 4), actor=cm)
        assert duty(notts_case, "notts.cmm.actions-48h").status == Obligation.Status.MET
        s.cmm_record_complete(meeting=meeting, actor=tm, **RECORD)
    assert duty(notts_case, "notts.cmm.minutes-5wd").status == Obligation.Status.MET
    record = CmmRecord.objects.get(meeting=meeting)
    assert record.rosh == "medium"
    completed = events(notts_case, "document.completed")[-1]
    assert completed["type"] == "cmm_record" and "agreed_actions" in completed["fields"]
    # Only RoSH is rated and no next meeting is set: the template check names the headings left empty.
    policy = CasePolicy.objects.get(case=notts_case)
    messages = [v["message"] for v in policy.violations if v["rule"] == "notts.cmm.record-template"]
    assert len(messages) == 1 and messages[0].endswith("lacks saw, lor, next meeting (the guidance's template).")


def test_the_record_is_prefilled_with_the_ratings_plan_and_incidents_since_the_last_cmm(notts_case, cm, tm):
    rating_set(case=notts_case, dimension="saw", level="high", reason="Missing episodes", on=TODAY, actor=cm)
    cases.event_record(type="record.entered", occurred_at=at(20, 9), actor=cm, case=notts_case,
                       data={"kind": "serious_incident", "system": "iyss", "notes": "Assault at school"})
    meeting = s.meeting_arrange(case=notts_case, type="cmm", purpose="significant_event", starts_at=at(24, 9),
                                actor=cm)
    prefill = cmm_prefill(meeting=meeting)
    assert prefill.ratings["saw"].level == "high"
    assert prefill.plan_text == "No intervention plan recorded"
    assert prefill.incidents == ["20 November 2026: serious incident recorded: Assault at school"]
    assert prefill.initial["agreed_saw"] == "high"


def test_actions_show_in_whats_due_and_the_owners_my_work_until_marked_done(notts_case, cm, tm):
    meeting = held_cmm(notts_case, cm, tm)
    with frozen_clock(LATER):
        first = s.meeting_action_add(meeting=meeting, description="Book the CAMHS appointment", owner=cm,
                                     due=dt.date(2026, 11, 30), actor=cm)
        s.meeting_action_add(meeting=meeting, description="Speak to the school", owner=tm, due=dt.date(2026, 12, 1),
                             actor=cm)
    assert [a.description for a in case_due(case=notts_case, today=TODAY).actions] == [
        "Book the CAMHS appointment", "Speak to the school"]
    assert [a.description for a in actions_for_owner(staff=cm)] == ["Book the CAMHS appointment"]
    assert first.is_overdue(dt.date(2026, 12, 1))
    with pytest.raises(PermissionDenied):
        s.meeting_action_done(action=first, actor=_other(cm))
    s.meeting_action_done(action=first, actor=cm)
    assert actions_for_owner(staff=cm) == []
    assert [a.description for a in case_due(case=notts_case, today=TODAY).actions] == ["Speak to the school"]
    with pytest.raises(ValidationError) as error:
        s.meeting_action_done(action=first, actor=cm)
    assert error.value.message_dict == {"action": [s.ACTION_ALREADY_DONE]}
    assert ActionDone.objects.count() == 1


def _other(cm):
    from waypoint.workforce.tests.factories import StaffMemberFactory

    return StaffMemberFactory(service=cm.service, team=cm.team, given_name="Ola", family_name="Other")


def test_an_action_without_an_owner_or_a_due_date_is_refused_and_nothing_is_saved(notts_case, cm, tm):
    meeting = held_cmm(notts_case, cm, tm)
    before = Event.objects.count()
    with pytest.raises(ValidationError) as error:
        s.meeting_action_add(meeting=meeting, description="Call the school", owner=None, due=None, actor=cm)
    assert error.value.message_dict == {"owner": [s.ACTION_OWNER_MISSING], "due": [s.ACTION_DUE_MISSING]}
    with pytest.raises(ValidationError) as error:
        s.meeting_action_add(meeting=meeting, description="", owner=cm, due=dt.date(2026, 11, 1), actor=cm)
    assert error.value.message_dict == {"description": [s.ACTION_DESCRIPTION_MISSING],
                                        "due": [s.ACTION_DUE_BEFORE_MEETING]}
    assert MeetingAction.objects.count() == 0 and Event.objects.count() == before


def test_a_meeting_dated_before_the_case_began_is_refused_and_nothing_is_saved(notts_case, cm):
    before = Event.objects.count()
    with pytest.raises(ValidationError) as error:
        s.meeting_arrange(case=notts_case, type="cmm", purpose="rosh_saw_review", starts_at=at(29, 10, month=10),
                          actor=cm)
    assert error.value.message_dict == {"starts_at": [s.MEETING_BEFORE_CASE]}
    with pytest.raises(ValidationError) as error:
        s.meeting_arrange(case=notts_case, type="cmm", purpose="", starts_at=None, actor=cm)
    assert error.value.message_dict == {"purpose": [s.MEETING_PURPOSE_MISSING], "starts_at": [s.MEETING_START_MISSING]}
    with pytest.raises(ValidationError) as error:
        s.meeting_arrange(case=notts_case, type="cmm", purpose="compliance", starts_at=at(25), actor=cm)
    assert error.value.message_dict == {"purpose": [s.MEETING_COMPLIANCE_ELSEWHERE]}
    assert Meeting.objects.count() == 0 and Event.objects.count() == before


def test_a_meeting_cannot_be_held_in_the_future_or_twice(notts_case, cm, tm):
    meeting = s.meeting_arrange(case=notts_case, type="cmm", purpose="iss_review", starts_at=at(23, 10), actor=cm)
    with pytest.raises(ValidationError) as error:
        s.meeting_hold(meeting=meeting, on=dt.date(2026, 11, 25), attendees=[], actor=cm)
    assert error.value.message_dict == {"on": [s.MEETING_HELD_IN_FUTURE], "attendees": [s.MEETING_ATTENDEES_MISSING]}
    s.meeting_hold(meeting=meeting, on=dt.date(2026, 11, 23), attendees=["worker"], actor=cm)
    with pytest.raises(ValidationError) as error:
        s.meeting_hold(meeting=meeting, on=TODAY, attendees=["worker"], actor=cm)
    assert error.value.message_dict == {"meeting": [s.MEETING_ALREADY_HELD]}
    assert MeetingHeld.objects.count() == 1


def test_a_csc_meeting_held_stands_in_for_the_rosh_saw_review(notts_case, cm, tm):
    rating_set(case=notts_case, dimension="rosh", level="medium", reason="Peer group", on=dt.date(2026, 11, 2),
               actor=cm)
    meeting = s.meeting_arrange(case=notts_case, type="csc_mam", starts_at=at(24, 14), actor=cm)
    with frozen_clock(LATER):
        s.meeting_hold(meeting=meeting, on=TODAY, attendees=["child", "parent_carer", "worker", "tm"], actor=cm)
    assert events(notts_case, "meeting.held")[-1]["type"] == "csc_mam"
    review = Obligation.objects.filter(case=notts_case, rule="notts.cmm.rosh-saw.11-weekly").order_by("trigger_at")
    assert review.first().status == Obligation.Status.MET
    assert duty(notts_case, "notts.cmm.csc-rosh.tm-attends").status == Obligation.Status.MET
    with frozen_clock(LATER):
        s.cmm_record_complete(meeting=meeting, actor=tm, **RECORD)
    assert duty(notts_case, "notts.cmm.csc-rosh.record").status == Obligation.Status.MET


def test_a_risk_panel_chaired_by_the_tm_meets_the_panel_duty_of_a_high_rating(yro_case, full_timer, pyjs_manager):
    rating_set(case=yro_case, dimension="rosh", level="high", reason="Weapon offence", on=dt.date(2026, 11, 20),
               actor=full_timer)
    cases.event_record(type="assessment.completed", occurred_at=at(20, 12), actor=full_timer, case=yro_case,
                       data={"type": "assetplus"})
    assert duty(yro_case, "wok.yro.risk.risk-panel-5wd").status == Obligation.Status.OPEN
    panel = s.meeting_arrange(case=yro_case, type="risk_panel", starts_at=at(23, 11), actor=full_timer)
    with pytest.raises(ValidationError) as error:
        s.meeting_hold(meeting=panel, on=dt.date(2026, 11, 23), attendees=["worker", "tm"], actor=full_timer)
    assert error.value.message_dict == {"chair": [s.MEETING_CHAIR_MISSING]}
    s.meeting_hold(meeting=panel, on=dt.date(2026, 11, 23), attendees=["worker", "tm"], chair="tm",
                   actor=full_timer)
    assert events(yro_case, "meeting.held")[-1] == {"type": "risk_panel", "attendees": ["case_worker", "tm"],
                                                     "chair": "tm"}
    assert duty(yro_case, "wok.yro.risk.risk-panel-5wd").status == Obligation.Status.MET


def test_a_review_plan_meeting_records_its_invitees_and_attendees(yro_case, full_timer):
    meeting = s.meeting_arrange(case=yro_case, type="review_plan", starts_at=at(23, 11), actor=full_timer,
                                invitees=["child", "parent_carer", "line_manager"])
    s.meeting_hold(meeting=meeting, on=dt.date(2026, 11, 23), attendees=["child", "parent_carer", "worker"],
                   actor=full_timer)
    assert events(yro_case, "meeting.scheduled")[-1]["invitees"] == ["child", "parent_carer", "line_manager"]
    assert events(yro_case, "meeting.held")[-1] == {"type": "review_plan",
                                                     "attendees": ["child", "parent_carer", "case_worker"]}
    assert duty(yro_case, "wok.yro.review-meeting.outcomes").status == Obligation.Status.OPEN


def exit_interview_run(case, worker, manager):
    """Book the exit interview for today 14:00, write and submit the closure document, QA it, hold the interview with
    feedback and give the document."""
    meeting = s.meeting_arrange(case=case, type="exit_interview", starts_at=at(24, 14), actor=worker,
                                invitees=["child", "parent_carer", "line_manager"])
    document = s.closure_document_write(meeting=meeting, work_done="Twelve supervision sessions",
                                        achievements="Back in college full time", exit_plan="Youth club on Fridays",
                                        actor=worker)
    s.closure_document_submit(document=document, actor=worker)
    with pytest.raises(PermissionDenied):
        s.closure_document_qa(document=document, actor=worker)
    s.closure_document_qa(document=document, actor=manager, note="Clear and complete")
    with frozen_clock(LATER):
        s.meeting_hold(meeting=meeting, on=TODAY, attendees=["child", "parent_carer", "worker"], actor=worker,
                       conducted_by_manager=True, child_rating=4, child_comments="Helped me a lot",
                       parent_rating=5, parent_comments="Thank you")
        s.closure_document_give(document=document, to=["child", "parent_carer"], actor=worker)
    return meeting


def test_an_exit_interview_runs_through_its_closure_document_duties_and_lets_the_order_close(
        yro_case, full_timer, pyjs_manager):
    meeting = exit_interview_run(yro_case, full_timer, pyjs_manager)
    assert events(yro_case, "document.submitted")[-1] == {"type": "closure_document", "to": "manager"}
    assert events(yro_case, "document.given")[-1] == {"type": "closure_document", "to": ["child", "parent_carer"]}
    assert events(yro_case, "meeting.held")[-1]["conducted_by"] == "manager"
    for rule in ("wok.yro.exit.closure-document-2d", "wok.yro.exit.closure-document-qa",
                 "wok.yro.exit.closure-document-handed", "wok.yro.exit.manager-conducts"):
        assert duty(yro_case, rule).status in (Obligation.Status.MET, Obligation.Status.MET_LATE), rule
    with frozen_clock(LATER):
        cases.case_request_closure(case=yro_case, reason=ClosureReason.ORDER_COMPLETED,
                                   steps_taken="Exit interview held", actor=full_timer)
        cases.closure_agree(case=yro_case, actor=pyjs_manager)
        cases.case_close(case=yro_case, reason=ClosureReason.ORDER_COMPLETED, actor=pyjs_manager, on=TODAY)
    assert Case.objects.get(pk=yro_case.pk).status == Case.Status.CLOSED
    meeting.case.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        s.meeting_action_add(meeting=meeting, description="Call", owner=full_timer, due=TODAY, actor=full_timer)
    assert error.value.message_dict == {"case": [s.MEETING_CASE_CLOSED]}


def test_exit_interview_feedback_is_required_from_the_child_and_summarised_for_the_board(
        yro_case, cr_case, full_timer, pyjs_manager):
    meeting = s.meeting_arrange(case=cr_case, type="exit_interview", starts_at=at(23, 10), actor=full_timer)
    with pytest.raises(ValidationError) as error:
        s.meeting_hold(meeting=meeting, on=dt.date(2026, 11, 23), attendees=["child"], actor=full_timer,
                       parent_rating=7)
    assert error.value.message_dict == {"child_rating": [s.FEEDBACK_CHILD_RATING_MISSING],
                                        "parent_rating": [s.FEEDBACK_RATING_INVALID]}
    assert ExitFeedback.objects.count() == 0
    s.meeting_hold(meeting=meeting, on=dt.date(2026, 11, 23), attendees=["child"], actor=full_timer, child_rating=2,
                   child_comments="Too many appointments")
    exit_interview_run(yro_case, full_timer, pyjs_manager)
    summary = feedback_summary(service=yro_case.service)
    assert (summary.count, summary.child_average, summary.parent_average) == (2, 3.0, 5.0)
    assert summary.child_counts == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
    assert [f.child_comments for f in summary.recent] == ["Helped me a lot", "Too many appointments"]


def test_the_closure_document_is_given_only_after_qa_and_the_interview(yro_case, full_timer, pyjs_manager):
    meeting = s.meeting_arrange(case=yro_case, type="exit_interview", starts_at=at(26, 14), actor=full_timer)
    document = s.closure_document_write(meeting=meeting, work_done="Sessions", achievements="College",
                                        exit_plan="Youth club", actor=full_timer)
    with pytest.raises(ValidationError) as error:
        s.closure_document_give(document=document, to=["child"], actor=full_timer)
    assert error.value.message_dict == {"document": [s.CLOSURE_QA_NOT_DONE]}
    with pytest.raises(ValidationError) as error:
        s.closure_document_qa(document=document, actor=pyjs_manager)
    assert error.value.message_dict == {"document": [s.CLOSURE_NOT_SUBMITTED]}
    with pytest.raises(ValidationError) as error:
        s.closure_document_write(meeting=meeting, work_done="", achievements="", exit_plan="", actor=full_timer)
    assert "meeting" in error.value.message_dict


def test_a_manager_cannot_qa_a_closure_document_they_wrote(yro_case, full_timer, pyjs_manager):
    meeting = s.meeting_arrange(case=yro_case, type="exit_interview", starts_at=at(26, 14), actor=full_timer)
    document = s.closure_document_write(meeting=meeting, work_done="Sessions", achievements="College",
                                        exit_plan="Youth club", actor=pyjs_manager)
    s.closure_document_submit(document=document, actor=pyjs_manager)
    qa_events = Event.objects.filter(type="document.qa-completed").count()
    with pytest.raises(ValidationError) as error:
        s.closure_document_qa(document=document, actor=pyjs_manager)
    assert error.value.message_dict == {"document": [s.CLOSURE_QA_OWN_DOCUMENT]}
    assert Event.objects.filter(type="document.qa-completed").count() == qa_events


def test_my_work_obligations_are_unchanged_by_actions(notts_case, cm, tm):
    meeting = held_cmm(notts_case, cm, tm)
    before = list(my_work(staff=cm, today=TODAY).values_list("rule", flat=True))
    with frozen_clock(LATER):
        s.meeting_action_add(meeting=meeting, description="Call", owner=cm, due=dt.date(2026, 12, 1), actor=cm)
    after = list(my_work(staff=cm, today=TODAY).values_list("rule", flat=True))
    assert "notts.cmm.actions-48h" in before and "notts.cmm.actions-48h" not in after
