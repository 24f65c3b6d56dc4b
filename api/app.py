"""The FastAPI app factory. Nothing is built at import time: the lifespan builds the application."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

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


def steady_collector() -> None:
    """Make collections rarer (not frozen: a frozen cycle would never be freed)."""
    gc.set_threshold(*GC_THRESHOLDS)


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
        steady_collector()
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
