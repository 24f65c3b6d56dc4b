"""The supervisor's other reads, each with the session's purpose: the read log searched (and
exported, streamed), a plan's history, and the plan as it stood on a date. The same route
functions as `GET /read-log`, `/plans/{id}/history` and `/plans/{id}/on-date`; without a purpose
the policy refuses and the page asks for one (`supervisor_audit.with_purpose`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import N_
from api.pages import history, history_on_date
from api.pages import reads as read_words
from api.pages.common import SECURITY_HEADERS, PageActor, page_router, render
from api.pages.supervisor_audit import _day, _start, _uuid, purpose_of, with_purpose
from api.routes.complaints import plan_on_date
from api.routes.history import ExportFormat, history_page
from api.routes.read_log import ReadOut, ReadPage, search_reads

router = page_router()
PAGE_SIZE = 50
SLICE = 500


class ReadSearch:
    def __init__(
        self,
        aktor: Annotated[str, Query(max_length=100)] = "",
        plan: Annotated[str, Query(max_length=40)] = "",
        fra: Annotated[str, Query(max_length=20)] = "",
        til: Annotated[str, Query(max_length=20)] = "",
        kommune: Annotated[str, Query(max_length=4)] = "",
    ) -> None:
        self.typed = {"aktor": aktor, "plan": plan, "fra": fra, "til": til, "kommune": kommune}
        self.errors: dict[str, str] = {}
        self.plan_id = _uuid(plan, self.errors)
        self.start = _start(_day(fra, "fra", self.errors))
        self.end = _start(_day(til, "til", self.errors), 1)
        if kommune and not (kommune.isdigit() and len(kommune) == 4):
            self.errors["kommune"] = N_("Kommunenummeret har fire sifre.")
        self.municipality = kommune if kommune and "kommune" not in self.errors else None

    def page(self, ask: Any, purpose: str | None, after: int, limit: int) -> ReadPage:
        actor, plans, reads = ask
        return search_reads(
            actor, plans, reads, actor_id=self.typed["aktor"] or None, plan_id=self.plan_id,
            read_from=self.start, read_to=self.end, municipality=self.municipality,
            after=after, limit=limit, purpose=purpose,
        )  # fmt: skip


SearchDep = Annotated[ReadSearch, Depends(ReadSearch)]


@router.get("/leselogg", response_class=HTMLResponse)
def read_log_page(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep,
    search: SearchDep, etter: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:  # fmt: skip
    """`etter` is the log position the page starts after (from «Neste side»)."""
    found: ReadPage | None = None
    if not search.errors:
        ask = (actor, plans, reads)
        answer = with_purpose(request, lambda p: search.page(ask, p, etter, PAGE_SIZE))
        if isinstance(answer, HTMLResponse):
            return answer
        found = answer
    context = {
        "typed": search.typed,
        "errors": search.errors,
        "purpose": purpose_of(request),
        "reads": [_read(item) for item in found.items] if found else [],
        "next_page": found.next_after if found else None,
        "query": {k: v for k, v in search.typed.items() if v},
        "first_page": etter == 0,
    }
    return render(request, "pages/supervisor_reads.html", context, 422 if search.errors else 200)


def _read(item: ReadOut) -> dict[str, Any]:
    return read_words.shown(item) | {"plan_id": item.plan_id, "actor_id": item.actor_id}


@router.get("/leselogg/eksport", response_model=None)
def read_log_export(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep,
    search: SearchDep, kind: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
) -> Response:  # fmt: skip
    """Streamed a slice at a time by the read log's position; each slice is one logged search."""
    ask = (actor, plans, reads)
    first = with_purpose(request, lambda p: search.page(ask, p, 0, SLICE))
    if isinstance(first, HTMLResponse):
        return first
    purpose = purpose_of(request)

    def items() -> Iterator[ReadOut]:
        page = first
        while True:
            yield from page.items
            if page.next_after is None:
                return
            page = search.page(ask, purpose, page.next_after, SLICE)

    chunks = (
        _csv(items()) if kind == ExportFormat.CSV else (i.model_dump_json() + "\n" for i in items())
    )
    media = "text/csv; charset=utf-8" if kind == ExportFormat.CSV else "application/x-ndjson"
    headers = SECURITY_HEADERS | {
        "Content-Disposition": f'attachment; filename="read-log.{kind.value}"'
    }
    return StreamingResponse(chunks, media_type=media, headers=headers)


def _csv(items: Iterator[ReadOut]) -> Iterator[str]:
    columns = list(ReadOut.model_fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for item in items:
        shown = item.model_dump(mode="json")
        writer.writerow(["" if shown[c] is None else shown[c] for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@router.get("/tilsyn/planer/{plan_id}/historikk", response_class=HTMLResponse)
def plan_history_page(
    request: Request, plan_id: UUID, actor: PageActor, plans: PlansDep, reads: ReadsDep,
    fresh: Fresh, side: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:  # fmt: skip
    page = with_purpose(
        request,
        lambda p: history_page(
            plan_id, actor, reads, fresh, plans, cursor=side, limit=PAGE_SIZE, purpose=p
        ),
    )
    if isinstance(page, HTMLResponse):
        return page
    context = {
        "plan_id": plan_id,
        "purpose": purpose_of(request),
        "entries": [history.entry(item) for item in page.items],
        "next_page": page.next_cursor,
        "first_page": side is None,
    }
    return render(request, "pages/supervisor_history.html", context)


@router.get("/tilsyn/planer/{plan_id}/pa-dato", response_class=HTMLResponse)
def plan_on_date_page(
    request: Request, plan_id: UUID, actor: PageActor, plans: PlansDep,
    dato: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:  # fmt: skip
    context: dict[str, Any] = {"plan_id": plan_id, "dato": dato or "", "error": None,
                               "purpose": purpose_of(request)}  # fmt: skip
    if not dato:
        return render(request, "pages/supervisor_on_date.html", context)
    try:
        day = date.fromisoformat(dato)
    except ValueError:
        context["error"] = N_("Skriv en gyldig dato, for eksempel 31.12.2025.")
        return render(request, "pages/supervisor_on_date.html", context, 422)
    view = with_purpose(request, lambda p: plan_on_date(plan_id, plans, actor, day, None, p))
    if isinstance(view, HTMLResponse):
        return view
    return render(request, "pages/supervisor_on_date.html", context | history_on_date.shown(view))
