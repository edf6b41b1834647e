"""The referral list (newest first, filtered by status) and a referral's page (details, and the next step offered
only to managers)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from waypoint.referrals.services import referral_record, referral_triage
from waypoint.workforce.tests.fixtures import TODAY

from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals(world):
    older = referral_record(service=world.service, child=world.child, actor=world.worker, source="stepdown",
                            received_on=TODAY - dt.timedelta(days=9), summary="Step-down from social care.",
                            referrer_name="Sam Socialworker")
    newer = referral_record(service=world.service, child=world.child, actor=world.worker, source="tvp_yot1",
                            received_on=TODAY - dt.timedelta(days=2), summary="First line.\nSecond line.")
    referral_triage(referral=older, outcome="not_met", reason="Already open to the service.", actor=world.manager)
    return older, newer


def test_the_list_shows_the_newest_first_with_status(world, client_for, referrals):
    page = text(client_for(world.worker).get(reverse("referral-list")))
    assert "Showing 1 to 2 of 2 referrals" in page
    assert page.index("Police community resolution (YOT1) Received") < page.index("Social care step-down Not accepted")


def test_the_list_filters_by_status_and_ignores_a_status_that_does_not_exist(world, client_for, referrals):
    client = client_for(world.worker)
    page = text(client.get(reverse("referral-list"), {"status": "not_accepted"}))
    assert "Showing 1 to 1 of 1 referral" in page and "Social care step-down" in page
    assert "Showing 1 to 2 of 2 referrals" in text(client.get(reverse("referral-list"), {"status": "bogus"}))


def test_a_referrals_page_shows_its_details_and_the_triage_decision(world, client_for, referrals):
    older, newer = referrals
    client = client_for(world.worker)
    page = text(client.get(reverse("referral-detail", kwargs={"referral_id": older.pk})))
    assert "Referrer Sam Socialworker" in page
    assert "Triage decision Does not meet the criteria Reason Already open to the service. Triaged by Tara Manning" in page
    body = client.get(reverse("referral-detail", kwargs={"referral_id": newer.pk})).content.decode()
    assert "First line.<br>Second line." in body


def test_only_a_manager_is_offered_the_triage(world, client_for, referrals):
    newer = referrals[1]
    url = reverse("referral-detail", kwargs={"referral_id": newer.pk})
    assert "Triage this referral" in text(client_for(world.manager).get(url))
    worker_page = text(client_for(world.worker).get(url))
    assert "Triage this referral" not in worker_page
    assert "A team manager, assistant team manager or service manager will triage this referral" in worker_page
