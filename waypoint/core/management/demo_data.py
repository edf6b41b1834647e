"""The demo data: two fictional services modelled on the guidance, their staff, and about 150 synthetic children.

Everything here is invented. Surnames come from a fixed list of made-up words, phone numbers from Ofcom's range
reserved for drama (07700 900000 to 900999), email addresses from example.org, postcodes from the non-existent
ZZ area, identifiers start with DEMO. The data is the same on every load: a fixed random seed, and every date is
counted from a fixed "demo today" of Tuesday 24 November 2026, never from the real date. The product clock is
frozen at each step's moment, so even the "recorded at" times are the same on every load.

Everything is written through the services, so the demo exercises the same guards and writes the same chronology
events as real use.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from waypoint.appointments.models import AppointmentKind, Outcome
from waypoint.appointments.services import appointment_record_outcome, appointment_schedule
from waypoint.assessments.services import assessment_start, assessment_submit, rating_set
from waypoint.cases.models import Allocation, Case, CourtHearing, Offence, Order, OrderRequirement, Programme
from waypoint.cases.services import case_allocate, case_close, case_request_closure, case_set_restricted, event_record
from waypoint.core.models import frozen_clock
from waypoint.meetings.services import meeting_action_add, meeting_arrange, meeting_hold
from waypoint.obligations.services import recompute_deferred
from waypoint.people.models import Ethnicity
from waypoint.people.services import (
    child_address_record,
    child_circumstance_record,
    child_create,
    child_relationship_record,
    person_create,
    victim_record,
)
from waypoint.referrals.models import Referral
from waypoint.plans.services import plan_write
from waypoint.referrals.services import referral_accept, referral_record, referral_triage
from waypoint.workforce.models import Service, StaffMember, Team
from waypoint.workforce.services import absence_end, absence_record, staff_create

LONDON = ZoneInfo("Europe/London")
DEMO_TODAY = dt.date(2026, 11, 24)
# The demo's "now": early on the demo day, so everything recorded is before it.
DEMO_NOW = dt.datetime(2026, 11, 24, 8, 30, tzinfo=LONDON)

DEMO_RATING_REASONS = {
    "rosh": {"low": "No violence in the offence or since; no weapons.",
             "medium": "Pushed a peer in the offence; no injury, remorse shown.",
             "high": "Carried a knife at the time of the offence; threats since."},
    "saw": {"low": "Settled at home; attends school.",
            "medium": "Missing from home twice this term; returned safe.",
            "high": "Exploitation concerns shared by the police; not engaging with school."},
    "lor": {"low": "First offence; strong family support.",
            "medium": "Second offence in a year; peers involved in offending.",
            "high": "Offending escalating; out of education."},
}
DEMO_TARGETS = [
    {"area": "Education", "action": "Go to school every day and meet the learning mentor weekly.", "who": "The child",
     "by_when": None},
    {"area": "Relationships", "action": "Work through the consequences and peer influence sessions.",
     "who": "Case worker", "by_when": None},
    {"area": "Family", "action": "Agree a home curfew and keep to it.", "who": "Parent or carer", "by_when": None},
]
_PLAN_TYPES = {"specific_intervention": "specific_action_plan", "my_future": "my_future_action_plan"}
DEMO_PASSWORD = "waypoint-demo-2026"
RANDOM_SEED = 20261124
CHILDREN_WANTED = 150

WOKINGHAM = "wokingham-demo"
NOTTINGHAMSHIRE = "nottinghamshire-demo"

# Invented surnames (not real family names as far as we know them), common first names.
SURNAMES = [
    "Ambervale", "Brackenhurst", "Coldmere", "Dunthorpe", "Elderwick", "Fallowmere", "Greysands", "Hollinbrook",
    "Ivythorne", "Juniperfield", "Kestrelby", "Larchmoor", "Marrowdene", "Nettlecombe", "Oakenshale",
    "Pebblewick", "Quillstone", "Rushcombe", "Saltmarren", "Thistledean", "Umberfold", "Vetchley", "Willowmere",
    "Yarrowby", "Zennorwick", "Ashcombe-Vale", "Birchanger", "Cloudsley", "Dewhollow", "Emberlea", "Fernhollow",
    "Gorsebrook", "Heathwaite", "Ironbridge-Lea", "Kingsdew", "Lanternby", "Mossgrave", "Northolme",
    "Orchardine", "Pinemarsh", "Quarrendon", "Reedwick", "Sorrelby", "Tansyfield", "Underhay", "Wrenthorpe",
]
GIVEN_NAMES = {
    "female": [
        "Amara", "Bethany", "Chloe", "Daisy", "Ellie", "Freya", "Grace", "Hana", "Isla", "Jade", "Kayla", "Leah",
        "Maya", "Nadia", "Olivia", "Priya", "Ruby", "Sofia", "Tia", "Zara", "Aisha", "Layla", "Mia", "Poppy",
    ],
    "male": [
        "Aaron", "Ben", "Callum", "Dylan", "Ethan", "Finley", "George", "Harvey", "Isaac", "Jayden", "Kai", "Leo",
        "Mason", "Noah", "Oscar", "Reece", "Sami", "Tyler", "Ryan", "Zain", "Kacper", "Alfie", "Jamal", "Lewis",
    ],
    "non_binary": ["Alex", "Charlie", "Jordan", "Rowan", "Sky"],
}
PREFERRED = {"Olivia": "Liv", "Isaac": "Zac", "Bethany": "Beth", "Callum": "Cal", "Jayden": "Jay", "Nadia": "Nad"}
STREETS = ["Lantern Way", "Cobble Row", "Heron Close", "Mill Pond Lane", "Ash Walk", "Quarry Rise", "Orchard Court",
           "Kite Street", "Beacon Road", "Fernside", "Copper Lane", "Willow Terrace"]
LANGUAGES = ["English"] * 12 + ["Polish", "Urdu", "Romanian", "Punjabi", "Nepali", "Arabic", "Portuguese"]
ETHNICITIES = (
    [Ethnicity.WHITE_BRITISH] * 10
    + [Ethnicity.WHITE_OTHER, Ethnicity.WHITE_GYPSY_TRAVELLER, Ethnicity.ASIAN_PAKISTANI, Ethnicity.ASIAN_INDIAN,
       Ethnicity.BLACK_CARIBBEAN, Ethnicity.BLACK_AFRICAN, Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN,
       Ethnicity.MIXED_WHITE_ASIAN, Ethnicity.ARAB, Ethnicity.NOT_STATED]
)
ETE = ["In school (Year 8)", "In school (Year 10)", "In school (Year 11)", "College (full time)",
       "Alternative provision", "Not in education, employment or training", "Apprenticeship"]
OFFENCES = [
    ("Criminal damage (under £5,000)", 2, False), ("Theft from a shop", 2, True), ("Common assault", 3, True),
    ("Possession of cannabis", 1, False), ("Public order offence (section 4A)", 3, True),
    ("Assault occasioning actual bodily harm", 4, True), ("Robbery", 6, True), ("Burglary (dwelling)", 5, True),
    ("Possession of a bladed article", 5, True), ("Vehicle interference", 2, True),
]
RATIONALES = [
    "Has capacity and experience with this age group.",
    "Worked with an older sibling; continuity for the family.",
    "Lives in the worker's patch; home visits easier to arrange.",
    "Child asked for a worker of the same gender; worker has capacity.",
    "Speech and language needs: worker has the specialist training.",
    "Balanced caseloads across the team this week.",
]
SUMMARIES = {
    "tvp_yot1": "YOT1 received from the police: community resolution for {offence}. Victim views recorded.",
    "police_oocd": "Police referral for an out-of-court disposal decision: {offence}.",
    "ehh_contact_form": "Early Help Hub contact form: school reports worsening attendance and a fall-out with peers.",
    "stepdown": "Step-down from Children's Social Care after a child and family assessment; parent asks for support.",
    "court_outcome": "Court outcome received in the shared inbox: {offence}.",
    "court_tracking": "Court tracking: child charged with {offence}; first hearing listed.",
    "specific_intervention": "Referrer asks for a piece of specific work on healthy relationships (six sessions).",
    "my_future": "My Future referral: child at risk of exclusion, open to mentoring.",
}
SOURCE_OF = {
    Programme.COMMUNITY_RESOLUTION: ["tvp_yot1"],
    Programme.PREVENTION: ["ehh_contact_form", "stepdown"],
    Programme.OOCD: ["police_oocd"],
    Programme.YRO: ["court_outcome"],
    Programme.REFERRAL_ORDER: ["court_outcome"],
    Programme.CUSTODY: ["court_outcome"],
    Programme.BAIL: ["court_tracking"],
    Programme.MY_FUTURE: ["my_future"],
    Programme.CROWN_COURT_TRACKING: ["court_tracking"],
    Programme.MAGISTRATES_COURT_TRACKING: ["court_tracking"],
    Programme.SPECIFIC_INTERVENTION: ["specific_intervention"],
    Programme.PARENTING_ORDER: ["court_outcome"],
}
COURT_PROGRAMMES = {Programme.YRO, Programme.REFERRAL_ORDER, Programme.CUSTODY, Programme.PARENTING_ORDER,
                    Programme.BAIL, Programme.CROWN_COURT_TRACKING, Programme.MAGISTRATES_COURT_TRACKING}
OFFENCE_PROGRAMMES = COURT_PROGRAMMES | {Programme.COMMUNITY_RESOLUTION, Programme.OOCD}


@dataclass(frozen=True)
class DemoStaff:
    username: str
    given_name: str
    family_name: str
    role: str
    gender: str
    team: str
    line_manager: str = ""
    working_days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    hours: str = "37.0"
    specialism: str = ""
    sign_in_note: str = ""


FULL = ("mon", "tue", "wed", "thu", "fri")

WOKINGHAM_TEAM = "Prevention and Youth Justice Team"
WOKINGHAM_STAFF = [
    DemoStaff("sm.wokingham", "Helen", "Larchmoor", "service_manager", "female", WOKINGHAM_TEAM,
              sign_in_note="Service manager"),
    DemoStaff("tm.wokingham", "Marcus", "Fallowmere", "team_manager", "male", WOKINGHAM_TEAM, "sm.wokingham",
              sign_in_note="Team manager"),
    DemoStaff("atm.wokingham", "Priya", "Coldmere", "assistant_team_manager", "female", WOKINGHAM_TEAM,
              "tm.wokingham", sign_in_note="Assistant team manager"),
    DemoStaff("cw.wokingham", "Sam", "Hollinbrook", "yjso", "male", WOKINGHAM_TEAM, "atm.wokingham",
              sign_in_note="Case worker (full time)"),
    DemoStaff("cwpt.wokingham", "Jo", "Thistledean", "yjso", "female", WOKINGHAM_TEAM, "atm.wokingham",
              ("mon", "tue", "wed"), "22.5", sign_in_note="Case worker, part time (Monday to Wednesday)"),
    DemoStaff("kw.wokingham", "Kemi", "Saltmarren", "yjso", "female", WOKINGHAM_TEAM, "atm.wokingham",
              ("tue", "wed", "thu"), "22.5"),
    DemoStaff("dh.wokingham", "Dan", "Ivythorne", "yjso", "male", WOKINGHAM_TEAM, "atm.wokingham",
              ("mon", "tue", "thu", "fri"), "30.0"),
    DemoStaff("rb.wokingham", "Rosa", "Pebblewick", "case_manager", "female", WOKINGHAM_TEAM, "tm.wokingham"),
    DemoStaff("victim.wokingham", "Tom", "Reedwick", "specialist", "male", WOKINGHAM_TEAM, "tm.wokingham",
              ("mon", "wed", "thu"), "22.5", "victim_rj", sign_in_note="Victim worker (restorative justice)"),
    DemoStaff("nurse.wokingham", "Aisha", "Mossgrave", "specialist", "female", WOKINGHAM_TEAM, "tm.wokingham",
              specialism="nurse"),
    DemoStaff("bs.wokingham", "Lynn", "Underhay", "business_support", "female", WOKINGHAM_TEAM, "tm.wokingham",
              sign_in_note="Business support"),
    DemoStaff("student.wokingham", "Ellis", "Kestrelby", "student", "non_binary", WOKINGHAM_TEAM, "atm.wokingham",
              ("mon", "tue", "wed", "thu"), "30.0", sign_in_note="Student social worker"),
]

NOTTS_TEAMS = {"North": Team.Kind.LOCALITY, "South": Team.Kind.LOCALITY, "West": Team.Kind.LOCALITY,
               "Intervention": Team.Kind.INTERVENTION}
NOTTS_STAFF = [
    DemoStaff("sm.notts", "Grace", "Northolme", "service_manager", "female", "North", sign_in_note="Service manager"),
    DemoStaff("tm.notts", "Ravi", "Brackenhurst", "team_manager", "male", "North", "sm.notts",
              sign_in_note="Team manager, North locality"),
    DemoStaff("tm.south.notts", "Claire", "Dunthorpe", "team_manager", "female", "South", "sm.notts"),
    DemoStaff("tm.west.notts", "Owen", "Greysands", "team_manager", "male", "West", "sm.notts"),
    DemoStaff("tm.intervention.notts", "Fatima", "Elderwick", "team_manager", "female", "Intervention", "sm.notts"),
    DemoStaff("cm.notts", "Jamie", "Oakenshale", "case_manager", "male", "North", "tm.notts",
              sign_in_note="Case manager (band A), North locality"),
    DemoStaff("scm.north.notts", "Beth", "Vetchley", "senior_case_manager", "female", "North", "tm.notts"),
    DemoStaff("ap.north.notts", "Ian", "Quarrendon", "advanced_practitioner", "male", "North", "tm.notts"),
    DemoStaff("yjso.north.notts", "Mo", "Yarrowby", "yjso", "male", "North", "tm.notts", ("mon", "tue", "wed"),
              "22.5"),
    DemoStaff("cm.south.notts", "Lucy", "Wrenthorpe", "case_manager", "female", "South", "tm.south.notts"),
    DemoStaff("scm.south.notts", "Adam", "Sorrelby", "senior_case_manager", "male", "South", "tm.south.notts",
              ("mon", "tue", "thu", "fri"), "30.0"),
    DemoStaff("cm.west.notts", "Nina", "Tansyfield", "case_manager", "female", "West", "tm.west.notts",
              ("tue", "wed", "thu"), "22.5"),
    DemoStaff("ap.west.notts", "Chris", "Heathwaite", "advanced_practitioner", "male", "West", "tm.west.notts"),
    DemoStaff("iw.notts", "Sara", "Pinemarsh", "specialist", "female", "Intervention", "tm.intervention.notts",
              specialism="substance_misuse"),
    DemoStaff("salt.notts", "Ruth", "Cloudsley", "specialist", "female", "Intervention", "tm.intervention.notts",
              ("mon", "tue"), "15.0", "speech_language"),
    DemoStaff("victim.notts", "Leon", "Emberlea", "specialist", "male", "Intervention", "tm.intervention.notts",
              specialism="victim_rj"),
    DemoStaff("bs.notts", "Pat", "Gorsebrook", "business_support", "female", "North", "tm.notts"),
    DemoStaff("student.notts", "Kit", "Lanternby", "student", "female", "North", "tm.notts",
              sign_in_note="Student (primary worker co-allocated)"),
    DemoStaff("panel.notts", "Derek", "Fernhollow", "volunteer", "male", "Intervention", "tm.intervention.notts",
              ("wed",), "4.0"),
]


def demo_sign_ins() -> list[tuple[str, str]]:
    """(username, what the account is) for each demo role worth signing in as, then the admin."""
    rows = [(s.username, f"Wokingham PYJS (demo): {s.sign_in_note}") for s in WOKINGHAM_STAFF if s.sign_in_note]
    rows += [(s.username, f"Nottinghamshire YJS (demo): {s.sign_in_note}") for s in NOTTS_STAFF if s.sign_in_note]
    rows.append(("admin", "Django admin (/admin/), superuser"))
    return rows


@contextlib.contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Freeze the product clock at a local moment, never later than the demo's now."""
    with frozen_clock(min(moment, DEMO_NOW).astimezone(dt.timezone.utc)):
        yield


def local(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def next_weekday(day: dt.date, days: tuple[str, ...] = FULL) -> dt.date:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    while names[day.weekday()] not in days:
        day += dt.timedelta(days=1)
    return day


@dataclass
class ServiceCast:
    service: Service
    teams: dict[str, Team]
    staff: dict[str, StaffMember]
    case_holders: dict[str, list[StaffMember]] = field(default_factory=dict)

    def manager_of(self, team: Team) -> StaffMember:
        for member in self.staff.values():
            if member.team_id == team.pk and member.role == StaffMember.Role.TEAM_MANAGER:
                return member
        return next(m for m in self.staff.values() if m.role == StaffMember.Role.TEAM_MANAGER)


class DemoBuilder:
    """Builds the demo data in one go. Call build() inside a transaction on an empty database."""

    def __init__(self, log=print):
        self.rng = random.Random(RANDOM_SEED)
        self.log = log
        self.names_used: set[tuple[str, str]] = set()
        self.counts = {"children": 0, "cases": 0, "referrals": 0}
        self.appointment_seq = 0
        self.casework_ii_seq = 0
        self.student_cases = 0

    # --- set-up ---------------------------------------------------------------------------------------------

    def build(self) -> dict[str, int]:
        # One transaction; each case's obligations are worked out once, at the end of it, not after every event.
        with transaction.atomic(), recompute_deferred():
            wokingham = self._service(
                name="Wokingham PYJS (demo)", slug=WOKINGHAM, kind=Service.Kind.PYJS,
                rule=Service.WorkingDaysRule.CASE_WORKER, policy_set=Service.PolicySet.WOKINGHAM,
                teams={WOKINGHAM_TEAM: Team.Kind.PREVENTION_AND_YOUTH_JUSTICE}, staff=WOKINGHAM_STAFF,
            )
            notts = self._service(
                name="Nottinghamshire YJS (demo)", slug=NOTTINGHAMSHIRE, kind=Service.Kind.YJS,
                rule=Service.WorkingDaysRule.MON_FRI, policy_set=Service.PolicySet.NOTTINGHAMSHIRE,
                teams=NOTTS_TEAMS, staff=NOTTS_STAFF,
            )
            self._passwords_and_admin()
            self._absences(wokingham, notts)
            self._children(wokingham, notts)
        return self.counts

    def _service(self, *, name, slug, kind, rule, policy_set, teams, staff) -> ServiceCast:
        service = Service(name=name, slug=slug, kind=kind, working_days_rule=rule, policy_set=policy_set)
        service.full_clean()
        service.save()
        team_rows = {}
        for team_name, team_kind in teams.items():
            team = Team(service=service, name=team_name, kind=team_kind)
            team.full_clean()
            team.save()
            team_rows[team_name] = team
        members: dict[str, StaffMember] = {}
        for number, person in enumerate(staff):
            started = DEMO_TODAY - dt.timedelta(days=200 + 97 * number)
            with clock_at(local(started, 9)):
                members[person.username] = staff_create(
                    service=service, username=person.username, given_name=person.given_name,
                    family_name=person.family_name, role=person.role, gender=person.gender,
                    email=f"{person.username}@example.org", team=team_rows[person.team],
                    specialism=person.specialism, working_days=list(person.working_days),
                    contracted_hours=Decimal(person.hours), line_manager=members.get(person.line_manager),
                    employment_started_on=started,
                )
        cast = ServiceCast(service=service, teams=team_rows, staff=members)
        for team in team_rows.values():
            cast.case_holders[team.name] = [
                m for m in members.values()
                if m.team_id == team.pk and (m.is_case_holder and m.role != StaffMember.Role.STUDENT)
            ]
        return cast

    def _passwords_and_admin(self) -> None:
        # One hash for every demo account: hashing 30 passwords one by one would take most of the load time.
        User = get_user_model()
        hashed = make_password(DEMO_PASSWORD)
        User.objects.filter(staff_member__isnull=False).update(password=hashed)
        admin = User(username="admin", email="admin@example.org", is_staff=True, is_superuser=True, password=hashed)
        admin.save()

    def _absences(self, wokingham: ServiceCast, notts: ServiceCast) -> None:
        with clock_at(local(dt.date(2026, 11, 16), 9)):
            absence_record(staff=notts.staff["scm.south.notts"], kind="unplanned", starts_on=dt.date(2026, 11, 16),
                           actor=notts.staff["tm.south.notts"])
        with clock_at(local(dt.date(2026, 10, 1), 9)):
            leave = absence_record(staff=wokingham.staff["kw.wokingham"], kind="unplanned",
                                   starts_on=dt.date(2026, 10, 1), actor=wokingham.staff["atm.wokingham"])
        with clock_at(local(dt.date(2026, 10, 9), 17)):
            absence_end(absence=leave, ends_on=dt.date(2026, 10, 9), actor=wokingham.staff["atm.wokingham"])
        with clock_at(local(dt.date(2026, 11, 2), 9)):
            absence_record(staff=wokingham.staff["cw.wokingham"], kind="planned", starts_on=dt.date(2026, 12, 21),
                           ends_on=dt.date(2026, 12, 31), actor=wokingham.staff["cw.wokingham"])
            absence_record(staff=notts.staff["cm.notts"], kind="planned", starts_on=dt.date(2026, 12, 7),
                           ends_on=dt.date(2026, 12, 11), actor=notts.staff["tm.notts"])

    # --- children and their stories -------------------------------------------------------------------------

    def _children(self, wokingham: ServiceCast, notts: ServiceCast) -> None:
        plans = self._plans()
        for number, (service_key, programme, stage, extra) in enumerate(plans):
            cast = wokingham if service_key == "w" else notts
            self._story(cast, programme, stage, extra, number)

    def _plans(self) -> list[tuple[str, str, str, dict]]:
        """Which child goes where: (service, programme, stage, extras), fixed by the seed."""
        rng = self.rng
        plans: list[tuple[str, str, str, dict]] = []
        wokingham_mix = [Programme.COMMUNITY_RESOLUTION] * 26 + [Programme.PREVENTION] * 24 + [Programme.YRO] * 14
        notts_mix = (
            [Programme.OOCD] * 15 + [Programme.YRO] * 15 + [Programme.REFERRAL_ORDER] * 13
            + [Programme.CUSTODY] * 4 + [Programme.BAIL] * 4 + [Programme.MY_FUTURE] * 11
            + [Programme.CROWN_COURT_TRACKING] * 5 + [Programme.MAGISTRATES_COURT_TRACKING] * 6
            + [Programme.SPECIFIC_INTERVENTION] * 9 + [Programme.PARENTING_ORDER] * 4
        )
        stages = (["received"] * 3 + ["not_met"] * 2 + ["triaged"] * 2 + ["unallocated"] * 2 + ["open"] * 24
                  + ["reallocated"] * 5 + ["closure_requested"] * 2 + ["closed"] * 5)
        for key, mix in (("w", wokingham_mix), ("n", notts_mix)):
            for programme in mix:
                plans.append((key, programme, rng.choice(stages), {}))
        rng.shuffle(plans)
        # Make sure every stage appears in both services, whatever the shuffle gave.
        for key in ("w", "n"):
            indexes = [i for i, plan in enumerate(plans) if plan[0] == key]
            for stage, index in zip(["received", "not_met", "triaged", "unallocated", "closure_requested", "closed",
                                     "reallocated"], indexes):
                plans[index] = (key, plans[index][1], stage, {})
        # A few restricted cases, and a few children with two cases at once.
        open_indexes = [i for i, plan in enumerate(plans) if plan[2] in ("open", "reallocated")]
        for index in open_indexes[:3] + open_indexes[-3:]:
            plans[index][3]["restricted"] = True
        second = {Programme.YRO: Programme.REFERRAL_ORDER, Programme.REFERRAL_ORDER: Programme.PARENTING_ORDER,
                  Programme.PREVENTION: Programme.COMMUNITY_RESOLUTION, Programme.BAIL: Programme.CROWN_COURT_TRACKING,
                  Programme.COMMUNITY_RESOLUTION: Programme.PREVENTION,
                  Programme.MAGISTRATES_COURT_TRACKING: Programme.MY_FUTURE}
        doubles = [i for i in open_indexes[3:-3] if plans[i][1] in second][:6]
        for index in doubles:
            plans[index][3]["second_programme"] = second[plans[index][1]]
        return plans[:CHILDREN_WANTED]

    def _name(self, gender: str) -> tuple[str, str]:
        while True:
            given = self.rng.choice(GIVEN_NAMES[gender])
            family = self.rng.choice(SURNAMES)
            if (given, family) not in self.names_used:
                self.names_used.add((given, family))
                return given, family

    def _story(self, cast: ServiceCast, programme: str, stage: str, extra: dict, number: int) -> None:
        rng = self.rng
        service = cast.service
        is_wokingham = service.slug == WOKINGHAM
        gender = rng.choices(["male", "female", "non_binary"], weights=[55, 42, 3])[0]
        given, family = self._name(gender)
        youngest = 8 if programme == Programme.PREVENTION else 10
        age_days = rng.randint(youngest * 365 + 30, 17 * 365 + 300)
        born = DEMO_TODAY - dt.timedelta(days=age_days)

        # When the story starts: recent for early stages, further back for cases already under way.
        if stage in ("received", "not_met", "triaged"):
            received = DEMO_TODAY - dt.timedelta(days=rng.randint(1, 12))
        elif stage == "unallocated":
            received = DEMO_TODAY - dt.timedelta(days=rng.randint(5, 15))
        elif stage == "closed":
            received = DEMO_TODAY - dt.timedelta(days=rng.randint(120, 330))
        else:
            received = DEMO_TODAY - dt.timedelta(days=rng.randint(20, 260))
        received = next_weekday(received)
        if received >= DEMO_TODAY:
            received = DEMO_TODAY - dt.timedelta(days=1)

        if is_wokingham:
            team = cast.teams[WOKINGHAM_TEAM]
            triager = cast.staff[rng.choice(["tm.wokingham", "atm.wokingham"])]
            recorder = cast.staff["bs.wokingham"]
        else:
            locality = "Intervention" if programme == Programme.SPECIFIC_INTERVENTION else rng.choice(
                ["North", "North", "South", "West"])
            team = cast.teams[locality]
            triager = cast.manager_of(team)
            recorder = cast.staff["bs.notts"]

        source = rng.choice(SOURCE_OF[programme])
        offence = rng.choice(OFFENCES) if programme in OFFENCE_PROGRAMMES else None
        details = {
            "given_name": given, "family_name": family, "date_of_birth": born, "gender": gender,
            "preferred_name": PREFERRED.get(given, ""),
            "gender_differs_from_birth": gender == "non_binary" or rng.random() < 0.02,
            "ethnicity": rng.choice(ETHNICITIES), "first_language": rng.choice(LANGUAGES),
            "send": rng.random() < 0.2, "slcn": rng.random() < 0.25,
            "police_id": f"DEMO/PNC/{number:04d}" if offence else "",
            "social_care_id": f"DEMO-SC-{number:05d}" if rng.random() < 0.35 else "",
            "national_id": f"DEMO-UPN-{number:06d}",
        }
        summary = SUMMARIES[source].format(offence=offence[0].lower() if offence else "")
        with clock_at(local(received, 10, 15)):
            referral = referral_record(
                service=service, source=source, received_on=received, summary=summary, actor=recorder,
                child_details=details, referrer_name=self._referrer(source),
            )
        self.counts["referrals"] += 1
        self.counts["children"] += 1
        child = referral.child
        self._family(cast, child, recorder, received, team)
        if stage == "received":
            return

        triaged_on = min(next_weekday(received + dt.timedelta(days=1)), DEMO_TODAY)
        outcome = "not_met" if stage == "not_met" else "meets_criteria"
        reason = ("Meets the criteria for the programme; no current open case."
                  if outcome == "meets_criteria" else "Does not meet the threshold; signposted to the school's support.")
        with clock_at(local(triaged_on, 11)):
            referral_triage(referral=referral, outcome=outcome, reason=reason, actor=triager)
        if stage in ("not_met", "triaged"):
            return

        started = min(next_weekday(triaged_on + dt.timedelta(days=rng.randint(0, 3))), DEMO_TODAY)
        with clock_at(local(started, 11, 30)):
            case = referral_accept(referral=referral, programme=programme, actor=triager, started_on=started,
                                   team=team)
        self.counts["cases"] += 1
        self._offence_and_court(cast, case, offence, received, started)
        if extra.get("restricted"):
            with clock_at(local(started, 12)):
                case_set_restricted(case=case, restricted=True, actor=triager,
                                    reason="A member of the child's family works for the council's youth service.")
        if stage == "unallocated":
            return

        self._casework(cast, case, team, triager, stage, started)
        second = extra.get("second_programme")
        if second:
            self._second_case(cast, child, team, triager, second, started, recorder)

    def _referrer(self, source: str) -> str:
        return {
            "tvp_yot1": "Police Youth Justice Unit (demo)", "police_oocd": "Police Out of Court Team (demo)",
            "ehh_contact_form": "Early Help Hub (demo)", "stepdown": "Children's Social Care R&A Team (demo)",
            "court_outcome": "Youth Court (demo)", "court_tracking": "Court officer (demo)",
            "specific_intervention": "Children's Social Care (demo)", "my_future": "School inclusion lead (demo)",
        }[source]

    def _family(self, cast: ServiceCast, child, actor: StaffMember, received: dt.date, team: Team) -> None:
        rng = self.rng
        moved_in = max(child.date_of_birth, received - dt.timedelta(days=rng.randint(200, 2000)))
        locality = team.name if team.kind == Team.Kind.LOCALITY else ""
        with clock_at(local(received, 10, 20)):
            child_address_record(
                child=child, line_1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                town="Wokingham (demo)" if cast.service.slug == WOKINGHAM else "Nottingham (demo)",
                postcode=f"ZZ{rng.randint(1, 9)} {rng.randint(1, 9)}ZZ", locality=locality, from_date=moved_in,
                actor=actor,
            )
            parent_gender = rng.choice(["female", "female", "male"])
            relationship = rng.choice(["Mother", "Grandmother", "Aunt"] if parent_gender == "female"
                                      else ["Father", "Grandfather", "Stepfather"])
            parent = person_create(
                service=cast.service, given_name=rng.choice(GIVEN_NAMES[parent_gender]),
                family_name=child.family_name, kind="parent_carer", actor=actor,
                phone=f"07700 900{rng.randint(0, 999):03d}", email=f"{child.family_name.lower()}@example.org",
            )
            child_relationship_record(child=child, person=parent, relationship=relationship, actor=actor,
                                      parental_responsibility=relationship in ("Mother", "Father"),
                                      receives_letters=True)
            care = rng.choices(["none", "child_in_need", "child_protection_plan", "looked_after"],
                               weights=[70, 14, 6, 10])[0]
            child_circumstance_record(child=child, kind="care_status", value=care, from_date=moved_in, actor=actor)
            if care != "none":
                social_worker = f"{rng.choice(GIVEN_NAMES['female'] + GIVEN_NAMES['male'])} {rng.choice(SURNAMES)}"
                child_circumstance_record(child=child, kind="social_worker", value=social_worker,
                                          detail="Children's Social Care (demo)", from_date=moved_in, actor=actor)
            child_circumstance_record(child=child, kind="ete_status", value=rng.choice(ETE), from_date=moved_in,
                                      actor=actor)
            if child.send:
                child_circumstance_record(child=child, kind="send_plan", value="Education, health and care plan",
                                          from_date=moved_in, actor=actor)

    def _offence_and_court(self, cast, case: Case, offence, received: dt.date, started: dt.date) -> None:
        if offence is None:
            return
        rng = self.rng
        description, gravity, imprisonable = offence
        committed = received - dt.timedelta(days=rng.randint(10, 60))
        row = Offence(child=case.child, case=case, committed_on=committed, description=description,
                      offence_code=f"DEMO-{gravity}{rng.randint(10, 99)}", gravity_score=gravity,
                      imprisonable=imprisonable)
        row.full_clean()
        row.save()
        if case.programme in (Programme.COMMUNITY_RESOLUTION, Programme.YRO) and rng.random() < 0.6:
            victim_worker = next(m for m in cast.staff.values() if m.specialism == "victim_rj")
            with clock_at(local(started, 14)):
                victim_record(
                    service=cast.service, given_name=rng.choice(GIVEN_NAMES["female"] + GIVEN_NAMES["male"]),
                    family_name=rng.choice(SURNAMES), actor=victim_worker, case=case, offence=row,
                    phone=f"07700 900{rng.randint(0, 999):03d}", consent_to_contact=rng.random() < 0.7,
                    consent_by=rng.choice(["pyjs_victim_worker", "police"]),
                    notes="Victim views to be sought before the first session.",
                )
        if case.programme not in COURT_PROGRAMMES:
            return
        court = ("Reading Youth Court" if cast.service.slug == WOKINGHAM else
                 "Nottingham Crown Court" if case.programme == Programme.CROWN_COURT_TRACKING else
                 "Nottingham Youth Court")
        hearing_on = received if received <= started else started
        hearing = CourtHearing(case=case, child=case.child, hearing_on=hearing_on, court=court,
                               purpose="Sentence" if case.programme not in (
                                   Programme.BAIL, Programme.CROWN_COURT_TRACKING,
                                   Programme.MAGISTRATES_COURT_TRACKING) else "First appearance",
                               outcome="")
        hearing.full_clean()
        hearing.save()
        order_type = {Programme.YRO: Order.OrderType.YRO, Programme.REFERRAL_ORDER: Order.OrderType.REFERRAL_ORDER,
                      Programme.CUSTODY: Order.OrderType.DTO,
                      Programme.PARENTING_ORDER: Order.OrderType.PARENTING_ORDER}.get(case.programme)
        if order_type is None:
            return
        months = {Order.OrderType.YRO: 12, Order.OrderType.REFERRAL_ORDER: 6, Order.OrderType.DTO: 8,
                  Order.OrderType.PARENTING_ORDER: 3}[order_type]
        order = Order(case=case, order_type=order_type, made_on=hearing_on, starts_on=started,
                      ends_on=started + dt.timedelta(days=30 * months))
        order.full_clean()
        order.save()
        hearing.outcome = f"{order.get_order_type_display()}, {months} months."
        hearing.save(update_fields=["outcome"])
        if order_type == Order.OrderType.YRO:
            age = case.child.age_on(hearing_on)
            requirements = [("supervision", {"months": 12}), ("activity", {"days": rng.choice([20, 30, 45])})]
            if rng.random() < 0.4:
                requirements.append(("curfew", {"hours_per_day": rng.choice([8, 10, 12]), "months": 3}))
            if age >= 16 and rng.random() < 0.5:
                requirements.append(("unpaid_work", {"hours": rng.choice([40, 60, 80])}))
            for requirement_type, quantities in requirements:
                req = OrderRequirement(order=order, requirement_type=requirement_type, quantities=quantities,
                                       delivered_hours=None, delivered_days=None)
                req.full_clean()
                req.save()

    def _pick_worker(self, cast: ServiceCast, team: Team, avoid: StaffMember | None = None) -> StaffMember:
        holders = [m for m in cast.case_holders[team.name] if m != avoid]
        if not holders:
            holders = [m for members in cast.case_holders.values() for m in members if m != avoid]
        # The demo sign-ins get a fuller caseload so that "My cases" has something to show.
        favourites = [m for m in holders if m.user.username in ("cw.wokingham", "cm.notts")]
        pool = holders + favourites * 2
        return self.rng.choice(pool)

    def _casework(self, cast: ServiceCast, case: Case, team: Team, manager: StaffMember, stage: str,
                  started: dt.date) -> None:
        rng = self.rng
        is_wokingham = cast.service.slug == WOKINGHAM
        lead_role = Allocation.Role.CASE_WORKER if is_wokingham else Allocation.Role.CM
        worker = self._pick_worker(cast, team)
        student = cast.staff.get("student.notts")
        # Nottinghamshire: a student holds a few North cases, always with a qualified primary worker alongside.
        student_case = (student is not None and team.name == "North" and self.student_cases < 3
                        and case.programme in (Programme.OOCD, Programme.MY_FUTURE, Programme.REFERRAL_ORDER))
        if student_case:
            worker = student
            self.student_cases += 1
        allocated_on = min(next_weekday(started + dt.timedelta(days=rng.randint(0, 2))), DEMO_TODAY)
        with clock_at(local(allocated_on, 12)):
            case_allocate(case=case, staff=worker, role=lead_role, rationale=rng.choice(RATIONALES),
                          actor=manager, on=allocated_on)
        if student_case:
            with clock_at(local(allocated_on, 12, 15)):
                case_allocate(case=case, staff=cast.staff["cm.notts"], role=Allocation.Role.PRIMARY_WORKER,
                              actor=manager, on=allocated_on,
                              rationale="Student placement: primary worker co-allocated for oversight and sign-off.")
        self._co_allocations(cast, case, manager, worker, allocated_on)

        end = DEMO_TODAY
        if stage == "closed":
            end = min(started + dt.timedelta(days=rng.randint(60, 110)), DEMO_TODAY - dt.timedelta(days=3))
        reallocate_on = None
        if stage == "reallocated":
            span = (end - allocated_on).days
            reallocate_on = next_weekday(allocated_on + dt.timedelta(days=max(7, span // 2)))
            if reallocate_on >= DEMO_TODAY:
                reallocate_on = None
        self._appointments(case, worker, allocated_on, reallocate_on or end)
        if reallocate_on:
            new_worker = self._pick_worker(cast, team, avoid=worker)
            with clock_at(local(reallocate_on, 9, 30)):
                case_allocate(case=case, staff=new_worker, role=lead_role, actor=manager, on=reallocate_on,
                              rationale="Previous worker's caseload reduced; child introduced to the new worker.",
                              reason=rng.choice(["internal_transfer", "leave"]))
            self._appointments(case, new_worker, reallocate_on, end)
            worker = new_worker

        if stage != "closed":
            self._casework_ii(case, manager, worker, allocated_on)

        if stage in ("closure_requested", "closed"):
            reason = self._closure_reason(case.programme)
            requested = max(started, end - dt.timedelta(days=3))
            with clock_at(local(requested, 15)):
                case_request_closure(case=case, reason=reason, actor=worker, on=requested,
                                     steps_taken="Discussed ending with the child and parent/carer; plan reviewed.")
            if stage == "closed":
                with clock_at(local(end, 15)):
                    if reason == "order_completed":  # a court order closes after its exit interview
                        event_record(type="meeting.held", occurred_at=local(end, 15), actor=manager, case=case,
                                     data={"type": "exit_interview", "conducted_by": "manager"})
                with clock_at(local(end, 16)):
                    case_close(case=case, reason=reason, actor=manager, on=end)

    def _casework_ii(self, case: Case, manager: StaffMember, worker: StaffMember, allocated_on: dt.date) -> None:
        """Ratings, a plan and (on a Nottinghamshire court order) a RoSH/SaW review CMM with an action, through the
        services, on open cases. Deterministic by a counter, so the rest of the story keeps its random draws."""
        self.casework_ii_seq += 1
        number = self.casework_ii_seq
        rated_on = allocated_on + dt.timedelta(days=10)
        if rated_on >= DEMO_TODAY:
            return
        court_order = case.programme not in (Programme.COMMUNITY_RESOLUTION, Programme.PREVENTION)
        levels = ("low", "medium", "high", "medium", "low")
        with clock_at(local(rated_on, 15)):
            for offset, dimension in enumerate(("rosh", "saw", "lor")):
                level = levels[(number + offset) % len(levels)] if court_order else "low"
                rating_set(case=case, dimension=dimension, level=level, on=rated_on, actor=worker,
                           reason=DEMO_RATING_REASONS[dimension][level])
        if case.programme in (Programme.COMMUNITY_RESOLUTION, Programme.PREVENTION) and number % 3 == 0:
            # A Mini Asset waiting for its manager's QA (the QA queue has work in it).
            with clock_at(local(rated_on, 16)):
                assessment = assessment_start(case=case, kind="mini_asset", actor=worker)
                assessment_submit(assessment=assessment, actor=worker, assessed_on=rated_on,
                                  summary="Two sessions held, one a home visit; strengths and worries agreed.",
                                  evidence=["specialist_screening", "education", "mosaic_checks",
                                            "social_worker_information"])
        planned_on = rated_on + dt.timedelta(days=4)
        if planned_on < DEMO_TODAY and number % 2 == 0:
            with clock_at(local(planned_on, 15)):
                plan_write(case=case, plan_type=_PLAN_TYPES.get(case.programme, "intervention_plan"),
                           agreed_on=planned_on, actor=worker, parent_present=True,
                           child_words="I want to get back into school and stay away from the people I got in "
                                       "trouble with.", targets=DEMO_TARGETS)
        notts_order = case.service.policy_set == "nottinghamshire" and court_order and case.programme != "my_future"
        held_on = rated_on + dt.timedelta(days=7)
        if notts_order and number % 2 == 1 and held_on < DEMO_TODAY:
            with clock_at(local(rated_on, 17)):
                meeting = meeting_arrange(case=case, type="cmm", purpose="rosh_saw_review", actor=manager,
                                          starts_at=local(held_on, 11), invitees=["child", "parent_carer"])
            with clock_at(local(held_on, 13)):
                meeting_hold(meeting=meeting, on=held_on, attendees=["child", "parent_carer", "worker", "tm"],
                             chair="tm", actor=manager)
                meeting_action_add(meeting=meeting, description="Ask the school for attendance figures",
                                   owner=worker, due=held_on + dt.timedelta(days=14), actor=manager)

    def _closure_reason(self, programme: str) -> str:
        if programme in (Programme.YRO, Programme.REFERRAL_ORDER, Programme.CUSTODY, Programme.PARENTING_ORDER):
            return "order_completed"
        return self.rng.choice(["completed", "completed", "completed", "no_contact", "disengagement", "declined"])

    def _co_allocations(self, cast, case, manager, worker, on) -> None:
        rng = self.rng
        student = cast.staff.get("student.wokingham")
        if student and rng.random() < 0.1:
            with clock_at(local(on, 12, 30)):
                case_allocate(case=case, staff=student, role=Allocation.Role.SECONDARY, actor=manager, on=on,
                              rationale="Student placement: shadows the case worker and leads two sessions.")
        if case.programme in (Programme.COMMUNITY_RESOLUTION, Programme.YRO) and rng.random() < 0.35:
            victim_worker = next(m for m in cast.staff.values() if m.specialism == "victim_rj")
            role = Allocation.Role.VICTIM_WORKER if case.programme == Programme.COMMUNITY_RESOLUTION else \
                Allocation.Role.RJW
            with clock_at(local(on, 12, 45)):
                case_allocate(case=case, staff=victim_worker, role=role, actor=manager, on=on,
                              rationale="Direct victim identified; victim contact and restorative work.")
        senior = next((m for m in cast.staff.values()
                       if m.role == StaffMember.Role.SENIOR_CASE_MANAGER and m.team_id == case.team_id
                       and m != worker), None)
        if senior and worker.role == StaffMember.Role.YJSO and rng.random() < 0.5:
            with clock_at(local(on, 13)):
                case_allocate(case=case, staff=senior, role=Allocation.Role.PRACTICE_SUPERVISOR, actor=manager,
                              on=on, rationale="YJSO case: senior case manager co-allocated as practice supervisor.")

    def _appointments(self, case: Case, worker: StaffMember, first: dt.date, until: dt.date) -> None:
        """Weekly sessions on the worker's days from a few days after allocation, booked and recorded through the
        appointment services: each booked (the first with an appointment letter), then kept or missed. The last one
        booked may still be ahead of the demo's today."""
        rng = self.rng
        days = tuple(worker.working_days)
        missed_outcome = {
            Programme.COMMUNITY_RESOLUTION: Outcome.NOT_ATTENDED_OOC, Programme.PREVENTION: Outcome.NOT_ATTENDED_PREVENTION,
        }.get(case.programme, Outcome.UNACCEPTABLE)
        booking = local(next_weekday(first, days), 14, 30)
        if booking.date() > until or booking >= DEMO_NOW:
            return
        session_day = next_weekday(booking.date() + dt.timedelta(days=rng.randint(3, 6)), days)
        for number in range(1, 15):
            self.appointment_seq += 1
            starts_at = local(session_day, rng.choice([10, 14, 16]))
            kind = AppointmentKind.HOME_VISIT if number == 1 or rng.random() < 0.3 else AppointmentKind.SUPERVISION
            with clock_at(booking + dt.timedelta(minutes=5)):
                appointment = appointment_schedule(case=case, staff=worker, kind=kind, starts_at=starts_at,
                                                   actor=worker, place="Home" if kind == AppointmentKind.HOME_VISIT
                                                   else "Demo office")
                # Most appointments go out in writing the day they are booked (the first always does).
                if number == 1 or rng.random() < 0.85:
                    event_record(type="letter.sent", occurred_at=booking, actor=worker, case=case,
                                 data={"type": "appointment", "to": ["child", "parent_carer"], "method": "letter",
                                       "appointment_id": appointment.appointment_id, "seq": number})
            if starts_at >= DEMO_NOW or session_day > until:
                return
            with clock_at(starts_at + dt.timedelta(hours=2)):
                if rng.random() < 0.15:
                    appointment_record_outcome(appointment=appointment, outcome=missed_outcome, actor=worker)
                else:
                    appointment_record_outcome(appointment=appointment, outcome=Outcome.ATTENDED, actor=worker)
                    if number == 2 and case.programme in (Programme.COMMUNITY_RESOLUTION, Programme.PREVENTION):
                        event_record(type="assessment.completed", occurred_at=starts_at + dt.timedelta(hours=1),
                                     actor=worker, case=case, data={"type": "mini_asset"})
            booking = starts_at + dt.timedelta(minutes=90)
            session_day = next_weekday(session_day + dt.timedelta(days=7), days)

    def _second_case(self, cast, child, team, manager, programme, first_started, recorder) -> None:
        rng = self.rng
        received = next_weekday(first_started + dt.timedelta(days=rng.randint(10, 40)))
        if received >= DEMO_TODAY - dt.timedelta(days=3):
            received = first_started
        source = SOURCE_OF[programme][0]
        offence = rng.choice(OFFENCES) if programme in OFFENCE_PROGRAMMES else None
        with clock_at(local(received, 10, 45)):
            referral = referral_record(
                service=cast.service, source=source, received_on=received, child=child, actor=recorder,
                summary=SUMMARIES[source].format(offence=offence[0].lower() if offence else ""),
                referrer_name=self._referrer(source),
            )
        self.counts["referrals"] += 1
        with clock_at(local(received, 15)):
            referral_triage(referral=referral, outcome="meets_criteria", actor=manager,
                            reason="Meets the criteria; runs alongside the child's current case.")
        started = min(next_weekday(received + dt.timedelta(days=1)), DEMO_TODAY)
        with clock_at(local(started, 11, 30)):
            case = referral_accept(referral=referral, programme=programme, actor=manager, started_on=started,
                                   team=team)
        self.counts["cases"] += 1
        self._offence_and_court(cast, case, offence, received, started)
        self._casework(cast, case, team, manager, "open", started)


def database_is_empty() -> bool:
    return not (Service.objects.exists() or get_user_model().objects.exists() or Case.objects.exists()
                or Referral.objects.exists())


def load() -> dict[str, int]:
    return DemoBuilder().build()
