"""The access policy, cell by cell: every role against every plan action and general action."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from application.access import GENERAL_MATRIX, PLAN_ACTIONS, Action, Policy, in_unit
from application.complaint_access import list_scope
from application.errors import AccessDeniedError, PlanNotFoundError, UnitRequiredError
from domain.offices import OFFICE_ROLES
from domain.plan import Plan
from domain.values import Actor, AssuranceLevel, ConsentScope, Role
from tests.domain.builders import meta

TODAY = date.today()
OK, HIDDEN, DENIED = "allowed", "not found", "forbidden"


def actor(
    person: str,
    role: Role,
    municipality: str = "5001",
    office: str = "",
    assurance: AssuranceLevel = AssuranceLevel.HIGH,
    unit: str = "Hjemmetjenesten",
) -> Actor:
    """State bodies act for an office: Trøndelag's (which covers 5001) unless told otherwise.
    Logged in at level high unless told otherwise (the user's own writes need it). Every login
    names a unit (a unit leader's lists are narrowed to it) unless told otherwise."""
    office = office or ("trondelag" if role in OFFICE_ROLES else "")
    return Actor(
        person_id=person,
        name=person,
        role=role,
        municipality=municipality,
        office=office,
        assurance=assurance,
        unit=unit,
    )


@pytest.fixture(scope="module")
def plan() -> Plan:
    """Ola's plan: coordinator k-1, deputy k-2, nurse s-1 with a sharing consent, s-2 without,
    and a guardian r-1 who consented on Ola's behalf."""
    plan = Plan.receive_request(
        meta(ago=timedelta(days=5)),
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "KE"},
        subject={"name": "Ola", "person_id": "p-ola"},
        source="gp",
    )
    plan.give_consent(
        meta(),
        scope=ConsentScope.PLAN,
        given_by="representative",
        representative={"name": "Vera", "basis": "guardianship", "person_id": "r-1"},
    )
    plan.appoint_coordinator(meta(), coordinator={"person_id": "k-1", "name": "Kari"})
    plan.appoint_deputy(meta(), deputy={"person_id": "k-2", "name": "Dag"})
    for person in ("s-1", "s-2"):
        pid = plan.add_participant(
            meta(),
            participant={
                "name": person,
                "role": "service_provider",
                "sector": "care",
                "person_id": person,
            },
        )
        if person == "s-1":
            plan.give_consent(
                meta(),
                scope=ConsentScope.SHARING,
                given_by="user",
                participant_id=pid,
                valid_until=TODAY + timedelta(days=30),
            )
    return plan


R, W, C, K, L, M, P, D = (
    Action.READ_CONTENT,
    Action.WRITE_CONTENT,
    Action.CONSENT,
    Action.COORDINATE,
    Action.READ_READ_LOG,
    Action.WRITE_OWN,
    Action.CONTRIBUTE,
    Action.DOWNLOAD,
)
NONE_OF_THE_OWN = {M: DENIED, P: DENIED, D: DENIED}
COORDINATOR_CELLS = {R: OK, W: OK, C: OK, K: DENIED, L: DENIED, M: DENIED, P: DENIED, D: OK}
CELLS: list[tuple[Actor, str | None, dict[Action, str]]] = [
    (
        actor("p-ola", Role.USER),
        None,
        {R: OK, W: DENIED, C: OK, K: DENIED, L: OK, M: OK, P: DENIED, D: OK},
    ),
    (  # the user's own writes need a high login; reading does not
        actor("p-ola", Role.USER, assurance=AssuranceLevel.SUBSTANTIAL),
        None,
        {R: OK, W: DENIED, C: DENIED, K: DENIED, L: OK, M: DENIED, P: DENIED, D: OK},
    ),
    (actor("p-x", Role.USER), None, dict.fromkeys(PLAN_ACTIONS, HIDDEN)),
    (
        actor("r-1", Role.REPRESENTATIVE),
        None,
        {R: OK, W: DENIED, C: OK, K: DENIED, L: OK, M: OK, P: DENIED, D: OK},
    ),
    (actor("r-x", Role.REPRESENTATIVE), None, dict.fromkeys(PLAN_ACTIONS, HIDDEN)),
    (
        actor("k-1", Role.COORDINATOR),
        None,
        {R: OK, W: OK, C: OK, K: DENIED, L: DENIED, M: DENIED, P: DENIED, D: OK},
    ),
    (
        actor("k-2", Role.COORDINATOR),
        None,
        {R: OK, W: OK, C: OK, K: DENIED, L: DENIED, M: DENIED, P: DENIED, D: OK},
    ),
    (actor("k-9", Role.COORDINATOR), None, dict.fromkeys(PLAN_ACTIONS, HIDDEN)),
    (
        actor("s-1", Role.SERVICE_PROVIDER),
        None,
        {R: OK, W: DENIED, C: DENIED, K: DENIED, L: DENIED, M: DENIED, P: OK, D: DENIED},
    ),
    (
        actor("s-2", Role.SERVICE_PROVIDER),
        None,
        {R: DENIED, W: DENIED, C: DENIED, K: DENIED, L: DENIED} | NONE_OF_THE_OWN,
    ),
    (actor("s-9", Role.SERVICE_PROVIDER), None, dict.fromkeys(PLAN_ACTIONS, HIDDEN)),
    (
        actor("ke-1", Role.COORDINATING_UNIT),
        None,
        dict.fromkeys(PLAN_ACTIONS, OK) | {M: DENIED, P: DENIED},
    ),
    (actor("ke-9", Role.COORDINATING_UNIT, "0301"), None, dict.fromkeys(PLAN_ACTIONS, HIDDEN)),
    (actor("l-1", Role.UNIT_LEADER), None, dict.fromkeys(PLAN_ACTIONS, DENIED)),
    (actor("l-9", Role.UNIT_LEADER, "0301"), None, dict.fromkeys(PLAN_ACTIONS, HIDDEN)),
    (
        actor("t-1", Role.SUPERVISOR, "0301"),
        "SF 2026/12",
        {R: OK, W: DENIED, C: DENIED, K: DENIED, L: OK} | NONE_OF_THE_OWN | {D: OK},
    ),
    (
        actor("t-1", Role.SUPERVISOR, "0301"),
        None,
        {R: DENIED, W: DENIED, C: DENIED, K: DENIED, L: DENIED} | NONE_OF_THE_OWN,
    ),
    (
        actor("c-1", Role.COMPLAINT_HANDLER),
        "K 2026/3",
        {R: OK, W: DENIED, C: DENIED, K: DENIED, L: DENIED} | NONE_OF_THE_OWN | {D: OK},
    ),
    (
        actor("c-2", Role.COMPLAINT_HANDLER, "0301"),
        "K 2026/3",
        dict.fromkeys(PLAN_ACTIONS, HIDDEN),
    ),
    (
        actor("sf-1", Role.STATE_COMPLAINT_HANDLER, "0301"),
        "SF 2026/40",
        {R: OK, W: DENIED, C: DENIED, K: DENIED, L: DENIED} | NONE_OF_THE_OWN | {D: OK},
    ),
    (
        actor("t-2", Role.SUPERVISOR, "0301", office="oslo-viken"),
        "SF 2026/12",
        dict.fromkeys(PLAN_ACTIONS, HIDDEN),
    ),
    (
        actor("sf-2", Role.STATE_COMPLAINT_HANDLER, "4601", office="vestland"),
        "SF 2026/40",
        dict.fromkeys(PLAN_ACTIONS, HIDDEN),
    ),
    (
        actor("h-1", Role.SUPERVISOR, "0301", office="helsetilsynet"),
        "Htil 2026/5",
        {R: OK, W: DENIED, C: DENIED, K: DENIED, L: OK} | NONE_OF_THE_OWN | {D: OK},
    ),
]


def outcome(policy: Policy, who: Actor, action: Action, plan: Plan, purpose: str | None) -> str:
    try:
        policy.on_plan(who, action, plan, TODAY, purpose)
    except PlanNotFoundError:
        return HIDDEN
    except AccessDeniedError:
        return DENIED
    return OK


@pytest.mark.parametrize(
    ("who", "purpose", "expected"),
    CELLS,
    ids=[f"{a.role}-{a.person_id}-{p or 'no-purpose'}" for a, p, _ in CELLS],
)
def test_each_role_and_relationship_gets_exactly_its_plan_actions(
    plan: Plan, who: Actor, purpose: str | None, expected: dict[Action, str]
) -> None:
    got = {action: outcome(Policy(), who, action, plan, purpose) for action in PLAN_ACTIONS}
    assert got == expected


def test_every_role_is_covered_by_the_cells() -> None:
    assert {Role(who.role) for who, _, _ in CELLS} == set(Role)


@pytest.mark.parametrize("action", list(GENERAL_MATRIX))
@pytest.mark.parametrize("role", list(Role))
def test_general_actions_follow_the_matrix(role: Role, action: Action) -> None:
    who = actor("x", role)
    purpose = "SF 2026/12" if role in (Role.SUPERVISOR, Role.COMPLAINT_HANDLER) else None
    try:
        Policy().general(who, action, purpose)
        allowed = True
    except AccessDeniedError:
        allowed = False
    assert allowed == (role in GENERAL_MATRIX[action])


def test_a_state_body_searches_only_municipalities_its_office_covers() -> None:
    trondelag = actor("t-1", Role.SUPERVISOR, "5001")
    assert Policy().general(trondelag, Action.READ_FIGURES, None, "5001").municipality == "5001"
    with pytest.raises(AccessDeniedError) as refused:
        Policy().general(trondelag, Action.READ_FIGURES, None, "4601")
    assert (refused.value.field, refused.value.rule) == ("municipality", "outside-office-reach")
    national = actor("h-1", Role.SUPERVISOR, "0301", office="helsetilsynet")
    assert Policy().general(national, Action.READ_FIGURES, None, "4601").municipality == "4601"


def test_a_supervisor_searching_the_audit_trail_must_state_a_purpose() -> None:
    with pytest.raises(AccessDeniedError) as refused:
        Policy().general(actor("t-1", Role.SUPERVISOR), Action.SEARCH_AUDIT, None)
    assert refused.value.field == "purpose"


def test_expired_sharing_consent_is_no_consent(plan: Plan) -> None:
    nurse = actor("s-1", Role.SERVICE_PROVIDER)
    later = TODAY + timedelta(days=31)
    with pytest.raises(AccessDeniedError) as refused:
        Policy().on_plan(nurse, Action.READ_CONTENT, plan, later)
    assert refused.value.rule == "consent-required"


def test_leaders_and_coordinators_get_scoped_lists() -> None:
    leader = Policy().general(actor("l-1", Role.UNIT_LEADER), Action.LIST_PLANS)
    coordinator = Policy().general(actor("k-1", Role.COORDINATOR), Action.LIST_PLANS)
    assert leader.only_coordinator is None and leader.only_unit == "Hjemmetjenesten"
    assert coordinator.only_coordinator == "k-1" and coordinator.only_unit is None
    row = {"plan_id": "p", "subject_name": "Ola", "title": "Fysio", "unknown_column": "x"}
    assert leader.view.show(row) == {
        "plan_id": "p",
        "subject_name": None,
        "title": None,
        "unknown_column": None,
    }
    assert coordinator.view.show(row) == row


@pytest.mark.parametrize("action", [Action.LIST_PLANS, Action.READ_WORKLISTS])
def test_a_leaders_lists_are_their_units_and_without_a_unit_refused(action: Action) -> None:
    assert Policy().general(actor("l-1", Role.UNIT_LEADER), action).only_unit == "Hjemmetjenesten"
    whole = Policy().general(actor("ke-1", Role.COORDINATING_UNIT), action)
    assert whole.only_unit is None  # the coordinating unit's lists: the municipality
    with pytest.raises(UnitRequiredError) as refused:
        Policy().general(actor("l-1", Role.UNIT_LEADER, unit=""), action)
    assert (refused.value.field, refused.value.rule) == ("token.unit", "unit-required")
    assert isinstance(refused.value, AccessDeniedError)  # a 403, like every refusal


def test_a_leader_without_a_unit_still_reads_the_figures() -> None:
    grant = Policy().general(actor("l-1", Role.UNIT_LEADER, unit=""), Action.READ_FIGURES)
    assert grant.only_unit is None and grant.municipality == "5001"


def test_a_plan_is_in_the_unit_its_id_or_name_names() -> None:
    assert in_unit("Hjemmetjenesten Vest", "hjem-vest", "Hjemmetjenesten Vest")
    assert in_unit("hjem-vest", "hjem-vest", "Hjemmetjenesten Vest")
    assert not in_unit("Hjemmetjenesten", "hjem-vest", "Hjemmetjenesten Vest")
    assert not in_unit("", "", "")  # no claim names no unit


def test_commands_marked_sensitive_need_high_assurance() -> None:
    policy = Policy(frozenset({"WithdrawConsent"}))
    substantial = actor("k-1", Role.COORDINATOR, assurance=AssuranceLevel.SUBSTANTIAL)
    with pytest.raises(AccessDeniedError) as refused:
        policy.command(substantial, "WithdrawConsent")
    assert refused.value.rule == "assurance-too-low"
    high = Actor(
        person_id="k-1",
        name="k",
        role=Role.COORDINATOR,
        municipality="5001",
        assurance=AssuranceLevel.HIGH,
    )
    policy.command(high, "WithdrawConsent")
    policy.command(substantial, "AddGoal")


def test_statsforvalteren_lists_the_complaints_of_its_own_counties_only() -> None:
    vestland = actor("sf-2", Role.STATE_COMPLAINT_HANDLER, "4601", office="vestland")
    scope = list_scope(vestland, None, None)
    assert scope.counties == ("12", "14", "46")
    with pytest.raises(AccessDeniedError) as refused:
        list_scope(vestland, None, "5001")
    assert refused.value.field == "municipality"
    national = actor("h-1", Role.SUPERVISOR, "0301", office="helsetilsynet")
    assert list_scope(national, "Htil 2026/5", "5001").counties is None
