"""Shared base pieces of the domain model: the product clock, append-only rows, and the genders used by staff and children.

- `now()` / `today()` are the product clock. Services use it rather than `timezone.now()` so that the demo data
  (and tests) can record events "as of" a fixed moment with `frozen_clock(...)`; rules never read the clock at all,
  they take `as_of`.
- `AppendOnlyModel` is the base of every row that must never be edited or deleted once written: chronology events
  and the history rows of a child's circumstances. A correction is a new row.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import uuid
from collections.abc import Iterator

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

_frozen_now: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("waypoint_frozen_now", default=None)


def now() -> dt.datetime:
    """The current moment (UTC, aware), or the moment set by `frozen_clock`."""
    frozen = _frozen_now.get()
    return frozen if frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in Europe/London (the service's own calendar), from `now()`."""
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen_clock(moment: dt.datetime) -> Iterator[None]:
    """Make `now()` return `moment` inside the block (demo data, tests). `moment` must be timezone-aware."""
    if timezone.is_naive(moment):
        raise ValueError("frozen_clock needs an aware datetime")
    token = _frozen_now.set(moment)
    try:
        yield
    finally:
        _frozen_now.reset(token)


def provisional_reference() -> str:
    """A unique placeholder reference for a row until it has its id (references are built from the id)."""
    return f"pending-{uuid.uuid4().hex[:12]}"


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row that is append-only."""


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk update and delete would bypass the model's refusal, so they refuse too."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: write a new row instead of updating")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only and cannot be deleted")

    def _file_once(self, **kwargs) -> int:
        """Set fields that are still empty on existing rows, for the one sanctioned case (see Event.file_under_case).

        Only the filing location may change this way; the content of a row never does.
        """
        return super().update(**kwargs)


class AppendOnlyModel(models.Model):
    """A row that is written once: save() on an existing row and delete() both raise AppendOnlyError."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only: write a new row instead of editing")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only and cannot be deleted")


class LimitedTextField(models.TextField):
    """A TextField whose max_length is checked by full_clean() (Django only passes it to form widgets)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))


class Gender(models.TextChoices):
    """Gender identity, as recorded for children and staff (allocation rules may consider the worker's gender)."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"
