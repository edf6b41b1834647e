"""What every page needs to know about the signed-in member of staff, and the permission checks built on it.

A signed-in account with no staff record (a technical administrator) can use the admin, but no product page that
reads or changes a child's record.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import StaffMember
from .selectors import staff_for_user


def staff_or_403(request) -> StaffMember:
    """The signed-in staff member; PermissionDenied for accounts that are not (or no longer) staff."""
    staff = staff_for_user(request.user)
    if staff is None or not staff.active:
        raise PermissionDenied("Only members of staff can use this page")
    return staff


def manager_or_403(request) -> StaffMember:
    """The signed-in staff member if they are a manager (ATM, TM or service manager); else PermissionDenied."""
    staff = staff_or_403(request)
    if not staff.is_manager:
        raise PermissionDenied("Only a team manager, assistant team manager or service manager can do this")
    return staff
