"""Screenshots of the case list, the case page, its "What's due", "My work", the case page's assessments, plan and
meetings sections and a CMM's record, for docs/screenshots/, from synthetic data.

Run as part of the browser tests, the screenshots go to a temporary folder (so the suite never rewrites the
committed images); with WAYPOINT_SCREENSHOTS=1 they replace docs/screenshots/case-list.png, case-page.png,
whats-due.png, my-work.png, casework-sections.png and cmm-record.png:

    WAYPOINT_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_screenshots.py
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from waypoint.cases.models import Allocation, Programme
from waypoint.cases.services import case_allocate, case_open, event_record
from waypoint.people.tests.factories import ChildFactory

from tests.world import PASSWORD

from .obligations_world import PROGRAMME as CR_PROGRAMME
from .pages import SignInPage, WhatsDue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Invented names, chosen to look like a real list without being anyone's.
CHILDREN = [
    ("Alex", "Ashworth", Programme.PREVENTION), ("Bailey", "Brookfield", Programme.COMMUNITY_RESOLUTION),
    ("Casey", "Carrow", Programme.REFERRAL_ORDER), ("Dani", "Dunmore", Programme.OOCD),
    ("Eden", "Elmsworth", Programme.YRO), ("Frankie", "Fairholm", Programme.MY_FUTURE),
    ("Harley", "Hollins", Programme.CROWN_COURT_TRACKING), ("Jesse", "Kingsmead", Programme.BAIL),
    ("Morgan", "Larkfield", Programme.SPECIFIC_INTERVENTION), ("Nico", "Marlowe", Programme.PREVENTION),
]


def add_list_cases(world) -> None:
    teams = [world.yro_case.team, world.colleague.team]
    workers = [world.worker, world.colleague]
    for n, (given, family, programme) in enumerate(CHILDREN):
        child = ChildFactory(service=world.service, given_name=given, family_name=family,
                             reference=f"WP-{91000 + n}")
        started = world.today - dt.timedelta(days=7 * n + 3)
        case = case_open(service=world.service, child=child, programme=programme, started_on=started,
                         actor=world.manager, team=teams[n % 2])
        if n % 4 != 3:  # a few are waiting for allocation
            case_allocate(case=case, staff=workers[n % 2], role=Allocation.Role.CM, actor=world.manager,
                          rationale="Capacity and continuity.", on=started)


def add_chronology(world) -> None:
    case = world.yro_case
    day = world.today - dt.timedelta(days=40)
    for offset, event_type, data in [
        (0, "home-visit.completed", {"seq": 1}),
        (6, "assessment.completed", {"type": "assetplus"}),
        (9, "assessment.qa-completed", {"type": "assetplus"}),
        (14, "plan.completed", {"type": "intervention_plan"}),
    ]:
        event_record(type=event_type, occurred_at=day + dt.timedelta(days=offset), actor=world.worker, case=case,
                     data=data)


def screenshot(page, path: Path) -> None:
    page.evaluate("document.fonts.ready")  # text is invisible while a web font is still loading
    page.screenshot(path=str(path), full_page=True)


def output_folder(tmp_path: Path) -> Path:
    if os.environ.get("WAYPOINT_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path


def test_screenshots_of_the_case_list_and_the_case_page(world, page, tmp_path):
    add_list_cases(world)
    add_chronology(world)
    folder = output_folder(tmp_path)
    page.set_viewport_size({"width": 1280, "height": 900})

    cases = SignInPage.open(page).sign_in("tara.manning", PASSWORD).go_to_cases()
    assert len(cases.case_references()) == len(CHILDREN) + 2  # and the YRO and the restricted case
    screenshot(page, folder / "case-list.png")

    case = cases.open_case(world.yro_case.reference, "Youth Rehabilitation Order")
    assert case.chronology_titles()[0] == "Plan completed"  # newest first
    screenshot(page, folder / "case-page.png")

    for name in ("case-list.png", "case-page.png"):
        assert (folder / name).stat().st_size > 10_000


def test_screenshots_of_whats_due_and_my_work(obligations_world, page, tmp_path):
    world = obligations_world
    # One obligation met, so the folded "Done, waived or not applicable" shows too.
    event_record(type="consultation.held", occurred_at=world.today - dt.timedelta(days=3), actor=world.worker,
                 case=world.case, data={"with": "camhs", "topic": "trm"})
    folder = output_folder(tmp_path)
    page.set_viewport_size({"width": 1280, "height": 900})

    my_cases = SignInPage.open(page).sign_in("casey.caseworth", PASSWORD)
    case = my_cases.open_case(world.case.reference, CR_PROGRAMME)
    due = WhatsDue(case)
    assert [heading.split(" (")[0] for heading in due.section_headings()] == ["Overdue", "Due"]
    assert "Source:" in due.why("Overdue", "Post the first appointment letter")  # shown open in the picture
    page.evaluate("document.activeElement.blur()")  # no focus or hover style on the opened "Why"
    page.mouse.move(0, 0)
    page.evaluate("document.fonts.ready")
    # From the "What's due" heading down to the next section's, in page (not viewport) coordinates.
    top, bottom = (page.locator(selector).evaluate("e => e.getBoundingClientRect().top + window.scrollY")
                   for selector in ("#whats-due", "#allocation-history"))
    start = max(top - 30, 0)
    page.screenshot(path=str(folder / "whats-due.png"), full_page=True,
                    clip={"x": 0, "y": start, "width": 1280, "height": bottom - start})

    my_work = case.go_to_my_work()
    assert my_work.statuses()[0] == "Overdue"
    screenshot(page, folder / "my-work.png")

    for name in ("whats-due.png", "my-work.png"):
        assert (folder / name).stat().st_size > 10_000


def test_screenshots_of_ratings_the_plan_and_a_cmm(world, page, tmp_path):
    from waypoint.assessments.services import rating_set
    from waypoint.meetings.services import meeting_action_add, meeting_arrange, meeting_hold
    from waypoint.plans.services import plan_write

    case, worker, manager = world.yro_case, world.worker, world.manager
    day = world.today - dt.timedelta(days=20)
    for dimension, level, reason in [("rosh", "medium", "Pushed a peer in the offence; no injury."),
                                     ("saw", "high", "Missing from home twice this month; returned safe."),
                                     ("lor", "medium", "Second offence in a year; peers involved.")]:
        rating_set(case=case, dimension=dimension, level=level, reason=reason, on=day, actor=worker)
    plan_write(case=case, plan_type="intervention_plan", agreed_on=day + dt.timedelta(days=2), actor=worker,
               parent_present=True, child_words="I want to get back into school.", targets=[
                   {"area": "Education", "action": "Meet the learning mentor weekly.", "who": "The child",
                    "by_when": world.today + dt.timedelta(days=30)},
                   {"area": "Relationships", "action": "Peer influence sessions.", "who": "Wes Walker",
                    "by_when": None}])
    held_on = world.today - dt.timedelta(days=5)
    meeting = meeting_arrange(case=case, type="cmm", purpose="rosh_saw_review", actor=manager,
                              starts_at=_moment_on(held_on), invitees=["child", "parent_carer"])
    meeting_hold(meeting=meeting, on=held_on, attendees=["child", "parent_carer", "worker", "tm"], chair="tm",
                 actor=manager, apologies="School nurse")
    meeting_action_add(meeting=meeting, description="Ask the school for attendance figures", owner=worker,
                       due=world.today + dt.timedelta(days=7), actor=manager)
    folder = output_folder(tmp_path)
    page.set_viewport_size({"width": 1280, "height": 900})

    my_cases = SignInPage.open(page).sign_in("wes.walker", PASSWORD)
    my_cases.page.goto(f"/cases/{case.pk}")
    page.mouse.move(0, 0)
    page.evaluate("document.fonts.ready")
    top, bottom = (page.locator(selector).evaluate("e => e.getBoundingClientRect().top + window.scrollY")
                   for selector in ("#assessments", "#specialist"))
    start = max(top - 30, 0)
    page.screenshot(path=str(folder / "casework-sections.png"), full_page=True,
                    clip={"x": 0, "y": start, "width": 1280, "height": bottom - start})
    page.goto(f"/meetings/{meeting.pk}")
    assert "Ask the school for attendance figures" in page.get_by_role("main").inner_text()
    screenshot(page, folder / "cmm-record.png")

    for name in ("casework-sections.png", "cmm-record.png"):
        assert (folder / name).stat().st_size > 10_000


def _moment_on(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))
