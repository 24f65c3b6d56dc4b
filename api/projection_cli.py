"""`planspor project …`: run the read models, rebuild one without downtime, show their lag."""

from __future__ import annotations

import signal
from threading import Event
from typing import Annotated

import psycopg
import structlog
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from adapters.database import conninfo, database_url, eventsourcing_env, open_planspor
from adapters.logging import configure_logging
from adapters.readmodels import builds, registry, runner
from adapters.readmodels.catalog import MODELS
from adapters.settings import Settings
from application.service import Planspor

log = structlog.get_logger("planspor.projections")
project = typer.Typer(help="Read models: run, rebuild, status.", no_args_is_help=True)


def _open() -> tuple[Planspor, dict[str, str]]:
    """The application (tables created or checked under the schema lock) and its env."""
    settings = Settings()
    configure_logging(settings.log_level)
    url = database_url(settings)
    return open_planspor(settings, url), eventsourcing_env(settings, url)


def _models(names: list[str] | None) -> list[str]:
    unknown = set(names or []) - set(MODELS)
    if unknown:
        raise typer.BadParameter(
            f"unknown read model(s): {', '.join(sorted(unknown))}; "
            f"the read models are: {', '.join(MODELS)}"
        )
    return names or list(MODELS)


def _stop(stop: Event) -> None:
    """Honoured at any moment, even mid-rebuild or waiting for a connection: a batch's rows and
    position commit together or not at all, so leaving anywhere loses nothing."""
    stop.set()
    raise SystemExit(0)


@project.command("run")
def run(
    names: Annotated[list[str] | None, typer.Argument(help="Models (default all).")] = None,
    page_size: Annotated[int, typer.Option(min=1)] = 5000,
) -> None:
    """Follow the event log and keep the read models up to date, until SIGTERM or Ctrl-C."""
    models = _models(names)
    stop = Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: _stop(stop))
    app, env = runner.retrying(stop, _open)
    for name in runner.retrying(stop, lambda: builds.stale(env, models)):
        log.warning("read_model_stale_rebuilding", model=name)  # new code: rebuild beside
        runner.retrying(stop, lambda: builds.rebuild(app, env, name))  # noqa: B023
    views = runner.retrying(stop, lambda: runner.active_views(env, models))
    follower = runner.Runner(app, views, page_size)
    try:
        follower.follow(stop, env)
    finally:
        follower.close()
        app.close()


@project.command("rebuild")
def rebuild(name: Annotated[str, typer.Argument(help="The read model to rebuild.")]) -> None:
    """Build a new version beside the live one from the whole log, then switch readers to it."""
    _models([name])
    app, env = _open()
    columns = (
        *Progress.get_default_columns()[:-1],
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns) as bar:
            task = bar.add_task(f"rebuilding {name}", total=None)
            previous, build = builds.rebuild(
                app, env, name, lambda done, head: bar.update(task, completed=done, total=head)
            )
    finally:
        app.close()
    typer.echo(
        f"{name}: build {build} is live" + (f"; build {previous} dropped" if previous else "")
    )


@project.command("status")
def status() -> None:
    """Each read model's position against the head of the log."""
    app, env = _open()
    try:
        state = builds.lag(app, env)
    finally:
        app.close()
    typer.echo(f"head {state['head']}")
    for model, info in state["read_models"].items():
        line = f"{model}: build {info['build']} at {info['position']} (lag {info['lag']})"
        if stopped := info["stopped"]:
            line += f" STOPPED at {stopped['position']}: {stopped['error']}"
            line += f" (after a fix: planspor project retry {model})"
        typer.echo(line)


@project.command("retry")
def retry(name: Annotated[str, typer.Argument(help="The stopped read model.")]) -> None:
    """Let a stopped read model try again from where it stopped (once its handler is fixed)."""
    _models([name])
    settings = Settings()
    env = eventsourcing_env(settings, database_url(settings))
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        cleared = registry.clear_failure(conn, name)
    typer.echo(f"{name}: runners will retry it" if cleared else f"{name} had not stopped")
