"""The assessment pages through the test client: the case page's section, an assessment written (a first try with
the summary missing), submitted, QA'd from the queue and finalised; who may see what; a rating without a reason."""
from __future__ import annotations

import pytest
from django.test import Client

from tests.pages.helpers import error_summary, text
from waypoint.assessments import services as s
from waypoint.assessments.models import Assessment, RiskRating
from waypoint.cases.models import Event
from waypoint.workforce.tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def test_the_case_page_shows_the_section_with_its_buttons_ratings_and_assessments(cr_case, full_timer):
    s.rating_set(case=cr_case, dimension="rosh", level="medium", reason="Carried a knife.", on=cr_case.started_on,
                 actor=full_timer)
    s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    page = text(client_for(full_timer).get(f"/cases/{cr_case.pk}"))
    for words in ("Assessments and ratings", "Start an assessment", "Set a rating", "Record checks",
                  "Record SLCN screening", "Record MARF referral", "Risk of serious harm (RoSH)", "Carried a knife.",
                  "Mini Asset", "Draft"):
        assert words in page


def test_only_a_prevention_case_offers_to_attach_a_child_and_family_assessment(case_in, full_timer):
    prevention, yro = case_in("prevention", full_timer), case_in("yro", full_timer)
    client = client_for(full_timer)
    assert "Attach a Child and Family Assessment" in text(client.get(f"/cases/{prevention.pk}"))
    assert "Attach a Child and Family Assessment" not in text(client.get(f"/cases/{yro.pk}"))


def test_a_worker_writes_and_submits_a_mini_asset_and_a_manager_qas_it_from_the_queue(cr_case, full_timer,
                                                                                     pyjs_manager):
    worker = client_for(full_timer)
    started = worker.post(f"/cases/{cr_case.pk}/assessments/new", {"kind": "mini_asset"})
    assessment = Assessment.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/assessments/{assessment.pk}/edit"
    form = {"assessed_on-day": "20", "assessed_on-month": "11", "assessed_on-year": "2026",
            "evidence": ["education", "mosaic_checks"], "action": "submit"}
    first = worker.post(f"/assessments/{assessment.pk}/edit", form)
    assert first.status_code == 200 and error_summary(first) == [s.ASSESSMENT_SUMMARY_MISSING]
    assert not Event.objects.filter(type="assessment.completed").exists()
    done = worker.post(f"/assessments/{assessment.pk}/edit", form | {"summary": "Engaged well."})
    assert done.status_code == 302
    # The author has no QA button and may not open the QA page.
    assert "QA this assessment" not in text(worker.get(f"/assessments/{assessment.pk}"))
    assert worker.get(f"/assessments/{assessment.pk}/qa").status_code == 403
    assert worker.get("/assessments/qa").status_code == 403

    manager = client_for(pyjs_manager)
    queue = text(manager.get("/assessments/qa"))
    assert "Mini Asset" in queue and cr_case.reference in queue and "QA duty" in queue
    assert "QA queue" in text(manager.get(f"/cases/{cr_case.pk}"))  # in the managers' navigation
    assert "QA this assessment" in text(manager.get(f"/assessments/{assessment.pk}"))
    assert manager.post(f"/assessments/{assessment.pk}/qa", {"action": "qa"}).status_code == 302
    assert "Finalise Mini Asset" in text(worker.get(f"/assessments/{assessment.pk}"))
    assert worker.post(f"/assessments/{assessment.pk}/finalise").status_code == 302
    assert Event.objects.filter(type="assessment.finalised").count() == 1


def test_returning_without_comments_shows_the_error(cr_case, full_timer, pyjs_manager):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=cr_case.started_on, summary="Done.",
                        evidence=[])
    response = client_for(pyjs_manager).post(f"/assessments/{assessment.pk}/qa", {"action": "return"})
    assert error_summary(response) == [s.ASSESSMENT_RETURN_COMMENTS_MISSING]


def test_a_rating_without_a_reason_is_refused_on_the_page(cr_case, full_timer):
    client = client_for(full_timer)
    data = {"dimension": "saw", "level": "high", "on-day": "23", "on-month": "11", "on-year": "2026"}
    first = client.post(f"/cases/{cr_case.pk}/ratings/new", data)
    assert error_summary(first) == [s.RATING_REASON_MISSING] and not RiskRating.objects.exists()
    assert client.post(f"/cases/{cr_case.pk}/ratings/new", data | {"reason": "Missing overnight."}).status_code == 302
    assert RiskRating.objects.get().level == "high"


@pytest.mark.parametrize("path", ["/cases/{case}/assessments/new", "/cases/{case}/ratings/new",
                                  "/cases/{case}/screenings/slcn", "/cases/{case}/screenings/specialist",
                                  "/cases/{case}/checks/new", "/cases/{case}/marf/new",
                                  "/cases/{case}/child-family-assessment/new", "/assessments/{assessment}",
                                  "/assessments/{assessment}/edit"])
def test_each_page_opens_for_the_cases_service_and_not_for_another(cr_case, full_timer, path):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    url = path.format(case=cr_case.pk, assessment=assessment.pk)
    assert client_for(full_timer).get(url).status_code == 200
    stranger = StaffMemberFactory(given_name="Olu", family_name="Elsewhere")
    assert client_for(stranger).get(url).status_code in (403, 404)


def test_another_services_manager_sees_none_of_this_services_queue_and_cannot_qa(cr_case, full_timer):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=cr_case.started_on, summary="Done.")
    other = client_for(StaffMemberFactory(team_manager=True))
    assert "Mini Asset" not in text(other.get("/assessments/qa"))
    assert other.post(f"/assessments/{assessment.pk}/qa", {"action": "qa"}).status_code in (403, 404)
    assert not Event.objects.filter(type="assessment.qa-completed").exists()


def test_the_slcn_page_records_the_answers(cr_case, full_timer):
    data = {"screened_on-day": "19", "screened_on-month": "11", "screened_on-year": "2026",
            "understanding": "yes", "instructions": "sometimes", "words": "no", "conversation": "no",
            "reading_writing": "no", "support_before": "no"}
    client = client_for(full_timer)
    first = client.post(f"/cases/{cr_case.pk}/screenings/slcn", data | {"words": ""})
    assert error_summary(first) == [s.SLCN_ANSWER_MISSING]
    assert client.post(f"/cases/{cr_case.pk}/screenings/slcn", data).status_code == 302
    assert Event.objects.get(type="screening.completed").data["positive_answers"] == 2
