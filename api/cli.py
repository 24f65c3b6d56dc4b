"""`planspor`: serve the API, print a development token, load demo data."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from adapters.auth import AuthenticationError, issue_dev_token
from adapters.database import database_url, eventsourcing_env
from adapters.logging import configure_logging
from adapters.settings import Settings
from api import catalogue
from api.demo import DemoLoader
from api.projection_cli import project
from application.service import Planspor
from domain.values import ROLE_ALIASES_NB, AssuranceLevel, Role

cli = typer.Typer(
    help="Planspor: event-sourced case management for the individuell plan.", no_args_is_help=True
)
cli.add_typer(project, name="project")


@cli.command()
def serve(
    demo: Annotated[bool, typer.Option(help="Load the demo plans first (idempotent).")] = False,
    workers: Annotated[int, typer.Option(min=1, help="API worker processes.")] = 1,
    projections: Annotated[
        bool, typer.Option(help="Also run the read models in a separate process.")
    ] = False,
) -> None:
    """Serve the API on PLANSPOR_HOST:PORT (default 127.0.0.1:8000)."""
    settings = Settings()
    configure_logging(settings.log_level)
    if demo:
        load_demo()
    runner = None
    if projections:  # its own process, as in production; stopped with the server
        runner = subprocess.Popen([sys.executable, "-m", "api", "project", "run"])
    typer.echo(f"Planspor on http://{settings.host}:{settings.port}  (API docs: /docs)")
    try:
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_config=None,
            access_log=False,
        )
    finally:
        if runner is not None:
            runner.terminate()
            runner.wait(timeout=10)


@cli.command()
def token(
    role: Annotated[str, typer.Option(help="Role, e.g. koordinator or coordinator.")],
    person: Annotated[str, typer.Option(help="The actor's person id.")],
    name: Annotated[str, typer.Option(help="The actor's display name.")],
    municipality: Annotated[str, typer.Option(help="Kommunenummer, e.g. 5001.")],
    org: Annotated[str, typer.Option(help="Organisation.")] = "",
    unit: Annotated[str, typer.Option(help="Unit.")] = "",
    acr: Annotated[str, typer.Option(help="low, substantial or high.")] = "substantial",
    hours: Annotated[int, typer.Option(min=1, max=24)] = 8,
    office: Annotated[
        str,
        typer.Option(
            help="Supervisors and Statsforvalteren: the office (embete), e.g. trondelag, or "
            "helsetilsynet (national). See docs/operations.md."
        ),
    ] = "",
) -> None:
    """Print a development bearer token (refused outside development)."""
    try:
        resolved = ROLE_ALIASES_NB.get(role) or Role(role)
        assurance = AssuranceLevel(f"idporten-loa-{acr}")
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    try:
        typer.echo(
            issue_dev_token(
                Settings(),
                person_id=person,
                name=name,
                role=resolved,
                municipality=municipality,
                organisation=org,
                unit=unit,
                assurance=assurance,
                ttl=timedelta(hours=hours),
                office=office,
            )
        )
    except AuthenticationError as error:
        typer.echo(f"refused: {error.reason}", err=True)
        raise typer.Exit(code=2) from None


@cli.command()
def demo() -> None:
    """Load the demo plans into the configured database (idempotent)."""
    load_demo()


def load_demo() -> None:
    settings = Settings()
    planspor = Planspor(env=eventsourcing_env(settings, database_url(settings)))
    try:
        plan_ids = DemoLoader(planspor).load()
    finally:
        planspor.close()
    typer.echo(f"demo: {len(plan_ids)} plans in municipality 5001")


@cli.command("events-doc")
def events_doc(
    path: Annotated[Path, typer.Option(help="The catalogue to rewrite.")] = Path("docs/events.md"),
) -> None:
    """Rewrite the generated part of the event catalogue from the event classes."""
    catalogue.write(path)
    typer.echo(f"wrote {path}")


@cli.command("access-doc")
def access_doc(
    path: Annotated[Path, typer.Option(help="The access document.")] = Path("docs/access.md"),
) -> None:
    """Rewrite the generated access matrix in docs/access.md from the policy."""
    catalogue.write_access(path)
    typer.echo(f"wrote {path}")


def main() -> None:
    cli()
