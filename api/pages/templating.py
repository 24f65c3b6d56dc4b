"""The pages' Jinja2 environment: templates under api/templates/pages, Norwegian dates and times,
and `_()`/`ngettext()` from the written standard's catalogue (`api.i18n`)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from api import i18n

OSLO = ZoneInfo("Europe/Oslo")


def norwegian_date(value: date | datetime | str | None) -> str:
    """31.12.2025; a datetime is shown on its Oslo date; empty for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(OSLO)
    return value.strftime("%d.%m.%Y")


def norwegian_time(value: datetime | str | None) -> str:
    """31.12.2025 kl. 14:05, in Europe/Oslo."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(OSLO).strftime("%d.%m.%Y kl. %H:%M")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(env)
    env.filters["dato"] = norwegian_date
    env.filters["tid"] = norwegian_time
    return env


templates = Jinja2Templates(env=_environment())
