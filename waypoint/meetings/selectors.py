"""Reads for meetings: what its pages and the case page show, the CMM Record pre-filled from the case, the open
actions that What's due and My work list beside the obligations, and the exit interview feedback summary."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from waypoint.cases.models import Case, Event
from waypoint.cases.selectors import case_get_for_user, cases_visible_to_staff

from .models import ClosureDocumentStep, ExitFeedback, Meeting, MeetingAction, MeetingType, MeetingViews


def _meetings(qs) -> QuerySet[Meeting]:
    return (qs.select_related("case", "case__child", "held_record", "cmm_record", "closure_document", "feedback")
            .prefetch_related(
                Prefetch("actions", queryset=MeetingAction.objects.select_related("owner", "done_record")
                         .order_by("due", "id")),
                Prefetch("views_collected", queryset=MeetingViews.objects.order_by("recorded_at", "id")),
                Prefetch("closure_document__steps", queryset=ClosureDocumentStep.objects.order_by("at", "id"),
                         to_attr="steps_in_order"))
            .order_by("starts_at", "id"))


def case_meetings(case: Case) -> list[Meeting]:
    return list(Meeting.objects.filter(case=case).select_related("held_record").order_by("starts_at", "id"))


def booked_exit_interview(case: Case) -> Meeting | None:
    """The case's exit interview booked here and not yet recorded as held, if there is one (the ladder card's
    quick record of an exit interview gives way to it)."""
    return (Meeting.objects.filter(case=case, type=MeetingType.EXIT_INTERVIEW, held_record__isnull=True)
            .order_by("starts_at", "id").first())


def meeting_get_for_user(*, user, meeting_id: int) -> Meeting:
    """The meeting with what it holds, if its case is one the user may see (404 / PermissionDenied otherwise)."""
    meeting = _meetings(Meeting.objects.filter(pk=meeting_id)).first()
    if meeting is None:
        raise Http404("No such meeting")
    meeting.case = case_get_for_user(user=user, case_id=meeting.case_id)
    return meeting


def action_get_for_user(*, user, action_id: int) -> MeetingAction:
    action = MeetingAction.objects.select_related("owner", "meeting", "done_record").filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    action.case = case_get_for_user(user=user, case_id=action.case_id)
    return action


def case_open_actions(*, case: Case) -> list[MeetingAction]:
    """The case's actions not yet done, earliest due first: What's due lists them. One query."""
    return list(MeetingAction.objects.filter(case=case, done_record__isnull=True)
                .select_related("owner", "meeting", "done_record").order_by("due", "id"))


def actions_for_owner(*, staff) -> list[MeetingAction]:
    """The actions the staff member owns and has not done, on cases they can see, earliest due first (My work).
    One query, on the owner/due index."""
    return list(MeetingAction.objects.filter(owner=staff, done_record__isnull=True)
                .filter(case__in=cases_visible_to_staff(staff))
                .select_related("case", "case__child", "meeting", "done_record").order_by("due", "id"))


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's meetings section shows (the context of meetings/_case_section.html): two queries."""
    meetings = list(Meeting.objects.filter(case=case).select_related("held_record").order_by("starts_at", "id"))
    actions = case_open_actions(case=case)
    return {
        "upcoming": [m for m in meetings if m.held is None],
        "held": [m for m in meetings if m.held is not None],
        "actions": actions,
        "exit_interview": any(m.type == MeetingType.EXIT_INTERVIEW for m in meetings),
        "notts": case.service.policy_set == "nottinghamshire",
        "manager": staff.is_manager,
        "today": today,
    }


# ---- The CMM Record, pre-filled from the case ------------------------------------------------------------------

@dataclass
class CmmPrefill:
    """What the case holds for the CMM Record's headings, as of the meeting."""

    ratings: dict
    plan_text: str
    incidents: list[str]
    views_text: str
    previous_actions: list[MeetingAction]
    previous_meeting: Meeting | None
    initial: dict = field(default_factory=dict)


def _incident_line(event: Event) -> str | None:
    day = timezone.localtime(event.occurred_at).strftime("%-d %B %Y")
    data = event.data or {}
    if event.type == "record.entered" and data.get("kind") == "serious_incident":
        return f"{day}: serious incident recorded" + (f": {data['notes']}" if data.get("notes") else "")
    if event.type == "appointment.missed" and data.get("outcome") == "unacceptable":
        return f"{day}: unacceptable failure to attend an appointment"
    if event.type == "serious-incident.became-known":
        return f"{day}: serious incident became known"
    if event.type == "significant-event.occurred":
        return f"{day}: significant event"
    if event.type == "warning.issued":
        return f"{day}: {data.get('level', '').replace('_', ' ')} warning issued".replace(":  ", ": ")
    return None


def cmm_prefill(*, meeting: Meeting) -> CmmPrefill:
    """The CMM Record pre-filled from the case: ratings in force, plan progress, incidents since the previous CMM
    (serious incidents, unacceptable failures and warnings, new offences), the views collected and the previous
    CMM's actions."""
    from waypoint.assessments.selectors import ratings_current
    from waypoint.cases.models import Offence
    from waypoint.plans.selectors import plan_progress

    case = meeting.case
    ratings = ratings_current(case=case)
    progress = plan_progress(case=case)
    if progress is None:
        plan_text = "No intervention plan recorded"
    else:
        lines = [progress.title + (f", agreed {progress.agreed_on:%-d %B %Y}" if progress.agreed_on else "")]
        lines += [f"- {t.area}: {t.action} ({t.status_label})" for t in progress.targets]
        plan_text = "\n".join(lines)
    previous = (Meeting.objects.filter(case=case, type__in=[MeetingType.CMM, MeetingType.CSC_MAM],
                                       held_record__isnull=False, starts_at__lt=meeting.starts_at)
                .exclude(pk=meeting.pk).order_by("-starts_at").first())
    since = previous.starts_at if previous else None
    events = Event.objects.filter(case=case, type__in=["record.entered", "appointment.missed",
                                                       "serious-incident.became-known", "significant-event.occurred",
                                                       "warning.issued"])
    if since:
        events = events.filter(occurred_at__gte=since)
    events = events.filter(occurred_at__lte=meeting.starts_at).order_by("occurred_at", "id")
    incidents = [line for line in (_incident_line(e) for e in events) if line]
    offences = Offence.objects.filter(case=case)
    if since:
        offences = offences.filter(committed_on__gte=timezone.localtime(since).date())
    incidents += [f"{o.committed_on:%-d %B %Y}: new offence: {o.description}" for o in offences.order_by("committed_on")]
    views = list(meeting.views_collected.all())
    views_text = "\n".join(f"Child: {v.child_views}\nParent or carer: {v.parent_views}" for v in views)
    previous_actions = list(previous.actions.select_related("owner", "done_record")) if previous else []
    previous_text = "\n".join(f"- {a.description} ({a.owner.display_name}, due {a.due:%-d %B %Y}: "
                              f"{'done' if a.done else 'not done'})" for a in previous_actions)
    initial = {
        "reason": meeting.title,
        "previous_actions": previous_text or "None: this is the first CMM recorded",
        "intervention_plan_progress": plan_text,
        "new_incidents": "\n".join(incidents) or "None recorded since the last meeting",
        "child_parent_views": views_text,
        "agreed_rosh": ratings["rosh"].level if "rosh" in ratings else "",
        "agreed_saw": ratings["saw"].level if "saw" in ratings else "",
        "agreed_lor": ratings["lor"].level if "lor" in ratings else "",
    }
    return CmmPrefill(ratings, plan_text, incidents, views_text, previous_actions, previous, initial)


# ---- Exit interview feedback for the management board ----------------------------------------------------------

@dataclass
class FeedbackSummary:
    count: int
    child_average: float | None
    parent_average: float | None
    child_counts: dict[int, int]
    parent_counts: dict[int, int]
    recent: list[ExitFeedback]


def feedback_summary(*, service, since: dt.date | None = None) -> FeedbackSummary:
    """The exit interview feedback of the service's children and parents/carers: averages, how many gave each
    rating, and the latest comments. Three queries."""
    rows = ExitFeedback.objects.filter(meeting__case__service=service)
    if since is not None:
        rows = rows.filter(recorded_at__date__gte=since)
    totals = rows.aggregate(n=Count("id"), child=Avg("child_rating"), parent=Avg("parent_rating"),
                            **{f"c{i}": Count("id", filter=Q(child_rating=i)) for i in range(1, 6)},
                            **{f"p{i}": Count("id", filter=Q(parent_rating=i)) for i in range(1, 6)})
    recent = list(rows.select_related("meeting__case__child", "meeting__case").order_by("-recorded_at", "-id")[:20])
    return FeedbackSummary(
        count=totals["n"], child_average=totals["child"], parent_average=totals["parent"],
        child_counts={i: totals[f"c{i}"] for i in range(1, 6)},
        parent_counts={i: totals[f"p{i}"] for i in range(1, 6)}, recent=recent,
    )
