"""Complaints: filed by the user, reviewed and forwarded by the municipality, decided by
Statsforvalteren; the participation evidence pack and the plan as it stood on a date."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import HTMLResponse

from adapters.readmodels import complaints_queries as q
from api.complaint_schemas import (
    ComplaintOut,
    ComplaintPage,
    ComplaintWriteOut,
    EvidencePackOut,
    PlanOnDateOut,
)
from api.deps import CurrentActor, Fresh, Options, PlansDep, Purpose, ReadsDep, write_headers
from api.evidence_document import render
from api.openapi_parts import success
from application.commands import complaints as cc
from application.commands.base import Day
from application.complaints import EvidencePack
from domain.complaint import ComplaintStatus
from domain.evidence import FORMAT, FORMATS, Period
from domain.municipalities import KOMMUNENUMMER_PATTERN

router = APIRouter(tags=["complaints"])
From = Annotated[Day, Query(alias="from", description="First day of the period.")]
To = Annotated[Day, Query(alias="to", description="Last day of the period.")]
Position = Annotated[
    int | None, Query(ge=1, description="Log position to build at (default: the head).")
]
PackFormat = Annotated[
    Literal[FORMATS],  # type: ignore[valid-type]
    Query(
        alias="format",
        description="The pack format to build (default: the newest); a pack attached to a "
        "complaint rebuilds to its recorded hash in its recorded format and position.",
    ),
]


@router.post(
    "/complaints",
    operation_id="fileComplaint",
    responses=success(201, "Location"),
    status_code=201,
    summary="File a complaint about a plan",
)
def file_complaint(
    command: cc.FileComplaint,
    plans: PlansDep,
    actor: CurrentActor,
    options: Options,
    response: Response,
) -> ComplaintWriteOut:
    """By the user or a representative, directly; or registered by the complaint handler from a
    letter. The four-week deadline is computed; a late complaint is flagged, not refused."""
    result = plans.file_complaint(actor, command, options)
    response.headers["Location"] = f"/complaints/{result.plan_id}"
    return ComplaintWriteOut.of(write_headers(response, result))


@router.get(
    "/complaints",
    operation_id="listComplaints",
    summary="Complaints: the handler's worklist, or your own",
)
def list_complaints(
    plans: PlansDep,
    actor: CurrentActor,
    reads: ReadsDep,
    fresh: Fresh,
    status: Annotated[ComplaintStatus | None, Query()] = None,
    plan_id: UUID | None = None,
    late: bool | None = None,
    municipality: Annotated[str | None, Query(pattern=KOMMUNENUMMER_PATTERN)] = None,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    purpose: Purpose = None,
) -> ComplaintPage:
    """The municipality's complaint handler sees its municipality's; Statsforvalteren the
    forwarded ones; a user or representative their own; supervisors any, with a purpose."""
    scope = plans.complaint_list_scope(actor, purpose, municipality)
    statuses = scope.statuses
    if status is not None:
        statuses = tuple(s for s in (statuses or (status,)) if s == status)
    fresh.ensure(reads, "complaints")
    with reads.connection() as conn:
        rows = q.complaints(
            conn,
            municipality=scope.municipality,
            complainant_id=scope.complainant_id,
            statuses=statuses,
            plan_id=str(plan_id) if plan_id else None,
            late=late,
            after=after,
            limit=limit,
            counties=scope.counties,
        )
    return ComplaintPage.of(rows, limit)


@router.get(
    "/complaints/{complaint_id}",
    operation_id="getComplaint",
    responses=success(200, "ETag"),
    summary="A complaint, its deadline and every step",
)
def get_complaint(
    complaint_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    response: Response,
    purpose: Purpose = None,
) -> ComplaintOut:
    """For the complainant, the complaint handlers and supervisors (with a purpose)."""
    complaint, steps = plans.get_complaint(complaint_id, actor, purpose)
    response.headers["ETag"] = f'"{complaint.version}"'
    return ComplaintOut.of(complaint, steps)


class ComplaintWriter:
    """Runs one step of a complaint for the verified actor and shapes the answer."""

    def __init__(
        self, plans: PlansDep, actor: CurrentActor, options: Options, response: Response
    ) -> None:
        self.plans, self.actor, self.options, self.response = plans, actor, options, response

    def __call__(
        self, complaint_id: UUID, command: cc.ComplaintCommand | cc.AttachEvidence
    ) -> ComplaintWriteOut:
        if isinstance(command, cc.AttachEvidence):
            result = self.plans.attach_evidence(complaint_id, self.actor, command, self.options)
        else:
            result = self.plans.complaint_step(complaint_id, self.actor, command, self.options)
        return ComplaintWriteOut.of(write_headers(self.response, result))


ComplaintWrite = Annotated[ComplaintWriter, Depends(ComplaintWriter)]


@router.post(
    "/complaints/{complaint_id}/review",
    operation_id="reviewComplaint",
    summary="The municipality's review",
)
def review(
    complaint_id: UUID, command: cc.ReviewComplaint, write: ComplaintWrite
) -> ComplaintWriteOut:
    """Upheld ends the case; plan changed or maintained leads on to Statsforvalteren."""
    return write(complaint_id, command)


@router.post(
    "/complaints/{complaint_id}/evidence",
    operation_id="attachEvidence",
    summary="Attach an evidence pack",
)
def attach_evidence(
    complaint_id: UUID, command: cc.AttachEvidence, write: ComplaintWrite
) -> ComplaintWriteOut:
    """Builds the participation evidence pack now; the case keeps its position and SHA-256."""
    return write(complaint_id, command)


@router.post(
    "/complaints/{complaint_id}/forwarding",
    operation_id="forwardComplaint",
    summary="Forward to Statsforvalteren",
)
def forward(
    complaint_id: UUID, command: cc.ForwardComplaint, write: ComplaintWrite
) -> ComplaintWriteOut:
    """Only after review, and only with an evidence pack on the case."""
    return write(complaint_id, command)


@router.post(
    "/complaints/{complaint_id}/decision",
    operation_id="decideComplaint",
    summary="Statsforvalteren's decision",
)
def decide(
    complaint_id: UUID, command: cc.DecideComplaint, write: ComplaintWrite
) -> ComplaintWriteOut:
    return write(complaint_id, command)


@router.post(
    "/complaints/{complaint_id}/withdrawal",
    operation_id="withdrawComplaint",
    summary="The complainant withdraws",
)
def withdraw(
    complaint_id: UUID, command: cc.WithdrawComplaint, write: ComplaintWrite
) -> ComplaintWriteOut:
    return write(complaint_id, command)


def _pack(
    plans: PlansDep,
    actor: CurrentActor,
    plan_id: UUID,
    start: date,
    end: date,
    position: int | None,
    purpose: str | None,
    format_name: str,
) -> EvidencePack:
    span = Period(start, end)
    return plans.evidence_pack(plan_id, actor, span, position, purpose, format_name)


@router.get(
    "/plans/{plan_id}/evidence-pack",
    operation_id="getEvidencePack",
    summary="Participation evidence pack (JSON)",
)
def evidence_pack(
    plan_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    start: From,
    end: To,
    position: Position = None,
    purpose: Purpose = None,
    format_name: PackFormat = FORMAT,
) -> EvidencePackOut:
    """Built at a log position (default: now, and `position` says which); the same position,
    period and format give the same SHA-256, however many events came after."""
    pack = _pack(plans, actor, plan_id, start, end, position, purpose, format_name)
    return EvidencePackOut.of(pack)


@router.get(
    "/plans/{plan_id}/evidence-pack/document",
    operation_id="getEvidenceDocument",
    summary="Participation evidence pack as a printable document (Norwegian HTML)",
    response_class=HTMLResponse,
    responses=success(
        200,
        "X-Log-Position",
        "X-Content-SHA256",
        content={"text/html": {"schema": {"type": "string"}}},
    ),
)
def evidence_document(
    plan_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    start: From,
    end: To,
    position: Position = None,
    purpose: Purpose = None,
    format_name: PackFormat = FORMAT,
) -> HTMLResponse:
    pack = _pack(plans, actor, plan_id, start, end, position, purpose, format_name)
    headers = {"X-Content-SHA256": pack.sha256, "X-Log-Position": str(pack.content["position"])}
    return HTMLResponse(render(pack.content, pack.sha256), headers=headers)


@router.get(
    "/plans/{plan_id}/on-date",
    operation_id="getPlanOnDate",
    summary="The plan on a date: as recorded and as effective",
)
def plan_on_date(
    plan_id: UUID,
    plans: PlansDep,
    actor: CurrentActor,
    day: Annotated[Day, Query(alias="date")],
    position: Position = None,
    purpose: Purpose = None,
) -> PlanOnDateOut:
    """`as_recorded`: what the log held by the end of the date. `as_effective`: every fact that
    happened by then, including corrections recorded later. `differences` lists where they part."""
    return PlanOnDateOut.of(plans.plan_on_date(plan_id, actor, day, position, purpose))
