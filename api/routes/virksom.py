"""Virksomme planer, the figure authorities count: for any reference date, as known at any instant.

Both endpoints answer the same question — plans in effect on `reference_date` (D), counting only
facts recorded by `known_at` (T) — and say which D, T and thresholds they used, so a figure
reported on 15 January can be asked for again later and come out the same.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError

from adapters.readmodels import virksom_queries as q
from adapters.readmodels.reads import ReadStore
from adapters.settings import Settings
from api import paging
from api.deps import CurrentActor, Fresh, PlansDep, ReadsDep
from api.virksom_schemas import GroupOut, VirksomCountsOut
from api.virksom_verdicts import PlanVerdictOut, VirksomPlansOut
from application.access import Action
from application.commands.base import Day, Instant
from domain.municipalities import KOMMUNENUMMER_PATTERN
from domain.plan import OSLO

router = APIRouter(prefix="/statistics/virksomme-planer", tags=["statistics"])
MODEL = "virksom"
Days = Query(ge=0, le=3650, description="Overrides the configured default.")


class Asked:
    """The question's parameters: D, T, thresholds (defaults from Settings) and an optional unit."""

    def __init__(
        self,
        request: Request,
        actor: CurrentActor,
        plans: PlansDep,
        reference_date: Annotated[
            Day | None, Query(description="D (YYYY-MM-DD, Europe/Oslo); default today.")
        ] = None,
        known_at: Annotated[
            Instant | None, Query(description="T (RFC 3339); default and at most now.")
        ] = None,
        unit_id: Annotated[str | None, Query(max_length=100)] = None,
        municipality: Annotated[
            str | None,
            Query(
                pattern=KOMMUNENUMMER_PATTERN, description="Supervisors: the municipality to count."
            ),
        ] = None,
        activity_window_days: Annotated[int | None, Days] = None,
        evaluation_interval_days: Annotated[int | None, Days] = None,
        revision_grace_days: Annotated[int | None, Days] = None,
    ) -> None:
        grant = plans.grant_search(
            actor, Action.READ_FIGURES, "virksomme planer", None, None, municipality
        )
        self.view = grant.view  # what of each plan's row the caller may see
        settings: Settings = request.app.state.settings
        now = datetime.now(UTC)
        thresholds = q.Thresholds(
            activity_window_days=_or(activity_window_days, settings.virksom_activity_window_days),
            evaluation_interval_days=_or(
                evaluation_interval_days, settings.virksom_evaluation_interval_days
            ),
            revision_grace_days=_or(revision_grace_days, settings.virksom_revision_grace_days),
        )
        self.question = q.Question(
            municipality=grant.municipality or actor.municipality,
            reference_date=reference_date or now.astimezone(OSLO).date(),
            known_at=min(known_at, now) if known_at else now,  # a later T could still change
            thresholds=thresholds,
            unit_id=unit_id,
        )

    def labels(self, reads: ReadStore) -> dict[str, object]:
        """What was asked, and how far the read model had come before answering."""
        question = self.question
        return {
            "log_position": reads.position(MODEL),
            "reference_date": question.reference_date,
            "known_at": question.known_at,
            "thresholds": asdict(question.thresholds),
            "municipality": question.municipality,
        }


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _after(cursor: str | None) -> UUID | None:
    values = paging.decode(cursor)
    if values is None:
        return None
    try:
        return UUID(str(values[0]))
    except (ValueError, IndexError):
        raise RequestValidationError(
            [{"loc": ("query", "cursor"), "type": "cursor", "msg": "not a cursor from this API"}]
        ) from None


AskedDep = Annotated[Asked, Depends(Asked)]


@router.get(
    "",
    operation_id="countVirksommePlaner",
    summary="Virksomme planer per municipality and unit, with quality figures",
)
def counts(asked: AskedDep, reads: ReadsDep, fresh: Fresh) -> VirksomCountsOut:
    """Counts for the actor's municipality: the total first, then each unit."""
    fresh.ensure(reads, MODEL)
    labels = asked.labels(reads)
    with reads.connection() as conn:
        rows = q.counts(conn, asked.question)
    groups = [GroupOut.of(row) for row in rows]
    return VirksomCountsOut(**labels, total=groups[0], units=groups[1:])


@router.get(
    "/plans",
    operation_id="listVirksomVerdicts",
    summary="Each plan's verdict: which criterion failed, why, and on what",
)
def plans(
    asked: AskedDep,
    reads: ReadsDep,
    fresh: Fresh,
    cursor: Annotated[str | None, Query(description="From the previous `next_cursor`.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> VirksomPlansOut:
    """Keyset-paged by plan id."""
    after = _after(cursor)
    fresh.ensure(reads, MODEL)
    labels = asked.labels(reads)
    with reads.connection() as conn:
        rows = q.verdicts(conn, asked.question, after=after, limit=limit + 1)
    more = len(rows) > limit
    verdicts = (PlanVerdictOut.of(row).model_dump() for row in rows[:limit])
    items = [PlanVerdictOut.model_validate(asked.view.show(v)) for v in verdicts]
    next_cursor = paging.encode([str(items[-1].plan_id)]) if more else None
    return VirksomPlansOut(**labels, items=items, next_cursor=next_cursor)
