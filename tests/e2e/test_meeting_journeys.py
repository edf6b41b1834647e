"""The meeting journeys in a real browser, axe-core on every page: a Nottinghamshire case manager holds a RoSH/SaW
review CMM with actions (the record pre-filled with the ratings, attendees and apologies, two actions in What's due
and the owners' My work, one marked done, the minutes completed and their duty met); and a Wokingham YRO's exit
interview through to closure (booked, the closure document written, submitted and quality-assured by the manager,
the interview held with feedback, the document given, closure requested, agreed and the case closed).

The live server runs on the real clock, so the worlds are built relative to today."""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.assessments.services import rating_set
from waypoint.cases.models import Allocation, Case, Order, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.core.models import today
from waypoint.meetings.models import MeetingAction
from waypoint.obligations.models import Obligation
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.models import Service
from waypoint.workforce.tests.factories import TEST_PASSWORD, ServiceFactory, StaffMemberFactory, TeamFactory

from tests.world import PASSWORD

from .obligations_world import open_case_for_new_child
from .pages import CasePage, LadderCard, SignInPage, WhatsDue
from .pages_meetings import (
    MeetingsSection, case_actions, mark_done, my_work_actions, settled_titles,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

YRO = "Youth Rehabilitation Order"
CMM = "CMM: RoSH and SaW review"
EXIT = "Exit interview"


def _notts_world():
    service = ServiceFactory(name="Exampleshire County YJS", slug="exampleshire-county",
                             policy_set=Service.PolicySet.NOTTINGHAMSHIRE,
                             working_days_rule=Service.WorkingDaysRule.MON_FRI)
    team = TeamFactory(service=service, name="North locality")
    tm = StaffMemberFactory(service=service, team=team, team_manager=True, given_name="Tess", family_name="Manager",
                            user__username="tess.manager")
    cm = StaffMemberFactory(service=service, team=team, line_manager=tm, given_name="Cal", family_name="Casework",
                            user__username="cal.casework")
    child = ChildFactory(service=service, given_name="Jordan", family_name="Sampleton",
                         date_of_birth=dt.date(2010, 6, 9))
    started = today() - dt.timedelta(days=21)
    case = case_open(service=service, child=child, programme=Programme.YRO, started_on=started, actor=tm, team=team)
    case_allocate(case=case, staff=cm, role=Allocation.Role.CM, rationale="Capacity.", actor=tm, on=started)
    Order.objects.create(case=case, order_type=Order.OrderType.YRO, made_on=started, starts_on=started)
    rating_set(case=case, dimension="rosh", level="medium", reason="Peer group offending", on=started, actor=cm)
    rating_set(case=case, dimension="saw", level="high", reason="Missing episodes", on=started, actor=cm)
    return case, cm, tm


def test_a_case_manager_holds_a_cmm_with_actions_and_completes_the_minutes(live_server, page):
    case, cm, tm = _notts_world()
    day = today()
    SignInPage.open(page).sign_in("cal.casework", TEST_PASSWORD)
    page.goto(f"/cases/{case.pk}")
    arrange = MeetingsSection(CasePage(page, YRO)).arrange("Arrange a CMM")
    arrange.submit(on=day - dt.timedelta(days=30), time="10am", purpose="RoSH and SaW review")
    assert arrange.error_messages() == ["The date of the meeting must be the same as or after the date the case "
                                        "started"]
    meeting = arrange.arrange(CMM, on=day, time="12:01am", purpose="RoSH and SaW review",
                              invitees=("The child", "Parent or carer"))
    assert meeting.value("Risk of Serious Harm (RoSH)") == "Medium"
    assert meeting.value("Safety and Wellbeing (SaW)") == "High"
    assert meeting.value("Likelihood of Re-offending (LoR)") == "Not rated"

    meeting = meeting.record_held().record(CMM, on=day, attendees=("The child", "Parent or carer", "Team manager",
                                                                   "The case's worker (case manager or case worker)"),
                                           apologies="School nurse", chair="Team manager")
    assert meeting.value("Apologies") == "School nurse"

    action = meeting.add_action()
    action.submit("Refer to the mentoring scheme", None, None)
    assert action.error_messages() == ["Select who owns the action", "Enter the date the action is due"]
    meeting = action.add(CMM, "Refer to the mentoring scheme", "Cal Casework", day + dt.timedelta(days=7))
    meeting = meeting.add_action().add(CMM, "Ask the school for attendance figures", "Tess Manager",
                                       day + dt.timedelta(days=10))
    assert [row[1].splitlines()[0] for row in meeting.actions()] == [
        "Refer to the mentoring scheme", "Ask the school for attendance figures"]

    case_page = meeting.back_to_case(YRO)
    rows = case_actions(case_page)
    assert [(r[1].splitlines()[0], r[3]) for r in rows] == [("Refer to the mentoring scheme", "Cal Casework"),
                                                            ("Ask the school for attendance figures", "Tess Manager")]
    assert rows[0][0] == "Due"

    case_page.go_to_my_work()
    assert [r[1].splitlines()[0] for r in my_work_actions(page)] == ["Refer to the mentoring scheme"]
    meeting = mark_done(page, "Refer to the mentoring scheme").confirm(CMM)
    assert "The action is marked as done" in meeting.success_message()
    assert meeting.actions()[0][0] == "Done"
    meeting.go_to_my_work()
    assert "Refer to the mentoring scheme" not in page.get_by_role("main").inner_text()

    page.goto(f"/cases/{case.pk}")
    meeting = MeetingsSection(CasePage(page, YRO)).open_meeting(CMM)
    minutes = meeting.complete_minutes()
    assert minutes.from_case("RoSH in force") == "Medium"
    assert minutes.level("Agreed SaW") == "high"
    meeting = minutes.complete(CMM, capita="CAP-30118", texts={
        "Diversity": "No additional needs", "Information from other agencies": "School: attendance 82%",
        "The child's and parent or carer's views": "Both feel things are improving",
        "Protective factors": "Supportive grandmother",
    }, levels={"Agreed LoR": "Medium"})
    assert "The minutes are completed" in meeting.success_message()

    case_page = meeting.back_to_case(YRO)
    done = settled_titles(WhatsDue(case_page).settled_rows())
    assert done["Complete the CMM minutes on the CMM Record within five working days"] == "Met"
    assert done["Enter the CMM actions on CAPITA in an Event within 48 hours"] == "Met"
    assert Obligation.objects.get(case=case, rule="notts.cmm.minutes-5wd").status == Obligation.Status.MET
    assert MeetingAction.objects.filter(case=case, done_record__isnull=True).count() == 1


def test_an_exit_interview_runs_through_to_the_case_closing(obligations_world, page):
    world = obligations_world
    day = world.today
    case = open_case_for_new_child(world, Programme.YRO, reference="WP-97301", given_name="Jamie",
                                   family_name="Exitwood")
    SignInPage.open(page).sign_in("casey.caseworth", PASSWORD)
    page.goto(f"/cases/{case.pk}")
    meeting = MeetingsSection(CasePage(page, YRO)).arrange("Book the exit interview").arrange(
        EXIT, on=day, time="11:59pm", invitees=("The child", "Parent or carer", "Line manager"))
    meeting = meeting.write_closure_document().write(
        EXIT, "Twelve supervision sessions and victim awareness work", "Back in college full time",
        "Youth club on Fridays; the college counsellor")
    meeting = meeting.closure_step("Submit for quality assurance", "Submit the closure document for quality "
                                   "assurance").confirm(EXIT, "Submit for quality assurance")
    assert "submitted to a manager" in meeting.success_message()

    meeting.sign_out().sign_in("mina.managerton", PASSWORD)
    page.goto(f"/cases/{case.pk}")
    meeting = MeetingsSection(CasePage(page, YRO)).open_meeting(EXIT)
    meeting = meeting.closure_step("Quality-assure the closure document", "Quality-assure the closure document"
                                   ).confirm(EXIT, "Mark as quality-assured", note="Clear, and the plan is realistic")
    assert meeting.value("Quality-assured").endswith("by Mina Managerton")
    meeting = meeting.record_held().record(
        EXIT, on=day, attendees=("The child", "Parent or carer", "The case's worker (case manager or case worker)"),
        conducted_by_manager=True, child_rating="4", child_comments="Casey helped me get back to college",
        parent_rating="5", parent_comments="Thank you for the support")
    assert meeting.value("The child's rating") == "4 out of 5"
    meeting = meeting.closure_step("Record the closure document given", "Give the closure document").confirm(
        EXIT, "Record it given", to=("The child", "Parent or carer"))
    assert meeting.value("Given to the child and parent or carer") != "Not yet"

    sign_in = meeting.sign_out()
    sign_in.sign_in("casey.caseworth", PASSWORD)
    page.goto(f"/cases/{case.pk}")
    ladder = LadderCard(CasePage(page, YRO), "Youth Rehabilitation Order compliance ladder")
    case_page = ladder.request_closure().request("Order completed", "Order completed; exit interview held.", YRO)
    assert "Closure is requested" in case_page.success_message()

    case_page.sign_out().sign_in("mina.managerton", PASSWORD)
    page.goto(f"/cases/{case.pk}")
    ladder = LadderCard(CasePage(page, YRO), "Youth Rehabilitation Order compliance ladder")
    case_page = ladder.agree_or_return().agree(YRO)
    case_page = LadderCard(case_page, "Youth Rehabilitation Order compliance ladder").close_the_case().close(day, YRO)
    assert f"{case.reference} is closed" in case_page.success_message()
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    for rule in ("wok.yro.exit.closure-document-qa", "wok.yro.exit.closure-document-handed",
                 "wok.yro.exit.manager-conducts", "wok.yro.exit.close-on-iyss"):
        assert Obligation.objects.get(case=case, rule=rule).status in (Obligation.Status.MET,
                                                                       Obligation.Status.MET_LATE), rule
