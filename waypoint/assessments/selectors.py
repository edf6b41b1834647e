"""Reads for assessments: what its pages and the case page show, the managers' QA queue, and the ratings in force
that other parts of casework read (meetings pre-fill the CMM record with them; early revocation asks for low risk).

An assessment's status is its latest transition, annotated in the query (`current_status`, `status_at`), so a list
never asks once per row."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Case as DbCase,
    CharField,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.http import Http404

from waypoint.cases.models import Case
from waypoint.cases.selectors import case_get_for_user
from waypoint.obligations.models import Obligation
from waypoint.workforce.models import Service, StaffMember

from .models import (
    LEVEL_ORDER,
    QA_RULES,
    Assessment,
    AssessmentStatus,
    AssessmentTransition,
    BackgroundCheck,
    CheckKind,
    MarfReferral,
    RiskDimension,
    RiskLevel,
    RiskRating,
    Screening,
    ScreeningKind,
)


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


def _with_status(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    latest = AssessmentTransition.objects.filter(assessment=OuterRef("pk")).order_by("-at", "-id")
    return assessments.annotate(
        current_status=Subquery(latest.values("status")[:1], output_field=CharField()),
        status_at=Subquery(latest.values("at")[:1], output_field=DateTimeField()),
    )


def case_assessments(*, case: Case) -> QuerySet[Assessment]:
    """The case's assessments, newest first, each with its status and author."""
    return _with_status(Assessment.objects.filter(case=case).select_related("author")).order_by("-started_at", "-id")


def assessment_get_for_user(*, user, assessment_id: int) -> Assessment:
    """The assessment, if its case is one the user may see (Http404 / PermissionDenied otherwise, as for cases)."""
    assessment = _with_status(Assessment.objects.select_related("author")).filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404("No such assessment")
    assessment.case = case_get_for_user(user=user, case_id=assessment.case_id)
    return assessment


def assessment_history(*, assessment: Assessment) -> QuerySet[AssessmentTransition]:
    """Every step of the assessment's workflow, oldest first, with who took it."""
    return assessment.transitions.select_related("by").order_by("at", "id")


def _qa_due(kind: str):
    return Subquery(
        Obligation.objects.filter(case=OuterRef("case_id"), rule__in=QA_RULES[kind], status=Obligation.Status.OPEN)
        .order_by("due").values("due")[:1],
        output_field=DateField(),
    )


def qa_queue(*, service: Service) -> QuerySet[Assessment]:
    """Every assessment of the service waiting for a manager's QA, the soonest due first: due on the QA
    obligation stored for the case if there is one, else on the day it was submitted. `queue_due` and
    `due_from_obligation` say which."""
    qa_due = DbCase(*[When(kind=kind, then=_qa_due(kind)) for kind in QA_RULES], default=None,
                   output_field=DateField())
    return (
        _with_status(Assessment.objects.filter(case__service=service))
        .filter(current_status=AssessmentStatus.SUBMITTED)
        .select_related("case", "case__child", "author")
        .annotate(qa_obligation_due=qa_due)
        .annotate(queue_due=Coalesce(F("qa_obligation_due"), TruncDate("status_at"), output_field=DateField()))
        .order_by("queue_due", "status_at", "id")
    )


def _suggestions(case: Case, current: dict[str, RiskRating]) -> list[dict[str, str]]:
    """What the ratings call for, shown to be acted on next: Nottinghamshire's co-allocation (004 §5.1) and active
    supervision (003 §4.2), Wokingham's YRO risk panel (002)."""
    high = {d for d, r in current.items() if LEVEL_ORDER[r.level] >= LEVEL_ORDER[RiskLevel.HIGH]}
    very_high = [RiskDimension(d).label for d, r in current.items() if r.level == RiskLevel.VERY_HIGH]
    found: list[dict[str, str]] = []
    policy_set = case.service.policy_set
    if policy_set == Service.PolicySet.NOTTINGHAMSHIRE:
        if high & {"rosh", "saw"}:
            worker = case.case_worker
            if worker is not None and worker.band == StaffMember.Band.A:
                found.append({"kind": "inset", "text": (
                    "RoSH or SaW is High or Very High and the case is held by a band A worker: co-allocate it to a "
                    "band B worker or Advanced Practitioner as practice supervisor (policy 004, 5.1).")})
        if very_high:
            found.append({"kind": "warning", "text": (
                f"{', '.join(very_high)} is Very High: the case needs active supervision, over and above the "
                "standard 6-weekly sessions, with the discussions and actions recorded (policy 003, 4.2).")})
    elif policy_set == Service.PolicySet.WOKINGHAM and case.programme == "yro" and high & {"rosh", "saw"}:
        found.append({"kind": "inset", "text": (
            "RoSH or SaW is High or Very High: a Risk Panel chaired by the Team Manager must be held within five "
            "working days of the AssetPlus being completed (YRO guidance).")})
    return found


def case_records(*, case: Case) -> list[dict[str, Any]]:
    """The case's screenings, checks and MARF referrals, newest first, as `{on, what, outcome}`: one query (a
    union), so the case page's query count does not grow with the kinds of record."""
    columns = ("day", "label", "count", "text", "order")
    screenings = Screening.objects.filter(case=case).annotate(
        day=F("screened_on"), label=F("kind"), count=F("positive_answers"), text=F("summary"),
        order=F("id")).order_by().values_list(*columns)
    checks = BackgroundCheck.objects.filter(case=case).annotate(
        day=F("checked_on"), label=F("kind"), count=Cast("concern", IntegerField()), text=F("details"),
        order=F("id")).order_by().values_list(*columns)
    marfs = MarfReferral.objects.filter(case=case).annotate(
        day=F("sent_on"), label=Value("marf", output_field=CharField()), count=Value(0, output_field=IntegerField()),
        text=F("concerns"), order=F("id")).order_by().values_list(*columns)
    labels = {**dict(ScreeningKind.choices), **dict(CheckKind.choices), "marf": "MARF sent to the Front Door"}
    records = []
    for day, label, count, text, _ in screenings.union(checks, marfs, all=True).order_by("-day", "-order"):
        if label == ScreeningKind.ASSET_SLCN:
            outcome = f"{count} “sometimes” or “yes” answers"
        elif label in CheckKind.values:
            outcome = f"Concerns: {text}" if count else "No concerns"
        else:
            outcome = text
        records.append({"on": day, "what": labels.get(label, label), "outcome": outcome})
    return records


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's assessments section shows (the context of assessments/_case_section.html): the
    ratings in force and their history (one query), the assessments (one), screenings, checks and MARFs (one)."""
    history = list(ratings_history(case=case))
    current: dict[str, RiskRating] = {}
    for rating in reversed(history):  # oldest first, so the latest of each dimension wins
        current[rating.dimension] = rating
    current = {d: current[d] for d in RiskDimension.values if d in current}
    return {
        "ratings": current,
        "ratings_history": history,
        "assessments": list(case_assessments(case=case)),
        "records": case_records(case=case),
        "suggestions": _suggestions(case, current),
        "staff": staff,
    }
