"""Writes for children, their history rows, their parents/carers and professionals, and victims.

Keyword-only, one transaction each, full_clean() before saving. A child's address and circumstances are never
overwritten: each change is a new history row. A change of address of a child with open cases is also written to
each open case's chronology (`address.changed`), because the transfer rules start from it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waypoint.cases.models import Case, Offence
from waypoint.cases.services import event_record
from waypoint.core.models import Gender, now, provisional_reference, today
from waypoint.workforce.models import Service, StaffMember

from .models import Child, ChildAddress, ChildCircumstance, ChildRelationship, Person, Victim, VictimLink

CHILD_GIVEN_NAME_MISSING = "Enter the child's first name"
CHILD_FAMILY_NAME_MISSING = "Enter the child's last name"
CHILD_DATE_OF_BIRTH_MISSING = "Enter the child's date of birth"
CHILD_DATE_OF_BIRTH_IN_FUTURE = "The date of birth must be in the past"
CHILD_DATE_OF_BIRTH_TOO_EARLY = "The date of birth must be within the last 25 years"
CHILD_GENDER_MISSING = "Select the child's gender"
CHILD_OPTIONAL_FIELD_UNKNOWN = "Unknown detail for a child"
HISTORY_DATE_IN_FUTURE = "The date must be today or in the past"
HISTORY_DATE_BEFORE_BIRTH = "The date must be on or after the child's date of birth"
ACTOR_OTHER_SERVICE = "You can only change records in your own service"
VICTIM_LINK_OTHER_SERVICE = "Select a case from the victim's service"

# The oldest a child on the service's books can be: youth justice work runs to 18, and some records (transitions
# to adult services, old offences) stay open into the early twenties.
MAX_AGE_YEARS = 25

CHILD_OPTIONAL_FIELDS = frozenset({
    "preferred_name", "gender_differs_from_birth", "ethnicity", "first_language", "send", "slcn", "police_id",
    "social_care_id", "national_id",
})


def _require_same_service(actor: StaffMember, service_id: int) -> None:
    if actor.service_id != service_id:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def child_create(
    *,
    service: Service,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None,
    gender: str,
    actor: StaffMember,
    **optional: Any,
) -> Child:
    """Record a child known to the service; the child reference (WP-00042) is given from the record's id.

    `optional` takes the other details of a child: preferred_name, gender_differs_from_birth, ethnicity,
    first_language, send, slcn, police_id, social_care_id, national_id.
    """
    _require_same_service(actor, service.pk)
    unknown = set(optional) - CHILD_OPTIONAL_FIELDS
    if unknown:
        raise ValidationError({name: CHILD_OPTIONAL_FIELD_UNKNOWN for name in sorted(unknown)})
    given_name, family_name = (given_name or "").strip(), (family_name or "").strip()
    errors: dict[str, str] = {}
    if not given_name:
        errors["given_name"] = CHILD_GIVEN_NAME_MISSING
    if not family_name:
        errors["family_name"] = CHILD_FAMILY_NAME_MISSING
    if date_of_birth is None:
        errors["date_of_birth"] = CHILD_DATE_OF_BIRTH_MISSING
    elif date_of_birth > today():
        errors["date_of_birth"] = CHILD_DATE_OF_BIRTH_IN_FUTURE
    elif date_of_birth < _years_before(today(), MAX_AGE_YEARS):
        errors["date_of_birth"] = CHILD_DATE_OF_BIRTH_TOO_EARLY
    if gender not in Gender.values:
        errors["gender"] = CHILD_GENDER_MISSING
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child(
            service=service, reference=provisional_reference(), given_name=given_name, family_name=family_name,
            date_of_birth=date_of_birth, gender=gender, created_at=now(),
            **{key: value.strip() if isinstance(value, str) else value for key, value in optional.items()},
        )
        child.full_clean()
        child.save()
        child.reference = f"WP-{child.pk:05d}"
        child.save(update_fields=["reference"])
        return child


def _check_history_date(child: Child, from_date: dt.date) -> None:
    if from_date > today():
        raise ValidationError({"from_date": HISTORY_DATE_IN_FUTURE})
    if from_date < child.date_of_birth:
        raise ValidationError({"from_date": HISTORY_DATE_BEFORE_BIRTH})


def child_address_record(
    *,
    child: Child,
    line_1: str,
    town: str,
    postcode: str,
    from_date: dt.date,
    actor: StaffMember,
    line_2: str = "",
    locality: str = "",
) -> ChildAddress:
    """Record where a child lives from a date. After the first address, each open case hears `address.changed`."""
    _require_same_service(actor, child.service_id)
    _check_history_date(child, from_date)
    with transaction.atomic():
        is_a_move = child.addresses.exists()
        address = ChildAddress(
            child=child, line_1=line_1.strip(), line_2=line_2.strip(), town=town.strip(),
            postcode=postcode.strip().upper(), locality=locality.strip(), from_date=from_date, recorded_by=actor,
            recorded_at=now(),
        )
        address.full_clean()
        address.save()
        if is_a_move:
            for case in Case.objects.filter(child=child).exclude(status=Case.Status.CLOSED):
                event_record(
                    type="address.changed", occurred_at=from_date, actor=actor, case=case,
                    data={"locality": address.locality} if address.locality else {},
                )
        return address


def child_circumstance_record(
    *,
    child: Child,
    kind: str,
    value: str,
    detail: str = "",
    from_date: dt.date,
    actor: StaffMember,
) -> ChildCircumstance:
    """Record a change in a child's circumstances (care status, social worker, accommodation, ETE, SEND plan)."""
    _require_same_service(actor, child.service_id)
    _check_history_date(child, from_date)
    with transaction.atomic():
        row = ChildCircumstance(
            child=child, kind=kind, value=(value or "").strip(), detail=(detail or "").strip(), from_date=from_date,
            recorded_by=actor, recorded_at=now(),
        )
        row.full_clean()
        row.save()
        return row


def person_create(
    *,
    service: Service,
    given_name: str,
    family_name: str,
    kind: str,
    actor: StaffMember,
    phone: str = "",
    email: str = "",
    address: str = "",
    organisation: str = "",
    job_title: str = "",
) -> Person:
    """Record a parent/carer or a professional."""
    _require_same_service(actor, service.pk)
    with transaction.atomic():
        person = Person(
            service=service, given_name=given_name.strip(), family_name=family_name.strip(), kind=kind,
            phone=phone.strip(), email=email.strip(), address=address.strip(), organisation=organisation.strip(),
            job_title=job_title.strip(),
        )
        person.full_clean()
        person.save()
        return person


def child_relationship_record(
    *,
    child: Child,
    person: Person,
    relationship: str,
    actor: StaffMember,
    parental_responsibility: bool = False,
    receives_letters: bool = False,
) -> ChildRelationship:
    """Record how a person is related to a child (and whether they hold parental responsibility, receive letters)."""
    _require_same_service(actor, child.service_id)
    _require_same_service(actor, person.service_id)
    with transaction.atomic():
        link = ChildRelationship(
            child=child, person=person, relationship=relationship.strip(),
            parental_responsibility=parental_responsibility, receives_letters=receives_letters,
        )
        link.full_clean()
        link.save()
        return link


def victim_record(
    *,
    service: Service,
    given_name: str,
    family_name: str,
    actor: StaffMember,
    case: Case | None = None,
    offence: Offence | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    consent_to_contact: bool = False,
    consent_by: str = Victim.ConsentBy.NONE,
    notes: str = "",
) -> Victim:
    """Record a victim (apart from the child's record), linked to a case and offence when given."""
    _require_same_service(actor, service.pk)
    if case is not None and case.service_id != service.pk:
        raise ValidationError({"case": VICTIM_LINK_OTHER_SERVICE})
    with transaction.atomic():
        victim = Victim(
            service=service, given_name=given_name.strip(), family_name=family_name.strip(), phone=phone.strip(),
            email=email.strip(), address=address.strip(), consent_to_contact=consent_to_contact,
            consent_by=consent_by, notes=notes.strip(),
        )
        victim.full_clean()
        victim.save()
        if case is not None:
            link = VictimLink(victim=victim, case=case, offence=offence)
            link.full_clean()
            link.save()
        return victim
