"""The plan resource: open one, read it (now, at a version, as of an instant) and its events."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from fastapi.exceptions import RequestValidationError

from api.deps import CurrentActor, Options, PlansDep, Purpose, written
from api.event_schemas import EventPage
from api.openapi_parts import success
from api.plan_views import event_page_json, plan_json
from api.schemas import PlanOut, WriteResultOut
from application import commands as c
from application.commands.base import Instant

router = APIRouter(prefix="/plans", tags=["plans"])


@router.post(
    "",
    operation_id="openPlan",
    responses=success(201, "Location"),
    status_code=201,
    summary="Open a plan from a request or report of need",
)
def open_plan(
    command: c.OpenPlan, plans: PlansDep, actor: CurrentActor, options: Options, response: Response
) -> WriteResultOut:
    """Opens the case. A person has at most one open plan in a municipality (409 otherwise)."""
    result = plans.open_plan(actor, command, options)
    response.headers["Location"] = f"/plans/{result.plan_id}"
    return written(response, result)


@router.get(
    "/{plan_id}",
    operation_id="getPlan",
    response_model=PlanOut,
    responses=success(200, "ETag"),
    summary="The plan now, at a version, or as recorded at an instant",
)
def get_plan(
    plan_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    as_of: Annotated[Instant | None, Query(description="RFC 3339 instant.")] = None,
    version: Annotated[int | None, Query(ge=1)] = None,
    purpose: Purpose = None,
) -> Response:
    """`as_of` gives the plan as it was recorded at that instant (transaction time)."""
    if as_of is not None and version is not None:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "version"),
                    "type": "exclusive",
                    "msg": "give as_of or version, not both",
                }
            ]
        )
    if as_of is not None:
        plan = plans.plan_as_of(plan_id, actor, as_of, purpose)
    else:
        plan = plans.get_plan(plan_id, actor, version=version, purpose=purpose)
    headers = {"ETag": f'"{plan.version}"'}
    return Response(plan_json(plan), media_type="application/json", headers=headers)


@router.get(
    "/{plan_id}/events",
    operation_id="listPlanEvents",
    response_model=EventPage,
    summary="The plan's events in order: who, when, why",
)
def list_events(
    plan_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    after: Annotated[int, Query(ge=0, description="Version to start after.")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    purpose: Purpose = None,
) -> Response:
    events = plans.plan_events(plan_id, actor, after=after, limit=limit, purpose=purpose)
    next_after = events[-1].originator_version if len(events) == limit else None
    return Response(event_page_json(events, next_after), media_type="application/json")
