"""Writes for obligations: store the service's pack versions, recompute a case's obligations from its events,
waive an obligation, move a case to the service's current packs.

`case_obligations_recompute` runs inside the transaction of every event written to a case (cases.services calls it
through `on_case_events_changed`), so a case and its stored obligations never disagree. The engine works out the
whole case again from its events and the stored rows are made to match its output (unchanged rows are kept, the
others deleted, new ones inserted); nothing is patched in place. If the engine cannot work a case out (a pack that
no longer loads, say), the event is still recorded and the case shows the problem: no input is lost because a rule
failed.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waypoint.cases.models import Allocation, Case
from waypoint.core.models import now, today
from waypoint.policy.engine import CompiledPack, evaluate
from waypoint.policy.events import LONDON
from waypoint.policy.packs import compile_pack_text, load_service, pack_files
from waypoint.workforce.models import StaffMember

from .inputs import case_input, current_allocations, load_case_for_engine, owner_staff, pack_reads
from .models import CasePolicy, Obligation, PolicyPackVersion

logger = logging.getLogger(__name__)

WAIVER_REASON_MISSING = "Enter the reason for waiving this obligation"
WAIVER_REASON_TOO_LONG = "The reason must be 2,000 characters or fewer"
WAIVER_NOT_OPEN = "Only an open or overdue obligation can be waived"
WAIVER_ONLY_MANAGERS = "Only a team manager, assistant team manager or service manager can waive an obligation"
MIGRATION_REASON_MISSING = "Enter the reason for moving the case to the current policy packs"
MIGRATION_ONLY_MANAGERS = "Only a team manager, assistant team manager or service manager can change a case's policy packs"
MIGRATION_NOTHING_TO_DO = "This case already runs under the service's current policy packs"
PROBLEM_TEXT = "The obligations could not be worked out: {error}. The events are recorded; tell the service's IT team."

REASON_MAX = 2000


def _extra_pack_dirs() -> tuple[str, ...]:
    return tuple(getattr(settings, "WAYPOINT_PACK_DIRS", ()))


@functools.lru_cache(maxsize=256)
def _file_text(path: str, mtime_ns: int, size: int) -> tuple[str, str]:
    text = open(path, encoding="utf-8").read()
    return text, hashlib.sha256(text.encode()).hexdigest()


def current_pack_texts(service_key: str) -> dict[str, tuple[str, str]]:
    """Each pack id of the service with its text and digest as the pack files hold them now (no database)."""
    texts = {}
    for pack_id, path in pack_files(service_key, _extra_pack_dirs()).items():
        stat = path.stat()
        texts[pack_id] = _file_text(str(path), stat.st_mtime_ns, stat.st_size)
    return texts


def pack_versions_current(*, service_key: str) -> list[PolicyPackVersion]:
    """The service's packs as its pack files say now, each stored as a version the first time its text is seen.

    One query when every text has been seen before, which is nearly always.
    """
    if not service_key:
        return []
    texts = current_pack_texts(service_key)
    stored = {
        (version.pack_id, version.digest): version
        for version in PolicyPackVersion.objects.filter(
            pack_id__in=list(texts), digest__in=[digest for _, digest in texts.values()],
        )
    }
    versions = []
    for pack_id, (text, digest) in texts.items():
        version = stored.get((pack_id, digest))
        if version is None:
            model = load_service(service_key, _extra_pack_dirs()).pack(pack_id).model
            version, _ = PolicyPackVersion.objects.get_or_create(
                pack_id=pack_id, digest=digest,
                defaults={
                    "service_key": service_key, "version": model.version, "title": model.title,
                    "effective": model.effective, "review": model.review, "content": text,
                },
            )
        versions.append(version)
    return versions


@functools.lru_cache(maxsize=512)
def _compiled(digest: str, pack_id: str, content: str) -> CompiledPack:
    return compile_pack_text(content, f"{pack_id} (stored version {digest[:8]})")


def compiled_pack(version: PolicyPackVersion) -> CompiledPack:
    """A stored pack version, compiled (once per process for each text)."""
    return _compiled(version.digest, version.pack_id, version.content)


# What each set of pack versions reads of inputs.OPTIONAL_READS, by their digests (a service has a handful of sets).
_READS: dict[tuple[str, ...], frozenset[str]] = {}


def _reads(versions: list[PolicyPackVersion]) -> frozenset[str]:
    """What of inputs.OPTIONAL_READS the case's pack versions name (worked out once per process for each set)."""
    key = tuple(sorted(version.digest for version in versions))
    found = _READS.get(key)
    if found is None:
        found = _READS[key] = pack_reads([version.content for version in versions])
    return found


def _packs_for(case: Case, versions: list[PolicyPackVersion]) -> list[PolicyPackVersion]:
    return [version for version in versions if compiled_pack(version).covers(case.programme)]


def _assign_current(policy: CasePolicy, case: Case) -> None:
    policy.packs.set(_packs_for(case, pack_versions_current(service_key=case.service.policy_set)))
    policy.assigned_at = now()


def _as_utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=LONDON) if value.tzinfo is None else value


# The columns of a stored obligation, all compared when the stored rows are matched to the engine's output.
_STORED_COLUMNS = ("service_id", "rule", "pack_id", "title", "strength", "trigger_at", "due", "due_at", "status",
                   "met_on", "owner_role", "owner_staff_id", "explanation")


def _store_obligations(case: Case, obligations, allocations) -> None:
    """Make the case's stored obligations exactly the engine's: rows identical in every column to one the engine
    gave are kept, the others deleted, the missing ones inserted. One event changes a few obligations, so this
    writes a few rows rather than deleting and inserting them all; no row is ever updated in place."""
    staff_by_owner: dict[str, StaffMember | None] = {}
    wanted = []
    for obligation in obligations:
        if obligation.owner not in staff_by_owner:
            staff_by_owner[obligation.owner] = owner_staff(obligation.owner, allocations)
        staff = staff_by_owner[obligation.owner]
        status = Obligation.Status.OPEN if obligation.status == Obligation.OVERDUE else obligation.status
        wanted.append((
            case.service_id, obligation.rule, obligation.pack, obligation.title[:300], obligation.strength or "",
            obligation.trigger_at, obligation.due, _as_utc(obligation.due_at), status, obligation.met_on,
            obligation.owner, staff.pk if staff is not None else None, obligation.explanation,
        ))
    stored: dict[tuple, list[int]] = {}
    for pk, *values in Obligation.objects.filter(case=case).values_list("pk", *_STORED_COLUMNS):
        stored.setdefault(tuple(values), []).append(pk)
    missing = []
    for values in wanted:
        kept = stored.get(values)
        if kept:
            kept.pop(0)
        else:
            missing.append(values)
    stale = [pk for pks in stored.values() for pk in pks]
    if stale:
        Obligation.objects.filter(pk__in=stale).delete()
    if missing:
        Obligation.objects.bulk_create(
            [Obligation(case=case, **dict(zip(_STORED_COLUMNS, values))) for values in missing]
        )


def case_obligations_recompute(*, case: Case, as_of: dt.date | None = None) -> CasePolicy:
    """Work the case's obligations out again from its events and store them (replacing the previous ones).

    `as_of` defaults to the product's today. Stored statuses are as of that day, except that an open obligation is
    never stored as overdue: whether it is overdue is read from its due date whenever it is shown.
    """
    as_of = as_of or today()
    # Inside an event's transaction (the usual case) this block needs no savepoint of its own: nothing catches an
    # error from it and carries on, so the event's transaction rolls back as a whole either way. (Two statements
    # fewer per event.) The inner block below keeps its savepoint: it is what keeps the event when the engine fails.
    with transaction.atomic(savepoint=False):
        # The lock makes two writes to one case take turns, so neither replaces the other's obligations half-way.
        policy = CasePolicy.objects.select_for_update().filter(case=case).first()
        created = policy is None
        if created:
            policy = CasePolicy.objects.create(case=case)
        if not case.service.policy_set:
            return policy
        try:
            with transaction.atomic():  # a failure here rolls back to this point; the event itself is kept
                if created:
                    _assign_current(policy, case)
                versions = list(policy.packs.all())
                service = load_service(case.service.policy_set, _extra_pack_dirs())
                allocations = current_allocations(case)
                engine_case = case_input(load_case_for_engine(case.pk), allocations, reads=_reads(versions))
                evaluation = evaluate(
                    [compiled_pack(version) for version in versions], engine_case, as_of, service.calendar(),
                    service_options=service.config.options, default_pattern=service.default_pattern,
                )
        except Exception as error:  # a broken pack or rule must not lose the worker's record
            logger.exception("obligations of case %s could not be worked out", case.pk)
            policy.problem = PROBLEM_TEXT.format(error=str(error)[:500])
            policy.save(update_fields=["problem"])
            return policy
        _store_obligations(case, evaluation.obligations, allocations)
        policy.violations = [violation.to_dict() for violation in evaluation.violations]
        policy.computed_at = now()
        policy.computed_on = as_of
        policy.problem = ""
        policy.save()
        return policy


def _require_manager_of(actor: StaffMember, case: Case, message: str) -> None:
    from waypoint.cases.services import require_case_in_actors_service

    require_case_in_actors_service(actor, case)
    if not actor.is_manager:
        raise PermissionDenied(message)


def obligation_waive(*, obligation: Obligation, reason: str, actor: StaffMember):
    """A manager waives an open (or overdue) obligation with a reason: an `obligation.waived` event in the case's
    chronology, which the engine honours from then on (the obligation reads "waived", and says who and why)."""
    from waypoint.cases.services import event_record

    case = obligation.case
    _require_manager_of(actor, case, WAIVER_ONLY_MANAGERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": WAIVER_REASON_MISSING})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": WAIVER_REASON_TOO_LONG})
    if obligation.status != Obligation.Status.OPEN:
        raise ValidationError({"obligation": WAIVER_NOT_OPEN})
    return event_record(
        type="obligation.waived", occurred_at=now(), actor=actor, case=case,
        data={"rule": obligation.rule, "trigger_at": obligation.trigger_at.isoformat(), "reason": reason,
              "by": actor.display_name},
    )


def case_policy_migrate(*, case: Case, reason: str, actor: StaffMember) -> CasePolicy:
    """A manager moves a case on to the service's current pack versions (a management entry records why)."""
    from waypoint.cases.services import event_record

    _require_manager_of(actor, case, MIGRATION_ONLY_MANAGERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MIGRATION_REASON_MISSING})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": WAIVER_REASON_TOO_LONG})
    with transaction.atomic():
        policy, _ = CasePolicy.objects.get_or_create(case=case)
        current = _packs_for(case, pack_versions_current(service_key=case.service.policy_set))
        if {v.pk for v in current} == set(policy.packs.values_list("pk", flat=True)):
            raise ValidationError({"case": MIGRATION_NOTHING_TO_DO})
        policy.packs.set(current)
        policy.assigned_at = now()
        policy.save(update_fields=["assigned_at"])
        event_record(
            type="record.entered", occurred_at=now(), actor=actor, case=case,
            data={"kind": "management_entry", "topic": "policy_packs_changed", "reason": reason,
                  "packs": [f"{v.pack_id} {v.version}" for v in current]},
        )
        return CasePolicy.objects.get(pk=policy.pk)


_deferred: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar("waypoint_deferred", default=None)


@contextlib.contextmanager
def recompute_deferred():
    """For bulk loads (demo data, imports) inside one transaction: each case whose events change is worked out once,
    when the block ends, instead of after every event. Use it inside the load's transaction."""
    if _deferred.get() is not None:
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        case_ids = sorted(_deferred.get() or ())
    finally:
        _deferred.reset(token)
    for case in Case.objects.filter(pk__in=case_ids).select_related("service").order_by("pk"):
        case_obligations_recompute(case=case)


def case_events_changed(*, case: Case) -> None:
    """The cases app calls this after every event written to a case, inside the event's transaction."""
    pending = _deferred.get()
    if pending is not None:
        pending.add(case.pk)
    else:
        case_obligations_recompute(case=case)


def staff_events_changed(*, staff) -> None:
    """The cases app calls this after a worker's leave or absence event is written: each case not closed that they
    hold, or have held, is worked out again, since those events are part of its history (inputs.lead_staff_events)."""
    cases = (Case.objects.exclude(status=Case.Status.CLOSED)
             .filter(allocations__staff=staff, allocations__role__in=Allocation.LEAD_ROLES)
             .distinct().select_related("service").order_by("pk"))
    pending = _deferred.get()
    for case in cases:
        if pending is not None:
            pending.add(case.pk)
        else:
            case_obligations_recompute(case=case)


def obligations_refresh(*, as_of: dt.date | None = None, all_cases: bool = False) -> int:
    """Recompute open cases not yet worked out as of `as_of` (or every case): run daily so that duties the calendar
    starts (a new month's appointments, a cadence's next period) appear without waiting for the next event."""
    as_of = as_of or today()
    cases = Case.objects.exclude(status=Case.Status.CLOSED).select_related("service")
    if not all_cases:
        cases = cases.exclude(policy__computed_on__gte=as_of)
    count = 0
    for case in cases.iterator():
        case_obligations_recompute(case=case, as_of=as_of)
        count += 1
    return count
