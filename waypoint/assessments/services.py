"""Writes for assessments. Each writes its rows and the chronology events the policy rules read, in one transaction,
so the case's obligations are worked out again with it (cases.services.event_record).

Events written (catalogue §3.1):
- a rating: `risk.level-assessed{dimension, level}`, its reason as the event's note.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from waypoint.cases.models import Case
from waypoint.cases.services import event_record, require_case_in_actors_service
from waypoint.core.models import today
from waypoint.workforce.models import StaffMember

from .models import RiskDimension, RiskLevel, RiskRating

RATING_DIMENSION_INVALID = "Select which rating this is: RoSH, SaW or LoR"
RATING_LEVEL_INVALID = "Select the level: Low, Medium, High or Very High"
RATING_REASON_MISSING = "Enter the reason for this rating"
RATING_DATE_MISSING = "Enter the date the rating was set"
RATING_IN_FUTURE = "The date the rating was set must be today or in the past"
RATING_BEFORE_CASE = "The date the rating was set must be on or after the date the case started"
RATING_CASE_CLOSED = "You cannot change a rating on a closed case"


def rating_set(*, case: Case, dimension: str, level: str, reason: str, on: dt.date | None, actor: StaffMember,
               assessment=None) -> RiskRating:
    """Set a RoSH, SaW or LoR rating: a new history row with who, why and when, and its `risk.level-assessed`
    event. `assessment` is the assessment the rating came from, if any (kept on the event's note only)."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if dimension not in RiskDimension.values:
        errors["dimension"] = RATING_DIMENSION_INVALID
    if level not in RiskLevel.values:
        errors["level"] = RATING_LEVEL_INVALID
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = RATING_REASON_MISSING
    if on is None:
        errors["on"] = RATING_DATE_MISSING
    elif on > today():
        errors["on"] = RATING_IN_FUTURE
    elif on < case.started_on:
        errors["on"] = RATING_BEFORE_CASE
    if not case.is_open:
        errors["__all__"] = RATING_CASE_CLOSED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rating = RiskRating(case=case, dimension=dimension, level=level, reason=reason, set_on=on, set_by=actor)
        rating.full_clean(exclude=["event"])
        event = event_record(type="risk.level-assessed", occurred_at=on, actor=actor, case=case,
                             data={"dimension": dimension, "level": level, "note": reason[:1000]})
        rating.event = event
        rating.save()
        return rating
