"""Valid records give no violation under the Nottinghamshire court-tracking and transfer checks.

The pack case files (waypoint/packs/tests/nottinghamshire/) prove each check finds its violation; a case there
cannot say "this rule gives no violation" while the rule also gives an obligation, so those are proved here.
"""
from __future__ import annotations

from waypoint.policy.testing import PackCase, run_case


def violations(pack_id, scenario, rule):
    case = PackCase(pack_id=pack_id, file=None, name="valid", rules=[rule], scenario=scenario)
    output = run_case(case)
    assert any(item["rule"] == rule for item in output["obligations"]), "the rule should still give its obligation"
    return [item["message"] for item in output["violations"] if item["rule"] == rule]


TRANSFERS = "nottinghamshire/transfers"
ALL_MARKED = {"transfer_in_summary": "yes", "assetplus": "yes", "transfer_questions": "yes",
              "referral_order_report": "na", "psr": "no", "record_of_contacts": "yes", "court_order": "yes",
              "custody_planning": "n/a", "cps_documents": "yes", "previous_offending": "yes", "lac_paperwork": "na",
              "psychiatric_reports": "na", "sen_statement": "no"}


def test_a_formal_transfer_on_the_meeting_the_young_person_attended():
    scenario = {"programme": "referral_order", "as_of": "2026-04-30", "events": [
        {"type": "meeting.held", "at": "2026-04-24T10:00", "data": {"type": "three_way_transfer",
                                                                    "attendees": ["cm", "child"]}},
        {"type": "transfer.completed", "at": "2026-04-24T12:00", "data": {"kind": "internal"}}]}
    assert violations(TRANSFERS, scenario, "notts.xfer.int.formal-date") == []


def test_a_transfer_in_summary_fully_marked_with_a_current_assetplus():
    scenario = {"programme": "referral_order", "as_of": "2026-03-20", "events": [
        {"type": "transfer.requested", "at": "2026-03-13", "data": {"direction": "in"}},
        {"type": "document.completed", "at": "2026-03-16", "data": {
            "type": "transfer_in_summary", "assetplus_date": "2026-02-13", "documents": ALL_MARKED,
            "missing_reasons": {"psr": "no PSR: Referral Order", "sen_statement": "no EHCP"}}}]}
    assert violations(TRANSFERS, scenario, "notts.xfer.ext.in.summary") == []
    assert violations(TRANSFERS, scenario, "notts.xfer.ext.in.documents") == []


def test_a_caretaking_review_date_on_the_last_allowed_day():
    scenario = {"programme": "referral_order", "as_of": "2026-04-10", "events": [
        {"type": "caretaking.accepted", "at": "2026-03-31", "data": {"direction": "in"}},
        {"type": "document.completed", "at": "2026-03-31T15:00", "data": {
            "type": "caretaking_agreement", "signed_by": "both", "review_date": "2026-06-30"}}]}
    # 31 Mar + 3 months = 30 Jun (clamped): a review on 30 Jun is allowed.
    assert violations(TRANSFERS, scenario, "notts.xfer.ext.caretaking.review-3m") == []


def test_every_two_months_gives_no_twice_monthly_violation():
    scenario = {"as_of": "2026-05-05", "events": [
        {"type": "screening.completed", "at": "2026-01-12", "data": {"type": "future_court"}},
        {"type": "screening.completed", "at": "2026-03-10", "data": {"type": "future_court"}}]}
    # Under the default reading one run in March and none in February or April is not a violation.
    assert violations("nottinghamshire/magistrates-court-tracking", scenario, "notts.mags.screen-cadence") == []
