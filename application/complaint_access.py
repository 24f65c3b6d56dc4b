"""Who may file, read and move a complaint.

The complainant files directly (never through their coordinator) and reads their own complaint;
the municipality's complaint handler registers, reviews, documents and forwards complaints in
their municipality; Statsforvalteren's complaint handler reads forwarded complaints and decides
them; supervisors read with a stated purpose; both only within their office's municipalities
(Helsetilsynet: all). Nobody else learns that a complaint exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from application.access import Grant, reaches
from application.errors import AccessDeniedError, ComplaintNotFoundError
from application.purpose import require_purpose
from domain import offices
from domain.complaint import Complaint, ComplaintStatus
from domain.facts import local_date
from domain.offices import OFFICE_ROLES
from domain.values import Actor, Role


class Step(StrEnum):
    READ = "read"
    REVIEW = "review"
    ATTACH_EVIDENCE = "attach_evidence"
    FORWARD = "forward"
    DECIDE = "decide"
    WITHDRAW = "withdraw"


LOCAL_HANDLER_STEPS = frozenset(
    {Step.READ, Step.REVIEW, Step.ATTACH_EVIDENCE, Step.FORWARD, Step.WITHDRAW}
)
STATE_HANDLER_STEPS = frozenset({Step.READ, Step.ATTACH_EVIDENCE, Step.DECIDE})
COMPLAINANT_STEPS = frozenset({Step.READ, Step.WITHDRAW})
REACHED_STATE = frozenset({ComplaintStatus.FORWARDED, ComplaintStatus.DECIDED})


def on_complaint(actor: Actor, step: Step, complaint: Complaint, purpose: str | None) -> Grant:
    """May `actor` take `step`? 404 without any entitlement, 403 short of this step."""
    role = Role(actor.role)
    basis, steps = _entitlement(actor, role, complaint)
    if basis is None:
        raise ComplaintNotFoundError(f"no complaint {complaint.id}")
    if step not in steps:
        raise AccessDeniedError(f"a {role} may not {step.replace('_', ' ')} this complaint")
    if role != Role.SUPERVISOR:  # the complaint is the handler's case: its id is the purpose
        return Grant(basis, purpose=f"complaint {complaint.id}")
    return Grant(basis, purpose=require_purpose(role, purpose))


def _entitlement(
    actor: Actor, role: Role, complaint: Complaint
) -> tuple[str | None, frozenset[Step]]:
    if actor.person_id == complaint.complainant["person_id"] and role in (
        Role.USER,
        Role.REPRESENTATIVE,
    ):
        return "complainant", COMPLAINANT_STEPS
    if role == Role.COMPLAINT_HANDLER and actor.municipality == complaint.municipality:
        return "complaint handler", LOCAL_HANDLER_STEPS
    if role in OFFICE_ROLES and not reaches(actor, complaint.municipality, _today()):
        return None, frozenset()
    if role == Role.STATE_COMPLAINT_HANDLER and complaint.status in REACHED_STATE:
        return "complaint handler (Statsforvalteren)", STATE_HANDLER_STEPS
    if role == Role.SUPERVISOR:
        return "supervision", frozenset({Step.READ})
    return None, frozenset()


def _today() -> date:
    return local_date(datetime.now(UTC))


@dataclass(frozen=True)
class ComplaintScope:
    """Which complaints a list may show an actor."""

    municipality: str | None = None
    complainant_id: str | None = None
    statuses: tuple[str, ...] | None = None
    counties: tuple[str, ...] | None = None  # a Statsforvalter office's (None: no limit)


def list_scope(actor: Actor, purpose: str | None, municipality: str | None) -> ComplaintScope:
    role = Role(actor.role)
    if role in (Role.USER, Role.REPRESENTATIVE):
        return ComplaintScope(complainant_id=actor.person_id)
    if role == Role.COMPLAINT_HANDLER:
        return ComplaintScope(municipality=actor.municipality)
    if role == Role.SUPERVISOR:
        require_purpose(role, purpose)
    if role not in OFFICE_ROLES:
        raise AccessDeniedError(f"a {role} may not list complaints")
    if municipality is not None and not reaches(actor, municipality, _today()):
        raise AccessDeniedError(
            f"municipality {municipality} lies outside the reach of office '{actor.office}'",
            field="municipality",
            rule="outside-office-reach",
        )
    statuses = tuple(REACHED_STATE) if role == Role.STATE_COMPLAINT_HANDLER else None
    counties = offices.county_numbers(actor.office)
    return ComplaintScope(municipality=municipality, statuses=statuses, counties=counties)
