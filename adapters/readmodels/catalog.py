"""The read models Planspor runs: their logic (projections) and their tables (PostgreSQL)."""

from __future__ import annotations

import hashlib

from adapters.readmodels.complaints_tables import COMPLAINTS_TABLES
from adapters.readmodels.history_tables import HISTORY_TABLES
from adapters.readmodels.reads_tables import READS_TABLES
from adapters.readmodels.tables import PLANS_TABLES, TableSpec
from adapters.readmodels.virksom_tables import VIRKSOM_TABLES
from projections.base import ReadModel
from projections.complaints import ComplaintsModel
from projections.history import HistoryModel
from projections.plans import PlansModel
from projections.reads import ReadsModel
from projections.virksom import VirksomModel

MODELS: dict[str, ReadModel] = {
    "plans": PlansModel(),
    "history": HistoryModel(),
    "virksom": VirksomModel(),
    "reads": ReadsModel(),
    "complaints": ComplaintsModel(),
}
SPECS: dict[str, dict[str, TableSpec]] = {
    "plans": PLANS_TABLES,
    "history": HISTORY_TABLES,
    "virksom": VIRKSOM_TABLES,
    "reads": READS_TABLES,
    "complaints": COMPLAINTS_TABLES,
}


def fingerprint(model: str) -> str:
    """Changes when a model's logic version or its tables change: its builds are then stale."""
    tables = sorted((name, _canonical(spec)) for name, spec in SPECS[model].items())
    code = f"{model}:{MODELS[model].version}:{tables!r}"
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def _canonical(spec: TableSpec) -> tuple[object, ...]:
    """The spec without set ordering: a frozenset's repr changes with each process's hash seed."""
    return (spec.name, spec.columns, spec.key, spec.indexes, sorted(spec.json))
