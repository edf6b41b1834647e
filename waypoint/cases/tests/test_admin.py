"""The admin lists every domain model, and shows the chronology without any way to add, change or delete it."""
import pytest
from django.contrib import admin
from django.urls import reverse

from waypoint.workforce.tests.factories import UserFactory

from .factories import AllocationFactory, EventFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"workforce", "people", "referrals", "cases"}


@pytest.fixture
def admin_client_signed_in(client):
    client.force_login(UserFactory(username="admin.test", is_staff=True, is_superuser=True))
    return client


def test_every_domain_model_has_a_working_admin_list(admin_client_signed_in, manager):
    AllocationFactory(allocated_by=manager)
    EventFactory()
    models = [m for m in admin.site._registry if m._meta.app_label in DOMAIN_APPS]
    assert {m.__name__ for m in models} == {
        "Service", "Team", "StaffMember", "Absence", "Child", "Person", "Victim", "Referral", "Case", "Allocation",
        "Event", "Offence", "CourtHearing", "Order",
    }
    for model in models:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client_signed_in.get(url).status_code == 200, url


def test_events_are_read_only_in_the_admin(admin_client_signed_in):
    event = EventFactory()
    change = reverse("admin:cases_event_change", args=[event.pk])
    response = admin_client_signed_in.get(change)
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    assert admin_client_signed_in.get(reverse("admin:cases_event_add")).status_code == 403
    assert admin_client_signed_in.post(reverse("admin:cases_event_delete", args=[event.pk]),
                                       {"post": "yes"}).status_code == 403
    assert admin_client_signed_in.post(change, {"type": "appointment.missed"}).status_code == 403
