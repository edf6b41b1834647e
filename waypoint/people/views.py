"""The child page: who the child is, what has changed about them (history rows), the people around them, and every
case of theirs the signed-in worker may see."""
from __future__ import annotations

from django.shortcuts import render

from waypoint.cases.selectors import child_get_for_user
from waypoint.core.models import today
from waypoint.workforce.views import staff_or_403

from .models import ChildCircumstance, Person
from .selectors import child_address_history, child_circumstance_history, child_relationships


def child_detail(request, child_id: int):
    staff_or_403(request)
    child = child_get_for_user(user=request.user, child_id=child_id)
    circumstances: dict[str, list[ChildCircumstance]] = {}
    for row in child_circumstance_history(child):
        circumstances.setdefault(row.kind, []).append(row)  # newest first, so [0] is the one in force
    relationships = list(child_relationships(child))
    return render(request, "people/child_detail.html", {
        "child": child,
        "age": child.age_on(today()),
        "addresses": list(child_address_history(child)),
        "circumstances": circumstances,
        "circumstance_kinds": ChildCircumstance.Kind,
        "parents_carers": [r for r in relationships if r.person.kind == Person.Kind.PARENT_CARER],
        "professionals": [r for r in relationships if r.person.kind == Person.Kind.PROFESSIONAL],
    })
