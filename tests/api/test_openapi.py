"""The OpenAPI description is a deliberate contract: committed, versioned, every error typed,
every name unique; a breaking change needs a new API version and a changelog entry."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from typing import Any

import pytest

from adapters.settings import Settings
from api import openapi
from api.app import create_app
from api.openapi_compat import breaking, changelog_versions, version_key
from api.openapi_parts import TAGS
from tests.conftest import ROOT

COMMITTED = ROOT / "docs" / "openapi.json"
CHANGELOG = ROOT / "docs" / "api-changelog.md"
REGENERATE = "run `.venv/bin/planspor openapi` and commit docs/openapi.json"


@pytest.fixture(scope="module")
def served() -> dict[str, Any]:
    return create_app(Settings()).openapi()


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return loaded


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op) for path, item in spec["paths"].items() for method, op in item.items()
    ]


def test_the_served_description_is_the_committed_one(served: dict[str, Any]) -> None:
    text = openapi.render(create_app(Settings()))
    assert text == COMMITTED.read_text(encoding="utf-8"), f"the API changed: {REGENERATE}"


def test_no_breaking_change_without_a_new_api_version_in_the_changelog(
    served: dict[str, Any], committed: dict[str, Any]
) -> None:
    changes = breaking(committed, served)
    if not changes:
        return
    was, now = committed["info"]["version"], served["info"]["version"]
    assert version_key(now)[0] > version_key(was)[0], (
        f"BREAKING changes for clients of API {was}; raise the major version of "
        f"api.openapi.API_VERSION and describe them in docs/api-changelog.md: {changes}"
    )
    assert now in changelog_versions(CHANGELOG), f"docs/api-changelog.md has no entry for {now}"


def test_the_changelog_describes_the_served_version(served: dict[str, Any]) -> None:
    versions = changelog_versions(CHANGELOG)
    assert versions[0] == served["info"]["version"]
    assert versions == sorted(versions, key=version_key, reverse=True)


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"]
    return found


CHANGES: list[tuple[str, Any]] = [
    ("path removed: /plans/{plan_id}/goals", lambda s: s["paths"].pop("/plans/{plan_id}/goals")),
    ("field removed: PlanOut.goals", lambda s: _schemas(s)["PlanOut"]["properties"].pop("goals")),
    (
        "enum value removed: UserAgreement ['pending']",
        lambda s: _schemas(s)["UserAgreement"]["enum"].remove("pending"),
    ),
    (
        "type narrowed: SubjectOut.birth_date no longer ['null']",
        lambda s: _schemas(s)["SubjectOut"]["properties"].update(birth_date={"type": "string"}),
    ),
    (
        "operation id changed: POST /plans (openPlan → createPlan)",
        lambda s: s["paths"]["/plans"]["post"].update(operationId="createPlan"),
    ),
    (
        "required field added: AddGoal.reason",
        lambda s: _schemas(s)["AddGoal"]["required"].append("reason"),
    ),
    ("schema removed: UnitOut", lambda s: _schemas(s).pop("UnitOut")),
]


@pytest.mark.parametrize(("expected", "change"), CHANGES)
def test_breaking_changes_are_found(committed: dict[str, Any], change: Any, expected: str) -> None:
    changed = copy.deepcopy(committed)
    change(changed)
    assert expected in breaking(committed, changed)


def test_additions_are_not_breaking(committed: dict[str, Any]) -> None:
    changed = copy.deepcopy(committed)
    changed["paths"]["/plans/{plan_id}/notes"] = {"get": {"operationId": "listNotes"}}
    changed["components"]["schemas"]["PlanOut"]["properties"]["notes"] = {"type": "string"}
    changed["components"]["schemas"]["UserAgreement"]["enum"].append("unsure")
    assert breaking(committed, changed) == []


def test_every_error_is_a_problem_under_problem_json(served: dict[str, Any]) -> None:
    text = json.dumps(served)
    assert "HTTPValidationError" not in text
    assert "ValidationError" not in served["components"]["schemas"]
    responses = served["components"]["responses"]
    for path, method, op in operations(served):
        errors = {s: r for s, r in op["responses"].items() if s[0] in "45"}
        assert "503" in errors, (method, path)
        for status, response in errors.items():
            content = responses[response["$ref"].rsplit("/", 1)[1]]["content"]
            assert content == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }, (method, path, status)
    problem = served["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "rule"} <= set(problem["required"])
    assert {"detail", "instance", "field", "pointer", "errors", "request_id"} <= set(
        problem["properties"]
    )


def test_each_operation_declares_the_statuses_it_can_answer(served: dict[str, Any]) -> None:
    declared = {(m, p): set(op["responses"]) for p, m, op in operations(served)}
    assert declared["post", "/plans/{plan_id}/goals"] == {
        "201", "401", "403", "404", "409", "412", "413", "422", "503"
    }  # fmt: skip
    assert declared["get", "/plans/{plan_id}"] == {"200", "401", "403", "404", "422", "503"}
    assert declared["get", "/plans"] == {"200", "401", "403", "422", "503"}
    assert declared["get", "/health"] == {"200", "503"}


def test_operation_ids_are_short_unique_camel_case_and_tags_are_known(
    served: dict[str, Any],
) -> None:
    ids = [op["operationId"] for _, _, op in operations(served)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", i) and len(i) <= 32 for i in ids), ids
    assert {"openPlan", "addGoal", "getPlanHistory", "decidePlan", "decideComplaint"} <= set(ids)
    known = {tag["name"] for tag in TAGS}
    assert all(set(op["tags"]) <= known and len(op["tags"]) == 1 for _, _, op in operations(served))


def test_schema_names_and_titles_are_unique(served: dict[str, Any]) -> None:
    schemas = served["components"]["schemas"]
    assert not [name for name in schemas if "__" in name or "-" in name]
    titles = Counter(schema.get("title", name) for name, schema in schemas.items())
    assert [title for title, count in titles.items() if count > 1] == []
    assert {"PlanDecisionOutcome", "ComplaintDecisionOutcome"} <= set(schemas)


def _untyped(schema: dict[str, Any]) -> bool:
    """An object with neither properties nor typed values: a client gets a bare dict."""
    return (
        schema.get("type") == "object"
        and not schema.get("properties")
        and (schema.get("additionalProperties") in (None, True, {}))
    )


def test_response_bodies_have_no_anonymous_objects(served: dict[str, Any]) -> None:
    schemas = served["components"]["schemas"]
    loose = []
    for name, schema in schemas.items():
        for field, prop in schema.get("properties", {}).items():
            options = [prop, *prop.get("anyOf", []), prop.get("items", {})]
            loose += [f"{name}.{field}" for option in options if _untyped(option)]
    assert loose == ["EvidenceGapOut.detail"]  # its keys depend on the gap's flag


def test_the_events_are_a_union_discriminated_on_type(served: dict[str, Any]) -> None:
    schemas = served["components"]["schemas"]
    items = schemas["EventPage"]["properties"]["items"]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    mapping = items["discriminator"]["mapping"]
    assert mapping["GoalAdded"] == "#/components/schemas/GoalAddedEvent"
    goal = schemas["GoalAddedData"]
    assert set(goal["required"]) == {"goal_id", "text", "formulated_by", "user_agreement"}
    appointed = schemas["CoordinatorAppointedData"]["properties"]["coordinator"]
    assert appointed == {"$ref": "#/components/schemas/PersonOut"}
    events = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `Plan\.(\w+)` \|", events, re.MULTILINE))
    assert documented == set(mapping)


def test_headers_and_the_if_match_format_are_declared(served: dict[str, Any]) -> None:
    paths = served["paths"]
    opened = paths["/plans"]["post"]["responses"]["201"]["headers"]
    assert {"Location", "ETag", "Idempotent-Replayed"} <= set(opened)
    assert "ETag" in paths["/plans/{plan_id}"]["get"]["responses"]["200"]["headers"]
    document = paths["/plans/{plan_id}/evidence-pack/document"]["get"]["responses"]["200"]
    assert {"X-Log-Position", "X-Content-SHA256"} <= set(document["headers"])
    if_match = next(
        p for p in paths["/plans/{plan_id}/goals"]["post"]["parameters"] if p["name"] == "if-match"
    )
    assert '"7"' in if_match["description"]
    for _, _, op in operations(served):
        success = next(r for s, r in op["responses"].items() if s.startswith("2"))
        assert success["headers"]["X-Request-ID"] == {"$ref": "#/components/headers/X-Request-ID"}
    unavailable = served["components"]["responses"]["Unavailable"]["headers"]
    assert {"X-Request-ID", "Retry-After"} == set(unavailable)
    export = paths["/audit-trail/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"text/csv", "application/x-ndjson"}
    assert all(media["schema"]["type"] == "string" for media in export.values())
