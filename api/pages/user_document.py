"""Downloading the plan as a document (the same PDF as `GET /plans/{id}/document`, the same
policy cell `download`, logged as a read before it is made), and the user's complaint form."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from api.deps import PlansDep
from api.i18n import N_
from api.pages.common import CsrfForm, PageActor, page_router, render, see_other
from api.pages.plan_actions import posted_data, write_options
from api.pages.user_forms import PLAIN, fields
from api.routes.own import document_response
from application.commands import complaints as cc
from domain.errors import DomainError
from domain.plan import local_date

router = page_router()
Version = Annotated[int | None, Query(ge=1, le=100_000)]
GROUNDS = [
    ("lack_of_user_participation", N_("Jeg har ikke fått være med og bestemme")),
    ("measures_not_delivered", N_("Jeg får ikke hjelpen som står i planen")),
    ("plan_lacks_content", N_("Det mangler noe viktig i planen")),
    ("no_coordinator", N_("Jeg har ikke fått en koordinator")),
]


@router.get("/min-plan/{plan_id:uuid}/dokument")
def my_plan_document(
    plan_id: UUID, plans: PlansDep, actor: PageActor, versjon: Version = None
) -> Response:
    return document_response(plans.plan_for_document(plan_id, actor, versjon), versjon)


@router.get("/planer/{plan_id:uuid}/dokument")
def plan_document(
    plan_id: UUID, plans: PlansDep, actor: PageActor, versjon: Version = None
) -> Response:
    """The coordinator's download: the same document."""
    return document_response(plans.plan_for_document(plan_id, actor, versjon), versjon)


@router.get("/min-plan/{plan_id:uuid}/klage", response_class=HTMLResponse)
def complaint_form(request: Request, plan_id: UUID, actor: PageActor) -> HTMLResponse:
    """The form shows no plan content; sending it is decided by the complaint policy."""
    return _form(request, plan_id, {}, {})


@router.post("/min-plan/{plan_id:uuid}/klage", response_class=HTMLResponse)
def file_complaint(
    request: Request, plan_id: UUID, actor: PageActor, plans: PlansDep, form: CsrfForm
) -> Response:
    data = fields(form)
    try:
        filing = cc.FileComplaint(
            plan_id=plan_id,
            grounds=[data["grounds"]] if data.get("grounds") else [],
            complainants_words=data.get("complainants_words", ""),
            knew_on=data.get("knew_on") or _today(),
            signed=True,
        )
        plans.file_complaint(actor, filing, write_options(request, posted_data(form)))
    except ValidationError as error:
        errors = {str(e["loc"][0]): PLAIN.get(e["type"], PLAIN["missing"]) for e in error.errors()}
        return _form(request, plan_id, errors, data, 422)
    except DomainError as error:
        return _form(request, plan_id, {error.field or "": PLAIN["missing"]}, data, 422)
    return see_other(f"/min-plan/{plan_id}?lagret=klage")


def _form(
    request: Request, plan_id: UUID, errors: dict[str, str], typed: dict[str, str],
    status: int = 200,
) -> HTMLResponse:  # fmt: skip
    context = {"plan_id": plan_id, "errors": errors, "typed": typed, "grounds": GROUNDS,
               "key": uuid4().hex, "today": _today()}  # fmt: skip
    return render(request, "pages/min_plan_klage.html", context, status)


def _today() -> date:
    return local_date(datetime.now(UTC))
