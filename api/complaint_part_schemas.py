"""Named schemas for the parts of a complaint (and of its events), key for key as
`domain/complaint.py` stores them."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class ComplainantOut(BaseModel):
    """Who complains: the user, or a representative with a recorded basis."""

    person_id: str
    name: str
    unit: str
    organisation: str
    capacity: str = Field(description="`user` or `representative`.")
    basis: str | None = Field(description="A representative's basis.")


class ComplaintPeriodOut(BaseModel):
    """A period of days, both ends included."""

    model_config = ConfigDict(populate_by_name=True)

    start: date = Field(alias="from", description="First day.")
    end: date = Field(alias="to", description="Last day.")


class DeadlineOut(BaseModel):
    last_day: date = Field(description="The last day to complain (after moving off a holiday).")
    nominal_day: date = Field(description="Four weeks after `knew_on`, before moving.")
    extended_because: str | None = Field(description="Why the last day moved, if it did.")
    rule: str
    basis: str = Field(description="The legal basis of the deadline.")
    counting: str = Field(description="The rule the last day was counted by.")


class ReviewOut(BaseModel):
    """The municipality's review."""

    outcome: str = Field(description="A `ReviewOutcome` value.")
    plan_version: int | None = Field(description="The plan version that holds a change.")
    on: datetime


class ComplaintDecisionOut(BaseModel):
    """Statsforvalteren's decision."""

    outcome: str = Field(description="A `ComplaintDecisionOutcome` value.")
    reference: str


class EvidenceRefData(BaseModel):
    """An evidence pack on the case file: rebuild it from `position` and `period`."""

    format: str
    plan_id: str
    position: int
    period: ComplaintPeriodOut
    sha256: str


class EvidenceRefOut(EvidenceRefData):
    attached_at: datetime
