"""Schemas of the "virksomme planer" figures, and the Norwegian labels of criteria and reasons.

A count never travels alone: each group carries the quality figures for the same (D, T),
because a bare count rewards renaming old paperwork (domain.md §5).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

CRITERIA = {
    "started": "Koordinator oppnevnt og planarbeid igangsatt",
    "in_active_use": "I aktiv bruk",
    "updated": "Oppdateres regelmessig",
}
REASONS = {
    "closed": "Planen er avsluttet",
    "suspended": "Planen er midlertidig stanset",
    "refused": "Søknaden om individuell plan er avslått",
    "no_coordinator": "Ingen koordinator er oppnevnt",
    "coordinator_withdrew": "Koordinatoren har trukket seg, og ingen ny er oppnevnt",
    "no_consent": "Samtykke til planen mangler",
    "consent_withdrawn": "Samtykket til planen er trukket tilbake",
    "consent_expired": "Samtykket til planen er utløpt",
    "no_goal_or_measure": "Ingen mål eller tiltak er lagt inn",
    "no_activity": "Ingen planaktivitet innenfor aktivitetsvinduet",
    "no_update": "Ingen evaluering eller revidert versjon innenfor intervallet",
    "no_revision_date": "Ingen dato for neste revisjon er satt",
    "revision_overdue": "Neste revisjon er forfalt utover fristen",
}


class ThresholdsOut(BaseModel):
    activity_window_days: int
    evaluation_interval_days: int
    revision_grace_days: int


class ConfigurationOut(BaseModel):
    """A municipality's own configuration version a figure was computed with."""

    municipality: str
    version: int
    effective_from: date
    recorded_at: datetime | None
    thresholds: ThresholdsOut


class Labelled(BaseModel):
    """Which question was answered: facts in effect on `reference_date`, as known at `known_at`."""

    reference_date: date = Field(description="D: facts that happened by the end of this day.")
    known_at: datetime = Field(description="T: only facts recorded at or before this instant.")
    thresholds: ThresholdsOut
    municipality: str
    configuration: ConfigurationOut | None = Field(
        default=None,
        description="The municipality's own configuration version in force on D as known at T, "
        "if it has one (else the deployment-wide defaults, `thresholds`).",
    )
    log_position: int = Field(
        description="The read model had applied the log up to at least here: a fact recorded "
        "by `known_at` but not yet applied is missing (use `min_position` to wait for it)."
    )


class ShareOut(BaseModel):
    numerator: int
    denominator: int
    share: float | None = Field(description="numerator / denominator; null when nothing to count.")

    @classmethod
    def of(cls, numerator: int, denominator: int) -> ShareOut:
        share = round(numerator / denominator, 4) if denominator else None
        return cls(numerator=numerator, denominator=denominator, share=share)


class QualityOut(BaseModel):
    consent_in_force: ShareOut = Field(description="Plans with consent to the plan in force.")
    goals_by_user: ShareOut = Field(
        description="Goals formulated or confirmed by the user, also as a professional recorded "
        "it on the user's behalf."
    )
    goals_by_user_self: ShareOut = Field(
        description="Goals the user or their representative wrote or agreed to with their own "
        "login (not recorded by a professional on their behalf): a part of `goals_by_user`."
    )
    revisions_on_time: ShareOut = Field(description="Plans whose revision is not overdue.")
    meetings_with_user: ShareOut = Field(description="Meetings (last interval) the user attended.")


class GroupOut(BaseModel):
    unit_id: str | None = Field(description="null on the municipality's total.")
    unit_name: str | None
    plans: int = Field(description="Plans opened by D, neither closed nor refused on D.")
    virksom: int
    share_virksom: float | None
    passed: dict[str, int] = Field(description=f"Plans passing each criterion: {CRITERIA}")
    suspended: int
    closed: int
    refused: int
    quality: QualityOut

    @classmethod
    def of(cls, row: dict[str, Any]) -> GroupOut:
        return cls(
            unit_id=None if row["total"] else row.get("unit_id"),
            unit_name=None if row["total"] else row.get("unit_name"),
            plans=row["plans"],
            virksom=row["virksom"],
            share_virksom=ShareOut.of(row["virksom"], row["plans"]).share,
            passed={code: row[code] for code in CRITERIA},
            suspended=row["suspended"],
            closed=row["closed"],
            refused=row["refused"],
            quality=QualityOut(
                consent_in_force=ShareOut.of(row["with_consent"], row["plans"]),
                goals_by_user=ShareOut.of(row["goals_by_user"], row["goals"]),
                goals_by_user_self=ShareOut.of(row["goals_by_user_self"], row["goals"]),
                revisions_on_time=ShareOut.of(row["revisions_on_time"], row["plans"]),
                meetings_with_user=ShareOut.of(row["meetings_with_user"], row["meetings"]),
            ),
        )


class VirksomCountsOut(Labelled):
    total: GroupOut = Field(description="The whole municipality (or the unit asked for).")
    units: list[GroupOut]


class MunicipalityGroupOut(GroupOut):
    municipality: str


class SeriesPointOut(BaseModel):
    reference_date: date
    configurations: list[ConfigurationOut] = Field(
        description="Municipalities' own configuration versions used on this date (the others "
        "used the defaults)."
    )
    total: GroupOut
    units: list[GroupOut] = []
    municipalities: list[MunicipalityGroupOut] = []


class VirksomSeriesOut(BaseModel):
    """One figure per reference date, all as known at the same `known_at`."""

    known_at: datetime
    log_position: int
    municipality: str | None = Field(description="null for every municipality within reach.")
    thresholds: ThresholdsOut = Field(description="The defaults (with this request's overrides).")
    points: list[SeriesPointOut]
