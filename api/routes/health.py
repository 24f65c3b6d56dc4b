"""Liveness and readiness. (The landing page is the pages' "my plans", `api.pages.home`.)"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import PlansDep, ReadsDep

router = APIRouter(tags=["health"])


class ReadModelHealth(BaseModel):
    build: int
    position: int
    lag: int = Field(description="Events in the log that this read model has not applied yet.")


class Health(BaseModel):
    status: str
    log_head: int
    read_models: dict[str, ReadModelHealth]


@router.get("/health", summary="Is the service up, and how far behind are the read models")
def health(plans: PlansDep, reads: ReadsDep) -> Health:
    """`log_head` is the position of the newest event in the log."""
    head = plans.recorder.max_notification_id() or 0
    models = {
        name: ReadModelHealth(
            build=info["build"], position=info["position"], lag=max(head - info["position"], 0)
        )
        for name, info in reads.positions().items()
    }
    return Health(status="ok", log_head=head, read_models=models)
