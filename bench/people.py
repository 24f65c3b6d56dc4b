"""The people of a synthetic municipality: its units and staff; the users and representatives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import Any

from bench import vocabulary as words
from bench.clock import seeded
from domain.values import Actor, AssuranceLevel, Role

Data = dict[str, Any]
DEFAULT_WEIGHT = 100_000


@dataclass(frozen=True)
class Office:
    """One municipality's coordinating unit, service units and staff."""

    municipality: str
    name: str
    weight: int
    coordinating_unit: Data
    units: tuple[Data, ...]
    coordinators: tuple[Actor, ...]
    clerks: tuple[Actor, ...]


@dataclass(frozen=True)
class User:
    """The person a plan is for, and who may act for them."""

    person_id: str
    name: str
    birth_date: date
    representative: Data | None

    def subject(self) -> Data:
        return {"name": self.name, "person_id": self.person_id, "birth_date": self.birth_date}


def full_name(rng: Random) -> str:
    return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"


def person_data(actor: Actor) -> Data:
    return {
        "person_id": actor.person_id,
        "name": actor.name,
        "unit": actor.unit,
        "organisation": actor.organisation,
    }


def build_offices(municipalities: list[str], seed: int) -> list[Office]:
    return [_office(number, seeded(seed, "office", number)) for number in municipalities]


def _office(number: str, rng: Random) -> Office:
    name, weight, districts = words.MUNICIPALITIES.get(
        number, (f"Kommune {number}", DEFAULT_WEIGHT, words.FALLBACK_DISTRICTS)
    )
    units = tuple(
        {"unit_id": f"{number}-{d}-{k}", "name": f"{kind} {district}"}
        for d, district in enumerate(districts)
        for k, kind in enumerate(words.UNIT_KINDS)
        if rng.random() < 0.6 or k == 0
    )
    staff = [
        _staff(rng, number, name, unit, Role.COORDINATOR, f"k{i}-{n}")
        for i, unit in enumerate(units)
        for n in range(rng.randint(2, 5))
    ]
    ke = {"unit_id": f"{number}-ke", "name": f"Koordinerende enhet, {name}"}
    clerks = [_staff(rng, number, name, ke, Role.COORDINATING_UNIT, f"ke-{n}") for n in range(3)]
    return Office(number, name, weight, ke, units, tuple(staff), tuple(clerks))


def _staff(rng: Random, number: str, org: str, unit: Data, role: Role, key: str) -> Actor:
    return Actor(
        person_id=f"{number}-{key}",
        name=full_name(rng),
        role=role,
        municipality=number,
        organisation=org,
        unit=str(unit["name"]),
        assurance=AssuranceLevel.HIGH,
    )


def new_user(rng: Random, today: date) -> User:
    age = rng.choice(
        (rng.randint(2, 17), rng.randint(18, 66), rng.randint(18, 66), rng.randint(67, 95))
    )
    name = full_name(rng)
    born = today - timedelta(days=int(age * 365.25) + rng.randint(0, 364))
    return User(f"p-{rng.getrandbits(64):016x}", name, born, _representative(rng, age, name))


def _representative(rng: Random, age: int, name: str) -> Data | None:
    surname = name.rsplit(maxsplit=1)[-1]
    if age < 16:
        basis = "parental_responsibility"
    elif age >= 67 and rng.random() < 0.4:
        basis = rng.choice(("guardianship", "lacks_consent_capacity"))
    elif rng.random() < 0.12:
        basis = rng.choice(("power_of_attorney", "guardianship"))
    else:
        return None
    return {
        "person_id": f"r-{rng.getrandbits(48):012x}",
        "name": f"{rng.choice(words.FIRST_NAMES)} {surname}",
        "basis": basis,
    }


def user_actor(user: User, municipality: str) -> Actor:
    return Actor(user.person_id, user.name, Role.USER, municipality, assurance=AssuranceLevel.HIGH)


def representative_actor(user: User, municipality: str) -> Actor:
    rep = user.representative or {}
    return Actor(
        str(rep.get("person_id") or user.person_id),
        str(rep.get("name") or user.name),
        Role.REPRESENTATIVE,
        municipality,
        assurance=AssuranceLevel.HIGH,
    )
