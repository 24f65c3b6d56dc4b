"""Liveness and readiness, and a small landing page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
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
    status: str = Field(description="`ok`, or `degraded` when a read model has stopped.")
    log_head: int
    read_models: dict[str, ReadModelHealth]


@router.get("/health", summary="Is the service up, and how far behind are the read models")
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
    status = "degraded" if any(model.stopped for model in models.values()) else "ok"
    return Health(status=status, log_head=head, read_models=models)


LANDING = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Planspor</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;line-height:1.5}
code{background:#f3f3f3;padding:.1rem .3rem}</style></head><body>
<h1>Planspor</h1><p>Saksbehandling for individuell plan. Hver endring lagres som en hendelse.</p>
<ul><li><a href="/docs">API-dokumentasjon</a>
(<a href="/openapi.json">openapi.json</a>)</li>
<li><a href="/health">Helsesjekk</a></li></ul>
<p>Utviklingstoken: <code>planspor token --role koordinator --person k-100
--name "Kari Koordinator" --municipality 5001</code></p></body></html>"""


@router.get("/", include_in_schema=False)
def landing() -> HTMLResponse:
    return HTMLResponse(LANDING)
