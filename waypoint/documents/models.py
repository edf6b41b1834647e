"""Documents model: letter templates (each edit a new version) and the letters written from them.

- A `LetterTemplate` row is one version of one service's template for one type of letter. Editing a template in the
  product writes the next version; no version is ever changed, and the latest is the one new letters use. Version 1
  of each is the built-in default (waypoint/documents/defaults.py), written on first use; its `created_by` is empty.
- A `Letter` is one letter written for a case: the template version it used, who it is to, the appointments it is
  about and the data it was filled in with (names, dates as the letter words them, the appointment list), stored as
  they were when it was written. Its PDF is rendered again on demand from those two, which never change, so it is
  the same letter every time (see services.py for why no PDF bytes are stored).
- A letter is marked sent once, with the date it went and how; `sent_on` is empty until then.
"""
from __future__ import annotations

from django.db import models

from waypoint.core.models import AppendOnlyModel, LimitedTextField, now


class LetterType(models.TextChoices):
    """The letters the guidance names, valued as the vocabulary's `letter.sent{type}`."""

    APPOINTMENT = "appointment", "Appointment letter"
    HOME_VISIT_FINAL_SHOUT = "home_visit_final_shout", "Home visit final shout-out"
    PREVENTION_FINAL_ATTEMPT = "prevention_initial_contact_final_attempt", "Prevention initial contact final attempt"
    CLOSURE_NO_CONTACT = "closure_no_contact", "Closure: no contact"
    CLOSURE_DISENGAGEMENT = "closure_disengagement", "Closure: disengagement"
    SERVICE_DECLINED = "service_declined", "Closure: service declined"
    FIRST_WARNING = "first_warning", "First warning"
    SECOND_WARNING = "second_warning", "Second warning, with the compliance meeting"
    BREACH = "breach", "Breach letter"
    ORDER_COMPLETION = "order_completion", "Order completion letter"


class SendMethod(models.TextChoices):
    """How a letter went. `in_person` is the product's own: the vocabulary's `method` has no value for it, so the
    event for a letter handed over carries no `method`."""

    POST = "letter", "Posted"
    THROUGH_DOOR = "through_door", "Put through the letterbox at a home visit"
    IN_PERSON = "in_person", "Handed over in person"


class LetterTemplate(AppendOnlyModel):
    """One version of a service's template for a type of letter."""

    service = models.ForeignKey("workforce.Service", on_delete=models.PROTECT, related_name="letter_templates",
                                verbose_name="service")
    letter_type = models.CharField("type of letter", max_length=50, choices=LetterType.choices)
    version = models.PositiveIntegerField("version")
    title = models.CharField("title", max_length=200)
    body = LimitedTextField("template", max_length=20_000)
    created_at = models.DateTimeField("saved at", default=now)
    created_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="saved by",
                                   help_text="Empty for the built-in template.")

    class Meta:
        verbose_name = "letter template version"
        ordering = ["service", "letter_type", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["service", "letter_type", "version"],
                                    name="letter_template_one_row_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_letter_type_display()}, version {self.version}"

    @property
    def is_built_in(self) -> bool:
        return self.created_by_id is None


class Letter(models.Model):
    """A letter written for a case from a template version, with the data it was filled in with."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="letters", verbose_name="case")
    letter_type = models.CharField("type of letter", max_length=50, choices=LetterType.choices)
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters",
                                 verbose_name="template version")
    recipients = models.JSONField("to", help_text='The vocabulary\'s `to` values, e.g. ["child", "parent_carer"].')
    appointments = models.ManyToManyField("appointments.Appointment", blank=True, related_name="letters",
                                          verbose_name="appointments")
    data = models.JSONField("filled in with", help_text="Names, dates and appointments as the letter words them.")
    created_at = models.DateTimeField("written at", default=now)
    created_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="written by")
    sent_on = models.DateField("sent on", null=True, blank=True)
    sent_method = models.CharField("sent by", max_length=20, choices=SendMethod.choices, blank=True)
    sent_recorded_at = models.DateTimeField("sending recorded at", null=True, blank=True)
    sent_recorded_by = models.ForeignKey("workforce.StaffMember", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="sending recorded by")

    class Meta:
        verbose_name = "letter"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "created_at"], name="letter_case_created_idx")]

    def __str__(self) -> str:
        return f"{self.get_letter_type_display()} for {self.case.reference}"

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None
