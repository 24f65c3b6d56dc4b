"""The municipality register: which kommunenummer are in force on a date (reference data).

Municipality numbers change with reforms (2018 Trøndelag, 2020 regional reform, 2024 when Viken,
Vestfold og Telemark and Troms og Finnmark were split): a number has a first and a last day. The
first two digits are the county (fylke) number, which decides the Statsforvalter office
(`domain/offices.py`).

Source: Statistics Norway's classification of municipalities (SSB KLASS, classification 131,
«Standard for kommuneinndeling»). **This table holds only the municipalities the demo, the tests
and the benchmark use, with their numbers since 2019 (when the ten Statsforvalter offices began)
before the reforms** — not the whole country. A
deployment adds its own municipality here (from KLASS, with `valid_from`/`valid_to`) before
opening plans in it; `docs/operations.md` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NewType

from domain.errors import RuleViolation

# The one form of a kommunenummer: four ASCII digits. The commands, the API's query parameters,
# the token's claim and the domain's rule all read this pattern.
KOMMUNENUMMER_PATTERN = r"^[0-9]{4}$"
KOMMUNENUMMER = re.compile(KOMMUNENUMMER_PATTERN)
MunicipalityNumber = NewType("MunicipalityNumber", str)


def is_number(value: str) -> bool:
    """Has `value` the form of a kommunenummer (whether or not it is in force)?"""
    return KOMMUNENUMMER.fullmatch(value) is not None


def number(value: str, field: str = "municipality") -> MunicipalityNumber:
    """`value` as a kommunenummer, or refused naming `field`."""
    if not is_number(value):
        raise RuleViolation(f"{field} must be a four-digit kommunenummer", field=field)
    return MunicipalityNumber(value)


@dataclass(frozen=True)
class Municipality:
    number: str
    name: str
    valid_from: date | None  # None: in force before the register's earliest change
    valid_to: date | None = None  # the last day; None: in force today

    def in_force(self, on: date) -> bool:
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_to is None or on <= self.valid_to)

    @property
    def county(self) -> str:
        return self.number[:2]


REGISTER: tuple[Municipality, ...] = (
    Municipality("0301", "Oslo", None),
    Municipality("5001", "Trondheim", date(2018, 1, 1)),
    Municipality("1201", "Bergen", None, date(2019, 12, 31)),
    Municipality("4601", "Bergen", date(2020, 1, 1)),
    Municipality("1103", "Stavanger", None),
    Municipality("0710", "Sandefjord", date(2017, 1, 1), date(2019, 12, 31)),
    Municipality("3804", "Sandefjord", date(2020, 1, 1), date(2023, 12, 31)),
    Municipality("3907", "Sandefjord", date(2024, 1, 1)),
)


def find(number: str, on: date) -> Municipality | None:
    """The municipality with `number` in force on `on`, if the register has it."""
    return next((m for m in REGISTER if m.number == number and m.in_force(on)), None)


def last_day(number: str, on: date) -> date:
    """The last day on or before `on` that `number` was in force (`on` if it still is): the day
    on which a plan kept under an old number is placed when asking who oversees it."""
    ends = [m.valid_to or on for m in REGISTER if m.number == number]
    return min(max(ends), on) if ends else on


def check(number: str, on: date) -> Municipality:
    """Refuse a number that is not a kommunenummer in force on `on` (field `municipality`)."""
    found = find(number, on)
    if found is None:
        known = ", ".join(sorted(m.number for m in REGISTER if m.in_force(on)))
        raise RuleViolation(
            f"{number} is not a kommunenummer in force on {on.isoformat()} in the municipality "
            f"register (it holds {known})",
            field="municipality",
        )
    return found
