"""Browser-test harness: one Debian chromium for the whole session, a fresh browser context per test, the live
server, the synthetic world, and axe-core run on every page a page object arrives at.

Playwright's own browser download is not used: the tests drive /usr/bin/chromium (`make test` installs it).
"""
from __future__ import annotations

import os
import shutil

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


@pytest.fixture
def world(transactional_db, live_server):
    return build_world(today())


@pytest.fixture
def obligations_world(transactional_db, live_server):
    """A service under the Wokingham policy packs with one Community Resolution case (tests/e2e/obligations_world.py)."""
    return build_obligations_world(today())


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
