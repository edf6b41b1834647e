"""The `waypoint` console command.

`waypoint policy ...` runs the policy engine's own command line (no Django needed);
any other sub-command is a Django management command (`waypoint migrate`, `waypoint seed_demo`).
"""
import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "policy":
        from waypoint.policy.cli import main as policy_main

        return policy_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypoint.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["waypoint", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
