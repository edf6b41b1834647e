"""Reads for the ladders: where a case is on its programme's compliance ladder, the next step and when it is due.

The steps are the packs' own rules, in the guidance's order; their dates and statuses are the case's stored
obligations (waypoint/obligations), never worked out here. What this module adds is the count the ladder turns on
(unacceptable failures on a court order; missed sessions on a voluntary programme), the stage that count reaches,
and, for each step, the letter it needs (by the letters page's type) and the action that records it.

- Youth Rehabilitation Order (Wokingham 002, "Failures to Comply and Non-engagement"): follow-up within 1 working
  day; first warning letter with the next appointment; second warning with a compliance meeting with a manager
  within 10 days; third: breach letter and breach started within 5 days; listed in court within 2 weeks; breach
  report QA'd.
- Community Resolution and Prevention (000 and 001, "NON-ENGAGEMENT"): first miss (explore, make up, next within a
  week); two consecutive or three alternate misses (home visit discussion); engagement refused (closure request
  within 3 working days); further misses after agreeing to continue; the no contact route; declined; the closure
  letters after a closure is agreed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from waypoint.appointments.models import Appointment, AppointmentOutcome, Outcome
from waypoint.cases.models import Case, Event
from waypoint.cases.selectors import case_open_breach
from waypoint.obligations.models import Obligation

VOLUNTARY_PROGRAMMES = frozenset({"community_resolution", "prevention"})

LETTER_WORDS = {
    "first_warning": "first warning letter",
    "second_warning": "second warning letter",
    "breach": "breach letter",
    "prevention_initial_contact_final_attempt": "Prevention Initial Contact Final Attempt letter",
    "home_visit_final_shout": "home visit final shout letter",
    "closure_no_contact": "Closure No Contact letter",
    "closure_disengagement": "closure disengagement letter",
    "service_declined": "closure/service declined letter",
}


@dataclass(frozen=True)
class StepSpec:
    """One step of a ladder: its title, the rules whose obligations it is, and the letter and action it needs."""

    key: str
    title: str
    rules: tuple[str, ...]
    letter: str = ""
    action: str = ""  # a URL name taking case_id, with the query string below
    action_query: str = ""
    action_text: str = ""


YRO_STEPS = (
    StepSpec("follow-up", "Follow up each missed appointment by phone or home visit within 1 working day",
             ("wok.yro.ftc.follow-up-1wd",)),
    StepSpec("first-warning", "First unacceptable failure: first warning letter, with the next appointment",
             ("wok.yro.ftc.first-warning",), letter="first_warning", action="ladder-warning",
             action_query="level=first", action_text="Record the first warning"),
    StepSpec("explore", "Explore the non-compliance with the child after each warning",
             ("wok.yro.ftc.explore-noncompliance",)),
    StepSpec("second-warning", "Second unacceptable failure: second warning letter, with the compliance meeting",
             ("wok.yro.ftc.second-warning",), letter="second_warning", action="ladder-warning",
             action_query="level=second", action_text="Record the second warning"),
    StepSpec("compliance-meeting", "Compliance meeting with a manager within 10 days of the second failure",
             ("wok.yro.ftc.compliance-meeting-10d", "wok.yro.ftc.compliance-meeting-content"),
             action="ladder-compliance-meeting", action_text="Record the compliance meeting"),
    StepSpec("breach", "Third unacceptable failure: breach letter and breach started within 5 days",
             ("wok.yro.ftc.breach-5d",), letter="breach", action="ladder-breach", action_text="Start breach"),
    StepSpec("listed", "Breach listed in court within 2 weeks", ("wok.yro.ftc.breach-listed-2wk",),
             action="ladder-breach-listing", action_text="Record the court listing"),
    StepSpec("report-qa", "Breach report quality-assured before the hearing", ("wok.yro.ftc.breach-report-qa",)),
)


def _voluntary_steps(p: str) -> tuple[StepSpec, ...]:
    prevention = p == "wok.prev"
    # The no contact route: a letter through the door at the failed visit offering an office appointment, then,
    # if that is not kept, the closure request.
    no_contact = ((f"{p}.closure-no-contact.final-attempt-letter",) if prevention else (
        f"{p}.first-appointment.no-answer-letter",)) + (f"{p}.closure-no-contact.request-3wd",)
    return (
        StepSpec("first-miss", "First unexplained miss: explore it, offer to make up the session, next appointment "
                 "within a week",
                 (f"{p}.missed.first", f"{p}.missed.make-up-offer") + (
                     (f"{p}.missed.next-within-week",) if prevention else ())),
        StepSpec("second-stage", "Two consecutive or three alternate misses: discuss engagement at a home visit",
                 (f"{p}.missed.second-stage",)),
        StepSpec("refused", "Engagement refused: closure request to the line manager within 3 working days",
                 (f"{p}.closure-disengagement.request-3wd",), action="ladder-engagement-refused",
                 action_text="Record that engagement was refused"),
        StepSpec("further-misses", "Further misses after agreeing to continue: discuss and request closure",
                 (f"{p}.closure-disengagement.further-misses",)),
        StepSpec("no-contact", "No contact: final attempt, then a closure request within 3 working days",
                 no_contact,
                 letter="prevention_initial_contact_final_attempt" if prevention else "home_visit_final_shout"),
        StepSpec("declined", "Service declined: record it and discuss closure with the line manager",
                 (f"{p}.closure-declined.discuss",), action="ladder-declined",
                 action_text="Record that the service was declined"),
        StepSpec("closure-letter-no-contact", "Closure agreed (no contact): Closure No Contact letter",
                 (f"{p}.closure-no-contact.letter" if prevention else f"{p}.closure-no-contact.letter-5wd",),
                 letter="closure_no_contact"),
        StepSpec("closure-letter-disengagement", "Closure agreed (disengagement): closure disengagement letter "
                 "within 5 working days", (f"{p}.closure-disengagement.letter-5wd",), letter="closure_disengagement"),
        StepSpec("closure-letter-declined", "Closure agreed (declined): service declined letter within 5 working days",
                 (f"{p}.closure-declined.letter-5wd",), letter="service_declined"),
    )


LADDERS = {
    "yro": ("Youth Rehabilitation Order compliance ladder", YRO_STEPS),
    "community_resolution": ("Community Resolution non-engagement ladder", _voluntary_steps("wok.cr")),
    "prevention": ("Prevention non-engagement ladder", _voluntary_steps("wok.prev")),
}


@dataclass
class StepItem:
    """One obligation of a step, as the ladder shows it."""

    obligation: Obligation
    reading: str  # open, overdue, met, met_late, waived, not_applicable


@dataclass
class LadderStep:
    spec: StepSpec
    items: list[StepItem] = field(default_factory=list)
    letter_url: str | None = None
    action_url: str | None = None

    @property
    def reached(self) -> bool:
        return bool(self.items)

    @property
    def letter_words(self) -> str:
        return LETTER_WORDS.get(self.spec.letter, "")

    @property
    def open_items(self) -> list[StepItem]:
        return [item for item in self.items if item.reading in ("open", Obligation.OVERDUE)]


@dataclass
class Ladder:
    """Where a case is on its ladder: the count it turns on, the stage, every step in order, and the next step."""

    title: str
    count_label: str
    count: int
    stage: str
    steps: list[LadderStep]
    next_step: LadderStep | None
    next_item: StepItem | None
    breach_open: bool


def _unacceptable(appointment: Appointment) -> bool:
    outcome = appointment.outcome_in_force
    return outcome is not None and outcome.outcome == Outcome.UNACCEPTABLE


def _appointments(case: Case) -> list[Appointment]:
    return list(
        Appointment.objects.filter(case=case)
        .prefetch_related(Prefetch("outcomes", queryset=AppointmentOutcome.objects.order_by("recorded_at", "id"),
                                   to_attr="outcomes_in_order"))
        .order_by("starts_at", "id")
    )


def unacceptable_failures(case: Case) -> list[Appointment]:
    """The case's appointments whose outcome in force is an unacceptable absence, earliest first."""
    return [a for a in _appointments(case) if _unacceptable(a)]


def missed_sessions(case: Case) -> list[Appointment]:
    """The case's appointments whose outcome in force is a miss of any kind, earliest first."""
    return [a for a in _appointments(case) if a.outcome_in_force is not None and a.outcome_in_force.is_miss]


def warnings_given(case: Case) -> set[str]:
    """The formal warning levels recorded on the case (`warning.issued{level}`, in force)."""
    events = Event.objects.filter(case=case, type="warning.issued").prefetch_related("voided_by", "amended_by")
    return {str(e.effective_data.get("level")) for e in events if not e.is_voided}


def _url(name: str, case: Case, query: str = "") -> str | None:
    try:
        url = reverse(name, kwargs={"case_id": case.pk})
    except NoReverseMatch:  # the letters page arrives with waypoint/documents
        return None
    return f"{url}?{query}" if query else url


_YRO_STAGES = ("No unacceptable failures to attend", "First warning stage (1 unacceptable failure)",
               "Second warning stage (2 unacceptable failures)")


def case_ladder(*, case: Case, today: dt.date) -> Ladder | None:
    """The case's ladder, or None for a programme without one."""
    if case.programme not in LADDERS:
        return None
    title, specs = LADDERS[case.programme]
    rules = {rule for spec in specs for rule in spec.rules}
    by_rule: dict[str, list[Obligation]] = {}
    for obligation in Obligation.objects.filter(case=case, rule__in=rules).order_by("trigger_at", "due", "id"):
        by_rule.setdefault(obligation.rule, []).append(obligation)
    steps = []
    for spec in specs:
        items = [StepItem(o, o.reading(today)) for rule in spec.rules for o in by_rule.get(rule, [])]
        items.sort(key=lambda item: (item.obligation.trigger_at, spec.rules.index(item.obligation.rule)))
        step = LadderStep(spec, items)
        # An action is offered while its step waits for it; a refusal or a decline can be recorded at any time.
        if case.is_open and spec.action and (step.open_items or spec.key in ("refused", "declined")):
            step.action_url = _url(spec.action, case, spec.action_query)
        if spec.letter:  # closure letters follow closure, so the link stays on a closed case
            step.letter_url = _url("letter-new", case, f"type={spec.letter}")
        steps.append(step)
    open_items = [(step, item) for step in steps for item in step.open_items]
    # The next step is the most pressing open one: overdue or due soonest; a step with no due date comes last.
    open_items.sort(key=lambda pair: (pair[1].obligation.due is None, pair[1].obligation.due or dt.date.max))
    next_step, next_item = open_items[0] if open_items else (None, None)
    breach_open = False
    if case.programme == "yro":
        count = len(unacceptable_failures(case))
        breach_open = case_open_breach(case) is not None
        stage = _YRO_STAGES[count] if count < 3 else f"Breach stage ({count} unacceptable failures)"
        if breach_open:
            stage += ": breach proceedings open"
        label = "Unacceptable failures to attend"
    else:
        count = len(missed_sessions(case))
        reached = [step for step in steps if step.reached]
        stage = reached[-1].spec.title.split(":")[0] if reached else "No missed sessions"
        label = "Missed sessions"
    return Ladder(title, label, count, stage, steps, next_step, next_item, breach_open)


@dataclass
class CaseCard:
    """What the case page's ladder and closure cards show: the ladder (if the programme has one), the latest
    closure request, and which closure actions the viewer may take."""

    ladder: Ladder | None
    closure_request: object | None
    can_request_closure: bool
    can_decide_closure: bool
    can_close: bool
    can_see_closure_requests: bool
    breach_outcome_url: str | None
    exit_interview_url: str | None
    exit_interview_label: str = "Record the exit interview"


def case_card(*, case: Case, staff, today: dt.date) -> CaseCard:
    from waypoint.cases.selectors import COURT_ORDER_PROGRAMMES, case_exit_interview_held, closure_request_current
    from waypoint.meetings.selectors import booked_exit_interview

    exit_url, exit_label = None, "Record the exit interview"
    if case.programme in COURT_ORDER_PROGRAMMES and case.is_open and not case_exit_interview_held(case):
        booked = booked_exit_interview(case)
        # An exit interview booked on the case's meetings is recorded held there, with its closure document.
        exit_url, exit_label = ((reverse("meeting-detail", kwargs={"meeting_id": booked.pk}), "Go to the exit interview")
                                if booked else (_url("exit-interview-new", case), exit_label))
    ladder = case_ladder(case=case, today=today)
    current = closure_request_current(case)
    decider = staff.is_manager or staff.role == staff.Role.ADVANCED_PRACTITIONER
    pending = case.status == Case.Status.CLOSURE_REQUESTED and current is not None and current.is_pending
    return CaseCard(
        ladder=ladder,
        closure_request=current,
        can_request_closure=case.status == Case.Status.OPEN,
        can_decide_closure=decider and pending,
        can_close=decider and case.status != Case.Status.CLOSED and not pending,
        can_see_closure_requests=decider,
        breach_outcome_url=_url("ladder-breach-outcome", case) if ladder and ladder.breach_open else None,
        exit_interview_url=exit_url,
        exit_interview_label=exit_label,
    )
