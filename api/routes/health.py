"""Liveness and readiness. (The landing page is the pages' "my plans", `api.pages.home`.)"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import PlansDep, ReadsDep

router = APIRouter(tags=["health"])


class StoppedOut(BaseModel):
    position: int = Field(description="The event it failed on; it holds everything before.")
    error: str = Field(description="The error's class (never content).")


class ReadModelHealth(BaseModel):
    build: int
    position: int
    lag: int = Field(description="Events in the log that this read model has not applied yet.")
    stopped: StoppedOut | None = Field(
        default=None,
        description="Set when a handler failed: the model waits at `position` until an operator "
        "runs `planspor project retry MODEL` (docs/operations.md).",
    )


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        description="`degraded` while a read model is not built (its reads answer 503) or has "
        "stopped on an event (see `stopped`); writes work either way."
    )
    log_head: int
    read_models: dict[str, ReadModelHealth]
    read_models_not_built: list[str] = Field(
        default_factory=list, description="Read models no runner has built yet."
    )
    detail: str | None = Field(default=None, description="What to do when degraded.")


NOT_BUILT = (
    "Read models not built yet: {models}. Start them with `planspor project run` "
    "(or `planspor serve --projections`); until then their endpoints answer 503."
)


@router.get(
    "/health",
    operation_id="getHealth",
    summary="Is the service up, and how far behind are the read models",
)
def health(plans: PlansDep, reads: ReadsDep) -> Health:
    """`log_head` is the position of the newest event in the log."""
    head = plans.recorder.max_notification_id() or 0
    models = {
        name: ReadModelHealth(
            build=info["build"],
            position=info["position"],
            lag=max(head - info["position"], 0),
            stopped=StoppedOut(position=info["stopped"][0], error=info["stopped"][1])
            if info["stopped"]
            else None,
        )
        for name, info in reads.positions().items()
    }
    missing = reads.missing()
    stopped = any(model.stopped for model in models.values())
    return Health(
        status="degraded" if missing or stopped else "ok",
        log_head=head,
        read_models=models,
        read_models_not_built=missing,
        detail=NOT_BUILT.format(models=", ".join(missing)) if missing else None,
    )
