"""One place for each reference value: the kommunenummer has one pattern, read by the commands,
the API's query parameters, the token's claim and the domain; every role has its Norwegian
names in one table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain import municipalities
from domain.errors import RuleViolation
from domain.municipalities import KOMMUNENUMMER_PATTERN
from domain.roles import ROLE_ALIASES_NB, ROLES, Role

OPENAPI = json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())


def _municipality_patterns(node: Any, found: list[str]) -> list[str]:
    """Every `pattern` given to something named `municipality` in the API description."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "municipality" and isinstance(value, dict):
                found += _patterns(value)
            _municipality_patterns(value, found)
        if node.get("name") == "municipality" and "schema" in node:
            found += _patterns(node["schema"])
    elif isinstance(node, list):
        for item in node:
            _municipality_patterns(item, found)
    return found


def _patterns(schema: dict[str, Any]) -> list[str]:
    options = schema.get("anyOf", [schema])
    return [option["pattern"] for option in options if "pattern" in option]


def test_every_municipality_in_the_api_has_the_one_pattern() -> None:
    patterns = _municipality_patterns(OPENAPI, [])
    assert len(patterns) >= 5
    assert set(patterns) == {KOMMUNENUMMER_PATTERN}


@pytest.mark.parametrize("value", ["5001", "0301"])
def test_a_kommunenummer_has_four_ascii_digits(value: str) -> None:
    assert municipalities.number(value) == value


ARABIC_INDIC_5001 = "\u0665\u0660\u0660\u0661"


@pytest.mark.parametrize("value", ["501", "50011", "5001\n", ARABIC_INDIC_5001, "50a1", ""])
def test_anything_else_is_refused_naming_the_field(value: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        municipalities.number(value, "claim")
    assert refused.value.field == "claim"


def test_every_role_has_its_norwegian_names_and_login_word() -> None:
    assert set(ROLES) == set(Role)
    assert all(label.nb and label.nn and label.alias for label in ROLES.values())
    assert {label.alias: role for role, label in ROLES.items()} == ROLE_ALIASES_NB
