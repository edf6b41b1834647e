"""Assessments model. This module starts with the risk ratings every other part of casework reads.

A `RiskRating` is one judgement of RoSH (risk of serious harm), SaW (safety and wellbeing) or LoR (likelihood of
re-offending): its level, who set it, why and when. Ratings are history rows, never an overwritten field: the rating
in force for a dimension is its latest row (by the date it was set, then when it was recorded). Each row is written
with its chronology event `risk.level-assessed{dimension, level}`, which is what the policy rules read.
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
