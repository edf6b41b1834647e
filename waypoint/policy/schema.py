"""The policy-pack format: pydantic models for the YAML, and the error messages an author sees.

A pack is one YAML file: metadata, the interpretation options it offers and its rules. The models here check
the shape (unknown keys are errors, types are strict); ``waypoint.policy.engine.compile_pack`` then checks the
meaning (patterns against the vocabulary, option and owner names, registered checks) and builds the runtime
form. Every error names its place in the file, e.g. ``rules[3] (wok.cr.recording.2wd).due.working_days``.
docs/policy-packs.md is the authors' guide to this format.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from waypoint.policy.calendar import WEEKDAY_NAMES
from waypoint.policy.vocabulary import PROGRAMMES, ROLES

Kind = Literal[
    "deadline", "cadence", "minimum", "conditional", "escalation", "allocation", "validation", "document", "process"
]
Strength = Literal["must", "should", "good_practice", "may"]

RULE_ID = re.compile(r"^[a-z]+(\.[a-z0-9-]+)+$")
DUE_KINDS = (
    "working_days", "days", "weeks", "months", "hours", "next_weekday", "programme_week", "order_week",
    "same_working_day", "none",
)
CALENDAR_KINDS = frozenset({"days", "weeks", "months", "next_weekday", "order_week"})
# Built-in options: the catalogue's general interpretations (§1.2, §1.3), read by the engine for every pack.
# The first choice is the default, the catalogue's reading. docs/policy-packs.md §7 describes each.
BUILTIN_OPTIONS = {
    # §1.2 day counting, §1.3 (f): a calendar-counted due date on the person's non-working day.
    "due_on_non_working_day": ("keep", "previous_working_day", "next_working_day"),
    # §1.2 working days (Wokingham): recorded leave and sickness (worker.absences, staff.<role>.absences).
    "leave_and_sickness_days": ("counted", "removed"),
    # §1.2 working days (Wokingham): after a reallocation, whose pattern counts the days of a running clock.
    "reallocation_pattern": ("new_worker_from_reallocation", "worker_at_trigger"),
    # §1.2 working days: the pack's own basis (owner: Wokingham; office_week: Nottinghamshire), or one for all.
    "working_days_basis": ("as_pack", "own_pattern", "office_week"),
    # §1.2 part-time: the HR contract (worker.part_time) if recorded, or fewer than five working days.
    "part_time_means": ("contract", "fewer_than_five_days"),
    # §1.2 hours: elapsed clock hours, nights and weekends included, or (whole days of hours) working days.
    "hours_means": ("elapsed", "working_days"),
    # §1.2 hours: an exact due_at, or by the end of that day.
    "hours_due": ("exact_time", "end_of_day"),
    # §1.2 beginning of the month: the worker's first working day of the month, or the 1st.
    "month_start_due": ("first_working_day", "first_calendar_day"),
    # §1.2 week N of the programme, §1.3 (g): week 1 is the week after the allocation week, or that week.
    "programme_week_one": ("week_after_allocation", "allocation_week"),
    # §1.2 week N of the programme, §1.3 (g): a duty in week N is due on the last working day, or the Sunday.
    "programme_week_due": ("last_working_day", "end_of_week"),
    # §1.2 monthly: a rolling month since the previous occurrence, or once in each calendar month.
    "monthly_means": ("rolling_month", "each_calendar_month"),
    # §1.2 week N / first 4 weeks (002 YRO): days 7(N-1)..7N-1 from the start, or the programme weeks of 000/001.
    "order_week_means": ("days_from_start", "programme_weeks"),
    # §1.2 mid-point of the order, §1.3 (g): start + floor(D / 2) days, or rounded up.
    "order_midpoint": ("round_down", "round_up"),
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Source(Strict):
    document: str = Field(description="A key of the pack's `documents`.")
    section: str
    quote: str


class Option(Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    choices: list[str] = Field(min_length=2)
    default: str
    rules: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def default_is_a_choice(self) -> Option:
        if self.default not in self.choices:
            raise ValueError(f"default {self.default!r} is not one of the choices {self.choices}")
        return self


class Due(Strict):
    """One due expression. Exactly one of the kinds in DUE_KINDS; `when` picks among alternatives."""

    when: dict[str, Any] | None = None
    because: str | None = None
    working_days: int | None = Field(None, ge=0)
    days: int | None = Field(None, ge=0)
    weeks: int | None = Field(None, ge=0)
    months: int | None = Field(None, ge=0)
    hours: int | None = Field(None, ge=0)
    next_weekday: Literal[WEEKDAY_NAMES] | None = None  # type: ignore[valid-type]
    programme_week: int | None = Field(None, ge=1)
    order_week: int | None = Field(None, ge=1)
    same_working_day: Literal[True] | None = None
    none: Literal[True] | None = None
    before: bool = False
    from_: str = Field("trigger", alias="from")
    of: Literal[ROLES] | None = None  # type: ignore[valid-type]  # whose working days; default the owner
    non_working_day: Literal["keep", "previous_working_day", "next_working_day"] | None = None
    _kind: str = PrivateAttr("")

    @model_validator(mode="after")
    def one_kind(self) -> Due:
        given = [kind for kind in DUE_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(DUE_KINDS)} (found {', '.join(given) or 'none'})")
        if self.before and given[0] not in ("working_days", "days", "weeks", "months", "hours"):
            raise ValueError(f"'before' counts back and works with days, weeks, months, hours or working_days, "
                             f"not {given[0]}")
        self._kind = given[0]
        return self

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def amount(self) -> Any:
        return getattr(self, self.kind)


FACT_REF = re.compile(r"^facts\.[a-z][a-z0-9_]*$")


class Interval(Strict):
    """A cadence's interval: a whole number of one unit, or ``facts.<name>``, a whole-number fact of the case
    holding the interval agreed for it ("at a frequency to be agreed": ``every: {weeks: facts.host_contact_weeks}``)."""

    days: int | str | None = None
    weeks: int | str | None = None
    months: int | str | None = None
    working_days: int | str | None = None

    @model_validator(mode="after")
    def one_unit(self) -> Interval:
        given = [unit for unit in ("days", "weeks", "months", "working_days") if getattr(self, unit) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of days, weeks, months, working_days")
        value = getattr(self, given[0])
        if isinstance(value, str) and not FACT_REF.match(value):
            raise ValueError(f"{given[0]}: a whole number or facts.<name>, not {value!r}")
        if isinstance(value, int) and value < 1:
            raise ValueError(f"{given[0]}: at least 1")
        return self

    @property
    def unit(self) -> str:
        return next(unit for unit in ("days", "weeks", "months", "working_days") if getattr(self, unit) is not None)

    @property
    def fact(self) -> str | None:
        """The name of the fact holding the interval, if it is agreed case by case."""
        value = getattr(self, self.unit)
        return value[len("facts."):] if isinstance(value, str) else None

    def as_due(self) -> Due:
        value = getattr(self, self.unit)
        return Due(**{self.unit: 1 if isinstance(value, str) else value})


class Recurrence(Strict):
    """``every``: one interval, or a list of due alternatives (as ``due``: the first whose ``when`` holds, the last
    with none), each counted from the previous occurrence, so that an option can choose the interval."""

    every: Interval | list[Due]
    while_: dict[str, Any] | None = Field(None, alias="while")

    @model_validator(mode="after")
    def alternatives(self) -> Recurrence:
        if isinstance(self.every, list):
            if not self.every:
                raise ValueError("every: give an interval or a list of due alternatives")
            if self.every[-1].when is not None:
                raise ValueError("every: the last alternative must have no `when`, so that one always applies")
            for item in self.every:
                if item.from_ != "trigger" or item.before or item.kind == "none":
                    raise ValueError("every: each alternative counts on from the previous occurrence (no `from`, "
                                     "`before` or `none`)")
        return self


class Misses(Strict):
    in_a_row: int | None = Field(None, ge=1)
    in_total: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def some(self) -> Misses:
        if self.in_a_row is None and self.in_total is None:
            raise ValueError("give in_a_row, in_total or both")
        return self


class Trigger(Strict):
    event: list[str] | None = None
    nth: int | None = Field(None, ge=1)
    after: str | None = None
    misses: Misses | None = None
    predicate: str | None = None
    label: str | None = None

    @model_validator(mode="before")
    @classmethod
    def shorthand(cls, value: Any) -> Any:
        if isinstance(value, (str, list)):
            value = {"event": value}
        if isinstance(value, dict) and isinstance(value.get("event"), str):
            value = {**value, "event": [value["event"]]}
        return value

    @model_validator(mode="after")
    def event_or_predicate(self) -> Trigger:
        if bool(self.event) == bool(self.predicate):
            raise ValueError("give either event (one pattern or a list) or predicate")
        if self.misses and self.event and any(not item.startswith("appointment.missed") for item in self.event):
            raise ValueError("misses counts missed appointments: the event must be appointment.missed")
        return self


class Window(Strict):
    """A date attribute of the evidence that must fall in [trigger date, trigger date + the interval)."""

    field: str
    days: int | None = Field(None, ge=1)
    weeks: int | None = Field(None, ge=1)
    months: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def one_unit(self) -> Window:
        if sum(1 for unit in ("days", "weeks", "months") if getattr(self, unit) is not None) != 1:
            raise ValueError("give exactly one of days, weeks, months")
        return self


class MetBy(Strict):
    when: dict[str, Any] | None = None  # this alternative counts only when the condition holds (on the trigger)
    event: str | None = None
    all: list[str] | None = None
    self_: Literal[True] | None = Field(None, alias="self")
    before: str | None = None
    same: list[str] = Field(default_factory=list)
    count: int = Field(1, ge=1)
    on_working_day: bool = False
    date_field: str | None = None
    since: str = "trigger"
    by_due: bool = False
    one_each: bool = False
    window: Window | None = None

    @model_validator(mode="before")
    @classmethod
    def shorthand(cls, value: Any) -> Any:
        return {"event": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def one_form(self) -> MetBy:
        forms = [name for name in ("event", "all", "self_") if getattr(self, name) is not None]
        if len(forms) != 1:
            raise ValueError("give exactly one of event, all or self")
        return self


class Rule(Strict):
    id: str
    title: str
    kind: Kind
    strength: Strength | None = None
    owner: Literal[ROLES] | None = None  # type: ignore[valid-type]
    source: Source
    interpretation: str | None = None
    applies_when: dict[str, Any] | None = None
    trigger: Trigger | None = None
    due: list[Due] | None = None
    met_by: list[MetBy] = Field(default_factory=list)
    recurrence: Recurrence | None = None
    ends_when: list[str] = Field(default_factory=lambda: ["case.closed"])
    not_applicable_when: list[str] = Field(default_factory=list)
    check: str | None = None
    options: list[str] = Field(default_factory=list)
    retired: bool = False

    @field_validator("id")
    @classmethod
    def catalogue_id(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(f"{value!r} is not a catalogue id (dotted lower-case, e.g. wok.cr.recording.2wd)")
        return value

    @model_validator(mode="before")
    @classmethod
    def shorthand(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        value = dict(value)
        if isinstance(value.get("due"), dict):
            value["due"] = [value["due"]]
        if isinstance(value.get("met_by"), (str, dict)):
            value["met_by"] = [value["met_by"]]
        if isinstance(value.get("ends_when"), str):
            value["ends_when"] = [value["ends_when"]]
        if isinstance(value.get("not_applicable_when"), str):
            value["not_applicable_when"] = [value["not_applicable_when"]]
        return value

    @model_validator(mode="after")
    def coherent(self) -> Rule:
        if self.trigger is None and self.check is None and not self.retired:
            raise ValueError("a rule needs a trigger, a check, or both")
        if self.trigger is not None and self.owner is None:
            raise ValueError("a triggered rule needs an owner (a role slug)")
        if self.recurrence is None and self.due and len(self.due) > 1 and self.due[-1].when is not None:
            raise ValueError("the last due alternative must have no `when`, so that one always applies")
        return self


class Pack(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")
    service: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    programmes: list[Literal[PROGRAMMES]] | Literal["service_wide"]  # type: ignore[valid-type]
    version: str
    effective: date
    review: date
    working_days: Literal["owner", "office_week"] = "owner"
    documents: dict[str, str] = Field(min_length=1)
    options: list[Option] = Field(default_factory=list)
    rules: list[Rule]

    @model_validator(mode="after")
    def consistent(self) -> Pack:
        if not self.id.startswith(self.service + "/") and not self.id.startswith(self.service.replace("_", "-") + "/"):
            raise ValueError(f"the pack id {self.id!r} must start with its service, {self.service!r}/")
        return self


class ServiceConfig(Strict):
    """``waypoint/packs/<service>/service.yaml``: what a service sets for all its packs."""

    service: str
    name: str
    closures: list[date] = Field(default_factory=list)
    options: dict[str, str] = Field(default_factory=dict)
    default_working_days: list[Literal[WEEKDAY_NAMES]] | None = None  # type: ignore[valid-type]


class PackError(ValueError):
    """A pack (or service configuration) that cannot be used; ``problems`` lists each error with its place."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        super().__init__(f"{where}: " + "; ".join(problems) if len(problems) == 1 else
                         f"{where} has {len(problems)} problems:\n  " + "\n  ".join(problems))


def location(loc: tuple[Any, ...], data: Any) -> str:
    """A YAML path such as rules[3] (wok.cr.recording.2wd).due[0].working_days from a pydantic error location."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" ({node['id']})"
            else:
                node = None
            parts.append(label)
        else:
            if str(item) in ("function-after", "function-before") or "[" in str(item):
                continue
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def readable_errors(error: ValidationError, data: Any) -> list[str]:
    problems = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "string_type" and isinstance(item.get("input"), (int, float)):
            message += " (put quotes round it, e.g. version: \"1.0\")"
        if item["type"] == "extra_forbidden":
            message = "unknown key (check the spelling against docs/policy-packs.md)"
        problems.append(f"{location(item['loc'], data)}: {message}")
    return sorted(set(problems), key=problems.index)


def parse_pack(data: Any, where: str) -> Pack:
    try:
        return Pack.model_validate(data)
    except ValidationError as error:
        raise PackError(where, readable_errors(error, data)) from None


def parse_service(data: Any, where: str) -> ServiceConfig:
    try:
        return ServiceConfig.model_validate(data)
    except ValidationError as error:
        raise PackError(where, readable_errors(error, data)) from None
