"""Plan use cases that write: open a plan, and run one command on it (the one write path for
every change after opening). Moved from `application/service.py`, unchanged in behaviour, onto
the one use-case base (`application/use_cases.py`)."""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from application.access import Action
from application.commands import OpenPlan, PlanCommand
from application.errors import AccessDeniedError
from application.idempotency import WriteResult
from application.use_cases import UseCases, WriteOptions, today
from domain.person_index import PersonPlanIndex
from domain.plan import Plan
from domain.values import Actor


class PlanCases(UseCases):
    _pseudonym_key: bytes

    def open_plan(self, actor: Actor, command: OpenPlan, options: WriteOptions) -> WriteResult:
        """A request is received: open a plan, unless the person already has an open one."""

        def act() -> tuple[WriteResult, list[Aggregate]]:
            self.policy.general(actor, Action.OPEN_CASE)
            if command.municipality != actor.municipality:
                raise AccessDeniedError(
                    "plans are opened in your own municipality", field="municipality"
                )
            self.policy.command(actor, type(command).__name__)
            plan = command.open(self._meta(actor, command, options))
            indexes = self._person_indexes(plan)
            for index in indexes:
                index.link(plan.id)
            return WriteResult(plan.id, plan.version), [plan, *indexes]

        return self._write(actor, options, act)

    def execute(
        self, plan_id: UUID, actor: Actor, command: PlanCommand, options: WriteOptions
    ) -> WriteResult:
        """Run one command on a plan: the one write path for every change after opening."""

        def act() -> tuple[WriteResult, list[Aggregate]]:
            plan = self._load(plan_id)
            self.policy.on_plan(actor, command.action, plan, today())
            self.policy.command(actor, type(command).__name__)
            self._require_version(plan, options, "plan")
            was_closed = plan.closed
            created = command.run(plan, self._meta(actor, command, options))
            indexes = self._person_indexes(plan) if plan.closed != was_closed else []
            for index in indexes:
                index.release(plan.id) if plan.closed else index.link(plan.id)
            return WriteResult(plan.id, plan.version, created), [plan, *indexes]

        return self._write(actor, options, act)

    def _person_indexes(self, plan: Plan) -> list[PersonPlanIndex]:
        keys = [
            f"{kind}:{plan.subject[kind]}"
            for kind in ("national_id", "person_id")
            if plan.subject.get(kind)
        ]
        return [self._index(f"{plan.municipality}|{key}") for key in keys]

    def _index(self, key: str) -> PersonPlanIndex:
        digest = hmac.new(self._pseudonym_key, key.encode(), hashlib.sha256).digest()
        index_id = UUID(bytes=digest[:16], version=4)
        try:
            index: Aggregate = self.repository.get(index_id)
        except AggregateNotFoundError:
            return PersonPlanIndex.start(index_id)
        assert isinstance(index, PersonPlanIndex)
        return index
