"""Forms of the plan pages: write a plan with its targets, review it, record a signature, record the parent/carer's
copy, record an early revocation step. Dates use the GOV.UK date input."""
from __future__ import annotations

from django import forms

from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import RevocationStep, Signatory, SignedDocument, TargetState, VictimWork

TARGET_ROWS = 4
NEW_TARGET_ROWS = 2


def _target_fields(form: forms.Form, prefix: str, rows: int, caption: str) -> list[list[str]]:
    groups = []
    for number in range(1, rows + 1):
        name = f"{prefix}target_{number}"
        form.fields[f"{name}_area"] = forms.CharField(label=f"{caption} {number}: area", required=False,
                                                      max_length=200, help_text="For example, education")
        form.fields[f"{name}_action"] = forms.CharField(label=f"{caption} {number}: what will be done",
                                                        required=False, max_length=2000, widget=forms.Textarea)
        form.fields[f"{name}_who"] = forms.CharField(label=f"{caption} {number}: who will do this", required=False,
                                                     max_length=200)
        form.fields[f"{name}_by_when"] = GovukDateField(label=f"{caption} {number}: by when", required=False)
        groups.append([f"{name}_area", f"{name}_action", f"{name}_who", f"{name}_by_when"])
    return groups


def _targets(cleaned: dict, prefix: str, rows: int) -> list[dict]:
    return [{"area": cleaned.get(f"{prefix}target_{n}_area"), "action": cleaned.get(f"{prefix}target_{n}_action"),
             "who": cleaned.get(f"{prefix}target_{n}_who"), "by_when": cleaned.get(f"{prefix}target_{n}_by_when")}
            for n in range(1, rows + 1)]


class PlanForm(GovukFormMixin, forms.Form):
    agreed_on = GovukDateField(label="Date the plan was agreed", not_in_future=True,
                               error_messages={"required": s.PLAN_DATE_MISSING})
    review_on = GovukDateField(label="Date of the next review (optional)", required=False,
                               help_text="The date agreed for reviewing the plan, as set in AssetPlus")
    child_words = forms.CharField(label="The child's own words (optional)", required=False, max_length=5000,
                                  widget=forms.Textarea,
                                  help_text="What the child wants from the plan, as they said it")
    child_wrote_plan = forms.BooleanField(label="The child wrote their own plan", required=False)
    parent_present = forms.BooleanField(label="The parent or carer was at the plan session", required=False,
                                        help_text="If not, post them a copy of the plan")
    victim_work = forms.ChoiceField(label="Victim work (optional)", required=False,
                                    choices=[("", "Not decided")] + list(VictimWork.choices))
    file = forms.FileField(label="Upload the plan (optional)", required=False,
                           help_text="The signed or handwritten plan: a PDF, JPG, PNG, HEIC, DOC, DOCX or TXT file, "
                                     "smaller than 10MB",
                           error_messages={"empty": s.PLAN_FILE_EMPTY, "invalid": s.PLAN_FILE_TYPE})
    attached_to_assetplus = forms.BooleanField(label="The plan is attached in its section of AssetPlus",
                                               required=False)

    def __init__(self, *args, plan_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_type = plan_type
        self.target_groups = _target_fields(self, "", TARGET_ROWS, "Target")

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        targets = _targets(data, "", TARGET_ROWS)
        kept = {k: v for k, v in data.items() if not k.startswith("target_")}
        return {**kept, "targets": targets, "plan_type": self.plan_type}


class ReviewForm(GovukFormMixin, forms.Form):
    reviewed_on = GovukDateField(label="Date of the review", not_in_future=True,
                                 error_messages={"required": s.REVIEW_DATE_MISSING})
    with_child = forms.BooleanField(label="Reviewed with the child", required=False, initial=True)
    with_parent_carer = forms.BooleanField(label="Reviewed with the parent or carer", required=False)
    next_review_on = GovukDateField(label="Date of the next review (optional)", required=False)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=5000, widget=forms.Textarea,
                            help_text="For example, the contact frequency agreed")

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = targets
        for target in targets:
            self.fields[f"status_{target.target_id}"] = forms.ChoiceField(
                label=f"{target.area}: {target.action}", required=False,
                choices=[(TargetState.COMPLETED.value, "Completed"), (TargetState.PENDING.value, "Pending")])
        self.target_groups = _target_fields(self, "new_", NEW_TARGET_ROWS, "New target")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "reviewed_on": data["reviewed_on"], "with_child": data["with_child"],
            "with_parent_carer": data["with_parent_carer"], "notes": data["notes"],
            "next_review_on": data.get("next_review_on"),
            "statuses": {t.target_id: data.get(f"status_{t.target_id}") for t in self.targets},
            "added": _targets(data, "new_", NEW_TARGET_ROWS),
        }


class SignatureForm(GovukFormMixin, forms.Form):
    document = forms.ChoiceField(label="What was signed?", choices=SignedDocument.choices,
                                 error_messages={"required": s.SIGNATURE_DOCUMENT_INVALID})
    signed_by = forms.ChoiceField(label="Who signed?", choices=Signatory.choices,
                                  error_messages={"required": s.SIGNATURE_BY_INVALID})
    signed_on = GovukDateField(label="Date signed", not_in_future=True,
                               error_messages={"required": s.SIGNATURE_DATE_MISSING})


class CopyForm(GovukFormMixin, forms.Form):
    method = forms.ChoiceField(label="How did the parent or carer get the copy?",
                               choices=[("posted", "Posted to them"), ("given", "Handed to them")],
                               error_messages={"required": s.COPY_METHOD_INVALID})
    on = GovukDateField(label="Date sent or given", not_in_future=True,
                        error_messages={"required": s.COPY_DATE_MISSING})


class StepForm(GovukFormMixin, forms.Form):
    step = forms.ChoiceField(label="Which step?", choices=RevocationStep.choices,
                             error_messages={"required": s.STEP_INVALID})
    on = GovukDateField(label="Date", not_in_future=True, error_messages={"required": s.STEP_DATE_MISSING})
    hearing_on = GovukDateField(label="Date of the hearing (court listing only)", required=False)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=5000, widget=forms.Textarea)
