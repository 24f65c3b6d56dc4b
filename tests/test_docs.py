"""The documentation that is checkable stays true."""

from __future__ import annotations

from pathlib import Path

from api import catalogue
from application.idempotency import IdempotencyRecord
from domain.person_index import PersonPlanIndex
from domain.plan import Plan

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_event_catalogue_matches_the_event_classes() -> None:
    text = (DOCS / "events.md").read_text(encoding="utf-8")
    assert catalogue.render() in text, "docs/events.md is stale: run `planspor events-doc`"


def test_every_event_class_says_what_happened() -> None:
    for aggregate in (Plan, PersonPlanIndex, IdempotencyRecord):
        for event in catalogue.event_classes(aggregate):
            assert catalogue._written_doc(event), f"{event.__qualname__} has no docstring"


def test_the_catalogue_lists_the_plans_whole_life() -> None:
    names = {event.__name__ for event in catalogue.event_classes(Plan)}
    assert len(names) == 43  # 35, and the own part of issue 10
    assert {
        "RequestReceived",
        "ConsentWithdrawn",
        "CoordinatorReplaced",
        "MeasureStatusChanged",
        "EvaluationHeld",
        "VersionDelivered",
        "Suspended",
        "Reopened",
    } <= names


def test_access_matrix_in_the_docs_matches_the_policy() -> None:
    text = (DOCS / "access.md").read_text(encoding="utf-8")
    assert catalogue.render_access() in text, "docs/access.md is stale: run `planspor access-doc`"
