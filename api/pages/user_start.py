"""Where the user, a representative and a participant land: the plans they may open, through
the same code as `GET /plans` (the same policy and read model: the user's own plans, and the
plans a representative or participant is recorded on). The policy decides again, on the plan
itself, when one is opened."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.pages.common import PageActor, page_router, render
from api.routes import overview
from domain.values import Role

router = page_router()


@router.get("/min-plan", response_class=HTMLResponse)
def start_page(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> HTMLResponse:
    listed = overview.list_plans(actor, plans, reads, fresh, limit=50).items
    base = "/deltaker" if actor.role == Role.SERVICE_PROVIDER else "/min-plan"
    rows = [
        {"href": f"{base}/{p.plan_id}", "name": p.subject_name, "status": p.status,
         "received_at": p.received_at}
        for p in listed
    ]  # fmt: skip
    return render(request, "pages/min_plan_start.html", {"rows": rows})
