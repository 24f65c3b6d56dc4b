"""Virksomme planer, the figure authorities count: for any reference date, as known at any instant.

Every endpoint answers the same question — plans in effect on `reference_date` (D), counting only
facts recorded by `known_at` (T) — from the per-plan timelines, and says which D, T, thresholds
and configuration version it used, so a figure reported on 15 January can be asked for again
later and come out the same. `/series` answers many dates at once (12 quarter ends for a chart);
`/national` answers every municipality within a supervisor's reach, per municipality and in
total, in one request.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.exceptions import RequestValidationError

from adapters.readmodels.virksom_figures import TimelineFigures
from api import paging
from api.deps import CurrentActor, Fresh, PlansDep, ReadsDep
from api.virksom_schemas import (
    ConfigurationOut,
    GroupOut,
    MunicipalityGroupOut,
    SeriesPointOut,
    VirksomCountsOut,
    VirksomSeriesOut,
)
from api.virksom_verdicts import PlanVerdictOut, VirksomPlansOut
from application.access import Action, leader_unit
from application.commands.base import Day, Instant
from application.figures import MAX_DATES, FigureQuestion, virksom_figures
from domain.municipalities import KOMMUNENUMMER_PATTERN
from domain.plan import OSLO

router = APIRouter(prefix="/statistics/virksomme-planer", tags=["statistics"])
MODEL = "virksom"
Days = Query(ge=0, le=3650, description="Overrides the configured value for this request.")
DATES = f"Reference dates, comma-separated (YYYY-MM-DD, Europe/Oslo), 1 to {MAX_DATES}."


class Asked:
    """The question's parameters: T, threshold overrides, an optional unit and municipality."""

    def __init__(
        self,
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
        now = datetime.now(UTC)
        self.known_at = min(known_at, now) if known_at else None  # a later T could still change
        self.unit_id, self.municipality = unit_id, municipality
        self.overrides = {
            "activity_window_days": activity_window_days,
            "evaluation_interval_days": evaluation_interval_days,
            "revision_grace_days": revision_grace_days,
        }

    def question(self, dates: list[date], national: bool = False) -> FigureQuestion:
        return FigureQuestion(
            dates, self.known_at, self.municipality, national, self.unit_id, self.overrides
        )


AskedDep = Annotated[Asked, Depends(Asked)]
ReferenceDate = Annotated[
    Day | None, Query(description="D (YYYY-MM-DD, Europe/Oslo); default today.")
]


def _today() -> date:
    return datetime.now(OSLO).date()


def _dates(dates: str) -> list[date]:
    try:
        days = [date.fromisoformat(part.strip()) for part in dates.split(",") if part.strip()]
    except ValueError:
        days = []
    if not 1 <= len(days) <= MAX_DATES:
        raise RequestValidationError(
            [{"loc": ("query", "dates"), "type": "dates", "msg": DATES, "input": dates}]
        )
    return days


def _configuration(answer: dict[str, Any], index: int = 0) -> ConfigurationOut | None:
    versions = answer["figures"][index]["configurations"]
    return ConfigurationOut.model_validate(versions[0]) if versions else None


@router.get(
    "",
    operation_id="countVirksommePlaner",
    summary="Virksomme planer per municipality and unit, with quality figures",
)
def counts(
    asked: AskedDep,
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    reference_date: ReferenceDate = None,
) -> VirksomCountsOut:
    """Counts for the actor's municipality: the total first, then each unit."""
    fresh.ensure(reads, MODEL)
    question = asked.question([reference_date or _today()])
    answer = virksom_figures(plans, TimelineFigures(reads), actor, question)
    configuration = _configuration(answer)
    groups = [GroupOut.of(row) for row in answer["figures"][0]["rows"]]
    return VirksomCountsOut(
        log_position=answer["log_position"],
        reference_date=question.dates[0],
        known_at=answer["known_at"],
        thresholds=configuration.thresholds if configuration else answer["defaults"],
        municipality=_municipality(plans, actor, asked),
        configuration=configuration,
        total=groups[0],
        units=groups[1:],
    )


def _municipality(plans: PlansDep, actor: CurrentActor, asked: Asked) -> str:
    grant = plans.grant_search(
        actor, Action.READ_FIGURES, "virksomme planer", None, None, asked.municipality
    )
    return str(grant.municipality or actor.municipality)


@router.get(
    "/series",
    operation_id="seriesVirksommePlaner",
    summary="Virksomme planer on many reference dates at once (e.g. 12 quarter ends)",
)
def series(
    asked: AskedDep,
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    dates: Annotated[str, Query(description=DATES, max_length=MAX_DATES * 11)],
) -> VirksomSeriesOut:
    """One municipality (the caller's, or a supervisor's choice): per date, the total and units."""
    question = asked.question(_dates(dates))
    fresh.ensure(reads, MODEL)
    answer = virksom_figures(plans, TimelineFigures(reads), actor, question)
    return _series(answer, _municipality(plans, actor, asked), units=True)


@router.get(
    "/national",
    operation_id="nationalVirksommePlaner",
    summary="Supervisors: every municipality within reach, per municipality and in total",
)
def national(
    asked: AskedDep,
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    dates: Annotated[str, Query(description=DATES, max_length=MAX_DATES * 11)],
) -> VirksomSeriesOut:
    """Helsetilsynet: all municipalities; a Statsforvalter: those of its office's counties."""
    question = asked.question(_dates(dates), national=True)
    fresh.ensure(reads, MODEL)
    answer = virksom_figures(plans, TimelineFigures(reads), actor, question)
    return _series(answer, None, units=False)


def _series(answer: dict[str, Any], municipality: str | None, *, units: bool) -> VirksomSeriesOut:
    points = []
    for figure in answer["figures"]:
        rows = figure["rows"]
        rest = (
            {"units": [GroupOut.of(row) for row in rows[1:]]}
            if units
            else {"municipalities": [_by_municipality(row) for row in rows[1:]]}
        )
        points.append(
            SeriesPointOut(
                reference_date=figure["reference_date"],
                configurations=figure["configurations"],
                total=GroupOut.of(rows[0]),
                **rest,
            )
        )
    return VirksomSeriesOut(
        known_at=answer["known_at"],
        log_position=answer["log_position"],
        municipality=municipality,
        thresholds=answer["defaults"],
        points=points,
    )


def _by_municipality(row: dict[str, Any]) -> MunicipalityGroupOut:
    group = GroupOut.of(row | {"unit_id": None, "unit_name": None})
    return MunicipalityGroupOut(**group.model_dump(), municipality=row["municipality"])


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


@router.get(
    "/plans",
    operation_id="listVirksomVerdicts",
    summary="Each plan's verdict: which criterion failed, why, and on what",
)
def plans_verdicts(
    asked: AskedDep,
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    reference_date: ReferenceDate = None,
    cursor: Annotated[str | None, Query(description="From the previous `next_cursor`.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> VirksomPlansOut:
    """Keyset-paged by plan id."""
    after = _after(cursor)
    fresh.ensure(reads, MODEL)
    grant = plans.grant_search(
        actor, Action.READ_FIGURES, "virksomme planer", None, None, asked.municipality
    )
    municipality = str(grant.municipality or actor.municipality)
    # the rows are a list of plans: a unit leader's is their unit's alone (the policy's
    # `leader_unit`, as for their worklists); a leader whose login names no unit is refused
    only_unit = leader_unit(actor, Action.LIST_PLANS)
    question = asked.question([reference_date or _today()])
    found = TimelineFigures(reads).verdicts(municipality, question, after, limit + 1, only_unit)
    rows = found["rows"]
    more = len(rows) > limit
    verdicts = (PlanVerdictOut.of(row).model_dump() for row in rows[:limit])
    items = [PlanVerdictOut.model_validate(grant.view.show(v)) for v in verdicts]
    configuration = _configuration(found)
    return VirksomPlansOut(
        log_position=found["log_position"],
        reference_date=question.dates[0],
        known_at=found["known_at"],
        thresholds=configuration.thresholds if configuration else found["defaults"],
        municipality=municipality,
        configuration=configuration,
        items=items,
        next_cursor=paging.encode([str(items[-1].plan_id)]) if more else None,
    )
