"""A small synthetic world for the page and browser tests: two services, their staff, children and cases.

Everything is invented. Dates are set relative to the `today` passed in, so the same world works under the page
tests' frozen clock and in the browser tests, whose server thread runs on the real clock. Writes go through the
domain services where there is one, so the chronology holds the events the pages show.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from waypoint.cases.models import Allocation, Case, Programme
from waypoint.cases.services import case_allocate, case_open, event_amend, event_record, event_void
from waypoint.people.models import ChildCircumstance, Person
from waypoint.people.services import child_address_record, child_circumstance_record
from waypoint.people.tests.factories import ChildFactory, ChildRelationshipFactory, PersonFactory
from waypoint.workforce.models import Service, StaffMember
from waypoint.workforce.tests.factories import TEST_PASSWORD, ServiceFactory, StaffMemberFactory, TeamFactory

PASSWORD = TEST_PASSWORD


@dataclass
class World:
    today: dt.date
    service: Service
    other_service: Service
    manager: StaffMember          # team manager of the North team, line manager of `worker`
    worker: StaffMember           # case manager (band A), holds the YRO and the restricted case
    colleague: StaffMember        # case manager in the same service, holds neither
    other_manager: StaffMember    # team manager of the South team, line manager of `colleague`
    outsider: StaffMember         # case manager of the other service
    child: object                 # Jordan Exampleton, with history, parents and professionals
    yro_case: Case                # open, allocated to `worker`, with a chronology including corrections
    restricted_case: Case         # restricted referral order of the same child, allocated to `worker`
    other_service_case: Case


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def build_world(today: dt.date) -> World:
    service = ServiceFactory(name="Exampleshire Youth Justice Service", slug="exampleshire")
    other_service = ServiceFactory(name="Otherborough Youth Justice Service", slug="otherborough")
    north = TeamFactory(service=service, name="North locality team")
    south = TeamFactory(service=service, name="South locality team")
    central = TeamFactory(service=other_service, name="Central team")

    manager = StaffMemberFactory(
        service=service, team=north, team_manager=True, given_name="Tara", family_name="Manning",
        user__username="tara.manning",
    )
    other_manager = StaffMemberFactory(
        service=service, team=south, team_manager=True, given_name="Sol", family_name="Southgate",
        user__username="sol.southgate",
    )
    worker = StaffMemberFactory(
        service=service, team=north, line_manager=manager, given_name="Wes", family_name="Walker",
        user__username="wes.walker",
    )
    colleague = StaffMemberFactory(
        service=service, team=south, line_manager=other_manager, given_name="Ola", family_name="Okafor",
        user__username="ola.okafor", gender="male",
    )
    outsider = StaffMemberFactory(
        service=other_service, team=central, given_name="Owen", family_name="Outerby", user__username="owen.outerby",
    )

    child = ChildFactory(
        service=service, reference="WP-90042", given_name="Jordan", family_name="Exampleton", preferred_name="Jo",
        date_of_birth=today.replace(year=today.year - 15) - dt.timedelta(days=40), gender="non_binary",
        ethnicity="mixed_other", first_language="English", slcn=True, police_id="EX/0042/TEST",
    )
    child_address_record(
        child=child, line_1="1 Sample Street", town="Exampletown", postcode="ZZ9 9ZZ", locality="North",
        from_date=today - dt.timedelta(days=400), actor=worker,
    )
    child_address_record(
        child=child, line_1="22 Placeholder Road", line_2="Flat 3", town="Exampletown", postcode="ZZ9 1AA",
        locality="North", from_date=today - dt.timedelta(days=30), actor=worker,
    )
    child_circumstance_record(
        child=child, kind=ChildCircumstance.Kind.CARE_STATUS, value=ChildCircumstance.CareStatus.CHILD_IN_NEED,
        from_date=today - dt.timedelta(days=300), actor=worker,
    )
    child_circumstance_record(
        child=child, kind=ChildCircumstance.Kind.CARE_STATUS, value=ChildCircumstance.CareStatus.LOOKED_AFTER,
        from_date=today - dt.timedelta(days=20), actor=worker,
    )
    child_circumstance_record(
        child=child, kind=ChildCircumstance.Kind.SOCIAL_WORKER, value="Sam Socialworker",
        detail="Exampleshire Children's Services", from_date=today - dt.timedelta(days=20), actor=worker,
    )
    ChildRelationshipFactory(
        child=child, relationship="Mother", parental_responsibility=True, receives_letters=True,
        person=PersonFactory(service=service, given_name="Pat", family_name="Exampleton", phone="01632 960123"),
    )
    ChildRelationshipFactory(
        child=child, relationship="School contact", parental_responsibility=False, receives_letters=False,
        person=PersonFactory(
            service=service, given_name="Robin", family_name="Teacher", kind=Person.Kind.PROFESSIONAL,
            organisation="Exampletown Academy", job_title="Designated safeguarding lead",
        ),
    )

    started = today - dt.timedelta(days=60)
    yro_case = case_open(
        service=service, child=child, programme=Programme.YRO, started_on=started, actor=manager, team=north,
    )
    case_allocate(
        case=yro_case, staff=colleague, role=Allocation.Role.CM, rationale="Only case manager with capacity.",
        actor=manager, on=started,
    )
    case_allocate(
        case=yro_case, staff=worker, role=Allocation.Role.CM, rationale="Continuity: Wes knows the family.",
        actor=manager, on=started + dt.timedelta(days=7), reason="internal_transfer",
    )
    scheduled = event_record(
        type="appointment.scheduled", occurred_at=_moment(started + dt.timedelta(days=8)), actor=worker,
        case=yro_case, data={"kind": "home_visit", "seq": 1},
    )
    event_amend(
        event=scheduled, data={"kind": "office", "seq": 1}, reason="Booked at the office, not at home.", actor=worker,
    )
    mistaken = event_record(
        type="appointment.missed", occurred_at=_moment(started + dt.timedelta(days=9)), actor=worker,
        case=yro_case, data={"seq": 1},
    )
    event_void(event=mistaken, reason="Recorded on the wrong case.", actor=manager)

    restricted_case = case_open(
        service=service, child=child, programme=Programme.REFERRAL_ORDER, started_on=started, actor=manager,
        team=north, restricted=True,
    )
    case_allocate(
        case=restricted_case, staff=worker, role=Allocation.Role.CM, rationale="Same worker as the YRO.",
        actor=manager, on=started,
    )

    outside_child = ChildFactory(service=other_service, given_name="Quinn", family_name="Elsewhere")
    other_service_case = case_open(
        service=other_service, child=outside_child, programme=Programme.PREVENTION, started_on=started,
        actor=StaffMemberFactory(service=other_service, team=central, team_manager=True), team=central,
    )
    return World(
        today=today, service=service, other_service=other_service, manager=manager, worker=worker,
        colleague=colleague, other_manager=other_manager, outsider=outsider, child=child, yro_case=yro_case,
        restricted_case=restricted_case, other_service_case=other_service_case,
    )


def add_cases(world: World, count: int, *, family_name: str = "Listington", programme: str = Programme.PREVENTION,
              team=None) -> list[Case]:
    """`count` more open cases in the world's service, for the list's search and pagination."""
    cases = []
    for n in range(count):
        child = ChildFactory(service=world.service, given_name=f"Sam{n:02d}", family_name=family_name)
        cases.append(case_open(
            service=world.service, child=child, programme=programme, actor=world.manager,
            started_on=world.today - dt.timedelta(days=10 + n), team=team,
        ))
    return cases
