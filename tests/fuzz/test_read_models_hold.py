"""Every command the API accepts is one every read model can apply: commands generated from the
API's own OpenAPI description (schemathesis' strategies, i.e. hypothesis) are sent over HTTP,
each write operation in turn, by the actor entitled to it (the user for the own part, a
participant for contributions, the complaint handlers for complaints), on a plan or complaint in
the state the operation needs. Every write operation must have commands accepted, and every
event type of a plan and a complaint must come out of generated commands; afterwards every read
model catches up to the head of the log without stopping, and equals a clean rebuild."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NOT_SET

from adapters.auth import issue_dev_token
from adapters.readmodels import builds
from adapters.readmodels.catalog import MODELS
from adapters.settings import Settings
from api.app import create_app
from api.catalogue import event_classes
from domain.complaint import Complaint
from domain.plan import Plan
from domain.values import AssuranceLevel, Role
from tests.conftest import ReadModels
from tests.readmodels.test_runner import _snapshot

PER_OPERATION = 8
WRITE_METHODS = {"post", "put", "patch", "delete"}

# Who may send each write (the rest: the coordinating unit). A command sent by someone it does
# not allow is refused before it makes an event, so it proves nothing about the read side.
USER = {"writeWhatMatters", "addOwnGoal", "answerGoal", "addEvaluationView", "limitConsent"}
USER |= {"fileComplaint", "withdrawComplaint"}
PARTICIPANT = {"reportMeasure", "recordContribution", "answerInvitation", "addToMinutes"}
HANDLER = {"reviewComplaint", "attachEvidence", "forwardComplaint"}
STATE_HANDLER = {"decideComplaint"}

# What must have happened to a fresh plan (or complaint) before an operation can be accepted.
PLAN_STEPS: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "resumePlan": [("post", "/suspension", {"reason": "Opphold"})],
    "reopenPlan": [("post", "/closure", {"reason": "Flyttet"})],
    "removeDeputy": [("put", "/deputy", {"deputy": {"person_id": "d-1", "name": "Dag"}})],
}
# Operations whose accepted command uses up what the next one needs: a fresh world after each.
USED_UP = {"suspendPlan", "resumePlan", "closePlan", "reopenPlan", "decidePlan", "withdrawConsent"}
USED_UP |= {"removeDeputy", "replaceCoordinator", "recordCoordinatorWithdrew", "removeParticipant"}
USED_UP |= {"recordUserDeclined", "limitConsent", "answerInvitation", "fileComplaint"}
USED_UP |= {"reportMeasure", "changeMeasureStatus"}  # a measure moves on from its status
PATH_IDS = {"limitConsent": {"consent_id": "sharing_id"}}  # a sharing consent is limited
NO_COORDINATOR = {"appointCoordinator"}
COMPLAINT_STEPS = {
    "reviewComplaint": 0,
    "withdrawComplaint": 0,
    "attachEvidence": 1,
    "forwardComplaint": 2,
    "decideComplaint": 3,
}
USED_UP |= set(COMPLAINT_STEPS)

# Generated values within what the write side promises to accept (decision 0011), so that
# generated commands get through: text without control characters, instants between 1900 and
# now with whole-minute offsets within ±14:00, days between 1900 and 2199. What is refused is
# the schemathesis run's and tests/api/test_refused_input.py's business.
ACCEPTABLE_TEXT = r"^[^\x00-\x1f\x7f-\x9f]*$"
# A reason is required (non-blank) wherever something is changed, refused or withdrawn, and a
# person is identified, which the description leaves to the 422: the narrowed one gives both.
A_REASON = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
INSTANTS = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2026, 1, 1), timezones=OFFSETS
).map(datetime.isoformat)
NEAR = st.dates(
    min_value=date.today() - timedelta(days=700), max_value=date.today() + timedelta(700)
)
DAYS = (NEAR | st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))).map(
    date.isoformat
)
schemathesis.openapi.format("planspor-instant", INSTANTS | st.just(datetime.now(UTC).isoformat()))
schemathesis.openapi.format("planspor-day", DAYS | st.just(date.today().isoformat()))


def _acceptable(schema: Any) -> Any:
    """The description with each free string, time and day narrowed to what is accepted."""
    if isinstance(schema, list):
        return [_acceptable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    narrowed = {key: _acceptable(value) for key, value in schema.items()}
    if narrowed.get("type") == "string":
        kind = narrowed.get("format")
        if kind in ("date-time", "date"):
            narrowed["format"] = "planspor-instant" if kind == "date-time" else "planspor-day"
        elif not ({"format", "enum", "pattern", "const"} & set(narrowed)):
            narrowed["pattern"] = ACCEPTABLE_TEXT
    if "next_revision_on" in narrowed.get("properties", {}):  # "Required", though nullable
        narrowed["properties"]["next_revision_on"] = {"type": "string", "format": "planspor-day"}
    if {"person_id", "national_id"} <= set(narrowed.get("properties", {})):  # one identifies
        narrowed["properties"]["person_id"] = {
            "type": "string",
            "maxLength": 100,
            "pattern": A_REASON,
        }
        narrowed["properties"]["national_id"] = {"enum": ["15076500565", None]}
        narrowed["required"] = sorted({*narrowed.get("required", []), "person_id"})
    if "reason" in narrowed.get("properties", {}):
        narrowed["properties"]["reason"] = {"type": "string", "maxLength": 200, "pattern": A_REASON}
        narrowed["required"] = sorted({*narrowed.get("required", []), "reason"})
    return narrowed


def _writes(spec: dict[str, Any]) -> dict[str, Any]:
    schema = schemathesis.openapi.from_dict(spec)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    return {
        operation.definition.raw["operationId"]: operation
        for operation in operations
        if operation.method in WRITE_METHODS
    }


SPEC = create_app(Settings()).openapi()
WRITES = _writes(_acceptable(SPEC))


def body_of(case: Any) -> dict[str, Any]:
    """The generated body as request keywords (none when the operation takes none)."""
    return {} if case.body is None or case.body is NOT_SET else {"json": case.body}


def _with_ids(value: Any, ids: dict[str, str]) -> Any:
    """A generated body whose references (plan, participant) name the real ones."""
    if isinstance(value, list):
        return [_with_ids(item, ids) for item in value]
    if not isinstance(value, dict):
        return value
    real = {"plan_id": ids["plan_id"], "participant_id": ids["participant_id"]}
    real |= {"responsible_participant_id": ids["participant_id"], "municipality": "5001"}
    shown = {key: real.get(key, _with_ids(item, ids)) for key, item in value.items()}
    shown.pop("complainant", None)  # the user files in their own name
    if "participant_ids" in shown:
        shown["participant_ids"] = [ids["participant_id"]]
    return shown


class World:
    """A fresh plan for each generated command — coordinator, a participant sharing it, a goal,
    a measure of hers, a meeting she attended, an evaluation, an invitation, an agreed version —
    and a complaint on it."""

    def __init__(self, client: TestClient, settings: Settings) -> None:
        self.client, self.settings, self.counter = client, settings, itertools.count()
        self.position = 0  # the log position of the last write this world made itself
        self.ready: tuple[str, dict[str, str]] | None = None  # (operation, ids) to reuse

    def headers(self, role: Role, person_id: str = "k-100", **claims: Any) -> dict[str, str]:
        token = issue_dev_token(
            self.settings, person_id=person_id, name="N N", role=role, municipality="5001", **claims
        )
        return {"Authorization": f"Bearer {token}"}

    def actor(self, operation_id: str, ids: dict[str, str]) -> dict[str, str]:
        """The headers of the actor entitled to an operation on this world's plan."""
        if operation_id in USER:
            return self.headers(Role.USER, ids["person"], assurance=AssuranceLevel.HIGH)
        if operation_id in PARTICIPANT:
            return self.headers(Role.SERVICE_PROVIDER, ids["nurse"])
        if operation_id in HANDLER:
            return self.headers(Role.COMPLAINT_HANDLER, "kb-1")
        if operation_id in STATE_HANDLER:
            return self.headers(Role.STATE_COMPLAINT_HANDLER, "sf-1", office="trondelag")
        return self.headers(Role.COORDINATING_UNIT)

    def post(
        self,
        path: str,
        body: dict[str, Any],
        role: Role,
        person: str = "k-100",
        method: str = "post",
    ) -> Any:
        response = self.client.request(method, path, json=body, headers=self.headers(role, person))
        assert response.status_code in (200, 201), response.text
        self.position = response.json()["position"]
        return response.json()

    def fresh(self, coordinator: bool = True) -> dict[str, str]:
        n, unit = next(self.counter), Role.COORDINATING_UNIT
        person, nurse = f"p-{n}", f"s-{n}"
        plan = self.post(
            "/plans",
            {
                "municipality": "5001",
                "responsible_unit": {"unit_id": "ke", "name": "KE"},
                "subject": {"name": "Ola", "person_id": person},
                "source": "gp",
            },
            unit,
        )["plan_id"]

        def made(url: str, body: dict[str, Any]) -> str:
            return str(self.post(f"/plans/{plan}{url}", body, unit).get("created_id"))

        consent = made("/consents", {"scope": "plan", "given_by": "user"})
        if coordinator:
            made("/coordinator", {"coordinator": {"person_id": "k-1", "name": "Kari"}})
        participant = {"name": "Nina", "role": "service_provider", "sector": "care"}
        participant_id = made("/participants", {"participant": participant | {"person_id": nurse}})
        until = (date.today() + timedelta(days=30)).isoformat()
        sharing = {"scope": "sharing", "given_by": "user", "valid_until": until}
        sharing_id = made("/consents", sharing | {"participant_id": participant_id})
        goal = {"text": "Mål", "formulated_by": "professional", "user_agreement": "pending"}
        measure = {"title": "Tiltak", "responsible_service": "Hjemmesykepleien"}
        attendee = {"name": "Nina", "role": "service_provider", "person_id": nurse}
        meeting = {"user_attended": True, "agenda_prepared_with_user": True}
        evaluation = {"user_took_part": True, "outcome": "Videre", "next_revision_on": until}
        invitation = {"meets_on": until, "place": "Helsehuset", "participant_ids": [participant_id]}
        return {
            "plan_id": plan,
            "person": person,
            "nurse": nurse,
            "consent_id": consent,
            "sharing_id": sharing_id,
            "participant_id": participant_id,
            "goal_id": made("/goals", goal),
            "measure_id": made(
                "/measures", {"measure": measure | {"responsible_participant_id": participant_id}}
            ),
            "meeting_id": made("/meetings", {"meeting": meeting | {"attendees": [attendee]}}),
            "evaluation_id": made("/evaluations", {"evaluation": evaluation}),
            "invitation_id": made("/invitations", invitation),
            "number": str(
                self.post(f"/plans/{plan}/versions", {"agreed_with_user": True}, unit)["created_id"]
            ),
        }

    def complaint(self, ids: dict[str, str], steps: int = 0) -> str:
        """A complaint on the world's plan, taken `steps` along review, evidence, forwarding."""
        body = {
            "plan_id": ids["plan_id"],
            "grounds": ["lack_of_user_participation"],
            "complainants_words": "Ingen spurte meg",
            "knew_on": date.today().isoformat(),
            "period": {"from": date(2026, 1, 1).isoformat(), "to": date.today().isoformat()},
        }
        filed = self.post("/complaints", body, Role.USER, ids["person"])
        path = f"/complaints/{filed['complaint_id']}"
        review = {"outcome": "maintained", "reason": "Planen står"}
        for url, step in [("/review", review), ("/evidence", {}), ("/forwarding", {})][:steps]:
            self.post(path + url, step, Role.COMPLAINT_HANDLER, "kb-1")
        return str(filed["complaint_id"])

    def prepare(self, operation_id: str) -> dict[str, str]:
        ids = self.fresh(coordinator=operation_id not in NO_COORDINATOR)
        for key, real in PATH_IDS.get(operation_id, {}).items():
            ids[key] = ids[real]
        for method, url, body in PLAN_STEPS.get(operation_id, []):
            self.post(f"/plans/{ids['plan_id']}{url}", body, Role.COORDINATING_UNIT, method=method)
        if operation_id in COMPLAINT_STEPS:
            ids["complaint_id"] = self.complaint(ids, COMPLAINT_STEPS[operation_id])
        return ids

    def send(self, case: Any) -> Any:
        """The generated command, on real ids, by the actor entitled to it: on the world the
        operation's last command left, unless that one was accepted and used it up."""
        operation_id = case.operation.definition.raw["operationId"]
        if self.ready is not None and self.ready[0] == operation_id:
            ids = self.ready[1]
        else:
            ids = self.prepare(operation_id)
        self.ready = (operation_id, ids)
        path = case.operation.path.format(
            **{k: ids.get(k, v) for k, v in case.path_parameters.items()}
        )
        kwargs = {"json": _with_ids(case.body, ids)} if body_of(case) else {}
        response = self.client.request(
            case.method,
            path,
            params=case.query or None,
            headers=self.actor(operation_id, ids),
            **kwargs,
        )
        if response.is_success and operation_id in USED_UP:
            self.ready = None
        return response


@pytest.fixture
def world(pg_env: dict[str, str], tmp_path: Any) -> Iterator[World]:
    from adapters.auth import build_verifier  # noqa: PLC0415
    from application.service import Planspor  # noqa: PLC0415

    app_settings = Settings(data_dir=tmp_path)
    app = create_app(
        app_settings, planspor=Planspor(env=pg_env), verifier=build_verifier(app_settings)
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        yield World(client, app_settings)


def _types_at(models: ReadModels, positions: set[int]) -> Counter[str]:
    """The event types stored at these log positions (a topic ends in `Plan.GoalAdded`)."""
    head = models.app.recorder.max_notification_id() or 0
    notifications = models.app.recorder.select_notifications(start=1, limit=head + 1)
    return Counter(
        n.topic.rsplit(".", 1)[-1] for n in notifications if n.id in positions
    )  # fmt: skip


def _sender(world: World, operation: Any, statuses: Counter[int], positions: set[int]) -> Any:
    """A hypothesis test sending an operation's generated commands; it counts the statuses and
    keeps the log positions of the events accepted commands made."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def send(case: Any) -> None:
        response = world.send(case)
        made = range(world.position + 1, int(response.json().get("position", 0)) + 1)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (case.path, case.body, response.text)
        if response.is_success:
            positions.update(made)

    return send


def test_every_command_the_api_accepts_is_applied_by_every_read_model(
    world: World, pg_env: dict[str, str]
) -> None:
    statuses: dict[str, Counter[int]] = {name: Counter() for name in WRITES}
    positions: set[int] = set()
    for name, operation in WRITES.items():
        _sender(world, operation, statuses[name], positions)()

    print({name: dict(s) for name, s in statuses.items()})
    refused = {name: dict(s) for name, s in statuses.items() if not any(c < 300 for c in s)}
    assert refused == {}, f"operations with no generated command accepted: {refused}"
    models = ReadModels(pg_env)
    try:
        models.catch_up()
        head = models.app.recorder.max_notification_id()
        assert models.runner.failed == {}
        assert {name: view.position() for name, view in models.runner.views.items()} == {
            name: head for name in models.runner.views
        }
        generated = _types_at(models, positions)
        every = {event.__name__ for event in event_classes(Plan) + event_classes(Complaint)}
        assert every - set(generated) == set(), "event types no generated command made"
        incremental = _snapshot(models)
        for model in MODELS:
            builds.rebuild(models.app, pg_env, model, grace=0)
        assert _snapshot(models) == incremental
    finally:
        models.close()
