"""Every page renders on the demo data for each kind of user, without a query per row: the data a new user first
sees after `make run`."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waypoint.cases.models import Case
from waypoint.core.management import demo_data
from waypoint.referrals.models import Referral
from waypoint.workforce.models import StaffMember

pytestmark = pytest.mark.django_db

# Ceilings, not exact counts: a page's queries must not grow with its rows (a case with many events, a full list).
MAX_QUERIES = 30
# The case page is the widest: details, What's due and meeting actions, appointments, letters, the ladder, ratings and
# assessments, the plan (with early revocation on a YRO), meetings, specialist work and the chronology: a few
# queries per section, none per row.
CASE_PAGE_MAX_QUERIES = 50


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_data.load()
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", "--noinput")


def pages_for(staff: StaffMember) -> list[str]:
    cases = Case.objects.filter(service=staff.service).order_by("-id")
    busiest = max(cases[:40], key=lambda case: case.events.count())
    urls = [
        reverse("my-cases"), reverse("case-list"), reverse("case-list") + "?page=2", reverse("referral-list"),
        reverse("case-detail", kwargs={"case_id": busiest.pk}),
        reverse("child-detail", kwargs={"child_id": busiest.child_id}),
        reverse("referral-create"),
    ]
    referral = Referral.objects.filter(service=staff.service).first()
    if referral:
        urls.append(reverse("referral-detail", kwargs={"referral_id": referral.pk}))
    return urls


@pytest.mark.parametrize("role", [StaffMember.Role.TEAM_MANAGER, StaffMember.Role.CASE_MANAGER,
                                  StaffMember.Role.SERVICE_MANAGER])
def test_every_page_renders_on_the_demo_data(demo, role):
    staff_members = list(StaffMember.objects.filter(role=role, active=True).select_related("service")[:2])
    assert staff_members
    for staff in staff_members:
        client = Client()
        client.force_login(staff.user)
        for url in pages_for(staff):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # A case worker may meet a restricted case of a colleague's; a manager sees every page.
            assert response.status_code == 200 or (response.status_code == 403 and not staff.is_manager), (staff, url)
            ceiling = CASE_PAGE_MAX_QUERIES if url.startswith("/cases/") and url[7:].isdigit() else MAX_QUERIES
            assert len(queries) <= ceiling, (url, len(queries))
