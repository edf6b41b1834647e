"""Page objects for the specialist work pages: the case page's specialist section and its forms (flag a need, make a
referral, record its outcome, record a consultation or a session), selected by role and label. Each arrives through
BasePage, so axe-core checks every page."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from .pages import BasePage, CasePage


class SpecialistSection:
    """The case page's "Specialist work" section."""

    def __init__(self, case: CasePage):
        self.case = case
        self.page = case.page
        expect(self.page.get_by_role("heading", level=2, name="Specialist work")).to_be_visible()

    def needs(self) -> list[str]:
        heading = self.page.get_by_role("heading", level=3, name="Specialist needs")
        return heading.locator("xpath=following-sibling::*[1]").inner_text()

    def referral_rows(self) -> list[list[str]]:
        table = self.page.get_by_role("table", name="Referrals to specialists, newest first")
        return [row.get_by_role("cell").all_inner_texts() for row in table.locator("tbody tr").all()]

    def flag_a_need(self) -> "NeedPage":
        self.page.get_by_role("link", name="Flag a specialist need or take a flag off").click()
        return NeedPage(self.page)

    def make_a_referral(self) -> "ReferralPage":
        self.page.get_by_role("button", name="Make a specialist referral").click()
        return ReferralPage(self.page)

    def record_outcome(self, specialist: str) -> "ReferralOutcomePage":
        self.page.get_by_role("link", name=f"Record outcome of the referral to the {specialist}").click()
        return ReferralOutcomePage(self.page)


class _FormPage(BasePage):
    button = "Save"

    def submit(self) -> None:
        self.page.get_by_role("button", name=self.button).click()

    def save(self, programme: str) -> CasePage:
        self.submit()
        return CasePage(self.page, programme)

    def save_expecting_errors(self):
        self.submit()
        return type(self)(self.page)


class NeedPage(_FormPage):
    heading = "Flag a specialist need"

    def fill(self, *, need: str, on: dt.date, reason: str, flag: bool = True) -> None:
        self.page.get_by_role("group", name="Which specialist need?").get_by_label(need).check()
        self.page.get_by_label("Flag this need on the case" if flag else "Take the flag off").check()
        self.fill_date("Date", on)
        self.page.get_by_label("Reason").fill(reason)


class ReferralPage(_FormPage):
    heading = "Make a specialist referral"
    button = "Save referral"

    def fill(self, *, to: str, on: dt.date, reason: str) -> None:
        self.page.get_by_role("group", name="Who is the referral to?").get_by_label(to, exact=True).check()
        self.fill_date("Date the referral was made", on)
        self.page.get_by_label("Why is the referral being made?").fill(reason)


class ReferralOutcomePage(_FormPage):
    heading = "Record the outcome of the referral"
    button = "Save outcome"

    def fill(self, *, outcome: str, on: dt.date, notes: str = "") -> None:
        self.page.get_by_label(outcome, exact=True).check()
        self.fill_date("Date of the outcome", on)
        if notes:
            self.page.get_by_label("Notes (optional)").fill(notes)
