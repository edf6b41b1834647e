"""Reads for cases: who may see which case, the case list and search, My cases, the case page's allocation history
and chronology.

Scoping (the baseline every page relies on): a member of staff sees only their own service's cases; a restricted
case only if they are one of its current allocated workers, the line manager of one, or a manager (ATM, TM,
service manager) of the service. Every list queryset has its joins chosen (child, team, current allocations with
their workers) so that a page never queries once per row.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from waypoint.people.models import Child
from waypoint.workforce.models import StaffMember
from waypoint.workforce.selectors import staff_for_user

from .models import Allocation, Case, Event


def _current_allocations_prefetch() -> Prefetch:
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.filter(ends_on__isnull=True).select_related("staff").order_by("starts_on", "id"),
        to_attr="current_allocations",
    )


def with_list_joins(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The joins a list of cases needs: child, team, service, and current allocations (as `current_allocations`)."""
    return cases.select_related("child", "team", "service").prefetch_related(_current_allocations_prefetch())


def cases_visible_to_staff(staff: StaffMember | None) -> QuerySet[Case]:
    """The cases a staff member may see (without list joins): see the module docstring."""
    if staff is None or not staff.active:
        return Case.objects.none()
    own_service = Case.objects.filter(service_id=staff.service_id)
    if staff.is_manager:
        return own_service
    current = Allocation.objects.filter(case=OuterRef("pk"), ends_on__isnull=True)
    allocated_to_me = Exists(current.filter(staff=staff))
    allocated_to_my_report = Exists(current.filter(staff__line_manager=staff))
    return own_service.filter(Q(restricted=False) | allocated_to_me | allocated_to_my_report)


def visible_cases(user) -> QuerySet[Case]:
    """The cases the signed-in user may see, with the joins a list needs."""
    return with_list_joins(cases_visible_to_staff(staff_for_user(user)))


def case_is_visible_to(case: Case, staff: StaffMember | None) -> bool:
    return cases_visible_to_staff(staff).filter(pk=case.pk).exists()


def case_list(
    *,
    user,
    q: str = "",
    programme: str = "",
    team_id: int | None = None,
    worker_id: int | None = None,
    status: str = "",
) -> QuerySet[Case]:
    """The service's case list: search by child's name (or preferred name), child or case reference; filter by
    programme, team, current worker and status. Every word of `q` must match one of those fields."""
    cases = visible_cases(user)
    for word in (q or "").split():
        cases = cases.filter(
            Q(child__given_name__icontains=word)
            | Q(child__family_name__icontains=word)
            | Q(child__preferred_name__icontains=word)
            | Q(child__reference__icontains=word)
            | Q(reference__icontains=word)
        )
    if programme:
        cases = cases.filter(programme=programme)
    if team_id:
        cases = cases.filter(team_id=team_id)
    if worker_id:
        cases = cases.filter(
            Exists(Allocation.objects.filter(case=OuterRef("pk"), staff_id=worker_id, ends_on__isnull=True))
        )
    if status:
        cases = cases.filter(status=status)
    return cases.order_by("child__family_name", "child__given_name", "-started_on", "id")


def my_cases(user) -> QuerySet[Case]:
    """The signed-in worker's current allocations, each case annotated with `my_role` (their role on it)."""
    staff = staff_for_user(user)
    if staff is None:
        return Case.objects.none()
    mine = Allocation.objects.filter(case=OuterRef("pk"), staff=staff, ends_on__isnull=True).order_by("starts_on")
    return (
        visible_cases(user)
        .filter(Exists(mine))
        .annotate(my_role=Subquery(mine.values("role")[:1]))
        .order_by("child__family_name", "child__given_name", "started_on", "id")
    )


def case_get_for_user(*, user, case_id: int) -> Case:
    """A case the user may see, with its joins; Http404 if there is no such case, PermissionDenied if hidden."""
    staff = staff_for_user(user)
    case = with_list_joins(Case.objects.all()).select_related("referral").filter(pk=case_id).first()
    if case is None:
        raise Http404("No such case")
    if not case_is_visible_to(case, staff):
        raise PermissionDenied("You do not have access to this case")
    return case


def child_get_for_user(*, user, child_id: int) -> Child:
    """A child of the user's service, with `visible_cases` (a list) set to the child's cases the user may see.

    A child whose only cases are restricted ones the user may not see is hidden too (PermissionDenied).
    """
    staff = staff_for_user(user)
    child = Child.objects.select_related("service").filter(pk=child_id).first()
    if child is None:
        raise Http404("No such child")
    if staff is None or child.service_id != staff.service_id:
        raise PermissionDenied("You do not have access to this child's record")
    child.visible_cases = list(
        with_list_joins(cases_visible_to_staff(staff).filter(child=child)).order_by("-started_on", "id")
    )
    has_hidden_restricted = child.cases.filter(restricted=True).exclude(
        pk__in=[case.pk for case in child.visible_cases]
    ).exists()
    if has_hidden_restricted and not child.visible_cases:
        raise PermissionDenied("You do not have access to this child's record")
    return child


def case_allocation_history(case: Case) -> QuerySet[Allocation]:
    """Every allocation of the case, most recent first (current ones have no end date)."""
    return (
        Allocation.objects.filter(case=case)
        .select_related("staff", "allocated_by")
        .order_by("-starts_on", "-id")
    )


def case_chronology(case: Case) -> list[Event]:
    """The case's events, oldest first, corrections included.

    Each event answers `is_voided`, `voiding`, `is_amended`, `amendments` and `effective_data` without further
    queries, so the page can show an original beside its correction, with the reason and who made it.
    """
    return list(
        Event.objects.filter(case=case)
        .select_related("actor")
        .prefetch_related(
            Prefetch("voided_by", queryset=Event.objects.select_related("actor")),
            Prefetch("amended_by", queryset=Event.objects.select_related("actor")),
        )
        .order_by("occurred_at", "recorded_at", "id")
    )


def allocatable_staff(case: Case) -> QuerySet[StaffMember]:
    """Who can be allocated to the case: active staff of its service who hold cases or do specialist work."""
    return (
        StaffMember.objects.filter(service_id=case.service_id, active=True)
        .exclude(role__in=[StaffMember.Role.BUSINESS_SUPPORT, StaffMember.Role.VOLUNTEER])
        .select_related("team")
        .order_by("family_name", "given_name", "id")
    )


# ---- Closure: requests awaiting a decision, and what closing a case must wait for ---------------------------------

# Court orders: the case ends at an exit interview (Wokingham 002, "Closure/Exit Interview"), so closing one waits
# for it. Out-of-court and voluntary programmes end without one.
COURT_ORDER_PROGRAMMES = frozenset({"yro", "referral_order", "custody"})
# A court order that leaves the service other than by completion has no exit interview to wait for.
CLOSURE_WITHOUT_EXIT_INTERVIEW = frozenset({"transferred_out", "revoked"})
# What ends a breach: the court's decision on it. The vocabulary has no "breach resolved" event; a breach is decided
# at the hearing it is listed for, so a court outcome (or a sentence) recorded on or after the breach's initiation
# settles it (docs/adr/0016-closure-guards-and-ladders.md).
BREACH_OUTCOME_TYPES = ("court.outcome-received", "court.sentenced")


def _in_force(events: list[Event]) -> list[Event]:
    return [event for event in events if not event.is_voided]


def case_open_breach(case: Case) -> Event | None:
    """The `breach.initiated` event of a breach still open on the case (no court outcome since), or None."""
    events = _in_force(list(
        Event.objects.filter(case=case, type__in=("breach.initiated", *BREACH_OUTCOME_TYPES))
        .prefetch_related("voided_by").order_by("occurred_at", "id")
    ))
    open_breach = None
    for event in events:
        if event.type == "breach.initiated":
            open_breach = event
        elif open_breach is not None and event.occurred_at >= open_breach.occurred_at:
            open_breach = None
    return open_breach


def case_exit_interview_held(case: Case) -> bool:
    """Whether an exit interview is recorded as held on the case (`meeting.held{type=exit_interview}`, in force)."""
    events = _in_force(list(
        Event.objects.filter(case=case, type="meeting.held").prefetch_related("voided_by", "amended_by")
    ))
    return any(event.effective_data.get("type") == "exit_interview" for event in events)


def closure_request_current(case: Case):
    """The case's latest closure request (decided or not), or None."""
    return case.closure_requests.select_related("requested_by", "decided_by").order_by("-created_at", "-id").first()


def closure_requests_for_manager(staff: StaffMember) -> QuerySet[Case]:
    """The manager's service's cases waiting for a closure decision, oldest request first, with their requests."""
    from .models import ClosureRequest

    latest = ClosureRequest.objects.filter(case=OuterRef("pk")).order_by("-created_at", "-id")
    return (
        with_list_joins(cases_visible_to_staff(staff).filter(status=Case.Status.CLOSURE_REQUESTED))
        .annotate(requested_on=Subquery(latest.values("requested_on")[:1]),
                  request_reason=Subquery(latest.values("reason")[:1]),
                  request_decision=Subquery(latest.values("decision")[:1]))
        .order_by("requested_on", "id")
    )
