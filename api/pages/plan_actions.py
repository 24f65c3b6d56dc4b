"""The plan's forms: `GET /planer/{id}/skjema/{form}` shows one, `POST` runs its command through
`Planspor.execute` — the API's one write path, with the form's hidden version as If-Match and its
hidden key as Idempotency-Key. A refused form is shown again with what was typed and the rule
beside the field; a conflict shows what changed meanwhile; a success redirects (303) to the plan
with a confirmation."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from uuid import UUID, uuid4

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData as PostedForm

from api.deps import PlansDep
from api.errors import STATUS
from api.pages.common import CsrfForm, PageActor, page_router, render, see_other
from api.pages.conflict import about, changes_since
from api.pages.plan_form_spec import (
    Form,
    FormData,
    FormErrors,
    build,
    check_required,
    field_for,
    shown_values,
)
from api.pages.plan_forms_work import FORMS
from api.pages.plan_text import rule_text
from application import errors as app_errors
from application.commands import PlanCommand
from application.service import Planspor, WriteOptions
from domain.errors import DomainError
from domain.plan import Plan
from domain.values import Actor

router = page_router()
UNSIGNED = ("csrf_token", "bekreftet")


@router.get("/planer/{plan_id}/skjema/{key}", response_class=HTMLResponse)
def show_form(
    request: Request,
    plan_id: UUID,
    key: str,
    plans: PlansDep,
    actor: PageActor,
    gjelder: str | None = None,
) -> HTMLResponse:
    """`gjelder` names the goal, measure, consent, participant or version the form is about."""
    form = _form(key)
    plan = plans.get_plan(plan_id, actor)
    values = dict(form.defaults) | (form.prefill(plan, gjelder or "") if form.prefill else {})
    return render(request, "pages/plan_form.html", _context(plan, form, gjelder, values))


@router.post("/planer/{plan_id}/skjema/{key}", response_class=HTMLResponse)
def send_form(
    request: Request, plan_id: UUID, key: str, plans: PlansDep, actor: PageActor, posted: CsrfForm
) -> Response:
    form, data = _form(key), posted_data(posted)
    item = first(data, "gjelder") or None
    try:
        command = build(form, data, item)
        assert isinstance(command, PlanCommand)
        if form.confirm and first(data, "bekreftet") != "ja":
            check_required(form, data)
            return _confirm(request, plans, actor, plan_id, form, item, data)
        result = plans.execute(plan_id, actor, command, write_options(request, data))
    except FormErrors as refused:
        return _again(request, plans, actor, plan_id, form, item, data, refused)
    except app_errors.PreconditionFailedError:
        return _conflict(request, plans, actor, plan_id, form, item, data)
    except (
        DomainError,
        app_errors.ConcurrentWriteError,
        app_errors.IdempotencyKeyReusedError,
    ) as error:
        return _again(request, plans, actor, plan_id, form, item, data, refusal(form, error))
    return see_other(f"/planer/{plan_id}?utfort={key}", result)


def _form(key: str) -> Form:
    if key not in FORMS:
        raise app_errors.PlanNotFoundError(f"no form {key}")
    return FORMS[key]


def posted_data(posted: PostedForm) -> dict[str, list[str]]:
    return {name: [str(v) for v in posted.getlist(name)] for name in posted}


def first(data: FormData, name: str) -> str:
    values = data.get(name) or [""]
    return values[0] if isinstance(values, list) else values


def write_options(request: Request, data: dict[str, list[str]]) -> WriteOptions:
    version = first(data, "version")
    signed = {k: v for k, v in sorted(data.items()) if k not in UNSIGNED}
    fingerprint = hashlib.sha256(
        f"POST {request.url.path}\n{json.dumps(signed, sort_keys=True)}".encode()
    ).hexdigest()
    return WriteOptions(
        expected_version=int(version) if version.isdigit() else None,
        idempotency_key=first(data, "idempotency_key") or None,
        fingerprint=fingerprint,
        request_id=request.state.request_id,
    )


def refusal(form: Form, error: DomainError | app_errors.ApplicationError) -> FormErrors:
    """The domain's own rule, beside the field it names, with the API's status for it."""
    status = next((status for cls, status, _ in STATUS if isinstance(error, cls)), 422)
    return FormErrors({field_for(form, error.field): rule_text(error.rule, error.detail)}, status)


def _context(
    plan: Plan, form: Form, item: str | None, values: Mapping[str, object]
) -> dict[str, object]:
    return {
        "plan_id": plan.id,
        "subject": plan.subject.get("name", ""),
        "form": form,
        "fields": [(spec, spec.choices(plan, item)) for spec in form.all_fields()],
        "item": item,
        "about": about(plan, form.item, item),
        "values": values,
        "errors": {},
        "version": plan.version,
        "idempotency_key": uuid4().hex,
    }


def _again(
    request: Request,
    plans: Planspor,
    actor: Actor,
    plan_id: UUID,
    form: Form,
    item: str | None,
    data: FormData,
    refused: FormErrors,
) -> HTMLResponse:
    context = _context(plans.get_plan(plan_id, actor), form, item, shown_values(form, data))
    context |= {
        "errors": refused.messages,
        "version": first(data, "version"),
        "idempotency_key": first(data, "idempotency_key") or uuid4().hex,
    }
    return render(request, "pages/plan_form.html", context, refused.status)


def _conflict(
    request: Request,
    plans: Planspor,
    actor: Actor,
    plan_id: UUID,
    form: Form,
    item: str | None,
    data: FormData,
) -> HTMLResponse:
    """The plan changed since the form was opened: show the changes, keep the input, and let
    the user send it again against the plan as it is now (a new version and key)."""
    since = int(first(data, "version") or 0)
    context = _context(plans.get_plan(plan_id, actor), form, item, shown_values(form, data))
    context["conflict"] = changes_since(plans, actor, plan_id, since)
    return render(request, "pages/plan_form.html", context, 412)


def _confirm(
    request: Request,
    plans: Planspor,
    actor: Actor,
    plan_id: UUID,
    form: Form,
    item: str | None,
    data: FormData,
) -> HTMLResponse:
    context = _context(plans.get_plan(plan_id, actor), form, item, shown_values(form, data))
    hidden = [(name, value) for name, values in data.items() if name not in UNSIGNED
              for value in (values if isinstance(values, list) else [values])]  # fmt: skip
    context |= {"hidden": hidden, "version": first(data, "version")}
    return render(request, "pages/plan_confirm.html", context)
