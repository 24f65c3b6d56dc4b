"""Dependency aliases: the application, the verified actor, and how a write arrived."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from adapters.auth import AuthenticationError, TokenVerifier
from adapters.readmodels.reads import ReadStore
from api.schemas import WriteResultOut
from application.commands import PlanCommand
from application.commands.base import CONTROL_IN_LINE
from application.idempotency import WriteResult
from application.service import Planspor, WriteOptions
from domain.values import Actor

ETAG = re.compile(r'^(?:W/)?"?(\d+)"?$')
bearer = HTTPBearer(auto_error=False, description="A JWT from the municipality's provider.")


def clean_query(request: Request) -> None:
    """No control character in any query parameter: no filter can hold one (PostgreSQL text
    cannot hold NUL), so it is refused with the parameter's name before any route runs."""
    for name, value in request.query_params.multi_items():
        if CONTROL_IN_LINE.search(name + value):
            raise RequestValidationError(
                [
                    {
                        "loc": ("query", name),
                        "type": "control_character",
                        "msg": "a query parameter may not contain control characters",
                    }
                ]
            )


def get_planspor(request: Request) -> Planspor:
    planspor: Planspor = request.app.state.planspor
    return planspor


def current_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    """The actor comes from the verified token only, never from the request body."""
    if credentials is None:
        raise AuthenticationError("missing bearer token")
    verifier: TokenVerifier = request.app.state.verifier
    actor = verifier.verify(credentials.credentials)
    request.state.actor_id = actor.person_id
    return actor


async def write_options(
    request: Request,
    if_match: Annotated[str | None, Header(description='Expected version, e.g. "7".')] = None,
    idempotency_key: Annotated[
        str | None, Header(max_length=200, description="Retry-safe key for this write.")
    ] = None,
) -> WriteOptions:
    body = await request.body()
    fingerprint = hashlib.sha256(
        f"{request.method} {request.url.path}\n".encode() + _canonical(body)
    ).hexdigest()
    return WriteOptions(
        expected_version=_parse_if_match(if_match),
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
        request_id=request.state.request_id,
    )


def _canonical(body: bytes) -> bytes:
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        return body


def _parse_if_match(value: str | None) -> int | None:
    if value is None or value.strip() == "*":
        return None
    match = ETAG.match(value.strip())
    if match is None:
        raise RequestValidationError(
            [
                {
                    "loc": ("header", "If-Match"),
                    "type": "etag",
                    "msg": 'If-Match must be a version ETag such as "7"',
                }
            ]
        )
    return int(match.group(1))


def written(response: Response, result: WriteResult) -> WriteResultOut:
    """A write's answer: the new version in the body and as ETag; replays say so."""
    return WriteResultOut.of(write_headers(response, result))


def write_headers(response: Response, result: WriteResult) -> WriteResult:
    response.headers["ETag"] = f'"{result.version}"'
    if result.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result


PlansDep = Annotated[Planspor, Depends(get_planspor)]
CurrentActor = Annotated[Actor, Depends(current_actor)]
Options = Annotated[WriteOptions, Depends(write_options)]


class Writer:
    """Runs one command on a plan for the verified actor and shapes the answer."""

    def __init__(
        self, plans: PlansDep, actor: CurrentActor, options: Options, response: Response
    ) -> None:
        self.plans, self.actor, self.options, self.response = plans, actor, options, response

    def __call__(self, plan_id: UUID, command: PlanCommand) -> WriteResultOut:
        return written(
            self.response, self.plans.execute(plan_id, self.actor, command, self.options)
        )


Write = Annotated[Writer, Depends(Writer)]


def get_reads(request: Request) -> ReadStore:
    reads: ReadStore = request.app.state.reads
    return reads


class Consistency:
    """Read your own writes: wait (bounded) until the read model has reached a log position."""

    def __init__(
        self,
        request: Request,
        min_position: Annotated[
            int | None,
            Query(
                ge=1, description="Log position returned by a write; wait until the model has it."
            ),
        ] = None,
        wait: Annotated[
            float,
            Query(
                ge=0, le=10, description="Seconds to wait for `min_position` (503 if not reached)."
            ),
        ] = 5.0,
    ) -> None:
        self.min_position, self.wait, self.request = min_position, wait, request

    def ensure(self, reads: ReadStore, model: str) -> None:
        """Refused at once beyond the head of the log; waits are bounded in time and number.
        A model no runner has built yet is refused (503) even without `min_position`."""
        if self.min_position is None:
            reads.require(model)
            return
        head = get_planspor(self.request).recorder.max_notification_id() or 0
        reads.wait_for(model, self.min_position, self.wait, head)


ReadsDep = Annotated[ReadStore, Depends(get_reads)]
Fresh = Annotated[Consistency, Depends(Consistency)]


Purpose = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Why you read this: a case reference. Required for "
        "supervisors and complaint handlers; recorded in the read log the user can see.",
    ),
]
