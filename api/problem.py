"""The one error body of the API: RFC 9457 problem details with Planspor's members.

`api/errors.py` emits it; the OpenAPI description declares it under `application/problem+json`
on every operation, for each status the operation can answer (`api/openapi.py`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One field that broke a rule (a validation problem lists every one)."""

    model_config = ConfigDict(extra="allow", title="FieldError")

    field: str = Field(description="Dotted path of the field, e.g. `subject.name` or `If-Match`.")
    rule: str = Field(description="The rule it broke, e.g. `missing`, `string_too_long`.")
    message: str = Field(description="What is wrong, in English.")
    pointer: str | None = Field(
        default=None, description="JSON Pointer (RFC 6901) into the request body, if in the body."
    )


class Problem(BaseModel):
    """RFC 9457 problem details. Members beyond those listed may be added in a later version:
    a client must ignore members it does not know."""

    model_config = ConfigDict(
        extra="allow",
        title="Problem",
        json_schema_extra={
            "examples": [
                {
                    "type": "https://planspor.no/problems/version-mismatch",
                    "title": "The plan has changed since you read it",
                    "status": 412,
                    "detail": 'If-Match is "3" but the plan is at version 4',
                    "instance": "/plans/0b3c…/goals",
                    "rule": "version-mismatch",
                    "request_id": "5f0c2d3e9a8b4c1d",
                }
            ]
        },
    )

    type: str = Field(description="URI of the problem type: `https://planspor.no/problems/<rule>`.")
    title: str = Field(description="Short summary of the problem type, in English.")
    status: int = Field(ge=100, le=599, description="The HTTP status code.")
    detail: str | None = Field(default=None, description="What went wrong in this case.")
    instance: str | None = Field(default=None, description="The request path.")
    rule: str = Field(
        description="The rule that refused the request (stable; switch on this), e.g. "
        "`validation`, `version-mismatch`, `consent-to-plan-required`, `authentication`."
    )
    field: str | None = Field(
        default=None, description="The field that broke the rule (dotted path), if one did."
    )
    pointer: str | None = Field(
        default=None, description="JSON Pointer (RFC 6901) into the request body, if known."
    )
    errors: list[FieldError] | None = Field(
        default=None, description="Every field that broke a rule (validation problems)."
    )
    request_id: str | None = Field(
        default=None, description="The request's id, also in `X-Request-ID` and the server's log."
    )
    existing_plan_id: str | None = Field(
        default=None,
        description="On `one-open-plan-per-person` (409): the open plan of the person.",
    )
