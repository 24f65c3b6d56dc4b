"""Tables of the `virksom` read model: one row per plan, and the plans' facts (append-only).

The facts are written with COPY and never updated. Indexes follow the two reads: the figures
scan one municipality's facts (optionally one unit's) grouped by plan; a page of verdicts reads
the facts of a few plans, which the plan-id index finds already in effective order.
"""

from __future__ import annotations

from adapters.readmodels.tables import TableSpec

VIRKSOM_PLANS = TableSpec(
    name="plans",
    columns=(
        ("plan_id", "uuid NOT NULL"),
        ("municipality", "text NOT NULL"),
        ("unit_id", "text NOT NULL"),
        ("unit_name", "text NOT NULL"),
        ("opened_on", "date NOT NULL"),
        ("recorded_at", "timestamptz NOT NULL"),
        ("plan_consents", "text[] NOT NULL"),
    ),
    key=("plan_id",),
    indexes=(("municipality", "plan_id"), ("municipality", "unit_id", "plan_id")),
)

VIRKSOM_FACTS = TableSpec(
    name="facts",
    columns=(
        ("position", "bigint NOT NULL"),
        ("plan_id", "uuid NOT NULL"),
        ("municipality", "text NOT NULL"),
        ("unit_id", "text NOT NULL"),
        ("version", "integer NOT NULL"),
        ("kind", "text NOT NULL"),
        ("item_id", "text"),
        ("value", "text"),
        ("on_date", "date"),
        ("flag", "boolean"),
        ("effective_at", "timestamptz NOT NULL"),
        ("effective_on", "date NOT NULL"),
        ("recorded_at", "timestamptz NOT NULL"),
    ),
    indexes=(("plan_id", "effective_at", "position"), ("municipality", "unit_id", "plan_id")),
)

VIRKSOM_TABLES = {"plans": VIRKSOM_PLANS, "facts": VIRKSOM_FACTS}
