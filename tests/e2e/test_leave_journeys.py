"""A journey through the leave pages in a real browser: a team manager records a worker's unplanned absence (after a
first try with no first day), sees it listed and records the return; the worker records their own planned leave.
axe-core checks every page."""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.cases.models import Event
from waypoint.workforce.models import Absence

from tests.world import PASSWORD

from .pages import SignInPage
from .pages_leave import LeavePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_records_an_absence_and_the_return_and_a_worker_books_leave(world, page):
    today = world.today
    leave = LeavePage.from_navigation(SignInPage.open(page).sign_in("tara.manning", PASSWORD))
    form = leave.record().fill(kind="Unplanned absence", starts_on=None, worker="Wes Walker").save_expecting_errors()
    assert form.error_messages() == ["Enter the date the absence starts"]
    leave = form.fill(kind="Unplanned absence", starts_on=today - dt.timedelta(days=3)).save()
    assert "Unplanned absence for Wes Walker is recorded" in leave.success_message()
    assert leave.rows()[0][:4] == ["Wes Walker", "Unplanned absence",
                                   f"{(today - dt.timedelta(days=3)):%-d %B %Y}", "Not known yet"]
    leave = leave.record_return("Wes Walker").save(today - dt.timedelta(days=1))
    assert "Wes Walker's return is recorded" in leave.success_message()
    assert Absence.objects.get(staff=world.worker).ends_on == today - dt.timedelta(days=1)

    leave = LeavePage.from_navigation(leave.sign_out().sign_in("wes.walker", PASSWORD))
    start = today + dt.timedelta(days=30)
    leave = leave.record().fill(kind="Planned leave", starts_on=start, ends_on=start + dt.timedelta(days=4)).save()
    assert "Planned leave for Wes Walker is recorded" in leave.success_message()
    assert list(Event.objects.filter(staff=world.worker).order_by("occurred_at", "id")
                .values_list("type", flat=True)) == ["staff.absence-started", "staff.absence-ended",
                                                     "staff.leave-planned"]
