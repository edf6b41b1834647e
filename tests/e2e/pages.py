"""Page objects for the browser tests: each one knows how to recognise its page and what a user can do there,
selecting by role and label as a user (or a screen reader) would.

Every page object checks the page with axe-core as it arrives (WCAG 2.2 AA rules), so a journey cannot visit a page
without checking it.
"""
from __future__ import annotations

import datetime as dt
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
checked_urls: list[str] = []


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.2 A or AA violation on the page as it is now."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS},
                                     "resultTypes": ["violations"]})
    checked_urls.append(page.url)
    assert results.violations_count == 0, f"axe-core on {page.url}:\n{results.generate_report()}"


class BasePage:
    """A page of the service: its main heading identifies it."""

    heading: str | re.Pattern = ""

    def __init__(self, page: Page):
        self.page = page
        expect(page.get_by_role("heading", level=1, name=self.heading)).to_be_visible()
        assert_accessible(page)

    # What every signed-in page offers --------------------------------------------------------------------------
    def navigation(self):
        return self.page.get_by_role("navigation", name="Main menu")

    def go_to_my_cases(self) -> "MyCasesPage":
        self.navigation().get_by_role("link", name="My cases").click()
        return MyCasesPage(self.page)

    def go_to_cases(self) -> "CaseListPage":
        self.navigation().get_by_role("link", name="Cases", exact=True).click()
        return CaseListPage(self.page)

    def go_to_referrals(self) -> "ReferralListPage":
        self.navigation().get_by_role("link", name="Referrals").click()
        return ReferralListPage(self.page)

    def go_to_my_work(self) -> "MyWorkPage":
        self.navigation().get_by_role("link", name="My work").click()
        return MyWorkPage(self.page)

    def go_to_policies(self) -> "PoliciesPage":
        self.navigation().get_by_role("link", name="Policies").click()
        return PoliciesPage(self.page)

    def sign_out(self) -> "SignInPage":
        self.page.get_by_role("button", name="Sign out").click()
        return SignInPage(self.page)

    # Messages -------------------------------------------------------------------------------------------------
    def success_message(self) -> str:
        banner = self.page.get_by_role("alert", name="Success")
        expect(banner).to_be_visible()
        return banner.inner_text()

    def error_messages(self) -> list[str]:
        summary = self.page.get_by_role("alert").filter(has_text="There is a problem")
        expect(summary).to_be_visible()
        return [text.strip() for text in summary.get_by_role("link").all_inner_texts()]

    def fill_date(self, legend: str, day: dt.date | None = None, *, raw: tuple[str, str, str] | None = None) -> None:
        group = self.page.get_by_role("group", name=legend)
        parts = raw or (str(day.day), str(day.month), str(day.year))
        for label, value in zip(("Day", "Month", "Year"), parts):
            group.get_by_label(label).fill(value)


class SignInPage(BasePage):
    heading = "Sign in to Waypoint"

    @classmethod
    def open(cls, page: Page) -> "SignInPage":
        page.goto("/sign-in")
        return cls(page)

    def submit(self, username: str, password: str) -> None:
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()

    def sign_in(self, username: str, password: str) -> "MyCasesPage":
        self.submit(username, password)
        return MyCasesPage(self.page)

    def sign_in_expecting_error(self, username: str, password: str) -> "SignInPage":
        self.submit(username, password)
        return SignInPage(self.page)


class MyCasesPage(BasePage):
    heading = "My cases"

    def case_references(self) -> list[str]:
        return self.page.get_by_role("table").get_by_role("link", name=re.compile(r"^C-\d+$")).all_inner_texts()

    def open_case(self, reference: str, programme: str) -> "CasePage":
        self.page.get_by_role("link", name=reference, exact=True).click()
        return CasePage(self.page, programme)


class CaseListPage(BasePage):
    heading = "Cases"

    def search(self, text: str = "", **filters: str) -> "CaseListPage":
        self.page.get_by_label("Name or reference").fill(text)
        for label, option in filters.items():
            self.page.get_by_label(label.capitalize(), exact=True).select_option(label=option)
        self.page.get_by_role("button", name="Search").click()
        return CaseListPage(self.page)

    def case_references(self) -> list[str]:
        table = self.page.get_by_role("table")
        if not table.count():
            return []
        return table.get_by_role("link", name=re.compile(r"^C-\d+")).all_inner_texts()

    def caption(self) -> str:
        return self.page.locator("caption").inner_text()

    def next_page(self) -> "CaseListPage":
        self.page.get_by_role("navigation", name="Pages of results").get_by_role("link", name=re.compile("Next")).click()
        return CaseListPage(self.page)

    def open_case(self, reference: str, programme: str) -> "CasePage":
        self.page.get_by_role("link", name=reference, exact=True).click()
        return CasePage(self.page, programme)


class CasePage(BasePage):
    """The case page; its heading is the programme's name."""

    def __init__(self, page: Page, programme: str):
        self.heading = programme
        super().__init__(page)

    def summary_value(self, key: str) -> str:
        row = self.page.locator(".govuk-summary-list__row").filter(
            has=self.page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def allocation_rows(self) -> list[list[str]]:
        table = self.page.get_by_role("table", name="Every allocation of this case, most recent first")
        return [row.get_by_role("cell").all_inner_texts() for row in table.locator("tbody tr").all()]

    def chronology_titles(self) -> list[str]:
        return self.page.locator("ol.wp-timeline").get_by_role("heading", level=3).all_inner_texts()

    def open_child(self, name: str) -> "ChildPage":
        self.page.get_by_role("main").get_by_role("link", name=name).first.click()
        return ChildPage(self.page, name)

    def allocate_or_reallocate(self) -> "AllocatePage":
        self.page.get_by_role("button", name="Allocate or reallocate").click()
        return AllocatePage(self.page)


class ChildPage(BasePage):
    def __init__(self, page: Page, name: str):
        self.heading = name
        super().__init__(page)

    def show_history(self) -> None:
        self.page.get_by_text("History of address and circumstances").click()
        expect(self.page.get_by_role("table", name="Addresses")).to_be_visible()
        assert_accessible(self.page)

    def case_references(self) -> list[str]:
        return self.page.get_by_role("link", name=re.compile(r"^C-\d+$")).all_inner_texts()


class ReferralListPage(BasePage):
    heading = "Referrals"

    def record_a_referral(self) -> "ReferralFormPage":
        self.page.get_by_role("button", name="Record a referral").click()
        return ReferralFormPage(self.page)


class ReferralFormPage(BasePage):
    heading = "Record a referral"

    def submit(self) -> None:
        self.page.get_by_role("button", name="Record referral").click()

    def submit_expecting_errors(self) -> "ReferralFormPage":
        self.submit()
        return ReferralFormPage(self.page)

    def record_for_new_child(self, *, source: str, received_on: dt.date, summary: str, given_name: str,
                             family_name: str, date_of_birth: dt.date, gender: str) -> "ReferralPage":
        self.page.get_by_role("group", name="Where did the referral come from?").get_by_label(source).check()
        self.fill_date("Date received", received_on)
        self.page.get_by_label("Summary").fill(summary)
        self.page.get_by_label("No, this is a new child").check()
        self.page.get_by_label("First name").fill(given_name)
        self.page.get_by_label("Last name").fill(family_name)
        self.fill_date("Date of birth", date_of_birth)
        self.page.get_by_role("group", name="Gender").get_by_label(gender, exact=True).check()
        self.submit()
        return ReferralPage(self.page)


class ReferralPage(BasePage):
    heading = re.compile(r"^Referral received ")

    def triage(self) -> "TriagePage":
        self.page.get_by_role("button", name="Triage this referral").click()
        return TriagePage(self.page)

    def accept_into_a_case(self) -> "AcceptPage":
        self.page.get_by_role("button", name="Accept into a case").click()
        return AcceptPage(self.page)


class TriagePage(BasePage):
    heading = "Triage the referral"

    def decide(self, outcome: str, reason: str) -> ReferralPage:
        self.page.get_by_label(outcome).check()
        self.page.get_by_label("Reason for the decision").fill(reason)
        self.page.get_by_role("button", name="Save decision").click()
        return ReferralPage(self.page)


class AcceptPage(BasePage):
    heading = "Accept the referral into a case"

    def accept(self, *, programme: str, team: str) -> CasePage:
        self.page.get_by_label("Programme").select_option(label=programme)
        self.page.get_by_label("Team").select_option(label=team)
        self.page.get_by_role("button", name="Accept and open the case").click()
        return CasePage(self.page, programme)


class AllocatePage(BasePage):
    heading = "Allocate or reallocate"

    def allocate(self, *, worker: str, role: str, rationale: str, programme: str, reason: str | None = None) -> CasePage:
        workers = self.page.get_by_label("Worker", exact=True)
        workers.select_option(label=workers.locator("option", has_text=worker).first.inner_text().strip())
        self.page.get_by_label("Role on the case").select_option(label=role)
        if reason:
            self.page.get_by_label(reason).check()
        self.page.get_by_label("Rationale").fill(rationale)
        self.page.get_by_role("button", name="Allocate").click()
        return CasePage(self.page, programme)


# Obligations ------------------------------------------------------------------------------------------------------

def _table_rows(table) -> list[list[str]]:
    """Each body row's cells as a user reads them (a closed "Why" shows only its summary)."""
    return [row.get_by_role("cell").all_inner_texts() for row in table.locator("tbody tr").all()]


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0].strip()


def _open_why(row) -> str:
    """Open the row's "Why" details and return the explanation it shows."""
    row.get_by_text(re.compile(r"^Why")).click()
    explanation = row.locator(".govuk-details__text")
    expect(explanation).to_be_visible()
    return explanation.inner_text()


class WhatsDue:
    """The case page's "What's due" section: overdue, then due, each obligation with its "Why"; then, folded away,
    what is done, waived or not applicable."""

    SECTIONS = re.compile(r"^(Overdue|Due) \(\d+\)$")

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page
        expect(self.page.get_by_role("heading", level=2, name=re.compile(r"^What.s due$"))).to_be_visible()

    def section_headings(self) -> list[str]:
        return self.page.get_by_role("heading", level=3, name=self.SECTIONS).all_inner_texts()

    def _table(self, section: str):
        heading = self.page.get_by_role("heading", level=3, name=re.compile(rf"^{re.escape(section)} \(\d+\)$"))
        return heading.locator("xpath=following-sibling::table[1]")

    def rows(self, section: str) -> list[list[str]]:
        return _table_rows(self._table(section))

    def titles(self, section: str) -> list[str]:
        return [_first_line(cells[1]) for cells in self.rows(section)]

    def row(self, section: str, title: str):
        return self._table(section).locator("tbody tr").filter(has_text=title)

    def why(self, section: str, title: str) -> str:
        """Open an obligation's "Why" and read its explanation; axe checks the page with it open."""
        text = _open_why(self.row(section, title))
        assert_accessible(self.page)
        return text

    def waive_links(self):
        return self.page.get_by_role("link", name=re.compile(r"^Waive "))

    def waive(self, section: str, title: str) -> "WaivePage":
        self.row(section, title).get_by_role("link", name=f"Waive {title}").click()
        return WaivePage(self.page)

    def settled_rows(self) -> list[list[str]]:
        """Open "Done, waived or not applicable" and read its rows."""
        details = self.page.locator("details").filter(
            has=self.page.get_by_text(re.compile(r"^Done, waived or not applicable \(\d+\)$")))
        details.get_by_text(re.compile(r"^Done, waived or not applicable")).first.click()
        table = details.get_by_role("table")
        expect(table).to_be_visible()
        assert_accessible(self.page)
        return _table_rows(table)


class WaivePage(BasePage):
    heading = "Waive an obligation"

    def summary_value(self, key: str) -> str:
        row = self.page.locator(".govuk-summary-list__row").filter(
            has=self.page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def submit(self, reason: str) -> None:
        self.page.get_by_label("Why is this obligation being waived?").fill(reason)
        self.page.get_by_role("button", name="Waive obligation").click()

    def submit_expecting_errors(self, reason: str = "") -> "WaivePage":
        self.submit(reason)
        return WaivePage(self.page)

    def waive(self, reason: str, programme: str) -> CasePage:
        self.submit(reason)
        return CasePage(self.page, programme)


class MyWorkPage(BasePage):
    heading = "My work"

    def caption(self) -> str:
        return self.page.locator("caption").inner_text()

    def rows(self) -> list[list[str]]:
        return _table_rows(self.page.get_by_role("table"))

    def titles(self) -> list[str]:
        return [_first_line(cells[1]) for cells in self.rows()]

    def statuses(self) -> list[str]:
        return [cells[0].strip() for cells in self.rows()]

    def why(self, title: str) -> str:
        text = _open_why(self.page.get_by_role("table").locator("tbody tr").filter(has_text=title))
        assert_accessible(self.page)
        return text

    def open_case(self, title: str, child: str, programme: str) -> CasePage:
        row = self.page.get_by_role("table").locator("tbody tr").filter(has_text=title)
        row.get_by_role("link", name=child).click()
        return CasePage(self.page, programme)


class PoliciesPage(BasePage):
    heading = "Policies"

    def warning(self) -> str:
        warning = self.page.locator(".govuk-warning-text")
        expect(warning).to_be_visible()
        return warning.inner_text()

    def rows(self) -> list[list[str]]:
        return _table_rows(self.page.get_by_role("table", name="Policy packs"))

    def pack_titles(self) -> list[str]:
        return self.page.get_by_role("table", name="Policy packs").locator("tbody tr td:first-child a").all_inner_texts()

    def open_pack(self, title: str) -> "PolicyPackPage":
        self.page.get_by_role("table", name="Policy packs").get_by_role("link", name=title, exact=True).click()
        return PolicyPackPage(self.page, title)


class PolicyPackPage(BasePage):
    def __init__(self, page: Page, title: str):
        self.heading = title
        super().__init__(page)

    def warning(self) -> str:
        warning = self.page.locator(".govuk-warning-text")
        expect(warning).to_be_visible()
        return warning.inner_text()

    def rule_titles(self) -> list[str]:
        return self.page.get_by_role("heading", level=3).all_inner_texts()

    def rule_detail(self, title: str, key: str) -> str:
        card = self.page.locator(".govuk-summary-card").filter(
            has=self.page.get_by_role("heading", level=3, name=title, exact=True))
        row = card.locator(".govuk-summary-list__row").filter(
            has=self.page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def back_to_policies(self) -> PoliciesPage:
        self.page.get_by_role("link", name="Back to policies").click()
        return PoliciesPage(self.page)


# ---- Appointments ------------------------------------------------------------------------------------------------

class Appointments:
    """The case page's Appointments section."""

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page
        self.heading = self.page.get_by_role("heading", level=2, name="Appointments")

    def _table(self):
        return self.page.get_by_role("table", name="Appointments, earliest first")

    def rows(self) -> list[list[str]]:
        table = self._table()
        if not table.count():
            return []
        return [[cell.strip() for cell in row.get_by_role("cell").all_inner_texts()]
                for row in table.locator("tbody tr").all()]

    def book_a_run(self) -> "BookAppointmentsPage":
        self.page.get_by_role("button", name="Book a run of appointments").click()
        return BookAppointmentsPage(self.page, series=True)

    def record_outcome(self, when_text: str) -> "OutcomePage":
        self.page.get_by_role("link", name=f"Record outcome {when_text}").click()
        return OutcomePage(self.page)


class BookAppointmentsPage(BasePage):
    def __init__(self, page: Page, series: bool):
        self.heading = "Book a run of appointments" if series else "Book an appointment"
        super().__init__(page)

    def fill(self, *, kind: str, first: dt.date, time: str, every: str, last: dt.date) -> None:
        self.page.get_by_label("Type of appointment").select_option(label=kind)
        self.fill_date("Date of the first appointment", first)
        self.page.get_by_label("Time").fill(time)
        self.page.get_by_label(every).check()
        self.fill_date("Date of the last appointment", last)

    def submit(self) -> None:
        self.page.get_by_role("button", name=re.compile(r"^Book")).click()

    def submit_expecting_errors(self) -> "BookAppointmentsPage":
        self.submit()
        return BookAppointmentsPage(self.page, series=True)

    def book(self, programme: str) -> CasePage:
        self.submit()
        if self.page.get_by_role("button", name="Book anyway").count():
            assert_accessible(self.page)  # the warnings page
            self.page.get_by_role("button", name="Book anyway").click()
        return CasePage(self.page, programme)


class OutcomePage(BasePage):
    heading = "Record the outcome"

    def fill_acceptable_absence(self, *, evidence: str, received: dt.date | None = None,
                                raw: tuple[str, str, str] | None = None, file: dict | None = None) -> None:
        self.page.get_by_label("Missed: acceptable absence").check()
        self.page.get_by_label("Written evidence of the reason (acceptable absences)").select_option(label=evidence)
        self.fill_date("Date the evidence was received", received, raw=raw)
        if file:
            self.page.get_by_label("Upload the evidence (optional)").set_input_files(file)

    def save(self, programme: str) -> CasePage:
        self.page.get_by_role("button", name="Save outcome").click()
        return CasePage(self.page, programme)

    def save_expecting_errors(self) -> "OutcomePage":
        self.page.get_by_role("button", name="Save outcome").click()
        return OutcomePage(self.page)


# ---- Casework: booking one appointment, outcomes, the ladders, closure and letters -----------------------------

def _summary_row(scope, key: str):
    return scope.locator(".govuk-summary-list__row").filter(
        has=scope.page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))


class CaseworkAppointments(Appointments):
    """The case page's Appointments section, with booking one appointment and recording any outcome."""

    def book_one(self) -> "BookAnAppointmentPage":
        self.page.get_by_role("button", name="Book an appointment").click()
        return BookAnAppointmentPage(self.page)

    def record_outcome_as(self, when_text: str, outcome: str, programme: str, notes: str = "") -> CasePage:
        outcome_page = self.record_outcome(when_text)
        self.page.get_by_role("group", name="What happened?").get_by_label(outcome, exact=True).check()
        if notes:
            self.page.get_by_label("Notes (optional)").fill(notes)
        return outcome_page.save(programme)


class BookAnAppointmentPage(BasePage):
    heading = "Book an appointment"

    def book(self, *, kind: str, on: dt.date, time: str, programme: str, with_whom: str = "",
             place: str = "") -> CasePage:
        self.page.get_by_label("Type of appointment").select_option(label=kind)
        self.fill_date("Date", on)
        self.page.get_by_label("Time", exact=True).fill(time)
        if place:
            self.page.get_by_label("Where (optional)").fill(place)
        if with_whom:
            self.page.get_by_label("With whom (optional)").fill(with_whom)
        self.page.get_by_role("button", name="Book appointment").click()
        if self.page.get_by_role("button", name="Book anyway").count():
            assert_accessible(self.page)  # the warnings page (a non-working day, a clash)
            self.page.get_by_role("button", name="Book anyway").click()
        return CasePage(self.page, programme)


class LadderCard:
    """The case page's Compliance section: the ladder card (where the case is, the next step, every step with its
    obligations, letter and action) and the Closure card with its buttons."""

    def __init__(self, case: CasePage, title: str):
        self.case = case
        self.page = case.page
        expect(self.page.get_by_role("heading", level=2, name="Compliance")).to_be_visible()
        self.card = self.page.locator(".govuk-summary-card").filter(
            has=self.page.get_by_role("heading", level=3, name=title, exact=True))
        expect(self.card).to_be_visible()

    def value(self, key: str) -> str:
        return _summary_row(self.card, key).locator(".govuk-summary-list__value").inner_text().strip()

    def stage(self) -> str:
        return self.value("Where the case is")

    def step(self, title: str) -> str:
        """A step's obligations as shown (e.g. "Done due ..., done ..."), "Not reached", and its letter line."""
        return self.value(title)

    def take_action(self, name: str, heading: str) -> "LadderStepPage":
        # A summary card's action link also names the card, visually hidden: "Start breach (... ladder)".
        self.card.get_by_role("link", name=re.compile(rf"^{re.escape(name)}\b")).click()
        return LadderStepPage(self.page, heading)

    def create_letter(self, words: str, letter_type: str) -> "WriteLetterPage":
        self.card.get_by_role("link", name=f"Create the {words}", exact=True).click()
        write = WriteLetterPage(self.page)
        expect(self.page.get_by_role("radio", name=letter_type, exact=True)).to_be_checked()
        return write

    # The Closure card
    def closure_value(self, key: str) -> str:
        card = self.page.locator(".govuk-summary-card").filter(
            has=self.page.get_by_role("heading", level=3, name="Closure request", exact=True))
        return _summary_row(card, key).locator(".govuk-summary-list__value").inner_text().strip()

    def request_closure(self) -> "ClosureRequestPage":
        self.page.get_by_role("button", name="Request closure").click()
        return ClosureRequestPage(self.page)

    def agree_or_return(self) -> "ClosureDecisionPage":
        self.page.get_by_role("button", name="Agree or return the closure request").click()
        return ClosureDecisionPage(self.page)

    def close_the_case(self) -> "CloseCasePage":
        self.page.get_by_role("button", name="Close the case").click()
        return CloseCasePage(self.page)

    def closure_requests(self) -> "ClosureRequestsPage":
        self.page.get_by_role("link", name="All closure requests waiting for a decision").click()
        return ClosureRequestsPage(self.page)


class LadderStepPage(BasePage):
    """A ladder step that is an action: a warning, breach, engagement refused, the compliance meeting, ..."""

    def __init__(self, page: Page, heading: str):
        self.heading = heading
        super().__init__(page)

    def record(self, programme: str, *, on: dt.date, note: str = "", note_label: str = "Notes (optional)",
               meeting_on: dt.date | None = None, meeting_at: str = "") -> CasePage:
        group = self.page.get_by_role("group", name="Date", exact=True)
        for label, value in zip(("Day", "Month", "Year"), (on.day, on.month, on.year)):
            group.get_by_label(label).fill(str(value))
        if meeting_on:
            self.fill_date("Date of the compliance meeting (second warning)", meeting_on)
            self.page.get_by_label("Time of the compliance meeting").fill(meeting_at)
        if note:
            self.page.get_by_label(note_label).fill(note)
        self.page.get_by_role("button", name="Save").click()
        return CasePage(self.page, programme)


class LettersSection:
    """The case page's Letters section."""

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page
        expect(self.page.get_by_role("heading", level=2, name="Letters")).to_be_visible()

    def write_a_letter(self) -> "WriteLetterPage":
        self.page.get_by_role("button", name="Write a letter").click()
        return WriteLetterPage(self.page)

    def rows(self) -> list[list[str]]:
        table = self.page.get_by_role("table", name="Letters, newest first")
        if not table.count():
            return []
        return [[cell.strip() for cell in row.get_by_role("cell").all_inner_texts()]
                for row in table.locator("tbody tr").all()]


class WriteLetterPage(BasePage):
    heading = "Write a letter"

    def write(self, letter_type: str, appointments: list[str] = ()) -> "LetterPage":
        self.page.get_by_role("radio", name=letter_type, exact=True).check()
        for label in appointments:
            self.page.get_by_role("checkbox", name=label).check()
        self.page.get_by_role("button", name="Write the letter").click()
        return LetterPage(self.page, letter_type)


class LetterPage(BasePage):
    """A written letter: who it goes to, its preview, Download PDF and Mark as sent."""

    def __init__(self, page: Page, heading: str):
        self.heading = heading
        super().__init__(page)

    def summary_value(self, key: str) -> str:
        row = _summary_row(self.page.get_by_role("main"), key)
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def letter_text(self) -> str:
        return self.page.get_by_role("article", name="The letter").inner_text()

    def download_pdf(self) -> bytes:
        with self.page.expect_download() as download:
            self.page.get_by_role("button", name="Download PDF").click()
        path = download.value.path()
        with open(path, "rb") as pdf:
            return pdf.read()

    def mark_as_sent(self) -> "MarkSentPage":
        self.page.get_by_role("button", name="Mark as sent").click()
        return MarkSentPage(self.page)


class MarkSentPage(BasePage):
    heading = "Mark the letter as sent"

    def submit(self, day: dt.date | None, method: str = "Posted") -> None:
        """Fill in the date (if given) and how it went, and submit, whatever the page then shows."""
        if day:
            self.fill_date("Date the letter was sent", day)
        self.page.get_by_role("radio", name=method).check()
        self.page.get_by_role("button", name="Mark as sent").click()

    def mark_sent(self, day: dt.date, programme: str, method: str | None = None) -> CasePage:
        """Send it on `day`, by `method` (the page's choice for the letter if None)."""
        self.fill_date("Date the letter was sent", day)
        if method:
            self.page.get_by_role("radio", name=method).check()
        self.page.get_by_role("button", name="Mark as sent").click()
        return CasePage(self.page, programme)


class ClosureRequestPage(BasePage):
    heading = "Request closure"

    def request(self, reason: str, steps_taken: str, programme: str) -> CasePage:
        self.page.get_by_role("group", name="Why should the case close?").get_by_label(reason, exact=True).check()
        self.page.get_by_label("Steps taken").fill(steps_taken)
        self.page.get_by_role("button", name="Request closure").click()
        return CasePage(self.page, programme)


class ClosureRequestsPage(BasePage):
    heading = "Closure requests"

    def rows(self) -> list[list[str]]:
        table = self.page.get_by_role("table")
        if not table.count():
            return []
        return _table_rows(table)

    def open_request(self, reference: str) -> "ClosureDecisionPage":
        self.page.get_by_role("table").get_by_role("link", name=reference, exact=True).click()
        return ClosureDecisionPage(self.page)

    def open_to_close(self, reference: str) -> "CloseCasePage":
        self.page.get_by_role("table").get_by_role("link", name=reference, exact=True).click()
        return CloseCasePage(self.page)


class ClosureDecisionPage(BasePage):
    heading = "Agree or return the closure request"

    def summary_value(self, key: str) -> str:
        row = _summary_row(self.page.get_by_role("main"), key)
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def agree(self, programme: str) -> CasePage:
        self.page.get_by_label("Yes, agree the closure").check()
        self.page.get_by_role("button", name="Save decision").click()
        return CasePage(self.page, programme)


class CloseCasePage(BasePage):
    heading = "Close the case"

    def agreed_text(self) -> str:
        return self.page.locator(".govuk-inset-text").inner_text()

    def close(self, on: dt.date, programme: str, reason: str | None = None) -> CasePage:
        """Close on `on`, for `reason` (the agreed request's, already chosen, if None)."""
        if reason:
            self.page.get_by_label("Reason for closing").select_option(label=reason)
        self.fill_date("Date the case closed", on)
        self.page.get_by_role("button", name="Close the case").click()
        return CasePage(self.page, programme)
