"""Complaints read model: one row per complaint, for the handlers' worklist (deadline first) and
the complainant's own list. The words of the complaint stay in the event store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from domain.complaint import Complaint, status_after
from domain.dispatch import Handlers
from domain.plan import local_date
from projections.base import Batch, ReadModel, Row
from projections.topics import topics_of

STEPS: Handlers[Callable[[Row, Any, Any], None]] = Handlers()
"""How each later event moves a complaint's row on (filled in below the steps)."""


class ComplaintsModel(ReadModel):
    name = "complaints"
    tables: ClassVar[dict[str, tuple[str, ...]]] = {"complaints": ("complaint_id",)}
    topics = topics_of(Complaint)
    handlers = STEPS

    def apply(self, event: Any, position: int, batch: Batch) -> None:
        if isinstance(event, Complaint.Received):
            batch.put("complaints", _received(event, position))
            return
        row = batch.get("complaints", event.originator_id)
        step = STEPS.get(event)
        if row is None or step is None:
            return
        step(row, event, local_date(event.meta["effective_at"]))
        row["updated_at"] = event.timestamp
        batch.put("complaints", row)


def _received(event: Any, position: int) -> Row:
    complainant = event.complainant
    return {
        "complaint_id": event.originator_id,
        "received_position": position,
        "plan_id": event.plan_id,
        "municipality": event.municipality,
        "status": status_after(Complaint.Received),
        "complainant_id": complainant["person_id"],
        "complainant_name": complainant["name"],
        "complainant_capacity": complainant["capacity"],
        "grounds": list(event.grounds),
        "received_on": local_date(event.meta["effective_at"]),
        "knew_on": event.knew_on,
        "submitted_on": event.submitted_on,
        "deadline": event.deadline["last_day"],
        "late": event.late,
        "review_outcome": None,
        "reviewed_on": None,
        "evidence_count": 0,
        "forwarded_to": None,
        "forwarded_on": None,
        "decision_outcome": None,
        "decision_reference": None,
        "decided_on": None,
        "updated_at": event.timestamp,
    }


def _reviewed(row: Row, event: Any, on: Any) -> None:
    status = status_after(Complaint.Reviewed, event.outcome)
    row |= {"review_outcome": event.outcome, "reviewed_on": on, "status": status}


def _evidence(row: Row, event: Any, on: Any) -> None:
    row["evidence_count"] += 1


def _forwarded(row: Row, event: Any, on: Any) -> None:
    row |= {
        "forwarded_to": event.authority,
        "forwarded_on": on,
        "status": status_after(Complaint.Forwarded),
    }


def _decided(row: Row, event: Any, on: Any) -> None:
    row |= {
        "decision_outcome": event.outcome,
        "decision_reference": event.decision_reference,
        "decided_on": on,
        "status": status_after(Complaint.Decided),
    }


def _withdrawn(row: Row, event: Any, on: Any) -> None:
    row["status"] = status_after(Complaint.Withdrawn)


STEPS.add(
    {
        Complaint.Reviewed: _reviewed,
        Complaint.EvidenceAttached: _evidence,
        Complaint.Forwarded: _forwarded,
        Complaint.Decided: _decided,
        Complaint.Withdrawn: _withdrawn,
    }
)
STEPS.declare(Complaint.Received)  # opens the row in `apply`
