"""Writes for plans. Each writes its rows and the chronology events the policy rules read, in one transaction, so
the case's obligations are worked out again with it (cases.services.event_record).

Events written:
- writing a plan: `plan.completed{type, victim_work?, sessions?, period_weeks?}` on the date it was agreed (meets the
  plan deadlines: wok.yro.plan.initial-3wk, wok.cr/prev.plan.due-week-6, notts.si.action-plan-10wd; an exit plan
  meets wok.yro.exit.manager-conducts with the exit interview), and `record.entered{system=iyss, kind=process_tab}`,
  the plan's date on the case record (wok.*.plan.process-tab, wok.yro.plan.process-stage); an uploaded plan
  `document.uploaded{type=intervention_plan, system=iyss_multimedia}` and, where the child wrote it, also
  `{type=handwritten_plan}` (wok.*.plan.signed-uploaded, wok.cr.plan.child-written); attached to AssetPlus
  `document.uploaded{type=intervention_plan, system=assetplus}` (wok.yro.plan.attached-to-assetplus);
- a review: `plan.reviewed{type, with=[child, parent_carer]}` and its process tab entry (wok.yro.plan.review-3-monthly,
  wok.yro.review-meeting.outcomes, notts.cmm.iss.plan-monthly);
- a signature: `document.signed{type, by=child}` (wok.*.plan.signed-uploaded, wok.cr.plan.behaviour-consent-form,
  wok.yro.induction.first-4-weeks), or `{by=parent_carer}`, the product's own value, which no rule reads but the
  chronology shows (docs/adr/0020);
- a copy of the plan for the parent/carer: posted `letter.sent{type=plan_copy, to=parent_carer}`, and in either case
  `document.shared{type=intervention_plan, to=parent_carer}` with `record.entered{system=iyss, kind=case_note}`
  (wok.cr/prev.plan.parent-copy, wok.yro.plan.parent-copy);
- early revocation steps: `record.entered{topic=early_revocation_considered}`, `manager.consulted{topic=early_revocation,
  criteria=[the criteria that hold]}`, `contact.made{topic=early_revocation, with=child}`,
  `early-revocation.decision-communicated`, `court.hearing-listed{purpose=early_revocation, hearing_date}`,
  `document.qa-completed{type=early_revocation_report}` (wok.yro.early-revocation.*).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from waypoint.cases.models import Case
from waypoint.cases.services import event_record, require_case_in_actors_service
from waypoint.core.models import now, today
from waypoint.workforce.models import StaffMember

from .models import (
    PLAN_FILE_EXTENSIONS,
    REVIEWED_TYPES,
    EarlyRevocationStep,
    Plan,
    PlanReview,
    PlanType,
    RevocationStep,
    Signatory,
    Signature,
    SignedDocument,
    Target,
    TargetState,
    TargetStatus,
    VictimWork,
)

PLAN_TYPE_INVALID = "Select the type of plan"
PLAN_DATE_MISSING = "Enter the date the plan was agreed"
PLAN_DATE_IN_FUTURE = "The date the plan was agreed must be today or in the past"
PLAN_BEFORE_CASE = "The date the plan was agreed must be on or after the date the case started"
PLAN_CASE_CLOSED = "You cannot change the plan on a closed case"
PLAN_NO_TARGETS = "Enter at least one target"
PLAN_REVIEW_NOT_AFTER = "The date of the next review must be after the date the plan was agreed"
TARGET_AREA_MISSING = "Enter the area this target is about"
TARGET_ACTION_MISSING = "Enter what will be done"
TARGET_WHO_MISSING = "Enter who will do this"
TARGET_BY_WHEN_BEFORE_PLAN = "The date must be on or after the date the plan was agreed"
PLAN_FILE_TYPE = "The plan must be a PDF, JPG, PNG, HEIC, DOC, DOCX or TXT file"
PLAN_FILE_TOO_BIG = "The plan must be smaller than 10MB"
PLAN_FILE_EMPTY = "The selected file is empty"
VICTIM_WORK_INVALID = "Select whether victim work is included"
REVIEW_NOT_REVIEWED_TYPE = "This plan is not reviewed: write a new one instead"
REVIEW_DATE_MISSING = "Enter the date of the review"
REVIEW_DATE_IN_FUTURE = "The date of the review must be today or in the past"
REVIEW_BEFORE_PLAN = "The date of the review must be on or after the date the plan was agreed"
REVIEW_STATUS_MISSING = "Select whether this target is completed or pending"
REVIEW_WITH_NOBODY = "Select who the plan was reviewed with"
REVIEW_NEXT_NOT_AFTER = "The date of the next review must be after the date of this review"
SIGNATURE_DOCUMENT_INVALID = "Select what was signed"
SIGNATURE_BY_INVALID = "Select who signed"
SIGNATURE_DATE_MISSING = "Enter the date it was signed"
SIGNATURE_IN_FUTURE = "The date it was signed must be today or in the past"
SIGNATURE_NO_PLAN = "Write the plan before recording a signature of it"
SIGNATURE_PARENT_ONLY_PLAN = "Record the parent or carer's signature of the plan only"
COPY_METHOD_INVALID = "Select how the parent or carer got the copy"
COPY_DATE_MISSING = "Enter the date the copy was sent or given"
COPY_IN_FUTURE = "The date the copy was sent or given must be today or in the past"
STEP_INVALID = "Select the step"
STEP_DATE_MISSING = "Enter the date"
STEP_IN_FUTURE = "The date must be today or in the past"
STEP_NOT_YRO = "Early revocation is for a Youth Rehabilitation Order"
STEP_HEARING_MISSING = "Enter the date of the hearing"

MAX_TARGETS = 12


def _check_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError({"__all__": PLAN_CASE_CLOSED})


def _file_problem(upload) -> str:
    from django.conf import settings

    name = str(getattr(upload, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in PLAN_FILE_EXTENSIONS:
        return PLAN_FILE_TYPE
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        return PLAN_FILE_EMPTY
    if size > settings.WAYPOINT_UPLOAD_MAX_BYTES:
        return PLAN_FILE_TOO_BIG
    return ""


def _clean_targets(targets: list[dict[str, Any]], *, first: int, not_before: dt.date | None,
                   errors: dict[str, str]) -> list[dict[str, Any]]:
    """The filled-in targets, numbered from `first` as the form numbers them; blank rows are left out."""
    kept = []
    for number, target in enumerate(targets, start=first):
        area = (target.get("area") or "").strip()
        action = (target.get("action") or "").strip()
        who = (target.get("who") or "").strip()
        by_when = target.get("by_when")
        if not (area or action or who or by_when):
            continue
        if not area:
            errors[f"target_{number}_area"] = TARGET_AREA_MISSING
        if not action:
            errors[f"target_{number}_action"] = TARGET_ACTION_MISSING
        if not who:
            errors[f"target_{number}_who"] = TARGET_WHO_MISSING
        if by_when is not None and not_before is not None and by_when < not_before:
            errors[f"target_{number}_by_when"] = TARGET_BY_WHEN_BEFORE_PLAN
        kept.append({"area": area, "action": action, "who": who, "by_when": by_when})
    return kept


def plan_write(*, case: Case, plan_type: str, agreed_on: dt.date | None, targets: list[dict[str, Any]],
               actor: StaffMember, child_words: str = "", child_wrote_plan: bool = False,
               parent_present: bool = False, victim_work: str = "", sessions: int | None = None,
               period_weeks: int | None = None, file=None, attached_to_assetplus: bool = False,
               review_on: dt.date | None = None) -> Plan:
    """Record a plan co-produced with the child, with its targets (each with who will do it) and, if agreed, the
    date of its next review. A later plan of the same type replaces the one in force."""
    require_case_in_actors_service(actor, case)
    _check_open(case)
    errors: dict[str, str] = {}
    if plan_type not in PlanType.values:
        errors["plan_type"] = PLAN_TYPE_INVALID
    if agreed_on is None:
        errors["agreed_on"] = PLAN_DATE_MISSING
    elif agreed_on > today():
        errors["agreed_on"] = PLAN_DATE_IN_FUTURE
    elif agreed_on < case.started_on:
        errors["agreed_on"] = PLAN_BEFORE_CASE
    if review_on is not None and agreed_on is not None and review_on <= agreed_on:
        errors["review_on"] = PLAN_REVIEW_NOT_AFTER
    if victim_work and victim_work not in VictimWork.values:
        errors["victim_work"] = VICTIM_WORK_INVALID
    kept = _clean_targets(targets, first=1, not_before=agreed_on, errors=errors)
    if not kept and not any(key.startswith("target_") for key in errors):
        errors["target_1_area"] = PLAN_NO_TARGETS
    if file is not None and _file_problem(file):
        errors["file"] = _file_problem(file)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = Plan(case=case, plan_type=plan_type, agreed_on=agreed_on, child_words=(child_words or "").strip(),
                    child_wrote_plan=child_wrote_plan, parent_present=parent_present, victim_work=victim_work or "",
                    sessions=sessions, period_weeks=period_weeks, review_on=review_on, recorded_by=actor,
                    recorded_at=now())
        if file is not None:
            plan.file_name = str(file.name)[-200:]
            plan.file.save(file.name, file, save=False)
        plan.full_clean()
        plan.save()
        for position, values in enumerate(kept[:MAX_TARGETS], start=1):
            target = Target(plan=plan, position=position, **values)
            target.full_clean()
            target.save()
            TargetStatus(target=target, status=TargetState.ADDED, recorded_at=now()).save()
        data: dict[str, Any] = {"type": plan_type}
        if victim_work:
            data["victim_work"] = victim_work
        if sessions:
            data["sessions"] = sessions
        if period_weeks:
            data["period_weeks"] = period_weeks
        event_record(type="plan.completed", occurred_at=agreed_on, actor=actor, case=case, data=data)
        event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                     data={"system": "iyss", "kind": "process_tab"})
        if file is not None:
            uploaded = ["handwritten_plan", plan_type] if child_wrote_plan else [plan_type]
            for kind in uploaded:
                if kind in ("handwritten_plan", "intervention_plan", "specific_action_plan"):
                    event_record(type="document.uploaded", occurred_at=now(), actor=actor, case=case,
                                 data={"type": kind, "system": "iyss_multimedia"})
        if attached_to_assetplus and plan_type == PlanType.INTERVENTION_PLAN:
            event_record(type="document.uploaded", occurred_at=now(), actor=actor, case=case,
                         data={"type": "intervention_plan", "system": "assetplus"})
        return plan


def plan_review(*, plan: Plan, reviewed_on: dt.date | None, statuses: dict[int, str],
                added: list[dict[str, Any]], actor: StaffMember, with_child: bool = True,
                with_parent_carer: bool = False, notes: str = "",
                next_review_on: dt.date | None = None) -> PlanReview:
    """Review a plan: each target in force is left completed or pending, and targets may be added, and the date of
    the next review may be set. The review is a row and each target's status after it is a row."""
    case = plan.case
    require_case_in_actors_service(actor, case)
    _check_open(case)
    if plan.plan_type not in REVIEWED_TYPES:
        raise ValidationError({"__all__": REVIEW_NOT_REVIEWED_TYPE})
    errors: dict[str, str] = {}
    if reviewed_on is None:
        errors["reviewed_on"] = REVIEW_DATE_MISSING
    elif reviewed_on > today():
        errors["reviewed_on"] = REVIEW_DATE_IN_FUTURE
    elif reviewed_on < plan.agreed_on:
        errors["reviewed_on"] = REVIEW_BEFORE_PLAN
    if next_review_on is not None and reviewed_on is not None and next_review_on <= reviewed_on:
        errors["next_review_on"] = REVIEW_NEXT_NOT_AFTER
    if not (with_child or with_parent_carer):
        errors["with_child"] = REVIEW_WITH_NOBODY
    targets = list(plan.targets.all())
    for target in targets:
        if statuses.get(target.pk) not in (TargetState.COMPLETED, TargetState.PENDING):
            errors[f"status_{target.pk}"] = REVIEW_STATUS_MISSING
    kept = _clean_targets(added, first=1, not_before=reviewed_on, errors=errors)
    errors = {(f"new_{key}" if key.startswith("target_") else key): message for key, message in errors.items()}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = PlanReview(plan=plan, reviewed_on=reviewed_on, with_child=with_child,
                            with_parent_carer=with_parent_carer, next_review_on=next_review_on,
                            notes=(notes or "").strip(), recorded_by=actor, recorded_at=now())
        review.full_clean()
        review.save()
        for target in targets:
            TargetStatus(target=target, review=review, status=statuses[target.pk], recorded_at=now()).save()
        position = max((t.position for t in targets), default=0)
        for values in kept[:MAX_TARGETS]:
            position += 1
            target = Target(plan=plan, added_at_review=review, position=position, **values)
            target.full_clean()
            target.save()
            TargetStatus(target=target, review=review, status=TargetState.ADDED, recorded_at=now()).save()
        with_whom = [name for name, present in (("child", with_child), ("parent_carer", with_parent_carer))
                     if present]
        event_record(type="plan.reviewed", occurred_at=reviewed_on, actor=actor, case=case,
                     data={"type": plan.plan_type, "with": with_whom})
        event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                     data={"system": "iyss", "kind": "process_tab"})
        return review


def signature_record(*, case: Case, document: str, signed_by: str, signed_on: dt.date | None,
                     actor: StaffMember, plan: Plan | None = None) -> Signature:
    """Record that the child or the parent/carer signed the plan, the behaviour contract or the behaviour/consent
    form."""
    require_case_in_actors_service(actor, case)
    _check_open(case)
    errors: dict[str, str] = {}
    if document not in SignedDocument.values:
        errors["document"] = SIGNATURE_DOCUMENT_INVALID
    elif document == SignedDocument.INTERVENTION_PLAN and plan is None:
        errors["document"] = SIGNATURE_NO_PLAN
    elif document != SignedDocument.INTERVENTION_PLAN and signed_by == Signatory.PARENT_CARER:
        errors["document"] = SIGNATURE_PARENT_ONLY_PLAN
    if signed_by not in Signatory.values:
        errors["signed_by"] = SIGNATURE_BY_INVALID
    if signed_on is None:
        errors["signed_on"] = SIGNATURE_DATE_MISSING
    elif signed_on > today():
        errors["signed_on"] = SIGNATURE_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        signature = Signature(case=case, plan=plan if document == SignedDocument.INTERVENTION_PLAN else None,
                              document=document, signed_by=signed_by, signed_on=signed_on, recorded_by=actor,
                              recorded_at=now())
        signature.full_clean()
        signature.save()
        event_type = plan.plan_type if plan is not None and document == SignedDocument.INTERVENTION_PLAN \
            else document
        if event_type in SignedDocument.values:
            event_record(type="document.signed", occurred_at=signed_on, actor=actor, case=case,
                         data={"type": event_type, "by": signed_by})
        return signature


def plan_copy_record(*, plan: Plan, method: str, on: dt.date | None, actor: StaffMember) -> None:
    """Record that the parent/carer has a copy of the plan: posted, or handed to them."""
    case = plan.case
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if method not in ("posted", "given"):
        errors["method"] = COPY_METHOD_INVALID
    if on is None:
        errors["on"] = COPY_DATE_MISSING
    elif on > today():
        errors["on"] = COPY_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if method == "posted":
            event_record(type="letter.sent", occurred_at=on, actor=actor, case=case,
                         data={"type": "plan_copy", "to": "parent_carer", "method": "letter"})
        if plan.plan_type in ("intervention_plan", "specific_action_plan"):
            event_record(type="document.shared", occurred_at=on, actor=actor, case=case,
                         data={"type": plan.plan_type, "to": "parent_carer"})
        event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                     data={"system": "iyss", "kind": "case_note",
                           "note": "Copy of the plan posted to the parent/carer" if method == "posted"
                           else "Copy of the plan given to the parent/carer"})


def early_revocation_step_record(*, case: Case, step: str, on: dt.date | None, actor: StaffMember,
                                 notes: str = "", hearing_on: dt.date | None = None,
                                 criteria_met: list[str] | None = None) -> EarlyRevocationStep:
    """Record one step of early revocation on a YRO. For the manager discussion, `criteria_met` are the recorded
    criteria that hold (plans.selectors works them out)."""
    require_case_in_actors_service(actor, case)
    _check_open(case)
    errors: dict[str, str] = {}
    if case.programme != "yro":
        errors["__all__"] = STEP_NOT_YRO
    if step not in RevocationStep.values:
        errors["step"] = STEP_INVALID
    if on is None:
        errors["on"] = STEP_DATE_MISSING
    elif on > today():
        errors["on"] = STEP_IN_FUTURE
    if step == RevocationStep.LISTED and hearing_on is None:
        errors["hearing_on"] = STEP_HEARING_MISSING
    if errors:
        raise ValidationError(errors)
    criteria_met = list(criteria_met or []) if step == RevocationStep.MANAGER_CONSULTED else []
    with transaction.atomic():
        row = EarlyRevocationStep(case=case, step=step, on=on, notes=(notes or "").strip(),
                                  hearing_on=hearing_on if step == RevocationStep.LISTED else None,
                                  criteria_met=criteria_met, recorded_by=actor, recorded_at=now())
        row.full_clean()
        row.save()
        event_type, data = {
            RevocationStep.CONSIDERED: ("record.entered", {"system": "iyss", "kind": "case_note",
                                                           "topic": "early_revocation_considered"}),
            RevocationStep.MANAGER_CONSULTED: ("manager.consulted", {"topic": "early_revocation",
                                                                     "criteria": criteria_met}),
            RevocationStep.CHILD_VIEWS: ("contact.made", {"topic": "early_revocation", "with": "child"}),
            RevocationStep.DECISION_COMMUNICATED: ("early-revocation.decision-communicated", {}),
            RevocationStep.LISTED: ("court.hearing-listed", {"purpose": "early_revocation",
                                                             "hearing_date": hearing_on.isoformat()
                                                             if hearing_on else None}),
            RevocationStep.REPORT_QA: ("document.qa-completed", {"type": "early_revocation_report"}),
        }[RevocationStep(step)]
        if row.notes:
            data = {**data, "note": row.notes[:1000]}
        event_record(type=event_type, occurred_at=on, actor=actor, case=case, data=data)
        return row
