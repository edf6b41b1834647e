"""Runs every pack's hand-worked cases, proves each rule by ablation, and checks rule ids against the catalogue.

The cases live in waypoint/packs/tests/<service>/<pack-name>.yaml (format in docs/policy-packs.md). Test ids carry
the rule ids a case proves, so `pytest -k wok.cr.recording.2wd` runs the cases of one rule.
"""
from __future__ import annotations

from collections import Counter

import pytest

from waypoint.policy.packs import PACKS_ROOT, available_services, load_service
from waypoint.policy.testing import all_cases, catalogue_ids, failures, pack_of, run_case

CASES = all_cases()
PACKS = [pack for service in available_services() for pack in load_service(service).packs]
RULES = [(pack, rule.id) for pack in PACKS for rule in pack.rules]


@pytest.mark.parametrize("case", CASES, ids=[case.test_id for case in CASES])
def test_case(case):
    problems = failures(case, run_case(case))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pack, rule_id", RULES, ids=[rule_id for _, rule_id in RULES])
def test_removing_the_rule_breaks_a_case(pack, rule_id):
    cases = [case for case in CASES if rule_id in case.rules and case.pack_id == pack.id]
    assert cases, f"no case in waypoint/packs/tests names {rule_id}, so nothing proves it"
    ablated = pack.without(rule_id)
    assert any(failures(case, run_case(case, ablated)) for case in cases), (
        f"every case naming {rule_id} still passes without it: the cases do not prove the rule"
    )


def test_every_case_names_rules_of_its_own_pack():
    for case in CASES:
        rule_ids = {rule.id for rule in pack_of(case).rules}
        unknown = [rule_id for rule_id in case.rules if rule_id not in rule_ids]
        assert not unknown, f"{case.test_id}: {unknown} are not rules of {case.pack_id}"


def test_every_pack_has_a_case_file():
    for pack in PACKS:
        service, name = pack.id.split("/")
        assert (PACKS_ROOT / "tests" / service / f"{name}.yaml").is_file(), f"no case file for {pack.id}"


def test_rule_ids_are_the_catalogues_verbatim_and_unique():
    known = set(catalogue_ids())
    assert len(known) == 349
    counts = Counter(rule.model.id for pack in PACKS for rule in pack.rules)
    assert not [rule_id for rule_id in counts if rule_id not in known], "ids not in the catalogue"
    assert not [rule_id for rule_id, count in counts.items() if count > 1], "ids used twice"
