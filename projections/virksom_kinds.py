"""The kinds of virksom facts, and which criterion reads which (docs/virksomme-planer.md)."""

from __future__ import annotations

OPENED, GRANTED, REFUSED = "opened", "granted", "refused"
CONSENT_GIVEN, CONSENT_WITHDRAWN = "consent_given", "consent_withdrawn"
COORDINATOR_ON, COORDINATOR_OFF = "coordinator_on", "coordinator_off"
GOAL_ADDED, GOAL_REVISED, GOAL_CONFIRMED = "goal_added", "goal_revised", "goal_confirmed"
MEASURE_ADDED, ACTIVITY, MEETING = "measure_added", "activity", "meeting"
EVALUATED, REVISION_DATE_SET, VERSION_AGREED = "evaluated", "revision_date_set", "version_agreed"
SUSPENDED, RESUMED, CLOSED, REOPENED = "suspended", "resumed", "closed", "reopened"

# A goal fact's `value` says whose it is (`domain.facts.whose`: `user` when the user or their
# representative did it with their own login, `professional` when a professional recorded it on
# their behalf); a goal added also says who formulated it: `<whose>/<formulated_by>`.
GOAL_VALUE_SEPARATOR = "/"


def goal_value(whose: str, formulated_by: str | None = None) -> str:
    return whose if formulated_by is None else f"{whose}{GOAL_VALUE_SEPARATOR}{formulated_by}"


def goal_whose(value: str | None) -> str | None:
    return None if value is None else value.split(GOAL_VALUE_SEPARATOR)[0]


def goal_formulated_by(value: str | None) -> str | None:
    parts = (value or "").split(GOAL_VALUE_SEPARATOR)
    return parts[1] if len(parts) > 1 else None


# Criterion 1: plan work has started once a goal or a measure exists.
WORK = (GOAL_ADDED, MEASURE_ADDED)
# Criterion 2: plan activity — goals, measures, meetings, evaluations, and also mapping,
# resources, needs, plan period and cooperation partners (all plan content, points a to i).
ACTIVE = (*WORK, GOAL_REVISED, GOAL_CONFIRMED, ACTIVITY, MEETING, EVALUATED, REVISION_DATE_SET)
# Criterion 3: an update is an evaluation, or a version agreed with the user (its flag); the
# next revision date in force comes from the latest of these two kinds.
REVISION_DATES = (EVALUATED, REVISION_DATE_SET)
# Two-state facts: the latest of each pair (by effective time, then position) is the state on D.
PAIRS = {
    "coordinator": (COORDINATOR_ON, COORDINATOR_OFF),
    "decision": (REFUSED, GRANTED),
    "suspension": (SUSPENDED, RESUMED),
    "closing": (CLOSED, REOPENED),
}
