"""Writes for assessments. Each writes its rows and the chronology events the policy rules read, in one transaction,
so the case's obligations are worked out again with it (cases.services.event_record).

Events written (catalogue §3.1):
- a rating: `risk.level-assessed{dimension, level}`, its reason as the event's note;
- an assessment submitted for QA: `assessment.completed{type, evidence}` (a Mini Asset's evidence list), dated on
  the day it was completed, after the `risk.level-assessed` of any ratings an AssetPlus set; a resubmission after a
  QA return amends that event (event.amended) when what it says has changed, so the completion is counted once;
- a manager's QA: `assessment.qa-completed{type}` for every kind taken through QA (the rules read the Mini Asset's
  and the AssetPlus review's; the full and closure AssetPlus values are the product's own, shown in the chronology);
  a return with comments writes a history row only;
- a Mini Asset finalised: `assessment.finalised{type=mini_asset}` and `document.uploaded{type=mini_asset,
  system=iyss_multimedia}`, since the final document is kept with the case record (ADR 0019);
- a Child and Family Assessment received from social care: `document.uploaded{type=child_family_assessment,
  system=iyss_multimedia}`;
- the Asset SLCN screening: `screening.completed{type=asset_slcn, positive_answers}`; the specialist workers' initial
  screening: `screening.completed{type=specialist_initial}`;
- a MOSAIC or police check: `checks.completed{type, concern}`;
- a MARF sent to the Front Door: `referral.made{type=marf, to=front_door}`.
"""
from __future__ import annotations

import datetime as dt

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from waypoint.cases.models import Case, Event
from waypoint.cases.services import (
    event_amend,
    event_record,
    event_void,
    on_case_events_changed,
    require_case_in_actors_service,
)
from waypoint.core.models import now, today
from waypoint.workforce.models import StaffMember

from .models import (
    DOCUMENT_EXTENSIONS,
    EDITABLE_STATUSES,
    RATED_KINDS,
    SLCN_QUESTIONS,
    WORKFLOW_KINDS,
    ASSETPLUS_KINDS,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    AssessmentTransition,
    BackgroundCheck,
    CheckKind,
    Evidence,
    MarfReferral,
    RiskDimension,
    RiskLevel,
    RiskRating,
    Screening,
    ScreeningKind,
    SlcnAnswer,
)

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


# --- Assessments ---------------------------------------------------------------------------------------------------

ASSESSMENT_KIND_INVALID = "Select the assessment to start"
ASSESSMENT_CASE_CLOSED = "You cannot change the assessments of a closed case"
ASSESSMENT_DATE_MISSING = "Enter the date the assessment was completed"
ASSESSMENT_DATE_IN_FUTURE = "The date the assessment was completed must be today or in the past"
ASSESSMENT_DATE_BEFORE_CASE = "The date the assessment was completed must be on or after the date the case started"
ASSESSMENT_SUMMARY_MISSING = "Enter a summary of the assessment"
ASSESSMENT_EVIDENCE_INVALID = "Select what the assessment evidences from the list"
ASSESSMENT_DOCUMENT_MISSING = "Select the AssetPlus document to attach"
DOCUMENT_TYPE = "The document must be a PDF, DOC, DOCX, ODT or TXT file"
DOCUMENT_EMPTY = "The selected file is empty"
DOCUMENT_TOO_BIG = "The document must be smaller than 10MB"
ASSESSMENT_NOT_AUTHOR = "Only the assessment's author can change or submit it"
ASSESSMENT_NOT_EDITABLE = "This assessment has been submitted for QA: it can be changed only if it is returned"
ASSESSMENT_NOT_SUBMITTED = "This assessment is not waiting for QA"
ASSESSMENT_QA_NOT_MANAGER = "Only a manager can QA an assessment"
ASSESSMENT_QA_OWN = "You cannot QA an assessment you wrote: ask another manager"
ASSESSMENT_RETURN_COMMENTS_MISSING = "Enter your comments for the author"
ASSESSMENT_NOT_QA_COMPLETED = "This assessment can be finalised only once a manager has QA'd it"
ASSESSMENT_FINALISE_NOT_ALLOWED = "Only the author or a manager can finalise this assessment"
RATING_LEVEL_CHANGE_REASON = RATING_REASON_MISSING
ASSESSMENT_REVIEW_NOT_AFTER = "The date of the next review must be after the date the assessment was completed"


def _document_problem(upload) -> str:
    name = str(getattr(upload, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        return DOCUMENT_TYPE
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        return DOCUMENT_EMPTY
    if size > settings.WAYPOINT_UPLOAD_MAX_BYTES:
        return DOCUMENT_TOO_BIG
    return ""


def assessment_status(assessment: Assessment) -> str:
    """The status in force, read afresh: the latest transition (a caller's copy may be out of date)."""
    latest = assessment.transitions.order_by("-at", "-id").values_list("status", flat=True).first()
    return latest or AssessmentStatus.DRAFT


def _transition(assessment: Assessment, status: str, actor: StaffMember, *, comments: str = "",
                content: dict | None = None) -> AssessmentTransition:
    row = AssessmentTransition(assessment=assessment, status=status, by=actor, at=now(), comments=comments,
                               content=content or {})
    row.full_clean(exclude=["assessment", "by"])
    row.save()
    assessment.current_status = status
    return row


def _locked(assessment: Assessment) -> Assessment:
    """The assessment's row locked for this transaction, with its status read afresh (two managers QA at once)."""
    locked = Assessment.objects.select_for_update().select_related("case").get(pk=assessment.pk)
    locked.current_status = assessment_status(locked)
    return locked


def assessment_start(*, case: Case, kind: str, actor: StaffMember) -> Assessment:
    """Start a Mini Asset or an AssetPlus (full, review or closure) as a draft written by `actor`."""
    require_case_in_actors_service(actor, case)
    if kind not in WORKFLOW_KINDS:
        raise ValidationError({"kind": ASSESSMENT_KIND_INVALID})
    if not case.is_open:
        raise ValidationError({"__all__": ASSESSMENT_CASE_CLOSED})
    with transaction.atomic():
        assessment = Assessment(case=case, kind=kind, author=actor, started_at=now())
        assessment.full_clean(exclude=["completed_event"])
        assessment.save()
        _transition(assessment, AssessmentStatus.DRAFT, actor)
        return assessment


def _content_errors(assessment: Assessment, *, assessed_on, summary: str, evidence: list[str], document,
                    complete: bool, review_on: dt.date | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    case = assessment.case
    if review_on is not None and assessed_on is not None and review_on <= assessed_on:
        errors["review_on"] = ASSESSMENT_REVIEW_NOT_AFTER
    if assessed_on is None:
        if complete:
            errors["assessed_on"] = ASSESSMENT_DATE_MISSING
    elif assessed_on > today():
        errors["assessed_on"] = ASSESSMENT_DATE_IN_FUTURE
    elif assessed_on < case.started_on:
        errors["assessed_on"] = ASSESSMENT_DATE_BEFORE_CASE
    if complete and not summary:
        errors["summary"] = ASSESSMENT_SUMMARY_MISSING
    if any(item not in Evidence.values for item in evidence):
        errors["evidence"] = ASSESSMENT_EVIDENCE_INVALID
    if document is not None:
        problem = _document_problem(document)
        if problem:
            errors["document"] = problem
    elif complete and assessment.kind in ASSETPLUS_KINDS and not assessment.document:
        errors["document"] = ASSESSMENT_DOCUMENT_MISSING
    return errors


def _require_author_may_edit(assessment: Assessment, actor: StaffMember) -> None:
    require_case_in_actors_service(actor, assessment.case)
    if actor.pk != assessment.author_id:
        raise PermissionDenied(ASSESSMENT_NOT_AUTHOR)
    if not assessment.case.is_open:
        raise ValidationError({"__all__": ASSESSMENT_CASE_CLOSED})
    if assessment_status(assessment) not in EDITABLE_STATUSES:
        raise ValidationError({"__all__": ASSESSMENT_NOT_EDITABLE})


def _apply_content(assessment: Assessment, *, assessed_on, summary: str, evidence: list[str], document,
                   review_on: dt.date | None = None) -> None:
    assessment.assessed_on = assessed_on
    # A review date belongs to a full or review AssetPlus (the others are not reviewed on a date of their own).
    assessment.review_on = review_on if assessment.kind in RATED_KINDS else None
    assessment.summary = summary
    assessment.evidence = [item for item in Evidence.values if item in evidence]
    if document is not None:
        assessment.document_name = str(document.name)[-200:]
        assessment.document.save(document.name, document, save=False)
    assessment.full_clean(exclude=["case", "author", "completed_event"])
    assessment.save()


def assessment_save_draft(*, assessment: Assessment, actor: StaffMember, assessed_on: dt.date | None = None,
                          summary: str = "", evidence: list[str] | None = None, document=None,
                          review_on: dt.date | None = None) -> Assessment:
    """Keep the author's work on a draft (or a returned assessment) without submitting it."""
    _require_author_may_edit(assessment, actor)
    summary, evidence = (summary or "").strip(), list(evidence or [])
    errors = _content_errors(assessment, assessed_on=assessed_on, summary=summary, evidence=evidence,
                             document=document, complete=False, review_on=review_on)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _apply_content(assessment, assessed_on=assessed_on, summary=summary, evidence=evidence, document=document,
                       review_on=review_on)
        return assessment


def _rating_changes(assessment: Assessment, ratings: dict[str, dict[str, str]] | None) -> tuple[list, dict]:
    """The ratings an AssetPlus sets: those whose level differs from the one in force (a reason is required)."""
    from .selectors import ratings_current

    changes, errors = [], {}
    if not ratings:
        return changes, errors
    current = ratings_current(case=assessment.case)
    for dimension in RiskDimension.values:
        given = ratings.get(dimension) or {}
        level, reason = given.get("level") or "", (given.get("reason") or "").strip()
        if not level:
            continue
        if level not in RiskLevel.values:
            errors[f"{dimension}_level"] = RATING_LEVEL_INVALID
            continue
        if dimension in current and current[dimension].level == level and not reason:
            continue  # the same level again, with nothing new to say: no change
        if not reason:
            errors[f"{dimension}_reason"] = RATING_REASON_MISSING
            continue
        changes.append((dimension, level, reason))
    return changes, errors


def _content(assessment: Assessment) -> dict[str, Any]:
    return {"assessed_on": assessment.assessed_on.isoformat() if assessment.assessed_on else None,
            "summary": assessment.summary, "evidence": list(assessment.evidence),
            "document": assessment.document_name,
            "review_on": assessment.review_on.isoformat() if assessment.review_on else None,
            # Where the submitted file is kept: a later upload is stored under a new name, so the file a manager
            # returned stays reachable from the submission's history row.
            "document_file": assessment.document.name or ""}


def _submitted_review_on(assessment: Assessment) -> str | None:
    """The review date of the assessment's latest submission (the case fact reads it from there), or None."""
    content = (AssessmentTransition.objects.filter(assessment=assessment, status=AssessmentStatus.SUBMITTED)
               .order_by("-at", "-pk").values_list("content", flat=True).first())
    return (content or {}).get("review_on")


def _completed_data(assessment: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {"type": assessment.kind}
    if assessment.kind == AssessmentKind.MINI_ASSET:
        data["evidence"] = list(assessment.evidence)
    return data


def assessment_submit(*, assessment: Assessment, actor: StaffMember, assessed_on: dt.date | None, summary: str,
                      evidence: list[str] | None = None, document=None,
                      ratings: dict[str, dict[str, str]] | None = None,
                      review_on: dt.date | None = None) -> Assessment:
    """The author completes the assessment and submits it for QA. An AssetPlus (full or review) may set the RoSH,
    SaW and LoR ratings: each changed one is a rating with its reason (rating_set). The first submission writes
    `assessment.completed`; a resubmission after a return amends it if what it says has changed. The submission's
    history row is written before the events, so the recompute they bring reads the AssetPlus's review date (the
    case fact assessment_review_date)."""
    _require_author_may_edit(assessment, actor)
    summary, evidence = (summary or "").strip(), list(evidence or [])
    errors = _content_errors(assessment, assessed_on=assessed_on, summary=summary, evidence=evidence,
                             document=document, complete=True, review_on=review_on)
    changes, rating_errors = _rating_changes(assessment, ratings if assessment.kind in RATED_KINDS else None)
    errors.update(rating_errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = _locked(assessment)
        if assessment.current_status not in EDITABLE_STATUSES:
            raise ValidationError({"__all__": ASSESSMENT_NOT_EDITABLE})
        review_before = _submitted_review_on(assessment)
        _apply_content(assessment, assessed_on=assessed_on, summary=summary, evidence=evidence, document=document,
                       review_on=review_on)
        _transition(assessment, AssessmentStatus.SUBMITTED, actor, content=_content(assessment))
        written = bool(changes)
        for dimension, level, reason in changes:
            rating_set(case=assessment.case, dimension=dimension, level=level, reason=reason, on=assessed_on,
                       actor=actor, assessment=assessment)
        data = _completed_data(assessment)
        written = written or assessment.completed_event_id is None
        if assessment.completed_event_id is None:
            event = event_record(type="assessment.completed", occurred_at=assessed_on, actor=actor,
                                 case=assessment.case, data=data)
            assessment.completed_event = event
            assessment.save(update_fields=["completed_event"])
        else:
            event = Event.objects.get(pk=assessment.completed_event_id)
            moved, changed = timezone.localtime(event.occurred_at).date() != assessed_on, event.effective_data != data
            written = written or moved or changed
            if moved:
                # An amendment cannot move an event in time: the completion on the wrong date is voided and the
                # completion recorded again on the corrected one, so the clocks that run from it follow.
                event_void(event=event, reason="Resubmitted with a corrected date of completion", actor=actor)
                event = event_record(type="assessment.completed", occurred_at=assessed_on, actor=actor,
                                     case=assessment.case, data=data)
                assessment.completed_event = event
                assessment.save(update_fields=["completed_event"])
            elif changed:
                event_amend(event=event, data=data, reason="Resubmitted after the QA comments", actor=actor)
        if not written and _content(assessment)["review_on"] != review_before:
            # Only the review date changed: no event brings the recompute, so ask for it.
            on_case_events_changed(assessment.case)
        return assessment


def _require_qa_manager(assessment: Assessment, actor: StaffMember) -> None:
    require_case_in_actors_service(actor, assessment.case)
    if not actor.is_manager:
        raise PermissionDenied(ASSESSMENT_QA_NOT_MANAGER)
    if actor.pk == assessment.author_id:
        raise ValidationError({"__all__": ASSESSMENT_QA_OWN})


def assessment_return(*, assessment: Assessment, actor: StaffMember, comments: str) -> Assessment:
    """A manager returns a submitted assessment to its author with comments; the author changes and resubmits it."""
    _require_qa_manager(assessment, actor)
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError({"comments": ASSESSMENT_RETURN_COMMENTS_MISSING})
    with transaction.atomic():
        assessment = _locked(assessment)
        if assessment.current_status != AssessmentStatus.SUBMITTED:
            raise ValidationError({"__all__": ASSESSMENT_NOT_SUBMITTED})
        _transition(assessment, AssessmentStatus.RETURNED, actor, comments=comments)
        return assessment


def assessment_qa_complete(*, assessment: Assessment, actor: StaffMember, comments: str = "") -> Assessment:
    """A manager, not the author, QAs a submitted assessment: `assessment.qa-completed{type}`."""
    _require_qa_manager(assessment, actor)
    comments = (comments or "").strip()
    with transaction.atomic():
        assessment = _locked(assessment)
        if assessment.current_status != AssessmentStatus.SUBMITTED:
            raise ValidationError({"__all__": ASSESSMENT_NOT_SUBMITTED})
        _transition(assessment, AssessmentStatus.QA_COMPLETED, actor, comments=comments)
        event_record(type="assessment.qa-completed", occurred_at=now(), actor=actor, case=assessment.case,
                     data={"type": assessment.kind})
        return assessment


def assessment_finalise(*, assessment: Assessment, actor: StaffMember) -> Assessment:
    """The author (or a manager) finalises a QA'd assessment. A Mini Asset: `assessment.finalised{type=mini_asset}`
    and the final document kept with the case record, `document.uploaded{type=mini_asset, system=iyss_multimedia}`."""
    require_case_in_actors_service(actor, assessment.case)
    if actor.pk != assessment.author_id and not actor.is_manager:
        raise PermissionDenied(ASSESSMENT_FINALISE_NOT_ALLOWED)
    with transaction.atomic():
        assessment = _locked(assessment)
        if assessment.current_status != AssessmentStatus.QA_COMPLETED:
            raise ValidationError({"__all__": ASSESSMENT_NOT_QA_COMPLETED})
        _transition(assessment, AssessmentStatus.FINALISED, actor)
        if assessment.kind == AssessmentKind.MINI_ASSET:
            moment = now()
            event_record(type="assessment.finalised", occurred_at=moment, actor=actor, case=assessment.case,
                         data={"type": "mini_asset"})
            event_record(type="document.uploaded", occurred_at=moment, actor=actor, case=assessment.case,
                         data={"type": "mini_asset", "system": "iyss_multimedia"})
        return assessment


CFA_DATE_MISSING = "Enter the date the Child and Family Assessment was received"
CFA_DATE_IN_FUTURE = "The date the Child and Family Assessment was received must be today or in the past"
CFA_DOCUMENT_MISSING = "Select the Child and Family Assessment to attach"


def child_family_assessment_record(*, case: Case, received_on: dt.date | None, document, summary: str = "",
                                   actor: StaffMember) -> Assessment:
    """Attach the Child and Family Assessment received from social care for a step-down, as it was received:
    `document.uploaded{type=child_family_assessment, system=iyss_multimedia}`."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if received_on is None:
        errors["received_on"] = CFA_DATE_MISSING
    elif received_on > today():
        errors["received_on"] = CFA_DATE_IN_FUTURE
    if document is None:
        errors["document"] = CFA_DOCUMENT_MISSING
    else:
        problem = _document_problem(document)
        if problem:
            errors["document"] = problem
    if not case.is_open:
        errors["__all__"] = ASSESSMENT_CASE_CLOSED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = Assessment(case=case, kind=AssessmentKind.CHILD_FAMILY, author=actor, started_at=now(),
                                assessed_on=received_on, summary=(summary or "").strip())
        assessment.document_name = str(document.name)[-200:]
        assessment.document.save(document.name, document, save=False)
        assessment.full_clean(exclude=["completed_event"])
        assessment.save()
        _transition(assessment, AssessmentStatus.RECEIVED, actor)
        event_record(type="document.uploaded", occurred_at=received_on, actor=actor, case=case,
                     data={"type": "child_family_assessment", "system": "iyss_multimedia"})
        return assessment


# --- Screenings, checks and MARF referrals ---------------------------------------------------------------------

SCREENING_DATE_MISSING = "Enter the date of the screening"
SCREENING_DATE_IN_FUTURE = "The date of the screening must be today or in the past"
SCREENING_BEFORE_CASE = "The date of the screening must be on or after the date the case started"
SLCN_ANSWER_MISSING = "Select no, sometimes or yes"
SPECIALIST_SUMMARY_MISSING = "Enter what the specialist workers' screening found, including education"
CHECK_KIND_INVALID = "Select which check this is: MOSAIC or police"
CHECK_DATE_MISSING = "Enter the date of the check"
CHECK_DATE_IN_FUTURE = "The date of the check must be today or in the past"
CHECK_CONCERN_MISSING = "Select whether the check raised concerns"
CHECK_DETAILS_MISSING = "Enter the concerns the check raised"
MARF_DATE_MISSING = "Enter the date the MARF was sent"
MARF_DATE_IN_FUTURE = "The date the MARF was sent must be today or in the past"
MARF_CONCERNS_MISSING = "Enter the concerns the MARF set out"
CASE_CLOSED = "You cannot record this on a closed case"


def _day_errors(case: Case, day: dt.date | None, field: str, missing: str, future: str,
                before: str | None = None) -> dict[str, str]:
    if day is None:
        return {field: missing}
    if day > today():
        return {field: future}
    if before and day < case.started_on:
        return {field: before}
    return {}


def _open_or_error(case: Case, errors: dict[str, str]) -> None:
    if not case.is_open:
        errors["__all__"] = CASE_CLOSED
    if errors:
        raise ValidationError(errors)


def slcn_screening_record(*, case: Case, screened_on: dt.date | None, answers: dict[str, str], notes: str = "",
                          actor: StaffMember) -> Screening:
    """The Asset SLCN screening's answers: `screening.completed{type=asset_slcn, positive_answers}`, the number of
    "sometimes" and "yes" answers (the rules raise the SAL worker consultation on two or more)."""
    require_case_in_actors_service(actor, case)
    errors = _day_errors(case, screened_on, "screened_on", SCREENING_DATE_MISSING, SCREENING_DATE_IN_FUTURE,
                         SCREENING_BEFORE_CASE)
    answers = dict(answers or {})
    for key in SLCN_QUESTIONS:
        if answers.get(key) not in SlcnAnswer.values:
            errors[key] = SLCN_ANSWER_MISSING
    _open_or_error(case, errors)
    answers = {key: answers[key] for key in SLCN_QUESTIONS}
    positive = sum(1 for value in answers.values() if value in (SlcnAnswer.SOMETIMES, SlcnAnswer.YES))
    with transaction.atomic():
        row = Screening(case=case, kind=ScreeningKind.ASSET_SLCN, screened_on=screened_on, answers=answers,
                        positive_answers=positive, summary=(notes or "").strip(), recorded_by=actor)
        row.full_clean(exclude=["event"])
        row.event = event_record(type="screening.completed", occurred_at=screened_on, actor=actor, case=case,
                                 data={"type": "asset_slcn", "positive_answers": positive})
        row.save()
        return row


def specialist_screening_record(*, case: Case, screened_on: dt.date | None, summary: str,
                                actor: StaffMember) -> Screening:
    """What the specialist workers' initial screening found: `screening.completed{type=specialist_initial}`."""
    require_case_in_actors_service(actor, case)
    errors = _day_errors(case, screened_on, "screened_on", SCREENING_DATE_MISSING, SCREENING_DATE_IN_FUTURE)
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = SPECIALIST_SUMMARY_MISSING
    _open_or_error(case, errors)
    with transaction.atomic():
        row = Screening(case=case, kind=ScreeningKind.SPECIALIST_INITIAL, screened_on=screened_on, summary=summary,
                        recorded_by=actor)
        row.full_clean(exclude=["event"])
        row.event = event_record(type="screening.completed", occurred_at=screened_on, actor=actor, case=case,
                                 data={"type": "specialist_initial"})
        row.save()
        return row


def check_record(*, case: Case, kind: str, checked_on: dt.date | None, concern: bool | None, details: str = "",
                 actor: StaffMember) -> BackgroundCheck:
    """A MOSAIC or police check and whether it raised concerns: `checks.completed{type, concern}`."""
    require_case_in_actors_service(actor, case)
    errors = _day_errors(case, checked_on, "checked_on", CHECK_DATE_MISSING, CHECK_DATE_IN_FUTURE)
    if kind not in CheckKind.values:
        errors["kind"] = CHECK_KIND_INVALID
    details = (details or "").strip()
    if concern is None:
        errors["concern"] = CHECK_CONCERN_MISSING
    elif concern and not details:
        errors["details"] = CHECK_DETAILS_MISSING
    _open_or_error(case, errors)
    with transaction.atomic():
        row = BackgroundCheck(case=case, kind=kind, checked_on=checked_on, concern=concern, details=details,
                              recorded_by=actor)
        row.full_clean(exclude=["event"])
        row.event = event_record(type="checks.completed", occurred_at=checked_on, actor=actor, case=case,
                                 data={"type": kind, "concern": bool(concern)})
        row.save()
        return row


def marf_referral_record(*, case: Case, sent_on: dt.date | None, concerns: str,
                         actor: StaffMember) -> MarfReferral:
    """A MARF sent to the Front Door with the safety and wellbeing concerns: `referral.made{type=marf,
    to=front_door}` (what the high-SaW rules ask for when no social worker is allocated)."""
    require_case_in_actors_service(actor, case)
    errors = _day_errors(case, sent_on, "sent_on", MARF_DATE_MISSING, MARF_DATE_IN_FUTURE)
    concerns = (concerns or "").strip()
    if not concerns:
        errors["concerns"] = MARF_CONCERNS_MISSING
    _open_or_error(case, errors)
    with transaction.atomic():
        row = MarfReferral(case=case, sent_on=sent_on, concerns=concerns, recorded_by=actor)
        row.full_clean(exclude=["event"])
        row.event = event_record(type="referral.made", occurred_at=sent_on, actor=actor, case=case,
                                 data={"type": "marf", "to": "front_door", "note": concerns[:1000]})
        row.save()
        return row
