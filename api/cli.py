"""`planspor`: serve the API, print a development token, load demo data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from adapters.auth import AuthenticationError, issue_dev_token
from adapters.database import open_planspor
from adapters.logging import configure_logging
from adapters.settings import Settings
from api import catalogue, serving
from api.configuration_cli import configure
from api.demo import DemoLoader
from api.projection_cli import project
from domain.values import ROLE_ALIASES_NB, AssuranceLevel, Role

cli = typer.Typer(
    help="Planspor: event-sourced case management for the individuell plan.", no_args_is_help=True
)
cli.add_typer(project, name="project")
cli.add_typer(configure, name="configure")


@cli.command()
def serve(
    demo: Annotated[bool, typer.Option(help="Load the demo plans first (idempotent).")] = False,
    workers: Annotated[int, typer.Option(min=1, help="API worker processes.")] = 1,
    projections: Annotated[
        bool, typer.Option(help="Also run the read models in a separate process.")
    ] = False,
    host: Annotated[
        str | None,
        typer.Option(help="Address to listen on (default: PLANSPOR_HOST, else 127.0.0.1)."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Port to listen on (default: PORT, else 8000)."),
    ] = None,
) -> None:
    """Serve the API until SIGTERM or Ctrl-C, then stop everything it started."""
    settings = Settings()
    configure_logging(settings.log_level)
    service = serving.Service(
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        demo=demo,
        projections=projections,
    )
    serving.run(settings, service, load_demo)


NORWEGIAN = {role: name for name, role in ROLE_ALIASES_NB.items()}
ROLES = ", ".join(f"{role.value} ({NORWEGIAN[role]})" for role in Role)


@cli.command()
def token(
    role: Annotated[str, typer.Option(help=f"Role, in English or Norwegian: {ROLES}.")],
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
    except ValueError:
        raise typer.BadParameter(f"unknown role {role!r}; the roles are: {ROLES}") from None
    try:
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


def load_demo(settings: Settings | None = None) -> None:
    planspor = open_planspor(settings or Settings())
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


@cli.command("openapi")
def openapi_doc(
    path: Annotated[Path, typer.Option(help="The committed description.")] = Path(
        "docs/openapi.json"
    ),
) -> None:
    """Rewrite the committed OpenAPI description from the app; list any breaking change."""
    from api import openapi  # noqa: PLC0415
    from api.app import create_app  # noqa: PLC0415

    for change in openapi.write(create_app(Settings()), path):
        typer.echo(f"BREAKING: {change}", err=True)
    typer.echo(f"wrote {path}")


@cli.command("messages")
def messages() -> None:
    """Extract the pages' texts into the bokmål and nynorsk catalogues (api/locale)."""
    from api import catalogues  # noqa: PLC0415

    for language, untranslated in catalogues.update().items():
        typer.echo(f"{catalogues.path(language)}: {untranslated} without a text")


def main() -> None:
    cli()
