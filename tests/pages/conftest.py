"""Fixtures for the page tests: the fixed product clock, the synthetic world, and a test client signed in as anyone."""
from __future__ import annotations

import pytest
from django.test import Client

from waypoint.workforce.tests.fixtures import TODAY, fixed_clock  # noqa: F401  (autouse: the clock is frozen)

from tests.world import build_world


@pytest.fixture
def world(db):
    return build_world(TODAY)


@pytest.fixture
def client_for():
    """A test client signed in as the given staff member."""

    def sign_in(staff) -> Client:
        client = Client()
        client.force_login(staff.user)
        return client

    return sign_in
