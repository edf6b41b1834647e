"""The condensed compliance report of Appendix B (Nottinghamshire supervision policy, 003), worked out from the
appointment record. Plain Python over objects the selectors load, so it is tested with a history built by hand.

What it counts, each appointment by its outcome in force (the latest outcome row; catalogue §3.1):
- given: every appointment in the period whose time has come by the time of the report (future ones are not yet
  "given" to the child in the sense of the form: they cannot have been kept or failed);
- kept: outcome in force "Attended";
- acceptable failures: "Missed: acceptable absence" (and, on a voluntary programme, "Not Kept Sufficient
  Explanation");
- unacceptable failures: "Missed: unacceptable absence" (and "Not Attended OOC" / "Not Attended Prevention");
- an appointment whose time has passed with no outcome yet is counted as given and listed as not recorded, so the
  four numbers always add up and the gap shows.

The details table has a row for each failure, acceptable or not: the date, the nature of the requirement (the
appointment's type: Waypoint does not yet tie an appointment to one of the order's requirements), the outcome in
force with any earlier outcome it replaced, the explanation given (the notes and the written evidence) and the
action taken (a verbal warning on the outcome, and the warning or breach letters, breach and absence follow-ups
recorded from the failure up to the next failure).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from django.utils import timezone

from waypoint.appointments.models import Outcome
from waypoint.config.jinja2 import govuk_date, govuk_datetime

KEPT = {Outcome.ATTENDED.value}
ACCEPTABLE = {Outcome.ACCEPTABLE.value, Outcome.NOT_KEPT_SUFFICIENT_EXPLANATION.value}
UNACCEPTABLE = {Outcome.UNACCEPTABLE.value, Outcome.NOT_ATTENDED_OOC.value, Outcome.NOT_ATTENDED_PREVENTION.value}

# Appendix B's headings as the vocabulary names them (document.submitted `fields`), in the form's order; the check
# notts_compliance_report_fields needs every one.
HEADINGS = ("name", "capita_number", "appointments_given", "appointments_kept", "acceptable_failures",
            "unacceptable_failures", "non_compliance_details", "unacceptable_behaviour")

# What the case record cannot fill in yet: the worker adds it when marking the report ready, or it is stood in for.
NOT_HELD = (
    "CAPITA number: Waypoint does not hold it, so you enter it when you mark the report ready.",
    "Details of any unacceptable behaviour: Waypoint does not record behaviour yet, so you enter them when you mark "
    "the report ready.",
    "Nature of requirement: an appointment is not tied to one of the order's requirements, so its type is shown.",
)

_LETTERS = {"first_warning": "First warning letter sent", "second_warning": "Second warning letter sent",
            "breach": "Breach letter sent"}
ACTION_EVENT_TYPES = ("letter.sent", "breach.initiated", "contact.made", "contact.attempted", "home-visit.completed",
                      "home-visit.unsuccessful")


@dataclass(frozen=True)
class FailureRow:
    """One row of "Details of non-compliance"."""

    starts_at: dt.datetime
    requirement: str
    outcome: str
    outcome_label: str
    acceptable: bool
    explanation: str
    actions: tuple[str, ...]
    replaced: tuple[str, ...] = ()

    @property
    def date_text(self) -> str:
        return govuk_date(timezone.localtime(self.starts_at).date())

    def as_data(self) -> dict[str, Any]:
        return {"date": timezone.localtime(self.starts_at).date().isoformat(), "requirement": self.requirement,
                "outcome": self.outcome, "outcome_label": self.outcome_label, "explanation": self.explanation,
                "actions": list(self.actions), "replaced": list(self.replaced)}


@dataclass
class ComplianceReport:
    """Appendix B filled in for one case over one period."""

    period_from: dt.date
    period_to: dt.date
    given: int = 0
    kept: int = 0
    acceptable: int = 0
    unacceptable: int = 0
    not_recorded: int = 0
    details: list[FailureRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {"appointments_given": self.given, "appointments_kept": self.kept,
                "acceptable_failures": self.acceptable, "unacceptable_failures": self.unacceptable}


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _explanation(outcome) -> str:
    parts = []
    if outcome.notes:
        notes = outcome.notes.strip()
        parts.append(notes if notes.endswith((".", "!", "?")) else f"{notes}.")
    if outcome.evidence_kind:
        parts.append(f"Written evidence: {outcome.get_evidence_kind_display().lower()}, received "
                     f"{govuk_date(outcome.evidence_received_on)}.")
    return " ".join(parts) if parts else "None given"


def _action_text(event) -> str | None:
    data = event.effective_data if hasattr(event, "effective_data") else event.data
    when = govuk_date(_local_day(event.occurred_at))
    if event.type == "letter.sent" and data.get("type") in _LETTERS:
        return f"{_LETTERS[data['type']]} on {when}"
    if event.type == "breach.initiated":
        return f"Breach started on {when}"
    if data.get("topic") == "absence_follow_up":
        return f"Absence followed up ({event.type.split('.')[0].replace('-', ' ')}) on {when}"
    return None


def compliance_report(*, appointments: Iterable, period_from: dt.date, period_to: dt.date, as_of: dt.datetime,
                      action_events: Iterable = ()) -> ComplianceReport:
    """Count the appointments of the period by their outcome in force and list each failure.

    `appointments` have `starts_at`, `get_kind_display()` and `outcome_list()` (oldest first); `action_events` are
    the case's chronology events that can be an action taken (see ACTION_EVENT_TYPES), voided ones left out.
    """
    report = ComplianceReport(period_from=period_from, period_to=period_to)
    in_period = sorted((a for a in appointments
                        if period_from <= _local_day(a.starts_at) <= period_to and a.starts_at <= as_of),
                       key=lambda a: (a.starts_at, a.pk or 0))
    failures = []
    for appointment in in_period:
        report.given += 1
        outcomes = appointment.outcome_list()
        if not outcomes:
            report.not_recorded += 1
            continue
        in_force = outcomes[-1]
        if in_force.outcome in KEPT:
            report.kept += 1
            continue
        acceptable = in_force.outcome in ACCEPTABLE
        if acceptable:
            report.acceptable += 1
        else:
            report.unacceptable += 1
        failures.append((appointment, outcomes))
    events = sorted((e for e in action_events if _action_text(e)), key=lambda e: (e.occurred_at, e.pk or 0))
    for index, (appointment, outcomes) in enumerate(failures):
        in_force = outcomes[-1]
        until = failures[index + 1][0].starts_at if index + 1 < len(failures) else None
        actions = []
        if in_force.verbal_warning:
            actions.append(f"Verbal warning given: {in_force.verbal_warning_rationale}")
        actions += [_action_text(e) for e in events
                    if e.occurred_at >= appointment.starts_at and (until is None or e.occurred_at < until)]
        replaced = tuple(f"Recorded as “{row.get_outcome_display()}” on {govuk_datetime(row.recorded_at)}"
                         for row in outcomes[:-1] if row.outcome != in_force.outcome)
        report.details.append(FailureRow(
            starts_at=appointment.starts_at, requirement=appointment.get_kind_display(),
            outcome=in_force.outcome, outcome_label=in_force.get_outcome_display(),
            acceptable=in_force.outcome in ACCEPTABLE, explanation=_explanation(in_force),
            actions=tuple(actions) or ("None recorded",), replaced=replaced,
        ))
    return report
