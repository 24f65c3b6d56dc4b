"""Rules on a command's own content, shared by the plan's commands. Each raises a named error."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain import municipalities
from domain.errors import (
    ConsentRequired,
    ContentBeforeConsent,
    DecisionReferenceRequired,
    GoalNotWantedByUser,
    NextRevisionDateRequired,
    RuleViolation,
)
from domain.identity import validate_national_id
from domain.values import (
    ConsentGiver,
    ConsentScope,
    MeasureStatus,
    Meta,
    RecipientRole,
    UserAgreement,
)

Data = dict[str, Any]


def require(condition: bool, field: str, detail: str) -> None:
    if not condition:
        raise RuleViolation(detail, field=field)


def required_text(value: str | None, field: str) -> str:
    require(bool(value and value.strip()), field, f"{field} must not be empty")
    return str(value).strip()


def require_consent(in_force_now: bool, in_force_then: bool) -> None:
    """Plan content needs a consent to the plan in force today and on the day the content is
    dated (its effective time). A consent given earlier than recorded can be recorded with its
    true date (back-dated), so the rule never forces an untrue record."""
    if not in_force_now:
        raise ConsentRequired(
            "no consent to the plan is in force: record the user's consent before plan content"
        )
    if not in_force_then:
        raise ContentBeforeConsent(
            "no consent to the plan was in force on the day this content is dated "
            "(effective_at): record the consent with the day it was given, or date the "
            "content on or after it"
        )


def check_municipality(municipality: str) -> None:
    municipalities.number(municipality)


def as_data(obj: Any) -> Data:
    return {key: value for key, value in vars(obj).items() if not key.startswith("_")}


def _pick(data: Data, prefix: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Data:
    picked = {key: required_text(data.get(key), f"{prefix}.{key}") for key in required}
    picked |= {key: str(data.get(key) or "") for key in optional}
    return picked


def unit(data: Data) -> Data:
    return _pick(data, "unit", ("unit_id", "name"), ())


def person(data: Data, prefix: str) -> Data:
    return _pick(data, prefix, ("person_id", "name"), ("unit", "organisation"))


def recipient(data: Data) -> Data:
    picked = _pick(data, "recipient", ("name", "role"), ("organisation",))
    roles = [str(r) for r in RecipientRole if r != RecipientRole.UNKNOWN]
    require(
        picked["role"] in roles,
        "recipient.role",
        f"recipient.role must be one of {', '.join(roles)}",
    )
    return picked


def subject(data: Data) -> Data:
    national_id = data.get("national_id")
    person_id = data.get("person_id")
    require(
        bool(national_id or person_id),
        "subject",
        "the user must be identified by national_id or person_id",
    )
    return {
        "name": required_text(data.get("name"), "subject.name"),
        "national_id": validate_national_id(national_id) if national_id else None,
        "person_id": str(person_id) if person_id else None,
        "birth_date": data.get("birth_date"),
    }


def representative(data: Data | None) -> Data | None:
    if data is None:
        return None
    return _pick(data, "representative", ("name", "basis"), ("person_id",))


def check_consent(
    meta: Meta,
    *,
    scope: str,
    given_by: str,
    participant_id: str | None,
    valid_until: date | None,
    representative: Data | None,
) -> None:
    if scope == ConsentScope.PLAN:
        require(
            participant_id is None,
            "participant_id",
            "consent to the plan itself names no participant",
        )
    if given_by == ConsentGiver.REPRESENTATIVE:
        require(
            representative is not None and bool(representative.get("basis")),
            "representative.basis",
            "consent by a representative must record its basis",
        )
    else:
        require(
            representative is None,
            "representative",
            "a representative is recorded only when the representative consents",
        )
    if valid_until is not None:
        require(
            valid_until >= meta.effective_at.date(),
            "valid_until",
            "a consent cannot expire before it is given",
        )


def check_goal_agreement(user_agreement: str) -> None:
    if user_agreement == UserAgreement.DISAGREED:
        raise GoalNotWantedByUser(
            "a goal the user does not want is not added to the user's plan",
            field="user_agreement",
        )


def participant(data: Data) -> Data:
    picked = _pick(
        data, "participant", ("name", "role", "sector"), ("organisation", "contribution")
    )
    return picked | {"person_id": data.get("person_id")}


def measure(data: Data) -> Data:
    picked = _pick(data, "measure", ("title", "responsible_service"), ("scope", "how"))
    return (
        picked
        | {
            "responsible_person": data.get("responsible_person"),
            "due_date": data.get("due_date"),
            "goal_ids": list(data.get("goal_ids", [])),
        }
        | _responsible_participant(data)
    )


def _responsible_participant(data: Data) -> Data:
    return {"responsible_participant_id": data.get("responsible_participant_id") or None}


def _attendee(data: Data, prefix: str) -> Data:
    picked = _pick(data, prefix, ("name", "role"), ("organisation",))
    return picked | {"person_id": str(data["person_id"]) if data.get("person_id") else None}


def check_measure_decision(meta: Meta, status: str, decision_reference: str | None) -> None:
    if status == MeasureStatus.REFUSED and not (decision_reference and decision_reference.strip()):
        raise DecisionReferenceRequired(
            "a refused measure must carry the reference of the refusing decision (vedtak)",
            field="decision_reference",
        )


def check_period(starts_on: date, ends_on: date | None, next_revision_on: date) -> None:
    require(
        ends_on is None or ends_on >= starts_on,
        "ends_on",
        "the plan period cannot end before it starts",
    )
    require(
        next_revision_on >= starts_on,
        "next_revision_on",
        "the next revision cannot lie before the plan period starts",
    )


def partner(data: Data) -> Data:
    return _pick(data, "partner", ("organisation", "sector"), ("purpose", "contact"))


def meeting(data: Data) -> Data:
    return {
        "kind": str(data.get("kind") or "ansvarsgruppemote"),
        "attendees": [_attendee(a, "attendees") for a in data.get("attendees", [])],
        "user_attended": bool(data["user_attended"]),
        "agenda_prepared_with_user": bool(data["agenda_prepared_with_user"]),
        "minutes": str(data.get("minutes") or ""),
        "decisions": [
            {
                "text": required_text(d.get("text"), "decisions.text"),
                "goal_ids": list(d.get("goal_ids", [])),
                "measure_ids": list(d.get("measure_ids", [])),
            }
            for d in data.get("decisions", [])
        ],
    }


def evaluation(data: Data, held_on: date) -> Data:
    next_revision_on = data.get("next_revision_on")
    if next_revision_on is None:
        raise NextRevisionDateRequired(
            "an evaluation must set the next revision date", field="next_revision_on"
        )
    require(
        next_revision_on > held_on,
        "next_revision_on",
        "the next revision must come after the evaluation",
    )
    return {
        "participants": [_attendee(p, "participants") for p in data.get("participants", [])],
        "user_took_part": bool(data["user_took_part"]),
        "user_participation": str(data.get("user_participation") or ""),
        "users_view": str(data.get("users_view") or ""),
        "outcome": required_text(data.get("outcome"), "outcome"),
        "next_revision_on": next_revision_on,
    }
