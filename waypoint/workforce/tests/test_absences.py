"""Absences: planned leave and unplanned absence, each written to the worker's own chronology."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases.models import Event
from waypoint.workforce import services
from waypoint.workforce.models import Absence
from waypoint.workforce.services import absence_end, absence_record

from .fixtures import FIXED_NOW, TODAY

pytestmark = pytest.mark.django_db


def test_planned_leave_is_booked_now_with_its_dates(worker, manager):
    absence_record(staff=worker, kind="planned", starts_on=dt.date(2026, 12, 21), ends_on=dt.date(2026, 12, 31),
                   actor=manager)
    event = Event.objects.get(staff=worker)
    assert (event.type, event.occurred_at) == ("staff.leave-planned", FIXED_NOW)
    assert event.data == {"start": "2026-12-21", "end": "2026-12-31"}


def test_an_unplanned_absence_starts_on_its_first_day_and_ends_with_the_return(worker, manager):
    absence = absence_record(staff=worker, kind="unplanned", starts_on=dt.date(2026, 11, 16), actor=manager)
    absence_end(absence=absence, ends_on=dt.date(2026, 11, 20), actor=manager)

    assert Absence.objects.get().ends_on == dt.date(2026, 11, 20)
    types = list(Event.objects.filter(staff=worker).order_by("occurred_at").values_list("type", "data"))
    assert types == [("staff.absence-started", {"planned": False}), ("staff.absence-ended", {})]


def test_absence_dates_are_checked(worker, manager):
    with pytest.raises(ValidationError) as error:
        absence_record(staff=worker, kind="planned", starts_on=dt.date(2026, 12, 21), ends_on=dt.date(2026, 12, 20),
                       actor=manager)
    assert error.value.message_dict["ends_on"] == [services.ABSENCE_END_BEFORE_START]
    with pytest.raises(ValidationError) as error:
        absence_record(staff=worker, kind="unplanned", starts_on=TODAY + dt.timedelta(days=1), actor=manager)
    assert error.value.message_dict["starts_on"] == [services.ABSENCE_UNPLANNED_IN_FUTURE]
    assert not Absence.objects.exists()


def test_planned_leave_needs_its_last_day_and_an_unplanned_absence_already_over_writes_its_return(worker, manager):
    with pytest.raises(ValidationError) as error:
        absence_record(staff=worker, kind="planned", starts_on=dt.date(2026, 12, 21), actor=manager)
    assert error.value.message_dict == {"ends_on": [services.ABSENCE_LEAVE_END_MISSING]}
    with pytest.raises(ValidationError) as error:
        absence_record(staff=worker, kind="unplanned", starts_on=dt.date(2026, 11, 16),
                       ends_on=TODAY + dt.timedelta(days=1), actor=manager)
    assert error.value.message_dict == {"ends_on": [services.ABSENCE_UNPLANNED_END_IN_FUTURE]}
    assert not Absence.objects.exists() and not Event.objects.exists()
    absence_record(staff=worker, kind="unplanned", starts_on=dt.date(2026, 11, 16), ends_on=dt.date(2026, 11, 18),
                   actor=manager)
    types = list(Event.objects.filter(staff=worker).order_by("occurred_at").values_list("type", "occurred_at"))
    assert [(t, at.date()) for t, at in types] == [("staff.absence-started", dt.date(2026, 11, 16)),
                                                   ("staff.absence-ended", dt.date(2026, 11, 18))]


def test_an_absence_ends_once(worker, manager):
    absence = absence_record(staff=worker, kind="unplanned", starts_on=dt.date(2026, 11, 16), actor=manager)
    absence_end(absence=absence, ends_on=dt.date(2026, 11, 18), actor=manager)
    with pytest.raises(ValidationError) as error:
        absence_end(absence=absence, ends_on=dt.date(2026, 11, 19), actor=manager)
    assert error.value.message_dict["ends_on"] == [services.ABSENCE_ALREADY_ENDED]


def test_a_worker_records_their_own_leave_but_not_a_colleagues(worker, other_worker):
    absence_record(staff=worker, kind="planned", starts_on=dt.date(2026, 12, 21), ends_on=dt.date(2026, 12, 22),
                   actor=worker)
    with pytest.raises(PermissionDenied):
        absence_record(staff=other_worker, kind="planned", starts_on=dt.date(2026, 12, 21),
                       ends_on=dt.date(2026, 12, 22), actor=worker)
