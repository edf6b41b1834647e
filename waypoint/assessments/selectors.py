"""Reads for assessments: what its pages and the case page show, and the ratings in force that other parts of
casework read (meetings pre-fill the CMM record with them; early revocation asks for low risk)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from waypoint.cases.models import Case

from .models import RiskDimension, RiskRating


def ratings_history(*, case: Case) -> QuerySet[RiskRating]:
    """Every rating on the case, newest first, with who set it."""
    return (RiskRating.objects.filter(case=case).select_related("set_by")
            .order_by("-set_on", "-recorded_at", "-id"))


def ratings_current(*, case: Case, on: dt.date | None = None) -> dict[str, RiskRating]:
    """The rating in force for each dimension that has one (keys "rosh", "saw", "lor"), as on `on` if given: the
    latest row by date set, then by when it was recorded. One query."""
    rows = RiskRating.objects.filter(case=case).select_related("set_by")
    if on is not None:
        rows = rows.filter(set_on__lte=on)
    current: dict[str, RiskRating] = {}
    for rating in rows.order_by("set_on", "recorded_at", "id"):
        current[rating.dimension] = rating
    return {dimension: current[dimension] for dimension in RiskDimension.values if dimension in current}


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's assessments section shows (the context of assessments/_case_section.html)."""
    return {"ratings": ratings_current(case=case)}
