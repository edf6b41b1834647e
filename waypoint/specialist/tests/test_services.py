"""Specialist work services: each writes its row and the events the policy packs read, so recording the work meets
the case's obligations (stored Obligation rows); bad input is refused with its message and changes nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases.models import Event
from waypoint.cases.services import event_record
from waypoint.obligations.inputs import case_input, current_allocations
from waypoint.obligations.models import Obligation
from waypoint.specialist import services as s
from waypoint.specialist.models import (
    ReferralOutcome,
    SpecialistConsultation,
    SpecialistNeed,
    SpecialistReferral,
    SpecialistSession,
)
from waypoint.specialist.selectors import referrals_with_latest_outcome

from .conftest import day

pytestmark = pytest.mark.django_db

CR_ISB = "wok.cr.isb.nurse-referral"
PREV_ISB = "wok.prev.isb.nurse-referral"


def status(case, rule: str) -> str | None:
    row = Obligation.objects.filter(case=case, rule=rule).first()
    return row.status if row else None


def facts(case) -> dict:
    return case_input(case, current_allocations(case)).facts


def flag_isb(case, actor, on=day(10)):
    return s.need_set(case=case, kind="isb", present=True, reason="Offence involved sending explicit images.",
                      on=on, actor=actor)


# --- Specialist needs ------------------------------------------------------------------------------------------

def test_flagging_isb_on_a_cr_case_brings_the_nurse_referral_duty_and_clearing_it_takes_it_away(cr_case, full_timer):
    assert status(cr_case, CR_ISB) is None
    need = flag_isb(cr_case, full_timer)
    assert status(cr_case, CR_ISB) == Obligation.Status.OPEN
    assert Obligation.objects.get(case=cr_case, rule=CR_ISB).due is not None  # end of programme week 14
    event = Event.objects.get(pk=need.event_id)
    assert (event.type, event.data["topic"]) == ("record.entered", "specialist_needs")
    s.need_set(case=cr_case, kind="isb", present=False, reason="Recorded on the wrong case.", on=day(11),
               actor=full_timer)
    assert status(cr_case, CR_ISB) in (None, Obligation.Status.NOT_APPLICABLE)
    assert SpecialistNeed.objects.filter(case=cr_case).count() == 2


def test_the_flags_in_force_are_the_facts_the_rules_test(cr_case, full_timer):
    assert "offence_inappropriate_sexual_behaviour" not in facts(cr_case)
    flag_isb(cr_case, full_timer)
    s.need_set(case=cr_case, kind="substance_misuse", present=True, reason="Cannabis use linked to offending.",
               on=day(12), actor=full_timer)
    now_known = facts(cr_case)
    assert now_known["offence_inappropriate_sexual_behaviour"] is True and now_known["substance_misuse_risk"] is True
    s.need_set(case=cr_case, kind="substance_misuse", present=False, reason="Assessment found no link.",
               on=day(13), actor=full_timer)
    assert facts(cr_case)["substance_misuse_risk"] is False


def test_flagging_a_communication_barrier_raises_the_sal_consultation_duty(cr_case, full_timer):
    s.need_set(case=cr_case, kind="slcn_barrier", present=True, reason="Struggles to follow spoken questions.",
               on=day(12), actor=full_timer)
    assert Event.objects.filter(case=cr_case, type="concern.identified", data__type="slcn_barrier").exists()
    assert status(cr_case, "wok.cr.principle.slcn-consult") == Obligation.Status.OPEN
    s.consultation_record(case=cr_case, with_whom="sal_worker", held_on=day(16), actor=full_timer)
    assert status(cr_case, "wok.cr.principle.slcn-consult") == Obligation.Status.MET


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"reason": " "}, "reason", s.NEED_REASON_MISSING),
    ({"kind": "mood"}, "kind", s.NEED_KIND_INVALID),
    ({"on": None}, "on", s.NEED_DATE_MISSING),
    ({"on": dt.date(2026, 11, 25)}, "on", s.NEED_IN_FUTURE),
    ({"on": dt.date(2026, 11, 1)}, "on", s.NEED_BEFORE_CASE),
    ({"present": False}, "kind", s.NEED_NOT_FLAGGED),
])
def test_a_bad_need_change_is_refused_and_nothing_saved(cr_case, full_timer, changes, field, message):
    values = {"kind": "isb", "present": True, "reason": "Explicit messages.", "on": day(10)}
    values.update(changes)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.need_set(case=cr_case, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert SpecialistNeed.objects.count() == 0 and Event.objects.count() == events


def test_a_need_already_flagged_cannot_be_flagged_again(cr_case, full_timer):
    flag_isb(cr_case, full_timer)
    with pytest.raises(ValidationError) as raised:
        flag_isb(cr_case, full_timer)
    assert raised.value.message_dict["kind"] == [s.NEED_ALREADY_FLAGGED]
    assert SpecialistNeed.objects.count() == 1


# --- Referrals and outcomes ------------------------------------------------------------------------------------

def test_the_nurse_referral_and_its_work_completed_meet_the_isb_duty(cr_case, full_timer):
    flag_isb(cr_case, full_timer)
    referral = s.referral_make(case=cr_case, to="pyjs_nurse", reason="Consent and healthy relationships work.",
                               made_on=day(12), actor=full_timer)
    event = Event.objects.get(pk=referral.event_id)
    assert (event.type, event.data["to"]) == ("referral.made", "pyjs_nurse")
    assert status(cr_case, CR_ISB) == Obligation.Status.OPEN  # the nurse's intervention is still to come
    s.referral_outcome_record(referral=referral, outcome="accepted", on=day(13), actor=full_timer)
    assert status(cr_case, CR_ISB) == Obligation.Status.OPEN
    s.referral_outcome_record(referral=referral, outcome="work_completed", on=day(23), notes="Three sessions.",
                              actor=full_timer)
    assert status(cr_case, CR_ISB) == Obligation.Status.MET
    session = SpecialistSession.objects.get(case=cr_case)
    assert (session.delivered_by, session.topic, session.delivered_on, session.referral) == (
        "pyjs_nurse", "consent_healthy_relationships", day(23), referral)
    nurse = Event.objects.get(pk=session.event_id)
    assert nurse.data == {"topic": "consent_healthy_relationships", "by": "pyjs_nurse", "note": "Three sessions."}
    [(row, latest)] = [(r, r.latest_outcome) for r in referrals_with_latest_outcome(case=cr_case)]
    assert latest.outcome == "work_completed"


def test_a_nurse_referral_on_a_prevention_case_with_isb_meets_its_duty_with_the_nurse_session(prevention_case,
                                                                                              full_timer):
    flag_isb(prevention_case, full_timer)
    assert status(prevention_case, PREV_ISB) == Obligation.Status.OPEN
    s.referral_make(case=prevention_case, to="pyjs_nurse", reason="Harmful sexual behaviour concerns.",
                    made_on=day(12), actor=full_timer)
    s.session_record(case=prevention_case, topic="consent_healthy_relationships", delivered_by="pyjs_nurse",
                     delivered_on=day(20), actor=full_timer)
    assert status(prevention_case, PREV_ISB) == Obligation.Status.MET


def test_isb_on_a_yro_brings_no_nurse_duty_as_the_yro_guidance_has_none(yro_case, full_timer):
    flag_isb(yro_case, full_timer)
    assert not Obligation.objects.filter(case=yro_case, rule__contains=".isb.").exists()
    referral = s.referral_make(case=yro_case, to="pyjs_nurse", reason="Healthy relationships work.",
                               made_on=day(12), actor=full_timer)
    assert Event.objects.get(pk=referral.event_id).data["to"] == "pyjs_nurse"


def test_a_referral_to_another_specialist_keeps_who_on_the_row_and_the_note(cr_case, full_timer):
    referral = s.referral_make(case=cr_case, to="education", reason="Not attending school.", made_on=day(12),
                               actor=full_timer)
    event = Event.objects.get(pk=referral.event_id)
    assert event.type == "referral.made" and "to" not in event.data
    assert event.data["note"] == "Referral to the Education worker: Not attending school."


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"reason": ""}, "reason", s.REFERRAL_REASON_MISSING),
    ({"to": "wizard"}, "to", s.REFERRAL_TO_INVALID),
    ({"made_on": None}, "made_on", s.REFERRAL_DATE_MISSING),
    ({"made_on": dt.date(2026, 11, 30)}, "made_on", s.REFERRAL_IN_FUTURE),
    ({"made_on": dt.date(2026, 10, 30)}, "made_on", s.REFERRAL_BEFORE_CASE),
])
def test_a_bad_referral_is_refused_and_nothing_saved(cr_case, full_timer, changes, field, message):
    values = {"to": "pyjs_nurse", "reason": "Consent work.", "made_on": day(12)}
    values.update(changes)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.referral_make(case=cr_case, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert SpecialistReferral.objects.count() == 0 and Event.objects.count() == events


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"on": day(11)}, "on", s.OUTCOME_BEFORE_REFERRAL),
    ({"on": dt.date(2026, 11, 25)}, "on", s.OUTCOME_IN_FUTURE),
    ({"on": None}, "on", s.OUTCOME_DATE_MISSING),
    ({"outcome": "lost"}, "outcome", s.OUTCOME_INVALID),
])
def test_a_bad_outcome_is_refused_and_nothing_saved(cr_case, full_timer, changes, field, message):
    referral = s.referral_make(case=cr_case, to="pyjs_nurse", reason="Consent work.", made_on=day(12),
                               actor=full_timer)
    values = {"outcome": "work_completed", "on": day(20)}
    values.update(changes)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.referral_outcome_record(referral=referral, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert ReferralOutcome.objects.count() == 0 and SpecialistSession.objects.count() == 0
    assert Event.objects.count() == events


def test_outcomes_are_history_and_the_latest_is_in_force(cr_case, full_timer):
    referral = s.referral_make(case=cr_case, to="camhs", reason="Low mood.", made_on=day(10), actor=full_timer)
    s.referral_outcome_record(referral=referral, outcome="accepted", on=day(12), actor=full_timer)
    s.referral_outcome_record(referral=referral, outcome="closed", on=day(20), notes="Family moved GP.",
                              actor=full_timer)
    [row] = referrals_with_latest_outcome(case=cr_case)
    assert row.latest_outcome.outcome == "closed"
    assert [o.outcome for o in row.outcomes.all()] == ["accepted", "closed"]
    assert not SpecialistSession.objects.exists()  # only a nurse's completed work is a nurse session


# --- Consultations ---------------------------------------------------------------------------------------------

def test_a_camhs_trm_consultation_meets_the_cr_duty(cr_case, full_timer):
    assert status(cr_case, "wok.cr.qa.camhs-trm") == Obligation.Status.OPEN
    consultation = s.consultation_record(case=cr_case, with_whom="camhs", about_trm=True, held_on=day(18),
                                         notes="TRM formulation offered.", actor=full_timer)
    event = Event.objects.get(pk=consultation.event_id)
    assert (event.type, event.data["with"], event.data["topic"]) == ("consultation.held", "camhs", "trm")
    assert status(cr_case, "wok.cr.qa.camhs-trm") == Obligation.Status.MET


def test_a_camhs_consultation_not_about_trm_leaves_the_trm_duty_open(yro_case, full_timer):
    from waypoint.cases.services import event_record as record

    record(type="order.started", occurred_at=day(5), actor=full_timer, case=yro_case, data={"type": "yro"})
    assert status(yro_case, "wok.yro.qa.camhs-trm") == Obligation.Status.OPEN
    s.consultation_record(case=yro_case, with_whom="camhs", held_on=day(18), actor=full_timer)
    assert status(yro_case, "wok.yro.qa.camhs-trm") == Obligation.Status.OPEN
    s.consultation_record(case=yro_case, with_whom="camhs", about_trm=True, held_on=day(19), actor=full_timer)
    assert status(yro_case, "wok.yro.qa.camhs-trm") == Obligation.Status.MET


def test_substance_misuse_flagged_brings_the_cranstoun_discussion_after_the_mini_asset(cr_case, full_timer):
    rule = "wok.cr.substance.cranstoun"
    event_record(type="assessment.completed", occurred_at=day(20), actor=full_timer, case=cr_case,
                 data={"type": "mini_asset"})
    assert status(cr_case, rule) is None
    s.need_set(case=cr_case, kind="substance_misuse", present=True, reason="Mini Asset: cannabis use.",
               on=day(20), actor=full_timer)
    assert status(cr_case, rule) == Obligation.Status.OPEN
    s.consultation_record(case=cr_case, with_whom="cranstoun_worker", held_on=day(23), actor=full_timer)
    assert status(cr_case, rule) == Obligation.Status.MET


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"held_on": dt.date(2026, 11, 25)}, "held_on", s.CONSULTATION_IN_FUTURE),
    ({"held_on": None}, "held_on", s.CONSULTATION_DATE_MISSING),
    ({"held_on": dt.date(2026, 11, 2)}, "held_on", s.CONSULTATION_BEFORE_CASE),
    ({"with_whom": "oracle"}, "with_whom", s.CONSULTATION_WITH_INVALID),
    ({"with_whom": "sal_worker", "about_trm": True}, "about_trm", s.CONSULTATION_TRM_NOT_CAMHS),
])
def test_a_bad_consultation_is_refused_and_nothing_saved(cr_case, full_timer, changes, field, message):
    values = {"with_whom": "camhs", "about_trm": True, "held_on": day(18)}
    values.update(changes)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.consultation_record(case=cr_case, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert SpecialistConsultation.objects.count() == 0 and Event.objects.count() == events


# --- Sessions --------------------------------------------------------------------------------------------------

def test_a_victim_awareness_session_meets_the_cr_victim_rule_and_is_recorded_on_iyss(cr_case, full_timer):
    assert status(cr_case, "wok.cr.victim.session") == Obligation.Status.OPEN
    session = s.session_record(case=cr_case, topic="victim_awareness", delivered_by="case_worker",
                               delivered_on=day(23), actor=full_timer)
    assert Event.objects.get(pk=session.event_id).data == {"topic": "victim_awareness"}
    assert Event.objects.filter(case=cr_case, type="record.entered", data__kind="session",
                                data__system="iyss").exists()
    assert status(cr_case, "wok.cr.victim.session") == Obligation.Status.MET


def test_a_victim_awareness_session_meets_the_prevention_victim_consideration(prevention_case, full_timer):
    assert status(prevention_case, "wok.prev.victim.consider") == Obligation.Status.OPEN
    s.session_record(case=prevention_case, topic="victim_awareness", delivered_by="case_worker",
                     delivered_on=day(23), actor=full_timer)
    assert status(prevention_case, "wok.prev.victim.consider") == Obligation.Status.MET


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"delivered_on": dt.date(2026, 11, 25)}, "delivered_on", s.SESSION_IN_FUTURE),
    ({"delivered_on": None}, "delivered_on", s.SESSION_DATE_MISSING),
    ({"topic": "cooking"}, "topic", s.SESSION_TOPIC_INVALID),
    ({"delivered_by": "someone"}, "delivered_by", s.SESSION_BY_INVALID),
])
def test_a_bad_session_is_refused_and_nothing_saved(cr_case, full_timer, changes, field, message):
    values = {"topic": "victim_awareness", "delivered_by": "case_worker", "delivered_on": day(20)}
    values.update(changes)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.session_record(case=cr_case, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert SpecialistSession.objects.count() == 0 and Event.objects.count() == events


# --- Permissions -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("write", [
    lambda case, actor: flag_isb(case, actor),
    lambda case, actor: s.referral_make(case=case, to="camhs", reason="Low mood.", made_on=day(12), actor=actor),
    lambda case, actor: s.consultation_record(case=case, with_whom="camhs", held_on=day(12), actor=actor),
    lambda case, actor: s.session_record(case=case, topic="victim_awareness", delivered_by="case_worker",
                                         delivered_on=day(12), actor=actor),
])
def test_a_worker_of_another_service_cannot_record_specialist_work(cr_case, outsider, write):
    events = Event.objects.count()
    with pytest.raises(PermissionDenied):
        write(cr_case, outsider)
    assert Event.objects.count() == events


def test_a_worker_of_another_service_cannot_record_an_outcome(cr_case, full_timer, outsider):
    referral = s.referral_make(case=cr_case, to="camhs", reason="Low mood.", made_on=day(12), actor=full_timer)
    with pytest.raises(PermissionDenied):
        s.referral_outcome_record(referral=referral, outcome="accepted", on=day(13), actor=outsider)
    assert not ReferralOutcome.objects.exists()
