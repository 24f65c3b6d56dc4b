"""The complaint handler's pages (the municipality's, then Statsforvalteren's): the complaints with
their deadlines and late flags, a case with the complainant's grounds and own words and every
step, and the participation evidence pack for the period complained about, read on the page (what
is missing, per ground) and printed.

Reads go through `Planspor.get_complaint`, `complaint_list_scope` (as `GET /complaints`) and the
route functions of `GET /complaints` and `/plans/{id}/evidence-pack[/document]`: the policy of
`application/complaint_access.py` decides (a municipal handler reaching another municipality's
case gets «Fant ikke klagen»), and every read is logged with the case as its purpose. Which step
forms a case offers is asked of the same policy (`on_complaint`); the step itself decides again.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from api.complaint_schemas import ComplaintOut
from api.deps import Fresh, PlansDep, ReadsDep
from api.pages.common import SECURITY_HEADERS, PageActor, page_router, render
from api.pages.complaint_words import (
    DECISION_OUTCOMES,
    FLAGS,
    GROUNDS,
    REVIEW_OUTCOMES,
    STATUSES,
    STEP_WORDS,
)
from api.pages.supervisor_audit import purpose_of, with_purpose
from api.routes.complaints import evidence_document, evidence_pack, list_complaints
from application.complaint_access import Step, on_complaint
from application.errors import AccessDeniedError, ComplaintNotFoundError
from application.service import Planspor
from domain.complaint import Complaint, ComplaintStatus
from domain.evidence import FORMAT
from domain.values import Actor, Role

router = page_router()
CSP = "Content-Security-Policy"
# What each step is offered at (the domain decides again when it is sent).
OFFERED_AT: dict[Step, frozenset[str]] = {
    Step.REVIEW: frozenset({ComplaintStatus.RECEIVED}),
    Step.ATTACH_EVIDENCE: frozenset(
        {ComplaintStatus.RECEIVED, ComplaintStatus.REVIEWED, ComplaintStatus.FORWARDED}
    ),
    Step.FORWARD: frozenset({ComplaintStatus.REVIEWED}),
    Step.DECIDE: frozenset({ComplaintStatus.FORWARDED}),
}


def case_purpose(request: Request, actor: Actor, complaint_id: UUID) -> str | None:
    """The purpose a read of the case's plan is logged with: the case itself for a handler (as
    `on_complaint` grants), the session's stated purpose for a supervisor."""
    if actor.role == Role.SUPERVISOR:
        return purpose_of(request)
    return f"complaint {complaint_id}"


@router.get("/klager", response_class=HTMLResponse)
def complaints_page(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh,
    etter: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:  # fmt: skip
    found = with_purpose(
        request,
        lambda p: list_complaints(
            plans, actor, reads, fresh, None, None, None, None, etter, 100, p
        ),
    )
    if isinstance(found, HTMLResponse):
        return found
    context = {"rows": found.items, "next_page": found.next_after, "grounds": GROUNDS,
               "statuses": STATUSES}  # fmt: skip
    return render(request, "pages/complaints.html", context)


def load_case(
    request: Request, planspor: Planspor, actor: Actor, complaint_id: UUID
) -> tuple[ComplaintOut, Complaint] | HTMLResponse:
    """The case (its read logged), or the purpose form for a supervisor who has stated none."""
    found = with_purpose(request, lambda p: planspor.get_complaint(complaint_id, actor, p))
    if isinstance(found, HTMLResponse):
        return found
    complaint, steps = found
    return ComplaintOut.of(complaint, steps), complaint


def offered(actor: Actor, complaint: Complaint) -> set[str]:
    steps = set()
    for step, statuses in OFFERED_AT.items():
        try:
            on_complaint(actor, step, complaint, None)
        except (AccessDeniedError, ComplaintNotFoundError):
            continue
        if complaint.status in statuses:
            steps.add(str(step))
    return steps


def case_context(case: ComplaintOut, complaint: Complaint, actor: Actor) -> dict[str, Any]:
    return {
        "case": case,
        "grounds": GROUNDS,
        "statuses": STATUSES,
        "review_outcomes": REVIEW_OUTCOMES,
        "decision_outcomes": DECISION_OUTCOMES,
        "step_words": STEP_WORDS,
        "offered": offered(actor, complaint),
        "errors": {},
        "typed": {},
        "idempotency_key": str(uuid4()),
    }


@router.get("/klager/{complaint_id}", response_class=HTMLResponse)
def case_page(
    request: Request, complaint_id: UUID, actor: PageActor, plans: PlansDep,
    utfort: Annotated[str | None, Query(max_length=30)] = None,
) -> HTMLResponse:  # fmt: skip
    loaded = load_case(request, plans, actor, complaint_id)
    if isinstance(loaded, HTMLResponse):
        return loaded
    case, complaint = loaded
    context = case_context(case, complaint, actor) | {"done": utfort}
    return render(request, "pages/complaint_case.html", context)


def _period(case: ComplaintOut, fra: str | None, til: str | None) -> tuple[date, date]:
    start = case.period.start if case.period else case.knew_on
    end = case.period.end if case.period else case.knew_on
    try:
        return (date.fromisoformat(fra) if fra else start, date.fromisoformat(til) if til else end)
    except ValueError:
        return start, end


@router.get("/klager/{complaint_id}/dokumentasjon", response_class=HTMLResponse)
def pack_page(
    request: Request, complaint_id: UUID, actor: PageActor, plans: PlansDep,
    fra: Annotated[str | None, Query(max_length=20)] = None,
    til: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:  # fmt: skip
    """The pack built now for the period complained about (or the one chosen)."""
    loaded = load_case(request, plans, actor, complaint_id)
    if isinstance(loaded, HTMLResponse):
        return loaded
    case, complaint = loaded
    start, end = _period(case, fra, til)
    purpose = case_purpose(request, actor, complaint_id)
    pack = evidence_pack(case.plan_id, plans, actor, start, end, None, purpose, FORMAT)
    context = case_context(case, complaint, actor) | {
        "pack": pack, "content": pack.content, "start": start, "end": end,
        "flags": FLAGS, "missing_by_ground": pack.content["by_ground"],
    }  # fmt: skip
    return render(request, "pages/complaint_pack.html", context)


@router.get("/klager/{complaint_id}/dokumentasjon/utskrift", response_class=HTMLResponse)
def pack_print(
    request: Request, complaint_id: UUID, actor: PageActor, plans: PlansDep,
    fra: Annotated[str | None, Query(max_length=20)] = None,
    til: Annotated[str | None, Query(max_length=20)] = None,
    posisjon: Annotated[int | None, Query(ge=1)] = None,
) -> Response:  # fmt: skip
    """The printable document of the pack (the API's own), at the position the page showed."""
    loaded = load_case(request, plans, actor, complaint_id)
    if isinstance(loaded, HTMLResponse):
        return loaded
    case, _ = loaded
    start, end = _period(case, fra, til)
    purpose = case_purpose(request, actor, complaint_id)
    document = evidence_document(case.plan_id, plans, actor, start, end, posisjon, purpose, FORMAT)
    # the document carries its own print styles inline, so not the pages' CSP (it has no script)
    document.headers.update({k: v for k, v in SECURITY_HEADERS.items() if k != CSP})
    return document
