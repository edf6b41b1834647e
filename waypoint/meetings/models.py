"""Case management meetings, risk panels, reviews and exit interviews: models, kept as history rows (written once).

- A `Meeting` is what was arranged: its type (a CMM and its purpose, a CSC meeting standing in for a CMM, a risk
  panel, a review plan meeting, an exit interview), when, where and who was invited. It writes
  `meeting.scheduled{type, purpose, starts_at, invitees}`.
- `MeetingHeld` records that it took place: who attended (the roles the guidance names, and names), apologies, who
  chaired or conducted it. It writes `meeting.held{type, purpose, attendees, chair, conducted_by}`.
- `MeetingViews` holds the child's and parent/carer's views collected before a CMM (`contact.made{topic}`).
- `CmmRecord` is the completed Appendix A CMM Record (the minutes): `document.completed{type=cmm_record, fields}`.
- `MeetingAction` is an action agreed at a meeting, with an owner and a due date; `ActionDone` marks it done.
  Actions are the meeting's own rows, shown beside the policy engine's obligations (docs/adr/0021).
- `ClosureDocument` is the closure document written for the exit interview; each step it goes through (submitted
  to a manager, quality-assured, given to the child and parent/carer) is a `ClosureDocumentStep` row.
- `ExitFeedback` is the child's and parent/carer's feedback at the exit interview, as data for the board.
"""
from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class MeetingType(models.TextChoices):
    CMM = "cmm", "Case management meeting (CMM)"
    CSC_MAM = "csc_mam", "Children's social care meeting standing in for a CMM"
    RISK_PANEL = "risk_panel", "Risk panel"
    REVIEW_PLAN = "review_plan", "Review plan meeting"
    EXIT_INTERVIEW = "exit_interview", "Exit interview"


class CmmPurpose(models.TextChoices):
    """The meetings a CMM replaces (003 §1.1). Compliance CMMs are arranged from the compliance report pages."""

    ROSH_SAW_REVIEW = "rosh_saw_review", "RoSH and SaW review"
    BAIL_STRATEGY = "bail_strategy", "Bail strategy"
    ISS_REVIEW = "iss_review", "ISS review"
    RELEASE_FROM_CUSTODY_REVIEW = "release_from_custody_review", "Release from custody review"
    REOFFENDING_REVIEW = "reoffending_review", "Re-offending review"
    SIGNIFICANT_EVENT = "significant_event", "Significant event"


class Invitee(models.TextChoices):
    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "Parent or carer"
    LINE_MANAGER = "line_manager", "Line manager"
    PROFESSIONAL = "professional", "Other professionals"


class Attendee(models.TextChoices):
    """Who attended, in the roles meeting.held{attendees} names."""

    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "Parent or carer"
    WORKER = "worker", "The case's worker (case manager or case worker)"
    TM = "tm", "Team manager"
    AP = "ap", "Advanced practitioner"


class Chair(models.TextChoices):
    TM = "tm", "Team manager"
    ATM = "atm", "Assistant team manager"


class Meeting(AppendOnlyModel):
    """A meeting arranged for a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="meetings", verbose_name="case")
    type = models.CharField("type of meeting", max_length=20, choices=MeetingType.choices)
    purpose = models.CharField("purpose", max_length=40, choices=CmmPurpose.choices, blank=True)
    starts_at = models.DateTimeField("starts at")
    place = models.CharField("where", max_length=200, blank=True)
    invitees = models.JSONField("invited", default=list, blank=True)
    arranged_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="arranged by")
    arranged_at = models.DateTimeField("arranged at", default=now)

    class Meta:
        verbose_name = "meeting"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["case", "starts_at"], name="meeting_case_starts_idx")]

    def __str__(self) -> str:
        return f"{self.title} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def title(self) -> str:
        if self.type == MeetingType.CMM and self.purpose:
            return f"CMM: {self.get_purpose_display()}"
        return self.get_type_display()

    def invitee_labels(self) -> str:
        return ", ".join(str(Invitee(i).label) for i in self.invitees if i in Invitee.values)

    @property
    def held(self) -> "MeetingHeld | None":
        try:
            return self.held_record
        except MeetingHeld.DoesNotExist:
            return None

    @property
    def minutes(self) -> "CmmRecord | None":
        try:
            return self.cmm_record
        except CmmRecord.DoesNotExist:
            return None


class MeetingHeld(AppendOnlyModel):
    """That a meeting took place, and who was there."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="held_record",
                                   verbose_name="meeting")
    held_at = models.DateTimeField("held at")
    attendees = models.JSONField("attended (roles)", default=list, blank=True)
    attendee_names = LimitedTextField("who attended", max_length=2000, blank=True)
    apologies = LimitedTextField("apologies", max_length=2000, blank=True)
    chair = models.CharField("chaired by", max_length=10, choices=Chair.choices, blank=True)
    conducted_by_manager = models.BooleanField("conducted by a manager", default=False)
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)

    def attendee_labels(self) -> str:
        return ", ".join(str(Attendee(a).label) for a in self.attendees if a in Attendee.values)

    class Meta:
        verbose_name = "meeting held"
        verbose_name_plural = "meetings held"


class MeetingViews(AppendOnlyModel):
    """The child's and parent/carer's views, collected before the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="views_collected",
                                verbose_name="meeting")
    collected_on = models.DateField("collected on")
    child_views = LimitedTextField("the child's views", max_length=3000)
    parent_views = LimitedTextField("the parent or carer's views", max_length=3000)
    will_attend = models.BooleanField("they wish to attend", default=False)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "views collected"
        verbose_name_plural = "views collected"
        ordering = ["recorded_at", "id"]


class CmmRecord(AppendOnlyModel):
    """The completed Case Management Meeting Record (003 Appendix A): the minutes, written once."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="cmm_record",
                                   verbose_name="meeting")
    capita_number = models.CharField("CAPITA number", max_length=30)
    reason = LimitedTextField("reason for the meeting", max_length=2000)
    previous_actions = LimitedTextField("actions from the previous meeting", max_length=3000, blank=True)
    rosh = models.CharField("RoSH in force", max_length=20, blank=True)
    saw = models.CharField("SaW in force", max_length=20, blank=True)
    lor = models.CharField("LoR in force", max_length=20, blank=True)
    intervention_plan_progress = LimitedTextField("intervention plan and progress", max_length=3000)
    new_incidents = LimitedTextField("incidents since the last meeting", max_length=3000)
    diversity = LimitedTextField("diversity", max_length=3000)
    other_agencies = LimitedTextField("other agencies' information", max_length=3000)
    child_parent_views = LimitedTextField("the child's and parent/carer's views", max_length=3000)
    agreed_rosh = models.CharField("agreed RoSH", max_length=20)
    agreed_saw = models.CharField("agreed SaW", max_length=20)
    agreed_lor = models.CharField("agreed LoR", max_length=20)
    protective_factors = LimitedTextField("protective factors", max_length=3000)
    next_meeting_on = models.DateField("next meeting", null=True, blank=True)
    fields = models.JSONField("headings filled in", default=list)
    completed_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="completed by")
    completed_at = models.DateTimeField("completed at", default=now)

    class Meta:
        verbose_name = "CMM record"


class MeetingAction(AppendOnlyModel):
    """An action agreed at a meeting: what, who owns it, by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name="meeting")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="meeting_actions",
                             verbose_name="case")
    description = LimitedTextField("action", max_length=1000)
    owner = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="meeting_actions",
                              verbose_name="owner")
    due = models.DateField("due")
    created_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="entered by")
    created_at = models.DateTimeField("entered at", default=now)

    class Meta:
        verbose_name = "meeting action"
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["owner", "due"], name="meeting_action_owner_due_idx"),
            models.Index(fields=["case", "due"], name="meeting_action_case_due_idx"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def done(self) -> "ActionDone | None":
        try:
            return self.done_record
        except ActionDone.DoesNotExist:
            return None

    def is_overdue(self, today) -> bool:
        return self.done is None and self.due < today


class ActionDone(AppendOnlyModel):
    """That an action is done."""

    action = models.OneToOneField(MeetingAction, on_delete=models.CASCADE, related_name="done_record",
                                  verbose_name="action")
    done_on = models.DateField("done on")
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)


class ClosureDocument(AppendOnlyModel):
    """The closure document for the exit interview: the work done, what was achieved, and what comes next."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="closure_document",
                                   verbose_name="exit interview")
    work_done = LimitedTextField("the work done with the child", max_length=5000)
    achievements = LimitedTextField("what the child achieved", max_length=5000)
    exit_plan = LimitedTextField("exit plan and signposting", max_length=5000)
    written_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="written by")
    written_at = models.DateTimeField("written at", default=now)

    def step_list(self) -> list["ClosureDocumentStep"]:
        prefetched = getattr(self, "steps_in_order", None)
        return list(prefetched) if prefetched is not None else list(self.steps.order_by("at", "id"))

    def step(self, kind: str) -> "ClosureDocumentStep | None":
        return next((s for s in self.step_list() if s.kind == kind), None)


class ClosureDocumentStep(AppendOnlyModel):
    """A step the closure document went through."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted to a manager for quality assurance"
        QA_COMPLETED = "qa_completed", "Quality-assured by a manager"
        GIVEN = "given", "Given to the child and parent or carer"

    document = models.ForeignKey(ClosureDocument, on_delete=models.CASCADE, related_name="steps",
                                 verbose_name="closure document")
    kind = models.CharField("step", max_length=20, choices=Kind.choices)
    note = LimitedTextField("note", max_length=2000, blank=True)
    by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="by")
    at = models.DateTimeField("at", default=now)

    class Meta:
        ordering = ["at", "id"]


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class ExitFeedback(AppendOnlyModel):
    """The child's and parent/carer's feedback at the exit interview (ratings 1 to 5 and comments)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="feedback",
                                   verbose_name="exit interview")
    child_rating = models.PositiveSmallIntegerField("the child's rating of the service", validators=RATING)
    child_comments = LimitedTextField("the child's comments", max_length=3000, blank=True)
    parent_rating = models.PositiveSmallIntegerField("the parent or carer's rating of the service",
                                                     validators=RATING, null=True, blank=True)
    parent_comments = LimitedTextField("the parent or carer's comments", max_length=3000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
