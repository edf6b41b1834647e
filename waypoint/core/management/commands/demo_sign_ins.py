"""`waypoint demo_sign_ins`: print a demo username and password for each role, one line each."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from waypoint.core.management import demo_data


class Command(BaseCommand):
    help = "Print the demo sign-ins (username, password, role), one line each."

    def handle(self, *args, **options):
        existing = set(get_user_model().objects.values_list("username", flat=True))
        rows = [(username, note) for username, note in demo_data.demo_sign_ins() if username in existing]
        if not rows:
            self.stdout.write("No demo accounts in this database: run `waypoint seed_demo` first.")
            return
        width = max(len(username) for username, _ in rows)
        for username, note in rows:
            self.stdout.write(f"{username.ljust(width)}  {demo_data.DEMO_PASSWORD}  {note}")
