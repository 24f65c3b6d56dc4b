"""Statsforvalteren's offices (embeter) and which counties each covers, by period; Helsetilsynet
(Statens helsetilsyn) is national (reference data, domain.md §3).

Since 1 January 2019 there are ten offices (Fylkesmannen, renamed Statsforvalteren in 2021);
each covers the municipalities of its counties. A county is the first two digits of the
kommunenummer; county numbers changed in 2020 and 2024 (`domain/municipalities.py`). A county
number has never moved between offices, so an office's reach over all periods is a set of county
numbers (`county_numbers`), which a read model can filter on.

Source: Statsforvalteren's own list of embeter (statsforvalteren.no) and SSB's classification of
counties (KLASS 104). Exceptions to county lines (a municipality served by a neighbouring office)
are not modelled. The office's name after 2024 is given as it is used today; verify names before
printing them in a letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import municipalities
from domain.values import Role

HELSETILSYNET = "helsetilsynet"
# Roles whose token names an office, and whose reach is that office's municipalities.
OFFICE_ROLES = frozenset({Role.SUPERVISOR, Role.STATE_COMPLAINT_HANDLER})
# The periods county numbers were in force: up to the 2020 reform, 2020-2023, from 2024.
PERIODS = (
    (None, date(2019, 12, 31)),
    (date(2020, 1, 1), date(2023, 12, 31)),
    (date(2024, 1, 1), None),
)


@dataclass(frozen=True)
class Coverage:
    office: str
    county: str
    valid_from: date | None
    valid_to: date | None = None

    def in_force(self, on: date) -> bool:
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_to is None or on <= self.valid_to)


OFFICES: dict[str, str] = {
    "oslo-viken": "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus (før: Oslo og Viken)",
    "innlandet": "Statsforvalteren i Innlandet",
    "vestfold-telemark": "Statsforvalteren i Vestfold og Telemark",
    "agder": "Statsforvalteren i Agder",
    "rogaland": "Statsforvalteren i Rogaland",
    "vestland": "Statsforvalteren i Vestland",
    "more-romsdal": "Statsforvalteren i Møre og Romsdal",
    "trondelag": "Statsforvalteren i Trøndelag",
    "nordland": "Statsforvalteren i Nordland",
    "troms-finnmark": "Statsforvalteren i Troms og Finnmark",
    HELSETILSYNET: "Statens helsetilsyn (nasjonalt)",
}
# (office, county numbers before 2020, 2020-2023, from 2024)
_COUNTIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("oslo-viken", ("01", "02", "03", "06"), ("03", "30"), ("03", "31", "32", "33")),
    ("innlandet", ("04", "05"), ("34",), ("34",)),
    ("vestfold-telemark", ("07", "08"), ("38",), ("39", "40")),
    ("agder", ("09", "10"), ("42",), ("42",)),
    ("rogaland", ("11",), ("11",), ("11",)),
    ("vestland", ("12", "14"), ("46",), ("46",)),
    ("more-romsdal", ("15",), ("15",), ("15",)),
    ("trondelag", ("50",), ("50",), ("50",)),
    ("nordland", ("18",), ("18",), ("18",)),
    ("troms-finnmark", ("19", "20"), ("54",), ("55", "56")),
)
COVERAGE: tuple[Coverage, ...] = tuple(
    Coverage(office, county, start, end)
    for office, *by_period in _COUNTIES
    for (start, end), counties in zip(PERIODS, by_period, strict=True)
    for county in counties
)


def office_of(municipality: str, on: date) -> str | None:
    """The office overseeing `municipality` on `on`; a number no longer in force is placed on
    its last day (a plan keeps the number it was opened under)."""
    day = municipalities.last_day(municipality, on)
    county = municipality[:2]
    return next((c.office for c in COVERAGE if c.county == county and c.in_force(day)), None)


def covers(office: str, municipality: str, on: date) -> bool:
    """Does `office` reach `municipality` on `on`? Helsetilsynet reaches every municipality."""
    return office == HELSETILSYNET or (office in OFFICES and office_of(municipality, on) == office)


def county_numbers(office: str) -> tuple[str, ...] | None:
    """Every county number the office has covered (None: national, no limit)."""
    if office == HELSETILSYNET:
        return None
    return tuple(sorted({c.county for c in COVERAGE if c.office == office}))
