"""Scenario files: one case's story as JSON (shared/scenario-format.md), read and checked against the vocabulary.

``parse_scenario`` turns the JSON into a ``CaseInput`` for the engine. Anything wrong raises ``InputError`` naming
the JSON path (``events[3].at``); keys the vocabulary does not know are reported through ``warn`` and ignored.
``scenario_json_schema`` publishes the same vocabulary as a JSON Schema (docs/scenario-schema.json).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from waypoint.policy.calendar import WEEKDAY_NAMES
from waypoint.policy.engine import CaseInput
from waypoint.policy.events import assign_ids, parse_day, parse_when
from waypoint.policy.vocabulary import (
    CHILD_FIELDS, COMMON_ATTRIBUTES, DERIVED_EVENTS, EVENT_TYPES, FACT_FIELDS, PROGRAMMES, REQUIREMENT_FIELDS,
    ROLES, STAFF_FIELDS, WORKER_FIELDS, AttrSpec,
)

TOP_LEVEL = ("service", "programme", "as_of", "worker", "staff", "child", "facts", "options", "service_closures",
             "events")
EVENT_KEYS = ("id", "type", "at", "data")


class InputError(ValueError):
    """Bad scenario input: ``path`` is where in the JSON (``events[3].at``)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass
class Scenario:
    case: CaseInput
    as_of: date
    closures: list[date] = field(default_factory=list)


Warn = Callable[[str], None]


def _check_value(spec: AttrSpec, value: Any, path: str) -> Any:
    """Check one value against its spec; returns it (dates and times parsed to check, but kept as given)."""
    kind = spec.kind
    if kind == "text":
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise InputError(path, f"expected text, not {value!r}")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise InputError(path, f"expected true or false, not {value!r}")
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(path, f"expected a whole number, not {value!r}")
    elif kind == "date":
        try:
            parse_day(value)
        except ValueError:
            raise InputError(path, f"{value!r} is not a date (YYYY-MM-DD)") from None
    elif kind == "datetime":
        try:
            parse_when(value)
        except ValueError as error:
            raise InputError(path, str(error)) from None
    elif kind == "weekdays":
        if not isinstance(value, list) or not value or any(day not in WEEKDAY_NAMES for day in value):
            raise InputError(path, f"expected a list of days from {', '.join(WEEKDAY_NAMES)}, not {value!r}")
    elif kind == "enum":
        items = value if isinstance(value, list) else [value]
        for item in items:
            text = str(item).lower() if not isinstance(item, bool) else str(item).lower()
            if text not in spec.values:
                raise InputError(path, f"{item!r} is not one of {', '.join(spec.values)}")
    elif kind == "object":
        if not isinstance(value, dict):
            raise InputError(path, "expected an object")
    elif kind == "periods":
        if not isinstance(value, list):
            raise InputError(path, "expected a list of periods, each {\"from\": date, \"to\": date}")
        for index, item in enumerate(value):
            here = f"{path}[{index}]"
            if not isinstance(item, dict):
                raise InputError(here, "expected a period {\"from\": date, \"to\": date}")
            for key in item:
                if key not in ("from", "to"):
                    raise InputError(f"{here}.{key}", "a period has only from and to")
            for key in ("from", "to"):
                if key not in item:
                    raise InputError(f"{here}.{key}", "give the first and last day of the period (YYYY-MM-DD)")
            start, end = _date(item["from"], f"{here}.from"), _date(item["to"], f"{here}.to")
            if end < start:
                raise InputError(f"{here}.to", f"{item['to']} is before the period's start, {item['from']}")
    elif kind == "requirements":
        if not isinstance(value, list):
            raise InputError(path, "expected a list of requirements")
        for index, item in enumerate(value):
            _check_object(item, REQUIREMENT_FIELDS, f"{path}[{index}]", None)
            if "type" not in item:
                raise InputError(f"{path}[{index}].type", "each requirement needs a type")
    return value


def _check_object(value: Any, fields: Mapping[str, AttrSpec], path: str, warn: Warn | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(path, "expected an object")
    result = {}
    for key, item in value.items():
        if key not in fields:
            if warn:
                warn(f"{path}.{key}: unknown key, ignored")
            continue
        if item is None:
            continue
        result[key] = _check_value(fields[key], item, f"{path}.{key}")
    return result


def parse_scenario(data: Any, *, warn: Warn = lambda message: None) -> Scenario:
    """Read a scenario document already decoded from JSON."""
    if not isinstance(data, dict):
        raise InputError("", "the scenario must be a JSON object")
    for key in data:
        if key not in TOP_LEVEL:
            warn(f"{key}: unknown key, ignored")
    service = data.get("service")
    if not isinstance(service, str) or not service:
        raise InputError("service", "give the service, e.g. \"wokingham\"")
    programme = data.get("programme")
    if programme is None:
        raise InputError("programme", "give the programme, e.g. \"community_resolution\"")
    if programme not in PROGRAMMES:
        raise InputError("programme", f"{programme!r} is not a programme: use one of {', '.join(PROGRAMMES)}")
    if "as_of" not in data:
        raise InputError("as_of", "give the date to evaluate on, e.g. \"2026-03-20\"")
    as_of = _date(data["as_of"], "as_of")
    worker = _check_object(data.get("worker") or {}, WORKER_FIELDS, "worker", warn)
    staff_raw = data.get("staff") or {}
    if not isinstance(staff_raw, dict):
        raise InputError("staff", "expected an object keyed by role")
    staff = {}
    for role, person in staff_raw.items():
        if role not in ROLES:
            raise InputError(f"staff.{role}", f"not a role: use one of {', '.join(ROLES)}")
        staff[role] = _check_object(person, STAFF_FIELDS, f"staff.{role}", warn)
    child = _check_object(data.get("child") or {}, CHILD_FIELDS, "child", warn)
    facts = _check_object(data.get("facts") or {}, FACT_FIELDS, "facts", warn)
    options = data.get("options") or {}
    if not isinstance(options, dict) or any(not isinstance(value, str) for value in options.values()):
        raise InputError("options", "expected an object of option names and their chosen values (text)")
    closures_raw = data.get("service_closures") or []
    if not isinstance(closures_raw, list):
        raise InputError("service_closures", "expected a list of dates")
    closures = [_date(value, f"service_closures[{i}]") for i, value in enumerate(closures_raw)]
    events_raw = data.get("events") or []
    if not isinstance(events_raw, list):
        raise InputError("events", "expected a list of events")
    raw = [_event(item, f"events[{index}]", warn) for index, item in enumerate(events_raw)]
    case = CaseInput(service=service, programme=programme, events=assign_ids(raw), worker=worker, staff=staff,
                     child=child, facts=facts, options=options)
    return Scenario(case, as_of, closures)


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise InputError(path, f"{value!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(path, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _event(item: Any, path: str, warn: Warn):
    if not isinstance(item, dict):
        raise InputError(path, "expected an event object with type, at and data")
    for key in item:
        if key not in EVENT_KEYS:
            warn(f"{path}.{key}: unknown key, ignored")
    event_type = item.get("type")
    if event_type not in EVENT_TYPES:
        raise InputError(f"{path}.type", f"unknown event type {event_type!r} (see docs/scenario-schema.json)")
    if event_type in DERIVED_EVENTS:
        raise InputError(f"{path}.type", f"{event_type} is derived by the engine; do not record it")
    if "at" not in item:
        raise InputError(f"{path}.at", "give when it happened: a date or a local date-time")
    try:
        at = parse_when(item["at"])
    except ValueError as error:
        raise InputError(f"{path}.at", str(error)) from None
    event_id = item.get("id")
    if event_id is not None and not isinstance(event_id, str):
        raise InputError(f"{path}.id", "an event id is text")
    data = _check_object(item.get("data") or {}, {**COMMON_ATTRIBUTES, **EVENT_TYPES[event_type]}, f"{path}.data",
                         warn)
    return event_id, event_type, at, data


def event_data_problems(event_type: str, data: Mapping[str, Any]) -> list[str]:
    """What in an event's data the vocabulary refuses: a value of a known attribute that is not allowed (an enum value
    it does not list, text where a date belongs). Keys it does not know are the product's own and pass."""
    fields = {**COMMON_ATTRIBUTES, **EVENT_TYPES.get(event_type, {})}
    problems = []
    for key, value in (data or {}).items():
        if key in fields and value is not None:
            try:
                _check_value(fields[key], value, f"{event_type}.{key}")
            except InputError as error:
                problems.append(str(error))
    return problems


# --- JSON Schema ---------------------------------------------------------------------------------------------

def _spec_schema(spec: AttrSpec) -> dict[str, Any]:
    if spec.kind == "text":
        return {"type": ["string", "integer"]}
    if spec.kind == "bool":
        return {"type": "boolean"}
    if spec.kind == "int":
        return {"type": "integer"}
    if spec.kind == "date":
        return {"type": "string", "format": "date"}
    if spec.kind == "datetime":
        return {"type": "string", "description": "a date (YYYY-MM-DD) or local date-time (YYYY-MM-DDTHH:MM)"}
    if spec.kind == "weekdays":
        return {"type": "array", "items": {"enum": list(WEEKDAY_NAMES)}, "minItems": 1}
    if spec.kind == "enum":
        one = {"enum": list(spec.values)}
        return {"oneOf": [one, {"type": "array", "items": one, "minItems": 1}]}
    if spec.kind == "object":
        return {"type": "object"}
    if spec.kind == "requirements":
        return {"type": "array", "items": _object_schema(REQUIREMENT_FIELDS, required=["type"])}
    if spec.kind == "periods":
        day = {"type": "string", "format": "date"}
        return {"type": "array", "items": {"type": "object", "required": ["from", "to"], "additionalProperties": False,
                                           "properties": {"from": day, "to": day}},
                "description": "first and last days, inclusive"}
    raise ValueError(spec.kind)


def _object_schema(fields: Mapping[str, AttrSpec], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object",
                              "properties": {name: _spec_schema(spec) for name, spec in sorted(fields.items())}}
    if required:
        schema["required"] = required
    return schema


def scenario_json_schema() -> dict[str, Any]:
    """The scenario format and the whole event vocabulary as a JSON Schema (draft 2020-12)."""
    events = []
    for event_type, attributes in sorted(EVENT_TYPES.items()):
        if event_type in DERIVED_EVENTS:
            continue
        events.append({
            "type": "object",
            "required": ["type", "at"],
            "properties": {
                "id": {"type": "string"},
                "type": {"const": event_type},
                "at": _spec_schema(AttrSpec("datetime")),
                "data": _object_schema({**COMMON_ATTRIBUTES, **attributes}),
            },
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://waypoint.example/docs/scenario-schema.json",
        "title": "Waypoint scenario",
        "description": "One case's story for `waypoint policy explain`. Generated from waypoint/policy/vocabulary.py "
                       "by `python -m waypoint.policy schema`; do not edit by hand. Unknown keys in child, facts "
                       "and event data are ignored with a warning.",
        "type": "object",
        "required": ["service", "programme", "as_of"],
        "properties": {
            "service": {"type": "string"},
            "programme": {"enum": list(PROGRAMMES)},
            "as_of": {"type": "string", "format": "date"},
            "worker": _object_schema(WORKER_FIELDS),
            "staff": {"type": "object", "propertyNames": {"enum": list(ROLES)},
                      "additionalProperties": _object_schema(STAFF_FIELDS)},
            "child": _object_schema(CHILD_FIELDS),
            "facts": _object_schema(FACT_FIELDS),
            "options": {"type": "object", "additionalProperties": {"type": "string"}},
            "service_closures": {"type": "array", "items": {"type": "string", "format": "date"}},
            "events": {"type": "array", "items": {"oneOf": events}},
        },
    }
