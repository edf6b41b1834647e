"""Reads for specialist work: what its pages and the case page show (needs flagged with who set them, referrals with
their latest outcome, consultations and sessions), each a fixed number of queries whatever the case holds (the case page's section: one)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from waypoint.cases.models import Case, Event
from waypoint.cases.selectors import case_get_for_user

from .models import (
    NeedKind,
    ReferralOutcome,
    SpecialistConsultation,
    SpecialistNeed,
    SpecialistReferral,
    SpecialistSession,
)


def needs_in_force(*, case: Case) -> list[SpecialistNeed]:
    """The latest row of each need kind recorded on the case that is a flag (not a clearing), in NeedKind order,
    with who set it. One query."""
    latest: dict[str, SpecialistNeed] = {}
    for need in SpecialistNeed.objects.filter(case=case).select_related("set_by").order_by("set_on", "recorded_at",
                                                                                            "id"):
        latest[need.kind] = need
    return [latest[kind] for kind in NeedKind.values if kind in latest and latest[kind].present]


def referrals_with_latest_outcome(*, case: Case) -> list[SpecialistReferral]:
    """The case's referrals, newest first, each with `latest_outcome` (None before any) and its outcomes in date
    order. Two queries."""
    outcomes = Prefetch("outcomes", queryset=ReferralOutcome.objects.select_related("recorded_by")
                        .order_by("on", "recorded_at", "id"))
    referrals = list(SpecialistReferral.objects.filter(case=case).select_related("made_by")
                     .prefetch_related(outcomes).order_by("-made_on", "-recorded_at", "-id"))
    for referral in referrals:
        history = list(referral.outcomes.all())
        referral.latest_outcome = history[-1] if history else None
    return referrals


def consultations(*, case: Case) -> QuerySet[SpecialistConsultation]:
    return (SpecialistConsultation.objects.filter(case=case).select_related("recorded_by")
            .order_by("-held_on", "-recorded_at", "-id"))


def sessions(*, case: Case) -> QuerySet[SpecialistSession]:
    return (SpecialistSession.objects.filter(case=case).select_related("recorded_by")
            .order_by("-delivered_on", "-recorded_at", "-id"))


def referral_get_for_user(*, user, referral_id: int) -> SpecialistReferral:
    """A referral on a case the user may see (404 otherwise, as for the case)."""
    referral = get_object_or_404(SpecialistReferral.objects.select_related("case"), pk=referral_id)
    referral.case = case_get_for_user(user=user, case_id=referral.case_id)
    return referral


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's specialist section shows (the context of specialist/_case_section.html): the same as
    needs_in_force, referrals_with_latest_outcome, consultations and sessions, read in one query. Every specialist
    row is written with its chronology entry, so the case's events joined to their specialist rows are all of them.
    """
    kinds = ("specialist_need", "specialist_referral", "referral_outcome", "specialist_consultation",
             "specialist_session")
    present = Q()
    for kind in kinds:
        present |= Q(**{f"{kind}__isnull": False})
    events = (Event.objects.filter(case=case).filter(present)
              .select_related("specialist_need__set_by", "specialist_referral__made_by",
                              "referral_outcome__recorded_by", "specialist_consultation__recorded_by",
                              "specialist_session__recorded_by")
              .order_by())
    rows: dict[str, list] = {kind: [] for kind in kinds}
    for event in events:
        for kind in kinds:
            row = getattr(event, kind, None)
            if row is not None:
                rows[kind].append(row)
    latest: dict[str, SpecialistNeed] = {}
    for need in sorted(rows["specialist_need"], key=lambda n: (n.set_on, n.recorded_at, n.pk)):
        latest[need.kind] = need
    referrals = sorted(rows["specialist_referral"], key=lambda r: (r.made_on, r.recorded_at, r.pk), reverse=True)
    by_referral: dict[int, list[ReferralOutcome]] = {}
    for outcome in sorted(rows["referral_outcome"], key=lambda o: (o.on, o.recorded_at, o.pk)):
        by_referral.setdefault(outcome.referral_id, []).append(outcome)
    for referral in referrals:
        history = by_referral.get(referral.pk, [])
        referral.outcome_history = history
        referral.latest_outcome = history[-1] if history else None
    return {
        "needs": [latest[kind] for kind in NeedKind.values if kind in latest and latest[kind].present],
        "referrals": referrals,
        "consultations": sorted(rows["specialist_consultation"], key=lambda c: (c.held_on, c.recorded_at, c.pk),
                                reverse=True),
        "sessions": sorted(rows["specialist_session"], key=lambda x: (x.delivered_on, x.recorded_at, x.pk),
                           reverse=True),
    }
