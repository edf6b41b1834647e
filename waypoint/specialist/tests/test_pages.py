"""The specialist work pages through the test client: the case page's section, each form saving through its service,
bad input shown with its message and saving nothing, and who may use the pages."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.pages.helpers import error_summary, text
from waypoint.obligations.models import Obligation
from waypoint.specialist import services as s
from waypoint.specialist.models import (
    ReferralOutcome,
    SpecialistConsultation,
    SpecialistNeed,
    SpecialistReferral,
    SpecialistSession,
)
from waypoint.specialist.selectors import case_section

from .conftest import day

pytestmark = pytest.mark.django_db


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def date(prefix: str, d: str = "20", m: str = "11", y: str = "2026") -> dict:
    return {f"{prefix}-day": d, f"{prefix}-month": m, f"{prefix}-year": y}


def test_the_case_page_shows_the_section_with_its_buttons(cr_case, full_timer):
    page = text(client_for(full_timer).get(f"/cases/{cr_case.pk}"))
    assert "Specialist work" in page
    for button in ("Make a specialist referral", "Record a consultation", "Record a specialist session"):
        assert button in page
    assert "No specialist needs are flagged on this case." in page


def test_flagging_isb_through_the_page_shows_who_set_it_and_brings_the_duty(cr_case, full_timer):
    client = client_for(full_timer)
    response = client.post(f"/cases/{cr_case.pk}/specialist/needs",
                           {"kind": "isb", "change": "flag", "reason": "Sent explicit images.", **date("on")})
    assert response.status_code == 302 and response["Location"].endswith("#specialist")
    assert SpecialistNeed.objects.get().set_by == full_timer
    page = text(client.get(f"/cases/{cr_case.pk}"))
    assert "Inappropriate sexual behaviour or communication" in page
    assert "Flagged by Finn Fulltime on 20 November 2026" in page
    assert Obligation.objects.filter(case=cr_case, rule="wok.cr.isb.nurse-referral",
                                     status=Obligation.Status.OPEN).exists()


def test_a_referral_with_no_reason_is_refused_on_the_page(cr_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/specialist/referrals/new",
                                           {"to": "pyjs_nurse", "reason": "", **date("made_on")})
    assert response.status_code == 200
    assert s.REFERRAL_REASON_MISSING in error_summary(response)
    assert not SpecialistReferral.objects.exists()


def test_a_referral_and_its_outcome_through_the_pages(cr_case, full_timer):
    client = client_for(full_timer)
    client.post(f"/cases/{cr_case.pk}/specialist/referrals/new",
                {"to": "camhs", "reason": "Low mood and poor sleep.", **date("made_on", "12")})
    referral = SpecialistReferral.objects.get()
    url = f"/specialist/referrals/{referral.pk}/outcome"
    early = client.post(url, {"outcome": "accepted", **date("on", "11")})
    assert s.OUTCOME_BEFORE_REFERRAL in error_summary(early)
    assert not ReferralOutcome.objects.exists()
    assert client.post(url, {"outcome": "accepted", **date("on", "13")}).status_code == 302
    page = text(client.get(f"/cases/{cr_case.pk}"))
    assert "Accepted" in page and "Low mood and poor sleep." in page


def test_a_consultation_in_the_future_is_refused_and_a_camhs_trm_one_is_saved(cr_case, full_timer):
    client = client_for(full_timer)
    url = f"/cases/{cr_case.pk}/specialist/consultations/new"
    future = client.post(url, {"with_whom": "camhs", "about_trm": "on", **date("held_on", "30")})
    assert s.CONSULTATION_IN_FUTURE in error_summary(future)
    assert not SpecialistConsultation.objects.exists()
    assert client.post(url, {"with_whom": "camhs", "about_trm": "on", **date("held_on", "19")}).status_code == 302
    assert SpecialistConsultation.objects.get().about_trm is True
    assert "About Trauma Recovery Model support" in text(client.get(f"/cases/{cr_case.pk}"))


def test_a_session_through_the_page(cr_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/specialist/sessions/new", {
        "topic": "victim_awareness", "delivered_by": "case_worker", **date("delivered_on", "23")})
    assert response.status_code == 302
    assert SpecialistSession.objects.get().topic == "victim_awareness"


def test_each_form_page_renders(cr_case, full_timer):
    client = client_for(full_timer)
    referral = s.referral_make(case=cr_case, to="pyjs_nurse", reason="Consent work.", made_on=day(12),
                               actor=full_timer)
    for url, heading in [
        (f"/cases/{cr_case.pk}/specialist/needs", "Flag a specialist need"),
        (f"/cases/{cr_case.pk}/specialist/referrals/new", "Make a specialist referral"),
        (f"/specialist/referrals/{referral.pk}/outcome", "Record the outcome of the referral"),
        (f"/cases/{cr_case.pk}/specialist/consultations/new", "Record a consultation"),
        (f"/cases/{cr_case.pk}/specialist/sessions/new", "Record a specialist session"),
    ]:
        response = client.get(url)
        assert response.status_code == 200 and heading in text(response), url


def test_the_section_reads_in_one_query_however_much_is_recorded(cr_case, full_timer):
    s.need_set(case=cr_case, kind="isb", present=True, reason="Explicit messages.", on=day(10), actor=full_timer)
    for n in range(3):
        referral = s.referral_make(case=cr_case, to="camhs", reason=f"Reason {n}.", made_on=day(12),
                                   actor=full_timer)
        s.referral_outcome_record(referral=referral, outcome="accepted", on=day(13), actor=full_timer)
        s.consultation_record(case=cr_case, with_whom="sal_worker", held_on=day(14), actor=full_timer)
        s.session_record(case=cr_case, topic="victim_awareness", delivered_by="case_worker", delivered_on=day(15),
                         actor=full_timer)
    with CaptureQueriesContext(connection) as queries:
        section = case_section(case=cr_case, staff=full_timer, today=day(24))
        names = [r.made_by.display_name for r in section["referrals"]]
        names += [r.latest_outcome.recorded_by.display_name for r in section["referrals"]]
        names += [n.set_by.display_name for n in section["needs"]]
        names += [c.recorded_by.display_name for c in section["consultations"] + section["sessions"]]
    assert len(queries) == 1
    assert len(section["referrals"]) == 3 and len(section["sessions"]) == 3


def test_a_worker_of_another_service_cannot_open_the_pages(cr_case, outsider, full_timer):
    referral = s.referral_make(case=cr_case, to="camhs", reason="Low mood.", made_on=day(12), actor=full_timer)
    client = client_for(outsider)
    for url in (f"/cases/{cr_case.pk}/specialist/referrals/new", f"/specialist/referrals/{referral.pk}/outcome",
                f"/cases/{cr_case.pk}/specialist/needs"):
        assert client.get(url).status_code in (403, 404), url
    client.post(f"/cases/{cr_case.pk}/specialist/referrals/new",
                {"to": "camhs", "reason": "Sneaky.", **date("made_on")})
    assert SpecialistReferral.objects.count() == 1


def test_a_signed_out_visitor_is_sent_to_sign_in(cr_case):
    response = Client().get(f"/cases/{cr_case.pk}/specialist/sessions/new")
    assert response.status_code in (302, 403)
    assert not SpecialistSession.objects.exists()
