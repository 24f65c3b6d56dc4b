"""The PostgreSQL answer to "which version of this plan did the log hold at position P": one
index range scan of the plan's own events (primary key), whatever the size of the log."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import sql

from application.positions import PositionIndex, ScanningPositions
from application.service import Planspor


class PostgresPositions:
    def __init__(self, recorder: PostgresApplicationRecorder) -> None:
        self.recorder = recorder
        self.statement = sql.SQL(
            "SELECT max(originator_version) AS version FROM {schema}.{table} "
            "WHERE originator_id = %s AND notification_id <= %s"
        ).format(
            schema=sql.Identifier(recorder.datastore.schema),
            table=sql.Identifier(recorder.events_table_name),
        )
        self.position_statement = sql.SQL(
            "SELECT notification_id FROM {schema}.{table} "
            "WHERE originator_id = %s AND originator_version = %s"
        ).format(
            schema=sql.Identifier(recorder.datastore.schema),
            table=sql.Identifier(recorder.events_table_name),
        )

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        with self.recorder.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.position_statement, (originator_id, version), prepare=True)
            row = curs.fetchone()
        return None if row is None else int(row["notification_id"])

    def version_at(self, originator_id: UUID, position: int) -> int | None:
        with self.recorder.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.statement, (originator_id, position), prepare=True)
            row = curs.fetchone()
        return None if row is None or row["version"] is None else int(row["version"])


def position_index(app: Planspor) -> PositionIndex:
    if isinstance(app.recorder, PostgresApplicationRecorder):
        return PostgresPositions(app.recorder)
    return ScanningPositions(app.recorder)
