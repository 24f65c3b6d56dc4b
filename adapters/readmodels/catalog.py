"""The read models Planspor runs: their logic (projections) and their tables (PostgreSQL)."""

from __future__ import annotations

from adapters.readmodels.tables import PLANS_TABLES, TableSpec
from projections.base import ReadModel
from projections.plans import PlansModel

MODELS: dict[str, ReadModel] = {
    "plans": PlansModel(),
}
SPECS: dict[str, dict[str, TableSpec]] = {
    "plans": PLANS_TABLES,
}
