"""Checks for the Nottinghamshire court tracking and transfer packs (catalogue §2.5, guidance 004 §§9-12).

Each check yields one message per violation, naming the limit and the guidance. They read the prepared history
(corrections applied) through ``ctx.history``; none looks at today's date.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from waypoint.policy.calendar import add_months
from waypoint.policy.due import long_date
from waypoint.policy.events import LEAD_ROLES, norm, parse_day, values_of
from waypoint.policy.registry import check, condition

if TYPE_CHECKING:
    from waypoint.policy.engine import CompiledRule, Context
    from waypoint.policy.events import Event


def _month_name(day: date) -> str:
    return f"{day:%B %Y}"


@check("notts_mags_twice_monthly")
def notts_mags_twice_monthly(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.mags.screen-cadence under option bimonthly_means: twice_a_month: at least two Future Court
    screening runs in each whole calendar month after the month of the first run (Appendix C, "bi-monthly")."""
    if ctx.options.get("bimonthly_means") != "twice_a_month":
        return
    runs = [event.day for event in ctx.history.of("screening.completed") if norm(event.get("type")) == "future_court"]
    if not runs:
        return
    month = date(runs[0].year, runs[0].month, 1)
    while True:
        month = add_months(month, 1)
        month_end = add_months(month, 1)
        if month_end > ctx.as_of:  # only months that have ended by as_of
            break
        count = sum(1 for day in runs if month <= day < month_end)
        if count < 2:
            yield (f"{_month_name(month)} had {count} Future Court screening run{'s' if count != 1 else ''}; "
                   "twice per calendar month is required (option bimonthly_means: twice_a_month; Appendix C: "
                   "'on a bi-monthly basis').")


def _lead(event: Event) -> bool:
    role = event.get("role")
    return role is None or norm(role) in LEAD_ROLES


@check("notts_single_case_owner")
def notts_single_case_owner(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.int.single-owner: one responsible team and one responsible Case Manager at any time (11.6).

    A lead allocation naming a different practitioner or team while another lead allocation is in force, with no
    reallocation between them, leaves two holders of case management. Under option case_owner_clarity:
    one_holder_and_named every lead allocation or reallocation must also name both the team and the practitioner.
    """
    named = ctx.options.get("case_owner_clarity") == "one_holder_and_named"
    events = sorted(ctx.history.of("case.allocated") + ctx.history.of("case.reallocated")
                    + ctx.history.of("case.closed"), key=lambda event: (event.at, event.id))
    holder: Event | None = None
    for event in events:
        if event.type == "case.closed":
            holder = None
            continue
        if not _lead(event):
            continue
        if named:
            missing = [word for attr, word in (("team", "team"), ("worker", "practitioner"))
                       if not str(event.get(attr) or "").strip()]
            if missing:
                what = "allocation" if event.type == "case.allocated" else "reallocation"
                yield (f"The lead {what} of {long_date(event.day)} does not name the {' or the '.join(missing)} "
                       "responsible for case management; it should always be clear which team and which "
                       "practitioner is responsible (11.6; option case_owner_clarity: one_holder_and_named).")
        if event.type == "case.allocated" and holder is not None:
            differs = [attr for attr in ("worker", "team")
                       if holder.get(attr) and event.get(attr) and str(holder.get(attr)) != str(event.get(attr))]
            if differs:
                before = ", ".join(str(holder.get(attr)) for attr in ("worker", "team") if holder.get(attr))
                after = ", ".join(str(event.get(attr)) for attr in ("worker", "team") if event.get(attr))
                yield (f"Two holders of case management from {long_date(event.day)}: {before} (allocated "
                       f"{long_date(holder.day)}) and {after}, with no reallocation; it should always be clear which "
                       "team and which practitioner is responsible (11.6).")
        holder = event


def _attended_by_child(meeting: Event) -> bool:
    return "child" in values_of(meeting, "attendees")


@check("notts_formal_transfer_date")
def notts_formal_transfer_date(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.int.formal-date: an internal transfer takes effect on the date of a three-way meeting that the
    young person attended; without one the case has not transferred (11.7)."""
    meetings = [event for event in ctx.history.of("meeting.held") if norm(event.get("type")) == "three_way_transfer"]
    for transfer in ctx.history.of("transfer.completed"):
        if norm(transfer.get("kind")) != "internal":
            continue
        same_day = [meeting for meeting in meetings if meeting.day == transfer.day]
        if any(_attended_by_child(meeting) for meeting in same_day):
            continue
        reason = ("the young person did not attend the three-way meeting that day" if same_day
                  else "no three-way meeting was held that day")
        yield (f"The internal transfer recorded on {long_date(transfer.day)} is not a formal transfer: {reason}, so "
               "the original team keeps case management until a three-way meeting has taken place (11.7).")


@check("notts_enforcement_before_transfer")
def notts_enforcement_before_transfer(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.int.enforcement-before: no enforcement action open at the internal transfer (11.7).

    A breach (``breach.initiated``) is open until its breach hearing has been held: a ``court.hearing-listed``
    with purpose breach, listed on or after the breach was started, whose hearing date is before the transfer.
    """
    breaches = ctx.history.of("breach.initiated")
    hearings = [event for event in ctx.history.of("court.hearing-listed") if norm(event.get("purpose")) == "breach"]
    for transfer in ctx.history.of("transfer.completed"):
        if norm(transfer.get("kind")) != "internal":
            continue
        for breach in breaches:
            if breach.day > transfer.day:
                continue
            held = [event for event in hearings if event.day >= breach.day and event.get("hearing_date")
                    and parse_day(event.get("hearing_date")) < transfer.day]
            if not held:
                yield (f"The internal transfer on {long_date(transfer.day)} came while the breach started "
                       f"{long_date(breach.day)} was still open (no breach hearing held before the transfer): "
                       "enforcement action should be completed prior to transfer (11.7).")


@check("notts_looked_after_caretaking_only")
def notts_looked_after_caretaking_only(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.ext.looked-after: a looked-after child stays the home YOT's case; caretaking, never full
    transfer (12.2). The rule applies only when child.looked_after is true. Under option
    looked_after_full_transfer_flagged_on: completion_only a request alone is not a violation."""
    requests_count = ctx.options.get("looked_after_full_transfer_flagged_on") != "completion_only"
    events = (ctx.history.of("transfer.requested") if requests_count else []) + ctx.history.of("transfer.completed")
    for event in events:
        if norm(event.get("kind")) != "full":
            continue
        what = "requested" if event.type == "transfer.requested" else "completed"
        yield (f"A full transfer was {what} on {long_date(event.day)} for a looked-after child, who remains the case "
               "management responsibility of the home YOT: caretaking only (12.2).")


def _latest_on_or_before(events: list[Event], day: date) -> Event | None:
    earlier = [event for event in events if event.day <= day]
    if earlier:
        return earlier[-1]
    return events[0] if events else None


@check("notts_transfer_in_assetplus_month")
def notts_transfer_in_assetplus_month(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.ext.in.summary: the AssetPlus sent with a Transfer In Summary was updated within the month
    before the transfer request (Appendix A, "updated within the last month"), where AssetPlus is relevant (the
    summary gives ``assetplus_date``)."""
    requests = [event for event in ctx.history.of("transfer.requested") if norm(event.get("direction")) == "in"]
    for summary in ctx.history.of("document.completed"):
        if norm(summary.get("type")) != "transfer_in_summary" or not summary.get("assetplus_date"):
            continue
        request = _latest_on_or_before(requests, summary.day)
        if request is None:
            continue
        updated = parse_day(summary.get("assetplus_date"))
        earliest = add_months(request.day, -1)
        if updated < earliest:
            yield (f"The Transfer In Summary of {long_date(summary.day)} sends an AssetPlus updated "
                   f"{long_date(updated)}, more than one month before the transfer request of "
                   f"{long_date(request.day)} (Appendix A: 'updated within the last month'; earliest "
                   f"{long_date(earliest)}).")


# Appendix A, "Documents required", in the form's order.
TRANSFER_IN_DOCUMENTS = {
    "transfer_in_summary": "Completed Transfer in summary",
    "assetplus": "Asset Plus",
    "transfer_questions": "YJS to YJS transfer questions",
    "referral_order_report": "Referral order pre panel report/contract",
    "psr": "Pre-Sentence Report",
    "record_of_contacts": "Record of contacts",
    "court_order": "Copy of court order/licence",
    "custody_planning": "Most recent custody planning documents",
    "cps_documents": "CPS documentation for the current offence",
    "previous_offending": "Previous offending profile/previous convictions",
    "lac_paperwork": "Any relevant LAC paperwork",
    "psychiatric_reports": "Any psychiatric/psychological reports",
    "sen_statement": "Copy of the Special Educational Need Statement and Educational Psychology Report",
}
MARKS = {"yes", "no", "na"}
# Option transfer_in_na_marks: form_order reads the "Attached?" cells in order against the list (Yes / No, then
# Yes / No / N/A, ...; the 14th cell is left over): these documents are offered Yes or No only.
NO_NA_IN_FORM_ORDER = ("transfer_in_summary", "transfer_questions", "record_of_contacts", "cps_documents",
                       "lac_paperwork", "sen_statement")


@check("notts_transfer_in_documents")
def notts_transfer_in_documents(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.ext.in.documents: each of the 13 Appendix A documents is marked yes, no or na (N/A is accepted
    for any of them; under option transfer_in_na_marks: form_order only where the form's cell offers it), and each
    no has a reason (``missing_reasons``)."""
    form_order = ctx.options.get("transfer_in_na_marks") == "form_order"
    for summary in ctx.history.of("document.completed"):
        if norm(summary.get("type")) != "transfer_in_summary":
            continue
        marks = summary.get("documents") or {}
        reasons = summary.get("missing_reasons") or {}
        unmarked = [label for key, label in TRANSFER_IN_DOCUMENTS.items()
                    if norm(marks.get(key)).replace("/", "") not in MARKS]
        if unmarked:
            yield (f"The Transfer In Summary of {long_date(summary.day)} does not mark Yes, No or N/A for "
                   f"{len(unmarked)} of the 13 documents: {'; '.join(unmarked)}.")
        if form_order:
            not_offered = [TRANSFER_IN_DOCUMENTS[key] for key in NO_NA_IN_FORM_ORDER
                           if norm(marks.get(key)).replace("/", "") == "na"]
            if not_offered:
                yield (f"The Transfer In Summary of {long_date(summary.day)} marks N/A where the form offers only Yes "
                       f"or No: {'; '.join(not_offered)} (option transfer_in_na_marks: form_order).")
        for key, label in TRANSFER_IN_DOCUMENTS.items():
            if norm(marks.get(key)) == "no" and not str(reasons.get(key) or "").strip():
                yield (f"The Transfer In Summary of {long_date(summary.day)} marks '{label}' No without a reason "
                       "(Appendix A: 'If no is indicated, please provide a reason for the missing document').")


@check("notts_caretaking_review_date")
def notts_caretaking_review_date(ctx: Context, rule: CompiledRule) -> Iterator[str]:
    """notts.xfer.ext.caretaking.review-3m: the caretaking agreement's review date is no more than three months
    after the acceptance date (Appendix B). Under option caretaking_review_3m_means: review_date_set the agreement
    is the evidence, so one that sets no review date is a violation too."""
    date_set = ctx.options.get("caretaking_review_3m_means") == "review_date_set"
    accepted = ctx.history.of("caretaking.accepted")
    for agreement in ctx.history.of("document.completed"):
        if norm(agreement.get("type")) != "caretaking_agreement":
            continue
        if not agreement.get("review_date"):
            if date_set:
                yield (f"The caretaking agreement of {long_date(agreement.day)} sets no review date; it is to be no "
                       "longer than three months after the acceptance date (Appendix B; option "
                       "caretaking_review_3m_means: review_date_set).")
            continue
        start = _latest_on_or_before(accepted, agreement.day)
        if start is None:
            continue
        review = parse_day(agreement.get("review_date"))
        latest = add_months(start.day, 3)
        if review > latest:
            yield (f"The caretaking agreement of {long_date(agreement.day)} sets its review for {long_date(review)}, "
                   f"more than three months after the acceptance date {long_date(start.day)} (latest "
                   f"{long_date(latest)}; Appendix B).")


@condition("notts_transfer_out_clock_request")
def notts_transfer_out_clock_request(ctx: Context, event: Event | None, day: date) -> bool:
    """notts.xfer.ext.out.1wd: the request out of the area that starts the one-working-day clock (12.6).

    "The request" is the Case Manager's request to the host YJS for transfer or caretaking of the child's case, not
    a Parenting Order request (12.9-12.11; option transfer_out_clock_request: transfer_or_caretaking), or only a
    full-transfer request (full_transfer_only). Several such requests on one day are one request: only the first
    of its day starts a clock, so two never share a trigger date.
    """
    if event is None or not _starts_transfer_out_clock(ctx, event):
        return False
    return not any(other.day == event.day and (other.at, other.id) < (event.at, event.id)
                   and _starts_transfer_out_clock(ctx, other) for other in ctx.history.of("transfer.requested"))


def _starts_transfer_out_clock(ctx: Context, event: Event) -> bool:
    if norm(event.get("direction")) != "out":
        return False
    kind = norm(event.get("kind"))
    if ctx.options.get("transfer_out_clock_request") == "full_transfer_only":
        return kind == "full"
    return kind != "parenting_order"
