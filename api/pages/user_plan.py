"""«Min plan»: the user's (or their representative's) own plan page, from a phone, in plain
words. Read through `Planspor.get_plan` (the same policy as `GET /plans/{id}`, the read logged
before the page is shown); the forms post to `user_actions.py`. No access rule lives here: the
page asks the policy which forms to offer, and the policy decides again when one is sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.deps import PlansDep
from api.i18n import N_
from api.pages import user_words
from api.pages.common import PageActor, page_router, render, see_other
from application.access import Action
from application.errors import AccessDeniedError, PlanNotFoundError
from application.service import Planspor
from domain.plan import Plan, local_date
from domain.values import Actor, ConsentScope, Role

router = page_router()
OWN_ROLES = (Role.USER, Role.REPRESENTATIVE)


@router.get("/min-plan/{plan_id:uuid}", response_class=HTMLResponse)
def my_plan(request: Request, plan_id: UUID, plans: PlansDep, actor: PageActor,
            lagret: str | None = None) -> HTMLResponse:  # fmt: skip
    if actor.role == Role.SERVICE_PROVIDER:
        return see_other(f"/deltaker/{plan_id}")  # type: ignore[return-value]
    plan = plans.get_plan(plan_id, actor)
    return show(request, plans, actor, plan, saved=lagret)


def show(
    request: Request,
    plans: Planspor,
    actor: Actor,
    plan: Plan,
    *,
    saved: str | None = None,
    errors: dict[str, dict[str, str]] | None = None,
    typed: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = context_of(plans, actor, plan) | {
        "saved": SAVED.get(saved or ""),
        "errors": errors or {},
        "typed": typed or {},
    }
    return render(request, "pages/min_plan.html", context, status)


SAVED = {
    "viktig": N_("Lagret. Det du skrev står nå i planen."),
    "mal": N_("Lagret. Målet ditt står nå i planen."),
    "svar": N_("Lagret. Svaret ditt står ved målet."),
    "syn": N_("Lagret. Det du mener står ved evalueringen."),
    "tilgang": N_("Lagret. Tilgangen er endret med en gang."),
    "klage": N_("Klagen er sendt. Du får svar fra kommunen."),
}


def context_of(plans: Planspor, actor: Actor, plan: Plan) -> dict[str, Any]:
    today = local_date(datetime.now(UTC))
    return {
        "plan": plan,
        "name": plan.subject.get("name", ""),
        "me": actor.role == Role.USER,
        "may_write": _may(plans, actor, Action.WRITE_OWN, plan),
        "may_consent": _may(plans, actor, Action.CONSENT, plan),
        "goals": list(plan.goals.values()),
        "measures": list(plan.measures.values()),
        "evaluations": [e for e in plan.evaluations if e.get("evaluation_id")],
        "sharing": sharing(plan, today),
        "versions": plan.versions,
        "version": plan.version,
        "key": uuid4().hex,
        "words": user_words,
        "today": today,
    }


def sharing(plan: Plan, today: Any) -> list[dict[str, Any]]:
    """Each participant and the consent that lets them see the plan now, if any."""
    rows = []
    for participant_id, participant in plan.participants.items():
        if participant.removed:
            continue
        consents = [
            c
            for c in plan.consents.values()
            if c.scope == ConsentScope.SHARING and c.participant_id == participant_id
        ]
        in_force = next((c for c in consents if c.in_force(today)), None)
        rows.append({"participant": participant, "id": participant_id, "consent": in_force})
    return rows


def _may(plans: Planspor, actor: Actor, action: Action, plan: Plan) -> bool:
    try:
        plans.policy.on_plan(actor, action, plan, local_date(datetime.now(UTC)))
    except (AccessDeniedError, PlanNotFoundError):
        return False
    return True
