"""The roles an actor acts in, with their Norwegian names, in one table.

Each role has the word a development token and the CLI accept (`alias`), and its label in
bokmål and nynorsk. `ROLE_ALIASES_NB` (alias → role) is derived from the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The role an actor acts in, from the verified token's `role` claim."""

    USER = "user"
    REPRESENTATIVE = "representative"
    COORDINATOR = "coordinator"
    COORDINATING_UNIT = "coordinating_unit"
    SERVICE_PROVIDER = "service_provider"
    UNIT_LEADER = "unit_leader"
    SUPERVISOR = "supervisor"
    COMPLAINT_HANDLER = "complaint_handler"
    STATE_COMPLAINT_HANDLER = "state_complaint_handler"


@dataclass(frozen=True)
class RoleLabel:
    alias: str  # the Norwegian word for the role in a token or on the command line
    nb: str  # bokmål
    nn: str  # nynorsk


ROLES: dict[Role, RoleLabel] = {
    Role.USER: RoleLabel("bruker", "Bruker", "Brukar"),
    Role.REPRESENTATIVE: RoleLabel("representant", "Representant", "Representant"),
    Role.COORDINATOR: RoleLabel("koordinator", "Koordinator", "Koordinator"),
    Role.COORDINATING_UNIT: RoleLabel(
        "koordinerende_enhet", "Koordinerende enhet", "Koordinerande eining"
    ),
    Role.SERVICE_PROVIDER: RoleLabel("tjenesteyter", "Tjenesteyter", "Tenesteytar"),
    Role.UNIT_LEADER: RoleLabel("leder", "Leder", "Leiar"),
    Role.SUPERVISOR: RoleLabel("tilsyn", "Tilsyn", "Tilsyn"),
    Role.COMPLAINT_HANDLER: RoleLabel("klagebehandler", "Klagebehandler", "Klagehandsamar"),
    Role.STATE_COMPLAINT_HANDLER: RoleLabel(
        "statsforvalteren_klagebehandler",
        "Statsforvalterens klagebehandler",
        "Statsforvaltaren sin klagehandsamar",
    ),
}
assert set(ROLES) == set(Role), "every role has its Norwegian names"

ROLE_ALIASES_NB: dict[str, Role] = {label.alias: role for role, label in ROLES.items()}
