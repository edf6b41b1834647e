"""Referral model: a request for the service's involvement, from receipt through triage to acceptance into a case.

A referral's events (`referral.received`, `referral.triaged`) belong to the referral until it is accepted; then
they are filed under the new case, so the case's chronology starts with the referral.
"""
from __future__ import annotations

from django.db import models

from waypoint.core.models import LimitedTextField, now


class Referral(models.Model):
    class Source(models.TextChoices):
        TVP_YOT1 = "tvp_yot1", "Police community resolution (YOT1)"
        POLICE_OOCD = "police_oocd", "Police out-of-court disposal referral"
        EHH_CONTACT_FORM = "ehh_contact_form", "Early Help Hub contact form"
        STEPDOWN = "stepdown", "Social care step-down"
        COURT_OUTCOME = "court_outcome", "Court outcome"
        SPECIFIC_INTERVENTION = "specific_intervention", "Specific intervention"
        COURT_TRACKING = "court_tracking", "Court tracking"
        TRANSFER_IN = "transfer_in", "Transfer in"
        MY_FUTURE = "my_future", "My Future"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        TRIAGED = "triaged", "Triaged: meets criteria"
        ACCEPTED = "accepted", "Accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    class TriageOutcome(models.TextChoices):
        MEETS_CRITERIA = "meets_criteria", "Meets the criteria"
        NOT_MET = "not_met", "Does not meet the criteria"

    service = models.ForeignKey(
        "workforce.Service", on_delete=models.PROTECT, related_name="referrals", verbose_name="service",
    )
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
        verbose_name="child",
    )
    source = models.CharField("source", max_length=30, choices=Source.choices)
    received_on = models.DateField("date received")
    summary = LimitedTextField("summary", max_length=5000)
    referrer_name = models.CharField("referrer", max_length=200, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    triage_outcome = models.CharField("triage decision", max_length=20, choices=TriageOutcome.choices, blank=True)
    triage_reason = LimitedTextField("reason for the triage decision", max_length=2000, blank=True)
    triaged_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="triaged by",
    )
    triaged_at = models.DateTimeField("triaged at", null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="case",
    )
    created_at = models.DateTimeField("recorded at", default=now)
    recorded_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="recorded by",
    )

    class Meta:
        verbose_name = "referral"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["service", "status", "received_on"], name="referral_service_status_idx"),
        ]

    def __str__(self) -> str:
        who = self.child.full_name if self.child_id else (self.referrer_name or "no child recorded")
        return f"{self.get_source_display()} received {self.received_on:%d %b %Y} ({who})"
