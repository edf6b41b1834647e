"""Journeys through the plan pages in a real browser: a case worker co-produces a YRO intervention plan with the
child (after a first try with a target that has no owner), records the child's and the parent/carer's signatures,
then later reviews it, leaving one target completed, one pending and adding one; the case page shows the outcome and
the review duty met in What's due. axe-core checks every page."""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.cases.models import Programme
from waypoint.cases.services import event_record
from waypoint.plans.models import Plan, PlanReview, Signature, Target

from tests.world import PASSWORD

from .obligations_world import open_case_for_new_child
from .pages import CasePage, SignInPage, WhatsDue
from .pages_plans import PlanSection

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORKER = "casey.caseworth"
YRO = "Youth Rehabilitation Order"
REVIEW_RULE_TITLE = "Review the intervention plan every 3 months"


def test_a_case_worker_co_produces_signs_and_reviews_a_yro_plan(obligations_world, page):
    world = obligations_world
    case = open_case_for_new_child(world, Programme.YRO, reference="WP-97020", given_name="Jordan",
                                   family_name="Planwright")
    event_record(type="order.started", occurred_at=world.allocated_on, actor=world.manager, case=case,
                 data={"type": "yro", "end": (world.allocated_on + dt.timedelta(days=365)).isoformat()})
    agreed = world.allocated_on + dt.timedelta(days=2)

    case_page = SignInPage.open(page).sign_in(WORKER, PASSWORD).open_case(case.reference, YRO)
    plan_form = PlanSection(case_page).write_the_plan()
    plan_form.fill(agreed_on=agreed, child_words="I want to get back into college and keep out of trouble.",
                   parent_present=True)
    plan_form.fill_target(1, area="Education", action="Attend college every weekday", who="Jordan",
                          by_when=world.today + dt.timedelta(days=60))
    plan_form.fill_target(2, area="Relationships", action="Six sessions on healthy relationships")
    plan_form = plan_form.submit_expecting_errors()
    assert plan_form.error_messages() == ["Enter who will do this"]
    assert not Plan.objects.exists()

    plan_form.fill_target(2, area="Relationships", action="Six sessions on healthy relationships",
                          who="Casey Caseworth")
    case_page = plan_form.save(YRO)
    assert "The intervention plan is saved" in case_page.success_message()
    section = PlanSection(case_page)
    assert [row[2:] for row in section.targets()] == [["Jordan", section.targets()[0][3], "Added"],
                                                       ["Casey Caseworth", "No date", "Added"]]
    assert section.value("The child's own words").startswith("I want to get back into college")
    assert section.value("Signed by") == "Not signed yet"

    for who in ("The child", "The parent or carer"):
        signing = section.record_a_signature()
        signing.fill(document="The plan", signed_by=who, signed_on=agreed)
        case_page = signing.save(YRO)
        assert "The signature is recorded" in case_page.success_message()
        section = PlanSection(case_page)
    assert section.value("Signed by").startswith("The child, ") and "The parent or carer, " in section.value(
        "Signed by")
    assert Signature.objects.count() == 2

    review = section.review_the_plan()
    review.fill(reviewed_on=world.today, statuses={"Education: Attend college every weekday": "Completed",
                                                   "Relationships: Six sessions on healthy relationships": "Pending"})
    review.fill_target(1, prefix="New target", area="Health", action="Register with a GP", who="Jordan")
    case_page = review.save(YRO)
    assert "The plan review is saved" in case_page.success_message()
    section = PlanSection(case_page)
    assert [(row[0], row[4]) for row in section.targets()] == [
        ("Education", "Completed"), ("Relationships", "Pending"), ("Health", "Added")]
    assert section.value("Last reviewed") != ""
    assert PlanReview.objects.count() == 1 and Target.objects.count() == 3

    settled = WhatsDue(case_page).settled_rows()
    met = [row for row in settled if REVIEW_RULE_TITLE in " ".join(row)]
    assert met and "Met" in " ".join(met[0])
    page.reload()
    CasePage(page, YRO)
