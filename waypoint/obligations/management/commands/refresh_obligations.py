"""`waypoint refresh_obligations`: work out again the obligations of open cases not yet worked out today.

Run it once a day (cron, or the platform's scheduler). Overdue needs no job, since it is read from due dates; this
brings in what the calendar alone starts: a new month's appointment schedule, a cadence's next period.
"""
from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from waypoint.obligations.services import obligations_refresh


class Command(BaseCommand):
    help = "Work out again the obligations of open cases not yet worked out today (or of every open case)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every open case, not only those not done today")
        parser.add_argument("--as-of", help="the date to work out as of (YYYY-MM-DD); default today")

    def handle(self, *args, **options):
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("--as-of must be a date written YYYY-MM-DD, for example 2026-12-01") from None
        count = obligations_refresh(as_of=as_of, all_cases=options["all"])
        self.stdout.write(f"Worked out the obligations of {count} case{'s' if count != 1 else ''}.")
