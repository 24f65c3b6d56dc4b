"""The OpenAPI description as a contract: every error an operation can answer, as `Problem`
under `application/problem+json`; the response headers; unique schema names.

The statuses are derived from what each route depends on (a verified actor, a write's options,
a read model, a path id, a body), so a new route gets its errors declared without a list to keep.
The committed copy is `docs/openapi.json` (`planspor openapi`); `tests/api/test_openapi.py`
fails when the served description differs from it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from api.deps import Consistency, current_actor, get_reads, write_options
from api.evidence_schemas import EvidencePackContent
from api.openapi_compat import breaking
from api.openapi_parts import ERRORS, HEADERS, IF_MATCH, TAGS
from api.problem import PROBLEM_MEDIA_TYPE, FieldError, Problem

REF = "#/components/schemas/"
RENAMED = {
    "domain__values__DecisionOutcome": "PlanDecisionOutcome",
    "domain__complaint__DecisionOutcome": "ComplaintDecisionOutcome",
}
RESPONSES = {
    401: "Unauthenticated",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    412: "PreconditionFailed",
    413: "ContentTooLarge",
    422: "InvalidRequest",
    503: "Unavailable",
}
REQUEST_ID = {"$ref": "#/components/headers/X-Request-ID"}
API_VERSION = "1.2.0"
"""The contract's version (semantic): raise the major on a breaking change, the minor on an
addition; record each in docs/api-changelog.md. Independent of the package's version."""


def install(app: FastAPI) -> None:
    """Serve the contract at /openapi.json (built once, on first request)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = describe(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def describe(app: FastAPI) -> dict[str, Any]:
    spec = get_openapi(
        title=app.title,
        version=API_VERSION,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=TAGS,
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for route in _routes(app):
        for method in route.methods or ():
            _declare(route, spec["paths"][route.path_format][method.lower()])
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    for name, schema in _documented(Problem, FieldError, EvidencePackContent).items():
        schemas.setdefault(name, schema)
    spec["components"]["headers"] = {"X-Request-ID": HEADERS["X-Request-ID"]}
    spec["components"]["responses"] = {name: _problem_response(s) for s, name in RESPONSES.items()}
    renamed = _renamed(spec)
    components = renamed["components"]
    components["schemas"] = dict(sorted(components["schemas"].items()))
    return renamed


def write(app: FastAPI, path: Path) -> list[str]:
    """Write the description; return the breaking changes against what `path` held."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.write_text(render(app), encoding="utf-8")
    return breaking(old, app.openapi()) if old else []


def render(app: FastAPI) -> str:
    return json.dumps(app.openapi(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _routes(app: FastAPI) -> Iterator[APIRoute]:
    """Every documented route, with its router's prefix and dependencies applied."""
    for context in iter_route_contexts(app.routes):
        route = cast("APIRoute", context)
        if isinstance(context.original_route, APIRoute) and route.include_in_schema:
            yield route


def statuses(route: APIRoute) -> list[int]:
    """The error statuses a route can answer, from what it depends on."""
    calls = set(_calls(route.dependant))
    found = {503}
    if current_actor in calls:
        found |= {401, 403}
    if write_options in calls:
        found |= {404, 409, 412, 422}
    if _has(route.dependant, "path_params"):
        found |= {404, 422}
    if _has(route.dependant, "query_params") or _has(route.dependant, "header_params"):
        found.add(422)
    if route.body_field is not None:
        found |= {413, 422}
    if get_reads in calls or Consistency in calls:
        found.add(503)
    return sorted(found)


def _has(dependant: Dependant, params: str) -> bool:
    """Whether the route or any of its dependencies takes parameters of this kind."""
    return bool(getattr(dependant, params)) or any(_has(d, params) for d in dependant.dependencies)


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any] | None]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def _declare(route: APIRoute, operation: dict[str, Any]) -> None:
    if route.operation_id is None:  # a route without one: its function's name, camelCased
        head, *rest = route.name.split("_")
        operation["operationId"] = head + "".join(part.title() for part in rest)
    responses = operation["responses"]
    for response in responses.values():
        response.setdefault("headers", {})["X-Request-ID"] = REQUEST_ID
        if response["description"] == "Successful Response":
            response["description"] = "Created" if route.status_code == 201 else "OK"
    for status in sorted({*statuses(route), *(int(s) for s in responses if s == "422")}):
        responses[str(status)] = {"$ref": f"#/components/responses/{RESPONSES[status]}"}
    if write_options in set(_calls(route.dependant)):
        success = responses[str(route.status_code or 200)]
        headers = success.setdefault("headers", {})
        for name in ("ETag", "Idempotent-Replayed"):
            headers.setdefault(name, HEADERS[name])
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "header" and parameter["name"].lower() == "if-match":
            parameter["description"] = IF_MATCH
            parameter["schema"] = {"type": "string", "examples": ['"7"']}


def _problem_response(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": ERRORS[status],
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": REF + "Problem"}}},
    }
    response["headers"] = {"X-Request-ID": REQUEST_ID}
    if status in (401, 503):
        name = "WWW-Authenticate" if status == 401 else "Retry-After"
        response["headers"][name] = HEADERS[name]
    return response


def _documented(*models: type[BaseModel]) -> dict[str, Any]:
    """Schemas of models the routes do not serialise (errors, the hashed pack content)."""
    found: dict[str, Any] = {}
    for model in models:
        schema = model.model_json_schema(ref_template=REF + "{model}", mode="serialization")
        found |= schema.pop("$defs", {}) | {model.__name__: schema}
    return found


def _renamed(spec: dict[str, Any]) -> dict[str, Any]:
    """Give module-qualified component names (two classes of one name) meaningful ones."""
    text = json.dumps(spec)
    for old, new in RENAMED.items():
        text = text.replace(f'"{REF}{old}"', f'"{REF}{new}"')
    renamed: dict[str, Any] = json.loads(text)
    schemas = renamed["components"]["schemas"]
    for old, new in RENAMED.items():
        if old in schemas:
            schemas[new] = schemas.pop(old) | {"title": new}
    return renamed
