"""The steps of a complaint from its page: attach the evidence pack, record the review, forward the
case, and (Statsforvalteren) record the decision. Each runs the API's own write path
(`Planspor.attach_evidence`, `complaint_step`) with the form's hidden version as If-Match and its
hidden key as Idempotency-Key; a refused step shows the case again with the rule beside the field,
what was typed kept; a success redirects (303) to the case with a confirmation."""

from __future__ import annotations

from uuid import UUID

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from api.deps import PlansDep
from api.errors import STATUS
from api.i18n import gettext as _
from api.pages.common import CsrfForm, PageActor, page_router, render, see_other
from api.pages.complaint_cases import case_context, load_case
from api.pages.plan_actions import first, posted_data, write_options
from api.pages.plan_text import rule_text
from application import errors as app_errors
from application.commands import complaints as cc
from domain.errors import DomainError

router = page_router()
STEPS: dict[str, type[cc.ComplaintCommand] | type[cc.AttachEvidence]] = {
    "vedlegg": cc.AttachEvidence,
    "vurdering": cc.ReviewComplaint,
    "oversending": cc.ForwardComplaint,
    "avgjorelse": cc.DecideComplaint,
}
FIELDS = ("outcome", "decision_reference", "reason")
REFUSALS = (
    DomainError,
    app_errors.PreconditionFailedError,
    app_errors.ConcurrentWriteError,
    app_errors.IdempotencyKeyReusedError,
    app_errors.AccessDeniedError,
)


@router.post("/klager/{complaint_id}/{step}", response_class=HTMLResponse)
def send_step(
    request: Request,
    complaint_id: UUID,
    step: str,
    actor: PageActor,
    plans: PlansDep,
    posted: CsrfForm,
) -> Response:
    kind = STEPS.get(step)
    if kind is None:
        raise app_errors.ComplaintNotFoundError(f"no step {step}")
    data = posted_data(posted)
    typed = {name: first(data, name) for name in FIELDS if first(data, name)}
    options = write_options(request, data)
    try:
        command = kind.model_validate(typed)
        if isinstance(command, cc.AttachEvidence):
            result = plans.attach_evidence(complaint_id, actor, command, options)
        else:
            result = plans.complaint_step(complaint_id, actor, command, options)
    except ValidationError as refused:
        errors = {
            str(e["loc"][0]) if e["loc"] else step: _invalid(e["type"]) for e in refused.errors()
        }
        return _again(request, actor, plans, complaint_id, step, typed, errors, 422)
    except REFUSALS as error:
        status = next((s for cls, s, _title in STATUS if isinstance(error, cls)), 422)
        text = _stale() if status == 412 else rule_text(error.rule, error.detail)
        field = error.field if error.field in FIELDS else step
        return _again(request, actor, plans, complaint_id, step, typed, {field: text}, status)
    return see_other(f"/klager/{complaint_id}?utfort={step}", result)


def _invalid(kind: str) -> str:
    if kind == "missing":
        return _("Fyll ut dette feltet.")
    return (
        _("Velg et av alternativene.") if kind in ("enum", "literal_error") else _("Ugyldig verdi.")
    )


def _stale() -> str:
    return _("Saken er endret siden du åpnet den. Se hva som er registrert, og prøv igjen.")


def _again(
    request: Request, actor: PageActor, plans: PlansDep, complaint_id: UUID, step: str,
    typed: dict[str, str], errors: dict[str, str], status: int,
) -> HTMLResponse:  # fmt: skip
    loaded = load_case(request, plans, actor, complaint_id)
    if isinstance(loaded, HTMLResponse):
        return loaded
    case, complaint = loaded
    context = case_context(case, complaint, actor) | {
        "errors": errors, "typed": typed, "refused_step": step, "done": None,
    }  # fmt: skip
    return render(request, "pages/complaint_case.html", context, status)
