"""Page objects of the leave pages: the list of leave and absences, the form recording one, and the return."""
from __future__ import annotations

import datetime as dt

from .pages import BasePage, _table_rows


class LeavePage(BasePage):
    heading = "Leave and absences"

    @classmethod
    def from_navigation(cls, page_object: BasePage) -> "LeavePage":
        page_object.navigation().get_by_role("link", name="Leave").click()
        return cls(page_object.page)

    def rows(self) -> list[list[str]]:
        return _table_rows(self.page.get_by_role("table"))

    def record(self) -> "AbsenceFormPage":
        self.page.get_by_role("button", name="Record leave or an absence").click()
        return AbsenceFormPage(self.page)

    def record_return(self, worker: str) -> "ReturnPage":
        self.page.get_by_role("link", name=f"Record the return of {worker}").click()
        return ReturnPage(self.page)


class AbsenceFormPage(BasePage):
    heading = "Record leave or an absence"

    def fill(self, *, kind: str, starts_on: dt.date | None, ends_on: dt.date | None = None,
             worker: str | None = None) -> "AbsenceFormPage":
        if worker is not None:
            self.page.get_by_label("Whose leave or absence is it?").select_option(label=worker)
        self.page.get_by_role("radio", name=kind).check()
        if starts_on is not None:
            self.fill_date("First day", starts_on)
        if ends_on is not None:
            self.fill_date("Last day", ends_on)
        return self

    def save(self) -> LeavePage:
        self.page.get_by_role("button", name="Save").click()
        return LeavePage(self.page)

    def save_expecting_errors(self) -> "AbsenceFormPage":
        self.page.get_by_role("button", name="Save").click()
        return AbsenceFormPage(self.page)


class ReturnPage(BasePage):
    heading = "Record the return"

    def save(self, last_day: dt.date) -> LeavePage:
        self.fill_date("Last day of the absence", last_day)
        self.page.get_by_role("button", name="Save").click()
        return LeavePage(self.page)
