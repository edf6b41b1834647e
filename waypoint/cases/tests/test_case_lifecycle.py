"""A case's status changes only through its transitions: open, request closure, close."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases import services
from waypoint.cases.models import Case, Event, StatusChangeRefused
from waypoint.cases.services import case_close, case_open, case_request_closure, case_set_restricted
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.tests.factories import StaffMemberFactory, TeamFactory
from waypoint.workforce.tests.fixtures import TODAY

from .factories import AllocationFactory, CaseFactory

pytestmark = pytest.mark.django_db


def test_opening_a_case_gives_it_a_reference_from_its_id(service, team, manager):
    child = ChildFactory(service=service)
    case = case_open(service=service, child=child, programme="yro", started_on=TODAY, actor=manager, team=team)
    assert case.reference == f"C-{case.pk:06d}"
    assert case.status == Case.Status.OPEN


def test_a_case_cannot_start_in_the_future_or_in_an_unknown_programme(service, manager):
    child = ChildFactory(service=service)
    with pytest.raises(ValidationError) as error:
        case_open(service=service, child=child, programme="detention", started_on=TODAY + dt.timedelta(days=1),
                  actor=manager)
    assert error.value.message_dict == {
        "programme": [services.CASE_PROGRAMME_INVALID], "started_on": [services.CASE_START_IN_FUTURE],
    }
    assert not Case.objects.exists()


def test_a_case_cannot_be_opened_in_another_services_team_or_for_its_child(service, other_service, manager):
    with pytest.raises(ValidationError) as error:
        case_open(service=service, child=ChildFactory(service=other_service), programme="yro", started_on=TODAY,
                  actor=manager, team=TeamFactory(service=other_service))
    assert set(error.value.message_dict) == {"team", "child"}


def test_status_cannot_be_edited_by_hand(service):
    case = CaseFactory(service=service)
    case = Case.objects.get(pk=case.pk)
    case.status = Case.Status.CLOSED
    with pytest.raises(StatusChangeRefused):
        case.save()
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_other_fields_can_still_be_saved(service, team):
    case = Case.objects.get(pk=CaseFactory(service=service).pk)
    case.team = team
    case.save()
    assert Case.objects.get(pk=case.pk).team == team


def test_requesting_closure_moves_the_status_and_writes_closure_requested(service, worker):
    case = Case.objects.get(pk=CaseFactory(service=service, programme="oocd").pk)
    case_request_closure(case=case, reason="disengagement", actor=worker, on=TODAY,
                         steps_taken="Two home visits; the child refused to continue.")

    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSURE_REQUESTED
    event = Event.objects.get(case=case)
    assert (event.type, event.data) == ("closure.requested", {
        "reason": "disengagement", "programme": "oocd", "note": "Two home visits; the child refused to continue."})


def test_closure_cannot_be_requested_twice(service, worker):
    case = CaseFactory(service=service)
    case_request_closure(case=case, reason="no_contact", actor=worker, steps_taken="Letters and a home visit.")
    with pytest.raises(ValidationError) as error:
        case_request_closure(case=case, reason="no_contact", actor=worker, steps_taken="Letters and a home visit.")
    assert error.value.message_dict["case"] == [services.CLOSURE_ALREADY_REQUESTED]


def test_closing_ends_current_allocations_and_writes_case_closed(service, worker, manager):
    case = CaseFactory(service=service, started_on=dt.date(2026, 9, 1))
    allocation = AllocationFactory(case=case, staff=worker, starts_on=dt.date(2026, 9, 2), allocated_by=manager)

    case_close(case=case, reason="completed", actor=manager, on=dt.date(2026, 11, 20))

    case = Case.objects.get(pk=case.pk)
    allocation.refresh_from_db()
    assert (case.status, case.ended_on, case.closure_reason) == (Case.Status.CLOSED, dt.date(2026, 11, 20), "completed")
    assert allocation.ends_on == dt.date(2026, 11, 20)
    assert [e.type for e in Event.objects.filter(case=case).order_by("id")] == ["record.entered", "case.closed"]


def test_closure_guards(service, worker, manager):
    case = CaseFactory(service=service, started_on=dt.date(2026, 9, 1))
    with pytest.raises(PermissionDenied):
        case_close(case=case, reason="completed", actor=worker, on=TODAY)
    with pytest.raises(ValidationError) as error:
        case_close(case=case, reason="bored", actor=manager, on=dt.date(2026, 8, 1))
    assert error.value.message_dict == {
        "reason": [services.CLOSURE_REASON_INVALID], "on": [services.CLOSURE_DATE_BEFORE_START],
    }
    with pytest.raises(ValidationError) as error:
        case_close(case=case, reason="completed", actor=manager, on=TODAY + dt.timedelta(days=1))
    assert error.value.message_dict["on"] == [services.CLOSURE_DATE_IN_FUTURE]
    case_close(case=case, reason="completed", actor=manager, on=TODAY)
    with pytest.raises(ValidationError) as error:
        case_close(case=case, reason="completed", actor=manager, on=TODAY)
    assert error.value.message_dict["case"] == [services.CLOSURE_CASE_ALREADY_CLOSED]


def test_an_advanced_practitioner_may_close_a_case(service, team):
    ap = StaffMemberFactory(service=service, team=team, role="advanced_practitioner", band="c")
    case = CaseFactory(service=service, started_on=dt.date(2026, 9, 1))
    case_close(case=case, reason="completed", actor=ap, on=TODAY)
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


def test_restricting_a_case_needs_a_reason_and_writes_a_management_entry(service, manager):
    case = CaseFactory(service=service)
    with pytest.raises(ValidationError) as error:
        case_set_restricted(case=case, restricted=True, reason="", actor=manager)
    assert error.value.message_dict["reason"] == [services.RESTRICTION_REASON_MISSING]

    case_set_restricted(case=case, restricted=True, reason="A relative works in the team", actor=manager)
    assert Case.objects.get(pk=case.pk).restricted
    event = Event.objects.get(case=case)
    assert event.data == {"kind": "management_entry", "topic": "restricted"}
    assert event.reason == "A relative works in the team"
