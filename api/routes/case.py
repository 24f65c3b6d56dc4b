"""The case: information, the user's refusal, the decision, consent, suspension, closing."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from api.deps import Write
from api.schemas import WriteResultOut
from application import commands as c

router = APIRouter(prefix="/plans/{plan_id}", tags=["case"])


@router.post(
    "/user-information",
    operation_id="informUser",
    summary="Record that the user was informed of a right",
)
def inform_user(plan_id: UUID, command: c.InformUser, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/user-declination",
    operation_id="recordUserDeclined",
    summary="Record that the user declines a plan (reason)",
)
def record_user_declined(
    plan_id: UUID, command: c.RecordUserDeclined, write: Write
) -> WriteResultOut:
    """The right to a coordinator still holds (pbrl § 2-5 b)."""
    return write(plan_id, command)


@router.post(
    "/decision", operation_id="decidePlan", summary="Record the decision: granted or refused"
)
def decide(plan_id: UUID, command: c.Decide, write: Write) -> WriteResultOut:
    """A refusal needs a reason and must have informed the user of the right to complain."""
    return write(plan_id, command)


@router.post(
    "/consents",
    operation_id="giveConsent",
    status_code=201,
    summary="Record consent to the plan or to sharing",
)
def give_consent(plan_id: UUID, command: c.GiveConsent, write: Write) -> WriteResultOut:
    """Scope `plan` opens plan work; scope `sharing` lets one participant see it until a date."""
    return write(plan_id, command)


@router.post(
    "/consents/{consent_id}/withdrawal",
    operation_id="withdrawConsent",
    summary="Withdraw a consent (reason)",
)
def withdraw_consent(
    plan_id: UUID, consent_id: str, command: c.WithdrawConsent, write: Write
) -> WriteResultOut:
    """Takes effect at once; history is kept."""
    return write(plan_id, command.model_copy(update={"consent_id": consent_id}))


@router.post(
    "/suspension",
    operation_id="suspendPlan",
    summary="Suspend the plan (reason), e.g. during an institution stay",
)
def suspend(plan_id: UUID, command: c.Suspend, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post("/resumption", operation_id="resumePlan", summary="Resume a suspended plan")
def resume(plan_id: UUID, command: c.Resume, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post("/closure", operation_id="closePlan", summary="Close the plan (reason)")
def close(plan_id: UUID, command: c.Close, write: Write) -> WriteResultOut:
    """A closed plan accepts only reopening; the person may then get a new plan."""
    return write(plan_id, command)


@router.post("/reopening", operation_id="reopenPlan", summary="Reopen a closed plan (reason)")
def reopen(plan_id: UUID, command: c.Reopen, write: Write) -> WriteResultOut:
    return write(plan_id, command)
