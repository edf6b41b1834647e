"""Plans, targets, signatures, reviews and early revocation: models.

- A `Plan` is one plan co-produced with the child (an intervention plan, a specific action plan, a My Future action
  plan or an exit plan): when it was agreed, the child's own words, whether the child wrote it and whether the
  parent/carer was there, and an uploaded handwritten plan kept outside the web root under a new name.
- Its `Target` rows say what will be done: the area, the action, who (the owner, required) and by when.
- A `PlanReview` is a review of a plan. Each target's status is a `TargetStatus` row (added when the plan is
  written or at a review, then pending or completed at each review): history, never an overwritten field. The latest
  row for a target is its status in force.
- A `Signature` records that the child or the parent/carer signed the plan, the behaviour contract or the
  behaviour/consent form.
- An `EarlyRevocationStep` is one step of the early revocation process on a YRO (considered, discussed with the
  manager, the child's views, the decision told to the child, the court listing, the report QA).
Every row is written with its chronology event(s) (plans.services), which is what the policy rules read.
"""
from __future__ import annotations

import uuid

from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class PlanType(models.TextChoices):
    INTERVENTION_PLAN = "intervention_plan", "Intervention plan"
    SPECIFIC_ACTION_PLAN = "specific_action_plan", "Specific action plan"
    MY_FUTURE_ACTION_PLAN = "my_future_action_plan", "My Future action plan"
    EXIT_PLAN = "exit_plan", "Exit plan"


# The plan each programme co-produces (the exit plan is written at the end of any programme).
PROGRAMME_PLAN = {
    "specific_intervention": PlanType.SPECIFIC_ACTION_PLAN,
    "my_future": PlanType.MY_FUTURE_ACTION_PLAN,
}
# Plans that are reviewed (the vocabulary's plan.reviewed types).
REVIEWED_TYPES = (PlanType.INTERVENTION_PLAN, PlanType.SPECIFIC_ACTION_PLAN)


def plan_type_for(programme: str) -> str:
    return PROGRAMME_PLAN.get(programme, PlanType.INTERVENTION_PLAN)


class VictimWork(models.TextChoices):
    INCLUDED = "included", "Victim work is included"
    NOT_INCLUDED = "not_included", "Victim work is not included"


class TargetState(models.TextChoices):
    """A target's status, in the review plan meeting's words: completed, pending or added."""

    ADDED = "added", "Added"
    PENDING = "pending", "Pending"
    COMPLETED = "completed", "Completed"


class Signatory(models.TextChoices):
    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "The parent or carer"


class SignedDocument(models.TextChoices):
    INTERVENTION_PLAN = "intervention_plan", "The plan"
    BEHAVIOUR_CONTRACT = "behaviour_contract", "The behaviour contract"
    BEHAVIOUR_CONSENT_FORM = "behaviour_consent_form", "The behaviour/consent form"


PLAN_FILE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "heic", "doc", "docx", "txt"]


def plan_file_path(instance: "Plan", filename: str) -> str:
    # The stored name carries no part of the uploaded one (which may name the child): only its extension.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"plans/{uuid.uuid4().hex}.{extension}"


class Plan(AppendOnlyModel):
    """A plan co-produced with the child. A later plan of the same type on the case replaces it (the latest is in
    force)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="plans", verbose_name="case")
    plan_type = models.CharField("type of plan", max_length=30, choices=PlanType.choices)
    agreed_on = models.DateField("date the plan was agreed")
    child_words = LimitedTextField("the child's own words", max_length=5000, blank=True)
    child_wrote_plan = models.BooleanField("the child wrote their own plan", default=False)
    parent_present = models.BooleanField("the parent or carer was at the plan session", default=False)
    victim_work = models.CharField("victim work", max_length=20, choices=VictimWork.choices, blank=True)
    sessions = models.PositiveSmallIntegerField("sessions planned", null=True, blank=True)
    period_weeks = models.PositiveSmallIntegerField("over how many weeks", null=True, blank=True)
    review_on = models.DateField("date of the next review", null=True, blank=True)
    file = models.FileField("uploaded plan", upload_to=plan_file_path, blank=True)
    file_name = models.CharField("uploaded plan's name", max_length=200, blank=True)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "plan"
        ordering = ["agreed_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["case", "plan_type", "agreed_on"], name="plan_case_type_idx")]

    def __str__(self) -> str:
        return f"{self.get_plan_type_display()} agreed {self.agreed_on:%Y-%m-%d}"


class PlanReview(AppendOnlyModel):
    """A review of a plan, with the child and (or) the parent/carer."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews", verbose_name="plan")
    reviewed_on = models.DateField("date of the review")
    with_child = models.BooleanField("with the child", default=True)
    with_parent_carer = models.BooleanField("with the parent or carer", default=False)
    next_review_on = models.DateField("date of the next review", null=True, blank=True)
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "plan review"
        ordering = ["reviewed_on", "recorded_at", "id"]


class Target(AppendOnlyModel):
    """One target of a plan: the area, the action, who will do it and by when."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="targets", verbose_name="plan")
    added_at_review = models.ForeignKey(PlanReview, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="added_targets", verbose_name="added at review")
    position = models.PositiveSmallIntegerField("position")
    area = models.CharField("area", max_length=200)
    action = LimitedTextField("action", max_length=2000)
    who = models.CharField("who", max_length=200)
    by_when = models.DateField("by when", null=True, blank=True)

    class Meta:
        verbose_name = "target"
        ordering = ["position", "id"]


class TargetStatus(AppendOnlyModel):
    """A target's status from the plan or a review on; the latest row for the target is in force."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="statuses", verbose_name="target")
    review = models.ForeignKey(PlanReview, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="target_statuses", verbose_name="review")
    status = models.CharField("status", max_length=20, choices=TargetState.choices)
    recorded_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "target status"
        ordering = ["recorded_at", "id"]


class Signature(AppendOnlyModel):
    """The child or the parent/carer signed a plan, the behaviour contract or the behaviour/consent form."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="signatures", verbose_name="case")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="signatures",
                             verbose_name="plan")
    document = models.CharField("what was signed", max_length=30, choices=SignedDocument.choices)
    signed_by = models.CharField("who signed", max_length=20, choices=Signatory.choices)
    signed_on = models.DateField("date signed")
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "signature"
        ordering = ["signed_on", "recorded_at", "id"]


class RevocationStep(models.TextChoices):
    CONSIDERED = "considered", "Early revocation considered"
    MANAGER_CONSULTED = "manager_consulted", "Discussed with the manager"
    CHILD_VIEWS = "child_views", "Discussed with the child and their views sought"
    DECISION_COMMUNICATED = "decision_communicated", "Decision told to the child"
    LISTED = "listed", "Listed in court"
    REPORT_QA = "report_qa", "Early revocation report quality-assured"


class EarlyRevocationStep(AppendOnlyModel):
    """One step of early revocation on a YRO, in the guidance's order."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="early_revocation_steps",
                             verbose_name="case")
    step = models.CharField("step", max_length=30, choices=RevocationStep.choices)
    on = models.DateField("date")
    hearing_on = models.DateField("date of the hearing", null=True, blank=True)
    criteria_met = models.JSONField("criteria met", default=list, blank=True)
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "early revocation step"
        ordering = ["on", "recorded_at", "id"]
