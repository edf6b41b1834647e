"""Forms of the assessment pages: start an assessment, write and submit it (an AssetPlus with its ratings), QA it,
set a rating, record the SLCN and specialist screenings, checks, a MARF and a Child and Family Assessment.

Fields the service checks (what a submission needs, a rating's reason) are optional here, so the service's messages
are the ones shown (waypoint.core.forms.add_service_errors)."""
from __future__ import annotations

from django import forms

from waypoint.core.forms import GovukDateField, GovukFormMixin

from . import services as s
from .models import (
    RATED_KINDS,
    SLCN_QUESTIONS,
    WORKFLOW_KINDS,
    AssessmentKind,
    CheckKind,
    Evidence,
    RiskDimension,
    RiskLevel,
    SlcnAnswer,
)

TEXT_MAX = 5000
SUMMARY_MAX = 20000
DOCUMENT_HINT = "A PDF, DOC, DOCX, ODT or TXT file, smaller than 10MB"
_FILE_ERRORS = {"empty": s.DOCUMENT_EMPTY, "invalid": s.DOCUMENT_TYPE}
LEVEL_UNCHANGED = [("", "No change")] + list(RiskLevel.choices)


class StartForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Which assessment?", choices=[(k.value, k.label) for k in WORKFLOW_KINDS],
                             error_messages={"required": s.ASSESSMENT_KIND_INVALID,
                                             "invalid_choice": s.ASSESSMENT_KIND_INVALID})


class AssessmentForm(GovukFormMixin, forms.Form):
    """The assessment itself. A Mini Asset lists its evidence; an AssetPlus attaches its document and, for a full
    or review AssetPlus, may set the ratings (each changed one with its reason)."""

    assessed_on = GovukDateField(label="Date the assessment was completed", required=False, not_in_future=True)
    summary = forms.CharField(label="Summary of the assessment", required=False, max_length=SUMMARY_MAX,
                              widget=forms.Textarea)
    evidence = forms.MultipleChoiceField(label="What the assessment evidences", required=False,
                                         choices=Evidence.choices, widget=forms.CheckboxSelectMultiple,
                                         help_text="Select all that apply",
                                         error_messages={"invalid_choice": s.ASSESSMENT_EVIDENCE_INVALID})
    document = forms.FileField(label="Upload the AssetPlus document", required=False, help_text=DOCUMENT_HINT,
                               error_messages=_FILE_ERRORS)
    review_on = GovukDateField(label="Date of the next review (optional)", required=False,
                               help_text="The review date set in AssetPlus")

    def __init__(self, *args, assessment, **kwargs):
        initial = kwargs.pop("initial", None) or {
            "assessed_on": assessment.assessed_on, "summary": assessment.summary, "evidence": assessment.evidence,
            "review_on": assessment.review_on}
        super().__init__(*args, initial=initial, **kwargs)
        self.kind = assessment.kind
        self.rated = assessment.kind in RATED_KINDS
        if assessment.kind != AssessmentKind.MINI_ASSET:
            del self.fields["evidence"]
        if assessment.kind == AssessmentKind.MINI_ASSET:
            del self.fields["document"]
        elif assessment.document_name:
            self.fields["document"].help_text = (f"{assessment.document_name} is attached. Upload another file to "
                                                 f"replace it. {DOCUMENT_HINT}")
        if not self.rated:
            del self.fields["review_on"]
        if self.rated:
            for dimension in RiskDimension:
                self.fields[f"{dimension.value}_level"] = forms.ChoiceField(
                    label=f"{dimension.label}", required=False, choices=LEVEL_UNCHANGED,
                    error_messages={"invalid_choice": s.RATING_LEVEL_INVALID})
                self.fields[f"{dimension.value}_reason"] = forms.CharField(
                    label=f"Reason for the {dimension.label.split(' (')[1].rstrip(')')} rating", required=False,
                    max_length=TEXT_MAX, widget=forms.Textarea)

    def rating_fields(self):
        return [(self[f"{d}_level"], self[f"{d}_reason"]) for d in RiskDimension.values] if self.rated else []

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"assessed_on": data.get("assessed_on"), "summary": data.get("summary", ""),
                "evidence": data.get("evidence") or [], "document": data.get("document"),
                "review_on": data.get("review_on")}

    def ratings(self) -> dict:
        if not self.rated:
            return {}
        data = self.cleaned_data
        return {d: {"level": data.get(f"{d}_level", ""), "reason": data.get(f"{d}_reason", "")}
                for d in RiskDimension.values}


class QaForm(GovukFormMixin, forms.Form):
    comments = forms.CharField(label="Comments", required=False, max_length=TEXT_MAX, widget=forms.Textarea,
                               help_text="Needed to return it: say what the author should change.")


class RatingForm(GovukFormMixin, forms.Form):
    dimension = forms.ChoiceField(label="Which rating?", choices=RiskDimension.choices,
                                  error_messages={"required": s.RATING_DIMENSION_INVALID,
                                                  "invalid_choice": s.RATING_DIMENSION_INVALID})
    level = forms.ChoiceField(label="Level", choices=RiskLevel.choices,
                              error_messages={"required": s.RATING_LEVEL_INVALID,
                                              "invalid_choice": s.RATING_LEVEL_INVALID})
    reason = forms.CharField(label="Reason for this rating", required=False, max_length=TEXT_MAX,
                             widget=forms.Textarea)
    on = GovukDateField(label="Date the rating was set", required=False, not_in_future=True)


class SlcnForm(GovukFormMixin, forms.Form):
    screened_on = GovukDateField(label="Date of the screening", required=False, not_in_future=True)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=TEXT_MAX, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in SLCN_QUESTIONS.items():
            self.fields[key] = forms.ChoiceField(label=question, choices=SlcnAnswer.choices, required=False)

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in SLCN_QUESTIONS}

    def questions(self):
        return [self[key] for key in SLCN_QUESTIONS]


class SpecialistScreeningForm(GovukFormMixin, forms.Form):
    screened_on = GovukDateField(label="Date of the screening", required=False, not_in_future=True)
    summary = forms.CharField(label="What the screening found", required=False, max_length=TEXT_MAX,
                              widget=forms.Textarea, help_text="Include education, and any health, speech and "
                                                               "language or substance misuse needs.")


class CheckForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Which check?", choices=CheckKind.choices,
                             error_messages={"required": s.CHECK_KIND_INVALID,
                                             "invalid_choice": s.CHECK_KIND_INVALID})
    checked_on = GovukDateField(label="Date of the check", required=False, not_in_future=True)
    concern = forms.ChoiceField(label="Did the check raise concerns?", choices=[("yes", "Yes"), ("no", "No")],
                                required=False)
    details = forms.CharField(label="Details", required=False, max_length=TEXT_MAX, widget=forms.Textarea,
                              help_text="Needed if it raised concerns.")

    def concern_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("concern") or "")


class MarfForm(GovukFormMixin, forms.Form):
    sent_on = GovukDateField(label="Date the MARF was sent", required=False, not_in_future=True)
    concerns = forms.CharField(label="The concerns it set out", required=False, max_length=TEXT_MAX,
                               widget=forms.Textarea)


class ChildFamilyAssessmentForm(GovukFormMixin, forms.Form):
    received_on = GovukDateField(label="Date it was received from social care", required=False, not_in_future=True)
    document = forms.FileField(label="Upload the Child and Family Assessment", required=False,
                               help_text=DOCUMENT_HINT, error_messages=_FILE_ERRORS)
    summary = forms.CharField(label="Notes (optional)", required=False, max_length=TEXT_MAX, widget=forms.Textarea)
