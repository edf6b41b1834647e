"""Form pieces in GOV.UK style: the date input (day, month, year) and error messages written as the Design System asks.

GOV.UK error messages name the field and say how to fix it ("Enter the date of birth", "Date of birth must be a real
date"). Forms set `label` on each field; these helpers build the messages from it.
"""
from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from .models import today as product_today


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes (Day, Month, Year) rendered by the GOV.UK date-input macro."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")]


class GovukDateField(forms.Field):
    """A date from three boxes, with GOV.UK messages. `not_in_future`/`not_in_past` bound it against `today`.

    `today` is a callable; by default the product clock (waypoint.core.models.today), which tests can freeze.
    """

    widget = GovukDateWidget

    def __init__(self, *, not_in_future: bool = False, not_in_past: bool = False, earliest: dt.date | None = None,
                 today=None, **kwargs):
        self.not_in_future = not_in_future
        self.not_in_past = not_in_past
        self.earliest = earliest or dt.date(1900, 1, 1)
        self.today = today or product_today
        # A message the form gives for a missing date wins over the one built from the label.
        self.required_message = (kwargs.get("error_messages") or {}).get("required")
        super().__init__(**kwargs)

    @property
    def _name(self) -> str:
        return str(self.label or "The date")

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        day, month, year = (value or ["", "", ""])
        if not (day or month or year):
            return None
        missing = [part for part, text in (("day", day), ("month", month), ("year", year)) if not text]
        if missing:
            raise ValidationError(f"{self._name} must include a {' and a '.join(missing)}", code="incomplete")
        try:
            d, m, y = int(day), int(month), int(year)
        except ValueError:
            raise ValidationError(f"{self._name} must be a real date", code="invalid")
        if y < 1000 or y > 9999:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return dt.date(y, m, d)
        except ValueError:
            raise ValidationError(f"{self._name} must be a real date", code="invalid")

    def validate(self, value):
        if value is None:
            if self.required:
                raise ValidationError(self.required_message or f"Enter {self._lower_name()}", code="required")
            return
        today = self.today()
        if self.not_in_future and value > today:
            raise ValidationError(f"{self._name} must be today or in the past", code="future")
        if self.not_in_past and value < today:
            raise ValidationError(f"{self._name} must be today or in the future", code="past")
        if value < self.earliest:
            raise ValidationError(f"{self._name} must be after {self.earliest.day} {self.earliest:%B %Y}",
                                  code="too_early")

    def _lower_name(self) -> str:
        name = self._name
        return name[0].lower() + name[1:] if name and not name[:2].isupper() else name


def govuk_error_messages(label: str, *, max_length: int | None = None, kind: str = "text") -> dict[str, str]:
    """Standard error messages for a field, in GOV.UK wording."""
    lower = label[0].lower() + label[1:]
    verb = "Select" if kind == "choice" else "Enter"
    messages = {
        "required": f"{verb} {lower}",
        "invalid_choice": f"Select {lower}",
        "invalid": f"Enter a real {lower}" if kind != "number" else f"{label} must be a number",
        "invalid_pk_value": f"Select {lower}",
    }
    if max_length:
        messages["max_length"] = f"{label} must be {max_length} characters or fewer"
    return messages


def _django_default_messages(field) -> set[str]:
    defaults: set[str] = set()
    for klass in type(field).__mro__:
        defaults.update(str(m) for m in getattr(klass, "default_error_messages", {}).values())
    return defaults


class GovukFormMixin:
    """Gives every field GOV.UK error messages built from its label, keeping any message the form set itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        for field in self.fields.values():
            label = str(field.label or "")
            if not label:
                continue
            if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
                kind = "choice"
            elif isinstance(field, (forms.IntegerField, forms.DecimalField)):
                kind = "number"
            else:
                kind = "text"
            django_defaults = _django_default_messages(field)
            for code, message in govuk_error_messages(
                label, max_length=getattr(field, "max_length", None), kind=kind
            ).items():
                current = field.error_messages.get(code)
                if current is None or str(current) in django_defaults or code == "max_length":
                    field.error_messages[code] = message


def add_service_errors(form: forms.Form, error: ValidationError, field_names: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: each message against the field it is about.

    Services key their errors by argument name ("received_on", "staff"); `field_names` maps any that differ from the
    form's own field names. An error about something the form has no field for goes in the error summary alone.
    """
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, errors in error.error_dict.items():
        field = field_names.get(key, key)
        target = field if field in form.fields else None
        for message in ValidationError(errors).messages:
            form.add_error(target, message)
