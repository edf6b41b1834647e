"""The chronology: append-only events, recording with the catalogue's vocabulary, voiding and amending."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases import services
from waypoint.cases.models import Event
from waypoint.cases.selectors import case_chronology
from waypoint.cases.services import event_amend, event_record, event_void
from waypoint.core.models import AppendOnlyError
from waypoint.workforce.tests.factories import StaffMemberFactory
from waypoint.workforce.tests.fixtures import FIXED_NOW

from .factories import CaseFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(service, team):
    return CaseFactory(service=service, team=team)


def record(on_case, actor, **overrides):
    arguments = dict(
        type="appointment.scheduled", occurred_at=dt.datetime(2026, 11, 10, 9, 30, tzinfo=dt.timezone.utc),
        actor=actor, data={"appointment_id": "a1", "starts_at": "2026-11-17T16:00", "type": "office"}, case=on_case,
    )
    arguments.update(overrides)
    return event_record(**arguments)


def test_an_event_is_recorded_with_its_attributes_actor_and_recording_time(case, worker):
    event = record(case, worker)
    assert event.type == "appointment.scheduled"
    assert event.actor == worker
    assert event.recorded_at == FIXED_NOW
    assert event.data["appointment_id"] == "a1"


def test_a_date_is_read_as_midnight_in_london(case, worker):
    # 1 July is in British Summer Time, so local midnight is 23:00 UTC the day before.
    event = record(case, worker, occurred_at=dt.date(2026, 7, 1))
    assert event.occurred_at == dt.datetime(2026, 6, 30, 23, 0, tzinfo=dt.timezone.utc)


def test_an_unknown_event_type_is_refused(case, worker):
    with pytest.raises(ValidationError) as error:
        record(case, worker, type="appointment.forgotten")
    assert error.value.message_dict["type"] == [services.EVENT_TYPE_NOT_RECORDABLE]


def test_a_value_outside_the_vocabulary_is_refused_here_and_logged_in_production(case, worker, settings, caplog):
    with pytest.raises(ValidationError) as error:
        event_record(type="assessment.completed", occurred_at=FIXED_NOW, actor=worker, case=case,
                     data={"type": "asset_plus", "note": "any note"})
    assert error.value.message_dict["data"] == [services.EVENT_DATA_NOT_IN_VOCABULARY.format(
        problem="assessment.completed.type: 'asset_plus' is not one of assetplus, assetplus_closure, assetplus_review, "
                "mini_asset")]
    assert not Event.objects.filter(case=case).exists()
    event_record(type="assessment.completed", occurred_at=FIXED_NOW, actor=worker, case=case,
                 data={"type": "assetplus", "product_key": "kept as given"})  # keys it does not know pass
    settings.WAYPOINT_STRICT_EVENT_DATA = False
    event_record(type="assessment.completed", occurred_at=FIXED_NOW, actor=worker, case=case,
                 data={"type": "asset_plus"})
    assert "asset_plus" in caplog.text
    assert Event.objects.filter(case=case).count() == 2


def test_derived_events_are_the_rules_engines_not_recordable(case, worker):
    with pytest.raises(ValidationError) as error:
        record(case, worker, type="order.midpoint-reached", data={})
    assert error.value.message_dict["type"] == [services.EVENT_TYPE_NOT_RECORDABLE]


def test_corrections_cannot_be_recorded_as_ordinary_events(case, worker):
    with pytest.raises(ValidationError) as error:
        record(case, worker, type="event.voided", data={})
    assert error.value.message_dict["type"] == [services.EVENT_CORRECTION_BY_SERVICE]


def test_an_event_in_the_future_is_refused(case, worker):
    with pytest.raises(ValidationError) as error:
        record(case, worker, occurred_at=FIXED_NOW + dt.timedelta(days=1))
    assert error.value.message_dict["occurred_at"] == [services.EVENT_IN_FUTURE]


def test_an_event_must_belong_to_exactly_one_owner(case, worker):
    with pytest.raises(ValidationError) as error:
        record(case, worker, case=None)
    assert error.value.messages == [services.EVENT_OWNER_AMBIGUOUS]
    with pytest.raises(ValidationError):
        record(case, worker, staff=worker)


def test_staff_of_another_service_cannot_write_to_the_case(case, other_service):
    with pytest.raises(PermissionDenied):
        record(case, StaffMemberFactory(service=other_service))


def test_the_obligations_hook_hears_every_event_written_to_a_case(case, worker, monkeypatch):
    heard = []
    monkeypatch.setattr(services, "on_case_events_changed", heard.append)
    record(case, worker)
    event_void(event=Event.objects.get(case=case), reason="Entered on the wrong case", actor=worker)
    assert heard == [case, case]


def test_a_saved_event_cannot_be_edited(case, worker):
    event = record(case, worker)
    event.data = {"appointment_id": "changed"}
    with pytest.raises(AppendOnlyError):
        event.save()
    assert Event.objects.get(pk=event.pk).data["appointment_id"] == "a1"


def test_an_event_cannot_be_deleted_one_by_one_or_in_bulk(case, worker):
    event = record(case, worker)
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(type="appointment.missed")
    assert Event.objects.filter(pk=event.pk, type="appointment.scheduled").exists()


def test_voiding_keeps_the_original_and_adds_a_correction_with_reason_and_actor(case, worker, manager):
    original = record(case, worker)
    correction = event_void(event=original, reason="Recorded on the wrong child's case", actor=manager)

    assert correction.type == "event.voided"
    assert correction.voids == original
    assert correction.reason == "Recorded on the wrong child's case"
    assert correction.data == {
        "event_id": str(original.pk), "reason": "Recorded on the wrong child's case", "by": manager.display_name,
    }
    chronology = case_chronology(case)
    assert [e.pk for e in chronology] == [original.pk, correction.pk]
    assert chronology[0].is_voided and chronology[0].voiding.actor == manager
    assert not chronology[1].is_voided


def test_an_event_cannot_be_voided_twice(case, worker):
    original = record(case, worker)
    event_void(event=original, reason="Duplicate", actor=worker)
    with pytest.raises(ValidationError) as error:
        event_void(event=original, reason="Duplicate again", actor=worker)
    assert error.value.message_dict["event"] == [services.CORRECTION_ALREADY_VOIDED]


def test_a_correction_cannot_itself_be_corrected(case, worker):
    correction = event_void(event=record(case, worker), reason="Duplicate", actor=worker)
    with pytest.raises(ValidationError) as error:
        event_void(event=correction, reason="Undo", actor=worker)
    assert error.value.message_dict["event"] == [services.CORRECTION_OF_CORRECTION]


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_correction_needs_a_reason(case, worker, reason):
    with pytest.raises(ValidationError) as error:
        event_void(event=record(case, worker), reason=reason, actor=worker)
    assert error.value.message_dict["reason"] == [services.CORRECTION_REASON_MISSING]


def test_amending_gives_the_corrected_attributes_and_keeps_the_original(case, worker):
    original = record(case, worker)
    corrected = {**original.data, "starts_at": "2026-11-18T16:00"}
    amendment = event_amend(event=original, data=corrected, reason="Wrong day typed", actor=worker)

    assert amendment.type == "event.amended"
    assert amendment.amends == original
    [shown] = [e for e in case_chronology(case) if e.pk == original.pk]
    assert shown.is_amended
    assert shown.data["starts_at"] == "2026-11-17T16:00"
    assert shown.effective_data["starts_at"] == "2026-11-18T16:00"


def test_an_amendment_must_change_something(case, worker):
    original = record(case, worker)
    with pytest.raises(ValidationError) as error:
        event_amend(event=original, data=dict(original.data), reason="No change", actor=worker)
    assert error.value.message_dict["data"] == [services.AMENDMENT_DATA_UNCHANGED]


def test_the_chronology_is_oldest_first_and_costs_a_fixed_number_of_queries(
    case, worker, django_assert_max_num_queries
):
    for hour in (15, 9, 12):
        EventFactory(case=case, occurred_at=dt.datetime(2026, 11, 10, hour, tzinfo=dt.timezone.utc), actor=worker)
    for event in Event.objects.filter(case=case)[:2]:
        event_void(event=event, reason="Test correction", actor=worker)

    with django_assert_max_num_queries(4):
        events = case_chronology(case)
        summary = [(e.occurred_at.hour, e.is_voided, e.is_amended, e.actor.display_name if e.actor else "")
                   for e in events]
    assert [hour for hour, *_ in summary[:3]] == [9, 12, 15]
    assert sum(1 for _, voided, *_ in summary if voided) == 2
