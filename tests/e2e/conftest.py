"""Browser-test harness: one Debian chromium for the whole session, a fresh browser context per test, the live
server, the synthetic world, and axe-core run on every page a page object arrives at.

Playwright's own browser download is not used: the tests drive /usr/bin/chromium (`make test` installs it).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from zoneinfo import ZoneInfo

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse database access from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright  # noqa: E402

from waypoint.core.models import today  # noqa: E402

from tests.e2e.obligations_world import build_obligations_world  # noqa: E402
from tests.world import build_world  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(items):
    if not shutil.which(CHROMIUM):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# A journey's world is dated "today" when the test starts, while the server records each step at the real moment:
# a journey running across midnight (London) would record steps on the day after its world's today. No journey
# takes this long, so one starting this close to midnight waits for the new day first.
MIDNIGHT_MARGIN = dt.timedelta(minutes=3)


def wait_out_midnight(clock=lambda: dt.datetime.now(ZoneInfo("Europe/London")), sleep=time.sleep) -> float:
    """Sleep until just after midnight (London) if it is less than MIDNIGHT_MARGIN away; the seconds slept."""
    moment = clock()
    midnight = dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time(), moment.tzinfo)
    if midnight - moment >= MIDNIGHT_MARGIN:
        return 0.0
    seconds = (midnight - moment).total_seconds() + 2
    sleep(seconds)
    return seconds


@pytest.fixture(autouse=True)
def new_day_guard():
    wait_out_midnight()


@pytest.fixture
def world(new_day_guard, transactional_db, live_server):
    return build_world(today())


@pytest.fixture
def obligations_world(new_day_guard, transactional_db, live_server):
    """A service under the Wokingham policy packs with one Community Resolution case (tests/e2e/obligations_world.py)."""
    return build_obligations_world(today())


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
