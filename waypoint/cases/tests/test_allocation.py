"""Allocating and reallocating workers: history rows, the events written, and every guard."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases import services
from waypoint.cases.models import Allocation, Case, Event
from waypoint.cases.services import case_allocate, case_deallocate
from waypoint.workforce.tests.factories import StaffMemberFactory
from waypoint.workforce.tests.fixtures import TODAY

from .factories import AllocationFactory, CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(service, team):
    return CaseFactory(service=service, team=team, started_on=dt.date(2026, 11, 2))


def allocate(case, staff, actor, **overrides):
    arguments = dict(case=case, staff=staff, role="cm", rationale="Experienced with this age group.", actor=actor,
                     on=dt.date(2026, 11, 5))
    arguments.update(overrides)
    return case_allocate(**arguments)


def test_first_allocation_is_a_history_row_and_writes_case_allocated(case, worker, manager):
    allocation = allocate(case, worker, manager)

    assert (allocation.staff, allocation.role, allocation.starts_on, allocation.ends_on) == (
        worker, "cm", dt.date(2026, 11, 5), None
    )
    assert allocation.allocated_by == manager
    event = Event.objects.get(case=case)
    assert event.type == "case.allocated"
    assert event.actor == manager
    assert event.data["programme"] == "community_resolution"
    assert event.data["role"] == "cm"
    assert event.data["band"] == "a"
    assert event.data["worker_gender"] == worker.gender
    assert event.data["working_days"] == ["mon", "tue", "wed", "thu", "fri"]


def test_allocation_event_happens_at_midnight_london_on_a_past_date(case, worker, manager):
    allocate(case, worker, manager, on=dt.date(2026, 11, 5))
    event = Event.objects.get(case=case)
    # 5 November is in GMT, so local midnight is 00:00 UTC.
    assert event.occurred_at == dt.datetime(2026, 11, 5, 0, 0, tzinfo=dt.timezone.utc)


def test_reallocating_the_lead_ends_the_previous_allocation_and_writes_case_reallocated(
    case, worker, other_worker, manager
):
    first = allocate(case, worker, manager, on=dt.date(2026, 11, 5))
    second = allocate(case, other_worker, manager, on=dt.date(2026, 11, 20), reason="leave")

    first.refresh_from_db()
    assert first.ends_on == dt.date(2026, 11, 19)
    assert second.ends_on is None
    assert [a.staff for a in case.allocations.filter(ends_on__isnull=True)] == [other_worker]
    types = list(Event.objects.filter(case=case).order_by("occurred_at").values_list("type", flat=True))
    assert types == ["case.allocated", "case.reallocated"]
    reallocated = Event.objects.get(case=case, type="case.reallocated")
    assert reallocated.data["reason"] == "leave"
    assert reallocated.data["previous_staff_id"] == worker.pk


def test_case_worker_and_case_manager_are_the_same_lead_role(case, worker, other_worker, manager):
    allocate(case, worker, manager, role="case_worker")
    allocate(case, other_worker, manager, role="cm", on=dt.date(2026, 11, 6))
    assert case.allocations.filter(ends_on__isnull=True).count() == 1
    assert case.case_worker == other_worker


def test_a_practice_supervisor_is_co_allocated_alongside_the_lead(case, worker, manager, service, team):
    senior = StaffMemberFactory(service=service, team=team, role="senior_case_manager", band="b")
    allocate(case, worker, manager)
    allocate(case, senior, manager, role="practice_supervisor")

    assert case.allocations.filter(ends_on__isnull=True).count() == 2
    co = Event.objects.get(case=case, type="case.co-allocated")
    assert co.data["role"] == "practice_supervisor"
    assert co.data["band"] == "b"


def test_allocating_a_student_marks_the_event_to_student(case, manager, service, team):
    student = StaffMemberFactory(service=service, team=team, student=True)
    allocate(case, student, manager)
    assert Event.objects.get(case=case).data["to"] == "student"


def test_a_worker_from_another_service_cannot_be_allocated(case, manager, other_service):
    outsider = StaffMemberFactory(service=other_service)
    with pytest.raises(ValidationError) as error:
        allocate(case, outsider, manager)
    assert error.value.message_dict["staff"] == [services.ALLOCATION_WORKER_OTHER_SERVICE]
    assert not Allocation.objects.exists()


def test_an_inactive_worker_cannot_be_allocated(case, manager, service, team):
    leaver = StaffMemberFactory(service=service, team=team, active=False)
    with pytest.raises(ValidationError) as error:
        allocate(case, leaver, manager)
    assert error.value.message_dict["staff"] == [services.ALLOCATION_WORKER_INACTIVE]


@pytest.mark.parametrize("rationale", ["", "   "])
def test_the_rationale_is_required(case, worker, manager, rationale):
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, rationale=rationale)
    assert error.value.message_dict["rationale"] == [services.ALLOCATION_RATIONALE_MISSING]


def test_a_rationale_over_the_maximum_length_is_refused(case, worker, manager):
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, rationale="x" * 2001)
    assert "rationale" in error.value.message_dict
    assert not Allocation.objects.exists()
    assert not Event.objects.exists()


def test_the_allocation_date_cannot_be_in_the_future(case, worker, manager):
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, on=TODAY + dt.timedelta(days=1))
    assert error.value.message_dict["on"] == [services.ALLOCATION_DATE_IN_FUTURE]


def test_today_is_an_allowed_allocation_date(case, worker, manager):
    assert allocate(case, worker, manager, on=TODAY).starts_on == TODAY


def test_the_allocation_date_cannot_be_before_the_case_started(case, worker, manager):
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, on=dt.date(2026, 11, 1))
    assert error.value.message_dict["on"] == [services.ALLOCATION_DATE_BEFORE_CASE]


def test_only_managers_allocate(case, worker, other_worker):
    with pytest.raises(PermissionDenied):
        allocate(case, other_worker, worker)


def test_a_manager_of_another_service_cannot_allocate(case, worker, other_service):
    outside_manager = StaffMemberFactory(service=other_service, team_manager=True)
    with pytest.raises(PermissionDenied):
        allocate(case, worker, outside_manager)


def test_the_same_worker_cannot_be_allocated_twice_in_the_same_role(case, worker, manager):
    allocate(case, worker, manager)
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, on=dt.date(2026, 11, 6))
    assert error.value.message_dict["staff"] == [services.ALLOCATION_ALREADY_CURRENT]


def test_an_unknown_role_is_refused(case, worker, manager):
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, role="boss")
    assert error.value.message_dict["role"] == [services.ALLOCATION_ROLE_INVALID]


def test_allocation_and_its_event_are_one_transaction(case, worker, other_worker, manager, monkeypatch):
    allocate(case, worker, manager)

    def broken_hook(case):
        raise RuntimeError("obligations could not be recomputed")

    monkeypatch.setattr(services, "on_case_events_changed", broken_hook)
    with pytest.raises(RuntimeError):
        allocate(case, other_worker, manager, on=dt.date(2026, 11, 20))

    # Nothing half-done: the first worker still holds the case, no second row, no second event.
    assert list(case.allocations.values_list("staff_id", "ends_on")) == [(worker.pk, None)]
    assert Event.objects.filter(case=case).count() == 1


def test_deallocation_ends_the_row_and_writes_case_deallocated(case, worker, manager, service, team):
    senior = StaffMemberFactory(service=service, team=team, role="senior_case_manager", band="b")
    allocate(case, worker, manager)
    supervision = allocate(case, senior, manager, role="practice_supervisor")

    case_deallocate(allocation=supervision, on=dt.date(2026, 11, 20), actor=manager)

    supervision.refresh_from_db()
    assert supervision.ends_on == dt.date(2026, 11, 20)
    event = Event.objects.get(case=case, type="case.deallocated")
    assert event.data == {"role": "practice_supervisor", "staff_id": senior.pk, "band": "b"}


def test_an_ended_allocation_cannot_be_ended_again(case, manager):
    ended = AllocationFactory(case=case, ends_on=dt.date(2026, 11, 10), allocated_by=manager)
    with pytest.raises(ValidationError) as error:
        case_deallocate(allocation=ended, on=dt.date(2026, 11, 12), actor=manager)
    assert error.value.message_dict["allocation"] == [services.DEALLOCATION_ALREADY_ENDED]


def test_a_closed_case_cannot_be_allocated(case, worker, manager):
    services.case_close(case=case, reason="completed", actor=manager, on=dt.date(2026, 11, 10))
    with pytest.raises(ValidationError) as error:
        allocate(case, worker, manager, on=dt.date(2026, 11, 12))
    assert error.value.message_dict["case"] == [services.ALLOCATION_CASE_CLOSED]
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED
