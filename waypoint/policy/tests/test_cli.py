"""`waypoint policy explain` and `calendar`: output, exit status 2 with one stderr line for bad input, warnings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from waypoint.policy.cli import main
from waypoint.policy.scenario import scenario_json_schema

DOCS = Path(__file__).resolve().parents[3] / "docs"
SCENARIO = {
    "service": "wokingham", "programme": "community_resolution", "as_of": "2026-03-20",
    "events": [
        {"type": "case.allocated", "at": "2026-03-05", "data": {"programme": "community_resolution"}},
        {"type": "letter.sent", "at": "2026-03-06", "data": {"type": "appointment", "seq": 1, "to": "child"}},
    ],
}


def run(tmp_path, capsys, scenario, *extra):
    path = tmp_path / "scenario.json"
    path.write_text(scenario if isinstance(scenario, str) else json.dumps(scenario))
    code = main(["explain", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_prints_the_obligations(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, SCENARIO)
    output = json.loads(out)
    assert code == 0
    assert output["packs"] == [{"id": "wokingham/community-resolution", "version": "1.0", "review_due": "2025-01-31"}]
    letter = next(o for o in output["obligations"] if o["rule"] == "wok.cr.first-appointment.letter-friday")
    assert (letter["due"], letter["status"], letter["met_on"]) == ("2026-03-06", "met", "2026-03-06")
    dues = [o["due"] for o in output["obligations"]]
    assert dues == sorted(dues, key=lambda d: (d is None, d or ""))


def bad(**changes):
    scenario = json.loads(json.dumps(SCENARIO))
    for path, value in changes.items():
        target = scenario
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        last = keys[-1]
        if value is KeyError:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return scenario


@pytest.mark.parametrize("scenario, message", [
    ("{not json", "is not JSON"),
    (bad(as_of=KeyError), "as_of: give the date"),
    (bad(as_of="20/03/2026"), "as_of: '20/03/2026' is not a date"),
    (bad(events__1__type="letter.posted"), "events[1].type: unknown event type 'letter.posted'"),
    (bad(events__0__at="5 March"), "events[0].at:"),
    (bad(events__1__data__to="grandparent"), "events[1].data.to: 'grandparent' is not one of"),
    (bad(service="kent"), "service: no policy packs for service 'kent'"),
    (bad(programme="custody"), "programme: wokingham has no policy pack for 'custody'"),
    (bad(programme="detention"), "programme: 'detention' is not a programme"),
    (bad(options={"part_time_qa_week": "week_9"}), "options.part_time_qa_week: 'week_9' is not one of"),
    (bad(worker={"working_days": ["monday", "funday"]}), "worker.working_days"),
])
def test_bad_input_exits_2_with_one_line_naming_the_place(tmp_path, capsys, scenario, message):
    code, out, err = run(tmp_path, capsys, scenario)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_unknown_keys_are_warned_and_ignored(tmp_path, capsys):
    scenario = bad(facts={"favourite_colour": "blue"}, events__1__data__colour="red")
    code, out, err = run(tmp_path, capsys, scenario)
    assert code == 0 and json.loads(out)["obligations"]
    assert "facts.favourite_colour: unknown key" in err and "events[1].data.colour: unknown key" in err


def test_a_service_directory_outside_the_code_replaces_a_pack(tmp_path, capsys):
    own = tmp_path / "config" / "wokingham"
    own.mkdir(parents=True)
    (own / "service.yaml").write_text("service: wokingham\nname: Wokingham\nclosures: [2026-03-09]\n")
    builtin = (Path(__file__).resolve().parents[2] / "packs" / "wokingham" / "community-resolution.yaml").read_text()
    (own / "community-resolution.yaml").write_text(builtin.replace('version: "1.0"', 'version: "1.1-local"'))
    scenario = bad(events__1=SCENARIO["events"][0])
    code, out, _ = run(tmp_path, capsys, scenario, "--packs", str(tmp_path / "config"))
    output = json.loads(out)
    assert output["packs"][0]["version"] == "1.1-local"
    home = next(o for o in output["obligations"] if o["rule"] == "wok.cr.first-appointment.home-visit-week")
    assert home["due"] == "2026-03-13"  # week 1 Mon 9-Sun 15 Mar; the closure on Mon 9 does not move Fri 13


def test_a_broken_external_pack_is_reported(tmp_path, capsys):
    own = tmp_path / "config" / "wokingham"
    own.mkdir(parents=True)
    (own / "service.yaml").write_text("service: wokingham\nname: Wokingham\n")
    (own / "community-resolution.yaml").write_text("id: wokingham/community-resolution\nrules: [\n")
    code, out, err = run(tmp_path, capsys, SCENARIO, "--packs", str(tmp_path / "config"))
    assert code == 2 and out == "" and "not valid YAML at line" in err


def test_calendar_lists_bank_holidays_and_non_working_days(capsys):
    assert main(["calendar", "--from", "2026-04-01", "--to", "2026-04-07", "--working-days", "mon,tue,thu"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output == {"bank_holidays": ["2026-04-03", "2026-04-06"],
                      "non_working_days": ["2026-04-01", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06"]}


def test_calendar_default_week_and_bad_dates(capsys):
    assert main(["calendar", "--from", "2026-12-24", "--to", "2026-12-29", "--service", "wokingham"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["non_working_days"] == ["2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28"]
    assert main(["calendar", "--from", "2026-13-01", "--to", "2026-12-31"]) == 2
    assert "--from" in capsys.readouterr().err


def test_the_published_schema_is_up_to_date():
    published = json.loads((DOCS / "scenario-schema.json").read_text())
    assert published == scenario_json_schema(), "regenerate: python -m waypoint.policy schema > docs/scenario-schema.json"
