"""The Jinja2 environment for product pages: app templates plus the GOV.UK Frontend Jinja macros.

Templates import macros as `govuk_frontend_jinja/components/<name>/macro.html`, and the project's own form
helpers as `core/forms.html`.
"""
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

LONDON = ZoneInfo("Europe/London")


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(value, with_weekday: bool = False) -> str:
    """'5 March 2026' (GOV.UK style), or 'Thu 5 March 2026'."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None:
        value = timezone.localtime(value, LONDON)
    text = f"{value.day} {value:%B %Y}"
    return f"{value:%a} {text}" if with_weekday else text


def govuk_datetime(value) -> str:
    """'5 March 2026 at 2:30pm' in Europe/London, as GOV.UK writes times."""
    if value is None:
        return ""
    local = timezone.localtime(value, LONDON)
    hour = local.hour % 12 or 12
    minute = f":{local.minute:02d}" if local.minute else ""
    suffix = "am" if local.hour < 12 else "pm"
    if local.hour == 12 and local.minute == 0:
        time_text = "midday"
    elif local.hour == 0 and local.minute == 0:
        time_text = "midnight"
    else:
        time_text = f"{hour}{minute}{suffix}"
    return f"{local.day} {local:%B %Y} at {time_text}"


def environment(**options) -> Environment:
    # Django's backend passes a FileSystemLoader over every app's jinja2/ folder; the GOV.UK macros come after it.
    app_loader = options.pop("loader")
    env = Environment(**options)
    env.loader = ChoiceLoader(
        [app_loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    env.globals.update(
        {
            "static": static,
            "url": url,
            "csrf_token_value": get_token,
            "get_messages": messages.get_messages,
            "settings": settings,
            "service_name": "Waypoint",
        }
    )
    env.filters.update({"govuk_date": govuk_date, "govuk_datetime": govuk_datetime})
    return env
