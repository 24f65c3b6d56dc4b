"""Norwegian national identity numbers: fødselsnummer and D-nummer, checked by python-stdnum."""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

from domain.errors import InvalidNationalId


def validate_national_id(value: str, *, field: str = "subject.national_id") -> str:
    """Return the compact 11-digit number, or raise `InvalidNationalId` naming what is wrong.

    D-numbers (day + 40) are accepted; `python-stdnum` checks both check digits and the date.
    """
    try:
        return str(fodselsnummer.validate(value))
    except ValidationError as error:
        raise InvalidNationalId(
            f"'{_mask(value)}' is not a valid fødselsnummer or D-nummer: {error}",
            field=field,
        ) from None


def _mask(value: str) -> str:
    """Never echo a full identity number back: keep the first six digits (the date)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits[:6] + "*****" if len(digits) > 6 else "*" * len(digits)
