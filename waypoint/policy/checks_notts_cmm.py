"""Checks, trigger predicates and conditions for the Nottinghamshire Case Management and Supervision Policy (003).

The packs are waypoint/packs/nottinghamshire/{case-management-meetings,supervision,oocd,my-future}.yaml (catalogue
§2.4). Forms list the sections they hold in `fields` (vocabulary FORM_FIELDS); the lists below are the templates'
headings, in the document's order.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from waypoint.policy.calendar import add_months
from waypoint.policy.due import long_date
from waypoint.policy.events import Event, parse_day, parse_pattern, parse_when, values_of
from waypoint.policy.registry import check, condition, trigger

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context

CMM_PURPOSES = ("rosh_saw_review", "bail_strategy", "reoffending_review", "iss_review", "compliance",
                "release_from_custody_review", "significant_event")

# Appendix A, Case Management Meeting (CMM) Record.
CMM_RECORD = ("reason", "date", "name", "capita_number", "attendees", "apologies", "previous_actions", "rosh",
              "saw", "lor", "intervention_plan_progress", "new_incidents", "diversity", "other_agencies",
              "child_parent_views", "agreed_rosh", "agreed_saw", "agreed_lor", "protective_factors",
              "agreed_actions", "next_meeting")
# Appendix B, Compliance Report for Case Management Meeting.
COMPLIANCE_REPORT = ("name", "capita_number", "appointments_given", "appointments_kept", "acceptable_failures",
                     "unacceptable_failures", "non_compliance_details", "unacceptable_behaviour")
COMPLIANCE_COUNTS = ("appointments_given", "appointments_kept", "acceptable_failures", "unacceptable_failures")
# Appendix C (untitled in the text), Youth Justice Service Record of Supervision.
RECORD_OF_SUPERVISION = ("name", "date", "method", "agenda_wellbeing", "agenda_matters_arising",
                         "agenda_cases_discussed", "agenda_performance", "agenda_training",
                         "agenda_relationships", "agenda_policies", "agenda_aob", "discussion_notes",
                         "next_supervision")
# Appendix D, YJS Case Discussion Record.
CASE_DISCUSSION = ("date", "initials", "capita_number", "manager", "worker", "previous_actions", "identity",
                   "new_concerns", "successful_outcome", "multi_agency_plan", "worker_feelings", "learning",
                   "outstanding_actions", "other_comments", "agreed_actions")
# 3.5 and 5.3: what an OOCD and a My Future supervision include.
OOCD_SUPERVISION = ("disposal_delivered", "action_plan", "interventions", "new_issues", "risk_levels",
                    "exit_planning")
MY_FUTURE_SUPERVISION = ("interventions", "new_issues", "risk_levels", "exit_planning")

# Patterns are compiled once and kept: History.matching caches by the pattern object's identity.
_P = functools.lru_cache(maxsize=None)(parse_pattern)
CMM_SCHEDULED_OR_HELD = (_P("meeting.scheduled{type=cmm}"), _P("meeting.held{type=cmm}"))
UNACCEPTABLE_FAILURE = (_P("appointment.outcome-recorded{outcome=unacceptable}"),
                        _P("unacceptable-behaviour.recorded"))
REVIEW_MEETINGS = (_P("meeting.held{type=cmm, purpose=rosh_saw_review}"), _P("meeting.held{type=csc_mam}"))
CASE_START = (_P("case.allocated"), _P("order.started"))
ANY_CMM_HELD = _P("meeting.held{type=cmm}")
SIGNIFICANT = (_P("significant-event.occurred"), _P("serious-incident.became-known"),
               _P("risk.change-identified"))
ASSETPLUS_REVIEW = _P("assessment.completed{type=assetplus_review}")
REVIEW_WEEKS = 11
SUPERVISION_WEEKS = 6
VERY_HIGH_RATING = _P("risk.level-assessed{dimension=rosh/lor/saw, level=very_high}")
RECORD_OF_SUPERVISION_DONE = _P("document.completed{type=record_of_supervision}")


def _matching(ctx: Context, patterns: Iterable) -> list[Event]:
    found = {event.id: event for pattern in patterns for event in ctx.history.matching(pattern)}
    return sorted(found.values(), key=lambda event: (event.at, event.id))


def _missing_fields(ctx: Context, pattern: str, required: tuple[str, ...], what: str) -> Iterator[str]:
    for event in ctx.history.matching(_P(pattern)):
        held = values_of(event, "fields")
        missing = [name for name in required if name not in held]
        if missing:
            yield (f"The {what} of {long_date(event.day)} lacks {', '.join(name.replace('_', ' ') for name in missing)} "
                   f"(the guidance's template).")


# --- Case Management Meetings ---------------------------------------------------------------------------------

@check("notts_cmm_purpose")
def notts_cmm_purpose(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.cmm.types: every CMM records its purpose, one of the seven meetings CMMs replace (003 §1.1)."""
    for event in _matching(ctx, CMM_SCHEDULED_OR_HELD):
        purposes = values_of(event, "purpose")
        if not purposes & set(CMM_PURPOSES):
            verb = "scheduled" if event.type == "meeting.scheduled" else "held"
            yield (f"The CMM {verb} on {long_date(event.day)} records no purpose (one of "
                   f"{', '.join(CMM_PURPOSES)}: the meetings CMMs replace, per the guidance).")


@trigger("notts_compliance_failures")
def notts_compliance_failures(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.cmm.compliance.*: the unacceptable failures to attend or behaviours that start the 10-working-day
    clocks, day 0 being the failure's own date. Option compliance_clock_failures: every one (default) or only the
    first."""
    failures = sorted(_matching(ctx, UNACCEPTABLE_FAILURE), key=lambda event: (event.day, event.at, event.id))
    if ctx.options.get("compliance_clock_failures") == "first_unacceptable_failure":
        return failures[:1]
    return failures


@check("notts_cic_breach_rationale")
def notts_cic_breach_rationale(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.cmm.compliance.cic-presumption: for a child in care a compliance CMM starts from a presumption against
    breach, so each breach decision after it needs a recorded rationale (record.entered{kind=rationale}) dated from
    the CMM to the decision. Option cic_rationale_for: every_breach_decision (default) or breach_initiated (only a
    breach.initiated after the CMM needs the rationale, dated from the CMM to the initiation)."""
    if ctx.case.child.get("looked_after") is not True:
        return
    initiated_only = ctx.options.get("cic_rationale_for") == "breach_initiated"
    meetings = ctx.history.matching(_P("meeting.held{type=cmm, purpose=compliance}"))
    rationales = ctx.history.matching(_P("record.entered{kind=rationale}"))
    steps = ctx.history.of("breach.initiated" if initiated_only else "breach.decision-made")
    what = "breach initiated on" if initiated_only else "breach decision of"
    for decision in steps:
        earlier = [meeting for meeting in meetings if meeting.day <= decision.day]
        if not earlier:
            continue
        since = earlier[-1].day
        if not any(since <= note.day <= decision.day for note in rationales):
            yield (f"The {what} {long_date(decision.day)} for a child in care records no rationale "
                   f"addressing the presumption against breach (the guidance, Appendix A).")


@condition("notts_reoffending_sentence_without_psr")
def notts_reoffending_sentence_without_psr(ctx: Context, event: Event | None, day: date) -> bool:
    """A sentence (a new order) for a child already open to the service, with no PSR requested for it: the case
    started (allocation or order) before the sentence, and no psr.requested since the previous sentence."""
    if event is None:
        return False
    earlier_start = [item for item in _matching(ctx, CASE_START) if item.day < event.day]
    if not earlier_start:
        return False
    previous = [item.at for item in ctx.history.of("court.sentenced") if item.at < event.at]
    since = max(previous) if previous else None
    return not any((since is None or psr.at > since) and psr.at <= event.at for psr in ctx.history.of("psr.requested"))


def _meeting_day(event: Event | None, day: date) -> date:
    if event is not None and event.type == "meeting.scheduled" and event.get("starts_at"):
        return parse_when(event.get("starts_at")).date()
    return event.day if event is not None else day


@condition("notts_in_review_window")
def notts_in_review_window(ctx: Context, event: Event | None, day: date) -> bool:
    """A CSC meeting falls within the 11-week review window (003 §1.4): its date is on or before the date the next
    11-weekly RoSH/SaW review falls due, counted from the later of the assessment that set RoSH or SaW at Medium or
    above and the last review CMM or CSC MAM before the meeting."""
    if event is None:
        return True  # a check's own gate (run on as_of): the check filters its meetings itself
    meeting_day = _meeting_day(event, day)
    start = None
    for assessed in ctx.history.of("risk.level-assessed"):
        if assessed.day > meeting_day:
            break
        level = ctx.lookup("risk.rosh_or_saw", None, assessed.day)
        if level in ("medium", "high", "very_high"):
            start = start or assessed.day
        else:
            start = None
    if start is None:
        return False
    if ctx.options.get("csc_review_window") == "until_review_held":
        return True
    if ctx.options.get("rosh_saw_review_clock") == "assetplus_update":
        anchor = _review_anchor_after_assetplus(ctx, event, start, meeting_day)
    else:
        reviews = [item.day for item in _matching(ctx, REVIEW_MEETINGS)
                   if start <= item.day < meeting_day and (event is None or item.id != event.id)]
        anchor = max(reviews) if reviews else start
    return (meeting_day - anchor).days <= 7 * REVIEW_WEEKS


def _review_anchor_after_assetplus(ctx: Context, event: Event, start: date, meeting_day: date) -> date:
    """Option rosh_saw_review_clock assetplus_update, as notts.cmm.rosh-saw.11-weekly counts it: a review is complete
    when both a review meeting (a review CMM or a CSC MAM) and an AssetPlus update have followed the previous one,
    and the 11 weeks run from the last review completed before the meeting's date, or from the Medium+ assessment."""
    meetings = [item for item in _matching(ctx, REVIEW_MEETINGS) if item.id != event.id]
    updates = ctx.history.matching(ASSETPLUS_REVIEW)
    anchor_day, anchor_key = start, None

    def first_after(items: list[Event]) -> Event | None:
        return next((item for item in items if (item.day >= start if anchor_key is None
                                                 else (item.at, item.type, item.id) > anchor_key)), None)

    while True:
        meeting, update = first_after(meetings), first_after(updates)
        if meeting is None or update is None:
            return anchor_day
        done = max(meeting, update, key=lambda item: (item.at, item.type, item.id))
        if done.day >= meeting_day:
            return anchor_day
        anchor_day, anchor_key = done.day, (done.at, done.type, done.id)


@condition("notts_csc_saw_branch")
def notts_csc_saw_branch(ctx: Context, event: Event | None, day: date) -> bool:
    """The Low RoSH, Medium+ SaW branch of 003 §1.4: on the meeting's date RoSH is Low and SaW Medium or above, and
    the meeting falls inside the review window. With no event (a check's own gate, run on as_of) it holds: the
    check picks its meetings itself."""
    if event is None:
        return True
    meeting_day = _meeting_day(event, day)
    return (ctx.risk_at("rosh", meeting_day) == "low"
            and ctx.risk_at("saw", meeting_day) in ("medium", "high", "very_high")
            and notts_in_review_window(ctx, event, day))


def _csc_mams_in_branch(ctx: Context, branch: str) -> list[Event]:
    found = []
    for meeting in ctx.history.matching(_P("meeting.held{type=csc_mam}")):
        rosh = ctx.risk_at("rosh", meeting.day)
        saw = ctx.risk_at("saw", meeting.day)
        if not notts_in_review_window(ctx, meeting, meeting.day):
            continue
        if branch == "rosh" and rosh in ("medium", "high", "very_high"):
            found.append(meeting)
        if branch == "saw" and rosh == "low" and saw in ("medium", "high", "very_high"):
            found.append(meeting)
    return found


@check("notts_csc_rosh_family_present")
def notts_csc_rosh_family_present(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.cmm.csc-rosh.family-present: a CSC MAM standing in for a Medium+ RoSH review discusses RoSH with the
    child and parent/carer present (003 §1.4)."""
    for meeting in _csc_mams_in_branch(ctx, "rosh"):
        absent = [who for who in ("child", "parent_carer") if who not in values_of(meeting, "attendees")]
        if absent:
            yield (f"The CSC MAM of {long_date(meeting.day)} stood in for a RoSH review without "
                   f"{' and '.join(who.replace('_', '/') for who in absent)} present (the guidance, 1.4).")


@check("notts_csc_saw_cm_attends")
def notts_csc_saw_cm_attends(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.cmm.csc-saw.attend-record: the CM attends a CSC MAM standing in for a SaW review (003 §1.4)."""
    for meeting in _csc_mams_in_branch(ctx, "saw"):
        if "cm" not in values_of(meeting, "attendees"):
            yield (f"The CSC MAM of {long_date(meeting.day)} stood in for a SaW review without the case manager "
                   f"attending (the guidance, 1.4).")


@check("notts_cmm_record_fields")
def notts_cmm_record_fields(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.cmm.record-template: a CMM Record holds every heading of Appendix A."""
    yield from _missing_fields(ctx, "document.completed{type=cmm_record}", CMM_RECORD, "CMM Record")


def _counts_derivable(ctx: Context, report: Event) -> bool:
    """Whether the compliance report's counts can be derived from the appointments' outcomes in force: every
    appointment that started before the report was kept (no missed record) or has an outcome recorded."""
    for info in ctx.history.appointments.values():
        starts = info.get("starts_at")
        missed = info.get("missed")
        moment = starts or (missed.at if missed else None)
        if moment is None or moment >= report.at:
            continue
        if missed is not None and not info.get("outcome"):
            return False
    return True


@check("notts_compliance_report_fields")
def notts_compliance_report_fields(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.cmm.compliance-report-template: a compliance report holds every heading of Appendix B. Option
    compliance_report_counts: derived_from_outcomes (default: the four counts need not be listed while every
    missed appointment before the report has an outcome in force, from which they are derived) or
    entered_on_report (the report lists them)."""
    entered = ctx.options.get("compliance_report_counts") == "entered_on_report"
    for event in ctx.history.matching(_P("document.submitted{type=compliance_report}")):
        held = values_of(event, "fields")
        required = COMPLIANCE_REPORT
        if not entered and _counts_derivable(ctx, event):
            required = tuple(name for name in COMPLIANCE_REPORT if name not in COMPLIANCE_COUNTS)
        missing = [name for name in required if name not in held]
        if missing:
            yield (f"The compliance report of {long_date(event.day)} lacks "
                   f"{', '.join(name.replace('_', ' ') for name in missing)} (the guidance's template).")


# --- Supervision ----------------------------------------------------------------------------------------------

@condition("notts_held_in_locality_team")
def notts_held_in_locality_team(ctx: Context, event: Event | None, day: date) -> bool:
    """The case is held in a locality team: its lead allocation in force that day is not to an Intervention
    Worker (a My Future case held in the Intervention team is supervised by the Locality AP, 003 §5)."""
    held = [item for item in ctx.history.matching(_P("case.allocated")) + ctx.history.matching(_P("case.reallocated"))
            if item.day <= day]
    if not held:
        return False
    held.sort(key=lambda item: (item.at, item.id))
    return str(held[-1].get("role") or "") != "intervention_worker"


@condition("notts_cmm_within_last_month")
def notts_cmm_within_last_month(ctx: Context, event: Event | None, day: date) -> bool:
    """The case was discussed at a CMM within the last month (one calendar month before the supervision date, §1.2)
    and no significant event, serious incident or change of risk has been recorded since that CMM."""
    since = add_months(day, -1)
    meetings = [item for item in ctx.history.matching(ANY_CMM_HELD) if since <= item.day <= day]
    if not meetings:
        return False
    last = max(item.day for item in meetings)
    return not any(last < item.day <= day for item in _matching(ctx, SIGNIFICANT))


@condition("notts_assessment_pending")
def notts_assessment_pending(ctx: Context, event: Event | None, day: date) -> bool:
    """A newly allocated case whose assessment has not yet been completed and quality assured by that day."""
    starts = [item.day for item in ctx.history.matching(_P("case.allocated")) if item.day <= day]
    if not starts:
        return False
    since = max(starts)
    completed = any(since <= item.day <= day for item in ctx.history.of("assessment.completed"))
    assured = any(since <= item.day <= day for item in ctx.history.of("assessment.qa-completed"))
    return not (completed and assured)


@check("notts_case_discussion_fields")
def notts_case_discussion_fields(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.sup.case-discussion-template: a Case Discussion Record holds every heading of Appendix D."""
    yield from _missing_fields(ctx, "record.entered{topic=case_discussion}", CASE_DISCUSSION,
                               "Case Discussion Record")


@check("notts_record_of_supervision_fields")
def notts_record_of_supervision_fields(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.sup.record-of-supervision: a Record of Supervision holds every heading of Appendix C. Option
    next_supervision_limit: six_weeks (default: the next supervision it sets, its review_date, is no more than 42
    days after the supervision it records: the latest staff supervision on or before it, else the record's own
    date) or any_date."""
    yield from _missing_fields(ctx, "document.completed{type=record_of_supervision}", RECORD_OF_SUPERVISION,
                               "Record of Supervision")
    if ctx.options.get("next_supervision_limit") == "any_date":
        return
    sessions = ctx.history.of("staff-supervision.held")
    for record in ctx.history.matching(RECORD_OF_SUPERVISION_DONE):
        if not record.get("review_date"):
            continue
        held = [session for session in sessions if session.day <= record.day]
        session_day = held[-1].day if held else record.day
        next_day = parse_day(record.get("review_date"))
        if (next_day - session_day).days > 7 * SUPERVISION_WEEKS:
            yield (f"The Record of Supervision of {long_date(record.day)} sets the next supervision for "
                   f"{long_date(next_day)}, more than 6 weeks after the supervision of {long_date(session_day)} "
                   f"(the guidance, 4.1).")


@condition("notts_discussed_in_last_six_weeks")
def notts_discussed_in_last_six_weeks(ctx: Context, event: Event | None, day: date) -> bool:
    """Option case_discussion_at every_six_weeks: the case was discussed in supervision (case-supervision.held) before
    this supervision and fewer than 42 days before its date, so skipping it here keeps the gap within 6 weeks."""
    if event is None:
        return False
    return any(item.at < event.at and (day - item.day).days < 7 * SUPERVISION_WEEKS
               for item in ctx.history.of("case-supervision.held"))


@trigger("notts_very_high_supervision_due")
def notts_very_high_supervision_due(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.sup.very-high-active: active supervision "over and above the standard 6 weekly sessions" (003 §4.2)
    while RoSH, LoR or SaW is Very High. Each Very High rating; and, with option very_high_active_supervision
    between_every_session (default), each staff supervision held while the level is Very High after which no case
    supervision came (at a later time) before the next session, or by now if there is none yet, the level being
    still Very High then."""
    found = list(ctx.history.matching(VERY_HIGH_RATING))
    if ctx.options.get("very_high_active_supervision") == "once_after_rating":
        return found
    sessions = ctx.history.of("staff-supervision.held")
    cases = ctx.history.of("case-supervision.held")
    for index, session in enumerate(sessions):
        following = sessions[index + 1] if index + 1 < len(sessions) else None
        until_day = following.day if following is not None else ctx.as_of
        if ctx.lookup("risk.highest", None, session.day) != "very_high":
            continue
        if ctx.lookup("risk.highest", None, until_day) != "very_high":
            continue
        if any(session.at < item.at and (following is None or item.at < following.at) for item in cases):
            continue
        found.append(session)
    return found


# --- OOCD and My Future -------------------------------------------------------------------------------------

@check("notts_oocd_supervision_content")
def notts_oocd_supervision_content(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.oocd.supervision-content: an OOCD supervision includes the six items of 003 §3.5."""
    yield from _missing_fields(ctx, "case-supervision.held{programme=oocd}", OOCD_SUPERVISION, "OOCD supervision")


@check("notts_my_future_supervision_content")
def notts_my_future_supervision_content(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.myfuture.supervision-content: a My Future supervision includes the four items of 003 §5.3."""
    yield from _missing_fields(ctx, "case-supervision.held{programme=my_future}", MY_FUTURE_SUPERVISION,
                               "My Future supervision")


def _closed_without(ctx: Context, evidence: str, what: str) -> Iterator[str]:
    done = ctx.history.matching(_P(evidence))
    for closed in ctx.history.of("case.closed"):
        if not any(item.at < closed.at for item in done):
            yield f"The case was closed on {long_date(closed.day)} before {what} (the guidance)."


@check("notts_oocd_closed_after_checks")
def notts_oocd_closed_after_checks(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.oocd.closure-checks: an OOCD case is closed only after the AP's closure checks (003 §3.4)."""
    yield from _closed_without(ctx, "closure-checks.completed{by=ap}", "the AP's closure checks")


@check("notts_my_future_closed_after_agreement")
def notts_my_future_closed_after_agreement(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.myfuture.closure: a My Future case is closed only once the Locality AP has agreed closure (003 §5.2)."""
    yield from _closed_without(ctx, "closure.agreed{by=ap}", "the Locality AP agreed closure")


@trigger("notts_my_future_commencement")
def notts_my_future_commencement(ctx: Context, rule: CompiledRule) -> list[Event]:
    """notts.myfuture.supervision-6wk: the commencement of the My Future intervention. Option
    my_future_commencement: intervention_start (default: programme.accepted{type=my_future}, else the first
    session delivered) or allocation (the My Future allocation)."""
    if ctx.options.get("my_future_commencement") == "allocation":
        allocations = ctx.history.matching(_P("case.allocated{programme=my_future}"))
        return allocations[:1]
    accepted = ctx.history.matching(_P("programme.accepted{type=my_future}"))
    if accepted:
        return accepted[:1]
    return ctx.history.of("session.delivered")[:1]
