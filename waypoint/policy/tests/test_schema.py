"""Pack validation: every mistake an author can make is reported with its place in the YAML."""
from __future__ import annotations

import copy

import pytest
import yaml

from waypoint.policy.engine import compile_pack
from waypoint.policy.packs import PACKS_ROOT, load_pack_file
from waypoint.policy.schema import PackError, parse_pack

GOOD = yaml.safe_load((PACKS_ROOT / "wokingham" / "community-resolution.yaml").read_text())


def problems(mutate):
    data = copy.deepcopy(GOOD)
    mutate(data)
    with pytest.raises(PackError) as raised:
        compile_pack(parse_pack(data, "pack.yaml"), "pack.yaml")
    return "\n".join(raised.value.problems)


def rule(data, rule_id):
    return next(item for item in data["rules"] if item["id"] == rule_id)


def test_the_built_in_pack_loads():
    pack = load_pack_file(PACKS_ROOT / "wokingham" / "community-resolution.yaml")
    assert pack.id == "wokingham/community-resolution" and len(pack.rules) == len(GOOD["rules"])


def test_unknown_keys_are_named_with_the_rule():
    text = problems(lambda d: rule(d, "wok.cr.recording.2wd").update(deu={"days": 2}))
    assert "rules[13] (wok.cr.recording.2wd).deu: unknown key" in text


def test_unquoted_version_number():
    assert 'version: Input should be a valid string (put quotes round it' in problems(lambda d: d.update(version=1.0))


def test_two_due_kinds_at_once():
    text = problems(lambda d: rule(d, "wok.cr.recording.2wd").update(due={"working_days": 2, "days": 2}))
    assert "(wok.cr.recording.2wd).due[0]: give exactly one of" in text


def test_unknown_event_type_attribute_and_value():
    def mutate(data):
        rule(data, "wok.cr.exit.within-5-days")["trigger"] = "session.deliverd{final=true}"
        rule(data, "wok.cr.exit.manager-conducts")["met_by"] = "meeting.held{type=exit_interview, led_by=manager}"
        rule(data, "wok.cr.assessment.mini-asset-due")["met_by"] = "assessment.completed{type=mini_assett}"
    text = problems(mutate)
    assert "(wok.cr.exit.within-5-days).trigger.event[0]: unknown event type 'session.deliverd'" in text
    assert "meeting.held has no attribute 'led_by'" in text
    assert "assessment.completed{type} has no value mini_assett" in text


def test_undeclared_option_and_bad_default():
    text = problems(lambda d: rule(d, "wok.cr.assessment.mini-asset-due")["due"][0]["when"].update(
        {"option.part_time_weeks": "four"}))
    assert "option 'part_time_weeks' is not declared" in text
    assert "default 'week_6' is not one of the choices" in problems(lambda d: d["options"][0].update(default="week_6"))


def test_duplicate_ids_and_ids_that_are_not_catalogue_shaped():
    assert "the id appears twice" in problems(lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])))
    assert "is not a catalogue id" in problems(lambda d: d["rules"][0].update(id="Letter Friday"))


def test_missing_owner_unknown_check_and_unknown_document():
    assert "needs an owner" in problems(lambda d: d["rules"][0].pop("owner"))
    assert "no check named 'nope'" in problems(
        lambda d: rule(d, "wok.cr.appointments.reschedule-only-before").update(check="nope"))
    assert "is not a key of the pack's documents" in problems(lambda d: d["rules"][0]["source"].update(document="9"))


def test_bad_condition_path_and_operator():
    text = problems(lambda d: rule(d, "wok.cr.allocation.victim-worker").update(
        applies_when={"victim.consented": True, "child.age": {"under": 16}}))
    assert "applies_when.victim.consented: unknown condition path" in text
    assert "applies_when.child.age: give one operator" in text


def test_pack_id_must_match_its_file(tmp_path):
    path = tmp_path / "wokingham" / "other.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(GOOD))
    with pytest.raises(PackError, match="must match the file's place"):
        load_pack_file(path)
