"""Journeys through the obligation pages in a real browser: a case worker reading what is due on their case and why,
and their "My work"; a manager waiving an overdue obligation (an empty reason first); anyone reading the service's
policy packs and their rules' sources. axe-core checks each page on arrival, and again with a "Why" opened.

The world (tests/e2e/obligations_world.py) is a service under the built-in Wokingham packs with one Community
Resolution case allocated on the Tuesday of the week before last: the first-appointment letter is overdue, the
Mini Asset still due.
"""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from waypoint.cases.models import Event
from waypoint.config.jinja2 import govuk_date
from waypoint.obligations.models import Obligation
from waypoint.obligations.services import WAIVER_REASON_MISSING

from tests.world import PASSWORD

from .obligations_world import LETTER, MINI_ASSET, PROGRAMME, first_friday_after
from .pages import MyCasesPage, PoliciesPage, SignInPage, WhatsDue, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER_TITLE = "Post the first appointment letter"
HOME_VISIT_TITLE = "Hold the first home visit in the week after allocation"
MINI_ASSET_TITLE = "Complete the Mini Asset"
CR_PACK = "Case Management Guidance: Community Resolutions"
WORKER, MANAGER = "casey.caseworth", "mina.managerton"


def test_a_case_worker_reads_whats_due_on_their_case_and_why(obligations_world, page):
    world = obligations_world
    letter_due = first_friday_after(world.allocated_on)
    mini_asset_due = world.allocated_on + dt.timedelta(days=21)  # 3 weeks, full-time worker
    assert letter_due < world.today <= mini_asset_due  # the world is as the module says

    my_cases = SignInPage.open(page).sign_in(WORKER, PASSWORD)
    case = my_cases.open_case(world.case.reference, PROGRAMME)
    due = WhatsDue(case)

    headings = due.section_headings()
    assert [heading.split(" (")[0] for heading in headings] == ["Overdue", "Due"]  # overdue first
    overdue, open_ = due.rows("Overdue"), due.rows("Due")
    assert headings == [f"Overdue ({len(overdue)})", f"Due ({len(open_)})"]
    assert {row[0] for row in overdue} == {"Overdue"} and {row[0] for row in open_} == {"Due"}

    assert due.titles("Overdue")[:2] == [LETTER_TITLE, HOME_VISIT_TITLE]  # earliest due first
    letter = due.rows("Overdue")[0]
    assert letter[2] == govuk_date(letter_due, True)
    assert letter[3] == "Casey Caseworth (case worker)"
    mini_asset = next(row for row in open_ if row[1].startswith(MINI_ASSET_TITLE))
    assert mini_asset[2] == govuk_date(mini_asset_due, True)
    expect(due.waive_links()).to_have_count(0)  # a case worker cannot waive

    why = due.why("Overdue", LETTER_TITLE)
    assert f"Due {letter_due:%a} {letter_due.day} {letter_due:%b %Y}: allocated" in why  # e.g. "Due Fri 20 Nov 2026"
    assert "the first Friday after" in why
    assert "Source:" in why and "The appointment letter must be in the post the Friday after the allocation day." in why
    assert f"Rule {LETTER}" in why

    why = due.why("Due", MINI_ASSET_TITLE)
    assert "3 weeks (21 days) later" in why and "Source:" in why and "within 3 weeks of allocation" in why
    assert f"Rule {MINI_ASSET}" in why


def test_my_work_lists_the_workers_obligations_overdue_first_and_links_to_the_case(obligations_world, page):
    world = obligations_world
    my_work = SignInPage.open(page).sign_in(WORKER, PASSWORD).go_to_my_work()

    statuses = my_work.statuses()
    overdue = statuses.count("Overdue")
    assert overdue >= 1 and statuses == ["Overdue"] * overdue + ["Due"] * (len(statuses) - overdue)
    titles = my_work.titles()
    assert titles[0] == LETTER_TITLE and MINI_ASSET_TITLE in titles[overdue:]
    expected = Obligation.objects.filter(owner_staff=world.worker, status=Obligation.Status.OPEN).count()
    assert len(titles) == expected and my_work.caption() == f"{expected} things to do"
    # The line manager's obligations on the case are hers, not the worker's.
    assert "Discuss the case in monthly line supervision" not in titles
    first = my_work.rows()[0]
    assert first[3].split("\n")[0] == world.child_name
    assert f"{world.case.reference}, {PROGRAMME}" in first[3]

    why = my_work.why(LETTER_TITLE)
    assert "Source:" in why and "the first Friday after" in why

    case = my_work.open_case(LETTER_TITLE, world.child_name, PROGRAMME)
    assert page.url.endswith(f"/cases/{world.case.pk}#whats-due")
    assert case.summary_value("Child").startswith(world.child_name)
    assert WhatsDue(case).titles("Overdue")[0] == LETTER_TITLE


def test_a_manager_waives_the_overdue_obligation_with_a_reason(obligations_world, page):
    world = obligations_world
    letter = Obligation.objects.get(case=world.case, rule=LETTER)

    # The case worker has no Waive link, and the waive page is not theirs.
    case = SignInPage.open(page).sign_in(WORKER, PASSWORD).open_case(world.case.reference, PROGRAMME)
    expect(WhatsDue(case).waive_links()).to_have_count(0)
    page.goto(f"/obligations/{letter.pk}/waive")
    expect(page.get_by_role("heading", level=1, name="You do not have access to this page")).to_be_visible()
    assert_accessible(page)
    page.goto("/")
    MyCasesPage(page).sign_out()

    cases = SignInPage.open(page).sign_in(MANAGER, PASSWORD).go_to_cases()
    case = cases.open_case(world.case.reference, PROGRAMME)
    due = WhatsDue(case)
    overdue_before = due.titles("Overdue")
    waive = due.waive("Overdue", LETTER_TITLE)
    assert waive.summary_value("Obligation") == LETTER_TITLE
    assert waive.summary_value("Status") == "Overdue"
    assert "Source:" in waive.summary_value("Why it is due")

    waive = waive.submit_expecting_errors("")
    assert waive.error_messages() == [WAIVER_REASON_MISSING]
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    page.get_by_role("link", name=WAIVER_REASON_MISSING).click()
    expect(page.get_by_label("Why is this obligation being waived?")).to_be_focused()
    letter.refresh_from_db()
    assert letter.status == Obligation.Status.OPEN  # nothing saved
    assert not Event.objects.filter(case=world.case, type="obligation.waived").exists()

    reason = "First appointment arranged by phone with the carer."
    case = waive.waive(reason, PROGRAMME)
    assert page.url.endswith(f"/cases/{world.case.pk}#whats-due")
    assert f"“{LETTER_TITLE}” is waived" in case.success_message()
    due = WhatsDue(case)
    assert due.titles("Overdue") == [title for title in overdue_before if title != LETTER_TITLE]
    waived = [row for row in due.settled_rows() if row[1].startswith(LETTER_TITLE)]
    assert len(waived) == 1 and waived[0][0] == "Waived"
    assert Obligation.objects.get(case=world.case, rule=LETTER).status == Obligation.Status.WAIVED
    waiver = Event.objects.get(case=world.case, type="obligation.waived")
    assert waiver.actor == world.manager and waiver.data["reason"] == reason


def test_the_policies_page_lists_the_packs_past_review_and_each_packs_rules_with_their_sources(
        obligations_world, page):
    policies = SignInPage.open(page).sign_in(WORKER, PASSWORD).go_to_policies()
    titles = policies.pack_titles()
    assert len(titles) == 5 and CR_PACK in titles
    assert "5 policy packs are past review date" in policies.warning()
    rows = policies.rows()
    assert all("Past review date" in row[3] for row in rows)
    community_resolution = next(row for row in rows if row[0].startswith(CR_PACK))
    assert "wokingham/community-resolution" in community_resolution[0]
    assert community_resolution[1:3] == ["1.0", "1 January 2024"]
    assert community_resolution[3].startswith("31 January 2025")
    assert community_resolution[5] == "1"  # the world's one case runs under it

    pack = policies.open_pack(CR_PACK)
    assert "This pack was due for review on 31 January 2025" in pack.warning()
    rules = pack.rule_titles()
    assert LETTER_TITLE in rules and MINI_ASSET_TITLE in rules
    source = pack.rule_detail(LETTER_TITLE, "Source")
    assert "Community Resolutions" in source
    assert "The appointment letter must be in the post the Friday after the allocation day." in source
    assert "within 3 weeks of allocation" in pack.rule_detail(MINI_ASSET_TITLE, "Source")
    assert LETTER in pack.rule_detail(LETTER_TITLE, "Rule")

    assert isinstance(pack.back_to_policies(), PoliciesPage)
