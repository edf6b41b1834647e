"""`waypoint seed_demo [--if-empty]`: load the fictional demo services, staff and children into an empty database."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from waypoint.core.management import demo_data


class Command(BaseCommand):
    help = "Load the demo data (two fictional services, about 30 staff, about 150 synthetic children)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Load only into an empty database; otherwise say so and do nothing (for `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if not demo_data.database_is_empty():
            if if_empty:
                self.stdout.write("The database already has data: demo data not loaded.")
                return
            raise CommandError(
                "The database already has data. Load the demo data into an empty database "
                "(or run with --if-empty to skip quietly)."
            )
        started = time.monotonic()
        counts = demo_data.load()
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded in {time.monotonic() - started:.1f}s: {counts['children']} children, "
            f"{counts['cases']} cases, {counts['referrals']} referrals. Demo today is "
            f"{demo_data.DEMO_TODAY:%A %-d %B %Y}."
        ))
