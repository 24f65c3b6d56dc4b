"""A participant's page: the plan as far as their sharing consent reaches (read through
`Planspor.get_plan`: the same policy and read log as `GET /plans/{id}`), the measures they are
responsible for with a form to report on each, their contribution (point d), invitations to
answer and meetings they attended to add to. Another service's measure is refused by the policy
(`not-responsible`), on the form as when it is sent."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import N_
from api.pages import user_words
from api.pages.common import CsrfForm, PageActor, page_router, render, see_other
from api.pages.user_forms import Refused, fields, send
from api.pages.user_start import start_page
from application import commands as c
from application.access import Policy
from application.commands import PlanCommand
from application.errors import AccessDeniedError
from application.service import Planspor
from domain.plan import Plan
from domain.values import Actor

router = page_router()
SAVED = {
    "tiltak": N_("Lagret. Status for tiltaket er oppdatert."),
    "bidrag": N_("Lagret. Bidraget ditt står i planen."),
    "innkalling": N_("Svaret ditt er sendt."),
    "referat": N_("Lagret. Det du skrev står i referatet."),
}


@router.get("/deltaker", response_class=HTMLResponse)
def participant_start(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> HTMLResponse:
    return start_page(request, actor, plans, reads, fresh)


@router.get("/deltaker/{plan_id:uuid}", response_class=HTMLResponse)
def participant_plan(
    request: Request, plan_id: UUID, plans: PlansDep, actor: PageActor, lagret: str = ""
) -> HTMLResponse:
    plan = plans.get_plan(plan_id, actor)
    return _show(request, plans, actor, plan, saved=SAVED.get(lagret))


def _show(request: Request, plans: Planspor, actor: Actor, plan: Plan, status: int = 200,
          **extra: Any) -> HTMLResponse:  # fmt: skip
    me = plans.policy.participant_of(actor, plan)
    mine = [m for m in plan.measures.values() if _responsible(actor, plan, m.measure_id)]
    context = {
        "plan": plan,
        "name": plan.subject.get("name", ""),
        "me": plan.participants[me],
        "mine": mine,
        "others": [m for m in plan.measures.values() if m not in mine],
        "invitations": [i for i in plan.invitations.values() if me in i["participant_ids"]],
        "attended": [
            mt
            for mt in plan.meetings
            if any(a.get("person_id") == actor.person_id for a in mt["attendees"])
        ],
        "participant_id": me,
        "version": plan.version,
        "key": uuid4().hex,
        "words": user_words,
        "errors": {},
        "typed": {},
    } | extra
    return render(request, "pages/deltaker.html", context, status)


def _responsible(actor: Actor, plan: Plan, measure_id: str) -> bool:
    try:
        Policy.responsible_for(actor, plan, measure_id)
    except AccessDeniedError:
        return False
    return True


@router.get("/deltaker/{plan_id:uuid}/tiltak/{measure_id}", response_class=HTMLResponse)
def measure_form(
    request: Request, plan_id: UUID, measure_id: str, plans: PlansDep, actor: PageActor
) -> HTMLResponse:
    """Only for a measure the participant is responsible for: else 403 (`not-responsible`)."""
    plan = plans.get_plan(plan_id, actor)
    Policy.responsible_for(actor, plan, measure_id)
    return _measure_page(request, plan, measure_id, {}, {})


def _measure_page(request: Request, plan: Plan, measure_id: str, errors: dict[str, str],
                  typed: dict[str, str], status: int = 200) -> HTMLResponse:  # fmt: skip
    context = {"plan": plan, "measure": plan.measures[measure_id], "errors": errors,
               "typed": typed, "version": plan.version, "key": uuid4().hex,
               "words": user_words, "reports": user_words.REPORTS}  # fmt: skip
    return render(request, "pages/deltaker_tiltak.html", context, status)


@router.post("/deltaker/{plan_id:uuid}/tiltak/{measure_id}", response_class=HTMLResponse)
def report_measure(
    request: Request, plan_id: UUID, measure_id: str, plans: PlansDep, actor: PageActor,
    form: CsrfForm,
) -> Response:  # fmt: skip
    data = fields(form)
    payload = {"measure_id": measure_id, "report": data.get("report"),
               "reason": data.get("reason") or None}  # fmt: skip
    try:
        result = send(request, plans, actor, plan_id, c.ReportMeasure, payload, form)
    except Refused as refused:
        plan = plans.get_plan(plan_id, actor)
        return _measure_page(request, plan, measure_id, refused.messages, data, refused.status)
    return see_other(f"/deltaker/{plan_id}?lagret=tiltak", result)


@router.post("/deltaker/{plan_id:uuid}/bidrag", response_class=HTMLResponse)
def contribution(
    request: Request, plan_id: UUID, plans: PlansDep, actor: PageActor, form: CsrfForm
) -> Response:
    payload = {"contribution": fields(form).get("contribution", "")}
    return _run(request, plans, actor, plan_id, "bidrag", c.RecordContribution, payload, form)


@router.post("/deltaker/{plan_id:uuid}/innkalling/{invitation_id}", response_class=HTMLResponse)
def answer_invitation(
    request: Request, plan_id: UUID, invitation_id: str, plans: PlansDep, actor: PageActor,
    form: CsrfForm,
) -> Response:  # fmt: skip
    data = fields(form)
    payload = {"invitation_id": invitation_id, "answer": data.get("answer"),
               "comment": data.get("comment", "")}  # fmt: skip
    return _run(request, plans, actor, plan_id, f"innkalling-{invitation_id}",
                c.AnswerInvitation, payload, form, "innkalling")  # fmt: skip


@router.post("/deltaker/{plan_id:uuid}/referat/{meeting_id}", response_class=HTMLResponse)
def add_to_minutes(
    request: Request, plan_id: UUID, meeting_id: str, plans: PlansDep, actor: PageActor,
    form: CsrfForm,
) -> Response:  # fmt: skip
    payload = {"meeting_id": meeting_id, "text": fields(form).get("text", "")}
    return _run(request, plans, actor, plan_id, f"referat-{meeting_id}", c.AddToMinutes,
                payload, form, "referat")  # fmt: skip


def _run(request: Request, plans: Planspor, actor: Actor, plan_id: UUID, key: str,
         command: type[PlanCommand], payload: dict[str, Any], form: CsrfForm,
         saved: str = "") -> Response:  # fmt: skip
    try:
        result = send(request, plans, actor, plan_id, command, payload, form)
    except Refused as refused:
        typed = {f"{key}.{name}": value for name, value in fields(form).items()}
        plan = plans.get_plan(plan_id, actor)
        return _show(request, plans, actor, plan, refused.status,
                     errors={key: refused.messages}, typed=typed)  # fmt: skip
    return see_other(f"/deltaker/{plan_id}?lagret={saved or key}", result)
