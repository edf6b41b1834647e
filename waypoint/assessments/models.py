"""Assessments model: risk ratings, assessments with their QA history, screenings, checks and MARF referrals.

A `RiskRating` is one judgement of RoSH (risk of serious harm), SaW (safety and wellbeing) or LoR (likelihood of
re-offending): its level, who set it, why and when. Ratings are history rows, never an overwritten field: the rating
in force for a dimension is its latest row (by the date it was set, then when it was recorded). Each row is written
with its chronology event `risk.level-assessed{dimension, level}`, which is what the policy rules read.

An `Assessment` (Mini Asset, AssetPlus full, review or closure, or a Child and Family Assessment received from
social care) holds the worker's draft; each step of its workflow (draft, submitted for QA, returned with comments,
QA'd, finalised) is an `AssessmentTransition` row with who, when and any comments, and the latest is in force.
Screenings (the Asset SLCN screening, the specialist workers' initial screening), MOSAIC and police checks and MARF
referrals are rows written once, each with its chronology event.
"""
from __future__ import annotations

from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class RiskDimension(models.TextChoices):
    ROSH = "rosh", "Risk of serious harm (RoSH)"
    SAW = "saw", "Safety and wellbeing (SaW)"
    LOR = "lor", "Likelihood of re-offending (LoR)"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very High"


# Levels in order, for "medium or above" and for telling a rise from a fall.
LEVEL_ORDER = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2, RiskLevel.VERY_HIGH: 3}


class RiskRating(AppendOnlyModel):
    """One rating of one dimension on a case, with its reason."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="risk_ratings", verbose_name="case")
    dimension = models.CharField("rating", max_length=10, choices=RiskDimension.choices)
    level = models.CharField("level", max_length=10, choices=RiskLevel.choices)
    reason = LimitedTextField("reason", max_length=5000)
    set_on = models.DateField("date set")
    set_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                               verbose_name="set by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    # The chronology entry written with this row (risk.level-assessed).
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="risk_rating",
                                 verbose_name="chronology entry", null=True, blank=True)

    class Meta:
        verbose_name = "risk rating"
        ordering = ["set_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["case", "dimension", "set_on"], name="riskrating_case_dim_idx")]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.get_level_display()} ({self.set_on:%Y-%m-%d})"

    @property
    def is_medium_or_above(self) -> bool:
        return LEVEL_ORDER[self.level] >= LEVEL_ORDER[RiskLevel.MEDIUM]


class AssessmentKind(models.TextChoices):
    MINI_ASSET = "mini_asset", "Mini Asset"
    ASSETPLUS = "assetplus", "AssetPlus (full)"
    ASSETPLUS_REVIEW = "assetplus_review", "AssetPlus review"
    ASSETPLUS_CLOSURE = "assetplus_closure", "AssetPlus closure"
    CHILD_FAMILY = "child_family_assessment", "Child and Family Assessment"


ASSETPLUS_KINDS = (AssessmentKind.ASSETPLUS, AssessmentKind.ASSETPLUS_REVIEW, AssessmentKind.ASSETPLUS_CLOSURE)
# The AssetPlus stages whose completion may set the ratings.
RATED_KINDS = (AssessmentKind.ASSETPLUS, AssessmentKind.ASSETPLUS_REVIEW)
# The kinds a worker starts and takes through QA (a Child and Family Assessment arrives complete from social care).
WORKFLOW_KINDS = (AssessmentKind.MINI_ASSET, *ASSETPLUS_KINDS)

# The stored obligations that are the manager's QA of each kind (their due date orders the QA queue).
QA_RULES = {
    AssessmentKind.MINI_ASSET: ("wok.cr.assessment.qa-week-4", "wok.prev.assessment.qa-week-4"),
    AssessmentKind.ASSETPLUS_REVIEW: ("wok.yro.assessment.review-qa",),
}


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for QA"
    RETURNED = "returned", "Returned with comments"
    QA_COMPLETED = "qa_completed", "QA completed"
    FINALISED = "finalised", "Finalised"
    RECEIVED = "received", "Received"


# What the author may still change.
EDITABLE_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


class Evidence(models.TextChoices):
    """What the Mini Asset evidences (the guidance's "The assessment should include")."""

    SPECIALIST_SCREENING = "specialist_screening", "The specialist workers' initial screening"
    EDUCATION = "education", "Education"
    MOSAIC_CHECKS = "mosaic_checks", "MOSAIC checks"
    SOCIAL_WORKER_INFORMATION = "social_worker_information", "Information from the social worker, or its absence"


DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "txt"]


def document_path(instance, filename: str) -> str:
    # The stored name carries no part of the uploaded one (which may name the child): only its extension.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"assessments/{uuid.uuid4().hex}.{extension}"


class Assessment(models.Model):
    """One assessment of a child on a case: what the author wrote and the document attached. Its status is the
    latest of its transitions."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="assessments", verbose_name="case")
    kind = models.CharField("assessment", max_length=30, choices=AssessmentKind.choices)
    author = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                               verbose_name="author")
    started_at = models.DateTimeField("started", default=now)
    assessed_on = models.DateField("date completed", null=True, blank=True)
    review_on = models.DateField("date of the next review", null=True, blank=True)
    summary = LimitedTextField("summary", max_length=20000, blank=True)
    evidence = models.JSONField("evidence", default=list, blank=True)
    document = models.FileField("document", upload_to=document_path, blank=True)
    document_name = models.CharField("document's name", max_length=200, blank=True)
    # The assessment.completed event of its first submission; a resubmission amends it.
    completed_event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="+", null=True,
                                           blank=True, verbose_name="completion entry")

    class Meta:
        verbose_name = "assessment"
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["case", "kind"], name="assessment_case_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case_id})"

    @property
    def evidence_labels(self) -> list[str]:
        labels = dict(Evidence.choices)
        return [labels.get(item, item) for item in self.evidence or []]


class AssessmentTransition(AppendOnlyModel):
    """One step of an assessment's workflow: who moved it, when, to what, and why (a QA return's comments)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="transitions",
                                   verbose_name="assessment")
    status = models.CharField("status", max_length=20, choices=AssessmentStatus.choices)
    by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="by")
    at = models.DateTimeField("when", default=now)
    comments = LimitedTextField("comments", max_length=5000, blank=True)
    # What was submitted, kept with the submission so a returned and resubmitted assessment keeps its history.
    content = models.JSONField("content submitted", default=dict, blank=True)

    class Meta:
        verbose_name = "assessment status change"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["assessment", "at"], name="assessment_transition_idx")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.at:%Y-%m-%d})"


class ScreeningKind(models.TextChoices):
    ASSET_SLCN = "asset_slcn", "Asset SLCN screening"
    SPECIALIST_INITIAL = "specialist_initial", "Specialist workers' initial screening"


class SlcnAnswer(models.TextChoices):
    NO = "no", "No"
    SOMETIMES = "sometimes", "Sometimes"
    YES = "yes", "Yes"


# The screening's questions (the product's own wording of what the Asset SLCN tool asks about). A "sometimes" or
# "yes" is a positive answer.
SLCN_QUESTIONS = {
    "understanding": "Does the child find it hard to understand what is said to them?",
    "instructions": "Does the child find it hard to follow instructions with more than one step?",
    "words": "Does the child find it hard to find the right words or put sentences together?",
    "conversation": "Does the child find it hard to take part in a conversation or keep to the topic?",
    "reading_writing": "Does the child find reading or writing hard?",
    "support_before": "Has the child had speech and language support before?",
}


class Screening(AppendOnlyModel):
    """One screening of the child: the SLCN screening's answers, or the specialist workers' initial screening."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="screenings", verbose_name="case")
    kind = models.CharField("screening", max_length=30, choices=ScreeningKind.choices)
    screened_on = models.DateField("date of the screening")
    answers = models.JSONField("answers", default=dict, blank=True)
    positive_answers = models.PositiveSmallIntegerField("sometimes or yes answers", default=0)
    summary = LimitedTextField("outcome", max_length=5000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                 verbose_name="chronology entry")

    class Meta:
        verbose_name = "screening"
        ordering = ["screened_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.screened_on:%Y-%m-%d})"


class CheckKind(models.TextChoices):
    MOSAIC = "mosaic", "MOSAIC check (children's social care)"
    POLICE = "police", "Police check"


class BackgroundCheck(AppendOnlyModel):
    """A MOSAIC or police check on the child and family, and whether it raised concerns."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="checks", verbose_name="case")
    kind = models.CharField("check", max_length=20, choices=CheckKind.choices)
    checked_on = models.DateField("date of the check")
    concern = models.BooleanField("raised concerns")
    details = LimitedTextField("details", max_length=5000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                 verbose_name="chronology entry")

    class Meta:
        verbose_name = "check"
        ordering = ["checked_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.checked_on:%Y-%m-%d})"


class MarfReferral(AppendOnlyModel):
    """A Multi-Agency Referral Form sent to the Front Door with the safety and wellbeing concerns."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="marf_referrals",
                             verbose_name="case")
    sent_on = models.DateField("date sent")
    concerns = LimitedTextField("concerns", max_length=5000)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                 verbose_name="chronology entry")

    class Meta:
        verbose_name = "MARF referral"
        ordering = ["sent_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"MARF ({self.sent_on:%Y-%m-%d})"
