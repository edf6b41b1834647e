"""Reads for plans: what its pages and the case page show, and the plan progress other parts of casework read (the
CMM record's "current intervention plan and progress", the early revocation criterion "plan targets complete")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import eligibility
from .models import (
    REVIEWED_TYPES,
    EarlyRevocationStep,
    Plan,
    PlanReview,
    PlanType,
    RevocationStep,
    Signature,
    TargetState,
    TargetStatus,
    plan_type_for,
)

# The rules whose open obligations say when the plan in force is next to be reviewed.
REVIEW_RULES = ("wok.yro.plan.review-3-monthly", "notts.cmm.iss.plan-monthly")
# How long before the order's mid-point the case page starts showing the early revocation card.
EARLY_REVOCATION_LEAD = dt.timedelta(days=28)


@dataclass(frozen=True)
class TargetProgress:
    """One target of the plan in force, as a reader outside plans sees it."""

    area: str
    action: str
    who: str
    by_when: dt.date | None
    status: str          # "pending", "completed" (the review vocabulary) or "added" until first reviewed
    status_label: str
    target_id: int | None = None


@dataclass(frozen=True)
class PlanProgress:
    """The intervention plan in force on a case and how far its targets have got."""

    title: str
    agreed_on: dt.date | None
    last_reviewed_on: dt.date | None
    next_review_due: dt.date | None
    targets: list[TargetProgress] = field(default_factory=list)
    plan_id: int | None = None
    child_words: str = ""
    # The date of the next review agreed with the child (the plan's, or the latest review's that set one).
    review_on: dt.date | None = None

    @property
    def all_targets_complete(self) -> bool:
        return bool(self.targets) and all(target.status == "completed" for target in self.targets)

    @property
    def completed_count(self) -> int:
        return sum(1 for target in self.targets if target.status == "completed")


def plan_in_force(*, case, plan_type: str | None = None) -> Plan | None:
    """The latest plan of the programme's type (or `plan_type`) on the case. One query."""
    plan_type = plan_type or plan_type_for(case.programme)
    return (Plan.objects.filter(case=case, plan_type=plan_type)
            .order_by("-agreed_on", "-recorded_at", "-id").first())


def _progress(plan: Plan, next_review_due: dt.date | None) -> PlanProgress:
    """The plan's targets with the status in force of each, and its last review: one query (every target has at
    least the row that added it, so its status rows list every target)."""
    rows = (TargetStatus.objects.filter(target__plan=plan).select_related("target", "review")
            .order_by("target__position", "target_id", "recorded_at", "id"))
    latest: dict[int, TargetStatus] = {}
    last_reviewed_on = None
    reviews: dict[int, PlanReview] = {}
    for row in rows:
        latest[row.target_id] = row
        if row.review is not None:
            reviews[row.review_id] = row.review
            if last_reviewed_on is None or row.review.reviewed_on > last_reviewed_on:
                last_reviewed_on = row.review.reviewed_on
    targets = [TargetProgress(area=row.target.area, action=row.target.action, who=row.target.who,
                              by_when=row.target.by_when, status=str(row.status),
                              status_label=TargetState(row.status).label, target_id=row.target_id)
               for row in latest.values()]
    return PlanProgress(title=plan.get_plan_type_display(), agreed_on=plan.agreed_on,
                        last_reviewed_on=last_reviewed_on, next_review_due=next_review_due, targets=targets,
                        plan_id=plan.pk, child_words=plan.child_words,
                        review_on=agreed_review_date(plan, list(reviews.values())))


def agreed_review_date(plan: Plan, reviews: list[PlanReview]) -> dt.date | None:
    """The date of the plan's next review as last agreed: the latest of its reviews that set one, else the date set
    when the plan was written (the Nottinghamshire leave rules read it as the fact plan_review_date)."""
    dated = sorted((r for r in reviews if r.next_review_on), key=lambda r: (r.reviewed_on, r.recorded_at, r.pk))
    return dated[-1].next_review_on if dated else plan.review_on


def next_review_due(*, case) -> dt.date | None:
    """The earliest open plan review obligation's due date (the packs work these out from plan.completed and
    plan.reviewed). One query."""
    from waypoint.obligations.models import Obligation

    return (Obligation.objects.filter(case=case, rule__in=REVIEW_RULES, status=Obligation.Status.OPEN,
                                      due__isnull=False)
            .order_by("due").values_list("due", flat=True).first())


def plan_progress(*, case) -> PlanProgress | None:
    """The intervention plan in force on the case, or None where it has none yet. Three queries."""
    plan = plan_in_force(case=case)
    if plan is None:
        return None
    due = next_review_due(case=case) if plan.plan_type in REVIEWED_TYPES else None
    return _progress(plan, due)


# ---- Early revocation ------------------------------------------------------------------------------------------

def order_dates(*, case) -> tuple[dt.date | None, dt.date | None]:
    """The YRO's start and end: the latest `order.started` event not voided, with an end date (the event the engine
    derives the mid-point from). One query."""
    from django.utils import timezone

    from waypoint.cases.models import Event
    from waypoint.policy.events import parse_day

    for occurred_at, data in (Event.objects.filter(case=case, type="order.started", voided_by__isnull=True)
                              .order_by("-occurred_at", "-id").values_list("occurred_at", "data")):
        if (data or {}).get("end"):
            return timezone.localtime(occurred_at).date(), parse_day(data["end"])
    return None, None


@dataclass(frozen=True)
class EarlyRevocation:
    """The case page's early revocation card: each criterion, the steps recorded and the next step."""

    midpoint: dt.date | None
    criteria: list[eligibility.Criterion]
    eligible: bool
    steps: list[EarlyRevocationStep]
    next_step: str | None
    next_step_label: str | None

    @property
    def criteria_met(self) -> list[str]:
        return [c.key for c in self.criteria if c.met and c.key in eligibility.RECORDED]


STEP_ORDER = [RevocationStep.CONSIDERED, RevocationStep.MANAGER_CONSULTED, RevocationStep.CHILD_VIEWS,
              RevocationStep.DECISION_COMMUNICATED, RevocationStep.LISTED, RevocationStep.REPORT_QA]


def unacceptable_absences(*, case) -> int:
    """How many of the case's appointments have an unacceptable absence as the outcome in force (the latest
    outcome row). One query."""
    from django.db.models import OuterRef, Subquery

    from waypoint.appointments.models import Appointment, AppointmentOutcome, Outcome

    latest = (AppointmentOutcome.objects.filter(appointment=OuterRef("pk")).order_by("-recorded_at", "-id")
              .values("outcome")[:1])
    return (Appointment.objects.filter(case=case).annotate(in_force=Subquery(latest))
            .filter(in_force=Outcome.UNACCEPTABLE).count())


def early_revocation_criteria(*, case, as_of: dt.date, order: tuple[dt.date | None, dt.date | None] | None = None,
                              progress: PlanProgress | None = None) -> list[eligibility.Criterion]:
    """Gather the values each criterion needs and judge them (plans.eligibility)."""
    from waypoint.assessments.selectors import ratings_current
    from waypoint.cases.models import Offence
    from waypoint.cases.selectors import case_open_breach

    start, end = order if order is not None else order_dates(case=case)
    progress = progress if progress is not None else plan_progress(case=case)
    ratings = ratings_current(case=case, on=as_of)
    since = start or case.started_on
    offences = list(Offence.objects.filter(child_id=case.child_id, committed_on__gt=since,
                                           committed_on__lte=as_of).values_list("committed_on", flat=True))
    return eligibility.criteria(
        order_start=start, order_end=end, risk_levels={name: r.level for name, r in ratings.items()},
        targets_total=len(progress.targets) if progress else 0,
        targets_completed=progress.completed_count if progress else 0,
        unacceptable_absences=unacceptable_absences(case=case), breach_open=case_open_breach(case) is not None,
        offences_since_start=offences, as_of=as_of,
    )


def early_revocation(*, case, as_of: dt.date, progress: PlanProgress | None = None) -> EarlyRevocation | None:
    """The early revocation card for a YRO at (or within four weeks of) its mid-point; None otherwise."""
    if case.programme != "yro":
        return None
    start, end = order_dates(case=case)
    if start is None or end is None:
        return None
    midpoint = eligibility.order_midpoint(start, end)
    if as_of < midpoint - EARLY_REVOCATION_LEAD:
        return None
    found = early_revocation_criteria(case=case, as_of=as_of, order=(start, end), progress=progress)
    steps = list(EarlyRevocationStep.objects.filter(case=case).order_by("on", "recorded_at", "id"))
    done = {step.step for step in steps}
    next_step = next((step for step in STEP_ORDER if step not in done), None)
    return EarlyRevocation(midpoint=midpoint, criteria=found, eligible=eligibility.eligible(found), steps=steps,
                           next_step=str(next_step) if next_step else None,
                           next_step_label=RevocationStep(next_step).label if next_step else None)


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's plans section shows (the context of plans/_case_section.html). Two queries for a case
    without a plan; five with one; a YRO adds one, and six more at or near its mid-point (the early revocation
    criteria)."""
    plans = list(Plan.objects.filter(case=case).order_by("-agreed_on", "-recorded_at", "-id"))
    plan_type = plan_type_for(case.programme)
    plan = next((p for p in plans if p.plan_type == plan_type), None)
    exit_plan = next((p for p in plans if p.plan_type == PlanType.EXIT_PLAN), None)
    progress = None
    if plan is not None:
        due = next_review_due(case=case) if plan.plan_type in REVIEWED_TYPES else None
        progress = _progress(plan, due)
    signatures = list(Signature.objects.filter(case=case).order_by("signed_on", "recorded_at", "id"))
    return {
        "plan": plan,
        "progress": progress,
        "reviewable": plan is not None and plan.plan_type in REVIEWED_TYPES,
        "plan_signatures": [s for s in signatures if plan is not None and s.plan_id == plan.pk],
        "other_signatures": [s for s in signatures if s.plan_id is None],
        "exit_plan": exit_plan,
        "early_revocation": early_revocation(case=case, as_of=today, progress=progress),
    }
