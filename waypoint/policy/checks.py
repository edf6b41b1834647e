"""Built-in validation checks that packs name with ``check:``; each yields one message per violation.

Checks read the prepared history through the context (``ctx.history``), so corrections and outcomes in force
are already applied. Add a check here (or in a module imported here) with the ``@check`` decorator and name it
in the rule; docs/policy-packs.md shows how.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from waypoint.policy.due import time_text
from waypoint.policy.events import parse_when
from waypoint.policy.registry import check

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context


@check("reschedule_only_before")
def reschedule_only_before(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """A reschedule is recorded before the appointment's start time, with a reason (a miss is never a reschedule)."""
    starts: dict[str, object] = {}
    timeline = sorted(ctx.history.of("appointment.scheduled") + ctx.history.of("appointment.rescheduled"),
                      key=lambda event: (event.at, event.id))
    for event in timeline:
        appointment_id = str(event.get("appointment_id"))
        if event.type == "appointment.rescheduled":
            previous = starts.get(appointment_id)
            if previous is not None and event.at >= previous:
                yield (f"Appointment {appointment_id} was recorded as rescheduled at {time_text(event.at)}, after its "
                       f"start time ({time_text(previous)}): record it as missed instead.")
            if not str(event.get("reason") or "").strip():
                yield f"The reschedule of appointment {appointment_id} at {time_text(event.at)} gives no reason."
        if event.get("starts_at"):
            starts[appointment_id] = parse_when(event.get("starts_at"))
from waypoint.policy import checks_cr  # noqa: E402,F401
from waypoint.policy import checks_prev  # noqa: E402,F401
from waypoint.policy import checks_prev_closure  # noqa: E402,F401
from waypoint.policy import checks_yro  # noqa: E402,F401
from waypoint.policy import checks_yro_delivery  # noqa: E402,F401
from waypoint.policy import checks_notts_cmm  # noqa: E402,F401
from waypoint.policy import checks_notts_alloc  # noqa: E402,F401
from waypoint.policy import checks_notts_court  # noqa: E402,F401
