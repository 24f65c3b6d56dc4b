"""A new plan: a request or report of need is received, with its source. The same command as
`POST /plans` (the same policy: the coordinating unit and coordinators, in their own
municipality; one open plan per person), from a form that helps like the plan's other forms."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import uuid4

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.deps import PlansDep
from api.i18n import N_, gettext
from api.pages.common import CsrfForm, PageActor, page_router, render, see_other
from api.pages.plan_actions import first, posted_data, refusal, write_options
from api.pages.plan_form_spec import (
    Field,
    Form,
    FormData,
    FormErrors,
    build,
    shown_values,
    translated,
)
from api.pages.plan_forms import choices
from application import commands as c
from application import errors as app_errors
from domain.errors import DomainError

router = page_router()
NEW_PLAN = Form(
    "ny",
    N_("Registrer en henvendelse"),
    c.OpenPlan,
    (
        Field("subject.name", N_("Brukerens navn"), required=True),
        Field("subject.national_id", N_("Fødselsnummer eller D-nummer"), hint=N_("11 siffer.")),
        Field(
            "subject.person_id",
            N_("Lokal person-id"),
            hint=N_("Hvis brukeren ikke har fødselsnummer."),
        ),
        Field("subject.birth_date", N_("Fødselsdato"), "date"),
        Field(
            "source", N_("Hvem henvendelsen kom fra"), "radios", choices("source"), required=True
        ),
        Field("description", N_("Hva henvendelsen gjelder"), "textarea"),
        Field("responsible_unit.name", N_("Ansvarlig enhet"), required=True),
        Field("responsible_unit.unit_id", N_("Enhetens id"), required=True),
    ),
    N_("Planen er opprettet."),
    when=N_("Dato henvendelsen kom"),
)


@router.get("/planer/ny", response_class=HTMLResponse)
def new_plan_form(request: Request, actor: PageActor) -> HTMLResponse:
    values = {
        "source": "user",
        "responsible_unit.name": actor.unit or gettext("Koordinerende enhet"),
        "responsible_unit.unit_id": f"ke-{actor.municipality}",
    }
    return render(request, "pages/plan_new.html", _context(values, {}, uuid4().hex))


@router.post("/planer/ny", response_class=HTMLResponse)
def open_plan(request: Request, plans: PlansDep, actor: PageActor, posted: CsrfForm) -> Response:
    data = posted_data(posted)
    try:
        command = build(NEW_PLAN, data, fixed={"municipality": actor.municipality})
        assert isinstance(command, c.OpenPlan)
        result = plans.open_plan(actor, command, write_options(request, data))
    except FormErrors as refused:
        return _again(request, data, refused)
    except (DomainError, app_errors.ApplicationError) as error:
        return _again(request, data, refusal(NEW_PLAN, error))
    return see_other(f"/planer/{result.plan_id}?utfort=ny", result)


def _again(request: Request, data: FormData, refused: FormErrors) -> HTMLResponse:
    context = _context(
        shown_values(NEW_PLAN, data), refused.messages, first(data, "idempotency_key")
    )
    return render(request, "pages/plan_new.html", context, refused.status)


def _context(values: Mapping[str, object], errors: dict[str, str], key: str) -> dict[str, object]:
    fields = [(spec, translated(spec.options)) for spec in NEW_PLAN.all_fields()]
    return {"form": NEW_PLAN, "fields": fields, "values": values, "errors": errors, "key": key}
