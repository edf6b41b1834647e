"""Reads for plans: what its pages and the case page show, and the plan progress other parts of casework read (the
CMM record's "current intervention plan and progress", the early revocation criterion "plan targets complete")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TargetProgress:
    """One target of the plan in force, as a reader outside plans sees it."""

    area: str
    action: str
    who: str
    by_when: dt.date | None
    status: str          # "pending", "completed" (the review vocabulary) or "added" until first reviewed
    status_label: str


@dataclass(frozen=True)
class PlanProgress:
    """The intervention plan in force on a case and how far its targets have got."""

    title: str
    agreed_on: dt.date | None
    last_reviewed_on: dt.date | None
    next_review_due: dt.date | None
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def all_targets_complete(self) -> bool:
        return bool(self.targets) and all(target.status == "completed" for target in self.targets)


def plan_progress(*, case) -> PlanProgress | None:
    """The intervention plan in force on the case, or None where it has none yet."""
    return None


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's plans section shows (the context of plans/_case_section.html)."""
    return {}
