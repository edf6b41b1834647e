"""The leave pages: a worker records their own planned leave or unplanned absence, and a manager or business support
anyone's in their service, through the workforce services (so each writes its staff event, and the cases the
worker holds are worked out again, ADR 23)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from waypoint.core.forms import add_service_errors
from waypoint.core.models import today

from . import services
from .forms import AbsenceForm, ReturnForm
from .selectors import absence_get_for_staff, absences_for, leave_workers, may_record_leave_for_others
from .views import staff_or_403


def leave_list(request):
    """Leave and absences: what is booked or going on, with a way to record more and to record a return."""
    staff = staff_or_403(request)
    return render(request, "workforce/leave.html", {
        "absences": absences_for(staff, today=today()), "for_others": may_record_leave_for_others(staff),
        "today": today(),
    })


def absence_new(request):
    staff = staff_or_403(request)
    form = AbsenceForm(request.POST if request.method == "POST" else None, workers=leave_workers(staff))
    if request.method == "POST" and form.is_valid():
        try:
            absence = services.absence_record(actor=staff, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{absence.get_kind_display()} for {absence.staff.display_name} is recorded")
            return redirect("leave-list")
    return render(request, "workforce/absence_form.html", {"form": form})


def absence_return(request, absence_id: int):
    staff = staff_or_403(request)
    absence = absence_get_for_staff(staff=staff, absence_id=absence_id)
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_end(absence=absence, ends_on=form.cleaned_data["ends_on"], actor=staff)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{absence.staff.display_name}'s return is recorded")
            return redirect("leave-list")
    return render(request, "workforce/absence_return.html", {"form": form, "absence": absence})
