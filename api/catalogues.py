"""The message catalogues of the pages: extracted from the code, merged into each standard's .po.

`planspor messages` runs `update()`: every text in `babel.cfg`'s files (`_()`, `N_()`,
`ngettext()` in templates and Python) becomes an entry of `api/locale/{nb,nn}/.../messages.po`,
and so does every text of `INNER`: the bokmål texts the inner layers produce and the pages show
(the nine points, the history's labels), which cannot mark themselves (they may not import api);
texts no longer used are dropped; bokmål entries start as the text itself (the ids are bokmål),
nynorsk entries start empty for a translator. `missing()` is what tests/api/test_catalogues.py
asks: an entry without a text in either standard fails the suite.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from api.demo_people import PEOPLE
from api.i18n import LANGUAGES, LOCALE_DIR, Language
from domain.required_content import POINTS
from projections.history import LABELS

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
# Texts made outside the marked code and shown on the pages with gettext: where they are made.
INNER: dict[str, Iterable[str]] = {
    "domain/required_content.py": POINTS.values(),
    "projections/history.py": LABELS.values(),
    "api/demo_people.py": [person.description for person in PEOPLE],
}


def extracted() -> Catalog:
    """Every text the code shows, with where it is used."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    catalog = Catalog(project="Planspor", charset="utf-8", fuzzy=False)
    found = extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for filename, texts in INNER.items():
        for text in texts:
            known = catalog.get(text)
            places = [*(known.locations if known else []), (filename, 0)]
            catalog.add(text, None, places, auto_comments=known.auto_comments if known else ())
    return catalog


def path(language: Language) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


def load(language: Language) -> Catalog:
    with path(language).open("rb") as po:
        return read_po(po, locale=language)


def update() -> dict[Language, int]:
    """Merge the extracted texts into both catalogues; returns the entries still untranslated."""
    untranslated: dict[Language, int] = {}
    for language in LANGUAGES:
        target = path(language)
        catalog = load(language) if target.exists() else _new(language)
        # a fresh extraction each time: Catalog.update adopts the template's Message objects;
        # the header keeps its date, so a run that changes no text changes no line of it
        template = extracted()
        template.creation_date = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        for message in catalog:
            if language == "nb" and message.id and not _has_text(message):
                message.string = message.id
        catalog.fuzzy = False
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as po:
            write_po(po, catalog, width=100, omit_header=False, sort_output=True)
        untranslated[language] = sum(1 for m in catalog if m.id and not _has_text(m))
    return untranslated


def _new(language: Language) -> Catalog:
    return Catalog(
        locale=language,
        project="Planspor",
        copyright_holder="Planspor",
        msgid_bugs_address="",
        language_team=f"Planspor {language}",
        fuzzy=False,
    )


def missing(language: Language) -> list[str]:
    """Texts the code shows that the catalogue has no (or only a fuzzy) text for."""
    catalog = load(language)
    gaps = []
    for message in extracted():
        if not message.id:  # the header
            continue
        entry = catalog.get(message.id, message.context)
        if entry is None or entry.fuzzy or not _has_text(entry):
            gaps.append(_key(message))
    return gaps


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _has_text(message: Message) -> bool:
    if isinstance(message.string, str) or message.string is None:
        return bool(message.string)
    return all(message.string)
