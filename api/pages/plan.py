"""The plan page: the nine points, goals, measures, people, consents, meetings, evaluations and
versions on one page, read through the same query as `GET /plans/{id}` (same policy; the read
is logged before the page is rendered), with a link to every form the actor may use."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.deps import PlansDep
from api.i18n import N_, gettext
from api.pages import plan_text
from api.pages.common import PageActor, page_router, render
from api.pages.plan_forms_work import FORMS
from api.plan_views import plan_out
from application.access import Action
from application.commands import PlanCommand
from application.errors import AccessDeniedError, PlanNotFoundError
from application.service import Planspor
from domain import required_content
from domain.plan import Plan, local_date
from domain.values import Actor

router = page_router()
RECENT = 10
CLOSED_FORMS = {"gjenapne"}  # a closed plan can only be reopened (the domain's rule)
DONE = {key: form.done for key, form in FORMS.items()} | {"ny": N_("Planen er opprettet.")}


@router.get("/planer/{plan_id:uuid}", response_class=HTMLResponse)
def plan_page(
    request: Request,
    plan_id: UUID,
    plans: PlansDep,
    actor: PageActor,
    utfort: str | None = None,
) -> HTMLResponse:
    """The plan now; `utfort` names the form that was just saved, to confirm what happened."""
    plan = plans.get_plan(plan_id, actor)
    done = gettext(DONE.get(utfort or "", ""))
    return render(request, "pages/plan.html", plan_context(plans, actor, plan) | {"done": done})


def plan_context(plans: Planspor, actor: Actor, plan: Plan) -> dict[str, Any]:
    shown = plan_out(plan)
    return {
        "plan": shown,
        "points": nine_points(plan),
        "may": allowed_forms(plans, actor, plan) & (CLOSED_FORMS if plan.closed else set(FORMS)),
        "goal_texts": {g.goal_id: g.text for g in shown.goals},
        "participant_names": {p.participant_id: p.name for p in shown.participants},
        "recent": RECENT,
        "t": plan_text,
    }


def nine_points(plan: Plan) -> list[dict[str, Any]]:
    """Each required point with its text and whether the plan covers it (the same rule as the
    plan list's completeness)."""
    covered = required_content.check(
        required_content.summary(plan),
        has_coordinator=plan.coordinator is not None,
        on=local_date(datetime.now(UTC)),
    )
    return [
        {"code": code, "text": gettext(text), "covered": bool(covered[code])}
        for code, text in required_content.POINTS.items()  # catalogues.INNER
    ]


def allowed_forms(plans: Planspor, actor: Actor, plan: Plan) -> set[str]:
    """The forms whose command the access policy would let this actor run on this plan now.
    The policy decides again when the form is sent; this only hides what would be refused."""
    today = local_date(datetime.now(UTC))
    verdicts: dict[Action, bool] = {}
    allowed = set()
    for key, form in FORMS.items():
        if not issubclass(form.command, PlanCommand):
            continue
        action = form.command.action
        if action not in verdicts:
            verdicts[action] = _may(plans, actor, action, plan, today)
        if verdicts[action] and _may_command(plans, actor, form.command.__name__):
            allowed.add(key)
    return allowed


def _may(plans: Planspor, actor: Actor, action: Action, plan: Plan, today: date) -> bool:
    try:
        plans.policy.on_plan(actor, action, plan, today)
    except (AccessDeniedError, PlanNotFoundError):
        return False
    return True


def _may_command(plans: Planspor, actor: Actor, name: str) -> bool:
    try:
        plans.policy.command(actor, name)
    except AccessDeniedError:
        return False
    return True
