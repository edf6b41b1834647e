"""Rendering letter templates in a sandbox, and letters as PDF.

A letter template is text written by a service administrator in the product, so it is treated as untrusted:

- It is compiled by `jinja2.sandbox.ImmutableSandboxedEnvironment` with autoescape on, no loader (no `include`,
  `import` or `extends` of anything), `StrictUndefined` (a name the letter does not have is an error, not a blank),
  and only the plain data the letter is given: strings, numbers, lists and dicts built by the product, never a model
  instance, so the ORM and settings are out of reach. Attributes starting with an underscore (`__class__`,
  `__subclasses__`, ...) raise `SecurityError`, as do `str.format` tricks; the sandbox refuses to change lists.
- The template's own text is escaped as well as the values put into it (`_EscapeTemplateText`), the `safe` filter
  and the `autoescape` tag are taken away, so a template can never write markup: the letter's layout (paragraphs,
  headings, bullet lists) comes from plain-text conventions turned into HTML here (`text_to_html`).
- Repetition that would make a huge letter (`"x" * 10**9`, `2 ** 10**9`) and over-long output are refused.
- WeasyPrint is given a URL fetcher that fetches nothing (no files, no network).

Plain text conventions, for administrators: a blank line starts a new paragraph; a line starting with "# " is a
heading; lines starting with "- " are a bulleted list.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

TEMPLATE_SYNTAX = "The template has a mistake on line {line}: {message}"
TEMPLATE_NOT_ALLOWED = "The template uses something letters are not allowed to use: {message}"
TEMPLATE_UNKNOWN_NAME = "The template uses a name letters do not have: {message}"
TEMPLATE_TAG_NOT_ALLOWED = "Letter templates cannot use the ‘{tag}’ tag"
TEMPLATE_TOO_LONG = "The letter would be too long: make the template shorter"
TEMPLATE_FAILED = "The template could not be used: {message}"

MAX_OUTPUT = 60_000
MAX_REPEAT = 5_000
MAX_RANGE = 1_000
_FORBIDDEN_TAGS = frozenset({"autoescape", "include", "import", "from", "extends", "block"})
_UNSAFE_FILTERS = ("safe", "urlize", "xmlattr", "forceescape")


class LetterTemplateError(Exception):
    """A template that does not compile, or uses something a letter may not; `message` is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _EscapeTemplateText(Extension):
    """Escapes the template's own text (so it cannot write markup) and refuses tags a letter has no use for."""

    def filter_stream(self, stream: TokenStream):
        previous = None
        for token in stream:
            if token.type == "data":
                token = Token(token.lineno, "data", str(escape(token.value)))
            elif token.type == "name" and previous is not None and previous.type == "block_begin" \
                    and token.value in _FORBIDDEN_TAGS:
                raise TemplateSyntaxError(TEMPLATE_TAG_NOT_ALLOWED.format(tag=token.value), token.lineno)
            previous = token
            yield token


class LetterEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with repetition limited: `*` and `**` are intercepted and checked before they run."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 100:
                raise SecurityError("powers above 100 are not allowed")
            return operator.pow(left, right)
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_REPEAT:
                raise SecurityError("repeating text that many times is not allowed")
        return operator.mul(left, right)


def environment() -> LetterEnvironment:
    env = LetterEnvironment(
        autoescape=True, undefined=StrictUndefined, loader=None, extensions=[_EscapeTemplateText],
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    for name in _UNSAFE_FILTERS:
        env.filters.pop(name, None)
    # Only what a letter needs; the default globals' lipsum, cycler and joiner are of no use in a letter.
    env.globals = {"range": _short_range, "namespace": env.globals["namespace"]}
    return env


def _short_range(*args: int) -> range:
    """`range`, at most MAX_RANGE long (the sandbox's own limit is 100,000)."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"a range of more than {MAX_RANGE} numbers is not allowed")
    return numbers


_ENV = environment()


def _describe(error: Exception) -> str:
    if isinstance(error, TemplateSyntaxError):
        return TEMPLATE_SYNTAX.format(line=error.lineno or 1, message=error.message or "")
    if isinstance(error, SecurityError):
        return TEMPLATE_NOT_ALLOWED.format(message=str(error))
    if isinstance(error, UndefinedError):
        return TEMPLATE_UNKNOWN_NAME.format(message=str(error))
    return TEMPLATE_FAILED.format(message=str(error))


def compile_template(source: str):
    """Compile a template, or raise LetterTemplateError with the message to show."""
    try:
        return _ENV.from_string(source or "")
    except TemplateError as error:
        raise LetterTemplateError(_describe(error)) from error


def render_text(source: str, data: dict[str, Any]) -> Markup:
    """Render a template with the data: escaped text (Markup) with no tags in it."""
    template = compile_template(source)
    try:
        rendered = template.render(**data)
    except TemplateError as error:
        raise LetterTemplateError(_describe(error)) from error
    except (ArithmeticError, TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError,
            MemoryError, RecursionError) as error:
        raise LetterTemplateError(TEMPLATE_FAILED.format(message=str(error) or type(error).__name__)) from error
    if len(rendered) > MAX_OUTPUT:
        raise LetterTemplateError(TEMPLATE_TOO_LONG)
    if "<" in rendered:
        # Everything is escaped, so a "<" means escaping was got round: refuse rather than publish markup.
        raise LetterTemplateError(TEMPLATE_NOT_ALLOWED.format(message="markup in a letter"))
    return Markup(rendered)


_BULLET = re.compile(r"^\s*[-*]\s+")
_HEADING = re.compile(r"^\s*#\s+")


def text_to_html(text: Markup) -> Markup:
    """Escaped plain text to HTML: blank lines part paragraphs, "# " lines are headings, "- " lines are bullets."""
    out: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush():
        if paragraph:
            out.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()
        if bullets:
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in bullets) + "</ul>")
            bullets.clear()

    for line in str(text).replace("\r\n", "\n").split("\n"):
        if not line.strip():
            flush()
        elif _HEADING.match(line):
            flush()
            out.append(f"<h2>{_HEADING.sub('', line).strip()}</h2>")
        elif _BULLET.match(line):
            if paragraph:
                flush()
            bullets.append(_BULLET.sub("", line).strip())
        else:
            if bullets:
                flush()
            paragraph.append(line.strip())
    flush()
    return Markup("\n".join(out))


@dataclass(frozen=True)
class RenderedLetter:
    title: str
    body_html: Markup


def render_letter(*, title: str, body: str, data: dict[str, Any]) -> RenderedLetter:
    """A letter's title (one line of text) and body (HTML built from the escaped text)."""
    rendered_title = " ".join(Markup(render_text(title, data)).unescape().split())
    return RenderedLetter(title=rendered_title, body_html=text_to_html(render_text(body, data)))


def check_template(*, title: str, body: str, samples: list[dict[str, Any]]) -> RenderedLetter:
    """Compile the template and render it with each sample; the first sample's letter is returned (the preview)."""
    first = None
    for sample in samples:
        rendered = render_letter(title=title, body=body, data=sample)
        first = first or rendered
    return first


def pdf_bytes(html: str) -> bytes:
    """The letter's HTML document as PDF. Nothing outside the document is fetched."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    return weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()), base_url=None).write_pdf()
