"""The SLCN and specialist screenings, MOSAIC and police checks and MARF referrals: each a row and its event, the
rules they raise or meet, and bad input changing nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from waypoint.assessments import services as s
from waypoint.assessments.models import SLCN_QUESTIONS, BackgroundCheck, MarfReferral, Screening
from waypoint.cases.models import Event
from waypoint.obligations.models import Obligation

pytestmark = pytest.mark.django_db

CONSULT = "wok.cr.assessment.slcn-consult"


def answers(positive: int) -> dict[str, str]:
    keys = list(SLCN_QUESTIONS)
    return {key: ("sometimes" if n < positive else "no") for n, key in enumerate(keys)}


def live(case, rule):
    return Obligation.objects.filter(case=case, rule=rule).exclude(status=Obligation.Status.NOT_APPLICABLE)


def test_one_positive_slcn_answer_raises_no_consultation(cr_case, full_timer):
    row = s.slcn_screening_record(case=cr_case, screened_on=dt.date(2026, 11, 19), answers=answers(1),
                                  actor=full_timer)
    assert row.positive_answers == 1
    event = Event.objects.get(pk=row.event_id)
    assert (event.type, event.data) == ("screening.completed", {"type": "asset_slcn", "positive_answers": 1})
    assert not live(cr_case, CONSULT).exists()
    assert Obligation.objects.get(case=cr_case, rule="wok.cr.assessment.slcn-tool").status == Obligation.Status.MET


def test_two_positive_slcn_answers_raise_the_speech_and_language_consultation(cr_case, full_timer):
    values = answers(1) | {"support_before": "yes"}
    row = s.slcn_screening_record(case=cr_case, screened_on=dt.date(2026, 11, 19), answers=values,
                                  actor=full_timer)
    assert row.positive_answers == 2
    assert live(cr_case, CONSULT).get().status == Obligation.Status.OPEN


def test_an_slcn_screening_with_an_unanswered_question_is_refused(cr_case, full_timer):
    values = answers(2)
    del values["words"]
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.slcn_screening_record(case=cr_case, screened_on=dt.date(2026, 11, 19), answers=values, actor=full_timer)
    assert raised.value.message_dict == {"words": [s.SLCN_ANSWER_MISSING]}
    assert not Screening.objects.exists() and Event.objects.count() == events


def test_the_specialist_screening_meets_the_screening_duty(cr_case, full_timer):
    with pytest.raises(ValidationError) as raised:
        s.specialist_screening_record(case=cr_case, screened_on=dt.date(2026, 11, 9), summary=" ", actor=full_timer)
    assert raised.value.message_dict == {"summary": [s.SPECIALIST_SUMMARY_MISSING]}
    row = s.specialist_screening_record(case=cr_case, screened_on=dt.date(2026, 11, 9),
                                        summary="Attends school; no health needs known.", actor=full_timer)
    assert Event.objects.get(pk=row.event_id).data == {"type": "specialist_initial"}
    obligation = Obligation.objects.get(case=cr_case, rule="wok.cr.allocation.specialist-screening")
    assert obligation.status == Obligation.Status.MET


def test_a_check_records_whether_it_raised_concerns(cr_case, full_timer):
    with pytest.raises(ValidationError) as raised:
        s.check_record(case=cr_case, kind="mosaic", checked_on=dt.date(2026, 11, 6), concern=True, details="",
                       actor=full_timer)
    assert raised.value.message_dict == {"details": [s.CHECK_DETAILS_MISSING]}
    with pytest.raises(ValidationError) as raised:
        s.check_record(case=cr_case, kind="dbs", checked_on=None, concern=None, actor=full_timer)
    assert raised.value.message_dict == {"kind": [s.CHECK_KIND_INVALID], "checked_on": [s.CHECK_DATE_MISSING],
                                         "concern": [s.CHECK_CONCERN_MISSING]}
    assert not BackgroundCheck.objects.exists()
    mosaic = s.check_record(case=cr_case, kind="mosaic", checked_on=dt.date(2026, 11, 6), concern=True,
                            details="Previous referral for neglect.", actor=full_timer)
    police = s.check_record(case=cr_case, kind="police", checked_on=dt.date(2026, 11, 6), concern=False,
                            actor=full_timer)
    assert [Event.objects.get(pk=row.event_id).data for row in (mosaic, police)] == [
        {"type": "mosaic", "concern": True}, {"type": "police", "concern": False}]


def test_a_high_saw_rating_calls_for_a_marf_which_the_marf_referral_meets(cr_case, full_timer):
    s.rating_set(case=cr_case, dimension="saw", level="high", reason="Missing from home twice this week.",
                 on=dt.date(2026, 11, 23), actor=full_timer)
    marf = Obligation.objects.get(case=cr_case, rule="wok.cr.risk.high-saw-marf")
    assert marf.status == Obligation.Status.OPEN
    assert Obligation.objects.get(case=cr_case, rule="wok.cr.risk.high-saw-2wd").status == Obligation.Status.OPEN
    with pytest.raises(ValidationError) as raised:
        s.marf_referral_record(case=cr_case, sent_on=dt.date(2026, 11, 24), concerns="", actor=full_timer)
    assert raised.value.message_dict == {"concerns": [s.MARF_CONCERNS_MISSING]}
    row = s.marf_referral_record(case=cr_case, sent_on=dt.date(2026, 11, 24),
                                 concerns="Missing from home; no social worker.", actor=full_timer)
    event = Event.objects.get(pk=row.event_id)
    assert (event.data["type"], event.data["to"]) == ("marf", "front_door")
    assert MarfReferral.objects.count() == 1
    assert Obligation.objects.get(case=cr_case, rule="wok.cr.risk.high-saw-marf").status == Obligation.Status.MET


def test_the_case_page_lists_screenings_checks_and_marfs_newest_first_in_one_query(cr_case, full_timer,
                                                                                    django_assert_num_queries):
    from waypoint.assessments.selectors import case_records

    s.slcn_screening_record(case=cr_case, screened_on=dt.date(2026, 11, 19), answers=answers(2), actor=full_timer)
    s.check_record(case=cr_case, kind="police", checked_on=dt.date(2026, 11, 6), concern=False, actor=full_timer)
    s.check_record(case=cr_case, kind="mosaic", checked_on=dt.date(2026, 11, 7), concern=True,
                   details="Open to early help.", actor=full_timer)
    s.marf_referral_record(case=cr_case, sent_on=dt.date(2026, 11, 24), concerns="Missing overnight.",
                           actor=full_timer)
    with django_assert_num_queries(1):
        records = case_records(case=cr_case)
    assert [(r["on"], r["what"], r["outcome"]) for r in records] == [
        (dt.date(2026, 11, 24), "MARF sent to the Front Door", "Missing overnight."),
        (dt.date(2026, 11, 19), "Asset SLCN screening", "2 “sometimes” or “yes” answers"),
        (dt.date(2026, 11, 7), "MOSAIC check (children's social care)", "Concerns: Open to early help."),
        (dt.date(2026, 11, 6), "Police check", "No concerns"),
    ]
