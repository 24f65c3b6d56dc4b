"""The pages' texts come from the bokmål and nynorsk catalogues: none is missing from either, no
template shows a text of its own outside `_()`/`ngettext()`, and a browser's chosen standard is
the one its pages are shown in (nynorsk pages over HTTP: test_pages_in_nynorsk.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jinja2 import Environment

from api import catalogues, i18n
from api.pages import plan_text, templating
from application.errors import ConcurrentWriteError, IdempotencyKeyReusedError
from domain.errors import DomainError


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_text_the_pages_show_has_a_text_in_the_catalogue(language: i18n.Language) -> None:
    assert catalogues.missing(language) == [], (
        f"run `planspor messages` and write the {i18n.NAMES[language]} text of these"
    )


def test_a_text_new_in_the_code_is_missing_until_it_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = catalogues.extracted()
    found.add("En helt ny tekst som ingen har oversatt")
    monkeypatch.setattr(catalogues, "extracted", lambda: found)
    assert catalogues.missing("nn") == ["En helt ny tekst som ingen har oversatt"]


def test_the_nynorsk_catalogue_is_not_a_copy_of_the_bokmal_one() -> None:
    nynorsk = {m.id: m.string for m in catalogues.load("nn") if m.id}
    assert nynorsk["Hopp til hovedinnholdet"] == "Hopp til hovudinnhaldet"


def test_the_standard_a_browser_chooses_is_the_one_its_pages_are_shown_in(
    client: TestClient,
) -> None:
    bokmal = client.get("/login")
    assert 'lang="nb"' in bokmal.text and "Hopp til hovedinnholdet" in bokmal.text
    chosen = client.get("/sprak/nn?neste=/login", follow_redirects=False)
    assert chosen.status_code == 303 and chosen.headers["location"] == "/login"
    nynorsk = client.get("/login")
    assert 'lang="nn"' in nynorsk.text and "Hopp til hovudinnhaldet" in nynorsk.text


def test_choosing_a_standard_never_leads_off_the_site(client: TestClient) -> None:
    answer = client.get("/sprak/nn?neste=//evil.example/", follow_redirects=False)
    assert answer.headers["location"] == "/"
    unknown = client.get("/sprak/se?neste=/login", follow_redirects=False)
    assert "planspor_sprak" not in unknown.headers.get("set-cookie", "")


# --- No text in a template outside the catalogue -------------------------------------------

TEMPLATES = Path(catalogues.ROOT, "api", "templates")
# Words a page may show as they are, in either standard: the brand.
ALLOWED = {"Planspor", "SHA"}
# Attributes a person reads or hears (screen readers read aria-label and title).
SPOKEN = {"aria-label", "title", "placeholder", "alt", "aria-description", "aria-placeholder"}
GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
LETTERS = re.compile(r"[^\W\d_]{2,}")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


class _Text(HTMLParser):
    """The text of an HTML skeleton (the template with its Jinja code taken out) that a person
    reads: element text and spoken attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")
        self.found += [value for name, value in attrs if name in SPOKEN and value]

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.found.append(data)


def literal_texts(source: str, env: Environment) -> list[str]:
    """Words a template shows that do not come from `_()`/`ngettext()`: in its HTML (data
    tokens, read as HTML with each piece of Jinja code a blank) and in Jinja string literals
    that are not the argument of a gettext call (`'Ja' if x else 'Nei'`)."""
    skeleton: list[str] = []
    strings: list[str] = []
    calls: list[int] = []  # paren depth at which each open gettext call started
    depth, previous = 0, ("", "")
    for _, kind, value in env.lex(source):
        if kind == "data":
            skeleton.append(value)
            continue
        skeleton.append(" ")
        if (kind, value) == ("operator", "("):
            depth += 1
            if previous[0] == "name" and previous[1] in GETTEXT:
                calls.append(depth)
        elif (kind, value) == ("operator", ")"):
            if calls and calls[-1] == depth:
                calls.pop()
            depth -= 1
        elif kind == "string" and not calls and _reads_as_text(value):
            strings.append(value[1:-1])
        if kind != "whitespace":
            previous = (kind, value)
    parser = _Text()
    parser.feed("".join(skeleton))
    parser.close()
    return [text.strip() for text in _attributes(parser.found) + strings if _words(text)]


def _attributes(found: list[str]) -> list[str]:
    """Attributes written outside their tag (a macro adding ` aria-invalid="true"`) are not
    text, except the spoken ones' values."""
    texts = []
    for text in found:
        for name, value in ATTRIBUTE.findall(text):
            texts += [value] if name in SPOKEN else []
        texts.append(ATTRIBUTE.sub(" ", text))
    return texts


def _reads_as_text(value: str) -> bool:
    """A Jinja string that reads as words (not a code, a path or a CSS class)."""
    return bool(re.search(r"[A-ZÆØÅ][a-zæøå]|[æøå]|[a-zæøå] [a-zæøå]", value))


def _words(text: str) -> bool:
    words = [w for w in LETTERS.findall(text) if w not in ALLOWED]
    return bool(words)


@pytest.mark.parametrize(
    "template", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html"))
)
def test_no_template_shows_a_text_outside_the_catalogue(template: str) -> None:
    env = templating.templates.env
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert literal_texts(source, env) == [], (
        "wrap these in {{ _('…') }} (or ngettext) and run `planspor messages`"
    )


def test_the_template_check_finds_literal_text_in_html_attributes_and_strings() -> None:
    env = templating.templates.env
    source = (
        '<p>Hei {{ name }}</p><nav aria-label="Hovedmeny"></nav>'
        "{{ 'Ja' if x else 'Nei' }}<a class=\"plan-action\" href=\"/x\">{{ _('Endre') }}</a>"
        "<span>Planspor</span> &nbsp; &ndash; {{ x|join(', ') }}"
    )
    assert literal_texts(source, env) == ["Hei", "Hovedmeny", "Ja", "Nei"]


def test_no_template_hides_the_gettext_function_behind_a_variable_named_underscore() -> None:
    shadowing = re.compile(r"{%-?\s*(?:set|for)\s[^%]*?\b_\b\s*(?:=|,|\bin\b)")
    found = [p.name for p in TEMPLATES.rglob("*.html") if shadowing.search(p.read_text())]
    assert found == []


def shown_text(html: str) -> str:
    """What a person reads or hears on a page: its text and spoken attributes."""
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.found)


def test_a_templates_texts_are_markup_and_its_values_are_escaped() -> None:
    env = templating.templates.env
    page = env.from_string(
        "{{ _('Innlogget som <strong>%(name)s</strong>', name=who) }}|{{ _('50 %%') }}|"
        "{{ ngettext('%(num)d sak', '%(num)d saker', n) }}|{{ _('Logg ut') }}"
    )
    i18n.use("nn")
    try:
        shown = page.render(who="<b>Ola</b>", n=2)
    finally:
        i18n.use("nb")
    assert shown == "Innlogga som <strong>&lt;b&gt;Ola&lt;/b&gt;</strong>|50 %|2 saker|Logg ut"


def test_every_rule_the_domain_can_refuse_with_has_a_text_beside_the_field() -> None:
    def kinds(error: type[DomainError]) -> list[type[DomainError]]:
        return [error, *(k for sub in error.__subclasses__() for k in kinds(sub))]

    rules = {kind.rule for kind in kinds(DomainError)}
    rules |= {ConcurrentWriteError.rule, IdempotencyKeyReusedError.rule}  # forms show these too
    assert sorted(rules - set(plan_text.RULES)) == []
    assert plan_text.rule_text("greater_than") == "Verdien er ikke gyldig."  # a pydantic type
