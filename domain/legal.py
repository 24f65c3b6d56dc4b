"""Legal references as versioned data, and the complaint deadline computed from them.

domain.md asks for references stored as data with validity dates, never as constants buried in
code: a complaint records the id and citation of the rule it was judged by, so a rule that
changes later does not rewrite old cases. The sources are in docs/complaints.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays


@dataclass(frozen=True)
class LegalReference:
    ref_id: str
    citation: str
    title: str
    valid_from: date
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class DeadlineRule:
    """A complaint deadline: its length in weeks and how its last day is found."""

    ref_id: str
    weeks: int
    basis: LegalReference
    counting: LegalReference


COMPLAINT_DEADLINE = LegalReference(
    "pbrl-7-5",
    "pasient- og brukerrettighetsloven § 7-5",
    "Klagefrist: fire uker etter at vedkommende fikk eller burde ha fått kunnskap",
    date(2001, 1, 1),
)
DEADLINE_COUNTING = LegalReference(
    "dl-148-149",
    "domstolloven §§ 148 og 149, jf. pbrl § 7-6 og forvaltningsloven kap. VI",
    "Fristberegning: en frist i uker ender på samme ukedag i siste uke; ender den på en lørdag, "
    "helgedag eller dag likestilt med helgedag (1. og 17. mai), forlenges den til nærmest "
    "følgende virkedag",
    date(1915, 8, 13),
)
RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("complaint-4-weeks", 4, COMPLAINT_DEADLINE, DEADLINE_COUNTING),
)


@dataclass(frozen=True)
class Deadline:
    """The last day to complain, and how it was found (for the case file)."""

    last_day: date
    nominal_day: date
    rule: DeadlineRule

    @property
    def extended_because(self) -> str | None:
        if self.last_day == self.nominal_day:
            return None
        return non_working_reason(self.nominal_day)

    def is_late(self, submitted_on: date) -> bool:
        return submitted_on > self.last_day


def non_working_reason(day: date) -> str | None:
    """Why `day` is not a working day (lørdag, søndag, helligdag, høytidsdag), or None."""
    if day.weekday() == 5:
        return "lørdag"
    if day.weekday() == 6:
        return "søndag"
    name = holidays.country_holidays("NO", years=day.year, language="no").get(day)
    return str(name) if name else None


def rule_on(day: date) -> DeadlineRule:
    for rule in RULES:
        if rule.basis.valid_on(day) and rule.counting.valid_on(day):
            return rule
    raise LookupError(f"no complaint deadline rule is valid on {day.isoformat()}")


def complaint_deadline(knew_on: date) -> Deadline:
    """Four weeks from the day the complainant knew or should have known: the same weekday four
    weeks on (dl § 148); a last day that is not a working day moves to the next one (dl § 149)."""
    rule = rule_on(knew_on)
    nominal = knew_on + timedelta(weeks=rule.weeks)
    last_day = nominal
    while non_working_reason(last_day) is not None:
        last_day += timedelta(days=1)
    return Deadline(last_day=last_day, nominal_day=nominal, rule=rule)
