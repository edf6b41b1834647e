"""The obligation pages through the Django test client: What's due on the case page, My work, waiving (with bad
input saving nothing), moving a case to current packs, and the Policies pages. Dates as in test_obligations.py."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.pages.helpers import error_summary, field_error, text
from waypoint.cases.models import Event
from waypoint.obligations.models import Obligation
from waypoint.obligations.services import MIGRATION_NOTHING_TO_DO, WAIVER_REASON_MISSING

from .test_obligations import LETTER, MINI_ASSET, the


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def test_the_case_page_shows_whats_due_overdue_first_with_the_explanation(open_cr_case, full_timer):
    case = open_cr_case(full_timer)
    page = text(client_for(full_timer).get(f"/cases/{case.pk}"))
    assert "What’s due" in page
    overdue_at, due_at = page.index("Overdue ("), page.index("Due (")
    assert overdue_at < due_at
    # The letter (due Fri 6 Nov) is overdue on 24 Nov; the Mini Asset (Thu 26 Nov) is still due.
    assert page.index("Fri 6 November 2026") < due_at < page.index("Thu 26 November 2026")
    assert "within 3 weeks of allocation" in page and "Source:" in page
    assert "Waive" not in page  # a case worker cannot waive


def test_a_manager_sees_a_waive_link_for_each_open_obligation(open_cr_case, full_timer, pyjs_manager):
    case = open_cr_case(full_timer)
    body = client_for(pyjs_manager).get(f"/cases/{case.pk}").content.decode()
    assert f'/obligations/{the(case, LETTER).pk}/waive' in body


def test_waiving_with_no_reason_or_too_long_a_reason_saves_nothing(open_cr_case, full_timer, pyjs_manager):
    case = open_cr_case(full_timer)
    url = f"/obligations/{the(case, LETTER).pk}/waive"
    client = client_for(pyjs_manager)
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 200
    assert error_summary(empty) == [WAIVER_REASON_MISSING]
    assert field_error(empty, "id_reason") == WAIVER_REASON_MISSING
    too_long = client.post(url, {"reason": "x" * 2001})
    assert too_long.status_code == 200 and error_summary(too_long)
    assert "2,000 characters" in error_summary(too_long)[0]
    assert not Event.objects.filter(case=case, type="obligation.waived").exists()
    assert the(case, LETTER).status == Obligation.Status.OPEN


def test_waiving_through_the_page_records_it_and_shows_it(open_cr_case, full_timer, pyjs_manager):
    case = open_cr_case(full_timer)
    client = client_for(pyjs_manager)
    response = client.post(f"/obligations/{the(case, LETTER).pk}/waive",
                           {"reason": "Appointment agreed in person at the police station."})
    assert response.status_code == 302 and response.url.endswith(f"/cases/{case.pk}#whats-due")
    assert the(case, LETTER).status == Obligation.Status.WAIVED
    page = text(client.get(f"/cases/{case.pk}"))
    assert "is waived" in page and "Waived" in page


def test_only_managers_of_the_service_can_open_the_waive_page(open_cr_case, full_timer, pyjs_manager, manager):
    case = open_cr_case(full_timer)
    url = f"/obligations/{the(case, LETTER).pk}/waive"
    assert client_for(full_timer).get(url).status_code == 403
    assert client_for(manager).get(url).status_code == 404  # another service's manager: no such obligation here
    assert client_for(pyjs_manager).get(url).status_code == 200
    assert client_for(pyjs_manager).get("/obligations/999999/waive").status_code == 404


def test_my_work_lists_overdue_first_in_a_fixed_number_of_queries(open_cr_case, full_timer):
    client = client_for(full_timer)
    open_cr_case(full_timer)
    with CaptureQueriesContext(connection) as one:
        page = text(client.get("/my-work"))
    assert page.index("Overdue") < page.index("Fri 6 November 2026") < page.index("Thu 26 November 2026")
    for _ in range(3):
        open_cr_case(full_timer)
    with CaptureQueriesContext(connection) as four:
        assert client.get("/my-work").status_code == 200
    assert len(four) == len(one)


def test_my_work_is_empty_for_someone_with_no_cases(db, pyjs_manager):
    assert "Nothing is due from you" in text(client_for(pyjs_manager).get("/my-work"))


def test_the_policies_page_lists_each_pack_and_warns_of_past_review_dates(open_cr_case, full_timer):
    open_cr_case(full_timer)
    page = text(client_for(full_timer).get("/policies"))
    assert "Case Management Guidance: Community Resolutions" in page
    assert "past review date" in page  # every built-in pack's review date (2025) has passed by 24 Nov 2026
    pack = text(client_for(full_timer).get("/policies/wokingham/community-resolution"))
    assert "wok.cr.assessment.mini-asset-due" in pack and "within 3 weeks of allocation" in pack
    assert "Cases on this version 1" in pack


def test_another_services_pack_page_is_not_found(db, full_timer):
    client = client_for(full_timer)
    assert client.get("/policies/nottinghamshire/allocation").status_code == 404
    assert client.get("/policies/wokingham/no-such-pack").status_code == 404


def test_moving_a_case_needs_a_reason_and_says_when_there_is_nothing_to_move(open_cr_case, full_timer,
                                                                            pyjs_manager):
    case = open_cr_case(full_timer)
    client = client_for(pyjs_manager)
    empty = client.post(f"/cases/{case.pk}/policy-packs", {"reason": ""})
    assert error_summary(empty) == ["Enter the reason for moving the case to the current policy packs"]
    same = client.post(f"/cases/{case.pk}/policy-packs", {"reason": "Checking"})
    assert error_summary(same) == [MIGRATION_NOTHING_TO_DO]
    assert client_for(full_timer).get(f"/cases/{case.pk}/policy-packs").status_code == 403


@pytest.mark.parametrize("path", ["/my-work", "/policies"])
def test_the_pages_need_a_signed_in_member_of_staff(db, path):
    response = Client().get(path)
    assert response.status_code in (302, 403)


def test_a_hostile_reason_is_shown_as_text_not_markup(open_cr_case, full_timer, pyjs_manager):
    case = open_cr_case(full_timer)
    client = client_for(pyjs_manager)
    client.post(f"/obligations/{the(case, LETTER).pk}/waive", {"reason": "<script>alert('x')</script> agreed"})
    body = client.get(f"/cases/{case.pk}").content.decode()
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(" in body


def test_a_service_pack_that_does_not_load_is_explained_not_a_server_error(open_cr_case, full_timer, tmp_path,
                                                                         settings):
    case = open_cr_case(full_timer)
    own = tmp_path / "wokingham"
    own.mkdir()
    (own / "community-resolution.yaml").write_text("id: wokingham/community-resolution\nrules: [unclosed\n")
    settings.WAYPOINT_PACK_DIRS = [str(tmp_path)]
    client = client_for(full_timer)
    case_page = client.get(f"/cases/{case.pk}")
    assert case_page.status_code == 200
    assert "current policy packs could not be read" in text(case_page)
    assert "within 3 weeks of allocation" in text(case_page)  # the case's own obligations still show
    policies = client.get("/policies")
    assert policies.status_code == 200 and "could not be read" in text(policies)
    assert client.get("/policies/wokingham/community-resolution").status_code == 302
