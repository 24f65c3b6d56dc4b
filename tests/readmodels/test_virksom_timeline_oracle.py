"""The timelines answer every (D, T) as the set-based query over the facts does (the oracle).

Hypothesis generates plans' fact histories — effective dates in any order relative to recording
order, so many facts are backdated corrections — and the thresholds. The model's own timeline
code (`virksom_timeline.revise`) turns them into rows as the projection would, settling the
running sums at batch ends drawn as well (`virksom_sums.settle`); then, for reference
dates around every fact and known-at instants between every recording, both queries judge every
plan and must agree on each verdict, each deciding fact and each count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from adapters.readmodels import virksom_queries as q
from adapters.readmodels import virksom_timeline_queries as t
from adapters.readmodels.virksom_tables import VIRKSOM_TABLES
from domain.configuration import DEFAULTS, Thresholds
from domain.plan import OSLO
from projections import virksom_kinds as k
from projections import virksom_sums, virksom_timeline
from projections.base import Batch
from projections.virksom import VirksomModel

START = date(2025, 1, 1)
RECORDED = datetime(2025, 6, 1, tzinfo=UTC)
COMPARED = (
    "virksom", "counted", "started", "updated", "closed", "suspended", "refused",
    "has_coordinator", "has_consent", "has_work", "in_active_use", "updated_in_time",
    "revision_on_time", "coordinator", "coordinator_position", "decision_position",
    "suspension_position", "closing_position", "work_position", "activity_position",
    "update_position", "revision_position", "consent_position", "consent_withdrawn_position",
    "consent_expired_position", "last_activity_on", "updated_on", "next_revision_on",
    "goals", "goals_by_user", "goals_by_user_self",
)  # fmt: skip
PLAIN: tuple[str, ...] = (k.GRANTED, k.REFUSED, k.COORDINATOR_ON, k.COORDINATOR_OFF)
PLAIN += (k.SUSPENDED, k.RESUMED, k.CLOSED, k.REOPENED, k.ACTIVITY)
# Every kind, the ones most verdicts turn on several times over.
KINDS: tuple[str, ...] = (*PLAIN, *k.REVISION_DATES, k.CONSENT_GIVEN, k.CONSENT_WITHDRAWN)
KINDS += (
    k.GOAL_ADDED,
    k.GOAL_REVISED,
    k.GOAL_CONFIRMED,
    k.MEASURE_ADDED,
    k.MEETING,
    k.VERSION_AGREED,
)
KINDS += (k.COORDINATOR_ON, k.CONSENT_GIVEN, k.GRANTED, *k.REVISION_DATES) * 2
days = st.integers(min_value=0, max_value=40)
maybe_day = st.none() | days


@st.composite
def fact(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    item = draw(st.sampled_from(("a", "b")))
    on_date = draw(maybe_day) if kind in (*k.REVISION_DATES, k.CONSENT_GIVEN) else None
    value = _goal_value(draw, kind)
    flag = draw(st.booleans()) if kind == k.GOAL_CONFIRMED else draw(st.none() | st.booleans())
    return {"kind": kind, "item_id": item, "value": value, "flag": flag, "day": draw(days),
            "hour": draw(st.integers(0, 23)), "on": on_date}  # fmt: skip


def _goal_value(draw: st.DrawFn, kind: str) -> str | None:
    """Whose a goal fact is (the user's own login, or a professional on their behalf), and for
    a goal added who formulated it, as the projection writes it (`virksom_kinds.goal_value`)."""
    if kind not in (k.GOAL_ADDED, k.GOAL_REVISED, k.GOAL_CONFIRMED):
        return None
    whose = draw(st.sampled_from(("user", "professional")))
    if kind != k.GOAL_ADDED:
        return k.goal_value(whose)
    return k.goal_value(whose, draw(st.sampled_from(("user", "representative", "professional"))))


plans = st.lists(st.tuples(days, st.lists(fact(), min_size=2, max_size=12)), min_size=1, max_size=4)
thresholds = st.builds(
    Thresholds,
    activity_window_days=st.integers(0, 15),
    evaluation_interval_days=st.integers(0, 20),
    revision_grace_days=st.integers(0, 8),
)


def _on(offset: int | None) -> date | None:
    return None if offset is None else START + timedelta(days=offset)


class Store:
    """The virksom tables in a schema of their own, filled as the projection would fill them."""

    def __init__(self, conn: psycopg.Connection[dict[str, Any]]) -> None:
        self.conn, self.model = conn, VirksomModel()
        self.schema = f"vt_{uuid4().hex[:8]}"
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(self.schema)))
        for spec in VIRKSOM_TABLES.values():
            for statement in spec.ddl(self.schema, f"rm_virksom_{spec.name}"):
                conn.execute(statement)
        conn.execute(sql.SQL("SET search_path = {}").format(sql.Identifier(self.schema)))

    def fill(
        self,
        histories: list[tuple[int, list[dict[str, Any]]]],
        th: Thresholds = DEFAULTS,
        ends: frozenset[int] = frozenset(),
    ) -> list[datetime]:
        """Record the histories interleaved, one fact per millisecond; return the instants. The
        running sums are made with the thresholds `th`, settled after each position in `ends`
        (where a batch would end) and at the end."""
        self.th = th
        for spec in VIRKSOM_TABLES.values():
            self.conn.execute(f"TRUNCATE rm_virksom_{spec.name}")
        batch = Batch(keys=dict(self.model.tables))
        queue = [(uuid4(), opened, facts) for opened, facts in histories]
        instants, position = [], 0
        for plan_id, opened, _ in queue:
            position += 1
            instants.append(self._record(batch, plan_id, position, _opened(opened), opened=True))
        for step in range(max(len(facts) for _, _, facts in queue)):
            for plan_id, _, facts in queue:
                if step < len(facts):
                    position += 1
                    instants.append(self._record(batch, plan_id, position, facts[step]))
                    if position in ends:
                        virksom_sums.settle(batch, th)
        virksom_sums.settle(batch, th)
        self._write(batch)
        return instants

    def _record(
        self, batch: Batch, plan_id: UUID, position: int, f: dict[str, Any], opened: bool = False
    ) -> datetime:
        effective = datetime.combine(_on(f["day"]) or START, time(f["hour"]), tzinfo=OSLO)
        recorded = RECORDED + timedelta(milliseconds=position)
        if opened:
            row = {"plan_id": plan_id, "municipality": "5001", "unit_id": "u", "unit_name": "U"}
            opening = {"opened_on": effective.date(), "recorded_at": recorded}
            empty = {"plan_consents": [], "facts": [], "slots": 0, "pieces": []}
            batch.put("plans", row | opening | empty)
        plan = batch.get("plans", plan_id)
        assert plan is not None
        if f["kind"] == k.CONSENT_WITHDRAWN and f["item_id"] not in plan["plan_consents"]:
            return recorded  # the model records withdrawals of known consents only
        if f["kind"] == k.CONSENT_GIVEN:
            plan["plan_consents"] = [*plan["plan_consents"], f["item_id"]]
        row = {"kind": f["kind"], "item_id": f["item_id"], "value": f["value"],
               "on_date": _on(f["on"]), "flag": f["flag"], "position": position,
               "plan_id": plan_id, "municipality": "5001", "unit_id": "u", "version": position,
               "effective_at": effective, "effective_on": effective.date(),
               "recorded_at": recorded}  # fmt: skip
        batch.append("facts", row)
        virksom_timeline.revise(batch, plan, row)
        batch.put("plans", plan)
        return recorded

    def _write(self, batch: Batch) -> None:
        tables = {
            name: [row for rows in owners.values() for row in rows.values()]
            for name, owners in batch.rows.items()
        }
        for name, rows in [*tables.items(), *batch.appended.items()]:
            spec = VIRKSOM_TABLES[name]
            columns = spec.column_names
            statement = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                sql.Identifier(f"rm_virksom_{name}"),
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join(sql.Placeholder() * len(columns)),
            )
            if spec.sums:  # deltas, added into one row per key as the store adds them
                statement += sql.SQL(" ON CONFLICT ({}) DO UPDATE SET {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, spec.key)),
                    sql.SQL(", ").join(
                        sql.SQL("{0} = {1}.{0} + excluded.{0}").format(
                            sql.Identifier(c), sql.Identifier(f"rm_virksom_{name}")
                        )
                        for c in sorted(spec.sums)
                    ),
                )
            values = [[_db(row[c], c in spec.json) for c in columns] for row in rows]
            with self.conn.cursor() as cursor:
                cursor.executemany(statement, values)


def _opened(day: int) -> dict[str, Any]:
    return {"kind": k.OPENED, "item_id": None, "value": None, "flag": None, "day": day,
            "hour": 9, "on": None}  # fmt: skip


def _db(value: Any, json: bool) -> Any:
    return Jsonb(value) if json else value


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:
    with psycopg.connect(pg_url, row_factory=dict_row, autocommit=True) as conn:
        s = Store(conn)
        try:
            yield s
        finally:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(s.schema)))


def _both(
    conn: psycopg.Connection[dict[str, Any]], on: date, known: datetime | None, th: Thresholds
) -> tuple[dict[Any, Any], dict[Any, Any], list[Any], list[Any]]:
    """Both queries' verdicts and counts; known now, the counts from the running sums (made
    with `th`) must equal those from the timelines as well."""
    question = q.Question("5001", on, known or datetime.now(UTC), th)
    ask = t.Ask(["5001"], [on], known, th, {})
    oracle = {r["plan_id"]: r for r in q.verdicts(conn, question, after=None, limit=100)}
    timeline = {r["plan_id"]: r for r in t.verdicts(conn, ask, after=None, limit=100)}
    counts = t.counts(conn, ask, summed_with=th)[on]
    assert counts == t.counts(conn, ask, sums=False)[on], (on, known)
    return oracle, timeline, q.counts(conn, question), counts


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    histories=plans,
    th=thresholds,
    picks=st.lists(st.integers(0, 10**6), min_size=3, max_size=6),
    ends=st.frozensets(st.integers(1, 52)),
)
def test_timelines_and_the_oracle_agree_on_every_plan(
    store: Store, histories: list[tuple[int, list[dict[str, Any]]]], th: Thresholds,
    picks: list[int], ends: frozenset[int],
) -> None:  # fmt: skip
    instants = store.fill(histories, th, ends)
    moments = [None, *(instants[p % len(instants)] for p in picks)]
    dates = _edges(histories, th)
    for number, known in enumerate(moments):
        for pick in picks:
            on = dates[(pick + number) % len(dates)]
            oracle, timeline, oracle_counts, timeline_counts = _both(store.conn, on, known, th)
            assert timeline.keys() == oracle.keys(), (on, known)
            for plan_id, expected in oracle.items():
                got = {c: timeline[plan_id][c] for c in COMPARED}
                assert got == {c: expected[c] for c in COMPARED}, (on, known, plan_id)
            assert timeline_counts == oracle_counts, (on, known)


def _edges(histories: list[tuple[int, list[dict[str, Any]]]], th: Thresholds) -> list[date]:
    """Reference dates where a verdict may turn: each fact's day, the day a window or a grace
    ends after it, and the day after each of these."""
    windows = (0, th.activity_window_days, th.evaluation_interval_days)
    edges = {opened for opened, _ in histories}
    for _, facts in histories:
        edges |= {f["day"] + w for f in facts for w in windows}
        edges |= {
            f["on"] + g for f in facts if f["on"] is not None for g in (0, th.revision_grace_days)
        }
    return sorted(START + timedelta(days=e + extra) for e in edges for extra in (-1, 0, 1))


def test_a_backdated_correction_closes_the_versions_it_changes(store: Store) -> None:
    """A coordinator's withdrawal recorded later but effective earlier: the figure as known
    before it stays; the one known after it changes; the old rows are kept, not rewritten."""
    withdrew = {"kind": k.COORDINATOR_OFF, "item_id": None, "value": None, "flag": None,
                "day": 5, "hour": 12, "on": None}  # fmt: skip
    appointed = withdrew | {"kind": k.COORDINATOR_ON, "day": 2}
    later = withdrew | {"kind": k.ACTIVITY, "day": 20}
    instants = store.fill([(1, [appointed, later, withdrew])])
    th, on = Thresholds(), START + timedelta(days=10)
    _, before, _, _ = _both(store.conn, on, instants[2], th)
    _, after, _, _ = _both(store.conn, on, None, th)
    assert [row["has_coordinator"] for row in before.values()] == [True]
    assert [row["has_coordinator"] for row in after.values()] == [False]
    past = store.conn.execute("SELECT count(*) AS n FROM rm_virksom_timeline_past").fetchone()
    assert past is not None and past["n"] >= 1
