"""Pages for letters: write one from the case page, preview it, download its PDF, mark it sent; and the service's
letter templates (business support and managers), edited on a page with a preview. Each view: permission, form,
one service call, a message, a redirect."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from waypoint.cases.selectors import case_get_for_user
from waypoint.core.forms import add_service_errors
from waypoint.workforce.views import staff_or_403

from . import services as s
from .forms import LetterForm, MarkSentForm, TemplateForm
from .models import LetterType, SendMethod
from .rendering import LetterTemplateError, pdf_bytes
from .selectors import (letter_get_for_user, service_templates, template_for, template_versions,
                        upcoming_appointments)


def _back(case) -> str:
    return reverse("case-detail", kwargs={"case_id": case.pk}) + "#letters"


def addressees(letter) -> list[str]:
    data = letter.data
    names = [data["child_full_name"]] if "child" in letter.recipients else []
    if "parent_carer" in letter.recipients:
        names += data["parent_names"] or [f"The parent or carer of {data['child_full_name']}"]
    return names


def _sheet(letter) -> dict:
    """What the letter sheet shows (the preview and the PDF): a broken template is an error message, not a 500."""
    try:
        return {"rendered": s.letter_render(letter), "error": None, "to": addressees(letter)}
    except LetterTemplateError as error:
        return {"rendered": None, "error": error.message, "to": addressees(letter)}


def letter_new(request, case_id: int):
    actor = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    # The ladder's "Create the ... letter" links name the type (?type=first_warning): it is chosen already.
    form = LetterForm(request.POST if request.method == "POST" else None, case=case,
                      upcoming=list(upcoming_appointments(case)), initial={"letter_type": request.GET.get("type")})
    if request.method == "POST" and form.is_valid():
        try:
            letter = s.letter_create(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {letter.get_letter_type_display().lower()} is written. Check it, "
                                      "download it and mark it as sent when it goes")
            return redirect("letter-detail", letter_id=letter.pk)
    return render(request, "documents/letter_new.html", {"case": case, "form": form})


def letter_detail(request, letter_id: int):
    staff_or_403(request)
    letter = letter_get_for_user(user=request.user, letter_id=letter_id)
    return render(request, "documents/letter_detail.html", {"letter": letter, "case": letter.case,
                                                            **_sheet(letter)})


def letter_pdf(request, letter_id: int):
    staff_or_403(request)
    letter = letter_get_for_user(user=request.user, letter_id=letter_id)
    sheet = _sheet(letter)
    if sheet["error"]:
        raise Http404(sheet["error"])
    html = render_to_string("documents/letter_print.html", {"letter": letter, **sheet})
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="{letter.case.reference}-{letter.letter_type}-'
                                       f'{letter.pk}.pdf"')
    return response


def letter_mark_sent(request, letter_id: int):
    actor = staff_or_403(request)
    letter = letter_get_for_user(user=request.user, letter_id=letter_id)
    through_door = letter.letter_type in (LetterType.HOME_VISIT_FINAL_SHOUT, LetterType.PREVENTION_FINAL_ATTEMPT)
    form = MarkSentForm(request.POST if request.method == "POST" else None,
                        initial={"method": SendMethod.THROUGH_DOOR if through_door else SendMethod.POST})
    if request.method == "POST" and form.is_valid():
        try:
            s.letter_mark_sent(letter=letter, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {letter.get_letter_type_display().lower()} is marked as sent")
            return redirect(_back(letter.case))
    return render(request, "documents/letter_sent.html", {"letter": letter, "case": letter.case, "form": form})


def _template_admin_or_403(request):
    staff = staff_or_403(request)
    if not s.can_edit_templates(staff):
        raise PermissionDenied(s.TEMPLATE_ONLY_ADMINS)
    return staff


def template_list(request):
    staff = _template_admin_or_403(request)
    return render(request, "documents/template_list.html", {"templates": service_templates(staff.service)})


def template_edit(request, letter_type: str):
    actor = _template_admin_or_403(request)
    if letter_type not in LetterType.values:
        raise Http404("No such type of letter")
    in_force = template_for(actor.service, letter_type)
    form = TemplateForm(request.POST if request.method == "POST" else None,
                        initial={"title": in_force.title, "body": in_force.body})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "save":
                saved = s.letter_template_save(service=actor.service, letter_type=letter_type, title=data["title"],
                                               body=data["body"], actor=actor)
            else:
                preview = s.template_preview(letter_type=letter_type, title=data["title"], body=data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if data["action"] == "save":
                messages.success(request, f"Version {saved.version} of the {saved.get_letter_type_display().lower()} "
                                          "is saved. New letters will use it")
                return redirect("letter-template-edit", letter_type=letter_type)
    return render(request, "documents/template_edit.html", {
        "form": form, "letter_type": LetterType(letter_type), "in_force": in_force, "preview": preview,
        "versions": list(template_versions(actor.service, letter_type)),
    })
