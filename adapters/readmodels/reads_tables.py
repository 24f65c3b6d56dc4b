"""Tables of the read log."""

from __future__ import annotations

from adapters.readmodels.tables import TableSpec

ENTRIES = TableSpec(
    name="entries",
    columns=(
        ("position", "bigint NOT NULL"),
        ("read_id", "uuid NOT NULL"),
        ("plan_id", "uuid"),
        ("municipality", "text NOT NULL"),
        ("read_at", "timestamptz NOT NULL"),
        ("actor_id", "text NOT NULL"),
        ("actor_name", "text NOT NULL"),
        ("actor_role", "text NOT NULL"),
        ("actor_organisation", "text NOT NULL"),
        ("actor_unit", "text NOT NULL"),
        ("actor_assurance", "text NOT NULL"),
        ("what", "text NOT NULL"),
        ("basis", "text NOT NULL"),
        ("purpose", "text"),
        ("detail", "jsonb NOT NULL"),
    ),
    indexes=(
        ("plan_id", "position"),
        ("municipality", "position"),
        ("municipality", "actor_id", "position"),
    ),
    json=frozenset({"detail"}),
)
READS_TABLES = {"entries": ENTRIES}
