"""Reference data: the municipality register (numbers in force by date, across the 2020 and 2024
reforms) and Statsforvalteren's offices with the counties each covers."""

from __future__ import annotations

from datetime import date

import pytest

from domain import municipalities, offices
from domain.errors import RuleViolation


def test_a_number_is_in_force_only_between_its_first_and_last_day() -> None:
    assert municipalities.find("3804", date(2023, 12, 31)) is not None
    assert municipalities.find("3804", date(2024, 1, 1)) is None
    assert municipalities.find("3907", date(2023, 12, 31)) is None
    found = municipalities.find("3907", date(2024, 1, 1))
    assert found is not None and found.name == "Sandefjord"
    assert municipalities.find("1201", date(2019, 12, 31)) is not None
    assert municipalities.find("1201", date(2020, 1, 1)) is None


def test_a_number_not_in_force_is_refused_naming_the_municipality() -> None:
    with pytest.raises(RuleViolation) as refused:
        municipalities.check("9999", date(2026, 6, 1))
    assert refused.value.field == "municipality"
    with pytest.raises(RuleViolation):
        municipalities.check("3804", date(2026, 6, 1))  # Sandefjord before 2024
    assert municipalities.check("5001", date(2026, 6, 1)).name == "Trondheim"


def test_each_municipality_is_overseen_by_the_office_of_its_county() -> None:
    today = date(2026, 6, 1)
    assert offices.office_of("5001", today) == "trondelag"
    assert offices.office_of("4601", today) == "vestland"
    assert offices.office_of("0301", today) == "oslo-viken"
    assert offices.office_of("1103", today) == "rogaland"
    assert offices.office_of("3907", today) == "vestfold-telemark"
    assert offices.office_of("3804", today) == "vestfold-telemark"  # kept under its old number
    assert offices.office_of("1201", today) == "vestland"


def test_every_number_in_the_register_has_exactly_one_office_while_in_force() -> None:
    for municipality in municipalities.REGISTER:
        day = municipality.valid_to or date(2026, 6, 1)
        county = municipality.county
        owners = {c.office for c in offices.COVERAGE if c.county == county and c.in_force(day)}
        assert len(owners) == 1, municipality


def test_a_county_number_never_moves_between_offices() -> None:
    owner: dict[str, str] = {}
    for coverage in offices.COVERAGE:
        assert owner.setdefault(coverage.county, coverage.office) == coverage.office


def test_helsetilsynet_reaches_every_municipality_and_an_office_only_its_own() -> None:
    today = date(2026, 6, 1)
    assert offices.covers(offices.HELSETILSYNET, "4601", today)
    assert offices.covers("vestland", "4601", today)
    assert not offices.covers("trondelag", "4601", today)
    assert not offices.covers("no-such-office", "4601", today)
    assert offices.county_numbers(offices.HELSETILSYNET) is None
    assert offices.county_numbers("vestfold-telemark") == ("07", "08", "38", "39", "40")
    assert len(offices.OFFICES) == 11  # ten Statsforvalter offices and Helsetilsynet
