"""Table of the complaints read model."""

from __future__ import annotations

from adapters.readmodels.tables import TableSpec

COMPLAINTS = TableSpec(
    name="complaints",
    columns=(
        ("complaint_id", "uuid NOT NULL"),
        ("received_position", "bigint NOT NULL"),
        ("plan_id", "text NOT NULL"),
        ("municipality", "text NOT NULL"),
        ("status", "text NOT NULL"),
        ("complainant_id", "text NOT NULL"),
        ("complainant_name", "text NOT NULL"),
        ("complainant_capacity", "text NOT NULL"),
        ("grounds", "jsonb NOT NULL"),
        ("received_on", "date NOT NULL"),
        ("knew_on", "date NOT NULL"),
        ("submitted_on", "date NOT NULL"),
        ("deadline", "date NOT NULL"),
        ("late", "boolean NOT NULL"),
        ("review_outcome", "text"),
        ("reviewed_on", "date"),
        ("evidence_count", "integer NOT NULL"),
        ("forwarded_to", "text"),
        ("forwarded_on", "date"),
        ("decision_outcome", "text"),
        ("decision_reference", "text"),
        ("decided_on", "date"),
        ("updated_at", "timestamptz NOT NULL"),
    ),
    key=("complaint_id",),
    indexes=(
        ("municipality", "received_position"),
        ("complainant_id", "received_position"),
        ("status", "received_position"),
    ),
    json=frozenset({"grounds"}),
)
COMPLAINTS_TABLES = {"complaints": COMPLAINTS}
