"""The event vocabulary the engine understands: every event type, attribute and allowed value.

This is catalogue §3.1 and §3.1.1 as data, plus the product's own correction and waiver events and the few
attributes the scenario format adds (appointment ids, start times, hearing dates). Scenario input, event data and
the patterns in policy packs are all validated against it, and docs/scenario-schema.json is generated from it
(`python -m waypoint.policy schema > docs/scenario-schema.json`). To add a value, add it here and regenerate.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttrSpec:
    """What one event attribute may hold: `kind` is text, bool, int, date, datetime, weekdays, enum, object,
    requirements or periods (a list of ``{from, to}`` dates, inclusive)."""

    kind: str
    values: tuple[str, ...] = ()


TEXT = AttrSpec("text")
BOOL = AttrSpec("bool")
INT = AttrSpec("int")
DATE = AttrSpec("date")
DATETIME = AttrSpec("datetime")
WEEKDAYS = AttrSpec("weekdays")
PERIODS = AttrSpec("periods")


def enum(*values: str) -> AttrSpec:
    return AttrSpec("enum", tuple(values))


# The sections a recorded form or supervision holds (`fields`: a list), for the Nottinghamshire templates of 003
# (CMM Record, compliance report, Record of Supervision, Case Discussion Record) and the items an OOCD or My Future
# supervision covers. waypoint/policy/checks_notts_cmm.py says which each form needs.
FORM_FIELDS = enum(
    "acceptable_failures", "action_plan", "agenda_aob", "agenda_cases_discussed", "agenda_matters_arising",
    "agenda_performance", "agenda_policies", "agenda_relationships", "agenda_training", "agenda_wellbeing",
    "agreed_actions", "agreed_lor", "agreed_rosh", "agreed_saw", "apologies", "appointments_given",
    "appointments_kept", "attendees", "capita_number", "child_parent_views", "date", "discussion_notes",
    "disposal_delivered", "diversity", "exit_planning", "identity", "initials", "intervention_plan_progress",
    "interventions", "learning", "lor", "manager", "method", "multi_agency_plan", "name", "new_concerns",
    "new_incidents", "new_issues", "next_meeting", "next_supervision", "non_compliance_details", "other_agencies",
    "other_comments", "outstanding_actions", "previous_actions", "protective_factors", "reason", "risk_levels",
    "rosh", "saw", "successful_outcome", "unacceptable_behaviour", "unacceptable_failures", "worker",
    "worker_feelings",
)

# Catalogue §3.1 with the values of §3.1.1. An enumerated attribute may also hold a list of its values in event
# data (a meeting's attendees, a letter's recipients).
CATALOGUE_EVENTS: dict[str, dict[str, AttrSpec]] = {
    "absence.evidence-received": {"appointment_id": TEXT},
    "address.changed": {"destination": enum("same_locality", "other_locality", "other_yjs_area")},
    "appointment.missed": {
        "appointment_id": TEXT,
        "location": enum("home", "office", "other", "school"),
        "outcome": enum("acceptable", "attended", "not_attended_ooc", "not_attended_prevention", "not_kept_sufficient_explanation", "unacceptable"),
        "seq": INT,
        "starts_at": DATETIME,
        "type": enum("home_visit", "office", "supervision"),
    },
    "appointment.outcome-recorded": {
        "appointment_id": TEXT,
        "outcome": enum("acceptable", "attended", "not_attended_ooc", "not_attended_prevention", "not_kept_sufficient_explanation", "unacceptable"),
    },
    "appointment.rescheduled": {"appointment_id": TEXT, "reason": TEXT, "starts_at": DATETIME},
    "appointment.scheduled": {
        "appointment_id": TEXT,
        "final": BOOL,
        "location": enum("home", "office", "other", "school"),
        "programme": enum("specific_intervention"),
        "seq": INT,
        "starts_at": DATETIME,
        "type": enum("home_visit", "office", "supervision"),
    },
    "assessment.completed": {
        "evidence": enum("education", "mosaic_checks", "social_worker_information", "specialist_screening"),
        "type": enum("assetplus", "assetplus_closure", "assetplus_review", "mini_asset"),
    },
    "assessment.finalised": {"type": enum("mini_asset")},
    # `assetplus` and `assetplus_closure` are the product's own: the chronology shows their QA, and the rules that
    # read a QA of any type (Nottinghamshire's supervision, notts_assessment_pending) count it.
    "assessment.qa-completed": {
        "type": enum("assetplus", "assetplus_closure", "assetplus_review", "mini_asset", "my_future_initial"),
    },
    "bail.application-made": {},
    "bail.application-planned": {},
    "breach.decision-made": {},
    "breach.initiated": {},
    "caretaking.accepted": {"direction": enum("in", "out")},
    "caretaking.ended": {},
    "caretaking.reviewed": {},
    "case-supervision.held": {
        "by": enum("ap", "tm"),
        "fields": FORM_FIELDS,
        "decision": enum("reduced_frequency"),
        "programme": enum("my_future", "oocd"),
    },
    "case.allocated": {
        "band": enum("b"),
        "origin": enum("ehh", "stepdown"),
        "programme": enum("community_resolution", "crown_court_tracking", "my_future", "oocd", "prevention", "specific_intervention", "yro"),
        "return_grounds": TEXT,
        "role": enum("case_worker", "cm", "cover", "intervention_worker", "overseeing_ap", "psr_author", "rjw", "scm", "victim_worker"),
        "team": TEXT,
        "to": enum("student"),
        "worker": TEXT,
        "worker_gender": enum("female", "male"),
        "working_days": WEEKDAYS,
    },
    "case.closed": {"programme": enum("community_resolution", "oocd"), "reason": enum("order_completed")},
    "case.co-allocated": {
        "band": enum("b", "c"),
        "role": enum("practice_supervisor", "primary_worker", "secondary"),
        "worker_gender": enum("male"),
    },
    "case.deallocated": {"band": enum("b")},
    "case.file-created": {"behaviour_of_concern": TEXT, "system": enum("iyss")},
    "case.reallocated": {
        "reason": enum("internal_transfer", "leave", "other"), "team": TEXT, "worker": TEXT, "working_days": WEEKDAYS,
    },
    "caseload.reviewed": {"by": enum("line_manager")},
    "checks.completed": {"concern": BOOL, "type": enum("mosaic", "police")},
    "clock.day": {"weekday": enum("thursday", "wednesday")},
    "clock.month-started": {},
    "closure-checks.completed": {"by": enum("ap")},
    "closure.agreed": {
        "by": enum("ap", "atm", "line_manager", "tm"),
        "reason": enum("declined", "disengagement", "no_contact"),
    },
    "closure.requested": {
        "programme": enum("my_future", "oocd"),
        "reason": enum("declined", "disengagement", "no_contact"),
    },
    "co-worker-discussion.held": {},
    "concern.identified": {"type": enum("saw", "slcn_barrier", "team_capacity")},
    "consent.recorded": {"by": enum("child", "parent_carer"), "topic": enum("closure")},
    "consultation.held": {
        "topic": enum("gender_allocation", "parenting_order_transfer", "trm"),
        "with": enum("camhs", "child", "cranstoun_worker", "receiving_authority", "referrer", "sal_worker", "social_worker"),
    },
    "contact.attempted": {
        "method": enum("phone"),
        "outcome": enum("unsuccessful"),
        "topic": enum("absence_follow_up"),
        "with": enum("child", "parent_carer"),
    },
    "contact.made": {
        "by": enum("cm", "rjw", "tm_ap"),
        "method": enum("face_to_face", "phone", "virtual", "voice"),
        "topic": enum("absence_follow_up", "cm_details", "cmm_attendance_and_views", "cover_arrangements", "early_revocation", "feedback", "hearing_preparation", "hearing_understanding", "non_attendance", "non_compliance", "post_sentence", "special_needs", "supervision_requirements", "views_on_risk"),
        "with": enum("child", "court_staff", "home_yjs", "host_yjs", "parent_carer", "referrer", "solicitor", "victim"),
    },
    "court.appearance": {"court": enum("crown")},
    "court.attended": {"by": enum("allocated_cm")},
    "court.committed-to-crown": {},
    "court.hearing-listed": {
        "court": enum("crown", "magistrates"),
        "hearing_date": DATE,
        "purpose": enum("breach", "early_revocation", "sentence", "trial"),
    },
    "court.outcome-received": {},
    "court.sentenced": {"order_type": enum("yro")},
    "csc.involvement-recorded": {},
    "custody.released": {},
    "document.completed": {
        "assetplus_date": DATE,
        "documents": AttrSpec("object"),
        "fields": FORM_FIELDS,
        "missing_reasons": AttrSpec("object"),
        "review_date": DATE,
        "signed_by": enum("both"),
        "type": enum("caretaking_agreement", "cmm_record", "record_of_supervision", "self_assessment_form", "transfer_in_summary", "yot_to_yot_transfer_request"),
    },
    "document.given": {
        "to": enum("child", "parent_carer"),
        "type": enum("closure_document", "order_completion_letter", "referral_order_leaflet", "yro_leaflet"),
    },
    "document.qa-completed": {
        "type": enum("action_plan", "breach_report", "closure_document", "early_revocation_report", "proposed_intervention_plan"),
    },
    "document.requested": {"type": enum("cps_documents")},
    "document.shared": {
        "contents": enum("case_transfer_summary", "court_report", "intervention_plan", "parenting_assessment", "record_of_contacts"),
        "to": enum("child", "parent_carer", "receiving_yjs", "referrer"),
        "type": enum("intervention_plan", "parenting_order_transfer_pack", "specific_action_plan"),
    },
    "document.signed": {
        # `parent_carer` is the product's own: the catalogue's rules ask the child's signature, and the parent or
        # carer's (guidance 002, "signed by the child (and parent/carer)") is recorded beside it.
        "by": enum("child", "parent_carer"),
        "type": enum("behaviour_consent_form", "behaviour_contract", "intervention_plan"),
    },
    "document.submitted": {
        "fields": FORM_FIELDS,
        "to": enum("manager", "tm_ap"),
        "type": enum("assetplus_review", "closure_document", "compliance_report"),
    },
    "document.uploaded": {
        "system": enum("assetplus", "capita", "iyss_multimedia", "mosaic", "z_drive"),
        "type": enum("child_family_assessment", "contact_form", "court_order", "cps_documents", "handwritten_plan", "intervention_plan", "mini_asset", "plan_of_support", "record_of_contacts", "specific_action_plan", "yot1"),
    },
    "early-revocation.decision-communicated": {},
    "ehh.agenda-received": {},
    "email.sent": {"to": enum("referrer", "team"), "type": enum("acceptance", "court_outcome")},
    "engagement.refused": {},
    "home-visit.completed": {
        "announced": BOOL,
        "seq": INT,
        "topic": enum("absence_follow_up", "address_confirmation", "engagement"),
    },
    "home-visit.deemed-inappropriate": {},
    "home-visit.unsuccessful": {"announced": BOOL, "seq": INT, "topic": enum("absence_follow_up")},
    # `order_completion` is the product's own value (the order completion letter, which the catalogue records as
    # handed over with document.given{type=order_completion_letter}); the rest are §3.1.1's.
    "letter.sent": {
        "appointment_id": TEXT,
        "method": enum("card", "letter", "text", "through_door"),
        "seq": INT,
        "to": enum("child", "parent_carer"),
        "type": enum("appointment", "breach", "closure_disengagement", "closure_no_contact", "cm_details", "first_warning", "home_visit_final_shout", "order_completion", "plan_copy", "prevention_initial_contact_final_attempt", "second_warning", "service_declined"),
    },
    "manager.consulted": {
        "criteria": enum("compliance_satisfactory", "low_risk", "no_reoffending", "programme_completed"),
        "review_date": DATE,
        "topic": enum("capacity", "early_revocation", "home_visit_alternative", "home_visit_review", "home_visit_safety", "risk_change", "saw", "transfer"),
        "with": enum("group_manager", "locality_tm", "service_manager"),
    },
    "meeting.held": {
        "attendees": enum("ap", "case_worker", "child", "cm", "parent_carer", "primary_worker", "tm"),
        "chair": enum("atm", "tm"),
        "conducted_by": enum("manager"),
        "outcome": enum("endorsed"),
        "purpose": enum("bail_strategy", "compliance", "iss_review", "release_from_custody_review", "reoffending_review", "rosh_saw_review", "significant_event"),
        "type": enum("cic_review", "cin_review", "cmm", "complex_case_clinic", "compliance_meeting", "csc_mam", "ehh", "exit_interview", "group_supervision", "icpc", "initial_meeting", "lac_review", "mappa", "multi_agency", "noncompliance_discussion", "oocdd_panel", "review_plan", "risk_panel", "three_way_referral", "three_way_transfer", "transfer_meeting", "trm_network"),
    },
    "meeting.scheduled": {
        "invitees": enum("child", "line_manager", "parent_carer", "professional"),
        "purpose": enum("bail_strategy", "compliance", "iss_review", "release_from_custody_review", "reoffending_review", "rosh_saw_review", "significant_event"),
        "starts_at": DATETIME,
        "type": enum("case_supervision", "cmm", "csc_mam", "exit_interview", "multi_agency", "review_plan", "risk_panel", "transfer_meeting"),
    },
    "order.amended": {"field": enum("petty_sessions_area")},
    "order.midpoint-reached": {},
    "order.started": {"end": DATE, "iss": BOOL, "type": enum("yro")},
    "plan.completed": {
        "period_weeks": INT,
        "sessions": INT,
        "type": enum("exit_plan", "intervention_plan", "my_future_action_plan", "specific_action_plan"),
        "victim_work": enum("included", "not_included"),
    },
    "plan.reviewed": {
        "type": enum("intervention_plan", "specific_action_plan"),
        "with": enum("child", "parent_carer"),
    },
    "plan.updated": {
        "agreed_with": enum("child", "parent_carer"),
        "field": enum("contact_frequency"),
        "type": enum("intervention_plan", "risk_management_plan", "saw_management_plan"),
    },
    "programme.accepted": {"type": enum("my_future")},
    "programme.declined": {"by": enum("child", "parent_carer")},
    "programme.offered": {"type": enum("my_future")},
    "psr.requested": {},
    # Topics policy_packs_changed, restricted and restriction_lifted are the product's own management entries.
    "record.entered": {
        "fields": FORM_FIELDS,
        "kind": enum("case_note", "contact", "court_outcome", "event", "management_entry", "outcome", "process_tab", "programme", "rationale", "serious_incident", "session"),
        "system": enum("allocation_spreadsheet", "capita", "ehh_spreadsheet", "iyss", "mosaic", "z_drive"),
        "topic": enum("additional_sessions_agreed", "capacity_escalation", "caretaking_roles", "case_discussion", "closure", "cmm_action_check", "cmm_actions", "compliance_meeting_outcome", "court_outcome", "cover_arrangements", "crown_court_tracking", "csc_mam_summary", "early_revocation_considered", "early_revocation_explained", "exceptional_circumstances", "forum_consideration", "gender_allocation", "make_up_offer", "meeting_attendance", "missed_timescale", "order_explained", "out_of_area_agreement", "oversight_agreement", "parenting_order_transfer_planning", "policy_packs_changed", "programme_explained", "reallocation_decision", "restricted", "restriction_lifted", "signposting", "specialist_needs", "task_split", "transfer_decision", "trial_support"),
    },
    # The sources beyond the catalogue's are the product's own (every source a referral is recorded from).
    "referral.accepted": {"sessions": INT, "source": enum(
        "court_outcome", "court_tracking", "ehh_contact_form", "my_future", "police_oocd", "specific_intervention",
        "stepdown", "transfer_in", "tvp_yot1")},
    "referral.made": {"to": enum("csc", "front_door", "pyjs_nurse"), "type": enum("marf")},
    "referral.received": {"source": enum(
        "court_outcome", "court_tracking", "ehh_contact_form", "my_future", "police_oocd", "specific_intervention",
        "stepdown", "transfer_in", "tvp_yot1")},
    "referral.triaged": {"outcome": enum("meets_criteria", "not_met")},
    "risk.change-identified": {},
    "risk.level-assessed": {
        "dimension": enum("lor", "rosh", "saw"),
        "level": enum("high", "low", "medium", "very_high"),
    },
    "screening.completed": {
        "long_adjournment": BOOL,
        "needs_beyond_tracking": BOOL,
        "no_other_agencies": BOOL,
        "positive_answers": INT,
        "risk_to_others": BOOL,
        "type": enum("asset_slcn", "crown_court_tracking", "future_court", "specialist_initial"),
    },
    "serious-incident.became-known": {},
    "session.delivered": {
        "appointment_id": TEXT,
        "by": enum("pyjs_nurse"),
        "final": BOOL,
        "topic": enum("consent_healthy_relationships", "victim_awareness"),
        "type": enum("assessment", "planning", "supervision"),
    },
    "significant-event.occurred": {},
    "staff-supervision.held": {},
    "staff.absence-ended": {},
    "staff.absence-started": {"planned": BOOL},
    "staff.employment-started": {},
    "staff.leave-planned": {"end": DATE, "start": DATE},
    "transfer.completed": {"kind": enum("full", "internal")},
    "transfer.decided": {
        "direction": enum("in"),
        "factors": enum("permanence", "time_remaining", "needs_saw", "rosh", "continuity", "progress", "child_views"),
        "kind": enum("internal", "parenting_order"),
        "outcome": enum("accepted", "agreed", "disputed", "rejected", "stayed"),
    },
    "transfer.documents-received": {"complete": BOOL, "direction": enum("in")},
    "transfer.proposed": {"kind": enum("internal")},
    "transfer.requested": {"direction": enum("in", "out"), "kind": enum("caretaking", "full", "parenting_order")},
    "unacceptable-behaviour.recorded": {},
    "warning.issued": {"level": enum("first", "second", "verbal")},
}

# Product events: corrections and waivers. They are honoured before evaluation and never trigger rules.
PRODUCT_EVENTS: dict[str, dict[str, AttrSpec]] = {
    "event.voided": {"event_id": TEXT, "reason": TEXT, "by": TEXT},
    "event.amended": {"event_id": TEXT, "data": AttrSpec("object"), "reason": TEXT, "by": TEXT},
    "obligation.waived": {"rule": TEXT, "trigger_at": DATE, "reason": TEXT, "by": TEXT},
}

EVENT_TYPES: dict[str, dict[str, AttrSpec]] = {**CATALOGUE_EVENTS, **PRODUCT_EVENTS}

# Events the engine derives itself; a scenario may not supply them.
DERIVED_EVENTS = frozenset({"clock.day", "clock.month-started", "order.midpoint-reached"})

# Attributes every event may carry whatever its type: free text notes and who recorded it.
COMMON_ATTRIBUTES: dict[str, AttrSpec] = {"note": TEXT, "recorded_by": TEXT}

SERVICES = ("wokingham", "nottinghamshire")

PROGRAMMES = (
    "community_resolution", "prevention", "oocd", "yro", "referral_order", "custody", "bail", "my_future",
    "crown_court_tracking", "magistrates_court_tracking", "specific_intervention", "parenting_order",
)

RISK_LEVELS = ("low", "medium", "high", "very_high")
RISK_DIMENSIONS = ("rosh", "saw", "lor")

# Owner role slugs: the catalogue's `who` column and §3.2, one enumeration for every pack.
ROLES = (
    "case_worker", "line_manager", "atm", "tm", "atm_tm", "tm_ap", "ap", "service_manager", "group_manager",
    "pyjs_manager", "admin", "business_support", "court_officer", "specialist", "victim_worker", "rjw",
    "pyjs_nurse", "csc_social_worker", "cm", "scm", "yjso", "locality_tm", "intervention_tm", "court_lead",
    "intervention_worker", "primary_worker", "student", "senior_worker", "co_allocated_workers", "lead_worker",
    "receiving_tm", "responsible_officer", "home_yjs", "host_yjs", "allocated_worker", "manager_ap",
)

CHILD_FIELDS: dict[str, AttrSpec] = {
    "date_of_birth": DATE,
    "gender": enum("female", "male", "non_binary", "other"),
    "gender_differs_from_birth": BOOL,
    "looked_after": BOOL,
    "has_social_worker": BOOL,
    "mappa_level": INT,
}

WORKER_FIELDS: dict[str, AttrSpec] = {
    "working_days": WEEKDAYS,
    "part_time": BOOL,
    "band": enum("a", "b", "c"),
    "gender": enum("female", "male", "non_binary", "other"),
    "student": BOOL,
    # Recorded leave and sickness, [{from, to}] inclusive: not working days under the built-in option
    # leave_and_sickness_days: removed (catalogue §1.2 working days; by default they still count).
    "absences": PERIODS,
}

# A member of staff in another role (scenario `staff.<role>`).
STAFF_FIELDS: dict[str, AttrSpec] = {
    "working_days": WEEKDAYS,
    "absences": PERIODS,
}

REQUIREMENT_TYPES = (
    "activity", "supervision", "unpaid_work", "programme", "attendance_centre", "prohibited_activity", "curfew",
    "exclusion", "electronic_monitoring", "residence", "local_authority_residence", "fostering",
    "mental_health_treatment", "drug_treatment", "drug_testing", "intoxicating_substance", "education", "iss",
)

REQUIREMENT_FIELDS: dict[str, AttrSpec] = {
    "type": enum(*REQUIREMENT_TYPES),
    "days": INT, "hours": INT, "hours_per_day": INT, "hours_per_week": INT, "months": INT, "end": DATE,
}

# Facts rules test. `requirements` is a list of REQUIREMENT_FIELDS objects.
FACT_FIELDS: dict[str, AttrSpec] = {
    "origin": enum("ehh", "stepdown"),
    "disposal": enum("outcome_22", "youth_caution", "youth_conditional_caution"),
    "direct_victim_consented": BOOL,
    "victim_agreed_contact": BOOL,
    "offence_inappropriate_sexual_behaviour": BOOL,
    "substance_misuse_risk": BOOL,
    "iss": BOOL,
    "bail_support": BOOL,
    "order_start": DATE,
    "order_end": DATE,
    "conviction_date": DATE,
    "finding_of_guilt_date": DATE,
    "offence_imprisonable": BOOL,
    "custody_threshold_passed": BOOL,
    "persistent_offender": BOOL,
    "pyjs_present_at_court": BOOL,
    "parent_present_at_plan": BOOL,
    "child_wrote_plan": BOOL,
    "parenting_order": BOOL,
    "both_parents_parenting_orders": BOOL,
    "assessment_review_date": DATE,
    "plan_review_date": DATE,
    "requirements": AttrSpec("requirements"),
    "out_of_area_child": BOOL,
    "likely_to_remain_in_area": BOOL,
    "caretaking_contact_weeks": INT,
    "host_contact_weeks": INT,
    "host_records_weeks": INT,
}
