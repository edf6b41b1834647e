"""The scenario files in examples/ and the worked example of scenario-format.md give their hand-worked results."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from waypoint.policy.cli import explain_data

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SCENARIOS = sorted(path for path in EXAMPLES.glob("*.json") if not path.name.endswith(".expected.json"))
COMPARED = ("rule", "trigger_at", "due", "due_at", "status", "met_on", "owner")


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_example_gives_its_expected_output(path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
    output = explain_data(json.loads(path.read_text()))
    actual = [{key: item[key] for key in COMPARED if key in item} for item in output["obligations"]]
    wanted = [{key: item[key] for key in COMPARED if key in item} for item in expected["obligations"]]
    assert actual == wanted
    assert output["violations"] == expected["violations"]


def _dues(working_days):
    scenario = {
        "service": "wokingham", "programme": "community_resolution", "as_of": "2026-03-20",
        "worker": {"working_days": working_days},
        "events": [{"type": "case.allocated", "at": "2026-03-05", "data": {"programme": "community_resolution"}}],
    }
    return {item["rule"]: item["due"] for item in explain_data(scenario)["obligations"]}


def test_worked_example_of_the_scenario_format():
    full_time = _dues(["mon", "tue", "wed", "thu", "fri"])
    assert full_time["wok.cr.first-appointment.letter-friday"] == "2026-03-06"
    assert full_time["wok.cr.assessment.mini-asset-due"] == "2026-03-26"
    assert _dues(["mon", "tue", "wed"])["wok.cr.assessment.mini-asset-due"] == "2026-04-02"


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_example_gives_the_same_output_whatever_the_order_of_its_events(path):
    """Determinism across every pack of both services: shuffling a scenario's events changes nothing."""
    import random

    scenario = json.loads(path.read_text())
    baseline = explain_data(scenario)
    rng = random.Random(path.stem)
    for _ in range(5):
        shuffled = dict(scenario, events=rng.sample(scenario["events"], len(scenario["events"])))
        assert explain_data(shuffled) == baseline
