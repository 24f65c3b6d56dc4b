"""The pages' written standards: bokmål (`nb`) and nynorsk (`nn`), from gettext catalogues.

The message ids are the bokmål texts themselves (the source language of the pages), so a template
reads as the page does; `api/locale/<lang>/LC_MESSAGES/messages.po` holds the text shown for
each, complete for both standards (tests/api/test_catalogues.py fails on a missing or empty one).

Which standard a request gets: the person's own choice (the `planspor_sprak` cookie, set by the
language form on every page), else the written standard of their municipality, else bokmål. The
choice lives in a context variable for the request, so templates (`_()`, `ngettext()`) and Python
code (`gettext`) read the same one. Texts defined at import time are marked with `N_()` and
translated where they are shown.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import Environment
from markupsafe import Markup
from starlette.requests import HTTPConnection

Language = Literal["nb", "nn"]
LANGUAGES: Final[tuple[Language, ...]] = ("nb", "nn")
DEFAULT: Final[Language] = "nb"
NAMES: Final[dict[Language, str]] = {"nb": "Bokmål", "nn": "Nynorsk"}
COOKIE: Final = "planspor_sprak"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"

_current: ContextVar[Language] = ContextVar("planspor_language", default=DEFAULT)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a text for the catalogue without translating it now (it is translated where shown)."""
    return message


@cache
def translations(language: Language) -> Translations:
    """The compiled catalogue of one written standard, read from its .po file once."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain="messages")


def current() -> Language:
    return _current.get()


def use(language: Language) -> None:
    """Show the rest of this request (this context) in `language`."""
    _current.set(language)


def gettext(message: str) -> str:
    """The text of `message` in this request's standard (an empty text stays empty: gettext
    would answer the catalogue's header for it)."""
    return translations(_current.get()).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return str(translations(_current.get()).pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).npgettext(context, singular, plural, n)


def template_gettext(message: str, /, **variables: object) -> Markup:
    """`_()` in templates, as jinja2.ext.i18n's newstyle gettext: the text is markup, the values
    are escaped; formatted only when needed (the newstyle wrapper costs several µs a text)."""
    text = Markup(gettext(message))  # noqa: S704 - the catalogue is the code's own text
    return text % variables if variables or "%" in text else text


def template_ngettext(singular: str, plural: str, num: int, /, **variables: object) -> Markup:
    """`ngettext()` in templates: `%(num)d` is the count unless given."""
    text = Markup(ngettext(singular, plural, num))  # noqa: S704 - as template_gettext
    return text % ({"num": num} | variables)


def install(env: Environment) -> None:
    """Give a Jinja2 environment (with the jinja2.ext.i18n extension) this module's `_()`,
    `gettext()` and `ngettext()`, newstyle: `{{ _("Plan for %(name)s", name=x) }}`."""
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext, newstyle=True
    )
    env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)


def parse(value: str | None) -> Language | None:
    return next((language for language in LANGUAGES if language == value), None)


def of_municipality(standards: Mapping[str, str], municipality: str | None) -> Language:
    """The municipality's written standard (the deployment's `written_standards`), else bokmål."""
    return parse(standards.get(municipality or "")) or DEFAULT


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class LanguageMiddleware:
    """Sets the request's written standard from its cookie before any page code runs; for a
    signed-in person without a choice, `api.pages.common.page_actor` then sets their
    municipality's standard (it knows the municipality once the session is read)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        for language in LANGUAGES:  # read at start: a broken catalogue stops the start
            translations(language)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            _current.set(chosen(HTTPConnection(scope)) or DEFAULT)
        await self.app(scope, receive, send)


def chosen(connection: HTTPConnection) -> Language | None:
    """The written standard this browser chose, if any."""
    return parse(connection.cookies.get(COOKIE))
