"""A case manager's compliance journey in a real browser, axe-core on every page: from the case page to the
condensed compliance report, arrange the compliance CMM (a bad date first), mark the report ready, and open the
record of the meeting for a child in care. The data is built relative to the real today, as the live server runs on
the real clock."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from waypoint.appointments import services as a
from waypoint.appointments.models import AppointmentKind, Outcome
from waypoint.cases.models import Allocation, Order, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.compliance_reports import services as s
from waypoint.core.models import today
from waypoint.people.models import ChildCircumstance
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.models import Service
from waypoint.workforce.tests.factories import (
    TEST_PASSWORD, ServiceFactory, StaffMemberFactory, TeamFactory, UserFactory,
)

from .pages import BasePage, SignInPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class CasePage(BasePage):
    heading = "Youth Rehabilitation Order"

    def open_compliance_report(self) -> "ComplianceReportPage":
        self.page.get_by_role("link", name="Compliance CMMs and the condensed compliance report").click()
        return ComplianceReportPage(self.page)


class ComplianceReportPage(BasePage):
    heading = "Compliance report for the compliance CMM"

    def summary_value(self, key: str) -> str:
        row = self.page.locator(".govuk-summary-list__row").filter(has=self.page.get_by_text(key, exact=True))
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def arrange(self) -> "ArrangePage":
        self.page.get_by_role("button", name="Arrange a compliance CMM").click()
        return ArrangePage(self.page)

    def mark_ready(self) -> "ReadyPage":
        self.page.get_by_role("link", name="Mark the report ready").click()
        return ReadyPage(self.page)

    def record_held(self) -> "HeldPage":
        self.page.get_by_role("link", name="Record it held").click()
        return HeldPage(self.page)


class ArrangePage(BasePage):
    heading = "Arrange a compliance CMM"

    def submit(self, day: dt.date | None, time: str, raw=None) -> None:
        self.fill_date("Date", day, raw=raw)
        self.page.get_by_label("Time").fill(time)
        self.page.get_by_role("button", name="Arrange the CMM").click()


class ReadyPage(BasePage):
    heading = "Mark the compliance report ready"

    def submit(self, capita: str) -> ComplianceReportPage:
        self.page.get_by_label("CAPITA number").fill(capita)
        self.page.get_by_role("button", name="Mark the report ready").click()
        return ComplianceReportPage(self.page)


class HeldPage(BasePage):
    heading = "Record the compliance CMM"


def _build():
    service = ServiceFactory(name="Exampleshire County YJS", slug="exampleshire-county",
                             policy_set=Service.PolicySet.NOTTINGHAMSHIRE,
                             working_days_rule=Service.WorkingDaysRule.MON_FRI)
    team = TeamFactory(service=service, name="North locality")
    tm = StaffMemberFactory(service=service, team=team, team_manager=True, given_name="Tess", family_name="Manager")
    cm = StaffMemberFactory(service=service, team=team, line_manager=tm, given_name="Cal", family_name="Casework",
                            user=UserFactory(username="cal.casework"))
    child = ChildFactory(service=service, given_name="Casey", family_name="Sampleton",
                         date_of_birth=dt.date(2010, 6, 9))
    ChildCircumstance(child=child, kind=ChildCircumstance.Kind.CARE_STATUS,
                      value=ChildCircumstance.CareStatus.LOOKED_AFTER, from_date=today() - dt.timedelta(days=60),
                      recorded_by=tm).save()
    started = today() - dt.timedelta(days=21)
    case = case_open(service=service, child=child, programme=Programme.YRO, started_on=started, actor=tm, team=team)
    case_allocate(case=case, staff=cm, role=Allocation.Role.CM, rationale="Capacity.", actor=tm, on=started)
    Order.objects.create(case=case, order_type=Order.OrderType.YRO, made_on=started, starts_on=started)
    for days_ago, result in ((14, Outcome.ATTENDED), (7, Outcome.UNACCEPTABLE), (3, Outcome.ATTENDED)):
        when = timezone.make_aware(dt.datetime.combine(today() - dt.timedelta(days=days_ago), dt.time(10, 0)))
        booked = a.appointment_schedule(case=case, staff=cm, kind=AppointmentKind.SUPERVISION, starts_at=when,
                                        actor=cm)
        a.appointment_record_outcome(appointment=booked, outcome=result, actor=cm)
    return case


def test_a_case_manager_prepares_the_compliance_report_for_the_cmm(live_server, page):
    case = _build()
    SignInPage.open(page).sign_in("cal.casework", TEST_PASSWORD)
    page.goto(f"/cases/{case.pk}")
    report = CasePage(page).open_compliance_report()
    assert report.summary_value("Number of appointments given") == "3"
    assert report.summary_value("Number of appointments kept") == "2"
    assert report.summary_value("Number of unacceptable failures") == "1"
    expect(page.get_by_text("Casey Sampleton is a child in care")).to_be_visible()

    arrange = report.arrange()
    arrange.submit(None, "10am", raw=("31", "2", str(today().year)))
    assert arrange.error_messages() == ["Date must be a real date"]
    arrange = ArrangePage(page)
    arrange.submit(today() + dt.timedelta(days=3), "10am")
    report = ComplianceReportPage(page)
    assert "The compliance CMM is arranged" in report.success_message()

    report = report.mark_ready().submit("CAP4242")
    assert "marked ready for the TM/AP" in report.success_message()
    assert report.summary_value("CAPITA number") == "CAP4242"
    expect(page.get_by_text("At least 24 hours before, by Cal Casework")).to_be_visible()

    held = report.record_held()
    held.fill_date("Date the compliance CMM was held", today())
    page.get_by_label("Team manager").check()
    page.get_by_label("Case manager").check()
    page.get_by_role("button", name="Save").click()
    assert HeldPage(page).error_messages() == [s.HELD_RATIONALE_MISSING]
    page.get_by_label("Rationale addressing the presumption against breach").fill("In care; placement move.")
    page.get_by_role("button", name="Save").click()
    report = ComplianceReportPage(page)
    assert "recorded as held" in report.success_message()
    expect(page.get_by_text("Presumption against breach recorded")).to_be_visible()
