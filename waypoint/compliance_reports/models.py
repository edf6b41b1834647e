"""Compliance CMM models, kept as history rows (written once, never edited):

- `ComplianceMeeting`: a compliance CMM arranged for a case (when, where, who arranged it). Writes
  `meeting.scheduled{type=cmm, purpose=compliance, starts_at}`, which starts notts.cmm.compliance.report-24h.
- `ComplianceMeetingHeld`: that the meeting took place, who attended and, for a child in care, the rationale that
  starts from the presumption against breach (Appendix A). Writes `meeting.held{type=cmm, purpose=compliance}` and
  the rationale as `record.entered{kind=rationale}` (notts.cmm.compliance.cic-presumption).
- `NoncomplianceDiscussion`: the TM/AP's meeting with the child and parent/carer about the non-compliance before the
  CMM (003 §1.2). Writes `meeting.held{type=noncompliance_discussion, attendees}` (notts.cmm.views.compliance).
- `ComplianceReportSubmission`: the condensed compliance report (Appendix B) as it was when the case manager marked
  it ready for the TM/AP: the counts and the details table as worked out then, with what the worker added (the
  CAPITA number, details of any unacceptable behaviour). Writes `document.submitted{type=compliance_report,
  to=tm_ap, fields}`, which meets notts.cmm.compliance.report-24h.
"""
from __future__ import annotations

import datetime as dt

from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class ComplianceMeeting(AppendOnlyModel):
    """A compliance CMM arranged for a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="compliance_meetings",
                             verbose_name="case")
    starts_at = models.DateTimeField("starts at")
    place = models.CharField("where", max_length=200, blank=True)
    scheduled_at = models.DateTimeField("arranged at", default=now)
    scheduled_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="arranged by")

    class Meta:
        verbose_name = "compliance CMM"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["case", "starts_at"], name="compliance_cmm_case_starts_idx")]

    def __str__(self) -> str:
        return f"Compliance CMM at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def report_due_at(self) -> dt.datetime:
        """When the report is due: 24 elapsed hours before the meeting (notts.cmm.compliance.report-24h)."""
        return self.starts_at - dt.timedelta(hours=24)

    def held_record(self) -> "ComplianceMeetingHeld | None":
        prefetched = getattr(self, "held_rows", None)
        rows = list(prefetched) if prefetched is not None else list(self.held.order_by("recorded_at", "id"))
        return rows[-1] if rows else None

    def discussion_list(self) -> list["NoncomplianceDiscussion"]:
        prefetched = getattr(self, "discussion_rows", None)
        if prefetched is not None:
            return list(prefetched)
        return list(self.discussions.order_by("recorded_at", "id"))

    def submissions(self) -> list["ComplianceReportSubmission"]:
        prefetched = getattr(self, "submission_rows", None)
        if prefetched is not None:
            return list(prefetched)
        return list(self.reports.order_by("submitted_at", "id"))


class Attendee(models.TextChoices):
    """Who attended, in the catalogue's vocabulary (meeting.held attendees)."""

    TM = "tm", "Team manager"
    AP = "ap", "Advanced practitioner"
    CM = "cm", "Case manager"
    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "Parent or carer"


class ComplianceMeetingHeld(AppendOnlyModel):
    """That a compliance CMM took place, with its attendees and (for a child in care) the presumption rationale."""

    meeting = models.ForeignKey(ComplianceMeeting, on_delete=models.PROTECT, related_name="held",
                                verbose_name="compliance CMM")
    held_on = models.DateField("held on")
    attendees = models.JSONField("attendees", default=list)
    child_in_care = models.BooleanField("child in care at the meeting", default=False)
    presumption_rationale = LimitedTextField("rationale addressing the presumption against breach", max_length=5000,
                                             blank=True)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "compliance CMM held"
        ordering = ["recorded_at", "id"]


class DiscussedWith(models.TextChoices):
    CHILD = "child", "The child"
    PARENT_CARER = "parent_carer", "Parent or carer"


class NoncomplianceDiscussion(AppendOnlyModel):
    """The TM/AP's discussion of the non-compliance with the child and parent/carer, before the compliance CMM."""

    meeting = models.ForeignKey(ComplianceMeeting, on_delete=models.PROTECT, related_name="discussions",
                                verbose_name="compliance CMM")
    held_on = models.DateField("discussed on")
    with_whom = models.JSONField("with whom", default=list)
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")

    class Meta:
        verbose_name = "non-compliance discussion"
        ordering = ["recorded_at", "id"]


class ComplianceReportSubmission(AppendOnlyModel):
    """The condensed compliance report as given to the TM/AP (a later submission is a new row)."""

    meeting = models.ForeignKey(ComplianceMeeting, on_delete=models.PROTECT, related_name="reports",
                                verbose_name="compliance CMM")
    period_from = models.DateField("from")
    period_to = models.DateField("to")
    capita_number = models.CharField("CAPITA number", max_length=20)
    unacceptable_behaviour = LimitedTextField("details of any unacceptable behaviour", max_length=5000, blank=True)
    appointments_given = models.PositiveIntegerField("number of appointments given")
    appointments_kept = models.PositiveIntegerField("number of appointments kept")
    acceptable_failures = models.PositiveIntegerField("number of acceptable failures")
    unacceptable_failures = models.PositiveIntegerField("number of unacceptable failures")
    details = models.JSONField("details of non-compliance", default=list, blank=True)
    submitted_at = models.DateTimeField("marked ready at", default=now)
    submitted_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="marked ready by")

    class Meta:
        verbose_name = "compliance report"
        ordering = ["submitted_at", "id"]

    @property
    def on_time(self) -> bool:
        return self.submitted_at <= self.meeting.report_due_at
