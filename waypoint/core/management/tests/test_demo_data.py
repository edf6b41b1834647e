"""The demo data: what it holds, that it is the same on every load whatever the real date, and its two commands."""
import datetime as dt
from collections import Counter
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from waypoint.cases.models import Allocation, Case, Event, Programme
from waypoint.core.management import demo_data
from waypoint.people.models import Child
from waypoint.referrals.models import Referral
from waypoint.workforce.models import Service, StaffMember

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def fingerprint() -> list:
    """What the demo holds, without row ids, references built from ids or password hashes (salted)."""
    def data(event):
        # Row ids (a worker's, an appointment's "ap-<id>") differ between loads on PostgreSQL, whose sequences do not
        # roll back with the transaction; everything else must be the same.
        return {k: v for k, v in event.data.items() if not k.endswith("_id")}

    return [
        sorted(Child.objects.values_list("given_name", "family_name", "date_of_birth", "gender", "ethnicity")),
        sorted(Case.objects.values_list("child__family_name", "child__given_name", "programme", "status",
                                        "started_on", "ended_on", "team__name", "restricted")),
        sorted(Allocation.objects.values_list("case__child__family_name", "staff__user__username", "role",
                                              "starts_on", "ends_on", "rationale")),
        sorted((e.type, e.occurred_at, e.recorded_at, sorted(data(e).items())) for e in Event.objects.all()),
        sorted(StaffMember.objects.values_list("user__username", "role", "band", "working_days", "team__name")),
    ]


def test_the_demo_is_the_same_on_every_load_whatever_the_real_date():
    with pytest.raises(_Undo), transaction.atomic():
        demo_data.load()
        first = fingerprint()
        raise _Undo
    assert not Service.objects.exists()

    a_later_real_date = dt.datetime(2031, 3, 14, 12, 0, tzinfo=dt.timezone.utc)
    with mock.patch("django.utils.timezone.now", return_value=a_later_real_date):
        demo_data.load()
    assert fingerprint() == first

    # While it is loaded, check what it holds.
    services = {s.name: s for s in Service.objects.prefetch_related("teams")}
    assert set(services) == {"Wokingham PYJS (demo)", "Nottinghamshire YJS (demo)"}
    wokingham, notts = services["Wokingham PYJS (demo)"], services["Nottinghamshire YJS (demo)"]
    assert (wokingham.working_days_rule, notts.working_days_rule) == ("case_worker", "mon_fri")
    assert [t.name for t in wokingham.teams.all()] == [demo_data.WOKINGHAM_TEAM]
    assert {t.name for t in notts.teams.all()} == {"North", "South", "West", "Intervention"}

    staff = StaffMember.objects.all()
    assert 25 <= staff.count() <= 35
    assert any(s.part_time for s in staff) and any(not s.part_time for s in staff)
    assert {s.working_days[0] + "-" + s.working_days[-1] for s in staff if s.part_time} >= {"mon-wed", "tue-thu"}
    assert {s.band for s in staff} >= {"a", "b", "c"}
    assert {s.gender for s in staff} >= {"female", "male"}
    assert all(s.line_manager_id for s in staff if s.role != "service_manager")

    assert Child.objects.count() == 150
    assert all(child.family_name in demo_data.SURNAMES for child in Child.objects.all())
    assert Counter(Case.objects.values_list("programme", flat=True)).keys() == set(Programme.values)
    assert set(Referral.objects.values_list("status", flat=True)) == {"received", "triaged", "accepted",
                                                                      "not_accepted"}
    assert set(Case.objects.values_list("status", flat=True)) == {"open", "closure_requested", "closed"}
    assert Case.objects.filter(restricted=True).count() >= 3
    assert Child.objects.annotate(case_count=Count("cases")).filter(case_count__gte=2).count() >= 3
    assert Event.objects.filter(type="case.reallocated").exists()
    assert {"case.allocated", "appointment.scheduled", "appointment.missed"} <= set(
        Event.objects.values_list("type", flat=True)
    )
    unallocated = Case.objects.filter(status="open").exclude(
        pk__in=Allocation.objects.filter(ends_on__isnull=True).values("case_id")
    )
    assert unallocated.exists()
    assert not Event.objects.filter(occurred_at__gt=demo_data.DEMO_NOW).exists()


def test_every_demo_sign_in_works_with_the_demo_password():
    demo_data.load()
    for username, _ in demo_data.demo_sign_ins():
        assert authenticate(username=username, password=demo_data.DEMO_PASSWORD) is not None, username
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    roles = {s.user.username: s for s in StaffMember.objects.select_related("user")}
    assert roles["cwpt.wokingham"].part_time
    assert roles["victim.wokingham"].specialism == "victim_rj"
    assert roles["atm.wokingham"].role == "assistant_team_manager"
    assert roles["cm.notts"].band == "a" and roles["tm.notts"].role == "team_manager"
    # The demo sign-ins have something to show on "My cases".
    for username in ("cw.wokingham", "cwpt.wokingham", "cm.notts", "student.notts"):
        assert roles[username].allocations.filter(ends_on__isnull=True).exists(), username

    out = StringIO()
    call_command("demo_sign_ins", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(demo_data.demo_sign_ins())
    assert all(demo_data.DEMO_PASSWORD in line for line in lines)
    assert lines[-1].startswith("admin ")


def test_seed_demo_if_empty_leaves_a_database_with_data_alone():
    Service.objects.create(name="Existing YJS", slug="existing", kind="yjs")
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "already has data" in out.getvalue()
    assert list(Service.objects.values_list("slug", flat=True)) == ["existing"]
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_demo_sign_ins_on_an_empty_database_says_what_to_do():
    out = StringIO()
    call_command("demo_sign_ins", stdout=out)
    assert "seed_demo" in out.getvalue()
