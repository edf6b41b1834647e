"""Reads for the workforce: the staff member behind a signed-in user, and the service's staff and teams."""
from __future__ import annotations

from django.db.models import QuerySet

from .models import Service, StaffMember, Team


def staff_for_user(user) -> StaffMember | None:
    """The staff member linked to a user account, or None (anonymous users, accounts with no staff record)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_waypoint_staff", False)
    if cached is not False:
        return cached
    staff = StaffMember.objects.select_related("service", "team", "line_manager").filter(user_id=user.pk).first()
    # Cached on the user object: the request's user is asked several times per page.
    user._waypoint_staff = staff
    return staff


def service_staff(service: Service, *, active_only: bool = True) -> QuerySet[StaffMember]:
    """The service's staff, with their team and line manager joined (for filters and pick lists)."""
    staff = StaffMember.objects.filter(service=service).select_related("team", "line_manager")
    if active_only:
        staff = staff.filter(active=True)
    return staff.order_by("family_name", "given_name", "id")


def service_teams(service: Service) -> QuerySet[Team]:
    return Team.objects.filter(service=service).order_by("name")
