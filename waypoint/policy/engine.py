"""The policy engine: (packs, a case's events and facts, calendar, staff patterns, as_of) -> obligations, violations.

``evaluate`` is a pure function. It prepares the history once (corrections, outcomes in force, derived clock
events, an index by type) and then, for each rule of each pack: finds the events that trigger it, keeps those
for which ``applies_when`` holds, works out the due date from the due expression and the responsible person's
working pattern, looks for the events that meet it, and sets the status. Recurring rules roll forward from each
actual occurrence. Validations with a ``check`` run their registered function. Same input, same output, in
whatever order the events arrive.

Statuses (DESIGN.md §3): ``met`` (met on or before the due date), ``met_late``, ``overdue`` (due before as_of and
not met), ``open``, ``waived`` (an ``obligation.waived`` event), ``not_applicable`` (the case closed, or a
``not_applicable_when`` event happened, before the duty fell due).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from waypoint.policy import checks as _checks  # noqa: F401  (registers the built-in checks)
from waypoint.policy.calendar import MON_FRI, Calendar, WorkingPattern, add_months
from waypoint.policy.conditions import Condition, always, compile_condition, describe
from waypoint.policy.due import DueExpr, DueResult, compute_due, long_date
from waypoint.policy.events import Event, History, Pattern, PatternError, parse_day, parse_pattern, parse_when
from waypoint.policy.events import LEAD_ROLES, norm, prepare, values_of
from waypoint.policy.registry import CHECKS, CONDITIONS, TRIGGERS
from waypoint.policy.schema import BUILTIN_OPTIONS, Due, MetBy, Pack, PackError, Rule
from waypoint.policy.vocabulary import (
    CATALOGUE_EVENTS, COMMON_ATTRIBUTES, DERIVED_EVENTS, FACT_FIELDS, PRODUCT_EVENTS, RISK_LEVELS, AttrSpec,
)

STATUSES = ("open", "met", "met_late", "overdue", "not_applicable", "waived")

OWNER_LABELS = {
    "case_worker": "case worker", "line_manager": "line manager", "atm": "ATM", "tm": "TM", "atm_tm": "ATM/TM",
    "tm_ap": "TM/AP", "ap": "AP", "rjw": "RJW", "cm": "case manager", "scm": "senior case manager",
    "pyjs_nurse": "PYJS nurse", "pyjs_manager": "PYJS manager", "csc_social_worker": "CSC social worker",
    "yjso": "YJSO", "locality_tm": "locality TM", "intervention_tm": "intervention TM",
}
EVENT_PHRASES = {
    "case.allocated": "allocated", "case.reallocated": "reallocated", "case.co-allocated": "co-allocated",
    "order.started": "order started", "clock.month-started": "month started",
    "order.midpoint-reached": "order mid-point reached",
}
# Whatever opens a case for the month-start clock: the first of these in the history.
CASE_START_TYPES = ("case.allocated", "order.started", "referral.accepted")
_MAX_PERIODS = 500


def event_phrase(event_type: str) -> str:
    if event_type in EVENT_PHRASES:
        return EVENT_PHRASES[event_type]
    return event_type.replace(".", " ").replace("-", " ")


# --- Compiled packs ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """Where a clock starts: the trigger, a date attribute of it, a fact, or the first/last event of a pattern."""

    kind: str  # trigger | field | fact | first | last | next
    name: str = ""
    pattern: Pattern | None = None


@dataclass
class CompiledMet:
    spec: MetBy
    patterns: tuple[Pattern, ...]
    before_field: str | None
    before_pattern: Pattern | None
    since: Anchor | None  # None: from the trigger
    when: Condition = always  # the alternative counts only when this holds for the trigger


@dataclass
class CompiledRule:
    model: Rule
    pack: CompiledPack
    applies: Condition
    trigger_patterns: tuple[Pattern, ...]
    after: Pattern | None
    dues: list[tuple[Condition, Due, Anchor, DueExpr]]
    met: list[CompiledMet]
    interval: tuple[Condition, Due, Anchor, DueExpr] | None
    while_: Condition | None
    ends: tuple[Pattern, ...]
    end_facts: tuple[str, ...]
    not_applicable: tuple[Pattern, ...]
    source_text: str
    # A cadence's interval alternatives (recurrence.every as a list); a single interval is (interval,).
    intervals: tuple[tuple[Condition, Due, Anchor, DueExpr], ...] = ()

    @property
    def id(self) -> str:
        return self.model.id


@dataclass
class CompiledPack:
    model: Pack
    where: str
    rules: list[CompiledRule] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id

    def covers(self, programme: str) -> bool:
        return self.model.programmes == "service_wide" or programme in self.model.programmes

    def option_defaults(self) -> dict[str, str]:
        defaults = {name: choices[0] for name, choices in BUILTIN_OPTIONS.items()}
        defaults.update({option.name: option.default for option in self.model.options})
        return defaults

    def option_choices(self) -> dict[str, tuple[str, ...]]:
        choices = dict(BUILTIN_OPTIONS)
        choices.update({option.name: tuple(option.choices) for option in self.model.options})
        return choices

    def without(self, rule_id: str) -> CompiledPack:
        """A copy of the pack with one rule removed (the ablation test)."""
        copy = CompiledPack(self.model, self.where)
        copy.rules = [rule for rule in self.rules if rule.id != rule_id]
        return copy


def check_pattern(text: str, where: str, errors: list[str], *, allow_product: bool = False) -> Pattern | None:
    """Parse a pattern and check its type, attributes and values against the vocabulary."""
    try:
        pattern = parse_pattern(text)
    except PatternError as error:
        errors.append(f"{where}: {error}")
        return None
    known = {**CATALOGUE_EVENTS, **(PRODUCT_EVENTS if allow_product else {})}
    attributes = known.get(pattern.type)
    if attributes is None:
        errors.append(f"{where}: unknown event type {pattern.type!r} (see waypoint/policy/vocabulary.py)")
        return None
    for flt in pattern.filters:
        spec: AttrSpec | None = attributes.get(flt.attr) or COMMON_ATTRIBUTES.get(flt.attr)
        if spec is None:
            errors.append(f"{where}: {pattern.type} has no attribute {flt.attr!r} "
                          f"(it has {', '.join(sorted(attributes)) or 'none'})")
        elif spec.kind == "enum":
            unknown = sorted(flt.values - set(spec.values))
            if unknown:
                errors.append(f"{where}: {pattern.type}{{{flt.attr}}} has no value {', '.join(unknown)} "
                              f"(allowed: {', '.join(spec.values)})")
        elif spec.kind == "bool" and not flt.values <= {"true", "false"}:
            errors.append(f"{where}: {flt.attr} is true or false")
        elif spec.kind == "int" and not all(value.isdigit() for value in flt.values):
            errors.append(f"{where}: {flt.attr} is a whole number")
    return pattern


def parse_anchor(text: str, where: str, errors: list[str]) -> Anchor:
    text = (text or "trigger").strip()
    if text == "trigger":
        return Anchor("trigger")
    if text.startswith("trigger."):
        return Anchor("field", text[len("trigger."):])
    if text.startswith("facts."):
        return Anchor("fact", text[len("facts."):])
    for kind in ("first", "last", "next"):
        if text.startswith(kind + " "):
            pattern = check_pattern(text[len(kind) + 1:], where, errors)
            return Anchor(kind, pattern=pattern)
    errors.append(f"{where}: {text!r} is not an anchor; use trigger, trigger.<attribute>, facts.<name>, "
                  "'first <pattern>', 'last <pattern>' or 'next <pattern>'")
    return Anchor("trigger")


def compile_pack(model: Pack, where: str) -> CompiledPack:
    """Check a parsed pack's meaning and build its runtime form; raises PackError listing every problem."""
    errors: list[str] = []
    pack = CompiledPack(model, where)
    option_names = set(BUILTIN_OPTIONS) | {option.name for option in model.options}
    rule_ids = [rule.id for rule in model.rules]
    for index, option in enumerate(model.options):
        for rule_id in option.rules:
            if rule_id not in rule_ids:
                errors.append(f"options[{index}] ({option.name}).rules: no rule {rule_id!r} in this pack")
        if option.name in BUILTIN_OPTIONS and tuple(option.choices) != BUILTIN_OPTIONS[option.name]:
            errors.append(f"options[{index}]: {option.name} is built in; its choices are "
                          f"{list(BUILTIN_OPTIONS[option.name])}")
    seen: set[str] = set()
    for index, rule in enumerate(model.rules):
        here = f"rules[{index}] ({rule.id})"
        if rule.id in seen:
            errors.append(f"{here}: the id appears twice in this pack")
        seen.add(rule.id)
        if rule.retired:
            continue
        compiled = _compile_rule(rule, pack, here, errors, option_names)
        if compiled is not None:
            pack.rules.append(compiled)
    if errors:
        raise PackError(where, errors)
    return pack


def _options_in(spec: Any) -> set[str]:
    found = set()
    if isinstance(spec, Mapping):
        for key, value in spec.items():
            if isinstance(key, str) and key.startswith("option."):
                found.add(key[len("option."):])
            found |= _options_in(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _options_in(item)
    return found


def _compile_rule(rule: Rule, pack: CompiledPack, here: str, errors: list[str], option_names: set[str]):
    model = pack.model
    if rule.source.document not in model.documents:
        errors.append(f"{here}.source.document: {rule.source.document!r} is not a key of the pack's documents")
    for name in (_options_in(rule.applies_when) | _options_in([due.when for due in rule.due or []])
                 | _options_in([spec.when for spec in rule.met_by]) | set(rule.options)
                 | _options_in([due.when for due in rule.recurrence.every]
                               if rule.recurrence is not None and isinstance(rule.recurrence.every, list) else [])):
        if name not in option_names:
            errors.append(f"{here}: option {name!r} is not declared in the pack's options")
    applies = compile_condition(rule.applies_when, f"{here}.applies_when", errors, CONDITIONS)
    trigger_patterns: list[Pattern] = []
    after = None
    if rule.trigger is not None:
        for i, text in enumerate(rule.trigger.event or []):
            pattern = check_pattern(text, f"{here}.trigger.event[{i}]", errors)
            if pattern is not None:
                trigger_patterns.append(pattern)
        if rule.trigger.after:
            after = check_pattern(rule.trigger.after, f"{here}.trigger.after", errors)
        if rule.trigger.predicate and rule.trigger.predicate not in TRIGGERS:
            errors.append(f"{here}.trigger.predicate: no trigger predicate named {rule.trigger.predicate!r} "
                          f"(known: {sorted(TRIGGERS)})")
    dues = []
    for i, due in enumerate(rule.due or []):
        when = compile_condition(due.when, f"{here}.due[{i}].when", errors, CONDITIONS) if due.when else always
        dues.append((when, due, parse_anchor(due.from_, f"{here}.due[{i}].from", errors), DueExpr.of(due)))
    met = []
    for i, spec in enumerate(rule.met_by):
        where = f"{here}.met_by[{i}]"
        texts = [spec.event] if spec.event else (spec.all or [])
        patterns = tuple(p for j, text in enumerate(texts)
                         if (p := check_pattern(text, f"{where}" + (f".all[{j}]" if spec.all else ".event"), errors)))
        before_field = before_pattern = None
        if spec.before:
            if spec.before.startswith("trigger."):
                before_field = spec.before[len("trigger."):]
            else:
                before_pattern = check_pattern(spec.before, f"{where}.before", errors)
        since = None if spec.since == "trigger" else (
            Anchor("any") if spec.since == "any" else parse_anchor(spec.since, f"{where}.since", errors))
        when = compile_condition(spec.when, f"{where}.when", errors, CONDITIONS) if spec.when else always
        met.append(CompiledMet(spec, patterns, before_field, before_pattern, since, when))
    interval = while_ = None
    intervals: tuple = ()
    if rule.recurrence is not None and isinstance(rule.recurrence.every, list):
        intervals = tuple(
            ((compile_condition(due.when, f"{here}.recurrence.every[{i}].when", errors, CONDITIONS)
              if due.when else always), due, Anchor("trigger"), DueExpr.of(due))
            for i, due in enumerate(rule.recurrence.every))
        interval = intervals[-1]
        if rule.recurrence.while_ is not None:
            while_ = compile_condition(rule.recurrence.while_, f"{here}.recurrence.while", errors, CONDITIONS)
        if not rule.met_by:
            errors.append(f"{here}: a recurring rule needs met_by (each occurrence restarts the clock)")
    elif rule.recurrence is not None:
        every = rule.recurrence.every.as_due()
        plain = DueExpr.of(every)
        if rule.recurrence.every.fact is not None:  # the interval agreed for the case, read when evaluated
            fact = rule.recurrence.every.fact
            if FACT_FIELDS.get(fact) is None or FACT_FIELDS[fact].kind != "int":
                errors.append(f"{here}.recurrence.every: facts.{fact} is not a whole-number fact in FACT_FIELDS "
                              "(waypoint/policy/vocabulary.py)")
            plain = DueExpr(plain.kind, "facts." + fact)
        interval = (always, every, Anchor("trigger"), plain)
        intervals = (interval,)
        if rule.recurrence.while_ is not None:
            while_ = compile_condition(rule.recurrence.while_, f"{here}.recurrence.while", errors, CONDITIONS)
        if not rule.met_by:
            errors.append(f"{here}: a recurring rule needs met_by (each occurrence restarts the clock)")
    ends, end_facts = [], []
    for i, text in enumerate(rule.ends_when):
        if text.startswith("facts."):
            end_facts.append(text[len("facts."):])
        elif (pattern := check_pattern(text, f"{here}.ends_when[{i}]", errors)) is not None:
            ends.append(pattern)
    not_applicable = [p for i, text in enumerate(rule.not_applicable_when)
                      if (p := check_pattern(text, f"{here}.not_applicable_when[{i}]", errors))]
    if rule.check is not None and rule.check not in CHECKS:
        errors.append(f"{here}.check: no check named {rule.check!r} (known: {sorted(CHECKS)})")
    if rule.trigger is not None and not rule.met_by and rule.check is None:
        errors.append(f"{here}: a triggered rule needs met_by (or a check)")
    document = model.documents.get(rule.source.document, rule.source.document)
    source_text = f"Source: {document}, '{rule.source.section}': '{rule.source.quote}'."
    return CompiledRule(rule, pack, applies, tuple(trigger_patterns), after, dues, met, interval, while_,
                        tuple(ends), tuple(end_facts), tuple(not_applicable), source_text, intervals)


# --- Input and output ----------------------------------------------------------------------------------------

@dataclass
class CaseInput:
    """Everything the engine needs about one case. ``worker`` and ``staff`` as in the scenario format."""

    service: str
    programme: str
    events: list[Event]
    worker: Mapping[str, Any] = field(default_factory=dict)
    staff: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    child: Mapping[str, Any] = field(default_factory=dict)
    facts: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Obligation:
    rule: str
    title: str
    trigger_at: date
    due: date | None
    due_at: datetime | None
    status: str
    met_on: date | None
    owner: str
    explanation: str
    strength: str | None = None
    pack: str = ""

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "rule": self.rule, "title": self.title, "trigger_at": self.trigger_at.isoformat(),
            "due": self.due.isoformat() if self.due else None,
        }
        if self.due_at is not None:
            result["due_at"] = self.due_at.isoformat(timespec="minutes")
        result.update({"status": self.status, "met_on": self.met_on.isoformat() if self.met_on else None,
                       "owner": self.owner, "explanation": self.explanation})
        return result


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message}


@dataclass
class Evaluation:
    obligations: list[Obligation]
    violations: list[Violation]
    packs: list[CompiledPack]


def obligation_order(obligation: Obligation) -> tuple:
    """Sorted by due (nulls last), then rule, then trigger_at (scenario-format.md)."""
    return (obligation.due is None, obligation.due or date.min, obligation.rule, obligation.trigger_at)


# --- Context -------------------------------------------------------------------------------------------------

def _pattern_from(names: Any, fallback: WorkingPattern) -> WorkingPattern:
    if not names:
        return fallback
    return WorkingPattern.from_names(names)


def absence_days(periods: Any) -> frozenset[date]:
    """Every date in a list of ``{from, to}`` periods (inclusive): recorded leave and sickness."""
    days: set[date] = set()
    for period in periods or ():
        start, end = parse_day(period["from"]), parse_day(period["to"])
        days.update(start + timedelta(days=i) for i in range((end - start).days + 1))
    return frozenset(days)


class Context:
    """What a rule can ask about the case while it is evaluated: facts, people, risk, options, the calendar."""

    def __init__(self, case: CaseInput, history: History, calendar: Calendar, as_of: date, pack: CompiledPack,
                 options: Mapping[str, str], default_pattern: WorkingPattern = MON_FRI) -> None:
        self.case = case
        self.history = history
        self.calendar = calendar
        self.as_of = as_of
        self.pack = pack
        self.options = options
        basis = options.get("working_days_basis", "as_pack")
        self.office_week = (pack.model.working_days == "office_week" if basis == "as_pack"
                            else basis == "office_week")
        self._remove_absences = options.get("leave_and_sickness_days", "counted") == "removed"
        self._from_reallocation = (options.get("reallocation_pattern", "new_worker_from_reallocation")
                                   == "new_worker_from_reallocation")
        by_contract = options.get("part_time_means", "contract") == "contract"
        base = _pattern_from(case.worker.get("working_days"), default_pattern)
        recorded = case.worker.get("part_time") if by_contract else None
        self._worker_timeline: list[tuple[date, WorkingPattern, bool]] = [
            (date.min, base, bool(base.part_time if recorded is None else recorded))
        ]
        for event in history.of("case.allocated") + history.of("case.reallocated"):
            role = event.get("role")
            if event.get("working_days") and (role is None or norm(role) in LEAD_ROLES):
                pattern = _pattern_from(event.get("working_days"), base)
                self._worker_timeline.append((event.day, pattern, pattern.part_time))
        self._worker_timeline.sort(key=lambda item: item[0])
        # The worker's recorded leave and sickness are theirs: they count until the case is first reallocated
        # (a reallocation brings another worker, whose absences the scenario does not give).
        reallocations = [event.day for event in history.of("case.reallocated")
                         if event.get("role") is None or norm(event.get("role")) in LEAD_ROLES]
        self._worker_until = min(reallocations) if reallocations else None
        self._worker_absences = absence_days(case.worker.get("absences")) if self._remove_absences else frozenset()
        self._patterns: dict[tuple[str, date], WorkingPattern] = {}
        self._risk: dict[str, list[tuple[date, str]]] = {}
        for event in history.of("risk.level-assessed"):
            dimension, level = event.get("dimension"), event.get("level")
            if dimension and level:
                self._risk.setdefault(str(dimension).lower(), []).append((event.day, str(level).lower()))

    def worker_at(self, day: date) -> tuple[WorkingPattern, bool]:
        current = self._worker_timeline[0]
        for item in self._worker_timeline:
            if item[0] <= day:
                current = item
        return current[1], current[2]

    def pattern_for(self, owner: str, day: date) -> WorkingPattern:
        """The working pattern that counts a clock of ``owner`` starting on ``day``.

        The office week when the pack (or option ``working_days_basis``) says so. Otherwise the person's own:
        for the case worker, the pattern in force that day and, by default (option ``reallocation_pattern``),
        each later reallocated worker's from their reallocation date; with option ``leave_and_sickness_days:
        removed``, less their recorded leave and sickness (``worker.absences``, ``staff.<role>.absences``).
        """
        if self.office_week:
            return MON_FRI
        key = (owner, day)
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._patterns[key] = self._pattern_for(owner, day)
        return pattern

    def _pattern_for(self, owner: str, day: date) -> WorkingPattern:
        if owner != "case_worker":
            staff = self.case.staff.get(owner) or {}
            pattern = _pattern_from(staff.get("working_days"), MON_FRI)
            if self._remove_absences and staff.get("absences"):
                pattern = WorkingPattern(pattern.weekdays, absence_days(staff["absences"]))
            return pattern
        pattern = self.worker_at(day)[0]
        days_off: frozenset[date] = frozenset()
        if self._worker_absences and (self._worker_until is None or day < self._worker_until):
            days_off = self._worker_absences
            if self._from_reallocation and self._worker_until is not None:
                days_off = frozenset(d for d in days_off if d < self._worker_until)
        changes: tuple = ()
        if self._from_reallocation:
            changes = tuple((start, later.weekdays) for start, later, _ in self._worker_timeline if start > day)
        if days_off or changes:
            pattern = WorkingPattern(pattern.weekdays, days_off, changes)
        return pattern

    def risk_at(self, dimension: str, day: date) -> str | None:
        level = None
        for assessed_on, value in self._risk.get(dimension, ()):
            if assessed_on <= day:
                level = value
        return level

    def lookup(self, path: str, trigger: Event | None, day: date) -> Any:
        if path == "programme":
            return self.case.programme
        if path == "service":
            return self.case.service
        root, _, name = path.partition(".")
        if root == "facts":
            return self.case.facts.get(name)
        if root == "option":
            return self.options.get(name)
        if root == "trigger":
            return trigger.data.get(name) if trigger is not None else None
        if root == "child":
            if name == "age":
                born = self.case.child.get("date_of_birth")
                if not born:
                    return None
                born = parse_day(born)
                return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            return self.case.child.get(name)
        if root == "worker":
            if name == "part_time":
                return self.worker_at(day)[1]
            if name == "working_days":
                return self.worker_at(day)[0].names()
            return self.case.worker.get(name)
        if root == "risk":
            if name in ("rosh_or_saw", "highest"):
                dimensions = ("rosh", "saw") if name == "rosh_or_saw" else ("rosh", "saw", "lor")
                levels = [level for d in dimensions if (level := self.risk_at(d, day)) in RISK_LEVELS]
                return max(levels, key=RISK_LEVELS.index) if levels else None
            return self.risk_at(name, day)
        return None


# --- Evaluation ----------------------------------------------------------------------------------------------

def resolve_options(packs: Iterable[CompiledPack], service_options: Mapping[str, str],
                    case_options: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Options per pack: the pack's defaults, then the service's configuration, then the case's own."""
    resolved = {}
    for pack in packs:
        options = pack.option_defaults()
        choices = pack.option_choices()
        for source in (service_options, case_options):
            for name, value in source.items():
                if name in choices:
                    if value not in choices[name]:
                        raise ValueError(f"option {name} must be one of {', '.join(choices[name])}, not {value!r}")
                    options[name] = value
        resolved[pack.id] = options
    return resolved


def evaluate(packs: list[CompiledPack], case: CaseInput, as_of: date, calendar: Calendar | None = None, *,
             service_options: Mapping[str, str] | None = None,
             default_pattern: WorkingPattern = MON_FRI) -> Evaluation:
    """Obligations and violations of ``case`` on ``as_of`` under ``packs`` (those covering its programme)."""
    calendar = calendar or Calendar()
    applicable = [pack for pack in packs if pack.covers(case.programme)]
    options_by_pack = resolve_options(applicable, service_options or {}, case.options)
    histories: dict[bool, History] = {}  # one per order_midpoint choice in use (normally one)

    def history_for(options: Mapping[str, str]) -> History:
        round_up = options.get("order_midpoint", "round_down") == "round_up"
        if round_up not in histories:
            histories[round_up] = prepare(case.events, as_of, case_start_types=CASE_START_TYPES,
                                          midpoint_round_up=round_up)
        return histories[round_up]

    obligations: list[Obligation] = []
    violations: list[Violation] = []
    for pack in applicable:
        options = options_by_pack[pack.id]
        ctx = Context(case, history_for(options), calendar, as_of, pack, options, default_pattern)
        for rule in pack.rules:
            if rule.model.check is not None and rule.applies(ctx, None, as_of):
                violations.extend(Violation(rule.id, message) for message in CHECKS[rule.model.check](ctx, rule))
            if rule.model.trigger is not None:
                obligations.extend(evaluate_rule(rule, ctx))
    obligations.sort(key=obligation_order)
    violations.sort(key=lambda violation: (violation.rule, violation.message))
    return Evaluation(obligations, violations, applicable)


def _key(event: Event) -> tuple:
    return (event.at, event.type, event.id)


def triggering_events(rule: CompiledRule, ctx: Context) -> list[Event]:
    """The events that trigger a rule, before ``applies_when``: patterns, ``after``, ``misses``, ``nth``."""
    spec = rule.model.trigger
    if spec.predicate:
        events = sorted(TRIGGERS[spec.predicate](ctx, rule), key=_key)
    else:
        found: dict[str, Event] = {}
        for pattern in rule.trigger_patterns:
            for event in ctx.history.matching(pattern):
                found[event.id] = event
        events = sorted(found.values(), key=_key)
    if rule.after is not None:
        earlier = ctx.history.matching(rule.after)
        if not earlier:
            return []
        first = _key(earlier[0])
        events = [event for event in events if _key(event) > first]
    if spec.misses is not None:
        events = _threshold_miss(ctx, events, spec.misses.in_a_row, spec.misses.in_total)
    if spec.nth is not None:
        # "The 2nd in the order" counts by the date each event's clock runs from: a missed appointment's outcome
        # takes its place by the appointment's date, even when outcomes are recorded out of order.
        events = sorted(events, key=lambda event: (event.day, _key(event)))[spec.nth - 1:spec.nth]
    return events


def _threshold_miss(ctx: Context, misses: list[Event], in_a_row: int | None, in_total: int | None) -> list[Event]:
    """The missed appointment that first makes ``in_a_row`` consecutive or ``in_total`` missed appointments.

    Appointments are taken in the order of their start times; one whose time has passed without a missed record
    was kept, and breaks a run.
    """
    counted = {event.get("appointment_id"): event for event in misses}
    timeline = []
    for appointment_id, info in ctx.history.appointments.items():
        starts = info.get("starts_at")
        missed = info.get("missed")
        moment = starts or (missed.at if missed else None)
        if moment is None or moment.date() > ctx.as_of:
            continue
        timeline.append((moment, appointment_id))
    timeline.sort()
    run = total = 0
    for _, appointment_id in timeline:
        event = counted.get(appointment_id)
        if event is None:
            run = 0
            continue
        run += 1
        total += 1
        if (in_a_row and run >= in_a_row) or (in_total and total >= in_total):
            return [event]
    return []


def evaluate_rule(rule: CompiledRule, ctx: Context) -> list[Obligation]:
    triggers = [event for event in triggering_events(rule, ctx) if rule.applies(ctx, event, event.day)]
    if not triggers:
        return []
    if rule.interval is None:
        consumed: set[str] = set()
        return [_single(rule, ctx, trigger, consumed) for trigger in triggers]
    if rule.while_ is None:
        return _cadence(rule, ctx, triggers[0], None)
    results = []
    for start, end in _while_intervals(rule, ctx, triggers[0].day):
        first = next((event for event in triggers if start <= event.day and (end is None or event.day < end)), None)
        if first is not None:
            results.extend(_cadence(rule, ctx, first, end))
    return results


def _while_intervals(rule: CompiledRule, ctx: Context, since: date) -> list[tuple[date, date | None]]:
    days = sorted({event.day for event in ctx.history.events if since <= event.day <= ctx.as_of} | {since})
    intervals: list[tuple[date, date | None]] = []
    start = None
    for day in days:
        holds = rule.while_(ctx, None, day)
        if holds and start is None:
            start = day
        elif not holds and start is not None:
            intervals.append((start, day))
            start = None
    if start is not None:
        intervals.append((start, None))
    return intervals


def _anchor(rule: CompiledRule, ctx: Context, anchor: Anchor, trigger: Event) -> tuple[date, datetime, str] | None:
    """The anchor's date, time and words ("allocated Thu 5 Mar 2026"), or None if it has not happened."""
    labelled = rule.model.trigger.label and (
        rule.model.trigger.predicate or any(pattern.type == trigger.type for pattern in rule.trigger_patterns))
    phrase = rule.model.trigger.label if labelled else event_phrase(trigger.type)
    if anchor.kind == "trigger":
        at = trigger.at if trigger.on is None else datetime.combine(trigger.on, trigger.at.time())
        return trigger.day, at, f"{phrase} {long_date(trigger.day)}"
    if anchor.kind == "field":
        raw = trigger.get(anchor.name)
        appointment = ctx.history.appointments.get(str(trigger.get("appointment_id")))
        if anchor.name == "starts_at" and appointment and appointment.get("starts_at"):
            moment = appointment["starts_at"]
        elif raw is None:
            return None
        else:
            moment = parse_when(raw)
        words = anchor.name.replace("_", " ").replace("starts at", "starting")
        return moment.date(), moment, f"{phrase} {long_date(trigger.day)}, {words} {long_date(moment.date())}"
    if anchor.kind == "fact":
        raw = ctx.case.facts.get(anchor.name)
        if raw is None:
            return None
        day = parse_day(raw)
        return day, datetime.combine(day, time()), f"{anchor.name.replace('_', ' ')} {long_date(day)}"
    if anchor.pattern is None:
        return None
    events = ctx.history.matching(anchor.pattern)
    if anchor.kind == "last":
        events = [event for event in events if _key(event) <= _key(trigger)]
    elif anchor.kind == "next":
        events = [event for event in events if _key(event) > _key(trigger)]
    if not events:
        return None
    event = events[-1] if anchor.kind == "last" else events[0]
    return event.day, event.at, f"{event_phrase(event.type)} {long_date(event.day)}"


def _due(rule: CompiledRule, ctx: Context, trigger: Event,
         choices: list[tuple[Condition, Due, Anchor, DueExpr]], label_prefix: str = "") -> DueResult:
    for when, expr, anchor_spec, plain in choices:
        if when(ctx, trigger, trigger.day):
            owner = expr.of or rule.model.owner or "case_worker"
            anchor = _anchor(rule, ctx, anchor_spec, trigger)
            if anchor is None:
                what = anchor_spec.name or (anchor_spec.pattern.text if anchor_spec.pattern else "")
                return DueResult(None, None, f"No due date yet: {what} has not been recorded.")
            day, at, words = anchor
            because = expr.because or (describe(expr.when) if expr.when else "")
            if isinstance(plain.n, str) and plain.n.startswith("facts."):
                name = plain.n[len("facts."):]
                value = ctx.case.facts.get(name)
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    return DueResult(None, None, f"No due date yet: the agreed interval ({name.replace('_', ' ')})"
                                                 " has not been recorded.")
                plain = DueExpr(plain.kind, value, plain.before, plain.non_working_day)
                because = because or f"the interval agreed for the case ({name.replace('_', ' ')}) is {value}"
            if (rule.interval is not None and choices[0] is rule.interval and plain.kind == "months"
                    and plain.n == 1 and not plain.before
                    and ctx.options.get("monthly_means") == "each_calendar_month"):
                # "Monthly" read as once in each calendar month: by the end of the month after the anchor's.
                month_end = add_months(day.replace(day=1), 2) - timedelta(days=1)
                plain = DueExpr("days", (month_end - day).days, False, plain.non_working_day)
                because = (f"monthly is once in each calendar month (option monthly_means: each_calendar_month), "
                           f"so by the end of {month_end:%B %Y}")
            if (plain.kind == "same_working_day" and ctx.options.get("month_start_due") == "first_calendar_day"
                    and _month_start_anchor(anchor_spec, trigger)):
                # "Beginning of the month" read as its first calendar day: the 1st itself, a calendar date.
                plain = DueExpr("days", 0)
                because = ("the beginning of the month is its first calendar day (option month_start_due: "
                           "first_calendar_day)")
            return compute_due(
                plain, anchor_day=day, anchor_at=at, anchor_label=label_prefix + words, calendar=ctx.calendar,
                pattern=ctx.pattern_for(owner, day), owner_label=OWNER_LABELS.get(owner) or owner.replace("_", " "),
                office_week=ctx.office_week, non_working_option=ctx.options.get("due_on_non_working_day", "keep"),
                because=because, options=ctx.options,
            )
    return DueResult(None, None, f"{event_phrase(trigger.type)} {long_date(trigger.day)}; no timescale stated: "
                                 "open until met or the case closes.")


def _month_start_anchor(anchor: Anchor, trigger: Event) -> bool:
    """Whether a clock runs from the start of a month (the derived clock.month-started)."""
    if anchor.kind == "trigger":
        return trigger.type == "clock.month-started"
    return anchor.pattern is not None and anchor.pattern.type == "clock.month-started"


@dataclass
class _Met:
    day: date
    at: datetime
    event: Event | None
    used: tuple[str, ...] = ()


def _find_met(rule: CompiledRule, ctx: Context, trigger: Event, due: DueResult, consumed: set[str], *,
              from_day: date | None, after: tuple | None) -> _Met | None:
    best: _Met | None = None
    for met in rule.met:
        if not met.when(ctx, trigger, trigger.day):
            continue
        found = _met_alternative(rule, ctx, met, trigger, due, consumed, from_day, after)
        if found is not None and (best is None or (found.day, found.at) < (best.day, best.at)):
            best = found
            best_spec = met
    if best is not None and best_spec.spec.one_each:
        consumed.update(best.used)
    return best


def _met_alternative(rule, ctx, met: CompiledMet, trigger, due, consumed, from_day, after) -> _Met | None:
    spec = met.spec
    if spec.self_:
        return _Met(trigger.day, trigger.at, trigger, ())
    limit = None
    if met.before_field:
        appointment = ctx.history.appointments.get(str(trigger.get("appointment_id")))
        if met.before_field == "starts_at" and appointment and appointment.get("starts_at"):
            limit = appointment["starts_at"]
        elif trigger.get(met.before_field):
            limit = parse_when(trigger.get(met.before_field))
    elif met.before_pattern is not None:
        later = [event for event in ctx.history.matching(met.before_pattern) if event.day >= trigger.day]
        limit = later[0].at if later else None
    if met.since is not None:
        if met.since.kind == "any":
            from_day, after = None, None
        else:
            anchor = _anchor(rule, ctx, met.since, trigger)
            from_day, after = (anchor[0] if anchor else trigger.day), None
    owner = rule.model.owner or "case_worker"
    results = []
    for pattern in met.patterns:
        candidates = []
        # Events come in time order; unless a date is read from the data, or an appointment's date stands in for
        # when it was recorded, the first candidates found are the earliest, so the search can stop there.
        can_stop = (pattern.all_of is None and not spec.date_field
                    and pattern.type not in ("appointment.missed", "appointment.outcome-recorded"))
        events = ctx.history.matching(pattern)
        for attr in spec.same:
            # Only events agreeing on one attribute the trigger has can pass the `same` test below.
            if trigger.get(attr) is not None:
                events = ctx.history.matching_where(pattern, attr, str(trigger.get(attr)))
                break
        for event in events:
            if can_stop and len(candidates) >= spec.count:
                break
            if event.id == trigger.id or event.id in consumed:
                continue
            if after is not None and _key(event) <= after:
                continue
            if from_day is not None and event.day < from_day:
                continue
            if limit is not None and event.at >= limit:
                continue
            if spec.same and any(trigger.get(attr) is not None and event.get(attr) is not None
                                 and str(trigger.get(attr)) != str(event.get(attr)) for attr in spec.same):
                continue
            if spec.window is not None and not _in_window(ctx, spec.window, event, trigger.day):
                continue
            day = event.day
            if spec.date_field:
                if event.get(spec.date_field) is None:
                    continue
                day = parse_day(event.get(spec.date_field))
            if spec.on_working_day and not ctx.calendar.is_working_day(day, ctx.pattern_for(owner, day)):
                continue
            if spec.by_due and due.due is not None and day > due.due:
                continue
            candidates.append((day, event))
        candidates.sort(key=lambda item: (item[0], _key(item[1])))
        found = _complete(pattern, candidates, spec.count)
        if found is None:
            return None
        results.append(found)
    return max(results, key=lambda item: (item.day, item.at)) if results else None


def _in_window(ctx: Context, window: Any, event: Event, start: date) -> bool:
    """Whether the event's date attribute (an appointment's current start time, reschedules included) falls on or
    after ``start`` and before ``start`` plus the window's interval."""
    appointment = ctx.history.appointments.get(str(event.get("appointment_id")))
    if window.field == "starts_at" and appointment and appointment.get("starts_at"):
        moment = appointment["starts_at"].date()
    elif event.get(window.field) is not None:
        moment = parse_day(event.get(window.field))
    else:
        return False
    if window.months:
        end = add_months(start, window.months)
    else:
        end = start + timedelta(days=window.days or 7 * window.weeks)
    return start <= moment < end


def _complete(pattern: Pattern, candidates: list[tuple[date, Event]], count: int) -> _Met | None:
    """When the candidates first satisfy the pattern: the nth one, or when a + filter's values are all covered."""
    all_of = pattern.all_of
    if all_of is not None:
        covered: set[str] = set()
        used = []
        for day, event in candidates:
            new = (values_of(event, all_of.attr) & all_of.values) - covered
            if new:
                covered |= new
                used.append(event.id)
                if covered >= all_of.values:
                    return _Met(day, event.at, event, tuple(used))
        return None
    if len(candidates) < count:
        return None
    day, event = candidates[count - 1]
    return _Met(day, event.at, event, tuple(item[1].id for item in candidates[:count]))


def _stop_day(rule: CompiledRule, ctx: Context, trigger: Event) -> date | None:
    """The first day the duty stops applying: the case closes (ends_when) or a not_applicable_when event."""
    days = []
    key = _key(trigger)
    for pattern in rule.ends + rule.not_applicable:
        later = next((event.day for event in ctx.history.matching(pattern) if _key(event) > key), None)
        if later is not None:
            days.append(later)
    for name in rule.end_facts:
        if ctx.case.facts.get(name):
            days.append(parse_day(ctx.case.facts[name]))
    return min(days) if days else None


def _waived(rule: CompiledRule, ctx: Context, trigger_day: date) -> bool:
    for waiver in ctx.history.waivers:
        if waiver.get("rule") == rule.id and (
            waiver.get("trigger_at") is None or parse_day(waiver.get("trigger_at")) == trigger_day
        ):
            return True
    return False


def _status(rule: CompiledRule, ctx: Context, due: DueResult, met: _Met | None, stop: date | None,
            trigger_day: date) -> str:
    if met is not None:
        if due.due_at is not None:
            return "met_late" if met.at > due.due_at else "met"
        return "met_late" if due.due is not None and met.day > due.due else "met"
    if _waived(rule, ctx, trigger_day):
        return "waived"
    if stop is not None and stop <= ctx.as_of and (due.due is None or due.due >= stop):
        return "not_applicable"
    if due.due is not None and due.due < ctx.as_of:
        return "overdue"
    return "open"


def _obligation(rule: CompiledRule, trigger_day: date, due: DueResult, status: str, met: _Met | None) -> Obligation:
    return Obligation(
        rule=rule.id, title=rule.model.title, trigger_at=trigger_day, due=due.due, due_at=due.due_at, status=status,
        met_on=met.day if met else None, owner=rule.model.owner or "", explanation=f"{due.text} {rule.source_text}",
        strength=rule.model.strength, pack=rule.pack.id,
    )


def _single(rule: CompiledRule, ctx: Context, trigger: Event, consumed: set[str]) -> Obligation:
    due = _due(rule, ctx, trigger, rule.dues)
    met = _find_met(rule, ctx, trigger, due, consumed, from_day=trigger.day, after=None)
    stop = _stop_day(rule, ctx, trigger)
    if met is not None and stop is not None and met.day > stop:
        met = None
    return _obligation(rule, trigger.day, due, _status(rule, ctx, due, met, stop, trigger.day), met)


def _cadence(rule: CompiledRule, ctx: Context, trigger: Event, interval_end: date | None) -> list[Obligation]:
    """A rolling cadence: each occurrence is due one interval after the previous actual occurrence."""
    results = []
    stop = _stop_day(rule, ctx, trigger)
    if interval_end is not None and interval_end <= ctx.as_of:
        stop = min(stop, interval_end) if stop else interval_end
    anchor_event = trigger
    first = True
    consumed: set[str] = set()
    while len(results) < _MAX_PERIODS:
        if not first and stop is not None and anchor_event.day >= stop:
            break
        choices = rule.dues if (first and rule.dues) else list(rule.intervals or (rule.interval,))
        due = _due(rule, ctx, anchor_event, choices, label_prefix="" if first else "previous one: ")
        met = _find_met(rule, ctx, anchor_event, due, consumed, from_day=trigger.day if first else None,
                        after=None if first else _key(anchor_event))
        if met is not None and stop is not None and met.day > stop:
            met = None
        results.append(_obligation(rule, anchor_event.day, due,
                                   _status(rule, ctx, due, met, stop, anchor_event.day), met))
        if met is None or met.event is None:
            break
        anchor_event = met.event
        first = False
    return results
