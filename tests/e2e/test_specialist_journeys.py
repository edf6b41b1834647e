"""A journey through the specialist work pages in a real browser: a case worker flags inappropriate sexual behaviour
on a Community Resolution case, sees the PYJS nurse referral duty in What's due, makes the referral (after a first
try with no reason), records its outcome (after a first try dated before the referral), and the duty shows met.
axe-core checks every page."""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.obligations.models import Obligation
from waypoint.specialist import services as s
from waypoint.specialist.models import ReferralOutcome, SpecialistReferral

from tests.world import PASSWORD

from .obligations_world import PROGRAMME
from .pages import SignInPage, WhatsDue
from .pages_specialist import SpecialistSection

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORKER = "casey.caseworth"
ISB = "wok.cr.isb.nurse-referral"
NURSE_DUTY = "Refer to the PYJS nurse for consent and healthy relationships work"


def test_a_worker_flags_isb_makes_the_nurse_referral_and_records_its_outcome(obligations_world, page):
    world = obligations_world
    case = SignInPage.open(page).sign_in(WORKER, PASSWORD).open_case(world.case.reference, PROGRAMME)
    assert NURSE_DUTY not in WhatsDue(case).titles("Due")

    need = SpecialistSection(case).flag_a_need()
    need.fill(need="Inappropriate sexual behaviour or communication", on=world.allocated_on,
              reason="The offence involved sending explicit messages to a classmate.")
    case = need.save(PROGRAMME)
    assert "The specialist need is recorded" in case.success_message()
    assert "Flagged by Casey Caseworth" in SpecialistSection(case).needs()
    assert NURSE_DUTY in WhatsDue(case).titles("Due")
    assert Obligation.objects.get(case=world.case, rule=ISB).status == Obligation.Status.OPEN

    referral = SpecialistSection(case).make_a_referral()
    referral.fill(to="PYJS nurse", on=world.today, reason="")
    referral = referral.save_expecting_errors()
    assert referral.error_messages() == [s.REFERRAL_REASON_MISSING]
    assert not SpecialistReferral.objects.exists()
    referral.fill(to="PYJS nurse", on=world.today - dt.timedelta(days=1),
                  reason="Consent and healthy relationships work after the offence.")
    case = referral.save(PROGRAMME)
    assert "The referral is recorded" in case.success_message()
    [row] = SpecialistSection(case).referral_rows()
    assert row[1].startswith("PYJS nurse") and "Awaiting outcome" in row[3]

    outcome = SpecialistSection(case).record_outcome("PYJS nurse")
    outcome.fill(outcome="Work completed", on=world.today - dt.timedelta(days=2))
    outcome = outcome.save_expecting_errors()
    assert outcome.error_messages() == [s.OUTCOME_BEFORE_REFERRAL]
    assert not ReferralOutcome.objects.exists()
    outcome.fill(outcome="Work completed", on=world.today, notes="Two sessions with the nurse.")
    case = outcome.save(PROGRAMME)
    assert "The outcome of the referral is recorded" in case.success_message()
    assert SpecialistSection(case).referral_rows()[0][3].startswith("Work completed")

    due = WhatsDue(case)
    assert NURSE_DUTY not in due.titles("Due")
    met = [row for row in due.settled_rows() if row[1].startswith(NURSE_DUTY)]
    assert len(met) == 1 and met[0][0] == "Met"
    assert Obligation.objects.get(case=world.case, rule=ISB).status == Obligation.Status.MET
