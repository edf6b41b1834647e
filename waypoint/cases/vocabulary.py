"""The event types the chronology accepts: the catalogue's event vocabulary (policy-catalogue §3.1) as data.

Kept as plain type names only. The policy engine publishes the full vocabulary (attributes and their values) in
waypoint.policy.vocabulary; the two lists name the same events.
"""
from __future__ import annotations

# Every event named in the catalogue, §3.1, in alphabetical order.
CATALOGUE_EVENT_TYPES: frozenset[str] = frozenset({
    "absence.evidence-received",
    "address.changed",
    "appointment.missed",
    "appointment.outcome-recorded",
    "appointment.rescheduled",
    "appointment.scheduled",
    "assessment.completed",
    "assessment.finalised",
    "assessment.qa-completed",
    "bail.application-made",
    "bail.application-planned",
    "breach.decision-made",
    "breach.initiated",
    "caretaking.accepted",
    "caretaking.ended",
    "caretaking.reviewed",
    "case-supervision.held",
    "case.allocated",
    "case.closed",
    "case.co-allocated",
    "case.deallocated",
    "case.file-created",
    "case.reallocated",
    "caseload.reviewed",
    "checks.completed",
    "clock.day",
    "clock.month-started",
    "closure-checks.completed",
    "closure.agreed",
    "closure.requested",
    "co-worker-discussion.held",
    "concern.identified",
    "consent.recorded",
    "consultation.held",
    "contact.attempted",
    "contact.made",
    "court.appearance",
    "court.attended",
    "court.committed-to-crown",
    "court.hearing-listed",
    "court.outcome-received",
    "court.sentenced",
    "csc.involvement-recorded",
    "custody.released",
    "document.completed",
    "document.given",
    "document.qa-completed",
    "document.requested",
    "document.shared",
    "document.signed",
    "document.submitted",
    "document.uploaded",
    "early-revocation.decision-communicated",
    "ehh.agenda-received",
    "email.sent",
    "engagement.refused",
    "home-visit.completed",
    "home-visit.deemed-inappropriate",
    "home-visit.unsuccessful",
    "letter.sent",
    "manager.consulted",
    "meeting.held",
    "meeting.scheduled",
    "order.amended",
    "order.midpoint-reached",
    "order.started",
    "plan.completed",
    "plan.reviewed",
    "plan.updated",
    "programme.accepted",
    "programme.declined",
    "programme.offered",
    "psr.requested",
    "record.entered",
    "referral.accepted",
    "referral.made",
    "referral.received",
    "referral.triaged",
    "risk.change-identified",
    "risk.level-assessed",
    "screening.completed",
    "serious-incident.became-known",
    "session.delivered",
    "significant-event.occurred",
    "staff-supervision.held",
    "staff.absence-ended",
    "staff.absence-started",
    "staff.employment-started",
    "staff.leave-planned",
    "transfer.completed",
    "transfer.decided",
    "transfer.documents-received",
    "transfer.proposed",
    "transfer.requested",
    "unacceptable-behaviour.recorded",
    "warning.issued",
})

# Emitted by the rules engine from the calendar and the order dates; never entered by people.
DERIVED_EVENT_TYPES: frozenset[str] = frozenset({"order.midpoint-reached", "clock.day", "clock.month-started"})

# The product's own events: a correction of an earlier event (void or amend) and a manager's waiver of an obligation.
PRODUCT_EVENT_TYPES: frozenset[str] = frozenset({"event.voided", "event.amended", "obligation.waived"})

EVENT_TYPES: frozenset[str] = CATALOGUE_EVENT_TYPES | PRODUCT_EVENT_TYPES

# What a service may write to the chronology.
RECORDABLE_EVENT_TYPES: frozenset[str] = EVENT_TYPES - DERIVED_EVENT_TYPES

# Corrections are written by event_void / event_amend only, never as ordinary events.
CORRECTION_EVENT_TYPES: frozenset[str] = frozenset({"event.voided", "event.amended"})


# A worker's own events that are also part of the history of each case they hold (the Nottinghamshire leave rules
# read them there; obligations.inputs.lead_staff_events says which).
STAFF_CASE_EVENT_TYPES: tuple[str, ...] = ("staff.leave-planned", "staff.absence-started", "staff.absence-ended")
