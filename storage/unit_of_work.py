"""One unit of work: one transaction, for one request (a message, a web call, a CLI command) or
one job run (or one part of a job in parts).

`storage.database.Database.run` opens the transaction, commits when the work returns and rolls
back if it raises; a `UnitOfWork` is that transaction as the repositories see it: its
connection, the seal and the photo folder, the campaign's zone, and what the repositories on
it have read already. Every feature's repository (one per port of `services.ports`) takes the
unit of work, so what they write together commits together.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table

from services.ports import Audited
from storage import audit as audit_rows
from storage.files import PhotoFiles
from storage.sealing import Sealer
from storage.upsert import insert_for

if TYPE_CHECKING:
    from services.ports import InviteView
    from storage.units import UnitRepository

_INSERT_IGNORING_CONFLICT: dict[tuple[str, str], Any] = {}  # (dialect, table) -> statement


class UnitOfWork:
    def __init__(
        self,
        connection: Connection,
        sealer: Sealer | None = None,
        files: PhotoFiles | None = None,
        zone: tzinfo = UTC,
    ) -> None:
        self.connection = connection
        self.files = files
        self.zone = zone  # the campaign's zone: days and months are counted in it
        self._sealer = sealer
        # The sender's identity as read this turn: chat, last used, marked unreachable.
        self.identity_seen: tuple[str, datetime, bool] | None = None
        # Invites read in this transaction (registration asks for one several times a turn);
        # writing an invite forgets them.
        self.invites_read: dict[str, InviteView | None] = {}
        # Files asked for in this transaction (file_jobs ids): drawn once it commits.
        self.drawings: list[int] = []

    @property
    def sealer(self) -> Sealer:
        if self._sealer is None:
            raise RuntimeError("this unit of work was opened without the secret key's seal")
        return self._sealer

    @property
    def units(self) -> UnitRepository:
        """The unit tree and the codes issued for it (`services.ports.UnitAdminStore`)."""
        from storage.units import UnitRepository  # it builds on this module

        return UnitRepository(self)


class FeatureRepository:
    """What every feature's repository shares: the unit of work it runs on, and the audit
    trail (each feature records its own actions, through `audit` alone)."""

    def __init__(self, work: UnitOfWork) -> None:
        self.work = work
        self.db = work.connection

    def audit(self, line: Audited) -> None:
        audit_rows.record(self.db, line)

    def _insert_ignoring_conflict(self, table: Table, values: dict[str, Any]) -> None:
        dialect = self.db.dialect.name
        statement = _INSERT_IGNORING_CONFLICT.get((dialect, table.name))
        if statement is None:
            statement = insert_for(self.db, table).on_conflict_do_nothing()
            _INSERT_IGNORING_CONFLICT[(dialect, table.name)] = statement
        self.db.execute(statement, values)


__all__ = ["FeatureRepository", "UnitOfWork"]
