#!/usr/bin/env python
"""Django's command-line utility for administrative tasks (same as the `waypoint` command)."""
import sys

from waypoint.cli import main

if __name__ == "__main__":
    sys.exit(main())
