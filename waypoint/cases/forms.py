"""Forms of the case pages: the case list's search and filters, and allocating a worker to a case.

Forms check what a field can check on its own (given, the right type, not too long); the services check the rules
(a worker of this service, a date not before the case started) and the views show those errors on the field.
"""
from __future__ import annotations

from django import forms

from waypoint.core.forms import GovukDateField, GovukFormMixin
from waypoint.workforce.models import StaffMember

from .models import Allocation, Case, ClosureReason, Programme
from .services import ALLOCATION_RATIONALE_MISSING, ALLOCATION_ROLE_INVALID, CLOSURE_RETURN_REASON_MISSING

SEARCH_MAX_LENGTH = 100
WORKER_MISSING = "Select a worker from the list"
ALLOCATION_DATE_MISSING = "Enter the date of the allocation"
FILTER_INVALID = "Select {} from the list"
REALLOCATION_REASON_MISSING = "Select why the case is moving to another worker"
RATIONALE_MAX_LENGTH = Allocation._meta.get_field("rationale").max_length


class CaseSearchForm(GovukFormMixin, forms.Form):
    """The case list's search box and filters (a GET form: every field optional)."""

    q = forms.CharField(label="Name or reference", required=False, max_length=SEARCH_MAX_LENGTH)
    programme = forms.ChoiceField(label="Programme", required=False)
    team = forms.ChoiceField(label="Team", required=False)
    worker = forms.ChoiceField(label="Worker", required=False)
    status = forms.ChoiceField(label="Status", required=False)

    def __init__(self, *args, teams, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", "All programmes"), *Programme.choices]
        self.fields["team"].choices = [("", "All teams"), *((str(team.pk), team.name) for team in teams)]
        self.fields["worker"].choices = [
            ("", "All workers"), *((str(staff.pk), staff.display_name) for staff in workers)
        ]
        self.fields["status"].choices = [("", "Any status"), *Case.Status.choices]
        for name, what in (("programme", "a programme"), ("team", "a team"), ("worker", "a worker"),
                           ("status", "a status")):
            self.fields[name].error_messages["invalid_choice"] = FILTER_INVALID.format(what)

    def filters(self) -> dict:
        """The case_list selector's arguments from whatever was valid (an invalid filter is left out, and shown)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "programme": data.get("programme", ""),
            "team_id": int(data["team"]) if data.get("team") else None,
            "worker_id": int(data["worker"]) if data.get("worker") else None,
            "status": data.get("status", ""),
        }


class AllocationForm(GovukFormMixin, forms.Form):
    """Allocate or reallocate a worker to a case, in a role, from a date, with the manager's rationale."""

    REASON_CHOICES = [
        ("internal_transfer", "The case is moving to another worker (internal transfer)"),
        ("leave", "The current worker is on leave"),
    ]

    staff = forms.ChoiceField(
        label="Worker", error_messages={"required": WORKER_MISSING, "invalid_choice": WORKER_MISSING},
    )
    role = forms.ChoiceField(
        label="Role on the case",
        error_messages={"required": ALLOCATION_ROLE_INVALID, "invalid_choice": ALLOCATION_ROLE_INVALID},
    )
    on = GovukDateField(label="Date of allocation", error_messages={"required": ALLOCATION_DATE_MISSING})
    rationale = forms.CharField(
        label="Rationale", max_length=RATIONALE_MAX_LENGTH, widget=forms.Textarea,
        help_text="Why this worker: workload, skills, experience, continuity, the child's needs.",
        error_messages={"required": ALLOCATION_RATIONALE_MISSING},
    )
    reason = forms.ChoiceField(
        label="If you are changing the case worker or case manager, why?", required=False, choices=REASON_CHOICES,
    )

    def __init__(self, *args, workers: list[StaffMember], reallocating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(staff.pk): staff for staff in workers}
        self.fields["staff"].choices = [("", "Select a worker")] + [
            (key, f"{staff.display_name} ({staff.get_role_display()}{', ' + staff.team.name if staff.team else ''})")
            for key, staff in self.workers.items()
        ]
        self.fields["role"].choices = [("", "Select a role"), *Allocation.Role.choices]
        # The reason is asked only when the case already has a lead worker who would be replaced.
        self.reallocating = reallocating
        if not reallocating:
            del self.fields["reason"]

    def clean_staff(self) -> StaffMember:
        return self.workers[self.cleaned_data["staff"]]

    def clean(self):
        data = super().clean()
        if self.reallocating and data.get("role") in Allocation.LEAD_ROLES and not data.get("reason"):
            self.add_error("reason", REALLOCATION_REASON_MISSING)
        return data


# ---- Closure -------------------------------------------------------------------------------------------------------

class ClosureRequestForm(GovukFormMixin, forms.Form):
    """The worker's request to close the case: why, and the steps taken."""

    reason = forms.ChoiceField(label="Why should the case close?", widget=forms.RadioSelect,
                               choices=ClosureReason.choices,
                               error_messages={"required": "Select the reason for closing the case",
                                               "invalid_choice": "Select the reason for closing the case"})
    steps_taken = forms.CharField(label="Steps taken", max_length=5000, widget=forms.Textarea,
                                  help_text="For example, the contacts, home visits and letters, and what the child "
                                            "and parent/carer said.",
                                  error_messages={"required": "Enter the steps taken before asking to close the case"})


class ClosureDecisionForm(GovukFormMixin, forms.Form):
    """A manager's decision on a closure request: agree it, or return it to the worker with the reason."""

    decision = forms.ChoiceField(label="Do you agree to close the case?", widget=forms.RadioSelect,
                                 choices=[("agreed", "Yes, agree the closure"),
                                          ("returned", "No, return it to the worker")],
                                 error_messages={"required": "Select whether you agree to close the case",
                                                 "invalid_choice": "Select whether you agree to close the case"})
    return_reason = forms.CharField(label="Why is it being returned?", required=False, max_length=2000,
                                    widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "returned" and not (data.get("return_reason") or "").strip():
            self.add_error("return_reason", CLOSURE_RETURN_REASON_MISSING)
        return data


class CaseCloseForm(GovukFormMixin, forms.Form):
    """Close the case on a date, for a reason (the agreed request's reason, when there is one)."""

    reason = forms.ChoiceField(label="Reason for closing", choices=ClosureReason.choices,
                               error_messages={"required": "Select the reason for closing the case",
                                               "invalid_choice": "Select the reason for closing the case"})
    on = GovukDateField(label="Date the case closed", not_in_future=True,
                        error_messages={"required": "Enter the date the case closed"})
