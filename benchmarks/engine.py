"""Benchmark of the policy engine alone: full recompute throughput and one 60-event case.

Generates synthetic Community Resolution histories (allocation, letters, weekly appointments with some misses,
sessions, records, supervision, incidents) and times ``waypoint.policy.engine.evaluate`` on one core.
Targets (issue 3): at least 100,000 events/s for full recompute; at most 2 ms median for one 60-event case.
Results and what stands in the way: docs/benchmarks.md.

    .venv/bin/python benchmarks/engine.py [--cases 2000] [--events 60]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta

from waypoint.policy.engine import CaseInput, evaluate
from waypoint.policy.events import assign_ids
from waypoint.policy.packs import load_service


def synthetic_case(seed: int, n_events: int) -> tuple[CaseInput, date]:
    """A plausible case history of about ``n_events`` events, reproducible from ``seed``."""
    rng = random.Random(seed)
    start = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 120))
    at = datetime.combine(start, datetime.min.time())
    raw = [(None, "case.allocated", at, {"programme": "community_resolution"}),
           (None, "letter.sent", at + timedelta(days=1), {"type": "appointment", "seq": 1, "to": "child"})]
    week = 0
    while len(raw) < n_events:
        week += 1
        slot = at + timedelta(days=7 * week, hours=16)
        appointment = f"a{week}"
        raw.append((None, "appointment.scheduled", slot - timedelta(days=6),
                    {"appointment_id": appointment, "starts_at": slot.isoformat(timespec="minutes")}))
        raw.append((None, "letter.sent", slot - timedelta(days=5), {"type": "appointment", "to": "child",
                                                                   "appointment_id": appointment}))
        if rng.random() < 0.2:
            raw.append((None, "appointment.missed", slot, {"appointment_id": appointment}))
            raw.append((None, "appointment.outcome-recorded", slot + timedelta(days=1),
                        {"appointment_id": appointment,
                         "outcome": rng.choice(["not_attended_ooc", "not_kept_sufficient_explanation"])}))
        else:
            raw.append((None, "session.delivered", slot, {"type": "supervision"}))
            raw.append((None, "record.entered", slot + timedelta(days=rng.randrange(0, 4)),
                        {"system": "iyss", "kind": "session"}))
        if week % 4 == 0:
            raw.append((None, "case-supervision.held", slot + timedelta(days=2), {}))
    raw = raw[:n_events]
    worker = {"working_days": rng.choice([["mon", "tue", "wed", "thu", "fri"], ["mon", "tue", "thu"]])}
    as_of = raw[-1][2].date() + timedelta(days=3)
    return CaseInput("wokingham", "community_resolution", assign_ids(raw), worker=worker), as_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--events", type=int, default=60)
    args = parser.parse_args()
    service = load_service("wokingham")
    packs = service.packs_for("community_resolution")
    calendar = service.calendar()
    cases = [synthetic_case(seed, args.events) for seed in range(args.cases)]
    for case, as_of in cases[:50]:  # warm the calendar's bank-holiday cache and the code paths
        evaluate(packs, case, as_of, calendar)
    timings = []
    obligations = 0
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    for case, as_of in cases:
        t0 = time.perf_counter()
        obligations += len(evaluate(packs, case, as_of, calendar).obligations)
        timings.append(time.perf_counter() - t0)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    events = sum(len(case.events) for case, _ in cases)
    timings.sort()
    print(f"pack: {', '.join(f'{p.id} ({len(p.rules)} rules)' for p in packs)}")
    print(f"cases: {len(cases)}, events: {events}, obligations: {obligations}")
    print(f"full recompute: {events / elapsed:,.0f} events/s ({elapsed:.2f} s, one core)")
    print(f"one {args.events}-event case: median {statistics.median(timings) * 1000:.2f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)] * 1000:.2f} ms")
    # On a shared machine the wall clock includes waiting for a CPU; the process's CPU time does not.
    print(f"CPU time: {events / cpu:,.0f} events per CPU second ({cpu:.2f} s); load average (1 min) "
          f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
