"""The read models Planspor runs: their logic (projections) and their tables (PostgreSQL)."""

from __future__ import annotations

import hashlib
import json

from adapters.readmodels.complaints_tables import COMPLAINTS_TABLES
from adapters.readmodels.history_tables import HISTORY_TABLES
from adapters.readmodels.tables import PLANS_TABLES, TableSpec
from adapters.readmodels.virksom_tables import VIRKSOM_TABLES
from projections.base import ReadModel
from projections.complaints import ComplaintsModel
from projections.history import HistoryModel
from projections.plans import PlansModel
from projections.virksom import VirksomModel

MODELS: dict[str, ReadModel] = {
    "plans": PlansModel(),
    "history": HistoryModel(),
    "virksom": VirksomModel(),
    "complaints": ComplaintsModel(),
}
SPECS: dict[str, dict[str, TableSpec]] = {
    "plans": PLANS_TABLES,
    "history": HISTORY_TABLES,
    "virksom": VIRKSOM_TABLES,
    "complaints": COMPLAINTS_TABLES,
}


def fingerprint(model: str) -> str:
    """Changes when a model's logic version or its tables change: its builds are then stale.
    Built from plain, ordered values only, so every process computes the same one (a set's
    repr follows PYTHONHASHSEED)."""
    tables = [
        [spec.name, spec.columns, spec.key, spec.indexes, sorted(spec.json)]
        for _, spec in sorted(SPECS[model].items())
    ]
    code = json.dumps([model, MODELS[model].version, tables])
    return hashlib.sha256(code.encode()).hexdigest()[:16]
