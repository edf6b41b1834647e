"""Page objects for the meeting journeys: the case page's Meetings section and the actions in What's due and My work,
arranging a meeting, the meeting's page (its record), recording it held, adding and completing actions, the CMM Record
minutes, and the closure document's steps. Each page object checks its page with axe-core as it arrives (BasePage)."""
from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from .pages import BasePage, CasePage, _first_line, _summary_row, _table_rows


def _value(scope, key: str) -> str:
    return _summary_row(scope, key).locator(".govuk-summary-list__value").first.inner_text().strip()


class MeetingsSection:
    """The case page's Meetings section."""

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page
        expect(self.page.get_by_role("heading", level=2, name="Meetings")).to_be_visible()

    def arrange(self, button: str) -> "ArrangeMeetingPage":
        self.page.get_by_role("button", name=button, exact=True).click()
        return ArrangeMeetingPage(self.page, button)

    def open_meeting(self, title: str) -> "MeetingPage":
        self.page.get_by_role("table", name="Meetings: arranged, then held").get_by_role(
            "link", name=title, exact=True).click()
        return MeetingPage(self.page, title)


def case_actions(case: CasePage) -> list[list[str]]:
    """What's due's "Actions from meetings" rows: status, action, due, owner."""
    table = case.page.get_by_role("table", name="Actions agreed at meetings, not yet done")
    return [[cell.strip() for cell in row] for row in _table_rows(table)]


def my_work_actions(page: Page) -> list[list[str]]:
    table = page.get_by_role("table", name=re.compile(r"^Actions from meetings"))
    return [[cell.strip() for cell in row] for row in _table_rows(table)]


class ArrangeMeetingPage(BasePage):
    def __init__(self, page: Page, heading: str):
        self.heading = heading
        super().__init__(page)

    def submit(self, *, on: dt.date | None = None, time: str, purpose: str | None = None,
               invitees: tuple[str, ...] = (), raw: tuple[str, str, str] | None = None) -> None:
        if purpose:
            self.page.get_by_role("group", name="Purpose of the CMM").get_by_label(purpose, exact=True).check()
        self.fill_date("Date", on, raw=raw)
        self.page.get_by_label("Time", exact=True).fill(time)
        for invitee in invitees:
            self.page.get_by_role("group", name="Who is invited").get_by_label(invitee, exact=True).check()
        self.page.get_by_role("button", name=re.compile(r"^(Arrange the meeting|Book the exit interview)$")).click()

    def arrange(self, title: str, **kwargs) -> "MeetingPage":
        self.submit(**kwargs)
        return MeetingPage(self.page, title)


class MeetingPage(BasePage):
    """A meeting's page: what was arranged, the record, the actions, the closure document."""

    def __init__(self, page: Page, title: str):
        self.heading = title
        self.title = title
        super().__init__(page)

    def value(self, key: str) -> str:
        return _value(self.page.get_by_role("main"), key)

    def _go(self, name: str, page_class, *args):
        self.page.get_by_role("button", name=name, exact=True).click()
        return page_class(self.page, *args)

    def record_held(self) -> "HeldPage":
        return self._go("Record the meeting held", HeldPage)

    def add_action(self) -> "ActionPage":
        return self._go("Add an action", ActionPage)

    def complete_minutes(self) -> "MinutesPage":
        return self._go("Complete the minutes", MinutesPage)

    def write_closure_document(self) -> "ClosureDocumentPage":
        return self._go("Write the closure document", ClosureDocumentPage)

    def closure_step(self, button: str, heading: str) -> "StepPage":
        return self._go(button, StepPage, heading)

    def actions(self) -> list[list[str]]:
        table = self.page.get_by_role("table", name="Actions agreed at this meeting")
        return [[cell.strip() for cell in row] for row in _table_rows(table)]

    def back_to_case(self, programme: str) -> CasePage:
        self.page.get_by_role("link", name="Back to the case").click()
        return CasePage(self.page, programme)


class HeldPage(BasePage):
    heading = "Record the meeting held"

    def record(self, title: str, *, on: dt.date, attendees: tuple[str, ...], apologies: str = "",
               chair: str | None = None, conducted_by_manager: bool = False,
               child_rating: str | None = None, child_comments: str = "", parent_rating: str | None = None,
               parent_comments: str = "") -> MeetingPage:
        self.fill_date("Date it was held", on)
        group = self.page.get_by_role("group", name="Who attended")
        for attendee in attendees:
            group.get_by_label(attendee, exact=True).check()
        if apologies:
            self.page.get_by_label("Apologies (optional)").fill(apologies)
        if chair:
            self.page.get_by_label("Who chaired it").select_option(label=chair)
        if conducted_by_manager:
            self.page.get_by_label("A manager conducted the meeting").check()
        if child_rating:
            self.page.get_by_role("group", name=re.compile(r"^How the child rated")).get_by_label(
                child_rating, exact=True).check()
            self.page.get_by_label("The child's comments (optional)").fill(child_comments)
        if parent_rating:
            self.page.get_by_role("group", name=re.compile(r"^How the parent or carer rated")).get_by_label(
                parent_rating, exact=True).check()
            self.page.get_by_label("The parent or carer's comments (optional)").fill(parent_comments)
        self.page.get_by_role("button", name="Save").click()
        return MeetingPage(self.page, title)


class ActionPage(BasePage):
    heading = "Add an action"

    def submit(self, description: str, owner: str | None, due: dt.date | None) -> None:
        self.page.get_by_label("Action", exact=True).fill(description)
        if owner:
            self.page.get_by_label("Owner").select_option(label=owner)
        if due:
            self.fill_date("Due date", due)
        self.page.get_by_role("button", name="Add the action").click()

    def add(self, title: str, description: str, owner: str, due: dt.date) -> MeetingPage:
        self.submit(description, owner, due)
        return MeetingPage(self.page, title)


class MarkDonePage(BasePage):
    heading = "Mark the action as done"

    def confirm(self, title: str) -> MeetingPage:
        self.page.get_by_role("button", name="Mark as done").click()
        return MeetingPage(self.page, title)


def mark_done(page: Page, description: str) -> MarkDonePage:
    page.get_by_role("link", name=f"Mark as done {description}").first.click()
    return MarkDonePage(page)


class MinutesPage(BasePage):
    heading = "Complete the minutes on the CMM Record"

    def from_case(self, key: str) -> str:
        return _value(self.page.get_by_role("main"), key)

    def level(self, legend: str) -> str:
        """The agreed level checked (pre-filled from the rating in force), or ""."""
        checked = self.page.get_by_role("group", name=legend).locator("input:checked")
        return checked.get_attribute("value") if checked.count() else ""

    def complete(self, title: str, *, capita: str, texts: dict[str, str], levels: dict[str, str]) -> MeetingPage:
        self.page.get_by_label("CAPITA number").fill(capita)
        for label, value in texts.items():
            self.page.get_by_label(label, exact=True).fill(value)
        for legend, level in levels.items():
            self.page.get_by_role("group", name=legend).get_by_label(level, exact=True).check()
        self.page.get_by_role("button", name="Complete the minutes").click()
        return MeetingPage(self.page, title)


class ClosureDocumentPage(BasePage):
    heading = "Write the closure document"

    def write(self, title: str, work_done: str, achievements: str, exit_plan: str) -> MeetingPage:
        self.page.get_by_label("The work done with the child").fill(work_done)
        self.page.get_by_label("What the child achieved").fill(achievements)
        self.page.get_by_label("Exit plan and signposting").fill(exit_plan)
        self.page.get_by_role("button", name="Save the closure document").click()
        return MeetingPage(self.page, title)


class StepPage(BasePage):
    """A closure document step: submit, quality-assure or record it given."""

    def __init__(self, page: Page, heading: str):
        self.heading = heading
        super().__init__(page)

    def confirm(self, title: str, button: str, *, note: str = "", to: tuple[str, ...] = ()) -> MeetingPage:
        if note:
            self.page.get_by_label("Comments (optional)").fill(note)
        for person in to:
            self.page.get_by_role("group", name="Who was given a copy").get_by_label(person, exact=True).check()
        self.page.get_by_role("button", name=button).click()
        return MeetingPage(self.page, title)


def settled_titles(rows: list[list[str]]) -> dict[str, str]:
    return {_first_line(row[1]): row[0].strip() for row in rows}
