"""Page objects for the assessment pages: the case page's assessments section, starting and writing an assessment,
the assessment's own page, the managers' QA queue and QA page. Each checks its page with axe-core as it arrives."""
from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from .pages import BasePage, CasePage


def go_to_qa_queue(page: BasePage) -> "QaQueuePage":
    page.navigation().get_by_role("link", name="QA queue").click()
    return QaQueuePage(page.page)


class AssessmentsSection:
    """The case page's "Assessments and ratings" section."""

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page
        expect(self.page.get_by_role("heading", level=2, name="Assessments and ratings")).to_be_visible()

    def start_an_assessment(self) -> "StartAssessmentPage":
        self.page.get_by_role("button", name="Start an assessment").click()
        return StartAssessmentPage(self.page)

    def assessment_rows(self) -> list[list[str]]:
        table = self.page.get_by_role("table", name="Assessments on this case")
        return [row.get_by_role("cell").all_inner_texts() for row in table.locator("tbody tr").all()]

    def open_assessment(self, kind: str) -> "AssessmentPage":
        self.page.get_by_role("table", name="Assessments on this case").get_by_role("link", name=kind).click()
        return AssessmentPage(self.page, kind)

    def current_rating(self, dimension: str) -> str:
        return self.case.summary_value(dimension).splitlines()[0].strip()


class StartAssessmentPage(BasePage):
    heading = "Start an assessment"

    def start(self, kind: str) -> "AssessmentEditPage":
        self.page.get_by_role("radio", name=kind, exact=True).check()
        self.page.get_by_role("button", name="Start").click()
        return AssessmentEditPage(self.page, kind)


class AssessmentEditPage(BasePage):
    """The author's form: the assessment's name is its heading."""

    def __init__(self, page: Page, kind: str):
        self.heading = kind
        self.kind = kind
        super().__init__(page)

    def fill(self, *, completed: dt.date | None = None, summary: str | None = None, evidence: tuple[str, ...] = (),
             document: tuple[str, bytes] | None = None, ratings: dict[str, tuple[str, str]] | None = None) -> None:
        if completed:
            self.fill_date("Date the assessment was completed", completed)
        if summary is not None:
            self.page.get_by_label("Summary of the assessment").fill(summary)
        for item in evidence:
            self.page.get_by_role("checkbox", name=item).check()
        if document:
            name, content = document
            self.page.get_by_label("Upload the AssetPlus document").set_input_files(
                {"name": name, "mimeType": "application/pdf", "buffer": content})
        for label, (level, reason) in (ratings or {}).items():
            self.page.get_by_label(label, exact=True).select_option(label=level)
            short = re.search(r"\((\w+)\)", label).group(1)
            self.page.get_by_label(f"Reason for the {short} rating").fill(reason)

    def returned_comments(self) -> str:
        return self.page.locator(".govuk-inset-text").inner_text()

    def submit_expecting_errors(self) -> "AssessmentEditPage":
        self.page.get_by_role("button", name="Submit for QA").click()
        return AssessmentEditPage(self.page, self.kind)

    def submit(self, programme: str) -> CasePage:
        self.page.get_by_role("button", name="Submit for QA").click()
        return CasePage(self.page, programme)


class AssessmentPage(BasePage):
    def __init__(self, page: Page, kind: str):
        self.heading = kind
        self.kind = kind
        super().__init__(page)

    def status(self) -> str:
        row = self.page.locator(".govuk-summary-list__row").filter(has_text="Status")
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def buttons(self) -> list[str]:
        return [text.strip() for text in self.page.get_by_role("main").get_by_role("button").all_inner_texts()]

    def change_and_submit(self) -> AssessmentEditPage:
        self.page.get_by_role("button", name="Change and submit").click()
        return AssessmentEditPage(self.page, self.kind)

    def finalise(self, programme: str) -> CasePage:
        self.page.get_by_role("button", name=f"Finalise {self.kind}").click()
        return CasePage(self.page, programme)


class QaQueuePage(BasePage):
    heading = "QA queue"

    def rows(self) -> list[list[str]]:
        table = self.page.get_by_role("table")
        if not table.count():
            return []
        return [row.get_by_role("cell").all_inner_texts() for row in table.locator("tbody tr").all()]

    def open(self, kind: str, child: str) -> "QaPage":
        self.page.get_by_role("link", name=re.compile(rf"^{re.escape(kind)} for {re.escape(child)}")).click()
        return QaPage(self.page, kind)


class QaPage(BasePage):
    def __init__(self, page: Page, kind: str):
        self.heading = f"QA the {kind}"
        super().__init__(page)

    def return_to_author(self, comments: str) -> QaQueuePage:
        self.page.get_by_label("Comments").fill(comments)
        self.page.get_by_role("button", name="Return to the author").click()
        return QaQueuePage(self.page)

    def complete(self, comments: str = "") -> QaQueuePage:
        if comments:
            self.page.get_by_label("Comments").fill(comments)
        self.page.get_by_role("button", name="QA completed").click()
        return QaQueuePage(self.page)
