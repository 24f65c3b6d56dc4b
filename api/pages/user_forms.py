"""Sending the user's and the participants' forms: the posted fields become a command, run
through `Planspor.execute` (the API's one write path) with the form's version as If-Match and
its key as Idempotency-Key. A refusal comes back as plain-language messages by field, for the
page to show beside the field with what was typed kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from fastapi import Request
from pydantic import ValidationError
from starlette.datastructures import FormData

from api.i18n import N_
from api.pages.plan_actions import posted_data, write_options
from application import errors as app_errors
from application.commands import PlanCommand
from application.idempotency import WriteResult
from application.service import Planspor
from domain.errors import DomainError, StateConflict
from domain.values import Actor

# The rule beside the field, in words a 12-year-old could follow (catalogue ids).
PLAIN: dict[str, str] = {
    "missing": N_("Skriv noe her før du lagrer."),
    "string_too_short": N_("Skriv noe her før du lagrer."),
    "empty": N_("Skriv noe her før du lagrer."),
    "valid_until": N_("Velg i dag eller en dag fram i tid."),
    "meeting_id": N_("Du kan bare skrive i referatet fra møter du var med på."),
    "string_too_long": N_("Teksten er for lang."),
    "enum": N_("Velg ett av svarene."),
    "bool_parsing": N_("Velg ett av svarene."),
    "date_parsing": N_("Skriv en dato, for eksempel 31.12.2026."),
    "date_from_datetime_parsing": N_("Skriv en dato, for eksempel 31.12.2026."),
    "reason-required": N_("Skriv hvorfor."),
    "precondition-failed": N_("Noen har endret planen mens du skrev. Se over og lagre på nytt."),
    "concurrent-write": N_("Noen andre lagret samtidig. Prøv igjen."),
    "not-responsible": N_("Du kan bare oppdatere tiltak du har ansvar for."),
    "already-ended": N_("Dette er allerede avsluttet."),
    "invalid-status-transition": N_("Tiltaket kan ikke få denne statusen nå."),
    "consent-to-plan-required": N_("Planen trenger samtykke før noe kan skrives i den."),
    "idempotency-key-reused": N_("Skjemaet er allerede sendt. Åpne siden på nytt."),
}
FALLBACK = N_("Det gikk ikke å lagre. Se over det du skrev.")
RuleViolations = dict[str, str]
WRITE_ERRORS = (app_errors.ConcurrentWriteError, app_errors.IdempotencyKeyReusedError)


class Refused(Exception):
    def __init__(self, messages: RuleViolations, status: int) -> None:
        super().__init__(messages)
        self.messages, self.status = messages, status


def fields(posted: FormData) -> dict[str, str]:
    """The posted form as one value per name (these forms have no repeated fields)."""
    return {name: values[0] for name, values in posted_data(posted).items() if values}


def send(
    request: Request,
    plans: Planspor,
    actor: Actor,
    plan_id: UUID,
    command: type[PlanCommand],
    payload: Mapping[str, Any],
    posted: FormData,
) -> WriteResult:
    """Run the command; `Refused` with messages by field (the command's own field names)."""
    data = posted_data(posted)
    try:
        built = command.model_validate(dict(payload))
        return plans.execute(plan_id, actor, built, write_options(request, data))
    except ValidationError as error:
        raise Refused(
            {str(e["loc"][-1]) if e["loc"] else "": _plain(e["type"]) for e in error.errors()}, 422
        ) from None
    except app_errors.PreconditionFailedError:
        raise Refused({"": PLAIN["precondition-failed"]}, 412) from None
    except (
        DomainError,
        app_errors.ConcurrentWriteError,
        app_errors.IdempotencyKeyReusedError,
    ) as e:
        raise Refused({e.field or "": _domain(e)}, 409 if _conflict(e) else 422) from None


def _plain(rule: str) -> str:
    return PLAIN.get(rule, FALLBACK)


def _domain(error: DomainError | app_errors.ApplicationError) -> str:
    """A named rule's words; the domain's general `invalid-value` by what it is about."""
    if error.rule != "invalid-value":
        return _plain(error.rule)
    if str(error).endswith("must not be empty"):
        return PLAIN["empty"]
    return PLAIN.get(error.field or "", FALLBACK)


def _conflict(error: Exception) -> bool:
    return isinstance(error, StateConflict | app_errors.ConcurrentWriteError)
