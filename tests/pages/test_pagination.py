"""The GOV.UK pagination parameters: first, last, current and neighbouring pages with ellipses, the search kept."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict

from waypoint.core.views import govuk_pagination


def numbers(result) -> list:
    return ["…" if item.get("ellipsis") else item["number"] for item in result["items"]]


def test_a_long_list_shows_first_last_and_neighbours_with_ellipses():
    page = Paginator(range(100), 10).page(5)
    result = govuk_pagination(page, QueryDict("q=Smith&page=5"))
    assert numbers(result) == [1, "…", 4, 5, 6, "…", 10]
    assert [item["number"] for item in result["items"] if item.get("current")] == [5]
    assert result["previous"]["href"] == "?q=Smith&page=4"
    assert result["next"]["href"] == "?q=Smith&page=6"


def test_the_first_and_last_pages_have_no_link_beyond_them():
    first = govuk_pagination(Paginator(range(30), 10).page(1), QueryDict(""))
    assert numbers(first) == [1, 2, 3] and "previous" not in first and first["next"]["href"] == "?page=2"
    last = govuk_pagination(Paginator(range(30), 10).page(3), QueryDict(""))
    assert "next" not in last


def test_one_page_needs_no_pagination():
    assert govuk_pagination(Paginator(range(5), 10).page(1), QueryDict("")) is None
