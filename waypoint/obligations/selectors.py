"""Reads for obligations: a case's "What's due", a worker's "My work", and the service's policy packs.

Every list is one indexed query with its joins chosen. Overdue is read here from the due date (an open obligation
due before today), never stored, so no nightly job changes anything for a list to be right.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet

from waypoint.cases.models import Case
from waypoint.cases.selectors import cases_visible_to_staff
from waypoint.workforce.models import StaffMember

from waypoint.policy.schema import PackError

from .models import CasePolicy, Obligation, PolicyPackVersion
from .services import _compiled, compiled_pack, current_pack_texts, pack_versions_current

PACKS_UNREADABLE = ("The service’s current policy packs could not be read ({error}). Cases keep running under the "
                    "packs they started with; tell the service’s IT team.")

# "What's due" order: overdue first, then open by due date (no date last), then everything already settled.
_SETTLED = (Obligation.Status.MET, Obligation.Status.MET_LATE, Obligation.Status.WAIVED,
            Obligation.Status.NOT_APPLICABLE)


def _due_key(obligation: Obligation) -> tuple:
    return (obligation.due is None, obligation.due or dt.date.max, obligation.rule, obligation.trigger_at)


@dataclass
class CaseDue:
    """A case's obligations as its page shows them, and the state of its policy packs."""

    overdue: list[Obligation]
    open: list[Obligation]
    settled: list[Obligation]
    policy: CasePolicy | None
    packs: list[PolicyPackVersion]
    newer_packs: bool
    packs_problem: str = ""
    # Actions agreed at meetings, not yet done: their own rows, listed beside the obligations (docs/adr/0021).
    actions: list = field(default_factory=list)


def case_due(*, case: Case, today: dt.date) -> CaseDue:
    obligations = list(Obligation.objects.filter(case=case).select_related("owner_staff"))
    overdue = sorted((o for o in obligations if o.is_overdue(today)), key=_due_key)
    open_ = sorted((o for o in obligations if o.status == Obligation.Status.OPEN and not o.is_overdue(today)),
                   key=_due_key)
    settled = sorted((o for o in obligations if o.status in _SETTLED), key=_due_key, reverse=True)
    policy = CasePolicy.objects.filter(case=case).prefetch_related("packs").first()
    packs = sorted(policy.packs.all(), key=lambda v: v.pack_id) if policy else []
    newer, problem = False, ""
    if policy is not None and case.service.policy_set:
        try:
            current = {(pack_id, digest) for pack_id, (text, digest) in current_pack_texts(case.service.policy_set).items()
                       if _compiled(digest, pack_id, text).covers(case.programme)}
        except PackError as error:  # the case keeps running under its own versions; say why nothing moves on
            problem = PACKS_UNREADABLE.format(error=error)
        else:
            newer = current != {(v.pack_id, v.digest) for v in packs}
    from waypoint.meetings.selectors import case_open_actions

    return CaseDue(overdue, open_, settled, policy, packs, newer, problem, actions=case_open_actions(case=case))


def obligation_get_for_staff(*, staff: StaffMember, obligation_id: int) -> Obligation:
    """An obligation on a case the staff member may see; Obligation.DoesNotExist otherwise (the view gives 404)."""
    return (
        Obligation.objects.select_related("case", "case__child", "case__service", "owner_staff")
        .filter(case__in=cases_visible_to_staff(staff))
        .get(pk=obligation_id)
    )


def my_work(*, staff: StaffMember, today: dt.date) -> QuerySet[Obligation]:
    """The open obligations the staff member owns across the cases they can see: overdue first, then by due date
    (no due date last). One query, on the owner/status/due index."""
    return (
        Obligation.objects.filter(owner_staff=staff, status=Obligation.Status.OPEN)
        .filter(case__in=cases_visible_to_staff(staff))
        .select_related("case", "case__child")
        # Every row is open, so the overdue ones (due before today) come first simply by due date.
        .order_by(F("due").asc(nulls_last=True), "rule", "trigger_at", "id")
    )


@dataclass
class PackSummary:
    version: PolicyPackVersion
    rules: list
    documents: dict[str, str]
    past_review: bool
    cases: int


def service_packs(*, service_key: str, today: dt.date) -> list[PackSummary]:
    """The service's current packs with their rules and sources, and how many cases run under each version."""
    if not service_key:
        return []
    versions = sorted(pack_versions_current(service_key=service_key), key=lambda v: v.pack_id)
    through = CasePolicy.packs.through
    counts = dict(
        through.objects.filter(policypackversion_id__in=[v.pk for v in versions])
        .values_list("policypackversion_id").annotate(n=Count("id"))
    )
    summaries = []
    for version in versions:
        pack = compiled_pack(version)
        summaries.append(PackSummary(
            version=version, rules=[rule.model for rule in pack.rules], documents=dict(pack.model.documents),
            past_review=version.past_review(today), cases=counts.get(version.pk, 0),
        ))
    return summaries


def pack_version_for_service(*, service_key: str, pack_id: str, today: dt.date) -> PackSummary | None:
    for summary in service_packs(service_key=service_key, today=today):
        if summary.version.pack_id == pack_id:
            return summary
    return None
