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
        # The number itself is never echoed: errors end up in logs and responses.
        raise InvalidNationalId(
            f"not a valid fødselsnummer or D-nummer: {error}", field=field
        ) from None
