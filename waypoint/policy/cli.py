"""`waypoint policy ...`: the scenario runner and the calendar, as shared/scenario-format.md specifies.

    waypoint policy explain FILE [--packs DIR ...]     obligations of a scenario file as JSON on stdout
    waypoint policy calendar --from D --to D [--working-days mon,tue] [--service S]
    waypoint policy schema                              the scenario JSON Schema (docs/scenario-schema.json)

Bad input gives exit status 2, one line on stderr naming the problem and its JSON path, nothing on stdout.
Unknown keys are reported on stderr as warnings and ignored.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from waypoint.policy.calendar import MON_FRI, Calendar, WorkingPattern
from waypoint.policy.engine import evaluate
from waypoint.policy.packs import available_services, load_service
from waypoint.policy.scenario import InputError, parse_scenario, scenario_json_schema
from waypoint.policy.schema import PackError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for bad scenario input
        raise InputError("", message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="waypoint policy", description="Run policy packs over scenarios; show the calendar.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    explain = commands.add_parser("explain", help="evaluate a scenario file and print its obligations")
    explain.add_argument("file")
    explain.add_argument("--packs", action="append", default=[], metavar="DIR",
                         help="a directory of a service's own packs/configuration (repeatable)")
    cal = commands.add_parser("calendar", help="bank holidays and non-working days in a date range")
    cal.add_argument("--from", dest="start", required=True)
    cal.add_argument("--to", dest="end", required=True)
    cal.add_argument("--working-days", dest="working_days")
    cal.add_argument("--service")
    cal.add_argument("--packs", action="append", default=[], metavar="DIR")
    commands.add_parser("schema", help="print the scenario JSON Schema")
    return parser


def explain(path: str, pack_dirs: list[str], warn) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise InputError("", f"cannot read {path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise InputError("", f"{path} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    return explain_data(data, pack_dirs, warn)


def explain_data(data: Any, pack_dirs: list[str] | tuple[str, ...] = (), warn=lambda message: None) -> dict[str, Any]:
    """Evaluate a decoded scenario and return the output document."""
    scenario = parse_scenario(data, warn=warn)
    case = scenario.case
    services = available_services(tuple(pack_dirs))
    if case.service not in services:
        raise InputError("service", f"no policy packs for service {case.service!r} (known: {', '.join(services)})")
    service = load_service(case.service, tuple(pack_dirs))
    packs = service.packs_for(case.programme)
    if not packs or all(pack.model.programmes == "service_wide" for pack in packs):
        raise InputError("programme", f"{case.service} has no policy pack for {case.programme!r}")
    known_options = {name: choices for pack in packs for name, choices in pack.option_choices().items()}
    for name, value in case.options.items():
        if name not in known_options:
            warn(f"options.{name}: no pack of {case.service}/{case.programme} has this option, ignored")
        elif value not in known_options[name]:
            raise InputError(f"options.{name}", f"{value!r} is not one of {', '.join(known_options[name])}")
    for pack in packs:
        if pack.model.review < scenario.as_of:
            warn(f"pack {pack.id} {pack.model.version} was due for review on {pack.model.review.isoformat()}")
    result = evaluate(packs, case, scenario.as_of, service.calendar(scenario.closures),
                      service_options=service.config.options, default_pattern=service.default_pattern)
    return {
        "service": case.service,
        "programme": case.programme,
        "as_of": scenario.as_of.isoformat(),
        "packs": [{"id": pack.id, "version": pack.model.version, "review_due": pack.model.review.isoformat()}
                  for pack in result.packs],
        "obligations": [obligation.to_dict() for obligation in result.obligations],
        "violations": [violation.to_dict() for violation in result.violations],
    }


def calendar_data(start_text: str, end_text: str, working_days: str | None, service_name: str | None,
                  pack_dirs: list[str]) -> dict[str, list[str]]:
    start, end = _date(start_text, "--from"), _date(end_text, "--to")
    if end < start:
        raise InputError("--to", "must be on or after --from")
    calendar = Calendar()
    pattern = MON_FRI
    if service_name:
        if service_name not in available_services(tuple(pack_dirs)):
            raise InputError("--service", f"unknown service {service_name!r}")
        service = load_service(service_name, tuple(pack_dirs))
        calendar = service.calendar()
        pattern = service.default_pattern
    if working_days:
        try:
            pattern = WorkingPattern.from_names(name.strip() for name in working_days.split(","))
        except ValueError as error:
            raise InputError("--working-days", str(error)) from None
    return {
        "bank_holidays": [day.isoformat() for day in calendar.bank_holidays(start, end)],
        "non_working_days": [day.isoformat() for day in calendar.non_working_days(start, end, pattern)],
    }


def _date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(where, f"{text!r} is not a date (YYYY-MM-DD)") from None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)

    def warn(message: str) -> None:
        print(f"warning: {message}", file=sys.stderr)

    try:
        args = _parser().parse_args(argv)
        if args.command == "explain":
            output = explain(args.file, args.packs, warn)
        elif args.command == "calendar":
            output = calendar_data(args.start, args.end, args.working_days, args.service, args.packs)
        else:
            output = scenario_json_schema()
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except PackError as error:
        print(f"error: {error.where}: {'; '.join(error.problems)}", file=sys.stderr)
        return 2
    json.dump(output, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
