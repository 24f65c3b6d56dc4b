"""The texts of the OpenAPI description: what each error status means, the response headers,
the tags; and `success()`, the `responses=` a route gives for its headers."""

from __future__ import annotations

from typing import Any

ERRORS: dict[int, str] = {
    401: "Not authenticated: the bearer token is missing, expired or not valid.",
    403: "Not allowed: the access policy refused (role, relationship to the plan, consent in "
    "force, stated `purpose`, assurance level).",
    404: "Not found: no such plan (or not in your municipality), complaint, or item of the plan.",
    409: "Conflict: the request does not fit the current state, or another write came first. "
    "Nothing was stored.",
    412: "Precondition failed: `If-Match` names a version that is no longer current. Nothing "
    "was stored: read again, then decide.",
    413: "The request body is larger than the server accepts.",
    422: "Invalid request: `field` (and each of `errors[]`) names what broke a rule, `rule` "
    "names the rule.",
    503: "Not available now: a read model has not reached `min_position` or is not built, a "
    "read could not be logged, or a write's outcome is unknown (a retry with the same "
    "`Idempotency-Key` is safe). Retry after `Retry-After` seconds.",
}
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The plan's (or complaint's) new version as a strong ETag, e.g. `\"7\"`. "
        "Send it back as `If-Match`.",
        "schema": {"type": "string", "pattern": r'^"\d+"$', "examples": ['"7"']},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same `Idempotency-Key`; absent otherwise.",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Location": {
        "description": "Where the created resource is read.",
        "schema": {"type": "string", "format": "uri-reference"},
    },
    "X-Log-Position": {
        "description": "The log position the document was built at; give it as `position` to "
        "rebuild the same document.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-Content-SHA256": {
        "description": "SHA-256 (hex) of the pack's canonical JSON content, as in the JSON pack.",
        "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
    "X-Request-ID": {
        "description": "The request's id (yours, if you sent a well-formed `X-Request-ID`), as "
        "in the server's log and a problem's `request_id`.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "WWW-Authenticate": {
        "description": "The authentication scheme: `Bearer`, with the error.",
        "schema": {"type": "string"},
    },
}
IF_MATCH = (
    'The version you read, as the `ETag` gave it: `"7"` (also accepted: `7`, `W/"7"`; `*` '
    "means any version). The write is refused with 412 if the plan is at another version."
)


TAGS = [
    {
        "name": "plans",
        "description": "Open a plan, read it (now, at a version, as of an "
        "instant), its events, and the list of current plans.",
    },
    {
        "name": "case",
        "description": "The case: information, decision, consent, suspension, closing.",
    },
    {"name": "people", "description": "Coordinating unit, coordinator, deputy, participants."},
    {
        "name": "content",
        "description": "What the plan holds: mapping, goals, resources, needs, "
        "measures, period, cooperation.",
    },
    {"name": "work", "description": "Meetings, evaluations, agreed versions and deliveries."},
    {"name": "history", "description": "A plan's history: who changed what, old → new."},
    {"name": "audit", "description": "The audit trail across plans, and its export."},
    {"name": "worklists", "description": "Worklists of the municipality's plans."},
    {"name": "statistics", "description": "Virksomme planer: the figure and each plan's verdict."},
    {"name": "read-log", "description": "Who has read a plan (innsyn i logg), and a search."},
    {"name": "complaints", "description": "Complaints, evidence packs and the plan on a date."},
    {"name": "health", "description": "Liveness and the read models' lag."},
    {
        "name": "own-part",
        "description": "What the user, a representative and the participants write themselves, "
        "and the plan as a document.",
    },
]


def success(
    status: int,
    *headers: str,
    content: dict[str, Any] | None = None,
    described: dict[str, str] | None = None,
) -> dict[int | str, Any]:
    """`responses=` for a route: its success response's headers (and media types, if not JSON);
    `described`: a header's description where this route's differs from the shared one."""
    own = described or {}
    response: dict[str, Any] = {
        "headers": {
            name: HEADERS[name] | ({"description": own[name]} if name in own else {})
            for name in headers
        }
    }
    if content is not None:
        response["content"] = content
    return {status: response}
