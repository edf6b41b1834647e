"""A small synthetic world for the obligation pages: a service running under the built-in Wokingham policy packs,
its team manager, a full-time case worker line-managed by her, and one Community Resolution case.

It stands next to tests/world.py (whose services have no policy set, so no obligations) and leaves that world as it
is. Everything is invented. Dates are relative to the `today` passed in, since the browser tests' server runs on the
real clock. The case is opened and allocated through the domain services, so its obligations are worked out and
stored exactly as they would be in use.

The case is allocated on the Tuesday of the week before last (13 to 19 days before today, whatever today's
weekday), so that, counting by hand from the Community Resolution guidance (catalogue §2.1):
- the first-appointment letter is due the first Friday after allocation, the Friday of the week before last:
  overdue, and the earliest-due obligation of the case;
- the first home visit is due by the worker's last working day of the week after allocation, last week: overdue;
- the Mini Asset is due 3 weeks (21 days) after allocation for a full-time worker, at least 2 days after today:
  still due. For example, on Tue 1 Dec 2026: allocated Tue 17 Nov, letter due Fri 20 Nov, home visit by Fri 27 Nov,
  Mini Asset due Tue 8 Dec.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from waypoint.cases.models import Allocation, Case, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.models import Service, StaffMember
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory, TeamFactory

PROGRAMME = "Community Resolution"
LETTER = "wok.cr.first-appointment.letter-friday"
MINI_ASSET = "wok.cr.assessment.mini-asset-due"


@dataclass
class ObligationsWorld:
    today: dt.date
    allocated_on: dt.date
    service: Service
    manager: StaffMember      # team manager, line manager of `worker`; may waive obligations
    worker: StaffMember       # full-time case worker holding `case`
    case: Case                # Community Resolution, allocated on `allocated_on`
    child_name: str


def allocation_day(today: dt.date) -> dt.date:
    """The Tuesday of the week before last."""
    return today - dt.timedelta(days=today.weekday()) - dt.timedelta(days=13)


def first_friday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(4 - day.weekday()) % 7 or 7)


def build_obligations_world(today: dt.date) -> ObligationsWorld:
    service = ServiceFactory(
        name="Sampleford Prevention and Youth Justice Service", slug="sampleford-pyjs", kind=Service.Kind.PYJS,
        policy_set=Service.PolicySet.WOKINGHAM, working_days_rule=Service.WorkingDaysRule.CASE_WORKER,
    )
    team = TeamFactory(service=service, name="Sampleford prevention team")
    manager = StaffMemberFactory(
        service=service, team=team, team_manager=True, given_name="Mina", family_name="Managerton",
        user__username="mina.managerton",
    )
    worker = StaffMemberFactory(
        service=service, team=team, line_manager=manager, given_name="Casey", family_name="Caseworth",
        user__username="casey.caseworth",
    )
    child = ChildFactory(
        service=service, reference="WP-97001", given_name="Robin", family_name="Fictionshaw",
        date_of_birth=today.replace(year=today.year - 14) - dt.timedelta(days=90),
    )
    allocated_on = allocation_day(today)
    case = case_open(
        service=service, child=child, programme=Programme.COMMUNITY_RESOLUTION, started_on=allocated_on,
        actor=manager, team=team,
    )
    case_allocate(
        case=case, staff=worker, role=Allocation.Role.CASE_WORKER, rationale="Capacity this week.",
        actor=manager, on=allocated_on,
    )
    return ObligationsWorld(
        today=today, allocated_on=allocated_on, service=service, manager=manager, worker=worker, case=case,
        child_name="Robin Fictionshaw",
    )


def open_case_for_new_child(world: ObligationsWorld, programme: str, *, reference: str, given_name: str,
                            family_name: str) -> Case:
    """Another case in the world's service, for a new 14-year-old child: opened by the manager on the world's
    allocation day and allocated to the case worker, through the domain services (so its obligations are worked
    out as in use). `programme` is a `Programme` value (Programme.YRO, Programme.PREVENTION, ...)."""
    child = ChildFactory(
        service=world.service, reference=reference, given_name=given_name, family_name=family_name,
        date_of_birth=world.today.replace(year=world.today.year - 14) - dt.timedelta(days=120),
    )
    case = case_open(service=world.service, child=child, programme=programme, started_on=world.allocated_on,
                     actor=world.manager, team=world.case.team)
    case_allocate(case=case, staff=world.worker, role=Allocation.Role.CASE_WORKER, rationale="Capacity this week.",
                  actor=world.manager, on=world.allocated_on)
    return case
