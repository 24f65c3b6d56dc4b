"""The people: coordinating responsibility, coordinator, deputy and participants."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from api.deps import Write
from api.schemas import WriteResultOut
from application import commands as c

router = APIRouter(prefix="/plans/{plan_id}", tags=["people"])


@router.put(
    "/coordinator-unit",
    operation_id="assignCoordinatorResponsibility",
    summary="Give a unit the responsibility to find a coordinator",
)
def assign_coordinator_responsibility(
    plan_id: UUID, command: c.AssignCoordinatorResponsibility, write: Write
) -> WriteResultOut:
    return write(plan_id, command)


@router.post("/coordinator", operation_id="appointCoordinator", summary="Appoint the coordinator")
def appoint_coordinator(
    plan_id: UUID, command: c.AppointCoordinator, write: Write
) -> WriteResultOut:
    """Allowed without consent to the plan: the right to a coordinator stands on its own."""
    return write(plan_id, command)


@router.post(
    "/coordinator/replacement",
    operation_id="replaceCoordinator",
    summary="Replace the coordinator, with a handover",
)
def replace_coordinator(
    plan_id: UUID, command: c.ReplaceCoordinator, write: Write
) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/coordinator/withdrawal",
    operation_id="recordCoordinatorWithdrew",
    summary="The coordinator withdraws (reason)",
)
def record_coordinator_withdrew(
    plan_id: UUID, command: c.RecordCoordinatorWithdrew, write: Write
) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/coordinator/declinations",
    operation_id="recordCoordinatorDeclined",
    summary="A person asked to coordinate declined",
)
def record_coordinator_declined(
    plan_id: UUID, command: c.RecordCoordinatorDeclined, write: Write
) -> WriteResultOut:
    return write(plan_id, command)


@router.put(
    "/deputy",
    operation_id="appointDeputy",
    summary="Appoint the coordinator's deputy (stedfortreder)",
)
def appoint_deputy(plan_id: UUID, command: c.AppointDeputy, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post("/deputy/removal", operation_id="removeDeputy", summary="Remove the deputy (reason)")
def remove_deputy(plan_id: UUID, command: c.RemoveDeputy, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/participants", operation_id="addParticipant", status_code=201, summary="Add a participant"
)
def add_participant(plan_id: UUID, command: c.AddParticipant, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/participants/{participant_id}/removal",
    operation_id="removeParticipant",
    summary="Remove a participant (reason)",
)
def remove_participant(
    plan_id: UUID, participant_id: str, command: c.RemoveParticipant, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"participant_id": participant_id}))
