"""Obligations model: the policy packs as the product has seen them, which of them each case runs under, and the
obligations the engine worked out for each case.

- A `PolicyPackVersion` is one pack's text exactly as it was loaded, kept for good: a case keeps running under the
  versions it started with, even after the service's pack files change, until a manager moves it on.
- `CasePolicy` holds, for one case, the pack versions it runs under and when its obligations were last worked out.
- `Obligation` rows are the engine's output for a case, brought into line with it each time the case's events change
  (the engine recomputes a case from its events; nothing is patched in place). They exist so that lists across
  cases ("My work", dashboards) are plain indexed queries. "Overdue" is never stored: an open obligation is overdue
  when its due date is before today, worked out when it is read.
"""
from __future__ import annotations

import datetime as dt

from django.db import models

from waypoint.core.models import LimitedTextField, now


# The packs' owner slugs in words, for pages (vocabulary.ROLES is the one enumeration of them).
OWNER_WORDS = {
    "case_worker": "Case worker", "line_manager": "Line manager", "atm": "Assistant team manager",
    "tm": "Team manager", "atm_tm": "Assistant team manager or team manager", "tm_ap": "Team manager or advanced practitioner",
    "ap": "Advanced practitioner", "service_manager": "Service manager", "group_manager": "Group manager",
    "pyjs_manager": "Service manager", "admin": "Admin", "business_support": "Business support",
    "court_officer": "Court officer", "specialist": "Specialist worker", "victim_worker": "Victim worker",
    "rjw": "Restorative justice worker", "pyjs_nurse": "Nurse", "csc_social_worker": "Social worker",
    "cm": "Case manager", "scm": "Senior case manager", "yjso": "YJSO", "locality_tm": "Locality team manager",
    "intervention_tm": "Intervention team manager", "court_lead": "Court lead",
    "intervention_worker": "Intervention worker", "primary_worker": "Primary worker", "student": "Student",
    "senior_worker": "Senior worker", "co_allocated_workers": "Co-allocated workers", "lead_worker": "Lead worker",
    "receiving_tm": "Receiving team manager", "responsible_officer": "Responsible officer",
    "home_yjs": "Home youth justice service", "host_yjs": "Host youth justice service",
    "allocated_worker": "Allocated worker", "manager_ap": "Manager or advanced practitioner",
}


def owner_words(slug: str) -> str:
    return OWNER_WORDS.get(slug, slug.replace("_", " ").capitalize())


class PolicyPackVersion(models.Model):
    """One policy pack's text as loaded on a date, identified by its id and the digest of its text."""

    service_key = models.CharField("service", max_length=50, help_text='The pack set, e.g. "wokingham".')
    pack_id = models.CharField("pack", max_length=100, help_text='For example "wokingham/yro".')
    version = models.CharField("version", max_length=20)
    title = models.CharField("title", max_length=300)
    effective = models.DateField("effective from")
    review = models.DateField("review due")
    digest = models.CharField("digest", max_length=64, help_text="SHA-256 of the pack's text.")
    content = models.TextField("pack text")
    first_loaded_at = models.DateTimeField("first loaded", default=now)

    class Meta:
        verbose_name = "policy pack version"
        ordering = ["pack_id", "-first_loaded_at"]
        constraints = [models.UniqueConstraint(fields=["pack_id", "digest"], name="pack_version_unique_digest")]
        indexes = [models.Index(fields=["service_key", "pack_id"], name="pack_version_service_idx")]

    def __str__(self) -> str:
        return f"{self.pack_id} {self.version} ({self.digest[:8]})"

    def past_review(self, on: dt.date) -> bool:
        return self.review < on


class CasePolicy(models.Model):
    """The policy packs one case runs under, and when its obligations were last worked out."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="policy", verbose_name="case")
    packs = models.ManyToManyField(PolicyPackVersion, related_name="case_policies", verbose_name="policy packs")
    assigned_at = models.DateTimeField("packs assigned", default=now)
    computed_at = models.DateTimeField("obligations worked out", null=True, blank=True)
    computed_on = models.DateField("obligations worked out as of", null=True, blank=True)
    violations = models.JSONField(
        "checks that fail", default=list, blank=True,
        help_text="The validations the case's records fail (rule and message), as of the last working out.",
    )
    problem = LimitedTextField(
        "problem", max_length=2000, blank=True,
        help_text="Why the obligations could not be worked out the last time (the events themselves are kept).",
    )

    class Meta:
        verbose_name = "case policy"
        verbose_name_plural = "case policies"
        indexes = [models.Index(fields=["computed_on"], name="case_policy_computed_idx")]

    def __str__(self) -> str:
        return f"Policy packs of case {self.case_id}"


class Obligation(models.Model):
    """One obligation of a case: a rule, when it was triggered, when it is due, who owns it, and why."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"
        MET_LATE = "met_late", "Met late"
        NOT_APPLICABLE = "not_applicable", "Not applicable"
        WAIVED = "waived", "Waived"

    # Overdue is a reading of an open obligation (due before today), never a stored status.
    OVERDUE = "overdue"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="obligations", verbose_name="case")
    service = models.ForeignKey(
        "workforce.Service", on_delete=models.CASCADE, related_name="obligations", verbose_name="service",
    )
    rule = models.CharField("rule", max_length=100)
    pack_id = models.CharField("pack", max_length=100)
    title = models.CharField("title", max_length=300)
    strength = models.CharField("strength", max_length=20, blank=True)
    trigger_at = models.DateField("triggered on")
    due = models.DateField("due", null=True, blank=True)
    due_at = models.DateTimeField("due at", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices)
    met_on = models.DateField("met on", null=True, blank=True)
    owner_role = models.CharField("owner", max_length=40)
    owner_staff = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="obligations",
        verbose_name="owned by",
    )
    explanation = models.TextField("explanation")

    class Meta:
        verbose_name = "obligation"
        ordering = ["due", "rule", "trigger_at"]
        # Not unique on (case, rule, trigger_at): two appointments missed on one day trigger a rule twice that day.
        indexes = [
            models.Index(fields=["owner_staff", "status", "due"], name="obligation_owner_status_idx"),
            models.Index(fields=["service", "status", "due"], name="obligation_service_status_idx"),
            models.Index(fields=["case", "status"], name="obligation_case_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.trigger_at:%Y-%m-%d})"

    @property
    def owner_text(self) -> str:
        """Who owns it: the person where the case names one, else the role."""
        role = owner_words(self.owner_role)
        if self.owner_staff_id is not None:
            return f"{self.owner_staff.display_name} ({role.lower() if role != 'YJSO' else role})"
        return role

    def is_overdue(self, today: dt.date) -> bool:
        if self.status != self.Status.OPEN or self.due is None:
            return False
        if self.due_at is not None:
            return self.due_at < now()
        return self.due < today

    def reading(self, today: dt.date) -> str:
        """The status as a person reads it today: overdue for an open obligation past its due date."""
        return self.OVERDUE if self.is_overdue(today) else self.status
