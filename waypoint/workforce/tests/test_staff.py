"""Staff members: roles, bands, working patterns, and adding them with their sign-in account."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases.models import Event
from waypoint.workforce import models, services
from waypoint.workforce.models import StaffMember
from waypoint.workforce.services import staff_create

from .factories import TEST_PASSWORD, StaffMemberFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_part_time_means_fewer_than_five_working_days():
    assert StaffMember(working_days=["mon", "tue", "wed"]).part_time
    assert not StaffMember(working_days=["mon", "tue", "wed", "thu", "fri"]).part_time


@pytest.mark.parametrize(("role", "manager", "case_holder"), [
    ("team_manager", True, False),
    ("assistant_team_manager", True, False),
    ("service_manager", True, False),
    ("case_manager", False, True),
    ("yjso", False, True),
    ("student", False, True),
    ("business_support", False, False),
    ("specialist", False, False),
])
def test_managers_and_case_holders_by_role(role, manager, case_holder):
    staff = StaffMember(role=role)
    assert (staff.is_manager, staff.is_case_holder) == (manager, case_holder)


def test_the_band_follows_the_role_and_a_contradicting_band_is_refused(service):
    staff = StaffMemberFactory.build(service=service, role="advanced_practitioner", band="")
    staff.clean()
    assert staff.band == "c"
    wrong = StaffMemberFactory.build(service=service, role="senior_case_manager", band="a")
    with pytest.raises(ValidationError) as error:
        wrong.clean()
    assert error.value.message_dict["band"] == [models.BAND_DOES_NOT_MATCH_ROLE]


@pytest.mark.parametrize("days", [[], ["sat"], ["mon", "mon"], "mon"])
def test_working_days_must_be_weekdays_each_once(days):
    with pytest.raises(ValidationError) as error:
        models.validate_working_days(days)
    assert error.value.messages == [models.WORKING_DAYS_INVALID]


def test_adding_a_staff_member_creates_their_account_and_employment_event(service, team, manager):
    staff = staff_create(
        service=service, username="cw.example", given_name="Cal", family_name="Example", role="case_manager",
        gender="male", actor=manager, password=TEST_PASSWORD, team=team, working_days=["thu", "tue", "mon"],
        contracted_hours=Decimal("22.5"), line_manager=manager, employment_started_on=dt.date(2026, 11, 2),
    )
    assert staff.user.check_password(TEST_PASSWORD)
    assert staff.band == "a"
    assert staff.working_days == ["mon", "tue", "thu"]
    assert staff.part_time
    assert Event.objects.get(staff=staff).type == "staff.employment-started"


def test_a_username_in_use_is_refused(service, worker):
    with pytest.raises(ValidationError) as error:
        staff_create(service=service, username=worker.user.username, given_name="A", family_name="B",
                     role="yjso", gender="female")
    assert error.value.message_dict["username"] == [services.STAFF_USERNAME_TAKEN]


def test_team_and_line_manager_must_be_from_the_same_service(service, other_service):
    with pytest.raises(ValidationError) as error:
        staff_create(service=service, username="x.y", given_name="X", family_name="Y", role="yjso", gender="male",
                     team=TeamFactory(service=other_service),
                     line_manager=StaffMemberFactory(service=other_service))
    assert error.value.message_dict == {
        "team": [services.STAFF_TEAM_OTHER_SERVICE], "line_manager": [services.STAFF_LINE_MANAGER_OTHER_SERVICE],
    }
    assert not StaffMember.objects.filter(user__username="x.y").exists()


def test_a_manager_of_another_service_cannot_add_staff_here(service, other_service):
    with pytest.raises(PermissionDenied):
        staff_create(service=service, username="x.z", given_name="X", family_name="Z", role="yjso", gender="male",
                     actor=StaffMemberFactory(service=other_service, team_manager=True))
