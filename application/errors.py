"""Application errors: library errors are translated here once, `from None`."""

from __future__ import annotations


class ApplicationError(Exception):
    rule = "application-error"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class PlanNotFoundError(ApplicationError):
    """No such plan, or none the actor may see (the two are not told apart)."""

    rule = "plan-not-found"


class PreconditionFailedError(ApplicationError):
    """The caller's `If-Match` version is not the plan's current version."""

    rule = "version-mismatch"


class ConcurrentWriteError(ApplicationError):
    """Another write reached the plan first; nothing of this write was stored."""

    rule = "concurrent-write"


class OutcomeUnknownError(ApplicationError):
    """The connection was lost while the write committed, and whether it was stored could not
    be found out. A retry with the same Idempotency-Key is safe: it is stored at most once."""

    rule = "outcome-unknown"


class IdempotencyKeyReusedError(ApplicationError):
    """The idempotency key was used before for a different request."""

    rule = "idempotency-key-reused"


class AccessDeniedError(ApplicationError):
    """The actor has a relationship to the plan or a role, but it does not reach this far."""

    rule = "access-denied"

    def __init__(self, detail: str, *, field: str | None = None, rule: str | None = None) -> None:
        super().__init__(detail, field=field)
        if rule is not None:
            self.rule = rule


class UnitRequiredError(AccessDeniedError):
    """A unit leader's login names no unit: their unit's lists cannot be told apart."""

    rule = "unit-required"


class ReadNotLoggedError(ApplicationError):
    """The read could not be logged, so the content is not shown."""

    rule = "read-not-logged"


class ComplaintNotFoundError(ApplicationError):
    """No such complaint, or none the actor may see (the two are not told apart)."""

    rule = "complaint-not-found"
