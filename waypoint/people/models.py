"""People model: children, the history rows of what changes about them, parents/carers, professionals and victims.

What changes over an intervention and what national returns ask at its start and end (address, care status,
allocated social worker, accommodation, education/training/employment status, SEND plan) is kept as history rows
that are never edited: the current value is the latest row by `from_date`, then by `recorded_at`.

Victims are kept apart from the child's record: they are linked to a case, never to the child's page, and their
contact details are shown only to the victim worker and managers (see selectors.victim_contact_visible_to).
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from waypoint.core.models import AppendOnlyModel, Gender, LimitedTextField, now

CARE_STATUS_VALUE_INVALID = "Select a care status: looked after, child in need, child protection plan or none"


class Ethnicity(models.TextChoices):
    """Ethnic group, as the 2021 Census for England and Wales asks it (the categories national returns use)."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "black_other", "Black, Black British, Caribbean or African: any other Black background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed or multiple ethnic groups: White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed or multiple ethnic groups: White and Black Caribbean"
    MIXED_OTHER = "mixed_other", "Mixed or multiple ethnic groups: any other mixed background"
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    ARAB = "arab", "Other ethnic group: Arab"
    OTHER = "other", "Other ethnic group: any other ethnic group"
    NOT_STATED = "not_stated", "Not stated"


class Child(models.Model):
    """A child known to the service. A child may have several cases at once (a YRO and a referral order, say)."""

    service = models.ForeignKey(
        "workforce.Service", on_delete=models.PROTECT, related_name="children", verbose_name="service",
    )
    reference = models.CharField("child reference", max_length=20, unique=True, help_text='For example "WP-00042".')
    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    preferred_name = models.CharField("preferred name", max_length=100, blank=True)
    date_of_birth = models.DateField("date of birth")
    gender = models.CharField("gender", max_length=20, choices=Gender.choices)
    gender_differs_from_birth = models.BooleanField("gender identity differs from sex registered at birth", default=False)
    ethnicity = models.CharField("ethnicity", max_length=40, choices=Ethnicity.choices, blank=True)
    first_language = models.CharField("first language", max_length=100, blank=True)
    send = models.BooleanField("special educational needs or disabilities (SEND)", default=False)
    slcn = models.BooleanField("speech, language and communication needs (SLCN)", default=False)
    police_id = models.CharField("police identifier", max_length=50, blank=True)
    social_care_id = models.CharField("social care identifier (Mosaic)", max_length=50, blank=True)
    national_id = models.CharField(
        "national identifier", max_length=50, blank=True, help_text="For example the PNC number or the UPN.",
    )
    created_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "child"
        verbose_name_plural = "children"
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["service", "family_name", "given_name"], name="child_service_name_idx"),
            models.Index(fields=["family_name", "given_name"], name="child_name_idx"),
            models.Index(fields=["preferred_name"], name="child_preferred_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.reference})"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.given_name:
            return f"{self.preferred_name} {self.family_name}"
        return self.full_name

    def age_on(self, on: dt.date) -> int:
        """Age in whole years on a date (a child born on 29 February turns a year older on 1 March)."""
        birthday_not_yet = (on.month, on.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return on.year - self.date_of_birth.year - (1 if birthday_not_yet else 0)

    def current_address(self) -> "ChildAddress | None":
        return self.addresses.order_by("-from_date", "-recorded_at", "-id").first()

    def current_circumstance(self, kind: str) -> "ChildCircumstance | None":
        return self.circumstances.filter(kind=kind).order_by("-from_date", "-recorded_at", "-id").first()


class ChildAddress(AppendOnlyModel):
    """Where a child lives from a date. A move, or a correction, is a new row."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="addresses", verbose_name="child")
    line_1 = models.CharField("address line 1", max_length=100)
    line_2 = models.CharField("address line 2", max_length=100, blank=True)
    town = models.CharField("town or city", max_length=100)
    postcode = models.CharField("postcode", max_length=10)
    locality = models.CharField("locality", max_length=50, blank=True, help_text="For example North, South or West.")
    from_date = models.DateField("from")
    recorded_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="recorded by",
    )
    recorded_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "child's address"
        verbose_name_plural = "children's addresses"
        ordering = ["-from_date", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["child", "from_date"], name="address_child_from_idx")]

    def __str__(self) -> str:
        return f"{self.line_1}, {self.town} {self.postcode} (from {self.from_date:%d %b %Y})"


class ChildCircumstance(AppendOnlyModel):
    """A change in a child's circumstances from a date: care status, social worker, accommodation, ETE or SEND plan."""

    class Kind(models.TextChoices):
        CARE_STATUS = "care_status", "Care status"
        SOCIAL_WORKER = "social_worker", "Allocated social worker"
        ACCOMMODATION = "accommodation", "Accommodation"
        ETE_STATUS = "ete_status", "Education, training or employment"
        SEND_PLAN = "send_plan", "SEND plan"

    class CareStatus(models.TextChoices):
        LOOKED_AFTER = "looked_after", "Looked after"
        CHILD_IN_NEED = "child_in_need", "Child in need"
        CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
        NONE = "none", "None"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="circumstances", verbose_name="child")
    kind = models.CharField("what changed", max_length=20, choices=Kind.choices)
    value = models.CharField("value", max_length=200)
    detail = LimitedTextField("detail", max_length=2000, blank=True)
    from_date = models.DateField("from")
    recorded_by = models.ForeignKey(
        "workforce.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="recorded by",
    )
    recorded_at = models.DateTimeField("recorded at", default=now)

    class Meta:
        verbose_name = "child's circumstance"
        verbose_name_plural = "children's circumstances"
        ordering = ["-from_date", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["child", "kind", "from_date"], name="circumstance_child_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value_display} (from {self.from_date:%d %b %Y})"

    @property
    def value_display(self) -> str:
        if self.kind == self.Kind.CARE_STATUS and self.value in self.CareStatus.values:
            return str(self.CareStatus(self.value).label)
        return self.value

    def clean(self) -> None:
        if self.kind == self.Kind.CARE_STATUS and self.value not in self.CareStatus.values:
            raise ValidationError({"value": CARE_STATUS_VALUE_INVALID})


class Person(models.Model):
    """A parent or carer, or a professional, who may be related to one or more children."""

    class Kind(models.TextChoices):
        PARENT_CARER = "parent_carer", "Parent or carer"
        PROFESSIONAL = "professional", "Professional"

    service = models.ForeignKey(
        "workforce.Service", on_delete=models.PROTECT, related_name="people", verbose_name="service",
    )
    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField("email address", max_length=200, blank=True)
    address = LimitedTextField("address", max_length=500, blank=True)
    kind = models.CharField("kind", max_length=20, choices=Kind.choices)
    organisation = models.CharField("organisation", max_length=200, blank=True)
    job_title = models.CharField("job title", max_length=100, blank=True)

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["service", "family_name", "given_name"], name="person_service_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class ChildRelationship(models.Model):
    """How a person is related to a child, whether they hold parental responsibility and receive copies of letters."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships", verbose_name="child")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships", verbose_name="person")
    relationship = models.CharField("relationship to the child", max_length=100, help_text='For example "Mother".')
    parental_responsibility = models.BooleanField("has parental responsibility", default=False)
    receives_letters = models.BooleanField("receives copies of letters", default=False)

    class Meta:
        verbose_name = "relationship"
        ordering = ["-parental_responsibility", "person__family_name"]
        constraints = [
            models.UniqueConstraint(fields=["child", "person"], name="relationship_child_person_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.relationship} of {self.child.full_name})"


class Victim(models.Model):
    """A victim of an offence, kept apart from the child's record. Contact details are restricted (see selectors)."""

    class ConsentBy(models.TextChoices):
        PYJS_VICTIM_WORKER = "pyjs_victim_worker", "The service's victim worker"
        POLICE = "police", "The police"
        NONE = "none", "Not yet asked"

    service = models.ForeignKey(
        "workforce.Service", on_delete=models.PROTECT, related_name="victims", verbose_name="service",
    )
    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField("email address", max_length=200, blank=True)
    address = LimitedTextField("address", max_length=500, blank=True)
    consent_to_contact = models.BooleanField("consents to contact", default=False)
    consent_by = models.CharField(
        "consent asked by", max_length=30, choices=ConsentBy.choices, default=ConsentBy.NONE,
    )
    notes = LimitedTextField("notes", max_length=5000, blank=True)

    class Meta:
        verbose_name = "victim"
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class VictimLink(models.Model):
    """Links a victim to a case (and, where known, to the offence)."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="links", verbose_name="victim")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="victim_links", verbose_name="case")
    offence = models.ForeignKey(
        "cases.Offence", on_delete=models.SET_NULL, null=True, blank=True, related_name="victim_links",
        verbose_name="offence",
    )

    class Meta:
        verbose_name = "victim link"
        constraints = [models.UniqueConstraint(fields=["victim", "case"], name="victim_link_unique")]

    def __str__(self) -> str:
        return f"{self.victim} on {self.case}"
