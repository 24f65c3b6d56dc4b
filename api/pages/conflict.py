"""What changed in a plan since the version a form was opened at, in the history's words: each
event with its Norwegian label, who, when, why, and the values it carried."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.event_schemas import EventOut, plan_event
from api.i18n import gettext
from api.pages.history_words import field_text
from api.pages.plan_text import value_text
from application.service import Planspor
from domain.plan import Plan
from domain.values import Actor
from projections.history import LABELS

SHOWN_AT_MOST = 50


def changes_since(
    plans: Planspor, actor: Actor, plan_id: UUID, version: int
) -> list[dict[str, Any]]:
    """The events after `version` (a read of plan content, logged like any other)."""
    events = plans.plan_events(plan_id, actor, after=version, limit=SHOWN_AT_MOST)
    return [change(plan_event(event)) for event in events]


def change(event: EventOut) -> dict[str, Any]:
    return {
        "label": gettext(LABELS[event.type]) if event.type in LABELS else event.type,
        "who": event.actor.name,
        "recorded_at": event.recorded_at,
        "effective_at": event.effective_at,
        "reason": event.reason,
        "facts": _values(event.model_dump().get("data", {})),
    }


def _values(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The event's own facts, flattened one level; ids are left out (they mean nothing here)."""
    flat: dict[str, Any] = {}
    for name, value in data.items():
        flat |= value if isinstance(value, dict) else {name: value}
    return [
        (field_text(name), value_text(value, name))
        for name, value in flat.items()
        if not name.endswith(("_id", "_ids")) and value not in (None, "", []) and _plain(value)
    ]


def _plain(value: Any) -> bool:
    return not isinstance(value, dict | list) or all(isinstance(v, str) for v in value)


def about(plan: Plan, id_field: str | None, item: str | None) -> str:
    """What an item form is about, in words: «Målet «Gå tur hver dag»»."""
    if not id_field or not item:
        return ""
    found: dict[str, Any] = {
        "goal_id": lambda: gettext("Målet «%(text)s»") % {"text": plan.goals[item].text},
        "measure_id": lambda: (
            gettext("Tiltaket «%(title)s»") % {"title": plan.measures[item].title}
        ),
        "participant_id": lambda: (
            gettext("Deltakeren %(name)s") % {"name": plan.participants[item].name}
        ),
        "consent_id": lambda: _consent(plan, item),
        "number": lambda: gettext("Versjon %(number)d") % {"number": int(item)},
    }
    try:
        return str(found[id_field]())
    except (KeyError, ValueError):
        return ""


def _consent(plan: Plan, consent_id: str) -> str:
    consent = plan.consents[consent_id]
    if consent.participant_id and consent.participant_id in plan.participants:
        name = plan.participants[consent.participant_id].name
        return gettext("Samtykke til deling med %(name)s") % {"name": name}
    if consent.is_plan_consent:
        return gettext("Samtykke til planen")
    return gettext("Samtykke til deling")
