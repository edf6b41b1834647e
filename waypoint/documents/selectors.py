"""Reads for letters: a case's letters (template version and appointments joined), a letter the user may see, the
templates a service uses (the latest version of each type, or the built-in one not yet used) and a template's
versions."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from waypoint.appointments.models import Appointment
from waypoint.cases.models import Case
from waypoint.cases.selectors import case_get_for_user
from waypoint.core.models import now

from .defaults import DEFAULTS
from .models import Letter, LetterTemplate, LetterType


def case_letters(case: Case) -> QuerySet[Letter]:
    return (Letter.objects.filter(case=case).select_related("template", "created_by", "sent_recorded_by")
            .prefetch_related("appointments").order_by("-created_at", "-id"))


def letters_section(case: Case, staff) -> dict:
    """The case page's Letters section (one context entry of cases.views.case_detail)."""
    from .services import can_edit_templates

    return {"letters": list(case_letters(case)), "can_edit_templates": can_edit_templates(staff)}


def letter_get_for_user(*, user, letter_id: int) -> Letter:
    """The letter, if its case is one the user may see (Http404 / PermissionDenied otherwise, as for cases)."""
    letter = (Letter.objects.select_related("template", "created_by", "sent_recorded_by")
              .prefetch_related("appointments").filter(pk=letter_id).first())
    if letter is None:
        raise Http404("No such letter")
    letter.case = case_get_for_user(user=user, case_id=letter.case_id)
    return letter


def upcoming_appointments(case: Case) -> QuerySet[Appointment]:
    """The case's appointments that have not started yet, which a letter can be about."""
    return (Appointment.objects.filter(case=case, starts_at__gt=now()).select_related("staff")
            .order_by("starts_at", "id"))


@dataclass(frozen=True)
class TemplateInForce:
    letter_type: LetterType
    title: str
    body: str
    version: int
    built_in: bool
    saved_by: str
    saved_at: object


def service_templates(service) -> list[TemplateInForce]:
    """For each type of letter, the version new letters will use: the latest saved, or the built-in default."""
    latest: dict[str, LetterTemplate] = {}
    for row in LetterTemplate.objects.filter(service=service).select_related("created_by").order_by("version"):
        latest[row.letter_type] = row
    found = []
    for letter_type in LetterType:
        row = latest.get(letter_type.value)
        if row is None:
            title, body = DEFAULTS[letter_type]
            found.append(TemplateInForce(letter_type, title, body, 1, True, "", None))
        else:
            found.append(TemplateInForce(letter_type, row.title, row.body, row.version, row.is_built_in,
                                         row.created_by.display_name if row.created_by else "", row.created_at))
    return found


def template_for(service, letter_type: str) -> TemplateInForce:
    return next(t for t in service_templates(service) if t.letter_type == letter_type)


def template_versions(service, letter_type: str) -> QuerySet[LetterTemplate]:
    return (LetterTemplate.objects.filter(service=service, letter_type=letter_type).select_related("created_by")
            .order_by("-version"))
