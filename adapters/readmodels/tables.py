"""Table definitions of the read models. A build's tables are `rm_<model>_b<n>_<table>`; readers
use the stable view `rm_<model>_<table>`, which a rebuild re-points in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from psycopg import sql


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    json: frozenset[str] = field(default_factory=frozenset)
    sums: frozenset[str] = field(default_factory=frozenset)
    """Columns of a table of running sums: its rows are appended as deltas, which the store adds
    into the stored row of the same key (never loaded into a batch)."""

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def ddl(self, schema: str, physical: str) -> list[sql.Composed]:
        columns = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(kind))  # kinds are constants
            for name, kind in self.columns
        )
        key = (
            sql.SQL(", PRIMARY KEY ({})").format(sql.SQL(", ").join(map(sql.Identifier, self.key)))
            if self.key
            else sql.SQL("")
        )
        statements = [
            sql.SQL("CREATE TABLE IF NOT EXISTS {}.{} ({}{})").format(
                sql.Identifier(schema), sql.Identifier(physical), columns, key
            )
        ]
        for number, index in enumerate(self.indexes):
            statements.append(
                sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {}.{} ({})").format(
                    sql.Identifier(f"{physical}_i{number}"),
                    sql.Identifier(schema),
                    sql.Identifier(physical),
                    sql.SQL(", ").join(map(sql.Identifier, index)),
                )
            )
        return statements


PLANS = TableSpec(
    name="plans",
    columns=(
        ("plan_id", "uuid NOT NULL"),
        ("municipality", "text NOT NULL"),
        ("unit_id", "text NOT NULL"),
        ("subject_name", "text NOT NULL"),
        ("subject_ids", "text[] NOT NULL"),
        ("unit_name", "text NOT NULL"),
        ("status", "text NOT NULL"),
        ("coordinator_id", "text"),
        ("coordinator_name", "text"),
        ("deputy_id", "text"),
        ("coordinator_unit", "text"),
        ("received_at", "timestamptz NOT NULL"),
        ("decided_at", "timestamptz"),
        ("decision", "text"),
        ("declined", "boolean NOT NULL"),
        ("suspended", "boolean NOT NULL"),
        ("closed", "boolean NOT NULL"),
        ("goals", "integer NOT NULL"),
        ("goals_user_agreed", "integer NOT NULL"),
        ("measures", "integer NOT NULL"),
        ("meetings", "integer NOT NULL"),
        ("meetings_with_user", "integer NOT NULL"),
        ("evaluations", "integer NOT NULL"),
        ("last_evaluation_at", "timestamptz"),
        ("next_revision_on", "date"),
        ("last_activity_at", "timestamptz"),
        ("version", "integer NOT NULL"),
        ("recorded_at", "timestamptz NOT NULL"),
        ("completeness", "jsonb NOT NULL"),
        ("missing", "text[] NOT NULL"),
        ("state", "jsonb NOT NULL"),
    ),
    key=("plan_id",),
    indexes=(
        ("municipality", "unit_id", "status"),
        ("municipality", "coordinator_id"),
        ("municipality", "next_revision_on"),
        # every column the worklists' filters and their counts read (plans_queries.Listing):
        # the counts on /oversikt and /arbeidslister are index-only scans, not a pass over the
        # municipality's (wide) plan rows
        (
            "municipality",
            "status",
            "coordinator_id",
            "next_revision_on",
            "last_activity_at",
            "received_at",
            "unit_id",
            "unit_name",
            "plan_id",
        ),
    ),
    json=frozenset({"completeness", "state"}),
)

MEASURES = TableSpec(
    name="measures",
    columns=(
        ("plan_id", "uuid NOT NULL"),
        ("municipality", "text NOT NULL"),  # the plan's (set when it opens, never changed)
        ("measure_id", "text NOT NULL"),
        ("title", "text NOT NULL"),
        ("responsible_service", "text NOT NULL"),
        ("responsible_person", "text"),
        ("due_date", "date"),
        ("status", "text NOT NULL"),
        ("status_since", "timestamptz NOT NULL"),
        ("decision_reference", "text"),
    ),
    key=("plan_id", "measure_id"),
    # municipality first: a worklist's count reads its own municipality's measures, not the
    # nation's (the national overview counted 172 000 overdue measures to keep 59 637);
    # plan_id: the worklists join on it
    indexes=(("municipality", "status", "due_date", "plan_id"),),
)

PLANS_TABLES = {"plans": PLANS, "measures": MEASURES}
