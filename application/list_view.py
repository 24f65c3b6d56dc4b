"""What each role may see of a plan in a list across plans: a field-level view, decided once.

Every field a list route shows (`GET /plans`, `/worklists/*`, the caseload, the virksom plan list)
is classified here as a figure (ids, dates, counts, statuses, codes, unit names), a person's
name, or plan content (free text written about the user's plan). A role sees the kinds its view
names; every other field — and any field not classified here — is shown as null. Unit leaders
and the state bodies see figures only (domain.md §7: "leaders see figures, not content").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.values import Role


class FieldKind(StrEnum):
    FIGURE = "figure"
    NAME = "name"
    CONTENT = "content"


FIGURES = [
    "plan_id",
    "municipality",
    "unit_id",
    "unit_name",
    "status",
    "coordinator_id",
    "received_at",
    "decided_at",
    "next_revision_on",
    "last_activity_at",
    "last_evaluation_at",
    "goals",
    "goals_user_agreed",
    "measures",
    "completeness",
    "missing",
    "missing_labels",
    "version",
    "days_waiting",
    "days_overdue",
    "days_dormant",
    "measure_id",
    "due_date",
    "plans",
    "overdue_evaluations",
    "virksom",
    "criteria",
    "status_fact",
    "updated_on",
    "last_activity_on",
]
LIST_FIELDS: dict[str, FieldKind] = dict.fromkeys(FIGURES, FieldKind.FIGURE) | {
    "subject_name": FieldKind.NAME,
    "coordinator_name": FieldKind.NAME,
    "responsible_person": FieldKind.NAME,
    "title": FieldKind.CONTENT,
    "responsible_service": FieldKind.CONTENT,
}
EVERYTHING = frozenset(FieldKind)
ONLY_FIGURES = frozenset({FieldKind.FIGURE})
LIST_VIEWS: dict[Role, frozenset[FieldKind]] = {
    Role.USER: EVERYTHING,
    Role.REPRESENTATIVE: ONLY_FIGURES,
    Role.COORDINATOR: EVERYTHING,
    Role.COORDINATING_UNIT: EVERYTHING,
    Role.SERVICE_PROVIDER: ONLY_FIGURES,
    Role.UNIT_LEADER: ONLY_FIGURES,
    Role.SUPERVISOR: ONLY_FIGURES,
    Role.COMPLAINT_HANDLER: ONLY_FIGURES,
    Role.STATE_COMPLAINT_HANDLER: ONLY_FIGURES,
}


@dataclass(frozen=True)
class ListView:
    """The kinds of field a role may see in a list; `show` blanks the rest."""

    kinds: frozenset[FieldKind] = ONLY_FIGURES

    def may_see(self, name: str) -> bool:
        return LIST_FIELDS.get(name, FieldKind.CONTENT) in self.kinds

    def show(self, row: dict[str, Any]) -> dict[str, Any]:
        return {name: value if self.may_see(name) else None for name, value in row.items()}


FIGURES_ONLY = ListView(ONLY_FIGURES)


def list_view(role: Role) -> ListView:
    return ListView(LIST_VIEWS[role])
