"""The read side of `application.figures`: the figures from the timelines, per date, with the
configuration each municipality had in force on that date as known at T."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from adapters import configuration
from adapters.readmodels import virksom_timeline_queries as t
from adapters.readmodels.reads import ReadStore
from application.figures import FigureQuestion, Scope
from domain.configuration import DEFAULT_VERSION, Configuration, in_force

MODEL = "virksom"


class TimelineFigures:
    def __init__(self, reads: ReadStore) -> None:
        self.reads = reads

    def figures(self, scope: Scope, question: FigureQuestion) -> dict[str, Any]:
        position = self.reads.position(MODEL)  # before answering: what the answer includes
        with self.reads.connection() as conn:
            ask, labels = _ask(conn, scope, question)
            rows = t.counts(conn, ask)
        for figure in labels["figures"]:
            figure["rows"] = rows[figure["reference_date"]]
        return labels | {"log_position": position}

    def verdicts(
        self,
        municipality: str,
        question: FigureQuestion,
        after: UUID | None,
        limit: int,
        only_unit: str | None = None,
    ) -> dict[str, Any]:
        """A page of the municipality's plans' verdicts on the first date (with `only_unit`, a
        leader's unit claim: that unit's plans alone, `application.access.in_unit`)."""
        position = self.reads.position(MODEL)
        with self.reads.connection() as conn:
            ask, labels = _ask(conn, Scope([municipality]), question)
            ask = replace(ask, only_unit=only_unit)
            rows = t.verdicts(conn, ask, after=after, limit=limit)
        return labels | {"log_position": position, "rows": rows}


def _ask(conn: Any, scope: Scope, question: FigureQuestion) -> tuple[t.Ask, dict[str, Any]]:
    known = question.known_at or datetime.now(UTC)
    defaults = configuration.defaults().overridden(**question.overrides)
    versions = configuration.versions(conn, scope.municipalities)
    configured = {on: _in_force(versions, on, known, question.overrides) for on in question.dates}
    ask = t.Ask(
        municipalities=scope.municipalities,
        dates=question.dates,
        known_at=question.known_at,
        defaults=defaults,
        configured=configured,
        unit_id=question.unit_id,
        by_municipality=scope.by_municipality,
        counties=scope.counties,
    )
    figures = [
        {"reference_date": on, "configurations": [_label(c) for c in configured[on]]}
        for on in question.dates
    ]
    return ask, {"known_at": known, "defaults": asdict(defaults), "figures": figures}


def _in_force(
    versions: list[Configuration], on: Any, known: datetime, overrides: dict[str, int | None]
) -> list[Configuration]:
    """Each municipality's own version in force on `on` (none: it uses the defaults)."""
    chosen = [in_force(versions, m, on, known) for m in sorted({v.municipality for v in versions})]
    return [
        Configuration(c.municipality, c.version, c.effective_from, c.recorded_at,
                      c.thresholds.overridden(**overrides))
        for c in chosen
        if c.version != DEFAULT_VERSION
    ]  # fmt: skip


def _label(c: Configuration) -> dict[str, Any]:
    return c.label() | {"thresholds": asdict(c.thresholds)}
