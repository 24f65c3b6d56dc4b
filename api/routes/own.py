"""The user's, the representative's and the participants' own part of the plan (issue 10), and
the plan as a document to keep. The policy decides who may send each (docs/access.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from api import plan_document
from api.deps import CurrentActor, PlansDep, Purpose, Write
from api.openapi_parts import success
from api.schemas import WriteResultOut
from application import commands as c
from domain.plan import Plan

router = APIRouter(prefix="/plans/{plan_id}", tags=["own-part"])


@router.post(
    "/what-matters",
    operation_id="writeWhatMatters",
    status_code=201,
    summary="The user writes what matters to them, in their own words",
)
def write_what_matters(plan_id: UUID, command: c.WriteWhatMatters, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/own-goals",
    operation_id="addOwnGoal",
    status_code=201,
    summary="The user writes a goal of their own (formulated by them, agreed)",
)
def add_own_goal(plan_id: UUID, command: c.AddOwnGoal, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/goals/{goal_id}/answers",
    operation_id="answerGoal",
    summary="The user agrees or disagrees with a goal, with a comment",
)
def answer_goal(plan_id: UUID, goal_id: str, command: c.AnswerGoal, write: Write) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"goal_id": goal_id}))


@router.post(
    "/evaluations/{evaluation_id}/user-views",
    operation_id="addEvaluationView",
    summary="The user adds their own view to an evaluation, and whether they took part",
)
def add_evaluation_view(
    plan_id: UUID, evaluation_id: str, command: c.AddEvaluationView, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"evaluation_id": evaluation_id}))


@router.post(
    "/consents/{consent_id}/limit",
    operation_id="limitConsent",
    summary="Limit a consent in time (it runs out after valid_until)",
)
def limit_consent(
    plan_id: UUID, consent_id: str, command: c.LimitConsent, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"consent_id": consent_id}))


@router.post(
    "/measures/{measure_id}/reports",
    operation_id="reportMeasure",
    summary="The participant responsible reports a measure started, ended or not delivered",
)
def report_measure(
    plan_id: UUID, measure_id: str, command: c.ReportMeasure, write: Write
) -> WriteResultOut:
    """`not_delivered` needs a reason; another service's measure is 403 `not-responsible`."""
    return write(plan_id, command.model_copy(update={"measure_id": measure_id}))


@router.post(
    "/contributions",
    operation_id="recordContribution",
    summary="A participant records their contribution to the plan (point d)",
)
def record_contribution(
    plan_id: UUID, command: c.RecordContribution, write: Write
) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/invitations",
    operation_id="inviteToMeeting",
    status_code=201,
    summary="Invite participants to a meeting",
)
def invite_to_meeting(plan_id: UUID, command: c.InviteToMeeting, write: Write) -> WriteResultOut:
    return write(plan_id, command)


@router.post(
    "/invitations/{invitation_id}/answers",
    operation_id="answerInvitation",
    summary="An invited participant answers a meeting invitation",
)
def answer_invitation(
    plan_id: UUID, invitation_id: str, command: c.AnswerInvitation, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"invitation_id": invitation_id}))


@router.post(
    "/meetings/{meeting_id}/minutes",
    operation_id="addToMinutes",
    summary="A participant who attended a meeting adds to its minutes",
)
def add_to_minutes(
    plan_id: UUID, meeting_id: str, command: c.AddToMinutes, write: Write
) -> WriteResultOut:
    return write(plan_id, command.model_copy(update={"meeting_id": meeting_id}))


@router.get(
    "/document",
    operation_id="getPlanDocument",
    summary="The plan (now, or an agreed version) as a tagged PDF in Norwegian",
    response_class=Response,
    responses=success(
        200,
        "X-Log-Position",
        "X-Content-SHA256",
        content={plan_document.PDF_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        described={
            "X-Log-Position": "The log position the document was made at (absent if unknown): the "
            "same version at the same position gives the same bytes.",
            "X-Content-SHA256": "SHA-256 (hex) of the document's content as shown.",
        },
    ),
)
def get_plan_document(
    plan_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    version: Annotated[int | None, Query(ge=1, le=100_000, description="An agreed version")] = None,
    purpose: Purpose = None,
) -> Response:
    """A read, logged as one before the document is made. The same version at the same log
    position gives the same bytes; `X-Content-SHA256` is the SHA-256 of the content shown."""
    return document_response(plans.plan_for_document(plan_id, actor, version, purpose), version)


def document_response(found: tuple[Plan, int | None, datetime], number: int | None) -> Response:
    """The PDF answer (the coordinator's and the user's download pages use it too)."""
    plan, position, recorded_at = found
    document = plan_document.build(plan, position, recorded_at, number)
    headers = {
        "X-Content-SHA256": document.content_sha256,
        "Content-Disposition": f'attachment; filename="{document.filename}"',
    }
    if position is not None:  # the header is an integer or absent, never empty
        headers["X-Log-Position"] = str(position)
    return Response(document.pdf, media_type=plan_document.PDF_MEDIA_TYPE, headers=headers)
