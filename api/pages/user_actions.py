"""The forms of «Min plan»: each POST builds one command of the user's own part and runs it
through `Planspor.execute` (`user_forms.send`). Success: 303 back to the page saying what was
saved. Refused: the page again, what was typed kept, the rule beside the field."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import Request
from fastapi.responses import Response

from api.deps import PlansDep
from api.i18n import N_, gettext
from api.pages.common import CsrfForm, PageActor, page_router, see_other
from api.pages.user_forms import Refused, fields, send
from api.pages.user_plan import show
from application import commands as c
from application.commands import PlanCommand
from application.service import Planspor
from domain.values import Actor, Role

router = page_router()
WITHDRAWN = N_("Brukeren ville ikke dele planen lenger")


@router.post("/min-plan/{plan_id:uuid}/viktig")
def what_matters(
    request: Request, plan_id: UUID, plans: PlansDep, actor: PageActor, form: CsrfForm
) -> Response:
    data = fields(form)
    payload = {"users_words": data.get("users_words", "")}
    return _run(request, plans, actor, plan_id, "viktig", c.WriteWhatMatters, payload, form)


@router.post("/min-plan/{plan_id:uuid}/mal")
def own_goal(
    request: Request, plan_id: UUID, plans: PlansDep, actor: PageActor, form: CsrfForm
) -> Response:
    payload = {"text": fields(form).get("text", "")}
    return _run(request, plans, actor, plan_id, "mal", c.AddOwnGoal, payload, form)


@router.post("/min-plan/{plan_id:uuid}/mal/{goal_id}/svar")
def answer_goal(
    request: Request, plan_id: UUID, goal_id: str, plans: PlansDep, actor: PageActor,
    form: CsrfForm,
) -> Response:  # fmt: skip
    data = fields(form)
    payload = {"goal_id": goal_id, "agreement": data.get("agreement"),
               "comment": data.get("comment", "")}  # fmt: skip
    return _run(request, plans, actor, plan_id, f"svar-{goal_id}", c.AnswerGoal, payload, form,
                saved="svar")  # fmt: skip


@router.post("/min-plan/{plan_id:uuid}/evaluering/{evaluation_id}")
def evaluation_view(
    request: Request, plan_id: UUID, evaluation_id: str, plans: PlansDep, actor: PageActor,
    form: CsrfForm,
) -> Response:  # fmt: skip
    data = fields(form)
    payload = {"evaluation_id": evaluation_id, "users_view": data.get("users_view", ""),
               "took_part": data.get("took_part")}  # fmt: skip
    key = f"syn-{evaluation_id}"
    return _run(request, plans, actor, plan_id, key, c.AddEvaluationView, payload, form, "syn")


@router.post("/min-plan/{plan_id:uuid}/tilgang/{participant_id}/{what}")
def access(
    request: Request, plan_id: UUID, participant_id: str, what: str, plans: PlansDep,
    actor: PageActor, form: CsrfForm,
) -> Response:  # fmt: skip
    """`gi` gives a participant access (optionally until a day), `begrens` limits it in time,
    `stopp` withdraws it: each takes effect on the participant's very next request."""
    data = fields(form)
    command, payload = _access(actor, plans, plan_id, participant_id, what, data)
    key = f"tilgang-{participant_id}"
    return _run(request, plans, actor, plan_id, key, command, payload, form, "tilgang")


def _access(
    actor: Actor, plans: Planspor, plan_id: UUID, participant_id: str, what: str,
    data: dict[str, str],
) -> tuple[type[PlanCommand], dict[str, Any]]:  # fmt: skip
    until = data.get("valid_until") or None
    consent = {"consent_id": data.get("consent_id", "")}
    if what == "begrens":
        return c.LimitConsent, consent | {"valid_until": until}
    if what == "stopp":
        return c.WithdrawConsent, consent | {"reason": gettext(WITHDRAWN)}
    given: dict[str, Any] = {"scope": "sharing", "participant_id": participant_id,
                             "valid_until": until, "given_by": "user"}  # fmt: skip
    if actor.role == Role.REPRESENTATIVE:
        plan = plans.get_plan(plan_id, actor)
        basis = plans.policy.representative_basis_of(actor, plan)
        rep = {"name": actor.name, "basis": basis, "person_id": actor.person_id}
        given |= {"given_by": "representative", "representative": rep}
    return c.GiveConsent, given


def _run(
    request: Request, plans: Planspor, actor: Actor, plan_id: UUID, key: str,
    command: type[PlanCommand], payload: dict[str, Any], form: CsrfForm, saved: str = "",
) -> Response:  # fmt: skip
    if actor.role == Role.REPRESENTATIVE:  # a representative writes on the user's behalf
        payload = payload | {"on_behalf_of": _subject(plans, actor, plan_id)}
    try:
        result = send(request, plans, actor, plan_id, command, payload, form)
    except Refused as refused:
        plan = plans.get_plan(plan_id, actor)
        typed = {f"{key}.{name}": value for name, value in fields(form).items()}
        return show(request, plans, actor, plan, errors={key: refused.messages}, typed=typed,
                    status=refused.status)  # fmt: skip
    return see_other(f"/min-plan/{plan_id}?lagret={saved or key}", result)


def _subject(plans: Planspor, actor: Actor, plan_id: UUID) -> str | None:
    subject = plans.get_plan(plan_id, actor).subject
    return subject.get("person_id") or subject.get("national_id")
