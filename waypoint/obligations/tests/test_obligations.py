"""Obligations in the product: worked out with each event, stored, read as overdue from their due dates, waived by
a manager, and kept under the pack version a case started with until a manager moves it on.

Every expected date is counted by hand from the Community Resolution guidance (catalogue §2.1) and §1.2:
allocated Thu 5 Nov 2026; the first-appointment letter is due the first Friday after, Fri 6 Nov; the Mini Asset
3 weeks (21 days) after allocation, Thu 26 Nov, or 4 weeks (28 days), Thu 3 Dec, for a part-time worker.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from waypoint.cases.models import Event
from waypoint.cases.services import event_record
from waypoint.obligations import services
from waypoint.obligations.models import CasePolicy, Obligation, PolicyPackVersion
from waypoint.obligations.selectors import case_due, my_work
from waypoint.obligations.services import (
    MIGRATION_NOTHING_TO_DO,
    MIGRATION_REASON_MISSING,
    WAIVER_NOT_OPEN,
    WAIVER_REASON_MISSING,
    case_obligations_recompute,
    case_policy_migrate,
    obligation_waive,
    recompute_deferred,
)
from waypoint.policy.packs import PACKS_ROOT

from .conftest import TODAY

MINI_ASSET = "wok.cr.assessment.mini-asset-due"
LETTER = "wok.cr.first-appointment.letter-friday"


def the(case, rule) -> Obligation:
    found = list(Obligation.objects.filter(case=case, rule=rule))
    assert len(found) == 1, (rule, found)
    return found[0]


def test_allocating_a_case_works_out_its_obligations_with_the_case_worker_as_owner(open_cr_case, full_timer):
    case = open_cr_case(full_timer)
    mini_asset = the(case, MINI_ASSET)
    assert mini_asset.trigger_at == dt.date(2026, 11, 5)
    assert mini_asset.due == dt.date(2026, 11, 26)
    assert mini_asset.status == Obligation.Status.OPEN
    assert mini_asset.owner_staff == full_timer
    assert "Source:" in mini_asset.explanation and "within 3 weeks of allocation" in mini_asset.explanation
    assert CasePolicy.objects.get(case=case).computed_on == TODAY


def test_a_part_time_workers_mini_asset_is_due_a_week_later(open_cr_case, part_timer):
    case = open_cr_case(part_timer)
    assert the(case, MINI_ASSET).due == dt.date(2026, 12, 3)


def test_overdue_is_read_from_the_due_date_never_stored(open_cr_case, full_timer):
    case = open_cr_case(full_timer)
    letter = the(case, LETTER)
    assert letter.due == dt.date(2026, 11, 6)
    assert letter.status == Obligation.Status.OPEN  # stored as open...
    assert letter.reading(TODAY) == Obligation.OVERDUE  # ...and read as overdue on 24 Nov
    assert letter.reading(dt.date(2026, 11, 6)) == Obligation.Status.OPEN  # on its due day it is not yet late
    assert not Obligation.objects.filter(status="overdue").exists()


def test_recording_the_evidence_meets_the_obligation_in_the_same_write(open_cr_case, full_timer):
    case = open_cr_case(full_timer)
    event_record(type="assessment.completed", occurred_at=dt.date(2026, 11, 20), actor=full_timer, case=case,
                 data={"type": "mini_asset"})
    event_record(type="letter.sent", occurred_at=dt.date(2026, 11, 9), actor=full_timer, case=case,
                 data={"type": "appointment", "seq": 1, "to": "child"})
    mini_asset, letter = the(case, MINI_ASSET), the(case, LETTER)
    assert (mini_asset.status, mini_asset.met_on) == (Obligation.Status.MET, dt.date(2026, 11, 20))
    assert (letter.status, letter.met_on) == (Obligation.Status.MET_LATE, dt.date(2026, 11, 9))  # due Fri 6 Nov


def test_voiding_the_evidence_reopens_the_obligation(open_cr_case, full_timer):
    from waypoint.cases.services import event_void

    case = open_cr_case(full_timer)
    completed = event_record(type="assessment.completed", occurred_at=dt.date(2026, 11, 20), actor=full_timer,
                             case=case, data={"type": "mini_asset"})
    event_void(event=completed, reason="Recorded on the wrong case", actor=full_timer)
    assert the(case, MINI_ASSET).status == Obligation.Status.OPEN


def test_my_work_lists_the_workers_open_obligations_overdue_first(open_cr_case, full_timer, part_timer):
    mine = open_cr_case(full_timer)
    open_cr_case(part_timer)
    items = list(my_work(staff=full_timer, today=TODAY))
    assert items and all(item.case_id == mine.pk and item.owner_staff == full_timer for item in items)
    rules = [item.rule for item in items]
    assert rules.index(LETTER) < rules.index(MINI_ASSET)
    readings = [item.reading(TODAY) for item in items]
    assert readings == sorted(readings, key=lambda r: r != Obligation.OVERDUE), "overdue work comes first"


def test_a_manager_waives_an_obligation_with_a_reason_recorded_in_the_chronology(open_cr_case, full_timer,
                                                                                 pyjs_manager):
    case = open_cr_case(full_timer)
    obligation_waive(obligation=the(case, LETTER), reason="First appointment arranged by phone with the carer.",
                     actor=pyjs_manager)
    assert the(case, LETTER).status == Obligation.Status.WAIVED
    waiver = Event.objects.get(case=case, type="obligation.waived")
    assert waiver.data["rule"] == LETTER and waiver.data["trigger_at"] == "2026-11-05"
    assert waiver.actor == pyjs_manager
    assert the(case, MINI_ASSET).status == Obligation.Status.OPEN  # only that obligation


def test_a_waiver_needs_a_manager_a_reason_and_an_open_obligation(open_cr_case, full_timer, pyjs_manager):
    case = open_cr_case(full_timer)
    with pytest.raises(PermissionDenied):
        obligation_waive(obligation=the(case, LETTER), reason="Not needed", actor=full_timer)
    with pytest.raises(ValidationError) as missing:
        obligation_waive(obligation=the(case, LETTER), reason="   ", actor=pyjs_manager)
    assert missing.value.message_dict["reason"] == [WAIVER_REASON_MISSING]
    event_record(type="letter.sent", occurred_at=dt.date(2026, 11, 6), actor=full_timer, case=case,
                 data={"type": "appointment", "seq": 1, "to": "child"})
    with pytest.raises(ValidationError) as met:
        obligation_waive(obligation=the(case, LETTER), reason="Too late", actor=pyjs_manager)
    assert met.value.message_dict["obligation"] == [WAIVER_NOT_OPEN]
    assert not Event.objects.filter(case=case, type="obligation.waived").exists()


@pytest.fixture
def changed_pack_dir(tmp_path, settings):
    """A service's own pack directory whose Community Resolution pack gives 5 weeks for the Mini Asset."""
    target = tmp_path / "wokingham"
    target.mkdir()
    text = (PACKS_ROOT / "wokingham" / "community-resolution.yaml").read_text()
    assert '      - weeks: 3\n    met_by: assessment.completed{type=mini_asset}' in text
    text = text.replace('      - weeks: 3\n    met_by: assessment.completed{type=mini_asset}',
                        '      - weeks: 5\n    met_by: assessment.completed{type=mini_asset}')
    text = text.replace('version: "1.0"', 'version: "1.1"', 1)
    (target / "community-resolution.yaml").write_text(text)

    def apply():
        settings.WAYPOINT_PACK_DIRS = [str(tmp_path)]

    return apply


def test_a_case_keeps_the_pack_version_it_started_under_until_a_manager_moves_it(
        open_cr_case, full_timer, pyjs_manager, changed_pack_dir):
    case = open_cr_case(full_timer)
    changed_pack_dir()
    event_record(type="contact.made", occurred_at=dt.date(2026, 11, 10), actor=full_timer, case=case,
                 data={"method": "phone"})
    assert the(case, MINI_ASSET).due == dt.date(2026, 11, 26)  # still 3 weeks: the version it started under
    due = case_due(case=case, today=TODAY)
    assert due.newer_packs
    assert [v.version for v in due.packs] == ["1.0"]

    with pytest.raises(ValidationError) as no_reason:
        case_policy_migrate(case=case, reason="", actor=pyjs_manager)
    assert no_reason.value.message_dict["reason"] == [MIGRATION_REASON_MISSING]
    with pytest.raises(PermissionDenied):
        case_policy_migrate(case=case, reason="Service update", actor=full_timer)

    case_policy_migrate(case=case, reason="The service adopted version 1.1 of its guidance.", actor=pyjs_manager)
    assert the(case, MINI_ASSET).due == dt.date(2026, 12, 10)  # Thu 5 Nov + 35 days
    assert not case_due(case=case, today=TODAY).newer_packs
    assert Event.objects.filter(case=case, type="record.entered", data__topic="policy_packs_changed").exists()
    with pytest.raises(ValidationError) as again:
        case_policy_migrate(case=case, reason="Again", actor=pyjs_manager)
    assert again.value.message_dict["case"] == [MIGRATION_NOTHING_TO_DO]
    assert PolicyPackVersion.objects.filter(pack_id="wokingham/community-resolution").count() == 2


def test_a_pack_that_fails_keeps_the_event_and_says_so_on_the_case(open_cr_case, full_timer):
    case = open_cr_case(full_timer)
    broken = PolicyPackVersion.objects.create(
        service_key="wokingham", pack_id="wokingham/community-resolution", version="9", title="Broken",
        effective=dt.date(2026, 1, 1), review=dt.date(2027, 1, 1), digest="0" * 64, content="id: [unclosed",
    )
    CasePolicy.objects.get(case=case).packs.set([broken])
    event = event_record(type="contact.made", occurred_at=dt.date(2026, 11, 10), actor=full_timer, case=case,
                         data={"method": "phone"})
    assert Event.objects.filter(pk=event.pk).exists()
    policy = CasePolicy.objects.get(case=case)
    assert policy.problem.startswith("The obligations could not be worked out")
    assert the(case, MINI_ASSET).due == dt.date(2026, 11, 26)  # the last good working-out is kept


def test_a_bulk_load_works_each_case_out_once_at_the_end(open_cr_case, full_timer, monkeypatch):
    calls = []
    real = services.case_obligations_recompute
    monkeypatch.setattr(services, "case_obligations_recompute", lambda **kw: calls.append(kw) or real(**kw))
    with recompute_deferred():
        case = open_cr_case(full_timer)
        for day in (9, 10, 11):
            event_record(type="contact.made", occurred_at=dt.date(2026, 11, day), actor=full_timer, case=case,
                         data={"method": "phone"})
        assert not Obligation.objects.filter(case=case).exists()
    assert len(calls) == 1
    assert the(case, MINI_ASSET).due == dt.date(2026, 11, 26)


def test_the_daily_refresh_works_out_cases_not_yet_done_today(open_cr_case, full_timer):
    case = open_cr_case(full_timer)
    CasePolicy.objects.filter(case=case).update(computed_on=dt.date(2026, 11, 20))
    call_command("refresh_obligations")
    assert CasePolicy.objects.get(case=case).computed_on == TODAY
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("refresh_obligations", "--as-of", "24/11/2026")


def test_a_service_without_policy_packs_has_no_obligations(db, service, manager, worker):
    from waypoint.cases.models import Allocation, Programme
    from waypoint.cases.services import case_allocate, case_open
    from waypoint.people.tests.factories import ChildFactory

    case = case_open(service=service, child=ChildFactory(service=service), programme=Programme.YRO,
                     started_on=dt.date(2026, 11, 2), actor=manager)
    case_allocate(case=case, staff=worker, role=Allocation.Role.CM, rationale="Capacity.", actor=manager,
                  on=dt.date(2026, 11, 2))
    assert not Obligation.objects.filter(case=case).exists()
    case_obligations_recompute(case=case)
    assert not Obligation.objects.filter(case=case).exists()


QA = "wok.cr.assessment.qa-week-4"


def test_a_service_switches_an_interpretation_in_its_own_configuration(open_cr_case, part_timer, tmp_path, settings):
    # Part-time worker (Mon, Tue, Wed) allocated Thu 5 Nov 2026: week 1 of the programme is Mon 9-Sun 15 Nov,
    # week 4 Mon 30 Nov-Sun 6 Dec, week 5 Mon 7-Sun 13 Dec. The catalogue's reading gives a part-time worker's
    # QA in week 5 (their last working day of it, Wed 9 Dec); the service's own choice, week 4, gives Wed 2 Dec.
    default_case = open_cr_case(part_timer)
    assert the(default_case, QA).due == dt.date(2026, 12, 9)

    own = tmp_path / "wokingham"
    own.mkdir()
    built_in = (PACKS_ROOT / "wokingham" / "service.yaml").read_text()
    assert "options: {}" in built_in
    (own / "service.yaml").write_text(built_in.replace("options: {}", "options: {part_time_qa_week: week_4}"))
    settings.WAYPOINT_PACK_DIRS = [str(tmp_path)]
    switched = open_cr_case(part_timer)
    assert the(switched, QA).due == dt.date(2026, 12, 2)
