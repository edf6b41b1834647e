"""Workforce model: services (a youth justice service), teams, staff members and their absences.

Roles and bands use the guidance's words: Nottinghamshire's Case Manager is band A, Senior Case Manager band B,
Advanced Practitioner band C. A staff member's working pattern (the weekdays worked) drives the part-time
timescales of the Wokingham guidance, so it is kept as data, not derived from contracted hours.
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from waypoint.core.models import Gender, now

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
WEEKDAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday"}

WORKING_DAYS_INVALID = "Working days must be one or more of Monday to Friday, each once"
BAND_DOES_NOT_MATCH_ROLE = "The band must match the role: case manager band A, senior case manager band B, advanced practitioner band C"
ABSENCE_ENDS_BEFORE_IT_STARTS = "The end date must be the same as or after the start date"


def default_working_days() -> list[str]:
    return list(WEEKDAYS)


def validate_working_days(value) -> None:
    if (
        not isinstance(value, list)
        or not value
        or len(set(value)) != len(value)
        or any(day not in WEEKDAYS for day in value)
    ):
        raise ValidationError(WORKING_DAYS_INVALID, code="working_days")


class Service(models.Model):
    """A youth justice service (a YJS, or Wokingham's Prevention and Youth Justice Service)."""

    class Kind(models.TextChoices):
        PYJS = "pyjs", "Prevention and Youth Justice Service"
        YJS = "yjs", "Youth Justice Service"

    class WorkingDaysRule(models.TextChoices):
        # Wokingham counts a part-time case worker's own working days; Nottinghamshire counts Monday to Friday.
        CASE_WORKER = "case_worker", "The case worker's working days"
        MON_FRI = "mon_fri", "Monday to Friday"

    class PolicySet(models.TextChoices):
        WOKINGHAM = "wokingham", "Wokingham PYJS guidance"
        NOTTINGHAMSHIRE = "nottinghamshire", "Nottinghamshire YJS policy"

    name = models.CharField("name", max_length=100, unique=True)
    slug = models.SlugField("short name", max_length=50, unique=True)
    kind = models.CharField("kind of service", max_length=10, choices=Kind.choices)
    working_days_rule = models.CharField(
        "working days counted for timescales", max_length=20, choices=WorkingDaysRule.choices,
        default=WorkingDaysRule.MON_FRI,
    )
    policy_set = models.CharField(
        "policy set", max_length=30, choices=PolicySet.choices, blank=True,
        help_text="Which policy packs apply to the service's cases (the policy engine's service key).",
    )

    class Meta:
        verbose_name = "service"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team within a service: a locality team, an intervention team, Wokingham's single team, or a court team."""

    class Kind(models.TextChoices):
        LOCALITY = "locality", "Locality team"
        INTERVENTION = "intervention", "Intervention team"
        PREVENTION_AND_YOUTH_JUSTICE = "prevention_and_youth_justice", "Prevention and youth justice team"
        COURT = "court", "Court team"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams", verbose_name="service")
    name = models.CharField("name", max_length=100)
    kind = models.CharField("kind of team", max_length=40, choices=Kind.choices)

    class Meta:
        verbose_name = "team"
        ordering = ["service__name", "name"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="team_name_unique_in_service")]

    def __str__(self) -> str:
        return self.name


class StaffMember(models.Model):
    """A member of staff, linked to the user account they sign in with."""

    class Role(models.TextChoices):
        YJSO = "yjso", "Youth Justice Service Officer (YJSO)"
        CASE_MANAGER = "case_manager", "Case manager (band A)"
        SENIOR_CASE_MANAGER = "senior_case_manager", "Senior case manager (band B)"
        ADVANCED_PRACTITIONER = "advanced_practitioner", "Advanced practitioner (band C)"
        ASSISTANT_TEAM_MANAGER = "assistant_team_manager", "Assistant team manager"
        TEAM_MANAGER = "team_manager", "Team manager"
        SERVICE_MANAGER = "service_manager", "Service manager"
        BUSINESS_SUPPORT = "business_support", "Business support"
        SPECIALIST = "specialist", "Specialist worker"
        STUDENT = "student", "Student"
        VOLUNTEER = "volunteer", "Volunteer or panel member"

    class Specialism(models.TextChoices):
        VICTIM_RJ = "victim_rj", "Victim and restorative justice"
        SPEECH_LANGUAGE = "speech_language", "Speech and language"
        NURSE = "nurse", "Nurse"
        SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
        EDUCATION = "education", "Education, training and employment"
        CAMHS = "camhs", "CAMHS"

    class Band(models.TextChoices):
        A = "a", "Band A"
        B = "b", "Band B"
        C = "c", "Band C"

    MANAGER_ROLES = frozenset({Role.ASSISTANT_TEAM_MANAGER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
    CASE_HOLDER_ROLES = frozenset({
        Role.YJSO, Role.CASE_MANAGER, Role.SENIOR_CASE_MANAGER, Role.ADVANCED_PRACTITIONER, Role.STUDENT,
    })
    BAND_OF_ROLE = {Role.CASE_MANAGER: Band.A, Role.SENIOR_CASE_MANAGER: Band.B, Role.ADVANCED_PRACTITIONER: Band.C}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_member", verbose_name="user account",
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="staff", verbose_name="service")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="team",
    )
    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    role = models.CharField("role", max_length=30, choices=Role.choices)
    specialism = models.CharField("specialism", max_length=30, choices=Specialism.choices, blank=True)
    band = models.CharField("band", max_length=1, choices=Band.choices, blank=True)
    gender = models.CharField("gender", max_length=20, choices=Gender.choices)
    working_days = models.JSONField(
        "working days", default=default_working_days, validators=[validate_working_days],
        help_text='The weekdays worked, e.g. ["mon", "tue", "wed"].',
    )
    contracted_hours = models.DecimalField(
        "contracted hours a week", max_digits=4, decimal_places=1, default=Decimal("37.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("48"))],
    )
    line_manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports",
        verbose_name="line manager",
    )
    active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "staff member"
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["service", "active"], name="staff_service_active_idx"),
            models.Index(fields=["family_name", "given_name"], name="staff_name_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def is_manager(self) -> bool:
        return self.role in self.MANAGER_ROLES

    @property
    def is_case_holder(self) -> bool:
        return self.role in self.CASE_HOLDER_ROLES

    @property
    def part_time(self) -> bool:
        return len(self.working_days or []) < len(WEEKDAYS)

    @property
    def working_days_text(self) -> str:
        return ", ".join(WEEKDAY_NAMES[day] for day in WEEKDAYS if day in (self.working_days or []))

    def clean(self) -> None:
        expected = self.BAND_OF_ROLE.get(self.role)
        if expected and self.band and self.band != expected:
            raise ValidationError({"band": BAND_DOES_NOT_MATCH_ROLE})
        if expected and not self.band:
            self.band = expected
        if isinstance(self.working_days, list):
            # Kept in week order so that two equal patterns compare equal.
            self.working_days = [day for day in WEEKDAYS if day in self.working_days] + [
                day for day in self.working_days if day not in WEEKDAYS
            ]


class Absence(models.Model):
    """A period of planned leave or unplanned absence (e.g. sickness); an absence still going on has no end date."""

    class Kind(models.TextChoices):
        PLANNED = "planned", "Planned leave"
        UNPLANNED = "unplanned", "Unplanned absence"

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="absences", verbose_name="staff member")
    kind = models.CharField("kind of absence", max_length=20, choices=Kind.choices)
    starts_on = models.DateField("from")
    ends_on = models.DateField("to", null=True, blank=True)
    created_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "absence"
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["staff", "starts_on"], name="absence_staff_starts_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_on_or_after_start",
            )
        ]

    def __str__(self) -> str:
        until = f" to {self.ends_on:%d %b %Y}" if self.ends_on else ""
        return f"{self.get_kind_display()} from {self.starts_on:%d %b %Y}{until}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": ABSENCE_ENDS_BEFORE_IT_STARTS})
