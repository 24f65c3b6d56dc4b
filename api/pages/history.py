"""The plan's history as a timeline: who, when it happened and when it was recorded, on whose
behalf, why, and each field's old → new value. The same code as `GET /plans/{id}/history`
(the same policy, the read logged first, the same read model), a page at a time."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.history_schemas import HistoryEntryOut
from api.i18n import gettext
from api.pages import history_words, plan_text
from api.pages.common import PageActor, page_router, render
from api.routes.history import history_page as history_entries

router = page_router()
PAGE_SIZE = 50


@router.get("/planer/{plan_id}/historikk", response_class=HTMLResponse)
def history_page(
    request: Request,
    plan_id: UUID,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    actor: PageActor,
    side: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    """`side` is the cursor of the page to show (from the previous page's «Neste side»)."""
    page = history_entries(plan_id, actor, reads, fresh, plans, cursor=side, limit=PAGE_SIZE)
    context = {
        "plan_id": plan_id,
        "entries": [entry(item) for item in page.items],
        "next_page": page.next_cursor,
        "first_page": side is None,
    }
    return render(request, "pages/history.html", context)


def entry(item: HistoryEntryOut) -> dict[str, Any]:
    """One event of the timeline, in words."""
    role = plan_text.word("actor_role", item.actor_role)
    organisation = item.actor_organisation or item.actor_unit or ""
    return {
        "version": item.version,
        "label": gettext(item.label),  # the projection's bokmål label (catalogues.INNER)
        "effective_at": item.effective_at,
        "recorded_at": item.recorded_at,
        "later": (item.recorded_at - item.effective_at).total_seconds() > 3600,
        "who": item.actor_name,
        "role": role,
        "organisation": "" if organisation == role else organisation,
        "on_behalf_of": item.on_behalf_of,
        "channel": plan_text.word("channel", item.channel) if item.channel else "",
        "reason": item.reason,
        "changes": [
            {
                "what": history_words.record_text(change.record),
                "field": history_words.field_text(change.field),
                "old": plan_text.value_text(change.old, change.field),
                "new": plan_text.value_text(change.new, change.field),
            }
            for change in item.changes
        ],
    }
