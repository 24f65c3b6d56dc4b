"""“Mine planer”: the coordinator's landing page. Per plan: the user, status, what of the nine
points is missing, the next revision and what is overdue. Read through the same read-model code
as `GET /plans` and `GET /worklists/overdue-measures` (same access rule, same scope)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import gettext
from api.overview_schemas import PlanSummaryOut
from api.pages.common import PageActor, page_router, render
from api.pages.plan_text import WORDS
from api.pages.since_last_visit import since_last_visit
from api.routes import overview
from application import access
from domain.required_content import POINTS
from domain.values import Actor, PlanStatus, Role

router = page_router()
STATUS = WORDS["status"]  # the plan pages' words for a status
MAX_ROWS = 500
# The roles the policy gives plan lists; others get a welcome page (the list itself still asks).
LISTS = access.GENERAL_MATRIX[access.Action.LIST_PLANS]
OWN_START: dict[str, str] = {Role.USER: "/min-plan", Role.REPRESENTATIVE: "/min-plan",
             Role.SERVICE_PROVIDER: "/deltaker"}  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def my_plans(
    request: Request,
    actor: PageActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    status: Annotated[PlanStatus | Literal[""], Query()] = "",
    missing: Annotated[str | None, Query(pattern="^[a-i]?$")] = None,
    overdue: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    if actor.role in OWN_START:  # the user's, representative's and participant's own pages
        return RedirectResponse(OWN_START[actor.role], 303)  # type: ignore[return-value]
    if actor.role not in LISTS:
        return render(request, "pages/welcome.html", {})
    listed = overview.list_plans(
        actor, plans, reads, fresh, limit=MAX_ROWS, status=status or None, missing=missing or None
    ).items
    rows = _rows(listed, _late_measures(actor, plans, reads, fresh))
    late = [r for r in rows if r["late_measures"] or r["revision_overdue"]]
    rows = late if overdue else late + [r for r in rows if r not in late]  # overdue first
    context = {
        "rows": rows,
        "late_count": len(late),
        "statuses": {code: gettext(text) for code, text in STATUS.items()},
        "points": {code: gettext(text) for code, text in POINTS.items()},  # catalogues.INNER
        "filters": {"status": status or "", "missing": missing or "", "overdue": overdue},
        "truncated": len(listed) >= MAX_ROWS,
    }
    context["since_last_visit"] = since_last_visit(request, reads, actor, listed)
    return render(request, "pages/home.html", context)


def _late_measures(actor: Actor, plans: PlansDep, reads: ReadsDep, fresh: Fresh) -> Counter[str]:
    """Overdue measures per plan, from the worklist (which a user has no access to)."""
    if actor.role == Role.USER:
        return Counter()
    worklist = overview.Worklist(actor, plans, reads, fresh, limit=MAX_ROWS)
    return Counter(str(m.plan_id) for m in overview.overdue_measures(worklist).items)


def _rows(listed: list[PlanSummaryOut], late_measures: Counter[str]) -> list[dict[str, Any]]:
    today = overview._today()  # the same "today" as the worklists
    return [
        {
            "plan": plan,
            "late_measures": late_measures[str(plan.plan_id)],
            "revision_overdue": _overdue(plan.next_revision_on, today, plan.status),
        }
        for plan in listed
    ]


def _overdue(next_revision_on: date | None, today: date, status: str) -> bool:
    open_plan = status not in (PlanStatus.CLOSED, PlanStatus.REFUSED)
    return open_plan and next_revision_on is not None and next_revision_on < today
