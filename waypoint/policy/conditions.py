"""Conditions in packs (`applies_when`, `when`, `while`): small mappings compiled once into functions.

A condition is a mapping of paths to expected values, all of which must hold::

    applies_when:
      facts.direct_victim_consented: true
      child.age: {lt: 16}
      risk.rosh_or_saw: {at_least: medium}
      any:
        - facts.origin: ehh
        - option.stepdown_mini_asset: required

Paths: ``programme``, ``service``, ``facts.<name>``, ``child.<field>``, ``child.age`` (whole years on the day
the condition is tested: the trigger date), ``worker.part_time`` / ``worker.<field>`` (the case worker in
post that day), ``option.<name>``, ``trigger.<attribute>`` (the triggering event's data), ``risk.rosh`` /
``risk.saw`` / ``risk.lor`` (level in force that day), ``risk.rosh_or_saw`` and ``risk.highest`` (the higher
of those), ``predicate: <name>`` (a registered Python function). Operators: a bare value means equals;
``{eq, ne, in, not_in, lt, le, gt, ge, at_least, at_most, present}``; ``any``, ``all`` and ``not`` combine.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from waypoint.policy.events import Event, norm
from waypoint.policy.vocabulary import RISK_LEVELS

if TYPE_CHECKING:
    from waypoint.policy.engine import Context

Condition = Callable[["Context", "Event | None", date], bool]

_ROOTS = ("facts.", "child.", "worker.", "option.", "trigger.", "risk.")
_PLAIN = ("programme", "service")
_RISK_PATHS = ("rosh", "saw", "lor", "rosh_or_saw", "highest")
_OPERATORS = ("eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "at_least", "at_most", "present")
_RISK_RANK = {level: rank for rank, level in enumerate(RISK_LEVELS)}


def always(ctx: Context, trigger: Event | None, day: date) -> bool:
    return True


def compile_condition(spec: Any, where: str, errors: list[str], known_predicates: Mapping[str, Any]) -> Condition:
    """Compile a condition mapping; problems are appended to ``errors`` as "where: message"."""
    if spec is None:
        return always
    if not isinstance(spec, Mapping) or not spec:
        errors.append(f"{where}: a condition is a mapping such as {{facts.origin: ehh}}, not {spec!r}")
        return always
    parts: list[Condition] = []
    for key, value in spec.items():
        here = f"{where}.{key}"
        if key in ("any", "all"):
            if not isinstance(value, list) or not value:
                errors.append(f"{here}: give a list of conditions")
                continue
            subs = [compile_condition(item, f"{here}[{i}]", errors, known_predicates) for i, item in enumerate(value)]
            parts.append(_any(subs) if key == "any" else _all(subs))
        elif key == "not":
            sub = compile_condition(value, here, errors, known_predicates)
            parts.append(lambda ctx, trigger, day, sub=sub: not sub(ctx, trigger, day))
        elif key == "predicate":
            if value not in known_predicates:
                errors.append(f"{here}: no condition predicate named {value!r} (known: {sorted(known_predicates)})")
                continue
            parts.append(known_predicates[value])
        elif key in _PLAIN or key.startswith(_ROOTS):
            if key.startswith("risk.") and key[5:] not in _RISK_PATHS:
                errors.append(f"{here}: risk paths are {', '.join('risk.' + p for p in _RISK_PATHS)}")
                continue
            parts.append(_test(key, value, here, errors))
        else:
            errors.append(
                f"{here}: unknown condition path; use programme, service, facts.*, child.*, worker.*, option.*, "
                "trigger.*, risk.*, predicate, any, all or not"
            )
    return _all(parts)


def _all(parts: list[Condition]) -> Condition:
    if len(parts) == 1:
        return parts[0]
    return lambda ctx, trigger, day: all(part(ctx, trigger, day) for part in parts)


def _any(parts: list[Condition]) -> Condition:
    return lambda ctx, trigger, day: any(part(ctx, trigger, day) for part in parts)


def _test(path: str, expected: Any, where: str, errors: list[str]) -> Condition:
    if isinstance(expected, Mapping):
        if len(expected) != 1 or next(iter(expected)) not in _OPERATORS:
            errors.append(f"{where}: give one operator of {', '.join(_OPERATORS)}")
            return always
        op, operand = next(iter(expected.items()))
    else:
        op, operand = "eq", expected
    if op in ("at_least", "at_most") and norm(operand) not in _RISK_RANK:
        errors.append(f"{where}: {op} compares risk levels: {', '.join(RISK_LEVELS)}")
        return always
    if op in ("in", "not_in") and not isinstance(operand, list):
        errors.append(f"{where}: {op} takes a list")
        return always

    def test(ctx: Context, trigger: Event | None, day: date) -> bool:
        actual = ctx.lookup(path, trigger, day)
        return compare(op, actual, operand)

    return test


def compare(op: str, actual: Any, operand: Any) -> bool:
    if op == "present":
        return (actual is not None) == bool(operand)
    if actual is None:
        # A fact nobody recorded is neither true nor false: only "ne" and "not_in" hold for it.
        return op in ("ne", "not_in") or (op == "eq" and operand is None)
    if op == "eq":
        return norm(actual) == norm(operand)
    if op == "ne":
        return norm(actual) != norm(operand)
    if op == "in":
        return norm(actual) in {norm(item) for item in operand}
    if op == "not_in":
        return norm(actual) not in {norm(item) for item in operand}
    if op in ("at_least", "at_most"):
        rank = _RISK_RANK.get(norm(actual))
        if rank is None:
            return False
        return rank >= _RISK_RANK[norm(operand)] if op == "at_least" else rank <= _RISK_RANK[norm(operand)]
    try:
        left, right = _comparable(actual, operand)
    except (TypeError, ValueError):
        return False
    return {"lt": left < right, "le": left <= right, "gt": left > right, "ge": left >= right}[op]


def _comparable(actual: Any, operand: Any) -> tuple[Any, Any]:
    if isinstance(actual, date):
        return actual, date.fromisoformat(str(operand)) if not isinstance(operand, date) else operand
    return float(actual), float(operand)


def describe(spec: Any) -> str:
    """A few words for an explanation: {worker.part_time: true} -> "part-time worker"."""
    if not isinstance(spec, Mapping):
        return ""
    words = []
    for key, value in spec.items():
        if key == "worker.part_time":
            words.append("part-time worker" if value else "full-time worker")
        elif key.startswith("option."):
            words.append(f"option {key[7:]} is {value}")
        elif isinstance(value, Mapping):
            op, operand = next(iter(value.items()))
            words.append(f"{key} {op.replace('_', ' ')} {operand}")
        else:
            words.append(f"{key} is {norm(value)}")
    return " and ".join(words)
