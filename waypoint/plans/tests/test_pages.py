"""The plan pages through the test client: writing a plan (a target without an owner refused, nothing saved), the
case page section and its query count, the uploaded plan served only to staff who may see the case, early
revocation steps."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.pages.helpers import error_summary, text
from waypoint.cases.services import event_record
from waypoint.plans import services as s
from waypoint.plans.models import EarlyRevocationStep, Plan
from waypoint.plans.selectors import case_section
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def plan_post(**extra):
    data = {"agreed_on-day": "19", "agreed_on-month": "11", "agreed_on-year": "2026",
            "child_words": "I want to finish my course.", "target_1_area": "Education",
            "target_1_action": "Attend college", "target_1_who": "", "target_1_by_when-day": "",
            "target_1_by_when-month": "", "target_1_by_when-year": ""}
    data.update(extra)
    return data


def test_writing_a_plan_refuses_a_target_without_an_owner_then_saves(yro_case, full_timer):
    client = client_for(full_timer)
    url = f"/cases/{yro_case.pk}/plans/new"
    assert "Write the intervention plan" in text(client.get(url))
    refused = client.post(url, plan_post())
    assert refused.status_code == 200 and error_summary(refused) == [s.TARGET_WHO_MISSING]
    assert not Plan.objects.exists()
    saved = client.post(url, plan_post(target_1_who="Alex"))
    assert saved.status_code == 302 and saved["Location"].endswith("#plans")
    page = text(client.get(f"/cases/{yro_case.pk}"))
    assert "Attend college" in page and "Review the plan" in page and "I want to finish my course." in page


def test_a_review_date_on_or_before_the_plan_date_is_refused_then_shown_on_the_case_page(yro_case, full_timer):
    client = client_for(full_timer)
    url = f"/cases/{yro_case.pk}/plans/new"
    review = {"review_on-day": "19", "review_on-month": "11", "review_on-year": "2026"}
    refused = client.post(url, {**plan_post(target_1_who="Alex"), **review})
    assert refused.status_code == 200 and error_summary(refused) == [s.PLAN_REVIEW_NOT_AFTER]
    assert not Plan.objects.exists()
    saved = client.post(url, {**plan_post(target_1_who="Alex"), **review, "review_on-month": "12"})
    assert saved.status_code == 302
    assert "Review date agreed 19 December 2026" in text(client.get(f"/cases/{yro_case.pk}"))


def test_the_case_section_reads_in_few_queries_whatever_the_number_of_targets(yro_case, full_timer,
                                                                             django_assert_max_num_queries):
    targets = [{"area": f"Area {n}", "action": "Do it", "who": "Alex", "by_when": None} for n in range(8)]
    s.plan_write(case=yro_case, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 19), targets=targets,
                 actor=full_timer)
    with django_assert_max_num_queries(6):
        section = case_section(case=yro_case, staff=full_timer, today=dt.date(2026, 11, 24))
    assert len(section["progress"].targets) == 8


def test_the_uploaded_plan_is_served_only_to_staff_of_the_case_service(yro_case, full_timer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = s.plan_write(case=yro_case, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 19),
                        targets=[{"area": "Education", "action": "College", "who": "Alex", "by_when": None}],
                        actor=full_timer, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 synthetic"))
    response = client_for(full_timer).get(f"/plans/{plan.pk}/file")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 synthetic"
    outsider = StaffMemberFactory(service=ServiceFactory(slug="elsewhere"))
    assert client_for(outsider).get(f"/plans/{plan.pk}/file").status_code in (403, 404)


def test_an_early_revocation_step_is_recorded_from_the_case_page_card(yro_case, full_timer):
    event_record(type="order.started", occurred_at=dt.date(2026, 5, 4), actor=full_timer, case=yro_case,
                 data={"type": "yro", "end": "2027-01-04"})
    client = client_for(full_timer)
    page = text(client.get(f"/cases/{yro_case.pk}"))
    assert "Early revocation" in page and "No RoSH, SaW or LoR rating is recorded" in page
    response = client.post(f"/cases/{yro_case.pk}/early-revocation/step",
                           {"step": "considered", "on-day": "24", "on-month": "11", "on-year": "2026"})
    assert response.status_code == 302
    assert EarlyRevocationStep.objects.get().step == "considered"
    assert "Next step: discussed with the manager" in text(client.get(f"/cases/{yro_case.pk}"))
