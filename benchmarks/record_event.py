"""Benchmark of recording one event in the product: write, recompute the case's obligations, store them.

Builds, in a throwaway database of its own, two services as the product holds them -- a Wokingham PYJS
(policy_set "wokingham", working days of the case worker) with Community Resolution and YRO cases, and a
Nottinghamshire YJS (policy_set "nottinghamshire", Monday to Friday) with YRO cases -- each case given a realistic
history of about 60 events through the services (case_open, case_allocate, event_record). Then it records a few
more events on every case, one at a time, through ``waypoint.cases.services.event_record``, and times each call:
the event's row, the recompute that runs inside the same transaction
(``waypoint.obligations.services.case_obligations_recompute``, called through ``on_case_events_changed``) and the
stored obligations. Target (issue 3): at most 20 ms p95 per event. Results: docs/benchmarks.md.

    DATABASE_URL=postgres://user:password@127.0.0.1:5432/scratch .venv/bin/python benchmarks/record_event.py
    .venv/bin/python benchmarks/record_event.py            # SQLite (a temporary file) when DATABASE_URL is unset

Options: --cases N (cases of each of the three kinds, default 20), --events N (history per case, default 60),
--measure N (events timed per case, default 5), --profile (cProfile of the timed writes), --show-queries (the SQL
of one timed write). The database is created with Django's test database machinery under a name of its own
(waypoint_bench_<pid> on PostgreSQL, a temporary file on SQLite) and dropped at the end, even after an error;
only a loopback or Unix-socket PostgreSQL is accepted. The product clock is frozen (Tue 24 Nov 2026, 17:00), so
the histories, and the figures, do not depend on the day it runs.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import gc
import math
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypoint.config.settings.test")  # reads DATABASE_URL

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from waypoint.cases.models import Allocation, Order, OrderRequirement, Programme  # noqa: E402
from waypoint.cases.services import case_allocate, case_open, event_record  # noqa: E402
from waypoint.core.models import frozen_clock  # noqa: E402
from waypoint.obligations import services as obligation_services  # noqa: E402
from waypoint.obligations.models import Obligation  # noqa: E402
from waypoint.people.models import Child  # noqa: E402
from waypoint.workforce.models import Service, StaffMember, Team  # noqa: E402

TARGET_P95_MS = 20.0
NOW = dt.datetime(2026, 11, 24, 17, 0, tzinfo=dt.timezone.utc)
TODAY = NOW.date()
LOOPBACK = {"", "localhost", "127.0.0.1", "::1"}
FULL_TIME = ["mon", "tue", "wed", "thu", "fri"]
PART_TIME = [["mon", "tue", "wed"], ["mon", "tue", "thu"], ["tue", "wed", "thu", "fri"]]

KINDS = ("wokingham community_resolution", "wokingham yro", "nottinghamshire yro")


def local(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# --- The services and their staff ------------------------------------------------------------------------------

class Cast:
    def __init__(self, service: Service, team: Team, manager: StaffMember, workers: list[StaffMember]):
        self.service, self.team, self.manager, self.workers = service, team, manager, workers


_usernames = iter(range(1, 1_000_000))


def _staff(service: Service, team: Team, role: str, *, days=FULL_TIME, band: str = "", line_manager=None,
           given: str = "Sam") -> StaffMember:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username=f"bench{next(_usernames)}")
    member = StaffMember(
        user=user, service=service, team=team, given_name=given, family_name="Benchmark", role=role, band=band,
        gender="female", working_days=list(days), contracted_hours=Decimal("37.0") if days == FULL_TIME else
        Decimal("22.5"), line_manager=line_manager,
    )
    member.full_clean()
    member.save()
    return member


def build_casts() -> dict[str, Cast]:
    wokingham = Service.objects.create(
        name="Benchmark Wokingham PYJS", slug="bench-wokingham", kind=Service.Kind.PYJS,
        working_days_rule=Service.WorkingDaysRule.CASE_WORKER, policy_set=Service.PolicySet.WOKINGHAM,
    )
    notts = Service.objects.create(
        name="Benchmark Nottinghamshire YJS", slug="bench-notts", kind=Service.Kind.YJS,
        working_days_rule=Service.WorkingDaysRule.MON_FRI, policy_set=Service.PolicySet.NOTTINGHAMSHIRE,
    )
    casts = {}
    for service, role, band in ((wokingham, StaffMember.Role.CASE_MANAGER, "a"),
                                (notts, StaffMember.Role.CASE_MANAGER, "a")):
        team = Team.objects.create(service=service, name="Benchmark team", kind=Team.Kind.LOCALITY)
        manager = _staff(service, team, StaffMember.Role.TEAM_MANAGER, given="Morgan")
        workers = [_staff(service, team, role, band=band, line_manager=manager,
                          days=FULL_TIME if i % 3 else PART_TIME[i // 3]) for i in range(6)]
        casts[service.policy_set] = Cast(service, team, manager, workers)
    return casts


# --- Histories -------------------------------------------------------------------------------------------------

def _history(kind: str, rng: random.Random, start: dt.date, n: int) -> list[tuple[dt.datetime, str, dict]]:
    """About n chronology events after the allocation, in time order, for one case of this kind."""
    service, programme = kind.split()
    notts = service == "nottinghamshire"
    end = start + dt.timedelta(days=365)
    events: list[tuple[dt.datetime, str, dict]] = []

    def add(day_offset: int, type_: str, data: dict | None = None, hour: int = 10, minute: int = 0) -> None:
        events.append((local(start + dt.timedelta(days=day_offset), hour, minute), type_, data or {}))

    if programme == "yro":
        add(0, "court.sentenced", {"order_type": "yro"}, 9)
        add(0, "order.started", {"type": "yro", "end": end.isoformat()}, 9, 30)
        add(0, "contact.made", {"topic": "post_sentence", "with": "child", "method": "face_to_face"}, 11)
        add(0, "court.outcome-received", {}, 14)
        add(2, "document.requested", {"type": "cps_documents"})
        add(3, "contact.made", {"method": "phone", "with": "parent_carer"}, 15)
        add(5, "home-visit.completed", {"announced": False}, 16)
        add(8, "risk.level-assessed", {"dimension": "rosh", "level": rng.choice(["low", "medium"])}, 12)
        add(15, "assessment.completed", {"type": "assetplus"}, 12)
        add(20, "plan.completed", {"type": "intervention_plan"}, 12)
        if notts:
            add(9, "meeting.scheduled", {"type": "cmm", "purpose": "rosh_saw_review",
                                         "starts_at": (start + dt.timedelta(days=16)).isoformat() + "T14:00"})
            add(16, "meeting.held", {"type": "cmm", "purpose": "rosh_saw_review", "attendees": ["tm", "cm"]}, 14)
            add(17, "record.entered", {"system": "capita", "kind": "event", "topic": "cmm_actions"})
    else:
        add(1, "letter.sent", {"type": "appointment", "seq": 1, "to": "child"})
        add(4, "home-visit.completed", {"seq": 1}, 16)
        add(7, "screening.completed", {"type": "asset_slcn"}, 12)
        add(14, "assessment.completed", {"type": "mini_asset"}, 12)
        add(21, "plan.completed", {"type": "intervention_plan"}, 12)

    week = 0
    while len(events) < n + 10:
        week += 1
        slot_day = start + dt.timedelta(days=7 * week + rng.randrange(0, 3))
        if slot_day.weekday() >= 5:
            slot_day += dt.timedelta(days=7 - slot_day.weekday())
        slot = local(slot_day, rng.choice([10, 14, 16]))
        appointment = f"a{week}"
        events.append((slot - dt.timedelta(days=6), "appointment.scheduled",
                       {"appointment_id": appointment, "type": "office", "starts_at": slot.strftime("%Y-%m-%dT%H:%M")}))
        events.append((slot - dt.timedelta(days=5, hours=-1), "letter.sent",
                       {"type": "appointment", "to": "child", "appointment_id": appointment}))
        if programme == "community_resolution" and rng.random() < 0.6:
            events.append((slot - dt.timedelta(days=5, hours=-2), "letter.sent",
                           {"type": "appointment", "to": "parent_carer", "appointment_id": appointment}))
        if rng.random() < 0.15:
            outcome = (rng.choice(["unacceptable", "acceptable"]) if programme == "yro"
                       else rng.choice(["not_attended_ooc", "not_kept_sufficient_explanation"]))
            events.append((slot, "appointment.missed", {"appointment_id": appointment}))
            events.append((slot + dt.timedelta(days=1), "appointment.outcome-recorded",
                           {"appointment_id": appointment, "outcome": outcome}))
        else:
            events.append((slot, "session.delivered", {"type": "supervision", "appointment_id": appointment}))
            system = {"system": "capita", "kind": "event"} if notts else {"system": "iyss", "kind": "session"}
            events.append((slot + dt.timedelta(days=rng.randrange(0, 3), hours=1), "record.entered", system))
        if rng.random() < 0.3:
            events.append((slot + dt.timedelta(days=2), "contact.made",
                           {"method": "phone", "with": rng.choice(["child", "parent_carer"])}))
        if week % 4 == 0:
            events.append((slot + dt.timedelta(days=2, hours=1), "case-supervision.held",
                           {"by": "tm"} if notts else {}))
            if notts:
                events.append((slot + dt.timedelta(days=2, hours=2), "staff-supervision.held", {}))
        if week % 6 == 0 and programme == "yro":
            events.append((slot + dt.timedelta(days=3), "plan.reviewed", {"type": "intervention_plan"}))
    events.sort(key=lambda item: item[0])
    return events[:n]


def _open_case(cast: Cast, kind: str, rng: random.Random, index: int, started: dt.date, worker: StaffMember):
    programme = Programme.COMMUNITY_RESOLUTION if kind.endswith("community_resolution") else Programme.YRO
    child = Child(service=cast.service, reference=f"WP-B{index:05d}", given_name=f"Child{index}",
                  family_name="Benchmark", date_of_birth=dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(1500)),
                  gender=rng.choice(["male", "female"]))
    child.full_clean()
    child.save()
    case = case_open(service=cast.service, child=child, programme=programme, started_on=started,
                     actor=cast.manager, team=cast.team)
    if programme == Programme.YRO:  # the order and its requirements, as the court outcome records them
        order = Order(case=case, order_type=Order.OrderType.YRO, made_on=started, starts_on=started,
                      ends_on=started + dt.timedelta(days=365))
        order.full_clean()
        order.save()
        for requirement_type, quantities in (("supervision", {"months": 12}), ("activity", {"days": 30})):
            OrderRequirement.objects.create(order=order, requirement_type=requirement_type, quantities=quantities)
    role = Allocation.Role.CM if cast.service.policy_set == "nottinghamshire" else Allocation.Role.CASE_WORKER
    case_allocate(case=case, staff=worker, role=role, rationale="Capacity this week.", actor=cast.manager,
                  on=started if programme != Programme.YRO else started + dt.timedelta(days=1))
    return case


def build_cases(casts: dict[str, Cast], per_kind: int, history: int, measure: int, seed: int = 7):
    """Cases with `history` chronology events each (allocation included), and the `measure` events to record
    next on each. Built in one transaction with the recompute deferred to the end (recompute_deferred)."""
    rng = random.Random(seed)
    plan = []
    index = 0
    for kind in KINDS:
        cast = casts[kind.split()[0]]
        for _ in range(per_kind):
            index += 1
            # Shift the start back until the whole stream (built and timed events) lies before the frozen clock.
            start = TODAY - dt.timedelta(days=60 + rng.randrange(0, 5))
            if start.weekday() >= 5:
                start -= dt.timedelta(days=start.weekday() - 4)
            case_seed = rng.random()
            for _attempt in range(30):
                stream = _history(kind, random.Random(case_seed), start, history - 1 + measure)
                if stream[-1][0] <= NOW - dt.timedelta(hours=1):
                    break
                start -= dt.timedelta(days=7)
            else:
                raise RuntimeError("could not fit a history before the frozen clock")
            plan.append((kind, cast, index, start, stream))
    cases = []
    with transaction.atomic(), obligation_services.recompute_deferred():
        for kind, cast, index, start, stream in plan:
            worker = cast.workers[index % len(cast.workers)]
            case = _open_case(cast, kind, rng, index, start, worker)
            built, pending = stream[:history - 1], stream[history - 1:]
            for moment, type_, data in built:
                event_record(type=type_, occurred_at=moment, actor=worker, case=case, data=data)
            cases.append((kind, case, worker, pending))
    return cases


# --- Measurement -----------------------------------------------------------------------------------------------

class Timed:
    """Wraps a function of the obligations services to time it (and count the queries it makes)."""

    def __init__(self, function, counter):
        self.function, self.counter, self.times, self.queries = function, counter, [], []

    def __call__(self, *args, **kwargs):
        before = self.counter.count
        t0 = time.perf_counter()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.times.append(time.perf_counter() - t0)
            self.queries.append(self.counter.count - before)


def _shape(sql: str) -> str:
    """A statement's verb and table: 'SELECT cases_event', 'INSERT obligations_obligation'."""
    words = sql.split()
    verb = words[0].upper() if words else "?"
    table = next((w.strip('"') for w, prev in zip(words[1:], words) if prev.upper() in ("FROM", "INTO", "UPDATE")), "")
    return f"{verb} {table}".strip() if verb not in ("SAVEPOINT", "RELEASE") else "SAVEPOINT/RELEASE"


class QueryCounter:
    """Counts the queries made and the time spent executing them (database round trip included), by shape."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.by_shape: dict[str, list[float]] = {}
        self.statements: list[str] | None = None

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.statements is not None:
            self.statements.append(sql)
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - t0
            self.seconds += elapsed
            self.by_shape.setdefault(_shape(sql), []).append(elapsed)


class GcTimer:
    """Time spent in the garbage collector (gc.callbacks), which shows in the tail."""

    def __init__(self):
        self.seconds, self._start = 0.0, 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


class CommitTimer:
    """Times the COMMIT of each write (on PostgreSQL, where the WAL is flushed to disk)."""

    def __init__(self, commit):
        self.commit, self.seconds = commit, 0.0

    def __call__(self):
        t0 = time.perf_counter()
        try:
            return self.commit()
        finally:
            self.seconds += time.perf_counter() - t0


def measure(cases, *, profile: bool, show_queries: bool) -> dict:
    counter = QueryCounter()
    recompute = Timed(obligation_services.case_obligations_recompute, counter)
    engine = Timed(obligation_services.evaluate, counter)
    totals, queries, kinds, sql_times, commit_times, cpu_times = [], [], [], [], [], []
    gc_time = GcTimer()
    gc_times: list[float] = []
    commit = CommitTimer(connection._commit)
    profiler = cProfile.Profile() if profile else None
    rounds = max(len(pending) for _, _, _, pending in cases)
    with contextlib.ExitStack() as stack:
        stack.enter_context(connection.execute_wrapper(counter))
        gc.callbacks.append(gc_time)
        stack.callback(gc.callbacks.remove, gc_time)
        connection._commit = commit
        stack.callback(delattr, connection, "_commit")
        obligation_services.case_obligations_recompute = recompute
        obligation_services.evaluate = engine
        stack.callback(setattr, obligation_services, "case_obligations_recompute", recompute.function)
        stack.callback(setattr, obligation_services, "evaluate", engine.function)
        for round_ in range(rounds):
            for kind, case, worker, pending in cases:
                if round_ >= len(pending):
                    continue
                moment, type_, data = pending[round_]
                if show_queries and not totals:
                    counter.statements = []
                before, sql_before, commit_before = counter.count, counter.seconds, commit.seconds
                if profiler:
                    profiler.enable()
                gc_before, cpu0 = gc_time.seconds, time.process_time()
                t0 = time.perf_counter()
                event_record(type=type_, occurred_at=moment, actor=worker, case=case, data=data)
                elapsed = time.perf_counter() - t0
                cpu_times.append(time.process_time() - cpu0)
                gc_times.append(gc_time.seconds - gc_before)
                if profiler:
                    profiler.disable()
                totals.append(elapsed)
                queries.append(counter.count - before)
                sql_times.append(counter.seconds - sql_before)
                commit_times.append(commit.seconds - commit_before)
                kinds.append(kind)
                if counter.statements is not None:
                    print(f"\nSQL of one timed write ({type_} on a {kind} case):")
                    for sql in counter.statements:
                        print("  ", sql[:160] + ("..." if len(sql) > 160 else ""))
                    counter.statements = None
    if profiler:
        print("\ncProfile of the timed writes (cumulative):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return {"totals": totals, "queries": queries, "kinds": kinds, "recompute": recompute.times,
            "recompute_queries": recompute.queries, "engine": engine.times, "sql": sql_times,
            "commit": commit_times, "by_shape": counter.by_shape, "cpu": cpu_times, "gc": gc_times}


def report(result: dict, cases, vendor: str, history: int) -> None:
    ms = lambda seconds: seconds * 1000  # noqa: E731
    totals = result["totals"]
    events_now = {case.pk: case.events.count() for _, case, _, _ in cases}
    obligations = Obligation.objects.count() / len(cases)
    print(f"database: {vendor}")
    print(f"cases: {len(cases)} ({', '.join(f'{sum(1 for c in cases if c[0] == k)} {k}' for k in KINDS)}), "
          f"history {history} events each before timing (now {min(events_now.values())}-{max(events_now.values())}), "
          f"{obligations:.0f} stored obligations per case")
    p95 = percentile(totals, 0.95)
    print(f"record one event: {len(totals)} timed, median {ms(statistics.median(totals)):.1f} ms, "
          f"p95 {ms(p95):.1f} ms, max {ms(max(totals)):.1f} ms "
          f"(target p95 <= {TARGET_P95_MS:.0f} ms: {ms(p95) / TARGET_P95_MS:.2f} x target)")
    print(f"queries per event: median {statistics.median(result['queries']):.0f}, "
          f"min {min(result['queries'])}, max {max(result['queries'])}; of which in the recompute: median "
          f"{statistics.median(result['recompute_queries']):.0f}")
    recompute, engine = result["recompute"], result["engine"]
    print(f"  recompute (inside the write): median {ms(statistics.median(recompute)):.1f} ms, "
          f"p95 {ms(percentile(recompute, 0.95)):.1f} ms")
    print(f"  of which the engine (evaluate, pure Python): median {ms(statistics.median(engine)):.1f} ms, "
          f"p95 {ms(percentile(engine, 0.95)):.1f} ms")
    rest = [t - r for t, r in zip(totals, recompute)]
    print(f"  outside the recompute (validation, event row, commit): median {ms(statistics.median(rest)):.1f} ms")
    python = [t - q - c - e - g for t, q, c, e, g in zip(totals, result["sql"], result["commit"], engine, result["gc"])]
    print(f"where the time goes, per event (median): SQL statements {ms(statistics.median(result['sql'])):.1f} ms, "
          f"COMMIT {ms(statistics.median(result['commit'])):.1f} ms, engine {ms(statistics.median(engine)):.1f} ms, "
          f"other Python (ORM, validation, inputs) {ms(statistics.median(python)):.1f} ms; garbage collection "
          f"{ms(sum(result['gc']) / len(totals)):.1f} ms per event on average, up to {ms(max(result['gc'])):.0f} ms")
    print(f"  CPU time of this process per event: median {ms(statistics.median(result['cpu'])):.1f} ms, "
          f"p95 {ms(percentile(result['cpu'], 0.95)):.1f} ms (the database server's is not included)")
    n = len(totals)
    shapes = sorted(result["by_shape"].items(), key=lambda item: -sum(item[1]))
    print("  SQL by statement, mean per event: " + "; ".join(
        f"{shape} {len(times) / n:.0f}x {ms(sum(times) / n):.2f} ms" for shape, times in shapes[:8]))
    for kind in KINDS:
        mine = [t for t, k in zip(totals, result["kinds"]) if k == kind]
        eng = [t for t, k in zip(engine, result["kinds"]) if k == kind]
        print(f"  {kind}: median {ms(statistics.median(mine)):.1f} ms, p95 {ms(percentile(mine, 0.95)):.1f} ms; "
              f"engine median {ms(statistics.median(eng)):.1f} ms")


def _require_no_problem(when: str) -> None:
    """Figures for cases whose obligations could not be worked out (a pack that fails to load) would time the
    failure path, not the recompute: stop instead."""
    from waypoint.obligations.models import CasePolicy

    problems = list(CasePolicy.objects.exclude(problem="").values_list("problem", flat=True)[:1])
    if problems:
        raise SystemExit(f"a case's obligations could not be worked out {when}: {problems[0][:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20, help="cases of each kind (three kinds)")
    parser.add_argument("--events", type=int, default=60, help="chronology events per case before timing")
    parser.add_argument("--measure", type=int, default=5, help="events timed per case")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--show-queries", action="store_true")
    args = parser.parse_args()
    if not (1 <= args.cases <= 500 and 2 <= args.events <= 1000 and 1 <= args.measure <= 100):
        parser.error("keep to --cases 1-500, --events 2-1000, --measure 1-100")

    settings_dict = connection.settings_dict
    vendor = connection.vendor
    scratch_dir = None
    if vendor == "postgresql":
        host = settings_dict.get("HOST") or ""
        if host not in LOOPBACK and not host.startswith("/"):
            sys.exit(f"refusing to run against {host!r}: only a loopback or Unix-socket PostgreSQL")
        settings_dict.setdefault("TEST", {})["NAME"] = f"waypoint_bench_{os.getpid()}"
    elif vendor == "sqlite":
        scratch_dir = tempfile.mkdtemp(prefix="waypoint-bench-")
        settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(scratch_dir, "bench.sqlite3")
    else:
        sys.exit(f"unsupported database {vendor}")
    print(f"creating throwaway database {settings_dict['TEST']['NAME']} ({vendor}) and migrating...", flush=True)
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        with connection.cursor() as cursor:
            cursor.execute("select version()" if vendor == "postgresql" else "select sqlite_version()")
            version = cursor.fetchone()[0]
        vendor_text = (f"PostgreSQL {version.split()[1]} ({settings_dict.get('HOST') or 'socket'}:"
                       f"{settings_dict.get('PORT') or 5432}, database {settings_dict['NAME']})"
                       if vendor == "postgresql" else f"SQLite {version} (file in {scratch_dir})")
        with frozen_clock(NOW):
            t0 = time.perf_counter()
            casts = build_casts()
            cases = build_cases(casts, args.cases, args.events, args.measure)
            print(f"built {len(cases)} cases in {time.perf_counter() - t0:.1f} s; timing...", flush=True)
            _require_no_problem("after the build")
            load_before = os.getloadavg()[0]
            result = measure(cases, profile=args.profile, show_queries=args.show_queries)
            load_after = os.getloadavg()[0]
            _require_no_problem("after the timed writes")
            report(result, cases, vendor_text, args.events)
            print(f"load average (1 min) before/after timing: {load_before:.2f}/{load_after:.2f} on "
                  f"{os.cpu_count()} CPUs (other work on the machine shows in the figures)")
    finally:
        teardown_databases(old_config, verbosity=0)
        if scratch_dir:
            shutil.rmtree(scratch_dir, ignore_errors=True)
        print(f"dropped {settings_dict['TEST']['NAME']}")


if __name__ == "__main__":
    main()
