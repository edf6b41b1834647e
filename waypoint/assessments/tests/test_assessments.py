"""Assessments through their workflow: draft, submitted for QA, returned with comments and resubmitted, QA'd by a
manager who is not the author, finalised; each step a history row with the events the rules read, and bad input
changing nothing. Then an AssetPlus review that sets the ratings, a Child and Family Assessment, and the QA queue."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from waypoint.assessments import services as s
from waypoint.assessments.models import Assessment, AssessmentTransition, RiskRating
from waypoint.assessments.selectors import qa_queue
from waypoint.cases.models import Event, Programme
from waypoint.obligations.models import Obligation
from waypoint.workforce.tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db

EVIDENCE = ["specialist_screening", "education", "mosaic_checks", "social_worker_information"]


def events(case, type):
    return [e.data for e in Event.objects.filter(case=case, type=type).order_by("occurred_at", "id")]


def status(case, rule):
    return Obligation.objects.get(case=case, rule=rule).status


def statuses(assessment):
    return list(AssessmentTransition.objects.filter(assessment=assessment).order_by("at", "id")
                .values_list("status", flat=True))


def document(name="assetplus.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 synthetic AssetPlus", content_type="application/pdf")


def submitted_mini_asset(case, worker, **changes):
    assessment = s.assessment_start(case=case, kind="mini_asset", actor=worker)
    values = {"assessed_on": dt.date(2026, 11, 20), "summary": "Engaged well; needs support at school.",
              "evidence": EVIDENCE}
    values.update(changes)
    return s.assessment_submit(assessment=assessment, actor=worker, **values)


def test_a_mini_asset_submitted_qad_and_finalised_writes_each_step_and_meets_its_duties(cr_case, full_timer,
                                                                                      pyjs_manager):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    assert statuses(assessment) == ["draft"] and not events(cr_case, "assessment.completed")
    assert status(cr_case, "wok.cr.assessment.mini-asset-due") == Obligation.Status.OPEN

    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 20),
                        summary="Engaged well.", evidence=EVIDENCE)
    assert events(cr_case, "assessment.completed") == [{"type": "mini_asset", "evidence": EVIDENCE}]
    assert status(cr_case, "wok.cr.assessment.mini-asset-due") == Obligation.Status.MET

    s.assessment_qa_complete(assessment=assessment, actor=pyjs_manager, comments="Clear and evidenced.")
    assert events(cr_case, "assessment.qa-completed") == [{"type": "mini_asset"}]
    assert status(cr_case, "wok.cr.assessment.qa-week-4") == Obligation.Status.OPEN  # not yet finalised

    s.assessment_finalise(assessment=assessment, actor=full_timer)
    assert events(cr_case, "assessment.finalised") == [{"type": "mini_asset"}]
    assert events(cr_case, "document.uploaded") == [{"type": "mini_asset", "system": "iyss_multimedia"}]
    assert status(cr_case, "wok.cr.assessment.qa-week-4") == Obligation.Status.MET
    assert status(cr_case, "wok.cr.assessment.upload") == Obligation.Status.MET
    assert statuses(assessment) == ["draft", "submitted", "qa_completed", "finalised"]
    qa = AssessmentTransition.objects.get(assessment=assessment, status="qa_completed")
    assert (qa.by, qa.comments) == (pyjs_manager, "Clear and evidenced.")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"summary": "  "}, "summary", s.ASSESSMENT_SUMMARY_MISSING),
    ({"assessed_on": None}, "assessed_on", s.ASSESSMENT_DATE_MISSING),
    ({"assessed_on": dt.date(2026, 11, 30)}, "assessed_on", s.ASSESSMENT_DATE_IN_FUTURE),
    ({"assessed_on": dt.date(2026, 11, 1)}, "assessed_on", s.ASSESSMENT_DATE_BEFORE_CASE),
    ({"evidence": ["hearsay"]}, "evidence", s.ASSESSMENT_EVIDENCE_INVALID),
])
def test_a_submission_missing_what_it_needs_is_refused_and_changes_nothing(cr_case, full_timer, changes, field,
                                                                           message):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    counts = (Event.objects.count(), AssessmentTransition.objects.count())
    values = {"assessed_on": dt.date(2026, 11, 20), "summary": "Engaged well.", "evidence": EVIDENCE, **changes}
    with pytest.raises(ValidationError) as raised:
        s.assessment_submit(assessment=assessment, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert (Event.objects.count(), AssessmentTransition.objects.count()) == counts
    assessment.refresh_from_db()
    assert (assessment.summary, assessment.assessed_on) == ("", None)


def test_a_draft_keeps_the_authors_work_without_submitting_it(cr_case, full_timer):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    events_before = Event.objects.count()
    s.assessment_save_draft(assessment=assessment, actor=full_timer, summary="Half written.", evidence=["education"])
    assessment.refresh_from_db()
    assert (assessment.summary, assessment.evidence) == ("Half written.", ["education"])
    assert statuses(assessment) == ["draft"] and Event.objects.count() == events_before


def test_a_returned_assessment_goes_back_to_its_author_who_resubmits_it_and_the_completion_is_amended(
        cr_case, full_timer, pyjs_manager):
    assessment = submitted_mini_asset(cr_case, full_timer, evidence=["education"])
    with pytest.raises(ValidationError) as raised:
        s.assessment_return(assessment=assessment, actor=pyjs_manager, comments=" ")
    assert raised.value.message_dict["comments"] == [s.ASSESSMENT_RETURN_COMMENTS_MISSING]

    s.assessment_return(assessment=assessment, actor=pyjs_manager, comments="Add the MOSAIC checks.")
    with pytest.raises(ValidationError) as raised:  # a returned assessment is not waiting for QA
        s.assessment_qa_complete(assessment=assessment, actor=pyjs_manager)
    assert raised.value.messages == [s.ASSESSMENT_NOT_SUBMITTED]

    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 20),
                        summary="Engaged well; MOSAIC checks added.", evidence=EVIDENCE)
    assert statuses(assessment) == ["draft", "submitted", "returned", "submitted"]
    returned = AssessmentTransition.objects.get(assessment=assessment, status="returned")
    assert (returned.by, returned.comments) == (pyjs_manager, "Add the MOSAIC checks.")
    # One completion, amended with the new evidence: clocks that run from it are not restarted.
    completed = Event.objects.get(case=cr_case, type="assessment.completed")
    assert completed.effective_data["evidence"] == EVIDENCE
    assert Event.objects.filter(case=cr_case, type="event.amended", amends=completed).count() == 1
    s.assessment_qa_complete(assessment=assessment, actor=pyjs_manager)
    assert statuses(assessment)[-1] == "qa_completed"


def test_qa_by_the_assessments_own_author_is_refused_even_for_a_manager(cr_case, pyjs_manager):
    assessment = submitted_mini_asset(cr_case, pyjs_manager)
    counts = (Event.objects.count(), AssessmentTransition.objects.count())
    with pytest.raises(ValidationError) as raised:
        s.assessment_qa_complete(assessment=assessment, actor=pyjs_manager)
    assert raised.value.messages == [s.ASSESSMENT_QA_OWN]
    with pytest.raises(ValidationError):
        s.assessment_return(assessment=assessment, actor=pyjs_manager, comments="Looks fine to me.")
    assert (Event.objects.count(), AssessmentTransition.objects.count()) == counts


def test_qa_by_someone_who_is_not_a_manager_is_refused(cr_case, full_timer, part_timer):
    assessment = submitted_mini_asset(cr_case, full_timer)
    counts = (Event.objects.count(), AssessmentTransition.objects.count())
    with pytest.raises(PermissionDenied):
        s.assessment_qa_complete(assessment=assessment, actor=part_timer)
    with pytest.raises(PermissionDenied):
        s.assessment_qa_complete(assessment=assessment, actor=full_timer)
    assert (Event.objects.count(), AssessmentTransition.objects.count()) == counts


def test_only_the_author_changes_an_assessment_and_only_before_it_is_qad(cr_case, full_timer, part_timer,
                                                                         pyjs_manager):
    assessment = s.assessment_start(case=cr_case, kind="mini_asset", actor=full_timer)
    with pytest.raises(PermissionDenied):
        s.assessment_submit(assessment=assessment, actor=part_timer, assessed_on=dt.date(2026, 11, 20),
                            summary="Not mine.", evidence=EVIDENCE)
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 20),
                        summary="Mine.", evidence=EVIDENCE)
    with pytest.raises(ValidationError) as raised:
        s.assessment_save_draft(assessment=assessment, actor=full_timer, summary="Changed after submitting.")
    assert raised.value.messages == [s.ASSESSMENT_NOT_EDITABLE]
    with pytest.raises(ValidationError) as raised:
        s.assessment_finalise(assessment=assessment, actor=full_timer)
    assert raised.value.messages == [s.ASSESSMENT_NOT_QA_COMPLETED]
    s.assessment_qa_complete(assessment=assessment, actor=pyjs_manager)
    with pytest.raises(PermissionDenied):
        s.assessment_finalise(assessment=assessment, actor=part_timer)


def test_an_assessment_on_another_services_case_is_refused(cr_case, manager):
    with pytest.raises(PermissionDenied):
        s.assessment_start(case=cr_case, kind="mini_asset", actor=manager)
    assert not Assessment.objects.exists()


def test_an_assetplus_review_sets_the_changed_ratings_before_its_completion_and_calls_for_the_risk_panel(
        yro_case, full_timer, pyjs_manager):
    s.rating_set(case=yro_case, dimension="lor", level="medium", reason="Two previous offences.",
                 on=dt.date(2026, 11, 10), actor=full_timer)
    assessment = s.assessment_start(case=yro_case, kind="assetplus_review", actor=full_timer)
    ratings = {"rosh": {"level": "high", "reason": "Threats with a weapon to a peer."},
               "lor": {"level": "medium", "reason": ""},  # unchanged: no new rating
               "saw": {"level": "", "reason": ""}}
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 23),
                        summary="Risk to others has risen.", document=document(), ratings=ratings)
    assert list(RiskRating.objects.values_list("dimension", "level")) == [("lor", "medium"), ("rosh", "high")]
    ordered = [e.type for e in Event.objects.filter(case=yro_case).order_by("occurred_at", "recorded_at", "id")
               if e.type in ("risk.level-assessed", "assessment.completed")]
    assert ordered == ["risk.level-assessed", "risk.level-assessed", "assessment.completed"]
    assert events(yro_case, "assessment.completed") == [{"type": "assetplus_review"}]
    panel = Obligation.objects.get(case=yro_case, rule="wok.yro.risk.risk-panel-5wd")
    assert panel.status == Obligation.Status.OPEN and panel.due == dt.date(2026, 11, 30)
    assert status(yro_case, "wok.yro.assessment.review-qa") == Obligation.Status.OPEN
    s.assessment_qa_complete(assessment=assessment, actor=pyjs_manager)
    assert events(yro_case, "assessment.qa-completed") == [{"type": "assetplus_review"}]
    assert status(yro_case, "wok.yro.assessment.review-qa") == Obligation.Status.MET


def test_an_assetplus_rating_without_a_reason_or_without_its_document_is_refused_and_changes_nothing(
        yro_case, full_timer):
    assessment = s.assessment_start(case=yro_case, kind="assetplus_review", actor=full_timer)
    counts = (Event.objects.count(), RiskRating.objects.count(), AssessmentTransition.objects.count())
    with pytest.raises(ValidationError) as raised:
        s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 23),
                            summary="Risk has risen.", ratings={"rosh": {"level": "high", "reason": " "}})
    assert raised.value.message_dict == {"rosh_reason": [s.RATING_REASON_MISSING],
                                         "document": [s.ASSESSMENT_DOCUMENT_MISSING]}
    assert (Event.objects.count(), RiskRating.objects.count(), AssessmentTransition.objects.count()) == counts


def test_a_child_and_family_assessment_is_attached_as_received(pyjs, full_timer, case_in):
    case = case_in(Programme.PREVENTION, full_timer)
    with pytest.raises(ValidationError) as raised:
        s.child_family_assessment_record(case=case, received_on=dt.date(2026, 11, 12), document=None,
                                         actor=full_timer)
    assert raised.value.message_dict["document"] == [s.CFA_DOCUMENT_MISSING]
    with pytest.raises(ValidationError) as raised:
        s.child_family_assessment_record(case=case, received_on=dt.date(2026, 11, 12),
                                         document=document("cfa.exe"), actor=full_timer)
    assert raised.value.message_dict["document"] == [s.DOCUMENT_TYPE]
    assessment = s.child_family_assessment_record(case=case, received_on=dt.date(2026, 11, 12),
                                                  document=document("cfa.pdf"), actor=full_timer)
    assert statuses(assessment) == ["received"] and assessment.document_name == "cfa.pdf"
    assert events(case, "document.uploaded") == [{"type": "child_family_assessment", "system": "iyss_multimedia"}]


def test_the_qa_queue_lists_the_services_submitted_assessments_by_the_qa_duty_due_else_the_date_submitted(
        pyjs, pyjs_team, pyjs_manager, full_timer, part_timer, cr_case, yro_case, case_in):
    part_time_case = case_in(Programme.COMMUNITY_RESOLUTION, part_timer)  # QA moves to week 5
    later = submitted_mini_asset(part_time_case, part_timer)
    sooner = submitted_mini_asset(cr_case, full_timer)
    full = s.assessment_start(case=yro_case, kind="assetplus", actor=full_timer)  # no QA duty: date submitted
    s.assessment_submit(assessment=full, actor=full_timer, assessed_on=dt.date(2026, 11, 23), summary="Full.",
                        document=document())
    draft = s.assessment_start(case=yro_case, kind="assetplus_review", actor=full_timer)
    queue = list(qa_queue(service=pyjs))
    # Submitted today (Tue 24 Nov) with no QA duty, then the full-timer's week-4 QA, then the part-timer's week 5.
    assert [a.pk for a in queue] == [full.pk, sooner.pk, later.pk]
    assert [a.queue_due for a in queue] == [dt.date(2026, 11, 24), dt.date(2026, 12, 4), dt.date(2026, 12, 9)]
    assert draft.pk not in [a.pk for a in queue]
    due = {a.pk: (a.queue_due, a.qa_obligation_due) for a in queue}
    assert due[sooner.pk][0] == Obligation.objects.get(case=cr_case, rule="wok.cr.assessment.qa-week-4").due
    assert due[full.pk] == (dt.date(2026, 11, 24), None)
    s.assessment_qa_complete(assessment=sooner, actor=pyjs_manager)
    assert [a.pk for a in qa_queue(service=pyjs)] == [full.pk, later.pk]
    s.assessment_qa_complete(assessment=full, actor=pyjs_manager)  # no rule reads it: the chronology shows it
    assert events(yro_case, "assessment.qa-completed") == [{"type": "assetplus"}]
    assert [a.pk for a in qa_queue(service=pyjs)] == [later.pk]
    other = StaffMemberFactory(team_manager=True)
    assert list(qa_queue(service=other.service)) == []


def test_a_returned_assetplus_keeps_the_file_first_submitted_when_a_new_one_replaces_it(yro_case, full_timer,
                                                                                        pyjs_manager):
    assessment = s.assessment_start(case=yro_case, kind="assetplus_review", actor=full_timer)
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 23),
                        summary="First version.", document=document("first.pdf"))
    s.assessment_return(assessment=assessment, actor=pyjs_manager, comments="Attach the signed version.")
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 23),
                        summary="Signed version.", document=document("second.pdf"))
    first, second = AssessmentTransition.objects.filter(assessment=assessment, status="submitted").order_by("id")
    assert first.content["document"] == "first.pdf" and second.content["document"] == "second.pdf"
    assert first.content["document_file"] and first.content["document_file"] != second.content["document_file"]
    assert assessment.document.storage.exists(first.content["document_file"])


def test_a_resubmission_with_a_corrected_date_moves_the_completion_to_that_date(cr_case, full_timer, pyjs_manager):
    assessment = submitted_mini_asset(cr_case, full_timer, evidence=EVIDENCE)
    first = Event.objects.get(case=cr_case, type="assessment.completed")
    s.assessment_return(assessment=assessment, actor=pyjs_manager, comments="The sessions ended on the 19th.")
    s.assessment_submit(assessment=assessment, actor=full_timer, assessed_on=dt.date(2026, 11, 19),
                        summary="Engaged well.", evidence=EVIDENCE)
    assessment.refresh_from_db()
    assert Event.objects.filter(type="event.voided", voids=first).count() == 1
    moved = Event.objects.get(pk=assessment.completed_event_id)
    assert moved != first and timezone.localtime(moved.occurred_at).date() == dt.date(2026, 11, 19)
    done = Obligation.objects.get(case=cr_case, rule="wok.cr.assessment.mini-asset-due")
    assert done.met_on == dt.date(2026, 11, 19)
