"""Writes for referrals: record one as received, triage it, accept it into a case.

A referral is triaged once, by a manager (TM, ATM or service manager). Only a referral triaged as meeting the
criteria can be accepted; acceptance opens the case and files the referral's events under it, so the case's
chronology begins with the referral.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waypoint.cases.models import Case, Event
from waypoint.cases.services import case_open, event_record
from waypoint.core.models import now, today
from waypoint.people.models import Child
from waypoint.people.services import child_create
from waypoint.workforce.models import Service, StaffMember, Team

from .models import Referral

REFERRAL_SOURCE_INVALID = "Select where the referral came from"
REFERRAL_RECEIVED_ON_MISSING = "Enter the date the referral was received"
REFERRAL_RECEIVED_ON_IN_FUTURE = "The date the referral was received must be today or in the past"
REFERRAL_SUMMARY_MISSING = "Enter a summary of the referral"
REFERRAL_CHILD_OTHER_SERVICE = "Select a child known to this service"
REFERRAL_CHILD_AND_DETAILS = "Select an existing child or enter a new child's details, not both"
TRIAGE_OUTCOME_INVALID = "Select whether the referral meets the criteria"
TRIAGE_REASON_MISSING = "Enter the reason for the triage decision"
TRIAGE_ALREADY_DONE = "This referral has already been triaged"
TRIAGE_ONLY_MANAGERS = "Only a team manager, assistant team manager or service manager can triage referrals"
ACCEPT_NOT_MEETING_CRITERIA = "Only a referral triaged as meeting the criteria can be accepted"
ACCEPT_ALREADY_ACCEPTED = "This referral has already been accepted"
ACCEPT_NO_CHILD = "Record the child before accepting the referral"
ACCEPT_START_BEFORE_RECEIVED = "The start date must be the same as or after the date the referral was received"
ACCEPT_START_MISSING = "Enter the date the case starts"
ACCEPT_ONLY_MANAGERS = "Only a team manager, assistant team manager or service manager can accept referrals"
ACTOR_OTHER_SERVICE = "You can only change referrals in your own service"


def _require_same_service(actor: StaffMember, service_id: int) -> None:
    if actor.service_id != service_id:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)


def referral_record(
    *,
    service: Service,
    source: str,
    received_on: dt.date | None,
    summary: str,
    actor: StaffMember,
    child: Child | None = None,
    child_details: dict[str, Any] | None = None,
    referrer_name: str = "",
) -> Referral:
    """Record a referral as received (`referral.received{source}`), creating the child when details are given.

    `child_details` takes child_create's arguments (given_name, family_name, date_of_birth, gender, and any of
    its optional details); its errors come back under those names.
    """
    _require_same_service(actor, service.pk)
    summary = (summary or "").strip()
    errors: dict[str, str] = {}
    if source not in Referral.Source.values:
        errors["source"] = REFERRAL_SOURCE_INVALID
    if received_on is None:
        errors["received_on"] = REFERRAL_RECEIVED_ON_MISSING
    elif received_on > today():
        errors["received_on"] = REFERRAL_RECEIVED_ON_IN_FUTURE
    if not summary:
        errors["summary"] = REFERRAL_SUMMARY_MISSING
    if child is not None and child_details:
        errors["child"] = REFERRAL_CHILD_AND_DETAILS
    elif child is not None and child.service_id != service.pk:
        errors["child"] = REFERRAL_CHILD_OTHER_SERVICE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if child_details:
            child = child_create(service=service, actor=actor, **child_details)
        referral = Referral(
            service=service, child=child, source=source, received_on=received_on, summary=summary,
            referrer_name=(referrer_name or "").strip(), recorded_by=actor, created_at=now(),
        )
        referral.full_clean()
        referral.save()
        event_record(
            type="referral.received", occurred_at=received_on, actor=actor, referral=referral,
            data={"source": source},
        )
        return referral


def referral_triage(*, referral: Referral, outcome: str, reason: str, actor: StaffMember) -> Referral:
    """A manager's triage decision (`referral.triaged{outcome}`). A referral not meeting the criteria is closed
    as not accepted; one meeting them waits to be accepted."""
    _require_same_service(actor, referral.service_id)
    if not actor.is_manager:
        raise PermissionDenied(TRIAGE_ONLY_MANAGERS)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if outcome not in Referral.TriageOutcome.values:
        errors["outcome"] = TRIAGE_OUTCOME_INVALID
    if not reason:
        errors["reason"] = TRIAGE_REASON_MISSING
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Locked and re-read so that two managers triaging at once cannot both succeed.
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.triage_outcome or referral.status != Referral.Status.RECEIVED:
            raise ValidationError({"outcome": TRIAGE_ALREADY_DONE})
        referral.triage_outcome = outcome
        referral.triage_reason = reason
        referral.triaged_by = actor
        referral.triaged_at = now()
        referral.status = (
            Referral.Status.TRIAGED if outcome == Referral.TriageOutcome.MEETS_CRITERIA else Referral.Status.NOT_ACCEPTED
        )
        referral.full_clean()
        referral.save()
        event_record(
            type="referral.triaged", occurred_at=referral.triaged_at, actor=actor, referral=referral,
            data={"outcome": outcome},
        )
        return referral


def referral_accept(
    *,
    referral: Referral,
    programme: str,
    actor: StaffMember,
    started_on: dt.date | None,
    team: Team | None = None,
    restricted: bool = False,
) -> Case:
    """Accept a referral triaged as meeting the criteria into a case (`referral.accepted{source}`).

    The referral's events move onto the new case, so its chronology starts with the referral.
    """
    _require_same_service(actor, referral.service_id)
    if not actor.is_manager:
        raise PermissionDenied(ACCEPT_ONLY_MANAGERS)
    if started_on is None:
        raise ValidationError({"started_on": ACCEPT_START_MISSING})
    with transaction.atomic():
        # of=("self",): PostgreSQL cannot lock the nullable side of the join to the child.
        referral = (
            Referral.objects.select_for_update(of=("self",)).select_related("child", "service").get(pk=referral.pk)
        )
        if referral.status == Referral.Status.ACCEPTED or referral.case_id:
            raise ValidationError({"referral": ACCEPT_ALREADY_ACCEPTED})
        if referral.triage_outcome != Referral.TriageOutcome.MEETS_CRITERIA:
            raise ValidationError({"referral": ACCEPT_NOT_MEETING_CRITERIA})
        if referral.child is None:
            raise ValidationError({"referral": ACCEPT_NO_CHILD})
        if started_on < referral.received_on:
            raise ValidationError({"started_on": ACCEPT_START_BEFORE_RECEIVED})
        case = case_open(
            service=referral.service, child=referral.child, programme=programme, started_on=started_on,
            actor=actor, team=team, referral=referral, restricted=restricted,
        )
        Event.objects.filter(referral=referral).file_under_case(case)
        referral.status = Referral.Status.ACCEPTED
        referral.case = case
        referral.full_clean()
        referral.save(update_fields=["status", "case"])
        event_record(
            type="referral.accepted", occurred_at=now(), actor=actor, case=case, data={"source": referral.source},
        )
        return case
