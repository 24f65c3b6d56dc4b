"""The plan's content: mapping, goals, resources, needs, measures, period, cooperation."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from api.deps import Write
from api.schemas import WriteResultOut
from application import commands as c

router = APIRouter(prefix="/plans/{plan_id}", tags=["content"])


@router.post(
    "/mappings",
    operation_id="recordMapping",
    status_code=201,
    summary="Record what matters to the user",
)
def record_mapping(plan_id: UUID, command: c.RecordMapping, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/goals", operation_id="addGoal", status_code=201, summary="Add a goal in the user's own words"
)
def add_goal(plan_id: UUID, command: c.AddGoal, write: Write) -> WriteResultOut:
    """A goal the user does not want is refused (422)."""
    return write(plan_id, command)


@router.post(
    "/goals/{goal_id}/revisions",
    operation_id="reviseGoal",
    summary="Revise a goal's wording (reason)",
)
def revise_goal(plan_id: UUID, goal_id: str, command: c.ReviseGoal, write: Write) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"goal_id": goal_id}))


@router.post(
    "/goals/{goal_id}/confirmation", operation_id="confirmGoal", summary="The user agrees to a goal"
)
def confirm_goal(
    plan_id: UUID, goal_id: str, command: c.ConfirmGoal, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"goal_id": goal_id}))


@router.post(
    "/goals/{goal_id}/achievement", operation_id="markGoalAchieved", summary="Mark a goal achieved"
)
def mark_goal_achieved(
    plan_id: UUID, goal_id: str, command: c.MarkGoalAchieved, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"goal_id": goal_id}))


@router.post(
    "/goals/{goal_id}/drop",
    operation_id="dropGoal",
    summary="Drop a goal (reason); it is kept in history",
)
def drop_goal(plan_id: UUID, goal_id: str, command: c.DropGoal, write: Write) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"goal_id": goal_id}))


@router.post(
    "/resources",
    operation_id="recordResource",
    status_code=201,
    summary="Record a resource of the user",
)
def record_resource(plan_id: UUID, command: c.RecordResource, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/needs", operation_id="recordNeed", status_code=201, summary="Record a need for services"
)
def record_need(plan_id: UUID, command: c.RecordNeed, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/measures",
    operation_id="addMeasure",
    status_code=201,
    summary="Add a measure with a responsible service",
)
def add_measure(plan_id: UUID, command: c.AddMeasure, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/measures/{measure_id}/status",
    operation_id="changeMeasureStatus",
    summary="Move a measure along its status path",
)
def change_measure_status(
    plan_id: UUID, measure_id: str, command: c.ChangeMeasureStatus, write: Write
) -> WriteResultOut:
    """wished → applied_for → granted / refused (decision reference) → started → ended."""
    return write(plan_id, command.model_copy(update={"measure_id": measure_id}))


@router.put(
    "/period", operation_id="setPeriod", summary="Set the plan period and the next revision date"
)
def set_period(plan_id: UUID, command: c.SetPeriod, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/cooperation-partners",
    operation_id="recordCooperationPartner",
    summary="Record a service or agency to cooperate with",
)
def record_cooperation_partner(
    plan_id: UUID, command: c.RecordCooperationPartner, write: Write
) -> WriteResultOut:
    return write(plan_id, command)
