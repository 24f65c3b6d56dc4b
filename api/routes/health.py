"""Liveness and readiness, and a small landing page."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from api.deps import PlansDep, ReadsDep

router = APIRouter(tags=["health"])


class ReadModelHealth(BaseModel):
    build: int
    position: int
    lag: int = Field(description="Events in the log that this read model has not applied yet.")


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        description="`degraded` while a read model is not built: writes work, its reads answer 503."
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
    missing = reads.missing()
    if not missing:
        return Health(status="ok", log_head=head, read_models=models)
    return Health(
        status="degraded",
        log_head=head,
        read_models=models,
        read_models_not_built=missing,
        detail=NOT_BUILT.format(models=", ".join(missing)),
    )


LANDING = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Planspor</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;line-height:1.5}
code{background:#f3f3f3;padding:.1rem .3rem}</style></head><body>
<h1>Planspor</h1><p>Saksbehandling for individuell plan. Hver endring lagres som en hendelse.</p>
<ul><li><a href="/docs">API-dokumentasjon</a>
(<a href="/redoc">ReDoc</a>, <a href="/openapi.json">openapi.json</a>)</li>
<li><a href="/health">Helsesjekk</a></li></ul>
<p>Utviklingstoken: <code>planspor token --role koordinator --person k-100
--name "Kari Koordinator" --municipality 5001</code></p></body></html>"""


@router.get("/", include_in_schema=False)
def landing() -> HTMLResponse:
    return HTMLResponse(LANDING)
