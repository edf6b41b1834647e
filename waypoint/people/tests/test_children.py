"""Recording children: references, the date-of-birth and length guards, names, ages, and history rows."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases.models import Event
from waypoint.cases.tests.factories import CaseFactory
from waypoint.core.models import AppendOnlyError
from waypoint.people import models as people_models, services
from waypoint.people.models import Child, ChildAddress, ChildCircumstance
from waypoint.people.selectors import child_current_circumstances
from waypoint.people.services import child_address_record, child_circumstance_record, child_create
from waypoint.workforce.tests.factories import StaffMemberFactory
from waypoint.workforce.tests.fixtures import TODAY

from .factories import ChildFactory

pytestmark = pytest.mark.django_db


def create(service, actor, **overrides):
    arguments = dict(service=service, given_name="Jory", family_name="Penhallow", date_of_birth=dt.date(2011, 6, 14),
                     gender="male", actor=actor)
    arguments.update(overrides)
    return child_create(**arguments)


def test_a_child_gets_a_reference_from_its_id(service, worker):
    child = create(service, worker, preferred_name="Jay", slcn=True)
    assert child.reference == f"WP-{child.pk:05d}"
    assert (child.preferred_name, child.slcn, child.send) == ("Jay", True, False)


def test_a_date_of_birth_in_the_future_is_refused(service, worker):
    with pytest.raises(ValidationError) as error:
        create(service, worker, date_of_birth=TODAY + dt.timedelta(days=1))
    assert error.value.message_dict["date_of_birth"] == [services.CHILD_DATE_OF_BIRTH_IN_FUTURE]
    assert not Child.objects.exists()


def test_a_date_of_birth_more_than_25_years_ago_is_refused(service, worker):
    with pytest.raises(ValidationError) as error:
        create(service, worker, date_of_birth=dt.date(2001, 11, 23))
    assert error.value.message_dict["date_of_birth"] == [services.CHILD_DATE_OF_BIRTH_TOO_EARLY]


def test_a_date_of_birth_exactly_25_years_ago_is_accepted(service, worker):
    assert create(service, worker, date_of_birth=dt.date(2001, 11, 24)).date_of_birth == dt.date(2001, 11, 24)


def test_missing_names_gender_and_date_of_birth_are_each_reported(service, worker):
    with pytest.raises(ValidationError) as error:
        create(service, worker, given_name=" ", family_name="", date_of_birth=None, gender="")
    assert error.value.message_dict == {
        "given_name": [services.CHILD_GIVEN_NAME_MISSING],
        "family_name": [services.CHILD_FAMILY_NAME_MISSING],
        "date_of_birth": [services.CHILD_DATE_OF_BIRTH_MISSING],
        "gender": [services.CHILD_GENDER_MISSING],
    }


def test_a_name_over_the_maximum_length_is_refused(service, worker):
    with pytest.raises(ValidationError) as error:
        create(service, worker, family_name="x" * 101)
    assert "family_name" in error.value.message_dict
    assert not Child.objects.exists()


def test_an_unknown_optional_detail_is_refused(service, worker):
    with pytest.raises(ValidationError) as error:
        create(service, worker, shoe_size="5")
    assert error.value.message_dict == {"shoe_size": [services.CHILD_OPTIONAL_FIELD_UNKNOWN]}


def test_staff_of_another_service_cannot_record_a_child_here(service, other_service):
    with pytest.raises(PermissionDenied):
        create(service, StaffMemberFactory(service=other_service))


@pytest.mark.parametrize(("born", "on", "age"), [
    (dt.date(2011, 6, 14), dt.date(2026, 6, 13), 14),
    (dt.date(2011, 6, 14), dt.date(2026, 6, 14), 15),
    (dt.date(2012, 2, 29), dt.date(2026, 2, 28), 13),
    (dt.date(2012, 2, 29), dt.date(2026, 3, 1), 14),
])
def test_age_on_a_date_counts_whole_years(born, on, age):
    assert Child(date_of_birth=born).age_on(on) == age


def test_display_name_prefers_the_preferred_name():
    assert Child(given_name="Rubina", family_name="Quill", preferred_name="Ruby").display_name == "Ruby Quill"
    assert Child(given_name="Rubina", family_name="Quill").display_name == "Rubina Quill"


def test_the_current_address_is_the_latest_by_date_then_by_recording(service, worker, fixed_clock):
    child = ChildFactory(service=service)
    child_address_record(child=child, line_1="1 Old Lane", town="Exampleton", postcode="zz1 1zz",
                         from_date=dt.date(2025, 1, 1), actor=worker)
    child_address_record(child=child, line_1="2 New Road", town="Exampleton", postcode="ZZ1 2ZZ",
                         from_date=dt.date(2026, 3, 1), actor=worker)
    # A backdated correction of the older address does not displace the newer one.
    child_address_record(child=child, line_1="1a Old Lane", town="Exampleton", postcode="ZZ1 1ZZ",
                         from_date=dt.date(2025, 1, 1), actor=worker)
    assert child.current_address().line_1 == "2 New Road"
    assert child.addresses.count() == 3
    assert ChildAddress.objects.get(line_1="1 Old Lane").postcode == "ZZ1 1ZZ"


def test_a_move_is_written_to_each_open_case_but_the_first_address_is_not(service, worker):
    child = ChildFactory(service=service)
    open_case = CaseFactory(service=service, child=child)
    closed = CaseFactory(service=service, child=child, started_on=dt.date(2026, 1, 5))
    closed._transition("closed")
    closed.save()
    child_address_record(child=child, line_1="1 Old Lane", town="Exampleton", postcode="ZZ1 1ZZ",
                         from_date=dt.date(2025, 1, 1), actor=worker)
    assert not Event.objects.exists()

    child_address_record(child=child, line_1="2 New Road", town="Exampleton", postcode="ZZ1 2ZZ", locality="South",
                         from_date=dt.date(2026, 11, 20), actor=worker)
    event = Event.objects.get()
    assert (event.type, event.case, event.data) == ("address.changed", open_case, {"locality": "South"})


def test_history_rows_cannot_be_edited_or_deleted(service, worker):
    child = ChildFactory(service=service)
    row = child_circumstance_record(child=child, kind="care_status", value="child_in_need", from_date=TODAY,
                                    actor=worker)
    row.value = "none"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        ChildCircumstance.objects.filter(child=child).update(value="none")
    assert ChildCircumstance.objects.get().value == "child_in_need"


def test_care_status_takes_only_the_guidances_values(service, worker):
    child = ChildFactory(service=service)
    with pytest.raises(ValidationError) as error:
        child_circumstance_record(child=child, kind="care_status", value="fostered", from_date=TODAY, actor=worker)
    assert error.value.message_dict["value"] == [people_models.CARE_STATUS_VALUE_INVALID]


def test_history_dates_must_be_between_birth_and_today(service, worker):
    child = ChildFactory(service=service, date_of_birth=dt.date(2012, 1, 1))
    with pytest.raises(ValidationError) as error:
        child_circumstance_record(child=child, kind="ete_status", value="In school", from_date=TODAY + dt.timedelta(1),
                                  actor=worker)
    assert error.value.message_dict["from_date"] == [services.HISTORY_DATE_IN_FUTURE]
    with pytest.raises(ValidationError) as error:
        child_circumstance_record(child=child, kind="ete_status", value="In school", from_date=dt.date(2011, 1, 1),
                                  actor=worker)
    assert error.value.message_dict["from_date"] == [services.HISTORY_DATE_BEFORE_BIRTH]


def test_current_circumstances_are_the_latest_row_of_each_kind(service, worker):
    child = ChildFactory(service=service)
    child_circumstance_record(child=child, kind="care_status", value="child_in_need", from_date=dt.date(2025, 1, 1),
                              actor=worker)
    child_circumstance_record(child=child, kind="care_status", value="looked_after", from_date=dt.date(2026, 5, 1),
                              actor=worker)
    child_circumstance_record(child=child, kind="social_worker", value="Sam Example (Children's Services)",
                              from_date=dt.date(2026, 5, 1), actor=worker)
    current = child_current_circumstances(child)
    assert current["care_status"].value_display == "Looked after"
    assert current["social_worker"].value == "Sam Example (Children's Services)"
    assert child.current_circumstance("care_status").value == "looked_after"
