"""Reading pages in tests: the visible text, the error summary's messages, a field's inline error."""
from __future__ import annotations

import html
import re


def text(response) -> str:
    """The page's text with tags removed and entities decoded, whitespace collapsed."""
    body = response.content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def error_summary(response) -> list[str]:
    """The messages listed in the GOV.UK error summary (empty if the page has none)."""
    body = response.content.decode()
    match = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', body, re.S)
    if not match:
        return []
    return [html.unescape(re.sub(r"<[^>]+>", "", m).strip()) for m in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def field_error(response, field_id: str) -> str | None:
    """The inline error message shown for a field (its element id without '-error'), or None."""
    body = response.content.decode()
    match = re.search(rf'<p id="{re.escape(field_id)}-error" class="govuk-error-message[^"]*"[^>]*>(.*?)</p>', body, re.S)
    if not match:
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Error:", "", 1).strip()
