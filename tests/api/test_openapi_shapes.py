"""Named schemas change the description, not the JSON: for every demo plan, complaint and event,
the typed response equals the aggregate's state (or the event's payload) dumped as it is, key for
key. A part schema that loses or gains a key, or a domain part that gains one, fails here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, fields, is_dataclass
from datetime import date, timedelta
from typing import Any, TypeVar, cast
from uuid import UUID

import pytest
from pydantic import TypeAdapter

from api.catalogue import BASE_FIELDS, event_classes
from api.complaint_schemas import ComplaintOut
from api.demo import HANDLER, DemoLoader
from api.demo_caseload import Step
from api.event_schemas import complaint_event, plan_event
from api.evidence_schemas import EvidencePackContent
from api.schemas import PlanOut
from application import commands as c
from application.service import Planspor
from domain.complaint import Complaint
from domain.evidence import Period
from domain.plan import Plan

AS_JSON = TypeAdapter[Any](Any)
Event = TypeVar("Event", Plan.Event, Complaint.Event)


def _every_other_step() -> list[Step]:
    """What the demo plans leave out, so that every event type is shown once at least."""
    person = {"person_id": "k-200", "name": "Per Koordinator", "unit": "Hjemmetjenesten"}
    goal = {"formulated_by": "professional", "user_agreement": "pending"}
    steps = [
        c.GiveConsent(scope="plan", given_by="user"),
        c.AppointCoordinator(coordinator={"person_id": "k-100", "name": "Kari Koordinator"}),
        c.AppointDeputy(deputy={"person_id": "d-1", "name": "Dag Stedfortreder"}),
        c.RemoveDeputy(reason="Permisjon"),
        c.ReplaceCoordinator(coordinator=person, handover_note="Overlapp", reason="Ny jobb"),
        c.RecordCoordinatorWithdrew(reason="Sykmeldt"),
        c.AddParticipant(participant={"name": "Ola", "role": "other", "sector": "nav"}),
        c.RemoveParticipant(participant_id="$AddParticipant", reason="Ferdig"),
        c.AddGoal(text="Lære å lage middag", **goal),
        c.ReviseGoal(
            goal_id="$AddGoal", text="Lage middag", user_agreement="pending", reason="Ord"
        ),
        c.ConfirmGoal(goal_id="$AddGoal"),
        c.MarkGoalAchieved(goal_id="$AddGoal"),
        c.AddGoal(text="Sykle til jobb", **goal),
        c.DropGoal(goal_id="$AddGoal", reason="Ikke aktuelt"),
        c.RecordResource(description="Glad i å lage mat"),
        c.AddMeasure(measure={"title": "Matlaging", "responsible_service": "Hjemmetjenesten"}),
        c.ChangeMeasureStatus(measure_id="$AddMeasure", status="applied_for"),
        c.RecordCooperationPartner(partner={"organisation": "NAV Østbyen", "sector": "nav"}),
        c.Suspend(reason="Institusjonsopphold"),
        c.Resume(),
        c.RecordUserDeclined(reason="Vil tenke seg om"),
        c.Close(reason="Flyttet"),
        c.Reopen(reason="Flyttet tilbake"),
    ]
    return [Step(len(steps) - number, command) for number, command in enumerate(steps)]


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Planspor, list[UUID]]]:
    app = Planspor(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    loader = DemoLoader(app)
    plan_ids = loader.load()
    subject = {"name": "Siv Testesen", "person_id": "p-shapes"}
    plan_ids.append(loader._plan("api-shapes", subject, _every_other_step()))
    yield app, plan_ids
    app.close()


def _raw(value: Any) -> Any:
    """A state value as JSON, dataclasses as their fields, nothing renamed or dropped."""
    if is_dataclass(value) and not isinstance(value, type):
        return _raw(asdict(value))
    if isinstance(value, dict):
        return {key: _raw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_raw(item) for item in value]
    return AS_JSON.dump_python(value, mode="json")


def _plan_state(plan: Plan) -> dict[str, Any]:
    state = {name: getattr(plan, name, None) for name in PlanOut.model_fields}
    raw: dict[str, Any] = _raw(
        state
        | {
            "recorded_at": plan.modified_on,
            "consents": list(plan.consents.values()),
            "participants": list(plan.participants.values()),
            "goals": list(plan.goals.values()),
            "measures": list(plan.measures.values()),
            "last_activity_at": plan.last_effective_at,
            "invitations": list(plan.invitations.values()),
        }
    )
    return raw


def _every_version(app: Planspor, plan_ids: list[UUID]) -> Iterator[Plan]:
    for plan_id in plan_ids:
        head: int = app.repository.get(plan_id).version
        for version in range(1, head + 1):
            plan: Plan = app.repository.get(plan_id, version=version)
            assert isinstance(plan, Plan)
            yield plan


def test_a_plan_shows_its_state_key_for_key(demo: tuple[Planspor, list[UUID]]) -> None:
    app, plan_ids = demo
    for plan in _every_version(app, plan_ids):
        assert PlanOut.of(plan).model_dump(mode="json") == _plan_state(plan)


def test_the_plans_cover_every_part_of_a_plan(demo: tuple[Planspor, list[UUID]]) -> None:
    app, plan_ids = demo
    shown = [PlanOut.of(plan) for plan in _every_version(app, plan_ids)]
    for name in ("decision", "coordinator_unit", "coordinator", "deputy", "period"):
        assert any(getattr(plan, name) is not None for plan in shown), name
    for name in ("mappings", "goals", "resources", "needs", "measures", "cooperation"):
        assert any(getattr(plan, name) for plan in shown), name
    for name in ("meetings", "evaluations", "versions", "participants", "consents"):
        assert any(getattr(plan, name) for plan in shown), name


def _payload(event: Plan.Event | Complaint.Event) -> dict[str, Any]:
    raw: dict[str, Any] = _raw(
        {f.name: getattr(event, f.name) for f in fields(event) if f.name not in BASE_FIELDS}
    )
    return raw


def _events(app: Planspor, originator_id: UUID, kind: type[Event]) -> list[Event]:
    events = list(app.events.get(originator_id))
    assert all(isinstance(event, kind) for event in events)
    return cast("list[Event]", events)


def test_every_event_shows_its_payload_key_for_key(demo: tuple[Planspor, list[UUID]]) -> None:
    app, plan_ids = demo
    seen = set()
    for plan_id in plan_ids:
        for event in _events(app, plan_id, Plan.Event):
            shown = plan_event(event).model_dump(mode="json")
            assert (shown["type"], shown["data"]) == (type(event).__name__, _payload(event))
            seen.add(shown["type"])
    assert seen == {event.__name__ for event in event_classes(Plan)}


def test_a_complaint_shows_its_state_key_for_key(demo: tuple[Planspor, list[UUID]]) -> None:
    app, plan_ids = demo
    complaint_id = DemoLoader(app)._complaint(plan_ids[2])
    complaint: Complaint = app.repository.get(complaint_id)
    steps = _events(app, complaint_id, Complaint.Event)
    shown = ComplaintOut.of(complaint, steps).model_dump(mode="json", by_alias=True)
    state = {name: getattr(complaint, name, None) for name in ComplaintOut.model_fields}
    expected = _raw(state | {"id": complaint.id, "version": complaint.version})
    assert {k: v for k, v in shown.items() if k != "steps"} == {
        k: v for k, v in expected.items() if k != "steps"
    }
    assert [s["data"] for s in shown["steps"]] == [_payload(step) for step in steps]
    assert [complaint_event(s).type for s in steps] == ["Received", "Reviewed", "EvidenceAttached"]


def test_an_evidence_pack_is_described_key_for_key(demo: tuple[Planspor, list[UUID]]) -> None:
    app, plan_ids = demo
    period = Period(date.today() - timedelta(days=900), date.today())
    for plan_id in plan_ids:
        content = app.evidence_pack(plan_id, HANDLER, period, None, "klage 2026/1").content
        described = EvidencePackContent.model_validate(content)
        assert described.model_dump(mode="json", by_alias=True, exclude_unset=True) == content
    assert described.goals and described.coordinator_changes and described.professional_overrides
