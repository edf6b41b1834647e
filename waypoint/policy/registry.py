"""The Python escape hatches a pack may name: validation checks, trigger predicates and condition predicates.

Most rules are data. The few that data cannot say (a YRO requirement limit that depends on the law in force, a
trigger defined by a sequence of outcomes) name a function registered here by a decorator::

    @check("yro_requirement_limits")
    def yro_requirement_limits(ctx, rule):
        yield "Curfew of 21 hours a day is more than ..."

A check yields violation messages. A trigger predicate returns the events that trigger the rule. A condition
predicate answers one yes/no question for ``applies_when``. Modules holding them are imported by
``waypoint.policy.checks`` so that registering is a side effect of importing the engine.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context
    from waypoint.policy.events import Event

CheckFunction = Callable[["Context", "CompiledRule"], Iterable[str]]
TriggerFunction = Callable[["Context", "CompiledRule"], Iterable["Event"]]
ConditionFunction = Callable[["Context", "Event | None", date], bool]

CHECKS: dict[str, CheckFunction] = {}
TRIGGERS: dict[str, TriggerFunction] = {}
CONDITIONS: dict[str, ConditionFunction] = {}


def _register(table: dict[str, Any], name: str) -> Callable[[Any], Any]:
    def decorate(function: Any) -> Any:
        if name in table and table[name] is not function:
            raise ValueError(f"{name!r} is registered twice")
        table[name] = function
        return function

    return decorate


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a validation: ``function(ctx, rule)`` yields one message per violation."""
    return _register(CHECKS, name)


def trigger(name: str) -> Callable[[TriggerFunction], TriggerFunction]:
    """Register a trigger predicate: ``function(ctx, rule)`` returns the triggering events."""
    return _register(TRIGGERS, name)


def condition(name: str) -> Callable[[ConditionFunction], ConditionFunction]:
    """Register a condition predicate: ``function(ctx, trigger_event, day)`` returns True or False."""
    return _register(CONDITIONS, name)
