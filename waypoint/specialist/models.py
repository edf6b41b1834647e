"""Specialist work: the case's specialist needs, referrals to specialists and their outcomes, consultations with
specialists and the specialist sessions delivered (victim awareness; consent and healthy relationships).

Every row is history, written once (AppendOnlyModel): a need flagged and later cleared is two `SpecialistNeed` rows,
the latest of each kind in force; a referral's outcomes are `ReferralOutcome` rows, the latest in force. Each row
keeps the chronology entry written with it, which is what the policy rules read (see services.py).
"""
from __future__ import annotations

from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class NeedKind(models.TextChoices):
    ISB = "isb", "Inappropriate sexual behaviour or communication"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse as a risk factor for further offending"
    SLCN_BARRIER = "slcn_barrier", "Speech, language or communication barriers"


class SpecialistNeed(AppendOnlyModel):
    """A specialist need flagged on the case (`present`), or the flag taken off (`present` false), with why."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="specialist_needs",
                             verbose_name="case")
    kind = models.CharField("need", max_length=20, choices=NeedKind.choices)
    present = models.BooleanField("flagged", default=True)
    reason = LimitedTextField("reason", max_length=5000)
    set_on = models.DateField("date set")
    set_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                               verbose_name="set by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="specialist_need",
                                 verbose_name="chronology entry", null=True, blank=True)

    class Meta:
        verbose_name = "specialist need"
        ordering = ["set_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["case", "kind", "set_on"], name="specialistneed_case_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'flagged' if self.present else 'cleared'} ({self.set_on:%Y-%m-%d})"


class Specialist(models.TextChoices):
    PYJS_NURSE = "pyjs_nurse", "PYJS nurse"
    SAL_WORKER = "sal_worker", "Speech and language worker"
    CRANSTOUN = "cranstoun_worker", "Substance misuse worker (Cranstoun)"
    CAMHS = "camhs", "CAMHS"
    EDUCATION = "education", "Education worker"
    VICTIM_WORKER = "victim_worker", "Victim or restorative justice worker"


class SpecialistReferral(AppendOnlyModel):
    """A referral of the child to a specialist: to whom, why, when and by whom."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="specialist_referrals",
                             verbose_name="case")
    to = models.CharField("referred to", max_length=20, choices=Specialist.choices)
    reason = LimitedTextField("reason", max_length=5000)
    made_on = models.DateField("date made")
    made_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                verbose_name="made by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="specialist_referral",
                                 verbose_name="chronology entry", null=True, blank=True)

    class Meta:
        verbose_name = "specialist referral"
        ordering = ["made_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"Referral to the {self.get_to_display()} ({self.made_on:%Y-%m-%d})"


class ReferralOutcomeKind(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WORK_COMPLETED = "work_completed", "Work completed"
    CLOSED = "closed", "Closed"


class ReferralOutcome(AppendOnlyModel):
    """What became of a referral, as of a date; the latest row is the referral's outcome in force."""

    referral = models.ForeignKey(SpecialistReferral, on_delete=models.PROTECT, related_name="outcomes",
                                 verbose_name="referral")
    outcome = models.CharField("outcome", max_length=20, choices=ReferralOutcomeKind.choices)
    on = models.DateField("date")
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="referral_outcome",
                                 verbose_name="chronology entry", null=True, blank=True)

    class Meta:
        verbose_name = "referral outcome"
        ordering = ["on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.on:%Y-%m-%d})"


class ConsultationWith(models.TextChoices):
    CAMHS = "camhs", "CAMHS"
    SAL_WORKER = "sal_worker", "Speech and language worker"
    CRANSTOUN = "cranstoun_worker", "Substance misuse worker (Cranstoun)"


class SpecialistConsultation(AppendOnlyModel):
    """A consultation the case worker held with a specialist about the child."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="specialist_consultations",
                             verbose_name="case")
    with_whom = models.CharField("with", max_length=20, choices=ConsultationWith.choices)
    # CAMHS consultations about Trauma Recovery Model support are the ones the guidance asks for.
    about_trm = models.BooleanField("about Trauma Recovery Model support", default=False)
    held_on = models.DateField("date held")
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="specialist_consultation",
                                 verbose_name="chronology entry", null=True, blank=True)

    class Meta:
        verbose_name = "specialist consultation"
        ordering = ["held_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"Consultation with {self.get_with_whom_display()} ({self.held_on:%Y-%m-%d})"


class SessionTopic(models.TextChoices):
    VICTIM_AWARENESS = "victim_awareness", "Victim impact and awareness"
    CONSENT = "consent_healthy_relationships", "Consent and healthy relationships"


class DeliveredBy(models.TextChoices):
    CASE_WORKER = "case_worker", "Case worker"
    PYJS_NURSE = "pyjs_nurse", "PYJS nurse"


class SpecialistSession(AppendOnlyModel):
    """A specialist session delivered to the child: its topic, who delivered it and when."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="specialist_sessions",
                             verbose_name="case")
    topic = models.CharField("topic", max_length=40, choices=SessionTopic.choices)
    delivered_by = models.CharField("delivered by", max_length=20, choices=DeliveredBy.choices)
    delivered_on = models.DateField("date delivered")
    notes = LimitedTextField("notes", max_length=5000, blank=True)
    recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="recorded by")
    recorded_at = models.DateTimeField("recorded at", default=now)
    # The referral whose "work completed" outcome recorded this session, if it came that way.
    referral = models.ForeignKey(SpecialistReferral, on_delete=models.PROTECT, related_name="sessions",
                                 verbose_name="referral", null=True, blank=True)
    event = models.OneToOneField("cases.Event", on_delete=models.PROTECT, related_name="specialist_session",
                                 verbose_name="chronology entry", null=True, blank=True)

    class Meta:
        verbose_name = "specialist session"
        ordering = ["delivered_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} by the {self.get_delivered_by_display()} ({self.delivered_on:%Y-%m-%d})"
