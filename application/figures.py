"""The virksom figures as a use case: who may ask for which municipalities, on which dates.

Pages and the API call `virksom_figures`; the read side (adapters/readmodels/virksom_figures.py)
answers through the `FigureSource` port. A municipality's own staff get their municipality (per
unit); a supervisor names one municipality within reach, or asks for all of them at once
(`national`): Helsetilsynet reaches every municipality, a Statsforvalter the counties of its
office. Each date is answered with the configuration in force on it as known at `known_at`, and
says which configuration that was, so the same question gives the same figure later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from application.access import Action
from application.errors import AccessDeniedError
from domain import offices
from domain.values import Actor, Role

MAX_DATES = 40  # dates in one question (12 quarter ends, with room)


@dataclass(frozen=True)
class FigureQuestion:
    dates: Sequence[date]
    known_at: datetime | None = None  # None: as the read model knows now
    municipality: str | None = None  # a supervisor's choice of one municipality
    national: bool = False  # a supervisor: every municipality within reach
    unit_id: str | None = None
    overrides: dict[str, int | None] = field(default_factory=dict)  # thresholds, this time only


@dataclass(frozen=True)
class Scope:
    """Which municipalities (None: every one), and whether each is reported on its own row."""

    municipalities: Sequence[str] | None
    counties: Sequence[str] | None = None
    by_municipality: bool = False


class FigureSource(Protocol):
    def figures(self, scope: Scope, question: FigureQuestion) -> dict[str, Any]: ...


class Grants(Protocol):
    def grant_search(
        self,
        actor: Actor,
        action: Action,
        what: str,
        purpose: str | None,
        detail: dict[str, Any] | None = None,
        municipality: str | None = None,
    ) -> Any: ...


def virksom_figures(
    grants: Grants, source: FigureSource, actor: Actor, question: FigureQuestion
) -> dict[str, Any]:
    """The figures for each date (totals first), with the scope and configuration they used."""
    grant = grants.grant_search(
        actor, Action.READ_FIGURES, "virksomme planer", None, None, question.municipality
    )
    if not question.national:
        return source.figures(Scope([grant.municipality or actor.municipality]), question)
    if Role(actor.role) != Role.SUPERVISOR:
        raise AccessDeniedError(
            "only supervisors may ask for every municipality at once",
            field="query.national",
            rule="national-figures-supervisors-only",
        )
    counties = offices.county_numbers(actor.office)
    return source.figures(Scope(None, counties, by_municipality=True), question)
