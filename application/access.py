"""Who may see and change what: one policy, decided here for every endpoint, read and write.

A decision rests on the actor's role (from the verified token) and their relationship to the plan
(user, representative with a recorded basis, coordinator, deputy, participant with a sharing
consent in force, the municipality's coordinating unit) or, for supervisors and complaint handlers,
a stated purpose. No entitlement at all is "not found" (no existence leak); an entitlement that
does not reach this far is "forbidden", with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum

from application.errors import AccessDeniedError, PlanNotFoundError, UnitRequiredError
from application.list_view import FIGURES_ONLY, ListView, list_view
from application.purpose import require_purpose
from domain import offices
from domain.facts import local_date
from domain.offices import OFFICE_ROLES
from domain.plan import Plan
from domain.values import Actor, AssuranceLevel, Role


class Action(StrEnum):
    READ_CONTENT = "read_content"
    WRITE_CONTENT = "write_content"
    CONSENT = "consent"
    COORDINATE = "coordinate"
    OPEN_CASE = "open_case"
    READ_READ_LOG = "read_read_log"
    LIST_PLANS = "list_plans"
    READ_WORKLISTS = "read_worklists"
    READ_FIGURES = "read_figures"
    SEARCH_AUDIT = "search_audit"
    WRITE_OWN = "write_own"
    CONTRIBUTE = "contribute"
    DOWNLOAD = "download"


PLAN_ACTIONS = (
    Action.READ_CONTENT,
    Action.WRITE_CONTENT,
    Action.CONSENT,
    Action.COORDINATE,
    Action.READ_READ_LOG,
    Action.WRITE_OWN,
    Action.CONTRIBUTE,
    Action.DOWNLOAD,
)
# The user's own writes: these need the configured login assurance level (default high).
OWN_WRITES = frozenset({Action.WRITE_OWN, Action.CONSENT})
OWN_ROLES = frozenset({Role.USER, Role.REPRESENTATIVE})
PERSON_LISTS = frozenset({Role.REPRESENTATIVE, Role.SERVICE_PROVIDER})
# Lists of plans (rows, even with figures only) a unit leader sees for their own unit alone; the
# virksom figures are counts and stay the municipality's (their page opens on the unit's).
UNIT_LISTS = frozenset({Action.LIST_PLANS, Action.READ_WORKLISTS})


@dataclass(frozen=True)
class Grant:
    """Why an actor may do something: the basis (relationship or role) and the stated purpose."""

    basis: str
    purpose: str | None = None
    view: ListView = FIGURES_ONLY
    only_coordinator: str | None = None
    only_subject: str | None = None
    only_person: str | None = None  # a representative's or participant's own plans
    only_unit: str | None = None  # a unit leader's unit (their login's `unit` claim), `in_unit`
    any_municipality: bool = False
    municipality: str | None = None


Rule = Callable[[Actor, Plan, date], str | None]
ASSURANCE_RANK = {AssuranceLevel.LOW: 1, AssuranceLevel.SUBSTANTIAL: 2, AssuranceLevel.HIGH: 3}


def _user(actor: Actor, plan: Plan, today: date) -> str | None:
    mine = actor.person_id in (plan.subject.get("person_id"), plan.subject.get("national_id"))
    return "user" if mine else None


def representative_basis(actor: Actor, plan: Plan) -> str | None:
    """The recorded basis on which `actor` represents the plan's user, if any."""
    for consent in plan.consents.values():
        rep = consent.representative or {}
        if rep.get("person_id") == actor.person_id and rep.get("basis"):
            return str(rep["basis"])
    return None


def _representative(actor: Actor, plan: Plan, today: date) -> str | None:
    basis = representative_basis(actor, plan)
    return f"representative ({basis})" if basis else None


def _coordinator(actor: Actor, plan: Plan, today: date) -> str | None:
    if plan.coordinator is not None and plan.coordinator.person_id == actor.person_id:
        return "coordinator"
    if plan.deputy is not None and plan.deputy.person_id == actor.person_id:
        return "deputy"
    return None


def _participant(actor: Actor, plan: Plan, today: date) -> str | None:
    for participant in plan.participants.values():
        if participant.person_id == actor.person_id and not participant.removed:
            return "participant"
    return None


def _municipality(actor: Actor, plan: Plan, today: date) -> str | None:
    return "coordinating unit" if plan.municipality == actor.municipality else None


RELATIONSHIP: dict[Role, Rule] = {
    Role.USER: _user,
    Role.REPRESENTATIVE: _representative,
    Role.COORDINATOR: _coordinator,
    Role.SERVICE_PROVIDER: _participant,
    Role.COORDINATING_UNIT: _municipality,
    Role.UNIT_LEADER: _municipality,
}
PURPOSE_ROLES = {
    Role.SUPERVISOR: "supervision",
    Role.COMPLAINT_HANDLER: "complaint handling",
    Role.STATE_COMPLAINT_HANDLER: "complaint handling (Statsforvalteren)",
}
# Purpose roles bound to their own municipality (the municipality's complaint handler); the
# others are state bodies whose reach is their office's municipalities (`domain/offices.py`):
# a Statsforvalter office its counties, Helsetilsynet the country.
LOCAL_PURPOSE_ROLES = frozenset({Role.COMPLAINT_HANDLER})

# Which plan actions each role may take once its relationship to the plan holds.
PLAN_MATRIX: dict[Role, frozenset[Action]] = {
    Role.USER: frozenset(
        {
            Action.READ_CONTENT,
            Action.CONSENT,
            Action.READ_READ_LOG,
            Action.WRITE_OWN,
            Action.DOWNLOAD,
        }
    ),
    Role.REPRESENTATIVE: frozenset(
        {
            Action.READ_CONTENT,
            Action.CONSENT,
            Action.READ_READ_LOG,
            Action.WRITE_OWN,
            Action.DOWNLOAD,
        }
    ),
    Role.COORDINATOR: frozenset(
        {Action.READ_CONTENT, Action.WRITE_CONTENT, Action.CONSENT, Action.DOWNLOAD}
    ),
    Role.SERVICE_PROVIDER: frozenset({Action.READ_CONTENT, Action.CONTRIBUTE}),
    Role.COORDINATING_UNIT: frozenset(PLAN_ACTIONS) - {Action.WRITE_OWN, Action.CONTRIBUTE},
    Role.UNIT_LEADER: frozenset(),
    Role.SUPERVISOR: frozenset({Action.READ_CONTENT, Action.READ_READ_LOG, Action.DOWNLOAD}),
    Role.COMPLAINT_HANDLER: frozenset({Action.READ_CONTENT, Action.DOWNLOAD}),
    Role.STATE_COMPLAINT_HANDLER: frozenset({Action.READ_CONTENT, Action.DOWNLOAD}),
}
# Actions not about one plan: who may take them, and how far they reach.
GENERAL_MATRIX: dict[Action, frozenset[Role]] = {
    Action.OPEN_CASE: frozenset({Role.COORDINATING_UNIT, Role.COORDINATOR}),
    Action.LIST_PLANS: frozenset(
        {
            Role.COORDINATING_UNIT,
            Role.COORDINATOR,
            Role.UNIT_LEADER,
            Role.USER,
            Role.REPRESENTATIVE,
            Role.SERVICE_PROVIDER,
        }
    ),
    Action.READ_WORKLISTS: frozenset({Role.COORDINATING_UNIT, Role.COORDINATOR, Role.UNIT_LEADER}),
    Action.READ_FIGURES: frozenset(
        {Role.COORDINATING_UNIT, Role.COORDINATOR, Role.UNIT_LEADER, Role.SUPERVISOR}
    ),
    Action.SEARCH_AUDIT: frozenset({Role.COORDINATING_UNIT, Role.SUPERVISOR}),
}


def in_unit(claim: str, unit_id: str | None, unit_name: str | None) -> bool:
    """Is a plan whose responsible unit is (`unit_id`, `unit_name`) in the unit a leader's `unit`
    claim names? The claim holds the unit's id or its name (a provider maps either; the demo
    and `planspor token` give the name). The plan queries' unit filter mirrors this."""
    return bool(claim) and claim in (unit_id, unit_name)


def leader_unit(actor: Actor, action: Action) -> str | None:
    """The unit a list is narrowed to: a unit leader's own, for the lists of `UNIT_LISTS`;
    everyone else's lists are not narrowed by unit (the coordinating unit: the municipality).
    A leader whose login names no unit is refused those lists, not given the municipality's."""
    if Role(actor.role) != Role.UNIT_LEADER or action not in UNIT_LISTS:
        return None
    if not actor.unit:
        raise UnitRequiredError(
            "a unit leader's login names no unit, so their lists cannot be narrowed to it",
            field="token.unit",
        )
    return actor.unit


def reaches(actor: Actor, municipality: str, today: date) -> bool:
    """Is `municipality` within the actor's reach? The municipality's complaint handler: their
    own; supervisors and Statsforvalteren: their office's; everyone else: decided by their
    relationship to the plan (or their own municipality, for lists)."""
    role = Role(actor.role)
    if role in LOCAL_PURPOSE_ROLES:
        return municipality == actor.municipality
    if role in OFFICE_ROLES:
        return offices.covers(actor.office, municipality, today)
    return True


class Policy:
    def __init__(
        self,
        high_assurance_commands: frozenset[str] = frozenset(),
        own_write_assurance: AssuranceLevel = AssuranceLevel.HIGH,
    ) -> None:
        self.high_assurance_commands = high_assurance_commands
        self.own_write_assurance = own_write_assurance

    def on_plan(
        self, actor: Actor, action: Action, plan: Plan, today: date, purpose: str | None = None
    ) -> Grant:
        """May `actor` take `action` on `plan`? Raises 404 without entitlement, 403 short of it."""
        role = Role(actor.role)
        if not reaches(actor, plan.municipality, today):
            raise PlanNotFoundError(f"no plan {plan.id}")
        if role in PURPOSE_ROLES:
            return self._with_purpose(role, action, purpose)
        basis = RELATIONSHIP[role](actor, plan, today)
        if basis is None:
            raise PlanNotFoundError(f"no plan {plan.id}")
        if action not in PLAN_MATRIX[role]:
            raise AccessDeniedError(f"a {role} may not {action.replace('_', ' ')} on a plan")
        if role in OWN_ROLES and action in OWN_WRITES:
            self._own_write_assurance(actor)
        if role == Role.SERVICE_PROVIDER:
            return Grant(self._sharing_consent(actor, plan, today))
        return Grant(basis)

    def general(
        self,
        actor: Actor,
        action: Action,
        purpose: str | None = None,
        municipality: str | None = None,
    ) -> Grant:
        """May `actor` take `action` across plans, and in which municipality: their own, or the
        one named by a state body within its office's reach (403 beyond it)."""
        grant = self._general(actor, action, purpose)
        scope = municipality if grant.any_municipality and municipality else actor.municipality
        if not reaches(actor, scope, local_date(datetime.now(UTC))):
            raise AccessDeniedError(
                f"municipality {scope} lies outside the reach of office '{actor.office}'",
                field="municipality",
                rule="outside-office-reach",
            )
        return replace(grant, municipality=scope)

    def _general(self, actor: Actor, action: Action, purpose: str | None) -> Grant:
        role = Role(actor.role)
        if role not in GENERAL_MATRIX[action]:
            raise AccessDeniedError(f"a {role} may not {action.replace('_', ' ')}")
        if role in PURPOSE_ROLES and action == Action.SEARCH_AUDIT:
            return self._with_purpose(role, action, purpose)
        if role in PURPOSE_ROLES:  # figures hold no content: no purpose needed
            return Grant(PURPOSE_ROLES[role], any_municipality=True)
        return Grant(
            str(role),
            view=list_view(role),
            only_coordinator=actor.person_id if role == Role.COORDINATOR else None,
            only_subject=actor.person_id if role == Role.USER else None,
            only_person=actor.person_id if role in PERSON_LISTS else None,
            only_unit=leader_unit(actor, action),
        )

    def command(self, actor: Actor, name: str) -> None:
        """Commands the configuration marks sensitive need a high login assurance level."""
        if name in self.high_assurance_commands and actor.assurance != AssuranceLevel.HIGH:
            raise AccessDeniedError(
                f"{name} requires login assurance level high", rule="assurance-too-low"
            )

    @staticmethod
    def _with_purpose(role: Role, action: Action, purpose: str | None) -> Grant:
        if action not in PLAN_MATRIX[role] and role not in GENERAL_MATRIX.get(action, ()):
            raise AccessDeniedError(f"a {role} may not {action.replace('_', ' ')}")
        stated = require_purpose(role, purpose)
        return Grant(
            PURPOSE_ROLES[role],
            purpose=stated,
            any_municipality=role not in LOCAL_PURPOSE_ROLES,
        )

    @staticmethod
    def _sharing_consent(actor: Actor, plan: Plan, today: date) -> str:
        for participant_id, participant in plan.participants.items():
            if participant.person_id == actor.person_id and not participant.removed:
                for consent in plan.consents.values():
                    if consent.participant_id == participant_id and consent.in_force(today):
                        return f"sharing consent {consent.consent_id}"
        raise AccessDeniedError(
            "no consent to share this plan with you is in force", rule="consent-required"
        )

    def _own_write_assurance(self, actor: Actor) -> None:
        """The user's and the representative's writes need the configured assurance level."""
        rank = (
            ASSURANCE_RANK.get(AssuranceLevel(actor.assurance), 0)
            if actor.assurance in (set(AssuranceLevel))
            else 0
        )
        if rank < ASSURANCE_RANK[self.own_write_assurance]:
            raise AccessDeniedError(
                f"the user's own writes require login assurance level {self.own_write_assurance}",
                rule="assurance-too-low",
            )

    @staticmethod
    def representative_basis_of(actor: Actor, plan: Plan) -> str | None:
        return representative_basis(actor, plan)

    @staticmethod
    def participant_of(actor: Actor, plan: Plan) -> str:
        """The actor's participant id on this plan (they are past `on_plan` already)."""
        for participant_id, participant in plan.participants.items():
            if participant.person_id == actor.person_id and not participant.removed:
                return participant_id
        raise AccessDeniedError("you take no part in this plan", rule="access-denied")

    @staticmethod
    def responsible_for(actor: Actor, plan: Plan, measure_id: str) -> str:
        """A participant reports only on the measures they are responsible for: those naming
        them, or (naming nobody) naming their organisation as the responsible service."""
        participant_id = Policy.participant_of(actor, plan)
        measure = plan.measures.get(measure_id)
        if measure is not None:
            named = measure.responsible_participant_id
            organisation = plan.participants[participant_id].organisation
            if named == participant_id or (
                named is None and organisation and measure.responsible_service == organisation
            ):
                return participant_id
        raise AccessDeniedError(
            "you may report only on the measures you are responsible for",
            field="measure_id",
            rule="not-responsible",
        )
