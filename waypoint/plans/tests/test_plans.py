"""Plans: a plan with its targets (each with an owner), reviews that leave each target's status as a row, signatures,
the parent/carer's copy, and the events meeting the packs' plan rules (asserted on the stored obligations)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from waypoint.appointments.models import AppointmentKind
from waypoint.appointments.services import appointment_record_outcome, appointment_schedule
from waypoint.assessments.services import rating_set
from waypoint.cases.models import Event
from waypoint.cases.services import event_record
from waypoint.obligations.models import Obligation
from waypoint.plans import services as s
from waypoint.plans.models import Plan, PlanReview, Signature, Target, TargetStatus
from waypoint.plans.selectors import case_section, early_revocation, plan_progress

pytestmark = pytest.mark.django_db

TARGETS = [
    {"area": "Education", "action": "Attend college every weekday", "who": "Alex", "by_when": dt.date(2026, 12, 18)},
    {"area": "Relationships", "action": "Healthy relationships sessions", "who": "Case worker", "by_when": None},
]


def status(case, rule):
    return list(Obligation.objects.filter(case=case, rule=rule).order_by("trigger_at", "id")
                .values_list("status", flat=True))


def start_order(case, worker, start=dt.date(2026, 11, 5), end="2027-05-04"):
    event_record(type="order.started", occurred_at=start, actor=worker, case=case, data={"type": "yro", "end": end})


def write(case, worker, **changes):
    values = dict(case=case, plan_type="intervention_plan", agreed_on=dt.date(2026, 11, 19), targets=TARGETS,
                  actor=worker, child_words="I want to finish my course.")
    values.update(changes)
    return s.plan_write(**values)


def test_a_target_with_no_owner_is_refused_and_nothing_is_saved(yro_case, full_timer):
    events = Event.objects.count()
    targets = [TARGETS[0], {**TARGETS[1], "who": "  "}]
    with pytest.raises(ValidationError) as raised:
        write(yro_case, full_timer, targets=targets)
    assert raised.value.message_dict == {"target_2_who": [s.TARGET_WHO_MISSING]}
    assert s.TARGET_WHO_MISSING == "Enter who will do this"
    assert (Plan.objects.count(), Target.objects.count(), TargetStatus.objects.count()) == (0, 0, 0)
    assert Event.objects.count() == events


def test_a_plan_needs_a_target_and_a_date_that_has_happened(yro_case, full_timer):
    with pytest.raises(ValidationError) as raised:
        write(yro_case, full_timer, targets=[{"area": "", "action": "", "who": "", "by_when": None}],
              agreed_on=dt.date(2026, 12, 1))
    assert raised.value.message_dict == {"target_1_area": [s.PLAN_NO_TARGETS], "agreed_on": [s.PLAN_DATE_IN_FUTURE]}
    assert not Plan.objects.exists()


def test_a_yro_plan_meets_the_plan_deadline_and_starts_the_review_cadence(yro_case, full_timer):
    start_order(yro_case, full_timer)
    assert status(yro_case, "wok.yro.plan.initial-3wk") == ["open"]
    write(yro_case, full_timer)
    assert status(yro_case, "wok.yro.plan.initial-3wk") == ["met"]
    assert status(yro_case, "wok.yro.plan.process-stage") == ["met"]
    review = Obligation.objects.get(case=yro_case, rule="wok.yro.plan.review-3-monthly")
    assert (review.status, review.due) == ("open", dt.date(2027, 2, 19))
    assert plan_progress(case=yro_case).next_review_due == dt.date(2027, 2, 19)


def test_plan_progress_returns_the_targets_in_force(yro_case, full_timer):
    assert plan_progress(case=yro_case) is None
    write(yro_case, full_timer)
    progress = plan_progress(case=yro_case)
    assert progress.title == "Intervention plan" and progress.agreed_on == dt.date(2026, 11, 19)
    assert [(t.area, t.who, t.by_when, t.status) for t in progress.targets] == [
        ("Education", "Alex", dt.date(2026, 12, 18), "added"), ("Relationships", "Case worker", None, "added")]
    assert not progress.all_targets_complete


def test_a_review_leaves_each_target_completed_pending_or_added_as_rows(yro_case, full_timer):
    start_order(yro_case, full_timer)
    plan = write(yro_case, full_timer)
    first, second = plan.targets.all()
    s.plan_review(plan=plan, reviewed_on=dt.date(2026, 11, 23), actor=full_timer, with_parent_carer=True,
                  statuses={first.pk: "completed", second.pk: "pending"},
                  added=[{"area": "Health", "action": "See the school nurse", "who": "Alex", "by_when": None}])
    assert PlanReview.objects.count() == 1
    # History: each original target keeps its "added" row and gains one from the review.
    assert list(first.statuses.order_by("id").values_list("status", flat=True)) == ["added", "completed"]
    assert list(second.statuses.order_by("id").values_list("status", flat=True)) == ["added", "pending"]
    progress = plan_progress(case=yro_case)
    assert [(t.area, t.status) for t in progress.targets] == [
        ("Education", "completed"), ("Relationships", "pending"), ("Health", "added")]
    assert progress.last_reviewed_on == dt.date(2026, 11, 23)
    event = Event.objects.get(case=yro_case, type="plan.reviewed")
    assert event.data == {"type": "intervention_plan", "with": ["child", "parent_carer"]}
    assert status(yro_case, "wok.yro.plan.review-3-monthly")[0] == "met"


def test_a_review_needs_a_status_for_every_target_and_saves_nothing_otherwise(yro_case, full_timer):
    plan = write(yro_case, full_timer)
    first, second = plan.targets.all()
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.plan_review(plan=plan, reviewed_on=dt.date(2026, 11, 23), actor=full_timer,
                      statuses={first.pk: "completed"},
                      added=[{"area": "Health", "action": "Nurse", "who": "", "by_when": None}])
    assert raised.value.message_dict == {f"status_{second.pk}": [s.REVIEW_STATUS_MISSING],
                                         "new_target_1_who": [s.TARGET_WHO_MISSING]}
    assert not PlanReview.objects.exists() and TargetStatus.objects.count() == 2
    assert Event.objects.count() == events


def test_each_signature_is_a_row_and_an_event_and_only_the_childs_meets_the_childs_duty(cr_case, full_timer,
                                                                                          settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 synthetic", content_type="application/pdf")
    plan = write(cr_case, full_timer, parent_present=True, file=upload)
    s.signature_record(case=cr_case, document="intervention_plan", signed_by="parent_carer",
                       signed_on=dt.date(2026, 11, 19), actor=full_timer, plan=plan)
    assert status(cr_case, "wok.cr.plan.signed-uploaded") != ["met"]
    s.signature_record(case=cr_case, document="intervention_plan", signed_by="child",
                       signed_on=dt.date(2026, 11, 19), actor=full_timer, plan=plan)
    s.signature_record(case=cr_case, document="behaviour_consent_form", signed_by="child",
                       signed_on=dt.date(2026, 11, 19), actor=full_timer, plan=plan)
    assert Signature.objects.filter(plan=plan).count() == 2
    signed = list(Event.objects.filter(case=cr_case, type="document.signed").values_list("data", flat=True))
    assert signed == [{"type": "intervention_plan", "by": "parent_carer"}, {"type": "intervention_plan", "by": "child"},
                      {"type": "behaviour_consent_form", "by": "child"}]
    assert status(cr_case, "wok.cr.plan.behaviour-consent-form") == ["met"]
    assert status(cr_case, "wok.cr.plan.signed-uploaded") == ["met"]
    section = case_section(case=cr_case, staff=full_timer, today=dt.date(2026, 11, 24))
    assert sorted(sig.signed_by for sig in section["plan_signatures"]) == ["child", "parent_carer"]


def test_a_cr_plan_the_child_wrote_uploaded_with_the_parent_absent_then_posted(cr_case, full_timer, settings,
                                                                                tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("Alex plan.jpg", b"synthetic scan", content_type="image/jpeg")
    plan = write(cr_case, full_timer, child_wrote_plan=True, parent_present=False, file=upload)
    assert plan.file.name.startswith("plans/") and "Alex" not in plan.file.name
    assert status(cr_case, "wok.cr.plan.child-written") == ["met"]
    assert status(cr_case, "wok.cr.plan.parent-copy") == ["open"]
    s.signature_record(case=cr_case, document="intervention_plan", signed_by="child",
                       signed_on=dt.date(2026, 11, 19), actor=full_timer, plan=plan)
    assert status(cr_case, "wok.cr.plan.signed-uploaded") == ["met"]
    s.plan_copy_record(plan=plan, method="posted", on=dt.date(2026, 11, 20), actor=full_timer)
    assert status(cr_case, "wok.cr.plan.parent-copy") == ["met"]
    assert status(cr_case, "wok.cr.plan.process-tab") == ["met"]


def test_a_parent_at_the_plan_session_needs_no_posted_copy(cr_case, full_timer):
    write(cr_case, full_timer, parent_present=True)
    assert status(cr_case, "wok.cr.plan.parent-copy") in ([], ["not_applicable"])


def test_the_exit_plan_is_a_plan_completed_of_its_own_type(yro_case, full_timer):
    write(yro_case, full_timer, plan_type="exit_plan", targets=[
        {"area": "Activities", "action": "Join the boxing club", "who": "Alex", "by_when": None}])
    assert Event.objects.get(case=yro_case, type="plan.completed").data == {"type": "exit_plan"}
    assert plan_progress(case=yro_case) is None  # the intervention plan in force is still to be written


def test_early_revocation_on_a_yro_past_its_midpoint_and_its_manager_step(yro_case, full_timer):
    start_order(yro_case, full_timer, start=dt.date(2026, 5, 4), end="2027-01-04")  # case started 5 Nov 2026
    for dimension in ("rosh", "saw", "lor"):
        rating_set(case=yro_case, dimension=dimension, level="low", reason="Stable.", on=dt.date(2026, 11, 10),
                   actor=full_timer)
    plan = write(yro_case, full_timer, targets=TARGETS[:1])
    card = early_revocation(case=yro_case, as_of=dt.date(2026, 11, 24))
    met = {c.key: c.met for c in card.criteria}
    assert met == {"midpoint": True, "low_risk": True, "programme_completed": False,
                   "compliance_satisfactory": True, "no_reoffending": True}
    s.plan_review(plan=plan, reviewed_on=dt.date(2026, 11, 23), actor=full_timer,
                  statuses={plan.targets.get().pk: "completed"}, added=[])
    missed = appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE,
                                  starts_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone.utc),
                                  actor=full_timer)
    appointment_record_outcome(appointment=missed, outcome="attended", actor=full_timer)
    card = early_revocation(case=yro_case, as_of=dt.date(2026, 11, 24))
    assert card.eligible and card.next_step == "considered"
    s.early_revocation_step_record(case=yro_case, step="manager_consulted", on=dt.date(2026, 11, 24),
                                   actor=full_timer, criteria_met=card.criteria_met)
    event = Event.objects.get(case=yro_case, type="manager.consulted")
    assert event.data == {"topic": "early_revocation", "criteria": [
        "low_risk", "programme_completed", "compliance_satisfactory", "no_reoffending"]}
    assert yro_case.policy.violations in ([], None) or not any(
        "early revocation" in str(v).lower() for v in yro_case.policy.violations)
    assert status(yro_case, "wok.yro.early-revocation.child-views") == ["open"]
    s.early_revocation_step_record(case=yro_case, step="child_views", on=dt.date(2026, 11, 24), actor=full_timer)
    assert status(yro_case, "wok.yro.early-revocation.child-views") == ["met"]


def test_early_revocation_is_not_shown_long_before_the_midpoint_or_off_a_yro(yro_case, cr_case, full_timer):
    start_order(yro_case, full_timer, end="2027-11-04")
    assert early_revocation(case=yro_case, as_of=dt.date(2026, 11, 24)) is None
    assert early_revocation(case=cr_case, as_of=dt.date(2026, 11, 24)) is None
    with pytest.raises(ValidationError) as raised:
        s.early_revocation_step_record(case=cr_case, step="considered", on=dt.date(2026, 11, 24), actor=full_timer)
    assert raised.value.message_dict == {"__all__": [s.STEP_NOT_YRO]}


def test_the_case_facts_say_whether_the_child_wrote_the_plan_and_the_parent_was_there(cr_case, full_timer):
    from waypoint.obligations.inputs import _facts

    assert "child_wrote_plan" not in _facts(cr_case)
    write(cr_case, full_timer, child_wrote_plan=True, parent_present=False)
    facts = _facts(cr_case)
    assert (facts["child_wrote_plan"], facts["parent_present_at_plan"]) == (True, False)
