"""The referral list: the user's own service only, and a referral that became a restricted case only to those who
may see that case."""
import pytest
from django.core.exceptions import PermissionDenied

from waypoint.cases.tests.factories import AllocationFactory, CaseFactory
from waypoint.referrals.selectors import referral_get_for_user, referral_list

from .factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_the_users_service(service, other_service, worker):
    mine = ReferralFactory(service=service)
    theirs = ReferralFactory(service=other_service)
    assert list(referral_list(user=worker.user)) == [mine]
    with pytest.raises(PermissionDenied):
        referral_get_for_user(user=worker.user, referral_id=theirs.pk)


def test_filter_by_status(service, worker):
    received = ReferralFactory(service=service)
    ReferralFactory(service=service, status="not_accepted", triage_outcome="not_met")
    assert list(referral_list(user=worker.user, status="received")) == [received]


def test_a_referral_that_became_a_restricted_case_is_as_restricted_as_the_case(service, worker, other_worker,
                                                                                manager):
    case = CaseFactory(service=service, restricted=True)
    AllocationFactory(case=case, staff=worker, allocated_by=manager)
    referral = ReferralFactory(service=service, child=case.child, status="accepted", case=case)

    assert referral in referral_list(user=worker.user)
    assert referral in referral_list(user=manager.user)
    assert referral not in referral_list(user=other_worker.user)
    with pytest.raises(PermissionDenied):
        referral_get_for_user(user=other_worker.user, referral_id=referral.pk)


def test_the_list_costs_a_fixed_number_of_queries(service, worker, django_assert_max_num_queries):
    for _ in range(15):
        ReferralFactory(service=service)
    with django_assert_max_num_queries(2):
        rows = [(r.child.full_name, r.recorded_by.display_name, r.get_source_display()) for r in
                referral_list(user=worker.user)]
    assert len(rows) == 15
