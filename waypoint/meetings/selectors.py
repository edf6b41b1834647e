"""Reads for meetings: what its pages and the case page show."""
from __future__ import annotations

import datetime as dt
from typing import Any


def case_section(*, case, staff, today: dt.date) -> dict[str, Any]:
    """What the case page's meetings section shows (the context of meetings/_case_section.html)."""
    return {}
