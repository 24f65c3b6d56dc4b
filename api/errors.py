"""Every error becomes RFC 9457 problem+json here, in one place: the field, the rule, the status."""

from __future__ import annotations

from typing import Any

import psycopg
import psycopg_pool
import structlog
from eventsourcing import persistence as es_errors
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from adapters.auth import AuthenticationError
from adapters.logging import trace
from adapters.readmodels.reads import BeyondHeadError, NotCaughtUpError, ReadModelNotBuiltError
from application import errors as app_errors
from domain import errors as domain_errors

PROBLEM_BASE = "https://planspor.no/problems/"
log = structlog.get_logger("planspor.errors")

STATUS: list[tuple[type[Exception], int, str]] = [
    (domain_errors.RuleViolation, 422, "The request breaks a rule of the plan"),
    (domain_errors.StateConflict, 409, "The request does not fit the plan's current state"),
    (domain_errors.NotFoundInPlan, 404, "The plan has no such item"),
    (app_errors.PlanNotFoundError, 404, "Plan not found"),
    (app_errors.ComplaintNotFoundError, 404, "Complaint not found"),
    (app_errors.PreconditionFailedError, 412, "The plan has changed since you read it"),
    (app_errors.ConcurrentWriteError, 409, "Concurrent change"),
    (app_errors.IdempotencyKeyReusedError, 422, "Idempotency key reused"),
    (app_errors.AccessDeniedError, 403, "Not allowed"),
    (app_errors.ReadNotLoggedError, 503, "Read refused: it could not be logged"),
    (app_errors.OutcomeUnknownError, 503, "Outcome unknown: retry with the same Idempotency-Key"),
]
UNAVAILABLE = (
    es_errors.OperationalError,
    es_errors.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    psycopg_pool.PoolTimeout,
)


def problem(
    request: Request,
    status: int,
    title: str,
    *,
    rule: str,
    detail: str | None = None,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": PROBLEM_BASE + rule,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "field": field,
        "rule": rule,
        "request_id": request.scope.get("state", {}).get("request_id"),
        **extra,
    }
    return JSONResponse(
        {k: v for k, v in body.items() if v is not None},
        status_code=status,
        media_type="application/problem+json",
        headers=headers,
    )


async def _known(request: Request, error: Exception) -> JSONResponse:
    status, title = next((s, t) for cls, s, t in STATUS if isinstance(error, cls))
    extra: dict[str, Any] = {}
    if isinstance(error, domain_errors.DomainError):  # every rule names what it is about
        extra["fields"] = list(error.fields)
    if isinstance(error, domain_errors.OpenPlanExists):
        extra["existing_plan_id"] = error.existing_plan_id
    return problem(
        request,
        status,
        title,
        rule=getattr(error, "rule", "error"),
        detail=getattr(error, "detail", str(error)),
        field=getattr(error, "field", None),
        headers={"Retry-After": "1"} if status == 503 else None,
        **extra,
    )


async def _validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [_field_error(e) for e in error.errors()]
    first = errors[0] if errors else {}
    return problem(
        request,
        422,
        "Invalid request",
        rule="validation",
        detail=first.get("message"),
        field=first.get("field"),
        pointer=first.get("pointer"),
        offset=first.get("offset"),
        errors=errors,
    )


def _field_error(error: Any) -> dict[str, Any]:
    """A field of the query, path or header by name; a place in the body as a JSON pointer
    (RFC 6901) besides the dotted field. A body that is not JSON at all has no member to point
    at: its pointer is the whole document (``""``) and `offset` the character where parsing
    failed."""
    location = list(error.get("loc", ()))
    found: dict[str, Any] = {"rule": str(error.get("type")), "message": _message(error)}
    if not location or location[0] != "body":
        return {"field": ".".join(str(part) for part in location)} | found
    inside = location[1:]
    if error.get("type") == "json_invalid":
        return {"pointer": "", "offset": inside[0] if inside else 0} | found
    pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in inside)
    return {"field": ".".join(str(p) for p in inside) or "body", "pointer": pointer} | found


def _message(error: Any) -> str:
    reason = (error.get("ctx") or {}).get("error")
    return f"{error.get('msg')}: {reason}" if isinstance(reason, str) else str(error.get("msg"))


async def _unauthenticated(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AuthenticationError)
    return problem(
        request,
        401,
        "Not authenticated",
        rule="authentication",
        detail=error.reason,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


async def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return problem(
        request,
        error.status_code,
        str(error.detail),
        rule=f"http-{error.status_code}",
        headers=dict(error.headers or {}),
    )


async def _not_caught_up(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NotCaughtUpError)
    return problem(
        request,
        503,
        "Read model not caught up",
        rule="read-model-behind",
        detail=str(error),
        field="min_position",
        headers={"Retry-After": "1"},
    )


async def _not_built(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ReadModelNotBuiltError)
    return problem(
        request,
        503,
        "Read model not built yet",
        rule="read-model-not-built",
        detail=str(error),
        headers={"Retry-After": "10"},
        read_model=error.model,
    )


async def _beyond_head(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, BeyondHeadError)
    return problem(
        request,
        422,
        "No write has returned this position",
        rule="beyond-head",
        detail=str(error),
        field="min_position",
        log_head=error.head,
    )


async def _unavailable(request: Request, error: Exception) -> JSONResponse:
    log.warning("database_unavailable", error_type=type(error).__name__)
    return problem(
        request,
        503,
        "Database unavailable",
        rule="database-unavailable",
        detail="The database could not be reached; try again shortly. Nothing is half-written: "
        "a write is stored whole or not at all (retry it with the same Idempotency-Key).",
        headers={"Retry-After": "1"},
    )


async def _not_comparable(request: Request, error: Exception) -> JSONResponse:
    return problem(
        request,
        422,
        "Invalid request",
        rule="invalid-value",
        detail="A value in the request cannot be used as given (e.g. a cursor from another list).",
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error("unhandled_error", error_type=type(error).__name__, trace=trace(error))
    return problem(
        request,
        500,
        "Internal error",
        rule="internal-error",
        detail="The error was logged with the request id.",
    )


def install(app: FastAPI) -> None:
    for cls, _, _ in STATUS:
        app.add_exception_handler(cls, _known)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(AuthenticationError, _unauthenticated)
    app.add_exception_handler(NotCaughtUpError, _not_caught_up)
    app.add_exception_handler(ReadModelNotBuiltError, _not_built)
    app.add_exception_handler(BeyondHeadError, _beyond_head)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(psycopg.errors.DataError, _not_comparable)
    for cls in UNAVAILABLE:
        app.add_exception_handler(cls, _unavailable)
    app.add_exception_handler(Exception, _unexpected)
