"""The browser-test harness's own guard: a journey does not start within minutes of midnight (London)."""
import datetime as dt
from zoneinfo import ZoneInfo

from tests.e2e.conftest import MIDNIGHT_MARGIN, wait_out_midnight

LONDON = ZoneInfo("Europe/London")


def _run(moment):
    slept = []
    seconds = wait_out_midnight(clock=lambda: moment, sleep=slept.append)
    return seconds, slept


def test_a_journey_starting_close_to_midnight_waits_for_the_new_day():
    seconds, slept = _run(dt.datetime(2026, 12, 1, 23, 58, 30, tzinfo=LONDON))
    assert seconds == slept[0] == 92.0


def test_a_journey_starting_earlier_in_the_evening_does_not_wait():
    before = dt.datetime(2026, 12, 2, tzinfo=LONDON) - MIDNIGHT_MARGIN
    assert _run(before) == (0.0, [])
    assert _run(dt.datetime(2026, 12, 2, 0, 0, 5, tzinfo=LONDON)) == (0.0, [])


def test_midnight_is_london_midnight_in_summer_time():
    seconds, _ = _run(dt.datetime(2026, 7, 1, 23, 59, tzinfo=LONDON))
    assert seconds == 62.0
