"""Cases model: a case (one child in one programme), its allocations, offences, hearings, orders, and the chronology.

- A case's status changes only through the named transition services (cases.services): saving a changed status
  any other way raises, so a status can never be edited by hand (the admin shows it read-only).
- Allocations are history rows: a worker's allocation is ended (ends_on set), never deleted or overwritten.
- The chronology is an append-only event store: an event is never edited or deleted; a correction is a new
  `event.voided` or `event.amended` event pointing at the original, with a reason and who made it.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from waypoint.core.models import AppendOnlyModel, AppendOnlyQuerySet, LimitedTextField, now

from .vocabulary import EVENT_TYPES

EVENT_TYPE_UNKNOWN = "Select an event type from the catalogue's event vocabulary"
EVENT_OWNER_MISSING = "An event must belong to a case, a referral or a staff member"


class StatusChangeRefused(Exception):
    """Raised when a case's status is changed other than through a transition service."""


class Programme(models.TextChoices):
    """The programmes a case can be in (the scenario format's programme values)."""

    COMMUNITY_RESOLUTION = "community_resolution", "Community Resolution"
    PREVENTION = "prevention", "Prevention"
    OOCD = "oocd", "Out-of-court disposal"
    YRO = "yro", "Youth Rehabilitation Order"
    REFERRAL_ORDER = "referral_order", "Referral Order"
    CUSTODY = "custody", "Custody and licence"
    BAIL = "bail", "Bail supervision and support"
    MY_FUTURE = "my_future", "My Future"
    CROWN_COURT_TRACKING = "crown_court_tracking", "Crown Court tracking"
    MAGISTRATES_COURT_TRACKING = "magistrates_court_tracking", "Magistrates' Court tracking"
    SPECIFIC_INTERVENTION = "specific_intervention", "Specific intervention"
    PARENTING_ORDER = "parenting_order", "Parenting Order"


class ClosureReason(models.TextChoices):
    """Why a case closed, in the guidance's words (catalogue §3.2, closure reasons)."""

    COMPLETED = "completed", "Completed"
    ORDER_COMPLETED = "order_completed", "Order completed"
    NO_CONTACT = "no_contact", "No contact"
    DISENGAGEMENT = "disengagement", "Disengagement"
    DECLINED = "declined", "Declined"
    TRANSFERRED_OUT = "transferred_out", "Transferred to another service"
    REVOKED = "revoked", "Revoked by the court"
    OTHER = "other", "Other"


class Case(models.Model):
    """One child in one programme, from its start to its end."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSURE_REQUESTED = "closure_requested", "Closure requested"
        CLOSED = "closed", "Closed"

    service = models.ForeignKey(
        "workforce.Service", on_delete=models.PROTECT, related_name="cases", verbose_name="service",
    )
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases", verbose_name="child")
    programme = models.CharField("programme", max_length=40, choices=Programme.choices)
    reference = models.CharField("case reference", max_length=20, unique=True, help_text='For example "C-000123".')
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN)
    started_on = models.DateField("started")
    ended_on = models.DateField("ended", null=True, blank=True)
    closure_reason = models.CharField("closure reason", max_length=30, choices=ClosureReason.choices, blank=True)
    restricted = models.BooleanField(
        "restricted", default=False,
        help_text="Only the case's allocated workers and their managers can see a restricted case.",
    )
    team = models.ForeignKey(
        "workforce.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name="team",
    )
    pack_version = models.CharField("policy pack version", max_length=50, blank=True)
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases",
        verbose_name="referral",
    )
    created_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "case"
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["service", "status"], name="case_service_status_idx"),
            models.Index(fields=["service", "programme"], name="case_service_programme_idx"),
            models.Index(fields=["service", "team"], name="case_service_team_idx"),
            models.Index(fields=["started_on"], name="case_started_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="case_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_programme_display()}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def _transition(self, to: str) -> None:
        """Used by the transition services only: the next save may change the status to `to`."""
        self.status = to
        self._status_transition_allowed = True

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_status", None)
        if (
            not self._state.adding
            and loaded is not None
            and self.status != loaded
            and not getattr(self, "_status_transition_allowed", False)
        ):
            raise StatusChangeRefused(
                "A case's status changes only through its transition services (case_request_closure, case_close)"
            )
        super().save(*args, **kwargs)
        self._loaded_status = self.status
        self._status_transition_allowed = False

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    def current_allocation_list(self) -> list["Allocation"]:
        """Current allocations, from the list selectors' prefetch when there is one (no query per row)."""
        prefetched = getattr(self, "current_allocations", None)
        if prefetched is not None:
            return list(prefetched)
        return list(self.allocations.filter(ends_on__isnull=True).select_related("staff").order_by("starts_on", "id"))

    @property
    def lead_allocation(self) -> "Allocation | None":
        """The current allocation in the lead role (case worker or case manager), if any."""
        return next((a for a in self.current_allocation_list() if a.role in Allocation.LEAD_ROLES), None)

    @property
    def case_worker(self):
        """The worker holding the case (the current lead allocation's staff member), or None if unallocated."""
        lead = self.lead_allocation
        return lead.staff if lead else None


class Allocation(models.Model):
    """A worker's allocation to a case in a role, from a date to a date. Current allocations have no end date."""

    class Role(models.TextChoices):
        # The catalogue's role values (§3.1.1, case.allocated and case.co-allocated), plus Wokingham's case worker.
        CASE_WORKER = "case_worker", "Case worker"
        CM = "cm", "Case manager"
        SCM = "scm", "Senior case manager"
        COVER = "cover", "Cover"
        INTERVENTION_WORKER = "intervention_worker", "Intervention worker"
        OVERSEEING_AP = "overseeing_ap", "Overseeing advanced practitioner"
        PSR_AUTHOR = "psr_author", "Pre-sentence report author"
        RJW = "rjw", "Restorative justice worker"
        VICTIM_WORKER = "victim_worker", "Victim worker"
        PRACTICE_SUPERVISOR = "practice_supervisor", "Practice supervisor"
        PRIMARY_WORKER = "primary_worker", "Primary worker (for a student)"
        SECONDARY = "secondary", "Secondary worker"

    # The lead role on a case: a case has at most one current allocation in either of these.
    LEAD_ROLES = frozenset({Role.CASE_WORKER, Role.CM})
    # Roles the catalogue records with case.co-allocated rather than case.allocated.
    CO_ALLOCATION_ROLES = frozenset({Role.PRACTICE_SUPERVISOR, Role.PRIMARY_WORKER, Role.SECONDARY})

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allocations", verbose_name="case")
    staff = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="allocations", verbose_name="worker",
    )
    role = models.CharField("role on the case", max_length=30, choices=Role.choices)
    starts_on = models.DateField("from")
    ends_on = models.DateField("to", null=True, blank=True)
    allocated_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="allocations_made",
        verbose_name="allocated by",
    )
    rationale = LimitedTextField("rationale", max_length=2000)
    created_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "allocation"
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["case", "ends_on"], name="allocation_case_current_idx"),
            models.Index(fields=["staff", "ends_on"], name="allocation_staff_current_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="allocation_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} as {self.get_role_display()} on {self.case.reference}"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None

    @property
    def is_lead(self) -> bool:
        return self.role in self.LEAD_ROLES


class Offence(models.Model):
    """An offence committed by a child (the gravity score is the ACPO/NPCC score, 1 to 8)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="offences", verbose_name="child")
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="offences", verbose_name="case",
    )
    committed_on = models.DateField("date of offence")
    description = models.CharField("description", max_length=500)
    offence_code = models.CharField("offence code", max_length=20, blank=True)
    gravity_score = models.PositiveSmallIntegerField(
        "gravity score", validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    imprisonable = models.BooleanField("imprisonable", default=False)

    class Meta:
        verbose_name = "offence"
        ordering = ["-committed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.description} ({self.committed_on:%d %b %Y})"


class CourtHearing(models.Model):
    """A court hearing about a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings", verbose_name="case")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="hearings", verbose_name="child")
    hearing_on = models.DateField("date of hearing")
    court = models.CharField("court", max_length=200)
    purpose = models.CharField("purpose", max_length=200)
    outcome = LimitedTextField("outcome", max_length=2000, blank=True)

    class Meta:
        verbose_name = "court hearing"
        ordering = ["-hearing_on", "-id"]

    def __str__(self) -> str:
        return f"{self.court}, {self.hearing_on:%d %b %Y}: {self.purpose}"


class Order(models.Model):
    """A court order (or out-of-court disposal) made on a case."""

    class OrderType(models.TextChoices):
        YRO = "yro", "Youth Rehabilitation Order"
        YRO_ISS = "yro_iss", "Youth Rehabilitation Order with Intensive Supervision and Surveillance"
        REFERRAL_ORDER = "referral_order", "Referral Order"
        DTO = "dto", "Detention and Training Order"
        PARENTING_ORDER = "parenting_order", "Parenting Order"
        YOUTH_CAUTION = "youth_caution", "Youth Caution"
        YOUTH_CONDITIONAL_CAUTION = "youth_conditional_caution", "Youth Conditional Caution"
        COMMUNITY_RESOLUTION = "community_resolution", "Community Resolution"
        OUTCOME_22 = "outcome_22", "Outcome 22 (deferred prosecution)"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="orders", verbose_name="case")
    order_type = models.CharField("type of order", max_length=40, choices=OrderType.choices)
    made_on = models.DateField("made on")
    starts_on = models.DateField("starts")
    ends_on = models.DateField("ends", null=True, blank=True)

    class Meta:
        verbose_name = "order"
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} made {self.made_on:%d %b %Y}"


class OrderRequirement(models.Model):
    """A requirement of an order, with its quantities (days, hours, months...) and what has been delivered."""

    class RequirementType(models.TextChoices):
        ACTIVITY = "activity", "Activity"
        SUPERVISION = "supervision", "Supervision"
        UNPAID_WORK = "unpaid_work", "Unpaid work"
        PROGRAMME = "programme", "Programme"
        ATTENDANCE_CENTRE = "attendance_centre", "Attendance centre"
        PROHIBITED_ACTIVITY = "prohibited_activity", "Prohibited activity"
        CURFEW = "curfew", "Curfew"
        EXCLUSION = "exclusion", "Exclusion"
        ELECTRONIC_MONITORING = "electronic_monitoring", "Electronic monitoring"
        RESIDENCE = "residence", "Residence"
        LOCAL_AUTHORITY_RESIDENCE = "local_authority_residence", "Local authority residence"
        FOSTERING = "fostering", "Fostering"
        MENTAL_HEALTH_TREATMENT = "mental_health_treatment", "Mental health treatment"
        DRUG_TREATMENT = "drug_treatment", "Drug treatment"
        DRUG_TESTING = "drug_testing", "Drug testing"
        INTOXICATING_SUBSTANCE = "intoxicating_substance", "Intoxicating substance treatment"
        EDUCATION = "education", "Education"
        ISS = "iss", "Intensive supervision and surveillance"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="requirements", verbose_name="order")
    requirement_type = models.CharField("requirement", max_length=40, choices=RequirementType.choices)
    quantities = models.JSONField(
        "quantities", default=dict, blank=True,
        help_text='As the scenario format names them, e.g. {"hours_per_day": 12, "months": 6}.',
    )
    delivered_hours = models.DecimalField(
        "hours delivered", max_digits=6, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    delivered_days = models.PositiveIntegerField("days delivered", null=True, blank=True)

    class Meta:
        verbose_name = "order requirement"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.get_requirement_type_display()


class OrderVariation(models.Model):
    """A variation of an order by the court."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="variations", verbose_name="order")
    varied_on = models.DateField("varied on")
    description = LimitedTextField("description", max_length=2000)

    class Meta:
        verbose_name = "order variation"
        ordering = ["-varied_on", "-id"]

    def __str__(self) -> str:
        return f"Varied {self.varied_on:%d %b %Y}"


def validate_event_type(value: str) -> None:
    if value not in EVENT_TYPES:
        raise ValidationError(EVENT_TYPE_UNKNOWN, code="event_type")


class EventQuerySet(AppendOnlyQuerySet):
    def file_under_case(self, case: Case) -> int:
        """File a referral's events under the case it became; only events not yet filed anywhere are touched.

        This is the one change an event row ever sees: where it is filed, never what it says.
        """
        return self.filter(case__isnull=True, referral__isnull=False)._file_once(case=case)


class Event(AppendOnlyModel):
    """One entry in the chronology: something that happened, when, who recorded it, and its attributes."""

    type = models.CharField("event type", max_length=64, validators=[validate_event_type])
    occurred_at = models.DateTimeField("happened at")
    recorded_at = models.DateTimeField("recorded at", default=now)
    actor = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="events_recorded",
        verbose_name="recorded by",
    )
    data = models.JSONField("attributes", default=dict, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name="case",
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name="referral",
    )
    staff = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="staff_events",
        verbose_name="staff member",
    )
    voids = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="voided_by",
        verbose_name="voids event",
    )
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amended_by",
        verbose_name="amends event",
    )
    reason = LimitedTextField("reason", max_length=2000, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "chronology event"
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["case", "occurred_at"], name="event_case_occurred_idx"),
            models.Index(fields=["referral", "occurred_at"], name="event_referral_occurred_idx"),
            models.Index(fields=["staff", "occurred_at"], name="event_staff_occurred_idx"),
            models.Index(fields=["type"], name="event_type_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(case__isnull=False) | models.Q(referral__isnull=False) | models.Q(staff__isnull=False)
                ),
                name="event_belongs_to_case_referral_or_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if not (self.case_id or self.referral_id or self.staff_id):
            raise ValidationError(EVENT_OWNER_MISSING)

    # The properties below read the `voided_by` and `amended_by` relations through .all(), so a chronology
    # selector that prefetches them answers without a query per event.

    @property
    def voiding(self) -> "Event | None":
        """The event.voided event that voids this one, if any."""
        found = list(self.voided_by.all())
        return found[0] if found else None

    @property
    def is_voided(self) -> bool:
        return self.voiding is not None

    @property
    def amendments(self) -> list["Event"]:
        """The event.amended events that correct this one, oldest first."""
        return sorted(self.amended_by.all(), key=lambda e: (e.recorded_at, e.pk))

    @property
    def is_amended(self) -> bool:
        return bool(self.amendments)

    @property
    def is_correction(self) -> bool:
        return self.voids_id is not None or self.amends_id is not None

    @property
    def effective_data(self) -> dict:
        """The attributes in force: those of the latest amendment, or the event's own."""
        amendments = self.amendments
        if amendments:
            return amendments[-1].data.get("data", {})
        return self.data


class ClosureRequest(models.Model):
    """A worker's request to close a case, with the reason and the steps taken, and a manager's decision on it.

    A request is decided once (agreed or returned, by whom, when, and why it was returned); a returned case that is
    put forward again is a new request, so every request and decision stays in the history.
    """

    class Decision(models.TextChoices):
        AGREED = "agreed", "Agreed"
        RETURNED = "returned", "Returned to the worker"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_requests", verbose_name="case")
    reason = models.CharField("reason for closing", max_length=30, choices=ClosureReason.choices)
    steps_taken = LimitedTextField("steps taken", max_length=5000)
    requested_on = models.DateField("requested on")
    requested_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="requested by",
    )
    created_at = models.DateTimeField("recorded at", default=now)
    decision = models.CharField("decision", max_length=20, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="decided by",
    )
    decided_at = models.DateTimeField("decided at", null=True, blank=True)
    decision_reason = LimitedTextField("why it was returned", max_length=2000, blank=True)

    class Meta:
        verbose_name = "closure request"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "created_at"], name="closure_request_case_idx")]

    def __str__(self) -> str:
        return f"Closure of {self.case_id} requested {self.requested_on:%d %b %Y} ({self.reason})"

    @property
    def is_pending(self) -> bool:
        return not self.decision
