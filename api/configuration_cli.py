"""`planspor configure …`: a municipality's own settings, as new versions from a date."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import psycopg
import typer

from adapters import configuration
from adapters.database import database_url
from adapters.settings import Settings
from domain import municipalities
from domain.configuration import in_force


class WrittenStandard(StrEnum):
    NB = "nb"
    NN = "nn"


configure = typer.Typer(help="Per-municipality configuration (versioned).", no_args_is_help=True)
Days = typer.Option(min=0, max=3650, help="Days; omitted: the version in force keeps its value.")


@configure.command()
def virksom(
    municipality: Annotated[str, typer.Option(help="Municipality number (4 digits).")],
    effective_from: Annotated[
        datetime, typer.Option(formats=["%Y-%m-%d"], help="In force from this date (Oslo).")
    ],
    activity_window_days: Annotated[int | None, Days] = None,
    evaluation_interval_days: Annotated[int | None, Days] = None,
    revision_grace_days: Annotated[int | None, Days] = None,
) -> None:
    """Record a new version of the municipality's virksom thresholds."""
    if not municipalities.is_number(municipality):  # the one pattern (domain/municipalities.py)
        raise typer.BadParameter("a municipality number has 4 digits", param_hint="municipality")
    on: date = effective_from.date()
    with psycopg.connect(database_url(Settings()), autocommit=True) as conn:
        versions = configuration.versions(conn, [municipality])
        now = datetime.now().astimezone()
        current = in_force(versions, municipality, on, now, configuration.defaults())
        thresholds = current.thresholds.overridden(
            activity_window_days=activity_window_days,
            evaluation_interval_days=evaluation_interval_days,
            revision_grace_days=revision_grace_days,
        )
        version = configuration.record(conn, municipality, on, thresholds, current.written_standard)
    typer.echo(f"{municipality}: version {version} from {on}: {thresholds}")


@configure.command("written-standard")
def written_standard(
    municipality: Annotated[str, typer.Option(help="Municipality number (4 digits).")],
    effective_from: Annotated[
        datetime, typer.Option(formats=["%Y-%m-%d"], help="In force from this date (Oslo).")
    ],
    standard: Annotated[WrittenStandard, typer.Option(help="nb (bokmål) or nn (nynorsk).")],
) -> None:
    """Record a new version with the municipality's written standard (its other settings kept)."""
    if not municipalities.is_number(municipality):
        raise typer.BadParameter("a municipality number has 4 digits", param_hint="municipality")
    on: date = effective_from.date()
    with psycopg.connect(database_url(Settings()), autocommit=True) as conn:
        versions = configuration.versions(conn, [municipality])
        now = datetime.now().astimezone()
        current = in_force(versions, municipality, on, now, configuration.defaults())
        version = configuration.record(conn, municipality, on, current.thresholds, standard.value)
    typer.echo(f"{municipality}: version {version} from {on}: written standard {standard.value}")
