"""The browser pages: server-rendered Jinja2 over the same application layer as the API.

`install(app)` serves `api/static` at `/static` and includes the `router` of every module in this
package (see `api.pages.common` for what a page module uses)."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import timedelta
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from adapters.sessions import SessionStore
from adapters.settings import Settings

STATIC = Path(__file__).resolve().parent.parent / "static"


def routers() -> list[APIRouter]:
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        router = getattr(importlib.import_module(f"{__name__}.{module.name}"), "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in routers():
        app.include_router(router)


def open_sessions(settings: Settings, conninfo: str) -> SessionStore:
    return SessionStore(conninfo, idle=timedelta(minutes=settings.session_idle_minutes))
