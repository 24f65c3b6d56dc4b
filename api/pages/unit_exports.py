"""CSV exports of the oversight tables, streamed: the figures per unit, the quarter ends, the plans
behind a figure, the caseload and each worklist. Rows come from the same route functions as the
pages (lists a page at a time, by their cursors), through the policy's field-level view, so a
leader's export holds no names and no plan content: those columns are empty."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.pages import worklists
from api.pages.common import SECURITY_HEADERS, PageActor, page_router
from api.pages.unit_figures import Figures, FiguresDep, Question, QuestionDep, quarter_figures
from api.routes import overview
from application.errors import PlanNotFoundError
from domain.plan import OSLO

router = page_router()
SLICE = 500
COUNT_COLUMNS = (
    "reference_date", "known_at", "unit_id", "unit_name", "plans", "virksom", "started",
    "in_active_use", "updated", "suspended", "consent_in_force", "goals_by_user", "goals",
    "revisions_on_time", "meetings_with_user", "meetings", "goals_by_user_self",
)  # fmt: skip
VERDICT_COLUMNS = (
    "plan_id", "unit_id", "unit_name", "virksom", "status", "started", "in_active_use",
    "updated", "reasons", "last_activity_on", "updated_on", "next_revision_on",
)  # fmt: skip


def csv_stream(
    name: str, header: Iterable[str], rows: Iterable[Iterable[Any]]
) -> StreamingResponse:
    def chunks() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            if buffer.tell() > 8192:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    headers = SECURITY_HEADERS | {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/oversikt/eksport/tall.csv")
def export_counts(actor: PageActor, figures: FiguresDep, asked: QuestionDep) -> StreamingResponse:
    answer = figures.counts(asked)
    rows = (
        [answer.reference_date, answer.known_at.isoformat(), g.unit_id, g.unit_name, g.plans,
         g.virksom, *g.passed.values(), g.suspended, g.quality.consent_in_force.numerator,
         g.quality.goals_by_user.numerator, g.quality.goals_by_user.denominator,
         g.quality.revisions_on_time.numerator, g.quality.meetings_with_user.numerator,
         g.quality.meetings_with_user.denominator, g.quality.goals_by_user_self.numerator]
        for g in [*answer.units, answer.total]
    )  # fmt: skip
    return csv_stream(f"virksomme-planer-{answer.reference_date}.csv", COUNT_COLUMNS, rows)


@router.get("/oversikt/eksport/kvartaler.csv")
def export_quarters(actor: PageActor, figures: FiguresDep, asked: QuestionDep) -> StreamingResponse:
    quarters = quarter_figures(figures, asked, datetime.now(OSLO).date())
    rows = (
        [day, unit, quarters.units[unit], quarters.cells[unit][i].plans,
         quarters.cells[unit][i].virksom]
        for i, day in enumerate(quarters.dates)
        for unit in quarters.units
    )  # fmt: skip
    header = ("quarter_end", "unit_id", "unit_name", "plans", "virksom")
    return csv_stream("virksomme-planer-kvartaler.csv", header, rows)


@router.get("/oversikt/eksport/planer.csv")
def export_verdicts(actor: PageActor, figures: FiguresDep, asked: QuestionDep) -> StreamingResponse:
    return csv_stream(
        "virksomme-planer-planene.csv", VERDICT_COLUMNS, _verdict_rows(figures, asked)
    )


def _verdict_rows(figures: Figures, asked: Question) -> Iterator[list[Any]]:
    """The first page is asked at once, so the policy decides before the response starts."""
    page = figures.verdicts(asked, None, SLICE)
    return _verdicts_from(figures, asked, page)


def _verdicts_from(figures: Figures, asked: Question, page: Any) -> Iterator[list[Any]]:
    while True:
        for v in page.items:
            passed = {c.code: c.passed for c in v.criteria}
            reasons = "; ".join(r.code for c in v.criteria for r in c.reasons)
            yield [v.plan_id, v.unit_id, v.unit_name, v.virksom, v.status.code if v.status else "",
                   passed.get("started"), passed.get("in_active_use"), passed.get("updated"),
                   reasons, v.last_activity_on, v.updated_on, v.next_revision_on]  # fmt: skip
        if not page.next_cursor:
            return
        page = figures.verdicts(asked, page.next_cursor, SLICE)


@router.get("/oversikt/eksport/saksmengde.csv")
def export_caseload(
    actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> StreamingResponse:
    rows = overview.caseload(actor, plans, reads, fresh)
    header = ("coordinator_id", "coordinator_name", "plans", "overdue_evaluations")
    lines = ([r.coordinator_id, r.coordinator_name, r.plans, r.overdue_evaluations] for r in rows)
    return csv_stream("saksmengde.csv", header, lines)


@router.get("/oversikt/eksport/{slug}.csv")
def export_worklist(
    request: Request, slug: str, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> StreamingResponse:
    page = worklists.LISTS.get(slug)
    if page is None:
        raise PlanNotFoundError(f"no worklist {slug}")
    keys = ["plan_id", *(column.key for column in page.columns)]

    def read(cursor: str | None) -> Any:
        return page.read(overview.Worklist(actor, plans, reads, fresh, cursor, SLICE))

    first = read(None)  # the policy decides before the response starts (a refusal is a 403)

    def rows() -> Iterator[list[Any]]:
        found = first
        while True:
            for item in found.items:
                data = item.model_dump()
                yield [data.get(key) for key in keys]
            if not found.next_cursor:
                return
            found = read(found.next_cursor)

    return csv_stream(f"{slug}.csv", keys, rows())
