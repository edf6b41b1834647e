"""The leave pages: a worker records their own leave, a manager anyone's in the service, through the services (so
each writes its staff event), with GOV.UK errors for bad input; on a Nottinghamshire case the leave brings its cover
duties to What's due."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.pages.helpers import error_summary, text
from waypoint.cases.models import Event
from waypoint.compliance_reports.tests.conftest import cm, notts, notts_team, tm, yro_in  # noqa: F401
from waypoint.workforce import forms
from waypoint.workforce import services as s
from waypoint.workforce.models import Absence

pytestmark = pytest.mark.django_db


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def leave(staff=None, kind="planned", start=("21", "12", "2026"), end=("31", "12", "2026")):
    data = {"kind": kind, "starts_on-day": start[0], "starts_on-month": start[1], "starts_on-year": start[2],
            "ends_on-day": end[0], "ends_on-month": end[1], "ends_on-year": end[2]}
    if staff is not None:
        data["staff"] = str(staff.pk)
    return data


def test_a_worker_records_their_own_planned_leave_and_sees_it_listed(worker, other_worker):
    client = client_for(worker)
    form = client.get("/leave/new").content.decode()
    assert "Whose leave or absence is it?" not in form  # their own only
    saved = client.post("/leave/new", leave(worker))
    assert saved.status_code == 302 and saved["Location"] == "/leave"
    absence = Absence.objects.get()
    assert (absence.staff, absence.kind, absence.starts_on, absence.ends_on) == (
        worker, "planned", dt.date(2026, 12, 21), dt.date(2026, 12, 31))
    assert Event.objects.get(staff=worker).data == {"start": "2026-12-21", "end": "2026-12-31"}
    page = text(client.get("/leave"))
    assert "Wes Worker Planned leave 21 December 2026 31 December 2026" in page
    # Another worker sees only their own.
    assert "Wes Worker" not in text(client_for(other_worker).get("/leave"))


def test_bad_leave_is_refused_with_a_message_for_each_problem_and_nothing_is_saved(worker, other_worker):
    client = client_for(worker)
    missing = client.post("/leave/new", {**leave(worker, start=("", "", "")), "kind": ""})
    assert error_summary(missing) == [forms.ABSENCE_KIND_MISSING, s.ABSENCE_START_MISSING]
    backwards = client.post("/leave/new", leave(worker, end=("20", "12", "2026")))
    assert error_summary(backwards) == [s.ABSENCE_END_BEFORE_START]
    no_end = client.post("/leave/new", leave(worker, end=("", "", "")))
    assert error_summary(no_end) == [s.ABSENCE_LEAVE_END_MISSING]
    future = client.post("/leave/new", leave(worker, kind="unplanned", start=("25", "11", "2026"), end=("", "", "")))
    assert error_summary(future) == [s.ABSENCE_UNPLANNED_IN_FUTURE]
    colleague = client.post("/leave/new", leave(other_worker))
    assert error_summary(colleague) == [forms.ABSENCE_WORKER_MISSING]
    assert not Absence.objects.exists() and not Event.objects.exists()


def test_a_manager_records_a_workers_absence_and_then_their_return(manager, worker, other_worker):
    client = client_for(manager)
    assert "Whose leave or absence is it?" in text(client.get("/leave/new"))
    client.post("/leave/new", leave(worker, kind="unplanned", start=("16", "11", "2026"), end=("", "", "")))
    absence = Absence.objects.get(staff=worker)
    listing = text(client.get("/leave"))
    assert "Wes Worker Unplanned absence 16 November 2026 Not known yet Record the return of Wes Worker" in listing
    url = f"/leave/{absence.pk}/return"
    assert client_for(other_worker).get(url).status_code == 404  # not theirs, and not a manager
    future = client.post(url, {"ends_on-day": "25", "ends_on-month": "11", "ends_on-year": "2026"})
    assert error_summary(future) == ["Last day of the absence must be today or in the past"]
    assert client.post(url, {"ends_on-day": "20", "ends_on-month": "11", "ends_on-year": "2026"}).status_code == 302
    assert Absence.objects.get(pk=absence.pk).ends_on == dt.date(2026, 11, 20)
    assert [e.type for e in Event.objects.filter(staff=worker).order_by("occurred_at")] == [
        "staff.absence-started", "staff.absence-ended"]
    again = client.post(url, {"ends_on-day": "21", "ends_on-month": "11", "ends_on-year": "2026"})
    assert error_summary(again) == [s.ABSENCE_ALREADY_ENDED]


def test_leave_recorded_on_the_page_brings_the_cover_duty_to_the_workers_nottinghamshire_case(yro_in, cm, tm):
    case = yro_in()
    client_for(tm).post("/leave/new", leave(cm))
    page = text(client_for(cm).get(f"/cases/{case.pk}"))
    assert "Identify who leads on the case during the leave and tell the child or family" in page


def test_the_admin_shows_absences_but_records_none(worker, manager, django_user_model):
    absence = s.absence_record(staff=worker, kind="planned", starts_on=dt.date(2026, 12, 21),
                               ends_on=dt.date(2026, 12, 24), actor=manager)
    admin = django_user_model.objects.create_superuser("site.admin", "admin@example.org", "synthetic-pass-1")
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/workforce/absence/add/").status_code == 403
    assert client.get(f"/admin/workforce/absence/{absence.pk}/change/").status_code == 200
    assert client.post(f"/admin/workforce/absence/{absence.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"/admin/workforce/staffmember/{worker.pk}/change/").status_code == 200
    assert Absence.objects.count() == 1
