"""Tests as data: the pack test-case files, running them, and comparing the results with hand-worked expectations.

Each pack has a case file, ``waypoint/packs/tests/<service>/<pack-name>.yaml``::

    pack: wokingham/community-resolution
    cases:
      - name: letter due the Friday after a Thursday allocation
        rules: [wok.cr.first-appointment.letter-friday]      # the rules this case proves
        scenario: {as_of: 2026-03-20, events: [...]}         # the scenario format; service/programme default
        expect:
          - rule: wok.cr.first-appointment.letter-friday
            due: 2026-03-06
            status: overdue
            why: "allocated Thu 5 Mar 2026; the first Friday after is Fri 6 Mar"
        expect_violations: [{rule: ..., contains: ..., why: ...}]
        expect_absent: [{rule: ..., why: ...}]

``waypoint/packs/tests/test_packs.py`` runs every case, and the ablation test re-runs the cases that name a rule
with that rule removed, requiring at least one expectation to fail. See docs/policy-packs.md.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from waypoint.policy.engine import CompiledPack, evaluate
from waypoint.policy.packs import PACKS_ROOT, load_service
from waypoint.policy.scenario import parse_scenario

CASES_ROOT = PACKS_ROOT / "tests"
EXPECT_FIELDS = ("trigger_at", "due", "due_at", "status", "met_on", "owner")
CATALOGUE_IDS_FILE = Path(__file__).resolve().parent / "catalogue_ids.txt"


def catalogue_ids() -> list[str]:
    lines = CATALOGUE_IDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass
class PackCase:
    pack_id: str
    file: Path
    name: str
    rules: list[str]
    scenario: dict[str, Any]
    expect: list[dict[str, Any]] = field(default_factory=list)
    expect_violations: list[dict[str, Any]] = field(default_factory=list)
    expect_absent: list[dict[str, Any]] = field(default_factory=list)

    @property
    def test_id(self) -> str:
        return f"{self.pack_id}::{self.name} [{', '.join(self.rules)}]"


def _plain(value: Any) -> Any:
    """YAML gives dates as dates; the scenario format wants ISO text, as JSON would."""
    return json.loads(json.dumps(value, default=lambda item: item.isoformat()))


CASE_KEYS = {"name", "rules", "scenario", "expect", "expect_violations", "expect_absent"}


def load_case_file(path: Path) -> list[PackCase]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"pack", "cases"}:
        raise ValueError(f"{path}: a case file has exactly two keys, pack and cases")
    cases = []
    for index, raw in enumerate(data["cases"]):
        where = f"{path}: cases[{index}]"
        unknown = set(raw) - CASE_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("name", "rules", "scenario"):
            if key not in raw:
                raise ValueError(f"{where}: missing {key}")
        for expectation in raw.get("expect", []) + raw.get("expect_violations", []) + raw.get("expect_absent", []):
            if not isinstance(expectation, dict) or "rule" not in expectation or not expectation.get("why"):
                raise ValueError(f"{where} ({raw['name']}): every expectation needs a rule and a why")
        cases.append(PackCase(
            pack_id=data["pack"], file=path, name=raw["name"], rules=list(raw["rules"]),
            scenario=_plain(raw["scenario"]), expect=_plain(raw.get("expect", [])),
            expect_violations=_plain(raw.get("expect_violations", [])),
            expect_absent=_plain(raw.get("expect_absent", [])),
        ))
    return cases


def all_cases(root: Path = CASES_ROOT) -> list[PackCase]:
    cases = []
    for path in sorted(root.glob("*/*.yaml")):
        cases.extend(load_case_file(path))
    return cases


def pack_of(case: PackCase) -> CompiledPack:
    service = case.pack_id.split("/")[0]
    return load_service(service).pack(case.pack_id)


def run_case(case: PackCase, pack: CompiledPack | None = None) -> dict[str, Any]:
    """Evaluate the case's scenario under its pack (or a replacement, for the ablation test)."""
    pack = pack or pack_of(case)
    service = load_service(pack.model.service)
    scenario_data = dict(case.scenario)
    scenario_data.setdefault("service", pack.model.service)
    if pack.model.programmes != "service_wide":
        scenario_data.setdefault("programme", pack.model.programmes[0])
    scenario = parse_scenario(scenario_data)
    result = evaluate([pack], scenario.case, scenario.as_of, service.calendar(scenario.closures),
                      service_options=service.config.options, default_pattern=service.default_pattern)
    return {
        "obligations": [obligation.to_dict() for obligation in result.obligations],
        "violations": [violation.to_dict() for violation in result.violations],
    }


def failures(case: PackCase, output: dict[str, Any]) -> list[str]:
    """Each expectation the output does not meet, in words; empty when the case passes."""
    problems = []
    obligations = output["obligations"]
    for expected in case.expect:
        found = [item for item in obligations if item["rule"] == expected["rule"]
                 and ("trigger_at" not in expected or item["trigger_at"] == expected["trigger_at"])]
        label = f"{expected['rule']}" + (f" (trigger {expected['trigger_at']})" if "trigger_at" in expected else "")
        if not found:
            problems.append(f"{label}: no obligation (why: {expected['why']})")
            continue
        if len(found) > 1:
            # Several occurrences share the trigger date: the expectation names the one that has all its fields.
            narrowed = [item for item in found if all(item.get(key) == expected[key]
                                                      for key in EXPECT_FIELDS if key in expected)]
            if len(narrowed) != 1:
                problems.append(f"{label}: {len(found)} obligations and {len(narrowed)} have every expected "
                                f"field; give trigger_at (or due_at) to say which (why: {expected['why']})")
                continue
            found = narrowed
        actual = found[0]
        for key in EXPECT_FIELDS:
            if key in expected and actual.get(key) != expected[key]:
                problems.append(f"{label}: {key} is {actual.get(key)!r}, expected {expected[key]!r} "
                                f"(why: {expected['why']})")
        for text in expected.get("explanation_contains", []):
            if text not in actual["explanation"]:
                problems.append(f"{label}: explanation lacks {text!r}: {actual['explanation']}")
    for expected in case.expect_violations:
        matching = [item for item in output["violations"] if item["rule"] == expected["rule"]
                    and expected.get("contains", "") in item["message"]]
        if not matching:
            problems.append(f"{expected['rule']}: no violation containing {expected.get('contains', '')!r} "
                            f"(why: {expected['why']})")
    for expected in case.expect_absent:
        present = [item for item in obligations if item["rule"] == expected["rule"]]
        present += [item for item in output["violations"] if item["rule"] == expected["rule"]]
        if present:
            problems.append(f"{expected['rule']}: expected no obligation or violation, found {len(present)} "
                            f"(why: {expected['why']})")
    return problems


def as_iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
