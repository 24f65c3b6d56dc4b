"""The demo people one can log in as in development: the claims a municipality's identity
provider would issue for them (the same claims `adapters.auth.actor_from_claims` reads)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.values import AssuranceLevel, Role

MUNICIPALITY = "5001"
ORGANISATION = "Trondheim kommune"


@dataclass(frozen=True)
class DemoPerson:
    person_id: str
    name: str
    role: Role
    description: str  # shown on the development login page
    unit: str = ""
    organisation: str = ORGANISATION
    assurance: AssuranceLevel = AssuranceLevel.SUBSTANTIAL
    office: str = ""  # supervisors: the office (embete) they act for, see domain/offices.py

    def claims(self) -> dict[str, Any]:
        office = {"office": self.office} if self.office else {}
        return office | {
            "sub": self.person_id,
            "name": self.name,
            "role": str(self.role),
            "municipality": MUNICIPALITY,
            "org": self.organisation,
            "unit": self.unit,
            "acr": str(self.assurance),
        }


PEOPLE: list[DemoPerson] = [
    DemoPerson("k-100", "Kari Koordinator", Role.COORDINATOR,
               "Koordinator med flere planer, noen på overtid", "Hjemmetjenesten Østbyen"),
    DemoPerson("k-207", "Ola Ansatt", Role.COORDINATOR,
               "Koordinator, har takket nei til én plan", "Hjemmetjenesten Østbyen"),
    DemoPerson("ke-1", "Siri Systemkoordinator", Role.COORDINATING_UNIT,
               "Koordinerende enhet: alle planer i kommunen", "Koordinerende enhet"),
    DemoPerson("l-1", "Lise Leder", Role.UNIT_LEADER,
               "Leder for hjemmetjenesten: tall og arbeidslister uten navn",
               "Hjemmetjenesten Østbyen"),
    DemoPerson("demo-1", "Aksel Berg", Role.USER, "Bruker med en aktiv plan",
               organisation="", assurance=AssuranceLevel.HIGH),
    DemoPerson("pa-1", "Eva Lie", Role.REPRESENTATIVE,
               "Mor til Ingrid, representant med foreldreansvar", organisation="",
               assurance=AssuranceLevel.HIGH),
    DemoPerson("tp-1", "Nina Sykepleier", Role.SERVICE_PROVIDER,
               "Tjenesteyter i Aksels plan, med samtykke til deling", "Hjemmesykepleien Østbyen"),
    DemoPerson("kb-1", "Kim Klagebehandler", Role.COMPLAINT_HANDLER,
               "Behandler klager i kommunen", "Klagenemnda"),
    DemoPerson("sf-1", "Stine Tilsyn", Role.SUPERVISOR, "Tilsyn hos Statsforvalteren",
               "Tilsynsavdelingen", "Statsforvalteren i Trøndelag", office="trondelag"),
    DemoPerson("sfk-1", "Sara Statsklage", Role.STATE_COMPLAINT_HANDLER,
               "Klagebehandler hos Statsforvalteren: avgjør klager kommunen har sendt",
               "Klageavdelingen", "Statsforvalteren i Trøndelag", office="trondelag"),
]  # fmt: skip
BY_ID = {person.person_id: person for person in PEOPLE}
