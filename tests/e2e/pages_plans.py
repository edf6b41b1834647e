"""Page objects for the plan pages: the case page's Plan section, writing a plan, reviewing it and recording a
signature. Selected by role and label; axe-core checks each page as it arrives (tests/e2e/pages.py)."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page

from .pages import BasePage, CasePage, _table_rows


class PlanSection:
    """The case page's Plan section."""

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page

    def targets(self) -> list[list[str]]:
        return _table_rows(self.page.get_by_role("table", name="Targets of the plan"))

    def value(self, key: str) -> str:
        return self.case.summary_value(key)

    def write_the_plan(self) -> "PlanFormPage":
        self.page.get_by_role("button", name="Write the plan").click()
        return PlanFormPage(self.page)

    def review_the_plan(self) -> "ReviewFormPage":
        self.page.get_by_role("button", name="Review the plan").click()
        return ReviewFormPage(self.page)

    def record_a_signature(self) -> "SignatureFormPage":
        self.page.get_by_role("button", name="Record a signature").click()
        return SignatureFormPage(self.page)


class _FormPage(BasePage):
    button = ""

    def fill_target(self, number: int, *, area: str, action: str, who: str = "", by_when: dt.date | None = None,
                    prefix: str = "Target") -> None:
        self.page.get_by_label(f"{prefix} {number}: area").fill(area)
        self.page.get_by_label(f"{prefix} {number}: what will be done").fill(action)
        self.page.get_by_label(f"{prefix} {number}: who will do this").fill(who)
        if by_when:
            self.fill_date(f"{prefix} {number}: by when", by_when)

    def submit_expecting_errors(self):
        self.page.get_by_role("button", name=self.button).click()
        return type(self)(self.page)

    def save(self, programme: str) -> CasePage:
        self.page.get_by_role("button", name=self.button).click()
        return CasePage(self.page, programme)


class PlanFormPage(_FormPage):
    heading = "Write the intervention plan"
    button = "Save the plan"

    def fill(self, *, agreed_on: dt.date, child_words: str, parent_present: bool) -> None:
        self.fill_date("Date the plan was agreed", agreed_on)
        self.page.get_by_label("The child's own words (optional)").fill(child_words)
        if parent_present:
            self.page.get_by_label("The parent or carer was at the plan session").check()


class ReviewFormPage(_FormPage):
    heading = "Review the plan"
    button = "Save the review"

    def fill(self, *, reviewed_on: dt.date, statuses: dict[str, str], with_parent_carer: bool = True) -> None:
        self.fill_date("Date of the review", reviewed_on)
        if with_parent_carer:
            self.page.get_by_label("Reviewed with the parent or carer").check()
        for legend, choice in statuses.items():
            self.page.get_by_role("group", name=legend).get_by_label(choice, exact=True).check()


class SignatureFormPage(_FormPage):
    heading = "Record a signature"
    button = "Save signature"

    def __init__(self, page: Page):
        super().__init__(page)

    def fill(self, *, document: str, signed_by: str, signed_on: dt.date) -> None:
        self.page.get_by_role("group", name="What was signed?").get_by_label(document, exact=True).check()
        self.page.get_by_role("group", name="Who signed?").get_by_label(signed_by, exact=True).check()
        self.fill_date("Date signed", signed_on)
