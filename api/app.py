"""The FastAPI app factory. Nothing is built at import time: the lifespan builds the application."""

from __future__ import annotations

import gc
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

import structlog
from fastapi import Depends, FastAPI

from adapters.auth import TokenVerifier, build_verifier
from adapters.database import conninfo, open_planspor, read_conninfo
from adapters.logging import configure_logging
from adapters.positions import position_index
from adapters.readmodels.reads import ReadStore
from adapters.settings import Settings
from api import docs_ui, errors, openapi, pages
from api.deps import clean_query
from api.i18n import LanguageMiddleware
from api.middleware import BodyLimitMiddleware, RequestLogMiddleware
from api.routes import (
    case,
    complaints,
    content,
    health,
    history,
    overview,
    own,
    people,
    plans,
    read_log,
    virksom,
    work,
)
from application.service import Planspor

DESCRIPTION = """Planspor keeps every change to an *individuell plan* as an immutable event.

Authenticate with a bearer JWT (in development: `planspor token --role koordinator …`).
Writes return the plan's new version (also as `ETag`); send it back as `If-Match` to refuse
a write if the plan changed meanwhile (412). `POST` accepts `Idempotency-Key` for safe retries.
Errors are RFC 9457 `application/problem+json` naming the field and the rule.
"""


# Young collections every 50 000 allocations instead of 700, full ones a hundred times rarer: a
# worker holds plans in memory (`application/read_cache.py`), and a full collection walks them all,
# which showed as single requests ten times slower than the rest (bench/results/README.md).
GC_THRESHOLDS = (50_000, 20, 100)


class CollectionTimer:
    """Times the collector's runs and logs those of at least `slow_ms` with their generation: a
    slow collection delays every request in flight (`PLANSPOR_SLOW_COLLECTION_MS`)."""

    def __init__(self, slow_ms: float) -> None:
        self.slow_ms, self._began = slow_ms, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
            return
        took = (time.perf_counter() - self._began) * 1000
        if took >= self.slow_ms:
            structlog.get_logger("planspor.runtime").warning(
                "slow_collection",
                generation=info["generation"],
                ms=round(took, 1),
                collected=info["collected"],
            )


def steady_collector(slow_ms: float = 0.0) -> None:
    """Make collections rarer (not frozen: a frozen cycle would never be freed), and with
    `slow_ms` log the slow ones (one timer a process)."""
    gc.set_threshold(*GC_THRESHOLDS)
    gc.callbacks[:] = [c for c in gc.callbacks if not isinstance(c, CollectionTimer)]
    if slow_ms > 0:
        gc.callbacks.append(CollectionTimer(slow_ms))


def create_app(
    settings: Settings | None = None,
    *,
    planspor: Planspor | None = None,
    verifier: TokenVerifier | None = None,
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        app.state.settings = settings
        app.state.planspor = planspor or open_planspor(settings)
        app.state.planspor.positions = position_index(app.state.planspor)
        app.state.reads = ReadStore(read_conninfo(settings, dict(app.state.planspor.env)))
        app.state.verifier = verifier or build_verifier(settings)
        app.state.sessions = pages.open_sessions(settings, conninfo(dict(app.state.planspor.env)))
        steady_collector(settings.slow_collection_ms)
        yield
        app.state.sessions.close()
        app.state.reads.close()
        app.state.planspor.close()

    app = FastAPI(
        title="Planspor",
        version=version("planspor"),
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by docs_ui from an installed package, never a CDN
        redoc_url=None,
        dependencies=[Depends(clean_query)],
    )
    docs_ui.install(app)
    errors.install(app)
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(RequestLogMiddleware)
    pages.install(app)
    for module in (
        health,
        overview,
        plans,
        case,
        people,
        content,
        work,
        history,
        virksom,
        read_log,
        complaints,
        own,
    ):
        app.include_router(module.router)
    openapi.install(app)
    return app
