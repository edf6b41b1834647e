"""Forms of the leave pages: record planned leave or an unplanned absence, and record a worker's return."""
from __future__ import annotations

from django import forms

from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import Absence, StaffMember

ABSENCE_KIND_MISSING = "Select planned leave or an unplanned absence"
ABSENCE_WORKER_MISSING = "Select whose leave or absence this is"


class AbsenceForm(GovukFormMixin, forms.Form):
    staff = forms.TypedChoiceField(label="Whose leave or absence is it?", coerce=int,
                                   error_messages={"required": ABSENCE_WORKER_MISSING,
                                                   "invalid_choice": ABSENCE_WORKER_MISSING})
    kind = forms.ChoiceField(label="What is it?", choices=Absence.Kind.choices,
                             error_messages={"required": ABSENCE_KIND_MISSING, "invalid_choice": ABSENCE_KIND_MISSING})
    starts_on = GovukDateField(label="First day", error_messages={"required": s.ABSENCE_START_MISSING})
    ends_on = GovukDateField(label="Last day", required=False,
                             help_text="For an unplanned absence, only once the worker is back")

    def __init__(self, *args, workers: list[StaffMember], **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {worker.pk: worker for worker in workers}
        self.fields["staff"].choices = [(worker.pk, worker.display_name) for worker in workers]
        if len(workers) == 1:  # a worker records their own leave only: the page asks nothing about whose
            self.fields["staff"].initial = workers[0].pk

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"staff": self.workers[data["staff"]], "kind": data["kind"], "starts_on": data["starts_on"],
                "ends_on": data.get("ends_on")}


class ReturnForm(GovukFormMixin, forms.Form):
    ends_on = GovukDateField(label="Last day of the absence", not_in_future=True,
                             error_messages={"required": "Enter the last day of the absence"})
