"""Writes for contacts between appointments: calls (made or attempted), video calls, unplanned home visits (seen or
no answer), sessions delivered with their topic, serious incidents and case notes.

Each is chronology events only: a contact is something that happened, so the event is the record. Every contact
also writes `record.entered{system=iyss, kind=contact}` at the moment it is entered, which is what the guidance's
"recorded within 2 working days" duties are met by, so lateness is measured, not assumed.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from waypoint.cases.models import Case
from waypoint.cases.services import ACTOR_OTHER_SERVICE, event_record
from waypoint.core.models import now
from waypoint.workforce.models import StaffMember


class ContactKind(models.TextChoices):
    PHONE = "phone", "Phone call: spoke to them"
    PHONE_NO_ANSWER = "phone_no_answer", "Phone call: no answer"
    VIDEO = "video", "Video call"
    HOME_VISIT_SEEN = "home_visit_seen", "Home visit: seen"
    HOME_VISIT_NO_ANSWER = "home_visit_no_answer", "Home visit: no answer"
    SESSION = "session", "Session delivered"
    SERIOUS_INCIDENT = "serious_incident", "Serious incident"
    CASE_NOTE = "case_note", "Case note"


class ContactWith(models.TextChoices):
    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "Parent or carer"


class SessionTopic(models.TextChoices):
    GENERAL = "", "General supervision"
    VICTIM_AWARENESS = "victim_awareness", "Victim awareness"
    CONSENT = "consent_healthy_relationships", "Consent and healthy relationships"


# A call or visit may be the follow-up of a missed appointment, which the compliance ladders look for.
ABSENCE_FOLLOW_UP = "absence_follow_up"
_FOLLOW_UP_KINDS = {"phone", "phone_no_answer", "home_visit_seen", "home_visit_no_answer"}


CONTACT_KIND_INVALID = "Select what kind of contact it was"
CONTACT_WHEN_MISSING = "Enter when it happened"
CONTACT_IN_FUTURE = "The time it happened must be now or in the past"
CONTACT_BEFORE_CASE = "The time it happened must be on or after the date the case started"
CONTACT_WITH_INVALID = "Select who the contact was with"
CONTACT_NOTES_MISSING = "Enter what happened"
CONTACT_TOPIC_INVALID = "Select a topic that fits this kind of contact"
_GRACE = dt.timedelta(minutes=5)


def contact_record(*, case: Case, kind: str, occurred_at: dt.datetime, actor: StaffMember, with_whom: str = "child",
                   topic: str = "", notes: str = "") -> None:
    """Record a contact (see the module docstring for the events each kind writes)."""
    if actor.service_id != case.service_id:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)
    notes = (notes or "").strip()
    errors: dict[str, str] = {}
    if kind not in ContactKind.values:
        errors["kind"] = CONTACT_KIND_INVALID
    if occurred_at is None:
        errors["occurred_at"] = CONTACT_WHEN_MISSING
    else:
        if timezone.is_naive(occurred_at):
            occurred_at = timezone.make_aware(occurred_at)
        if occurred_at > now() + _GRACE:
            errors["occurred_at"] = CONTACT_IN_FUTURE
        elif timezone.localtime(occurred_at).date() < case.started_on:
            errors["occurred_at"] = CONTACT_BEFORE_CASE
    if kind in (ContactKind.PHONE, ContactKind.PHONE_NO_ANSWER, ContactKind.VIDEO) and \
            with_whom not in ContactWith.values:
        errors["with_whom"] = CONTACT_WITH_INVALID
    if kind in (ContactKind.SERIOUS_INCIDENT, ContactKind.CASE_NOTE) and not notes:
        errors["notes"] = CONTACT_NOTES_MISSING
    if topic and not (topic in SessionTopic.values and kind == ContactKind.SESSION) and not (
            topic == ABSENCE_FOLLOW_UP and kind in _FOLLOW_UP_KINDS):
        errors["topic"] = CONTACT_TOPIC_INVALID
    if errors:
        raise ValidationError(errors)

    follow_up = {"topic": ABSENCE_FOLLOW_UP} if topic == ABSENCE_FOLLOW_UP else {}

    def record(event_type: str, data: dict, at=occurred_at) -> None:
        event_record(type=event_type, occurred_at=at, actor=actor, case=case, data=data)

    with transaction.atomic():
        if kind == ContactKind.PHONE:
            record("contact.made", {"method": "phone", "with": with_whom, **follow_up})
        elif kind == ContactKind.PHONE_NO_ANSWER:
            record("contact.attempted", {"method": "phone", "outcome": "unsuccessful", "with": with_whom, **follow_up})
        elif kind == ContactKind.VIDEO:
            record("contact.made", {"method": "virtual", "with": with_whom})
        elif kind == ContactKind.HOME_VISIT_SEEN:
            record("home-visit.completed", {"announced": False, **follow_up})
            record("contact.made", {"method": "face_to_face", "with": "child", **follow_up})
        elif kind == ContactKind.HOME_VISIT_NO_ANSWER:
            record("home-visit.unsuccessful", {"announced": False, **follow_up})
        elif kind == ContactKind.SESSION:
            data = {"type": "supervision"}
            if topic:
                data["topic"] = topic
            record("session.delivered", data)
        elif kind == ContactKind.SERIOUS_INCIDENT:
            record("serious-incident.became-known", {})
            record("record.entered", {"kind": "serious_incident", "system": "iyss", "notes": notes}, at=now())
            return
        if kind == ContactKind.CASE_NOTE:
            record("record.entered", {"kind": "case_note", "system": "iyss", "notes": notes}, at=now())
            return
        extra = {"notes": notes} if notes else {}
        record("record.entered", {"kind": "contact", "system": "iyss", **extra}, at=now())
