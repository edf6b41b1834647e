"""`python -m waypoint.policy ...`: the same commands as `waypoint policy ...`."""
import sys

from waypoint.policy.cli import main

sys.exit(main())
