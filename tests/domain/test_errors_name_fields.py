"""Every refusal by a domain rule names the field (or fields) it is about: each `raise` of a
`DomainError` in `domain/` passes `field=`/`fields=`, or raises an error class that names its
fields by default (`default_fields`)."""

from __future__ import annotations

import ast
from pathlib import Path

from domain import errors

DOMAIN = Path(errors.__file__).parent


def domain_error_classes() -> dict[str, type[errors.DomainError]]:
    found: dict[str, type[errors.DomainError]] = {}
    pending: list[type[errors.DomainError]] = [errors.DomainError]
    while pending:
        cls = pending.pop()
        found[cls.__name__] = cls
        pending += cls.__subclasses__()
    return found


def raises_without_a_field() -> list[str]:
    classes = domain_error_classes()
    unnamed = []
    for path in sorted(DOMAIN.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
            if name not in classes:
                continue
            keywords = {k.arg for k in node.exc.keywords}
            if not keywords & {"field", "fields"} and not classes[name].default_fields:
                unnamed.append(f"{path.name}:{node.lineno} {name}")
    return unnamed


def test_every_domain_refusal_names_a_field() -> None:
    assert raises_without_a_field() == []


def test_the_walk_finds_the_domain_errors_it_checks() -> None:
    classes = domain_error_classes()
    assert {"ConsentRequired", "ContentBeforeConsent", "PlanClosed", "GoalNotFound"} <= set(classes)
    assert classes["ConsentRequired"]("no consent").fields == ("consents",)
    assert errors.RuleViolation("x", field="text").fields == ("text",)
