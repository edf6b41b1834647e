"""The Appendix B counts as plain Python, without a database: unsaved appointments (all at 4pm) carrying their outcome
rows oldest first, as the selector's prefetch gives them, each recorded a day after the one before (the first a day
after the appointment); a fixed `as_of` of Tue 24 Nov 2026 10:00 in London."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from waypoint.appointments.models import Appointment, AppointmentKind, AppointmentOutcome, Outcome
from waypoint.compliance_reports.report import compliance_report

AS_OF = timezone.make_aware(dt.datetime(2026, 11, 24, 10, 0))


def appointment(day: int, *outcomes: str, month: int = 11) -> Appointment:
    made = Appointment(kind=AppointmentKind.SUPERVISION,
                       starts_at=timezone.make_aware(dt.datetime(2026, month, day, 16)))
    made.outcomes_in_order = [AppointmentOutcome(outcome=value, recorded_at=made.starts_at + dt.timedelta(days=n + 1))
                              for n, value in enumerate(outcomes)]
    return made


def report(appointments, start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 24)):
    return compliance_report(appointments=appointments, period_from=start, period_to=end, as_of=AS_OF)


def test_a_change_of_outcome_moves_the_failure_to_its_outcome_in_force():
    changed = appointment(18, Outcome.UNACCEPTABLE, Outcome.ACCEPTABLE)
    result = report([appointment(2, Outcome.ATTENDED), changed])
    assert result.counts == {"appointments_given": 2, "appointments_kept": 1, "acceptable_failures": 1,
                             "unacceptable_failures": 0}
    assert result.details[0].replaced == ("Recorded as “Missed: unacceptable absence” on 19 November 2026 at 4pm",)


def test_a_miss_corrected_to_attended_leaves_the_details_table():
    result = report([appointment(9, Outcome.UNACCEPTABLE, Outcome.ATTENDED)])
    assert (result.kept, result.unacceptable, result.details) == (1, 0, [])


def test_appointments_outside_the_period_or_still_to_come_are_not_given():
    result = report([appointment(30, Outcome.ATTENDED, month=10), appointment(24, month=11),
                     appointment(23, Outcome.ATTENDED)])
    # Fri 30 Oct is before the period; Tue 24 Nov at 4pm is after 10am on the 24th.
    assert result.given == 1


def test_voluntary_codes_count_under_the_nearest_heading():
    result = report([appointment(3, Outcome.NOT_KEPT_SUFFICIENT_EXPLANATION), appointment(5, Outcome.NOT_ATTENDED_OOC),
                     appointment(6, Outcome.NOT_ATTENDED_PREVENTION)])
    assert (result.acceptable, result.unacceptable) == (1, 2)
