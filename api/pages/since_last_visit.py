"""«Siden sist»: on "my plans", what the user, representatives and participants wrote on the
coordinator's plans since the coordinator's last visit, each from its author. Only who, what
kind of change and when: the content is one click away, in the plan's history (a logged read).

The last visit is kept server-side (`adapters.last_visits`, beside the sessions; the browser
holds only the session cookie); on a first visit, the last seven days are shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from fastapi import Request

from adapters.last_visits import LastVisits
from adapters.readmodels import history_queries
from adapters.readmodels.reads import ReadModelNotBuiltError, ReadStore
from api.i18n import N_
from domain.values import Actor

DEFAULT = timedelta(days=7)
ROLES = {"user": N_("brukeren"), "representative": N_("representant"),
         "service_provider": N_("deltaker")}  # fmt: skip


def last_visits(request: Request) -> LastVisits:
    state = request.app.state
    if getattr(state, "last_visits", None) is None:
        state.last_visits = LastVisits(state.sessions.pool)
    found: LastVisits = state.last_visits
    return found


def since_last_visit(
    request: Request, reads: ReadStore, actor: Actor, plans: list[Any]
) -> dict[str, Any]:
    """The contributions on the listed plans (the policy already chose them) since the last
    visit, grouped by plan and author; this visit becomes the last one."""
    now = datetime.now(UTC)
    since = last_visits(request).swap(actor.person_id, now) or now - DEFAULT
    names = {UUID(str(p.plan_id)): p.subject_name for p in plans}
    try:
        with reads.connection() as conn:
            rows = history_queries.contributions(conn, actor.municipality, list(names), since)
    except ReadModelNotBuiltError:  # the history is not built yet: nothing to tell
        rows = []
    grouped: dict[tuple[UUID, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["plan_id"], row["actor_name"])
        item = grouped.setdefault(key, {"plan_id": row["plan_id"], "subject": names.get(
            row["plan_id"]), "author": row["actor_name"], "role": row["actor_role"],
            "labels": [], "latest": row["recorded_at"]})  # fmt: skip
        if row["label"] not in item["labels"]:
            item["labels"].append(row["label"])
    return {"since": since, "items": list(grouped.values()), "roles": ROLES}
