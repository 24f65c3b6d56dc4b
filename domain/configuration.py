"""Settings a municipality may choose: one definition, deployment-wide defaults, and versions.

The virksom thresholds (docs/virksomme-planer.md) and the written standard of the pages (bokmål
or nynorsk) are such settings. Each is defined
once here; the figure, the worklists and the caseload read the same value. A municipality's
configuration is a list of versions, each in force from an effective date; the version in force
on a reference date D *as known at* an instant T is the latest version effective by D among those
recorded by T, so a figure asked again with the same (D, T) uses the same configuration even
after a later change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Thresholds:
    """How a plan's facts are judged (docs/virksomme-planer.md §Thresholds), in days."""

    activity_window_days: int = 180
    evaluation_interval_days: int = 365
    revision_grace_days: int = 30

    def overridden(self, **days: int | None) -> Thresholds:
        """These thresholds with the given ones replaced (None keeps the configured value)."""
        return replace(self, **{name: value for name, value in days.items() if value is not None})


DEFAULTS = Thresholds()
DEFAULT_VERSION = 0  # the deployment-wide defaults, before any municipality chose its own


@dataclass(frozen=True)
class Configuration:
    """One version of a municipality's configuration: what it says and since when."""

    municipality: str
    version: int
    effective_from: date
    recorded_at: datetime | None
    thresholds: Thresholds = field(default_factory=Thresholds)
    written_standard: str | None = None  # "nb" or "nn"; None: the deployment's choice

    def label(self) -> dict[str, Any]:
        """What a figure records about the configuration it was computed with."""
        return {
            "municipality": self.municipality,
            "version": self.version,
            "effective_from": self.effective_from,
            "recorded_at": self.recorded_at,
        }


def default(municipality: str, thresholds: Thresholds = DEFAULTS) -> Configuration:
    return Configuration(municipality, DEFAULT_VERSION, date.min, None, thresholds)


def in_force(
    versions: Iterable[Configuration],
    municipality: str,
    on: date,
    known_at: datetime,
    defaults: Thresholds = DEFAULTS,
) -> Configuration:
    """The version in force on `on` as known at `known_at`: the latest effective by `on` among
    those recorded by `known_at` (the highest version number breaks a tie); else the defaults."""
    candidates = [
        c
        for c in versions
        if c.municipality == municipality
        and c.effective_from <= on
        and (c.recorded_at is None or c.recorded_at <= known_at)
    ]
    if not candidates:
        return default(municipality, defaults)
    return max(candidates, key=lambda c: (c.effective_from, c.version))
