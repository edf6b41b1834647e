"""A referral from receipt to a case: recording, one triage by a manager, acceptance, and their guards."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waypoint.cases.models import Case, Event
from waypoint.people.models import Child
from waypoint.people.services import CHILD_DATE_OF_BIRTH_IN_FUTURE
from waypoint.people.tests.factories import ChildFactory
from waypoint.referrals import services
from waypoint.referrals.models import Referral
from waypoint.referrals.services import referral_accept, referral_record, referral_triage
from waypoint.workforce.tests.factories import StaffMemberFactory, TeamFactory
from waypoint.workforce.tests.fixtures import TODAY

from .factories import ReferralFactory

pytestmark = pytest.mark.django_db

NEW_CHILD = {"given_name": "Lowen", "family_name": "Tregear", "date_of_birth": dt.date(2012, 3, 9), "gender": "female"}


def record(service, actor, **overrides):
    arguments = dict(service=service, source="tvp_yot1", received_on=dt.date(2026, 11, 16),
                     summary="Community resolution for criminal damage (synthetic).", actor=actor,
                     child_details=dict(NEW_CHILD), referrer_name="PC Example")
    arguments.update(overrides)
    return referral_record(**arguments)


def test_recording_a_referral_creates_the_child_and_writes_referral_received(service, worker):
    referral = record(service, worker)

    assert referral.status == Referral.Status.RECEIVED
    assert referral.child.full_name == "Lowen Tregear"
    assert referral.recorded_by == worker
    event = Event.objects.get(referral=referral)
    assert (event.type, event.data, event.case) == ("referral.received", {"source": "tvp_yot1"}, None)


def test_a_referral_may_name_an_existing_child(service, worker):
    child = ChildFactory(service=service)
    referral = record(service, worker, child=child, child_details=None)
    assert referral.child == child
    assert Child.objects.count() == 1


def test_an_existing_child_and_new_details_together_are_refused(service, worker):
    with pytest.raises(ValidationError) as error:
        record(service, worker, child=ChildFactory(service=service))
    assert error.value.message_dict["child"] == [services.REFERRAL_CHILD_AND_DETAILS]


def test_another_services_child_is_refused(service, other_service, worker):
    with pytest.raises(ValidationError) as error:
        record(service, worker, child=ChildFactory(service=other_service), child_details=None)
    assert error.value.message_dict["child"] == [services.REFERRAL_CHILD_OTHER_SERVICE]


def test_received_date_source_and_summary_are_checked(service, worker):
    with pytest.raises(ValidationError) as error:
        record(service, worker, source="rumour", received_on=TODAY + dt.timedelta(days=1), summary=" ")
    assert error.value.message_dict == {
        "source": [services.REFERRAL_SOURCE_INVALID],
        "received_on": [services.REFERRAL_RECEIVED_ON_IN_FUTURE],
        "summary": [services.REFERRAL_SUMMARY_MISSING],
    }


def test_an_over_long_summary_saves_nothing(service, worker):
    with pytest.raises(ValidationError) as error:
        record(service, worker, summary="x" * 5001)
    assert "summary" in error.value.message_dict
    assert (Referral.objects.count(), Child.objects.count(), Event.objects.count()) == (0, 0, 0)


def test_a_new_childs_bad_date_of_birth_saves_nothing(service, worker):
    details = {**NEW_CHILD, "date_of_birth": TODAY + dt.timedelta(days=30)}
    with pytest.raises(ValidationError) as error:
        record(service, worker, child_details=details)
    assert error.value.message_dict["date_of_birth"] == [CHILD_DATE_OF_BIRTH_IN_FUTURE]
    assert (Referral.objects.count(), Child.objects.count()) == (0, 0)


def test_a_manager_triages_once(service, worker, manager):
    referral = record(service, worker)
    referral_triage(referral=referral, outcome="meets_criteria", reason="Direct victim consented.", actor=manager)

    referral.refresh_from_db()
    assert (referral.status, referral.triaged_by, referral.triage_outcome) == ("triaged", manager, "meets_criteria")
    assert Event.objects.filter(referral=referral, type="referral.triaged", data={"outcome": "meets_criteria"}).exists()
    with pytest.raises(ValidationError) as error:
        referral_triage(referral=referral, outcome="not_met", reason="Changed my mind.", actor=manager)
    assert error.value.message_dict["outcome"] == [services.TRIAGE_ALREADY_DONE]
    assert Event.objects.filter(referral=referral, type="referral.triaged").count() == 1


def test_a_stale_copy_cannot_triage_a_referral_again(service, worker, manager):
    referral = record(service, worker)
    stale = Referral.objects.get(pk=referral.pk)
    referral_triage(referral=referral, outcome="not_met", reason="Outside the criteria.", actor=manager)
    with pytest.raises(ValidationError):
        referral_triage(referral=stale, outcome="meets_criteria", reason="Second opinion.", actor=manager)


def test_a_referral_not_meeting_the_criteria_is_not_accepted(service, worker, manager):
    referral = record(service, worker)
    referral_triage(referral=referral, outcome="not_met", reason="Outside the criteria.", actor=manager)
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.NOT_ACCEPTED
    with pytest.raises(ValidationError) as error:
        referral_accept(referral=referral, programme="community_resolution", actor=manager, started_on=TODAY)
    assert error.value.message_dict["referral"] == [services.ACCEPT_NOT_MEETING_CRITERIA]


def test_only_managers_triage_and_accept(service, worker):
    referral = record(service, worker)
    with pytest.raises(PermissionDenied):
        referral_triage(referral=referral, outcome="meets_criteria", reason="Looks fine.", actor=worker)
    with pytest.raises(PermissionDenied):
        referral_accept(referral=referral, programme="prevention", actor=worker, started_on=TODAY)


def test_triage_needs_an_outcome_and_a_reason(service, worker, manager):
    referral = record(service, worker)
    with pytest.raises(ValidationError) as error:
        referral_triage(referral=referral, outcome="maybe", reason="", actor=manager)
    assert error.value.message_dict == {
        "outcome": [services.TRIAGE_OUTCOME_INVALID], "reason": [services.TRIAGE_REASON_MISSING],
    }


def test_an_untriaged_referral_cannot_be_accepted(service, worker, manager):
    referral = record(service, worker)
    with pytest.raises(ValidationError) as error:
        referral_accept(referral=referral, programme="community_resolution", actor=manager, started_on=TODAY)
    assert error.value.message_dict["referral"] == [services.ACCEPT_NOT_MEETING_CRITERIA]
    assert not Case.objects.exists()


def test_accepting_opens_the_case_and_files_the_referrals_events_under_it(service, team, worker, manager):
    referral = record(service, worker)
    referral_triage(referral=referral, outcome="meets_criteria", reason="Direct victim consented.", actor=manager)
    case = referral_accept(referral=referral, programme="community_resolution", actor=manager,
                           started_on=dt.date(2026, 11, 20), team=team)

    referral.refresh_from_db()
    assert (referral.status, referral.case) == ("accepted", case)
    assert (case.child, case.programme, case.team, case.referral, case.pack_version) == (
        referral.child, "community_resolution", team, referral, ""
    )
    chronology = list(Event.objects.filter(case=case).order_by("occurred_at").values_list("type", flat=True))
    assert chronology == ["referral.received", "referral.triaged", "referral.accepted"]
    assert Event.objects.get(case=case, type="referral.accepted").data == {"source": "tvp_yot1"}


def test_a_referral_is_accepted_once(service, worker, manager):
    referral = record(service, worker)
    referral_triage(referral=referral, outcome="meets_criteria", reason="Fits.", actor=manager)
    referral_accept(referral=referral, programme="prevention", actor=manager, started_on=TODAY)
    with pytest.raises(ValidationError) as error:
        referral_accept(referral=referral, programme="prevention", actor=manager, started_on=TODAY)
    assert error.value.message_dict["referral"] == [services.ACCEPT_ALREADY_ACCEPTED]
    assert Case.objects.count() == 1


def test_a_failed_acceptance_leaves_the_referral_and_its_events_as_they_were(service, other_service, worker,
                                                                             manager):
    referral = record(service, worker)
    referral_triage(referral=referral, outcome="meets_criteria", reason="Fits.", actor=manager)
    with pytest.raises(ValidationError):
        referral_accept(referral=referral, programme="prevention", actor=manager, started_on=TODAY,
                        team=TeamFactory(service=other_service))
    referral.refresh_from_db()
    assert (referral.status, referral.case) == ("triaged", None)
    assert not Case.objects.exists()
    assert Event.objects.filter(referral=referral, case__isnull=True).count() == 2


def test_the_case_cannot_start_before_the_referral_arrived(service, worker, manager):
    referral = ReferralFactory(service=service, received_on=dt.date(2026, 11, 16), triage_outcome="meets_criteria",
                               status="triaged")
    with pytest.raises(ValidationError) as error:
        referral_accept(referral=referral, programme="prevention", actor=manager, started_on=dt.date(2026, 11, 15))
    assert error.value.message_dict["started_on"] == [services.ACCEPT_START_BEFORE_RECEIVED]


def test_staff_of_another_service_cannot_touch_the_referral(service, other_service, worker):
    referral = record(service, worker)
    with pytest.raises(PermissionDenied):
        referral_triage(referral=referral, outcome="meets_criteria", reason="Fits.",
                        actor=StaffMemberFactory(service=other_service, team_manager=True))
