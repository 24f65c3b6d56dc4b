"""Tables of the `virksom` read model: one row per plan, and the plans' facts (append-only).

The facts are written with COPY and never updated. Indexes follow the two reads: the figures
scan one municipality's facts (optionally one unit's) grouped by plan; a page of verdicts reads
the facts of a few plans, which the plan-id index finds already in effective order.
"""

from __future__ import annotations

from adapters.readmodels.tables import TableSpec
from projections.virksom_sums import FIGURES
from projections.virksom_timeline import STATE_COLUMNS

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
        ("facts", "jsonb NOT NULL"),
        ("slots", "integer NOT NULL"),
        ("pieces", "jsonb NOT NULL"),
    ),
    key=("plan_id",),
    indexes=(("municipality", "plan_id"), ("municipality", "unit_id", "plan_id")),
    json=frozenset({"facts", "pieces"}),
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

_STATE_KINDS = {"goals": "integer NOT NULL", "goals_by_user": "integer NOT NULL"} | {
    "goals_by_user_self": "integer NOT NULL",
    "meetings": "integer NOT NULL",
    "meetings_with_user": "integer NOT NULL",
}
_STATE = tuple(
    (
        column,
        _STATE_KINDS.get(column)
        or ("date" if column.endswith("_on") else "bigint" if "position" in column else "text"),
    )
    for column in STATE_COLUMNS
)
_INTERVAL = (
    ("plan_id", "uuid NOT NULL"),
    ("slot", "integer NOT NULL"),
    ("municipality", "text NOT NULL"),
    ("unit_id", "text NOT NULL"),
    ("unit_name", "text NOT NULL"),
    ("opened_on", "date NOT NULL"),
    ("valid_from", "date NOT NULL"),
    ("valid_to", "date NOT NULL"),
    ("recorded_from", "timestamptz NOT NULL"),
)
# Each plan's timeline as known now: one row per interval of effective dates (slot 0, 1, ...).
# A count for D reads the rows with valid_from <= D < valid_to: the index on (municipality,
# valid_to, valid_from) finds them without reading any fact.
VIRKSOM_TIMELINE = TableSpec(
    name="timeline",
    columns=(*_INTERVAL, *_STATE),
    key=("plan_id", "slot"),
    indexes=(("municipality", "valid_to", "valid_from"), ("valid_to", "valid_from")),
)
# Versions a later fact replaced, each with the recorded time it was valid until: "as known at
# T" reads the current rows recorded by T and these rows recorded over T (most of them are
# open-ended in effect, so the index leads with the recorded time they were replaced at).
VIRKSOM_TIMELINE_PAST = TableSpec(
    name="timeline_past",
    columns=(*_INTERVAL, ("recorded_to", "timestamptz NOT NULL"), *_STATE),
    indexes=(("municipality", "recorded_to", "valid_to"), ("recorded_to", "valid_to")),
)


def _sums(name: str) -> TableSpec:
    """Running sums of the figures as known now (projections/virksom_sums.py), per unit and day
    (`day_sums`) or month (`month_sums`, on_date the first of the month): a count on D adds a
    unit's month rows before D's month and its day rows of that month up to D."""
    return TableSpec(
        name=name,
        columns=(
            ("municipality", "text NOT NULL"),
            ("unit_id", "text NOT NULL"),
            ("unit_name", "text NOT NULL"),
            ("on_date", "date NOT NULL"),
            *((figure, "integer NOT NULL") for figure in FIGURES),
        ),
        key=("municipality", "unit_id", "on_date"),
        indexes=(("on_date",),),
        sums=frozenset(FIGURES),
    )


VIRKSOM_DAY_SUMS, VIRKSOM_MONTH_SUMS = _sums("day_sums"), _sums("month_sums")

VIRKSOM_TABLES = {
    "plans": VIRKSOM_PLANS,
    "facts": VIRKSOM_FACTS,
    "timeline": VIRKSOM_TIMELINE,
    "timeline_past": VIRKSOM_TIMELINE_PAST,
    "day_sums": VIRKSOM_DAY_SUMS,
    "month_sums": VIRKSOM_MONTH_SUMS,
}
