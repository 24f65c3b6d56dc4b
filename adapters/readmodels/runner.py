"""Runs read models over the event log: large pages, decoded once, one transaction per model per
page. Killable at any instant: a batch's rows and position commit together or not at all."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from threading import Event
from typing import Any

import psycopg
from eventsourcing.persistence import InfrastructureFactory, ProgrammingError, Tracking
from eventsourcing.projection import Projection, ProjectionRunner
from eventsourcing.utils import Environment

from adapters.database import conninfo
from adapters.readmodels import registry
from adapters.readmodels.catalog import MODELS, SPECS, fingerprint
from adapters.readmodels.store import APPLICATION, ReadModelView
from application.service import Planspor

Progress = Callable[[int, int], None]
DROP_GRACE_SECONDS = 2.0


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
        for model in models:
            build = registry.active_build(conn, model)
            if build is None:
                build = registry.next_build(conn, model)
                open_view(env, model, build).datastore.close()
                registry.switch(conn, model, build, fingerprint(model))
            views[model] = open_view(env, model, build)
    return views


def stale(env: dict[str, str], models: list[str]) -> list[str]:
    """Models whose live build was made by other code (logic version or tables changed)."""
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        return [
            m
            for m in models
            if registry.active_build(conn, m) is not None
            and registry.active_fingerprint(conn, m) != fingerprint(m)
        ]


class Runner:
    def __init__(
        self,
        app: Planspor,
        views: dict[str, ReadModelView],
        page_size: int = 5000,
        stop: int | None = None,
    ):
        """`stop`: go no further than this log position (benchmarks measure a prefix)."""
        self.app, self.views, self.page_size, self.stop = app, views, page_size, stop
        self.topics = sorted({t for view in views.values() for t in view.model.topics})

    def step(self) -> int:
        """Process one page of the log for every view; return the notifications read."""
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
        for name, view in self.views.items():
            if last > positions[name]:
                topics = set(view.model.topics)
                mine = [
                    (event, position)
                    for event, position, topic in events
                    if position > positions[name] and topic in topics
                ]
                view.apply_batch(mine, Tracking(APPLICATION, last))
        return max(len(page), 1)

    def catch_up(self, progress: Progress | None = None) -> int:
        total = 0
        while read := self.step():
            total += read
            if progress:
                progress(
                    min(v.position() for v in self.views.values()),
                    self.app.recorder.max_notification_id() or 0,
                )
        return total

    def follow(self, stop: Event, env: dict[str, str], poll: float = 0.2) -> None:
        """Follow the log until `stop` is set, taking over builds that a rebuild switched to."""
        checked = 0.0
        while not stop.is_set():
            try:
                if not self.step():
                    stop.wait(poll)
            except (psycopg.errors.UndefinedTable, ProgrammingError):
                checked = 0.0  # a rebuild dropped the build we were on: take over the new one
            if time.monotonic() - checked > 1.0:
                self._follow_switches(env)
                checked = time.monotonic()

    def _follow_switches(self, env: dict[str, str]) -> None:
        with psycopg.connect(conninfo(env)) as conn:
            builds = registry.active_builds(conn)
        for name, view in list(self.views.items()):
            build = builds.get(name)
            if build is not None and view.prefix != registry.prefix(name, build):
                view.datastore.close()
                self.views[name] = open_view(env, name, build)

    def close(self) -> None:
        for view in self.views.values():
            view.datastore.close()


def rebuild(
    app: Planspor,
    env: dict[str, str],
    model: str,
    progress: Progress | None = None,
    grace: float = DROP_GRACE_SECONDS,
) -> tuple[int | None, int]:
    """Build a new version beside the active one, switch readers to it, drop the old one."""
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        build = registry.next_build(conn, model)
    runner = Runner(app, {model: open_view(env, model, build)})
    try:
        runner.catch_up(progress)
        with psycopg.connect(conninfo(env)) as conn:
            runner.catch_up()
            previous = registry.switch(conn, model, build, fingerprint(model))
    finally:
        runner.close()
    if previous is not None and previous != build:
        time.sleep(grace)  # followers notice the switch before the old build goes
        with psycopg.connect(conninfo(env)) as conn:
            registry.drop(conn, model, previous)
    return previous, build


def lag(app: Planspor, env: dict[str, str]) -> dict[str, Any]:
    """Position of each active read model against the head of the log (for /health)."""
    head = app.recorder.max_notification_id() or 0
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        builds = registry.active_builds(conn)
        result = {}
        for model, build in builds.items():
            table = psycopg.sql.Identifier(f"{registry.prefix(model, build)}_tracking")
            row = conn.execute(
                psycopg.sql.SQL("SELECT max(notification_id) FROM {}").format(table)
            ).fetchone()
            position = (row[0] if row else None) or 0
            result[model] = {"build": build, "position": position, "lag": head - position}
    return {"head": head, "read_models": result}


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
