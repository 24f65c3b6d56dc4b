"""The plan work: meetings, evaluations and agreed versions."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from api.deps import Write
from api.schemas import WriteResultOut
from application import commands as c

router = APIRouter(prefix="/plans/{plan_id}", tags=["work"])


@router.post(
    "/meetings",
    operation_id="holdMeeting",
    status_code=201,
    summary="Record a meeting of the responsibility group",
)
def hold_meeting(plan_id: UUID, command: c.HoldMeeting, write: Write) -> WriteResultOut:
    """Decisions must refer to goals and measures the plan has."""
    return write(plan_id, command)


@router.post(
    "/evaluations", operation_id="holdEvaluation", status_code=201, summary="Record an evaluation"
)
def hold_evaluation(plan_id: UUID, command: c.HoldEvaluation, write: Write) -> WriteResultOut:
    """Sets the next revision date, which is required."""
    return write(plan_id, command)


@router.post(
    "/versions",
    operation_id="agreeVersion",
    status_code=201,
    summary="Record a plan version agreed with the user",
)
def agree_version(plan_id: UUID, command: c.AgreeVersion, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/versions/{number}/deliveries",
    operation_id="deliverVersion",
    summary="Record to whom a version was delivered",
)
def deliver_version(
    plan_id: UUID, number: Annotated[int, Path(ge=1)], command: c.DeliverVersion, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"number": number}))
