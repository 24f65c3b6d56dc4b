"""Runs read models over the event log: large pages, decoded once, one transaction per model per
page. Killable at any instant: a batch's rows and position commit together or not at all."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from threading import Event
from typing import Any, TypeVar

import psycopg
import structlog
from eventsourcing.persistence import (
    InfrastructureFactory,
    ProgrammingError,
    Tracking,
)
from eventsourcing.projection import Projection, ProjectionRunner
from eventsourcing.utils import Environment

from adapters.database import conninfo
from adapters.readmodels import registry
from adapters.readmodels.catalog import MODELS, SPECS, fingerprint
from adapters.readmodels.failures import (
    ReadModelFailedError,
    handler_failure,
    infrastructure,
    where,
)
from adapters.readmodels.store import APPLICATION, ReadModelView
from application.service import Planspor

Progress = Callable[[int, int], None]
T = TypeVar("T")
BACKOFF_SECONDS = (0.5, 5.0)
# allocations between two young-generation collections while a page is applied (default 700)
PAGE_GC_THRESHOLD = 100_000
log = structlog.get_logger("planspor.projections")


@cache
def view_class(model: str) -> type[ReadModelView]:
    return type(
        f"{model.title()}View", (ReadModelView,), {"model": MODELS[model], "specs": SPECS[model]}
    )


def open_view(env: dict[str, str], model: str, build: int) -> ReadModelView:
    factory = InfrastructureFactory.construct(Environment(registry.prefix(model, build), env))
    view = factory.tracking_recorder(view_class(model))
    assert isinstance(view, ReadModelView)
    return view


def active_views(env: dict[str, str], models: list[str]) -> dict[str, ReadModelView]:
    """The active build of each model; a model seen for the first time gets build 1."""
    views = {}
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        registry.retire(conn)
        for model in models:
            build = registry.active_build(conn, model)
            if build is None:
                build = registry.next_build(conn, model)
                open_view(env, model, build).datastore.close()
                registry.switch(conn, model, build, fingerprint(model))
            views[model] = open_view(env, model, build)
    return views


def retrying(stop: Event, action: Callable[[], T]) -> T:
    """`action`, again and again with backoff while the database is unavailable (a restart)."""
    delay = BACKOFF_SECONDS[0]
    while True:
        try:
            return action()
        except Exception as error:
            if not infrastructure(error) or stop.is_set():
                raise
            log.warning("database_unavailable", error_type=type(error).__name__, retry_in=delay)
            stop.wait(delay)
            delay = min(delay * 2, BACKOFF_SECONDS[1])


@contextmanager
def fewer_collections(threshold: int = PAGE_GC_THRESHOLD) -> Iterator[None]:
    """The cyclic collector run less often while a page of the log is applied. A page makes and
    drops hundreds of thousands of small objects (events, rows, keys), almost none in cycles, so
    a collection every 700 allocations found nothing to free and took 15 to 25 % of a rebuild's
    time (municipality history, 2026-12-04; docs/decisions/0023-rebuild-cpu.md). Memory
    stays flat: what a page drops is freed by reference counting, not by the collector."""
    before = gc.get_threshold()
    gc.set_threshold(threshold, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Runner:
    def __init__(
        self,
        app: Planspor,
        views: dict[str, ReadModelView],
        page_size: int = 5000,
        stop: int | None = None,
        *,
        isolate: bool = True,
    ):
        """`stop`: go no further than this log position (benchmarks measure a prefix).
        `isolate`: a model whose handler fails stops alone (else the error is raised)."""
        self.app, self.views, self.page_size, self.stop = app, views, page_size, stop
        self.isolate, self.failed = isolate, dict[str, tuple[int, str]]()
        self.topics = sorted({t for view in views.values() for t in view.model.topics})

    def step(self) -> int:
        """Process one page of the log for every view; return the notifications read."""
        with fewer_collections():
            return self._step()

    def _step(self) -> int:
        head = self.app.recorder.max_notification_id() or 0
        head = min(head, self.stop) if self.stop else head
        positions = {name: view.position() for name, view in self.views.items()}
        start = min(positions.values(), default=head)
        if start >= head:
            return 0
        page = self.app.recorder.select_notifications(
            start=start + 1, limit=self.page_size, stop=head, topics=self.topics
        )
        events = [(self.app.mapper.to_domain_event(n), n.id, n.topic) for n in page]
        last = page[-1].id if len(page) == self.page_size else head
        for name, view in list(self.views.items()):
            if last > positions[name]:
                topics = set(view.model.topics)
                mine = [
                    (event, position)
                    for event, position, topic in events
                    if position > positions[name] and topic in topics
                ]
                self._apply(name, mine, last)
        return max(len(page), 1)

    def _apply(self, name: str, items: list[tuple[Any, int]], last: int) -> None:
        try:
            self.views[name].apply_batch(items, Tracking(APPLICATION, last))
        except Exception as error:
            if not handler_failure(error):
                raise
            self._one_by_one(name, items, last)

    def _one_by_one(self, name: str, items: list[tuple[Any, int]], last: int) -> None:
        """Apply singly up to the event that fails; the model stops at that position."""
        view = self.views[name]
        for event, position in items:
            try:
                view.apply_batch([(event, position)], Tracking(APPLICATION, position))
            except Exception as error:
                if not handler_failure(error):
                    raise
                self._stopped(name, position, error)
                return
        view.apply_batch([], Tracking(APPLICATION, last))

    def _stopped(self, name: str, position: int, error: Exception) -> None:
        kind = type(error).__name__
        log.error(
            "read_model_stopped",
            model=name,
            position=position,
            error_type=kind,
            where=where(error),
        )
        if not self.isolate:
            raise ReadModelFailedError(name, position, kind) from None
        with psycopg.connect(conninfo(dict(self.app.env))) as conn:
            registry.record_failure(conn, name, position, kind)
        self.views.pop(name).datastore.close()
        self.failed[name] = (position, kind)

    def catch_up(self, progress: Progress | None = None) -> int:
        total = 0
        while read := self.step():
            total += read
            if progress and self.views:
                progress(
                    min(v.position() for v in self.views.values()),
                    self.app.recorder.max_notification_id() or 0,
                )
        return total

    def follow(self, stop: Event, env: dict[str, str], poll: float = 0.2) -> None:
        """Follow the log until `stop` is set: take over builds a rebuild switched to, leave
        stopped models alone until retried, and wait out a lost database with backoff."""
        checked, delay = 0.0, BACKOFF_SECONDS[0]
        while not stop.is_set():
            try:
                if time.monotonic() - checked > 1.0:
                    self._follow_registry(env)
                    checked = time.monotonic()
                if not self.step():
                    stop.wait(poll)
                delay = BACKOFF_SECONDS[0]
            except (psycopg.errors.UndefinedTable, ProgrammingError):
                checked = 0.0  # a rebuild dropped the build we were on: take over the new one
            except Exception as error:
                if not infrastructure(error):
                    raise
                log.warning("database_unavailable", error_type=type(error).__name__, retry_in=delay)
                stop.wait(delay)
                checked, delay = 0.0, min(delay * 2, BACKOFF_SECONDS[1])

    def _follow_registry(self, env: dict[str, str]) -> None:
        with psycopg.connect(conninfo(env), connect_timeout=5) as conn:
            builds, failures = registry.active_builds(conn), registry.failures(conn)
        for name in [n for n in self.views if n in failures]:  # stopped by another runner
            self.views.pop(name).datastore.close()
            self.failed[name] = failures[name]
        for name in [n for n in self.failed if n not in failures and n in builds]:  # retried
            del self.failed[name]
            self.views[name] = open_view(env, name, builds[name])
            log.info("read_model_resumed", model=name)
        for name, view in list(self.views.items()):
            build = builds.get(name)
            if build is not None and view.prefix != registry.prefix(name, build):
                view.datastore.close()
                self.views[name] = open_view(env, name, build)

    def close(self) -> None:
        for view in self.views.values():
            view.datastore.close()


class OneByOne(Projection[ReadModelView]):
    """The same read model as a library `Projection`: one event per transaction, as run by the
    stock `ProjectionRunner`. Used to compare against the batch runner (`make bench`)."""

    topics = ()

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.view.apply_batch([(domain_event, tracking.notification_id)], tracking)


def stock_runner(env: dict[str, str], model: str, build: int) -> ProjectionRunner[Any, Any]:
    """The library's `ProjectionRunner` on `build` of `model` (reserve the build first)."""
    projection = type(
        registry.prefix(model, build),
        (OneByOne,),
        {"name": registry.prefix(model, build), "topics": MODELS[model].topics},
    )
    return ProjectionRunner(
        application_class=Planspor,
        projection_class=projection,
        view_class=view_class(model),
        env=env,
    )
