"""Forms of the referral pages: record a referral, triage it, accept it into a case.

The messages for a missing answer are the services' own, so a page says the same thing whichever layer noticed.
Rules that need the database or the clock (a child of this service, a date not in the future) are the services';
the views show their errors against these fields.
"""
from __future__ import annotations

from django import forms

from waypoint.cases.models import Programme
from waypoint.cases.services import CASE_PROGRAMME_INVALID
from waypoint.core.forms import GovukDateField, GovukFormMixin
from waypoint.core.models import Gender
from waypoint.people.models import Child
from waypoint.people.services import (
    CHILD_DATE_OF_BIRTH_MISSING,
    CHILD_FAMILY_NAME_MISSING,
    CHILD_GENDER_MISSING,
    CHILD_GIVEN_NAME_MISSING,
)
from waypoint.workforce.models import Service, Team

from .models import Referral
from .services import (
    ACCEPT_START_MISSING,
    REFERRAL_RECEIVED_ON_MISSING,
    REFERRAL_SOURCE_INVALID,
    REFERRAL_SUMMARY_MISSING,
    TRIAGE_OUTCOME_INVALID,
    TRIAGE_REASON_MISSING,
)

CHILD_KNOWN_MISSING = "Select whether the child is already known to the service"
CHILD_REFERENCE_MISSING = "Enter the child's reference"
CHILD_REFERENCE_UNKNOWN = "Enter the reference of a child known to this service, for example WP-00042"
TEAM_MISSING = "Select the team that will hold the case"

NEW_CHILD_FIELDS = ("given_name", "family_name", "date_of_birth", "gender")


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


class ReferralForm(GovukFormMixin, forms.Form):
    """A referral as received: where from, when, what it says, and the child (known already, or new)."""

    source = forms.ChoiceField(
        label="Where did the referral come from?", choices=Referral.Source.choices,
        error_messages={"required": REFERRAL_SOURCE_INVALID, "invalid_choice": REFERRAL_SOURCE_INVALID},
    )
    received_on = GovukDateField(
        label="Date received", error_messages={"required": REFERRAL_RECEIVED_ON_MISSING},
    )
    referrer_name = forms.CharField(
        label="Referrer (optional)", required=False, max_length=_max_length(Referral, "referrer_name"),
        help_text="The name and organisation of the person who made the referral.",
    )
    summary = forms.CharField(
        label="Summary", max_length=_max_length(Referral, "summary"), widget=forms.Textarea,
        help_text="What happened, and what the referrer is asking for.",
        error_messages={"required": REFERRAL_SUMMARY_MISSING},
    )
    child_known = forms.ChoiceField(
        label="Is the child already known to the service?", choices=[("yes", "Yes"), ("no", "No, this is a new child")],
        error_messages={"required": CHILD_KNOWN_MISSING, "invalid_choice": CHILD_KNOWN_MISSING},
    )
    child_reference = forms.CharField(
        label="Child reference", required=False, max_length=_max_length(Child, "reference"),
        help_text="For example, WP-00042. It is on the child's page.",
    )
    given_name = forms.CharField(label="First name", required=False, max_length=_max_length(Child, "given_name"))
    family_name = forms.CharField(label="Last name", required=False, max_length=_max_length(Child, "family_name"))
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    gender = forms.ChoiceField(label="Gender", required=False, choices=Gender.choices)

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["gender"].error_messages["invalid_choice"] = CHILD_GENDER_MISSING

    def clean(self):
        data = super().clean()
        known = data.get("child_known")
        # Only the answers under the chosen radio count: a half-typed new child under "Yes" is not an error.
        ignored = NEW_CHILD_FIELDS if known == "yes" else ("child_reference",) if known == "no" else ()
        for name in ignored:
            self.errors.pop(name, None)
            data.pop(name, None)
        if known == "yes":
            data["child"] = self._known_child(data.get("child_reference", ""))
        elif known == "no":
            missing = {
                "given_name": CHILD_GIVEN_NAME_MISSING, "family_name": CHILD_FAMILY_NAME_MISSING,
                "date_of_birth": CHILD_DATE_OF_BIRTH_MISSING, "gender": CHILD_GENDER_MISSING,
            }
            for name, message in missing.items():
                if name not in self.errors and not data.get(name):
                    self.add_error(name, message)
        return data

    def _known_child(self, reference: str) -> Child | None:
        if "child_reference" in self.errors:
            return None
        reference = reference.strip()
        if not reference:
            self.add_error("child_reference", CHILD_REFERENCE_MISSING)
            return None
        child = Child.objects.filter(service=self.service, reference__iexact=reference).first()
        if child is None:
            self.add_error("child_reference", CHILD_REFERENCE_UNKNOWN)
        return child

    def service_arguments(self) -> dict:
        """referral_record's arguments (apart from service and actor) from the cleaned answers."""
        data = self.cleaned_data
        arguments = {
            "source": data["source"], "received_on": data["received_on"], "summary": data["summary"],
            "referrer_name": data.get("referrer_name", ""),
        }
        if data["child_known"] == "yes":
            arguments["child"] = data["child"]
        else:
            arguments["child_details"] = {name: data[name] for name in NEW_CHILD_FIELDS}
        return arguments


class TriageForm(GovukFormMixin, forms.Form):
    """A manager's triage decision on a referral, with the reason."""

    outcome = forms.ChoiceField(
        label="Does the referral meet the criteria?", choices=Referral.TriageOutcome.choices,
        error_messages={"required": TRIAGE_OUTCOME_INVALID, "invalid_choice": TRIAGE_OUTCOME_INVALID},
    )
    reason = forms.CharField(
        label="Reason for the decision", max_length=_max_length(Referral, "triage_reason"), widget=forms.Textarea,
        error_messages={"required": TRIAGE_REASON_MISSING},
    )


class AcceptForm(GovukFormMixin, forms.Form):
    """Accept a referral into a case: the programme, the start date and the team that will hold it."""

    programme = forms.ChoiceField(
        label="Programme", error_messages={"required": CASE_PROGRAMME_INVALID, "invalid_choice": CASE_PROGRAMME_INVALID},
    )
    started_on = GovukDateField(label="Start date", error_messages={"required": ACCEPT_START_MISSING})
    team = forms.ChoiceField(label="Team", error_messages={"required": TEAM_MISSING, "invalid_choice": TEAM_MISSING})
    restricted = forms.BooleanField(
        label="Restrict the case", required=False,
        help_text="Only its allocated workers and their managers will see it.",
    )

    def __init__(self, *args, teams: list[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(team.pk): team for team in teams}
        self.fields["programme"].choices = [("", "Select a programme"), *Programme.choices]
        self.fields["team"].choices = [("", "Select a team"), *((key, t.name) for key, t in self.teams.items())]

    def clean_team(self) -> Team:
        return self.teams[self.cleaned_data["team"]]
