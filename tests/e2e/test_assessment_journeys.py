"""Journeys through the assessment pages in a real browser. A case worker completes a Mini Asset (after a first try
with the summary missing) and submits it; they have no QA button; a manager opens the QA queue and returns it once
with comments, the worker changes and resubmits it, the manager QAs it, the worker finalises it, and What's due shows
the Mini Asset duties met. Then a worker completes an AssetPlus review rating RoSH High (a first try without the
reason is refused) and What's due shows the risk panel due; the team manager arranges the panel and records it held,
chaired by them, and What's due shows the duty met. axe-core checks every page."""
from __future__ import annotations

import pytest

from waypoint.assessments.models import Assessment, AssessmentTransition
from waypoint.cases.models import Event, Programme
from waypoint.obligations.models import Obligation

from tests.world import PASSWORD

from .obligations_world import PROGRAMME, open_case_for_new_child
from .pages import CasePage, SignInPage, WhatsDue
from .pages_assessments import AssessmentsSection, go_to_qa_queue
from .pages_meetings import MeetingsSection, settled_titles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORKER = "casey.caseworth"
MANAGER = "mina.managerton"
EVIDENCE = ("The specialist workers' initial screening", "Education", "MOSAIC checks")
MINI_ASSET_DUTIES = ("Complete the Mini Asset", "Line manager QA of the Mini Asset, and the case worker finalises it",
                     "Upload the final Mini Asset to IYSS multimedia")
YRO = "Youth Rehabilitation Order"
PANEL = "Hold a Risk Panel chaired by the TM (or ATM)"


def open_case(page, username: str, reference: str, programme: str) -> CasePage:
    return SignInPage.open(page).sign_in(username, PASSWORD).go_to_cases().search(reference).open_case(
        reference, programme)


def test_a_mini_asset_is_submitted_returned_resubmitted_qad_by_a_manager_and_finalised(obligations_world, page):
    world = obligations_world
    case = open_case(page, WORKER, world.case.reference, PROGRAMME)
    edit = AssessmentsSection(case).start_an_assessment().start("Mini Asset")
    edit.fill(completed=world.today, evidence=EVIDENCE)
    edit = edit.submit_expecting_errors()
    assert edit.error_messages() == ["Enter a summary of the assessment"]
    assert not Event.objects.filter(type="assessment.completed").exists()
    edit.fill(summary="Robin engaged well at both sessions; school reports good attendance.")
    case = edit.submit(PROGRAMME)
    assert case.success_message().strip().endswith("The Mini Asset is submitted for QA")
    assert [row[1] for row in AssessmentsSection(case).assessment_rows()] == ["Submitted for QA"]

    mine = AssessmentsSection(case).open_assessment("Mini Asset")
    assert "QA this assessment" not in mine.buttons()
    assert not mine.navigation().get_by_role("link", name="QA queue").count()  # managers only
    mine.sign_out()

    manager_case = open_case(page, MANAGER, world.case.reference, PROGRAMME)
    queue = go_to_qa_queue(manager_case)
    assert [row[2] for row in queue.rows()] == [f"{world.child_name}, {world.case.reference}"]
    queue = queue.open("Mini Asset", world.child_name).return_to_author("Add what the police check found.")
    assert "returned to Casey Caseworth" in queue.success_message()
    assert queue.rows() == []
    queue.sign_out()

    case = open_case(page, WORKER, world.case.reference, PROGRAMME)
    returned = AssessmentsSection(case).open_assessment("Mini Asset")
    assert returned.status() == "Returned with comments"
    edit = returned.change_and_submit()
    assert "Add what the police check found." in edit.returned_comments()
    edit.fill(summary="Robin engaged well; the police check raised no concerns.")
    edit.submit(PROGRAMME).sign_out()

    queue = go_to_qa_queue(SignInPage.open(page).sign_in(MANAGER, PASSWORD))
    queue = queue.open("Mini Asset", world.child_name).complete("Clear, and the evidence is recorded.")
    assert queue.rows() == []
    queue.sign_out()

    case = open_case(page, WORKER, world.case.reference, PROGRAMME)
    case = AssessmentsSection(case).open_assessment("Mini Asset").finalise(PROGRAMME)
    assert "The Mini Asset is finalised" in case.success_message()
    assert [row[1] for row in AssessmentsSection(case).assessment_rows()] == ["Finalised"]
    settled = {row[1].strip().splitlines()[0]: row[0].strip() for row in WhatsDue(case).settled_rows()}
    for title in MINI_ASSET_DUTIES:
        assert settled.get(title) == "Met", (title, settled)
    assessment = Assessment.objects.get()
    assert list(AssessmentTransition.objects.filter(assessment=assessment).order_by("at", "id")
                .values_list("status", flat=True)) == ["draft", "submitted", "returned", "submitted",
                                                       "qa_completed", "finalised"]
    assert Event.objects.filter(type="assessment.completed").count() == 1


def test_an_assetplus_review_rating_rosh_high_calls_for_the_risk_panel(obligations_world, page):
    world = obligations_world
    yro = open_case_for_new_child(world, Programme.YRO, reference="WP-97002", given_name="Sam",
                                  family_name="Inventedly")
    case = open_case(page, WORKER, yro.reference, YRO)
    edit = AssessmentsSection(case).start_an_assessment().start("AssetPlus review")
    document = ("assetplus-review.pdf", b"%PDF-1.4 synthetic AssetPlus review")
    edit.fill(completed=world.today, summary="Threats to a peer since sentence.", document=document,
              ratings={"Risk of serious harm (RoSH)": ("High", "")})
    edit = edit.submit_expecting_errors()
    assert edit.error_messages() == ["Enter the reason for this rating"]
    assert not Event.objects.filter(type__in=["risk.level-assessed", "assessment.completed"]).exists()

    edit.fill(document=document, ratings={"Risk of serious harm (RoSH)": ("High", "Threatened a peer with a knife.")})
    case = edit.submit(YRO)
    assert "The AssetPlus review is submitted for QA" in case.success_message()
    assert AssessmentsSection(case).current_rating("Risk of serious harm (RoSH)") == "High"
    due = WhatsDue(case)
    titles = due.titles("Due") if "Due" in " ".join(due.section_headings()) else []
    assert PANEL in titles

    # The team manager arranges the panel for today and records it held, chaired by them: the duty is met.
    case.sign_out()
    case = open_case(page, MANAGER, yro.reference, YRO)
    meeting = MeetingsSection(case).arrange("Arrange a risk panel").arrange(
        "Risk panel", on=world.today, time="12:01am", invitees=("Line manager",))
    meeting = meeting.record_held().record(
        "Risk panel", on=world.today, chair="Team manager",
        attendees=("Team manager", "The case's worker (case manager or case worker)"))
    case = meeting.back_to_case(YRO)
    assert settled_titles(WhatsDue(case).settled_rows())[PANEL] == "Met"
    assert Obligation.objects.get(case=yro, rule="wok.yro.risk.risk-panel-5wd").status == Obligation.Status.MET
