"""Appointments model: an appointment with a child, its reschedules and its outcomes, kept as history rows.

- An `Appointment` holds what was arranged and, for reading lists quickly, its current start time. Every change of
  time is an `AppointmentReschedule` row (from, to, why, who, when), so the history is rows, never an overwritten
  field; the current start is the latest reschedule's.
- An outcome is an `AppointmentOutcome` row. A later outcome for the same appointment (a correction, or evidence
  arriving that makes an absence acceptable) is a new row; the latest is the one in force, as the policy engine
  reads it (catalogue §3.1).
- Each row records when it was entered (`recorded_at`), so "recorded within 2 working days" is measured.
"""
from __future__ import annotations

from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class AppointmentKind(models.TextChoices):
    """What the appointment is, in the guidance's words."""

    SUPERVISION = "supervision", "Supervision session"
    ASSESSMENT = "assessment", "Assessment session"
    PLANNING = "planning", "Planning meeting"
    HOME_VISIT = "home_visit", "Home visit (announced)"
    HOME_VISIT_UNANNOUNCED = "home_visit_unannounced", "Home visit (unannounced)"
    OFFICE = "office", "Office appointment"
    SCHOOL = "school", "School appointment"
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"


class Outcome(models.TextChoices):
    """Outcome codes. Each programme offers its own (see `outcomes_for`)."""

    ATTENDED = "attended", "Attended"
    NOT_KEPT_SUFFICIENT_EXPLANATION = "not_kept_sufficient_explanation", "Not Kept Sufficient Explanation"
    NOT_ATTENDED_OOC = "not_attended_ooc", "Not Attended OOC"
    NOT_ATTENDED_PREVENTION = "not_attended_prevention", "Not Attended Prevention"
    ACCEPTABLE = "acceptable", "Missed: acceptable absence"
    UNACCEPTABLE = "unacceptable", "Missed: unacceptable absence"


# Programmes whose attendance is voluntary, with their own "not attended" code (000 and 001 of the guidance);
# every other programme is a court order or out-of-court disposal with acceptable / unacceptable absences (002).
VOLUNTARY_CODES = {
    "community_resolution": Outcome.NOT_ATTENDED_OOC,
    "prevention": Outcome.NOT_ATTENDED_PREVENTION,
}


def outcomes_for(programme: str) -> list[Outcome]:
    if programme in VOLUNTARY_CODES:
        return [Outcome.ATTENDED, Outcome.NOT_KEPT_SUFFICIENT_EXPLANATION, VOLUNTARY_CODES[programme]]
    return [Outcome.ATTENDED, Outcome.ACCEPTABLE, Outcome.UNACCEPTABLE]


class EvidenceKind(models.TextChoices):
    MEDICAL = "medical", "Medical note or appointment letter"
    SCHOOL = "school", "Letter from school or college"
    EMPLOYER = "employer", "Letter from an employer"
    COURT = "court", "Court or police document"
    OTHER = "other", "Other written evidence"


EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "heic", "doc", "docx", "txt"]


def evidence_path(instance: "AppointmentOutcome", filename: str) -> str:
    # The stored name carries no part of the uploaded one (which may name the child): only its extension.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{uuid.uuid4().hex}.{extension}"


class Appointment(models.Model):
    """An appointment with the child on a case: what, when, where, with whom."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="appointments", verbose_name="case")
    staff = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="appointments", verbose_name="worker",
    )
    kind = models.CharField("type of appointment", max_length=30, choices=AppointmentKind.choices)
    starts_at = models.DateTimeField("starts at")
    duration_minutes = models.PositiveSmallIntegerField("length in minutes", default=60)
    place = models.CharField("where", max_length=200, blank=True)
    with_whom = models.CharField("with whom", max_length=200, blank=True)
    created_at = models.DateTimeField("recorded at", default=now)
    created_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="recorded by",
    )

    class Meta:
        verbose_name = "appointment"
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["case", "starts_at"], name="appointment_case_starts_idx"),
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_starts_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def appointment_id(self) -> str:
        """The id the chronology's appointment events carry."""
        return f"ap-{self.pk}"

    def outcome_list(self) -> list["AppointmentOutcome"]:
        prefetched = getattr(self, "outcomes_in_order", None)
        if prefetched is not None:
            return list(prefetched)
        return list(self.outcomes.order_by("recorded_at", "id"))

    @property
    def outcome_in_force(self) -> "AppointmentOutcome | None":
        outcomes = self.outcome_list()
        return outcomes[-1] if outcomes else None


class AppointmentReschedule(AppendOnlyModel):
    """A change of an appointment's time, made before it started, with the reason."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="reschedules",
                                    verbose_name="appointment")
    from_starts_at = models.DateTimeField("was at")
    to_starts_at = models.DateTimeField("moved to")
    reason = LimitedTextField("reason", max_length=1000)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "appointment reschedule"
        ordering = ["recorded_at", "id"]


class AppointmentOutcome(AppendOnlyModel):
    """What happened at an appointment; the latest row for an appointment is the outcome in force."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="outcomes",
                                    verbose_name="appointment")
    outcome = models.CharField("outcome", max_length=40, choices=Outcome.choices)
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    evidence_kind = models.CharField("evidence", max_length=20, choices=EvidenceKind.choices, blank=True)
    evidence_received_on = models.DateField("evidence received", null=True, blank=True)
    evidence_file = models.FileField("evidence document", upload_to=evidence_path, blank=True)
    evidence_file_name = models.CharField("evidence document's name", max_length=200, blank=True)
    verbal_warning = models.BooleanField(
        "verbal warning instead of a warning letter", default=False,
        help_text="The once-per-order exception for an otherwise good record of attendance.",
    )
    verbal_warning_rationale = LimitedTextField("rationale for the verbal warning", max_length=2000, blank=True)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "appointment outcome"
        ordering = ["recorded_at", "id"]

    @property
    def is_miss(self) -> bool:
        return self.outcome != Outcome.ATTENDED
