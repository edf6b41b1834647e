"""Reads for the workforce: the staff member behind a signed-in user, and the service's staff and teams."""
from __future__ import annotations

from django.db.models import QuerySet

from .models import Absence, Service, StaffMember, Team


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


def may_record_leave_for_others(staff: StaffMember) -> bool:
    """Managers and business support record leave for anyone in their service; others record their own."""
    return staff.is_manager or staff.role == StaffMember.Role.BUSINESS_SUPPORT


def leave_workers(staff: StaffMember) -> list[StaffMember]:
    """Whose leave `staff` may record: the service's active staff, or themselves alone."""
    if may_record_leave_for_others(staff):
        return list(service_staff(staff.service))
    return [staff]


def absences_for(staff: StaffMember, *, today) -> list[Absence]:
    """The leave and absences `staff` sees on the leave page: those still going on or to come, and those ended in the
    last 30 days; the service's for a manager or business support, else their own. One query."""
    import datetime as dt

    from django.db.models import Q

    recent = today - dt.timedelta(days=30)
    absences = (Absence.objects.filter(staff__service=staff.service).select_related("staff")
                .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=recent)))
    if not may_record_leave_for_others(staff):
        absences = absences.filter(staff=staff)
    return list(absences.order_by("starts_on", "staff__family_name", "pk"))


def absence_get_for_staff(*, staff: StaffMember, absence_id: int) -> Absence:
    """An absence `staff` may see (their own, or in their service for a manager or business support); else 404."""
    from django.http import Http404

    absence = Absence.objects.select_related("staff").filter(pk=absence_id, staff__service=staff.service).first()
    if absence is None or (absence.staff_id != staff.pk and not may_record_leave_for_others(staff)):
        raise Http404("No such absence")
    return absence
