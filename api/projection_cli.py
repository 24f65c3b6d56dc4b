"""`planspor project …`: run the read models, rebuild one without downtime, show their lag."""

from __future__ import annotations

import signal
from threading import Event
from typing import Annotated

import structlog
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from adapters.database import database_url, eventsourcing_env, open_planspor
from adapters.logging import configure_logging
from adapters.readmodels import runner
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


@project.command("run")
def run(
    names: Annotated[list[str] | None, typer.Argument(help="Models (default all).")] = None,
    page_size: Annotated[int, typer.Option(min=1)] = 5000,
) -> None:
    """Follow the event log and keep the read models up to date, until SIGTERM or Ctrl-C."""
    models = _models(names)
    stop = Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    app, env = _open()
    for name in runner.stale(env, models):  # new code: rebuild beside the live build
        log.warning("read_model_stale_rebuilding", model=name)
        runner.rebuild(app, env, name)
    follower = runner.Runner(app, runner.active_views(env, models), page_size)
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
            previous, build = runner.rebuild(
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
        state = runner.lag(app, env)
    finally:
        app.close()
    typer.echo(f"head {state['head']}")
    for model, info in state["read_models"].items():
        typer.echo(f"{model}: build {info['build']} at {info['position']} (lag {info['lag']})")
