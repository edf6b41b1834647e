"""Reads for referrals: the service's referral list and one referral, scoped like the cases they became."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from waypoint.cases.selectors import cases_visible_to_staff
from waypoint.workforce.selectors import staff_for_user

from .models import Referral


def referral_list(*, user, status: str = "") -> QuerySet[Referral]:
    """The service's referrals, newest received first, with child, recorder, triager and case joined."""
    staff = staff_for_user(user)
    if staff is None or not staff.active:
        return Referral.objects.none()
    # A referral accepted into a restricted case is as restricted as the case.
    referrals = Referral.objects.filter(
        Q(case__isnull=True) | Q(case__in=cases_visible_to_staff(staff)), service_id=staff.service_id,
    ).select_related("child", "recorded_by", "triaged_by", "case")
    if status:
        referrals = referrals.filter(status=status)
    return referrals.order_by("-received_on", "-id")


def referral_get_for_user(*, user, referral_id: int) -> Referral:
    """One referral of the user's service; Http404 if missing, PermissionDenied if another service's."""
    referral = Referral.objects.select_related("child", "recorded_by", "triaged_by", "case", "service").filter(
        pk=referral_id
    ).first()
    if referral is None:
        raise Http404("No such referral")
    staff = staff_for_user(user)
    if staff is None or not staff.active or staff.service_id != referral.service_id:
        raise PermissionDenied("You do not have access to this referral")
    if referral.case_id and not cases_visible_to_staff(staff).filter(pk=referral.case_id).exists():
        raise PermissionDenied("You do not have access to this referral")
    return referral
