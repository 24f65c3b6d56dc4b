"""The figures of the oversight pages: virksomme planer for a reference date (D) as effective now or
as known at an instant (T), and the same per unit over the last 12 quarter ends.

Every figure comes from the route functions of `GET /statistics/virksomme-planer` (`Asked`,
`counts`, `series`, `plans_verdicts`), so the policy (`READ_FIGURES`), the thresholds and the
read model are the API's. The
chart and the table beside it are drawn from one `QuarterFigures`, the answer of one call to
`quarter_figures()`: one request to `GET /statistics/virksomme-planer/series` for all 12 quarter
ends, answered from the precomputed timelines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import Depends, Query, Request

from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import N_
from api.pages.common import PageActor
from api.routes import virksom
from api.virksom_schemas import GroupOut, VirksomCountsOut, VirksomSeriesOut
from api.virksom_verdicts import VirksomPlansOut
from domain.plan import OSLO

QUARTERS = 12
AS_EFFECTIVE, AS_KNOWN = "gjeldende", "kjent"


def last_new_year_eve(today: date) -> date:
    return date(today.year - 1, 12, 31)


def quarter_ends(today: date, count: int = QUARTERS) -> list[date]:
    """The last `count` quarter ends on or before `today`, oldest first."""
    ends: list[date] = []
    year, quarter = today.year, (today.month - 1) // 3 + 1
    while len(ends) < count:
        month = quarter * 3
        end = date(year, month, 31 if month in (3, 12) else 30)
        if end <= today:
            ends.append(end)
        quarter, year = (quarter - 1, year) if quarter > 1 else (4, year - 1)
    return ends[::-1]


@dataclass(frozen=True)
class Question:
    """What the page was asked: D, as effective now or as known at T, and one unit or all.
    A malformed D or T is kept as typed with a rule, and the default is used meanwhile."""

    reference_date: date
    known_at: datetime | None  # None: as effective now (every fact recorded so far)
    unit_id: str | None
    typed: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def view(self) -> str:
        return AS_KNOWN if self.known_at else AS_EFFECTIVE

    def query(self, **more: str) -> dict[str, str]:
        """The question as the query of a link (to the plans, an export, the report)."""
        asked = {"dato": self.reference_date.isoformat(), "syn": self.view}
        if self.known_at:
            asked["kjent"] = self.typed.get("kjent", "")
        if self.unit_id:
            asked["enhet"] = self.unit_id
        return asked | more


def question(
    dato: Annotated[str | None, Query(max_length=20)] = None,
    syn: Annotated[str, Query(max_length=20)] = AS_EFFECTIVE,
    kjent: Annotated[str | None, Query(max_length=30)] = None,
    enhet: Annotated[str | None, Query(max_length=100)] = None,
) -> Question:
    today = datetime.now(OSLO).date()
    errors: dict[str, str] = {}
    day = last_new_year_eve(today)
    if dato:
        try:
            day = date.fromisoformat(dato)
        except ValueError:
            errors["dato"] = N_("Skriv en gyldig dato, for eksempel 31.12.2025.")
    known_at = None
    if syn == AS_KNOWN:
        known_at = _instant(kjent or "")
        if known_at is None:
            errors["kjent"] = N_("Skriv dato og klokkeslett for når tallene skal være kjent.")
    typed = {"dato": dato or day.isoformat(), "syn": syn, "kjent": kjent or ""}
    return Question(day, known_at, enhet or None, typed, errors)


def _instant(typed: str) -> datetime | None:
    """«2026-01-15T12:00» (a datetime-local field) in Oslo time; a date alone is its end."""
    try:
        if "T" in typed:
            return datetime.fromisoformat(typed).replace(tzinfo=OSLO).astimezone(UTC)
        day = date.fromisoformat(typed)
    except ValueError:
        return None
    return datetime.combine(day, time(23, 59, 59), OSLO).astimezone(UTC)


QuestionDep = Annotated[Question, Depends(question)]


class Figures:
    """Asks the figures for the signed-in person, through the API's route functions."""

    def __init__(
        self, request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
    ) -> None:
        self.request, self.actor, self.plans, self.reads, self.fresh = (
            request, actor, plans, reads, fresh,
        )  # fmt: skip

    def asked(self, known_at: datetime | None, unit_id: str | None) -> virksom.Asked:
        return virksom.Asked(
            known_at=known_at, unit_id=unit_id, municipality=None, activity_window_days=None,
            evaluation_interval_days=None, revision_grace_days=None,
        )  # fmt: skip

    def counts(self, asked: Question) -> VirksomCountsOut:
        return self.on(asked.reference_date, asked.known_at, asked.unit_id)

    def on(self, day: date, known_at: datetime | None, unit_id: str | None) -> VirksomCountsOut:
        return virksom.counts(
            self.asked(known_at, unit_id), self.actor, self.plans, self.reads, self.fresh, day
        )

    def series(
        self, days: list[date], known_at: datetime | None, unit_id: str | None
    ) -> VirksomSeriesOut:
        """Every date in one request (the read side answers them together)."""
        dates = ",".join(day.isoformat() for day in days)
        return virksom.series(
            self.asked(known_at, unit_id), self.actor, self.plans, self.reads, self.fresh, dates
        )

    def verdicts(self, asked: Question, cursor: str | None, limit: int) -> VirksomPlansOut:
        """The plans behind the figure for D, each with why it counted or not."""
        return virksom.plans_verdicts(
            self.asked(asked.known_at, asked.unit_id), self.actor, self.plans, self.reads,
            self.fresh, asked.reference_date, cursor, limit,
        )  # fmt: skip


FiguresDep = Annotated[Figures, Depends(Figures)]


@dataclass(frozen=True)
class QuarterFigures:
    """Virksomme planer per unit at each quarter end: `cells[unit_id][i]` is at `dates[i]`."""

    dates: list[date]
    units: dict[str, str]  # unit id -> name, in the order shown
    cells: dict[str, list[GroupOut]]
    total: list[GroupOut]


def quarter_figures(figures: Figures, asked: Question, today: date) -> QuarterFigures:
    """The one call behind the chart and its table (see the module's docstring)."""
    dates = quarter_ends(today)
    answers = figures.series(dates, asked.known_at, asked.unit_id).points
    units: dict[str, str] = {}
    for answer in answers:
        for group in answer.units:
            units.setdefault(group.unit_id or "", group.unit_name or "")
    empty = GroupOut.of(_EMPTY_ROW)
    cells = {
        unit: [next((g for g in a.units if g.unit_id == unit), empty) for a in answers]
        for unit in units
    }
    return QuarterFigures(dates, units, cells, [answer.total for answer in answers])


_EMPTY_ROW: dict[str, object] = {
    "total": False, "unit_id": None, "unit_name": None, "plans": 0, "virksom": 0,
    "started": 0, "in_active_use": 0, "updated": 0, "suspended": 0, "closed": 0, "refused": 0,
    "with_consent": 0, "goals_by_user": 0, "goals_by_user_self": 0, "goals": 0,
    "revisions_on_time": 0, "meetings_with_user": 0, "meetings": 0,
}  # fmt: skip
