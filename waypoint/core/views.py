"""Sign-in and sign-out, the accessibility statement, the error pages (no page ever shows a stack trace), and the
GOV.UK pagination every long list uses."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Page, Paginator
from django.core.validators import MaxLengthValidator
from django.contrib.auth.forms import AuthenticationForm
from django import forms
from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError

from .forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been switched off. Ask your team manager",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        # AuthenticationForm sets max_length after the field is built, so its validator has to be added here.
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["password"].label = "Password"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput()


class SignInView(auth_views.LoginView):
    template_name = "core/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def accessibility(request):
    return render(request, "core/accessibility.html")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without the request context on purpose: whatever broke must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def paginate(request, items) -> Page:
    """One page of `items` (settings.WAYPOINT_PAGE_SIZE a page); a page number out of range shows the nearest page."""
    return Paginator(items, settings.WAYPOINT_PAGE_SIZE).get_page(request.GET.get("page"))


def govuk_pagination(page: Page, query) -> dict | None:
    """The parameters of the GOV.UK pagination component for `page`, keeping the list's search and filters.

    Shows the first, last, current and adjacent pages, with ellipses between (the Design System's pattern).
    None when everything fits on one page, because the component is then left out.
    """
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        params = query.copy()
        params["page"] = str(number)
        return "?" + params.urlencode()

    last = page.paginator.num_pages
    shown = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    items: list[dict] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
        previous = number
    result: dict = {"items": items, "landmarkLabel": "Pages of results"}
    if page.has_previous():
        result["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        result["next"] = {"href": href(page.next_page_number())}
    return result
