"""The statements every message runs: the chat row locked (with the member behind the sender)
and the chat row saved; and the web chat's own: its replay copy and its history rows.

They are SQLAlchemy Core statements, compiled once per dialect and run on the driver's own
cursor inside the turn's transaction, with the column types' bind and result processors:
the same SQL and the same stored values as `Connection.execute`, without its per-call
machinery (cache key, parameter and result set-up), which cost more than the statements
themselves: ~100 us a statement on SQLite, where the driver takes ~10 us.

SQLite reads the member in the locking statement itself: BEGIN IMMEDIATE has already taken
the database's write lock, so that read sees every committed turn. PostgreSQL reads it in a
second statement after the row lock is granted: a statement that waited for the lock keeps
the snapshot it started with for the joined tables, and would miss a registration committed
by the turn it waited for. Where a retry gets the first answer again (the web chat), the
replies kept for the message's key ride along in that same read, after the lock: a
redelivery racing its original finds them (one round trip fewer a message on PostgreSQL).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, bindparam, insert, literal_column, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Insert, Select, Update

from storage.schema import chat_states, deliveries, identities, members, outbox, units

_STATE = (
    chat_states.c.language,
    chat_states.c.flow,
    chat_states.c.step,
    chat_states.c.data,
    chat_states.c.prompt_seq,
    chat_states.c.recent_keys,
    chat_states.c.updated_at,
)
_MEMBER = (
    members.c.id,
    members.c.full_name,
    members.c.role,
    members.c.unit_id,
    units.c.name,
    members.c.language,
    identities.c.chat_id,
    identities.c.last_used_at,
    identities.c.unreachable,
)
_CHAT_KEY = and_(
    chat_states.c.channel == bindparam("channel"), chat_states.c.chat_id == bindparam("chat_id")
)
_SENDER = and_(
    identities.c.channel == bindparam("channel"),
    identities.c.external_user_id == bindparam("user_id"),
)
_ACTIVE_MEMBER = and_(members.c.id == identities.c.member_id, members.c.active.is_(True))

# The web chat: the replies kept against a retry.
_REPLIES_FOR = select(deliveries.c.replies).where(
    deliveries.c.channel == bindparam("channel"),
    deliveries.c.chat_id == bindparam("chat_id"),
    deliveries.c.delivery_key == bindparam("delivery_key"),
)
_KEPT_REPLIES = _REPLIES_FOR.scalar_subquery().label("kept_replies")
# SQLite: one statement.
_CHAT_AND_MEMBER_FROM = (
    chat_states.outerjoin(identities, _SENDER)
    .outerjoin(members, _ACTIVE_MEMBER)
    .outerjoin(units, members.c.unit_id == units.c.id)
)
_CHAT_AND_MEMBER = select(*_STATE, *_MEMBER).select_from(_CHAT_AND_MEMBER_FROM).where(_CHAT_KEY)
_CHAT_MEMBER_AND_REPLIES = (
    select(*_STATE, *_MEMBER, _KEPT_REPLIES).select_from(_CHAT_AND_MEMBER_FROM).where(_CHAT_KEY)
)
# PostgreSQL: the lock, then the member.
_CHAT_FOR_UPDATE = select(*_STATE).where(_CHAT_KEY).with_for_update()
_SENDERS_MEMBER = identities.join(members, _ACTIVE_MEMBER).join(
    units, members.c.unit_id == units.c.id
)
_MEMBER_OF_SENDER = select(*_MEMBER).select_from(_SENDERS_MEMBER).where(_SENDER)
# One row whether or not the sender is a member (a deactivated one's retry still finds them).
_ONE_ROW = select(literal_column("1").label("one")).subquery("one_row")
_MEMBER_AND_REPLIES = select(*_MEMBER, _KEPT_REPLIES).select_from(
    _ONE_ROW.outerjoin(_SENDERS_MEMBER, _SENDER)
)
_SAVE = (
    update(chat_states)
    .where(_CHAT_KEY)
    .values(
        language=bindparam("language"),
        flow=bindparam("flow"),
        step=bindparam("step"),
        data=bindparam("data", type_=chat_states.c.data.type),
        prompt_seq=bindparam("prompt_seq"),
        recent_keys=bindparam("recent_keys", type_=chat_states.c.recent_keys.type),
        updated_at=bindparam("updated_at", type_=chat_states.c.updated_at.type),
    )
)
# The web chat: the replies kept against a retry, and each message of its history.
_REMEMBER_REPLIES = insert(deliveries).values(
    channel=bindparam("channel"),
    chat_id=bindparam("chat_id"),
    delivery_key=bindparam("delivery_key"),
    replies=bindparam("replies", type_=deliveries.c.replies.type),
    created_at=bindparam("created_at", type_=deliveries.c.created_at.type),
)
HISTORY_ROWS_AT_ONCE = 8  # a turn's messages in one INSERT (the member's and the replies)


def _history_rows(count: int) -> Insert:
    """`count` history rows in one statement, one round trip (their ids returned)."""
    rows = [
        {
            "channel": bindparam("channel"),
            "chat_id": bindparam("chat_id"),
            "payload": bindparam(f"payload_{n}", type_=outbox.c.payload.type),
            "status": bindparam("status"),
            "created_at": bindparam("now", type_=outbox.c.created_at.type),
            "sent_at": bindparam("sent_at", type_=outbox.c.sent_at.type),
        }
        for n in range(count)
    ]
    return insert(outbox).values(rows).returning(outbox.c.id)


_LATEST_PAYLOADS = (
    select(outbox.c.payload)
    .where(outbox.c.channel == bindparam("channel"), outbox.c.chat_id == bindparam("chat_id"))
    .order_by(outbox.c.id.desc())
    .limit(5)
)


class ChatRow(NamedTuple):
    language: str
    flow: str | None
    step: str | None
    data: dict[str, Any] | None
    prompt_seq: int
    recent_keys: list[str] | None
    updated_at: datetime | None


class MemberRow(NamedTuple):
    id: int
    full_name: str
    role: str
    unit_id: int
    unit_name: str
    language: str
    identity_chat_id: str
    last_used_at: datetime
    unreachable: bool


Processor = Callable[[Any], Any]


class _Compiled:
    """One statement in the dialect's SQL, its parameters in order and the type processors."""

    def __init__(self, statement: Select[Any] | Update | Insert, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        names = compiled.positiontup
        assert names is not None, f"{dialect.name}: expected a positional paramstyle"
        self.names = tuple(names)
        # Values written into the statement itself (a LIMIT): used where none is given.
        self.fixed = {name: compiled.binds[name].effective_value for name in self.names}
        self.binds: tuple[Processor | None, ...] = tuple(
            compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in self.names
        )
        if isinstance(statement, Select):
            columns: Any = statement.selected_columns
        elif isinstance(statement, Insert):
            columns = statement.exported_columns  # what it returns, if anything
        else:
            columns = ()
        self.results: tuple[Processor | None, ...] = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        )

    def execute(self, connection: Connection, values: dict[str, Any]) -> list[Any] | None:
        """Run it on the connection's driver cursor; the first row, processed (or None).
        Processors see every value, None too, as in `Connection.execute`."""
        cursor = self._run(connection, values)
        try:
            if not self.results:
                return None
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        return self._processed(row)

    def each(self, connection: Connection, values: dict[str, Any]) -> Iterator[list[Any]]:
        """Its rows one by one, each processed when taken: a caller that stops early does not
        pay for the rest (a JSON column decoded)."""
        cursor = self._run(connection, values)
        try:
            while (row := cursor.fetchone()) is not None:
                yield self._processed(row)
        finally:
            cursor.close()

    def _run(self, connection: Connection, values: dict[str, Any]) -> Any:
        given = [values.get(name, self.fixed[name]) for name in self.names]
        parameters = [
            value if process is None else process(value)
            for value, process in zip(given, self.binds, strict=True)
        ]
        driver = connection.connection.dbapi_connection
        assert driver is not None
        cursor = driver.cursor()
        try:
            cursor.execute(self.sql, parameters)
        except BaseException:
            cursor.close()
            raise
        return cursor

    def _processed(self, row: Any) -> list[Any]:
        return [
            value if process is None else process(value)
            for value, process in zip(row, self.results, strict=True)
        ]


@dataclass(frozen=True)
class _Statements:
    chat_and_member: _Compiled | None  # None: the member is read after the lock
    chat_member_and_replies: _Compiled | None
    chat_for_update: _Compiled
    member_of_sender: _Compiled
    member_and_replies: _Compiled
    save: _Compiled
    replies_for: _Compiled
    remember_replies: _Compiled
    latest_payloads: _Compiled
    history_rows: dict[int, _Compiled]  # by row count, compiled when first needed


_BY_DIALECT: weakref.WeakKeyDictionary[Dialect, _Statements] = weakref.WeakKeyDictionary()


def _statements(connection: Connection) -> _Statements:
    dialect = connection.dialect
    found = _BY_DIALECT.get(dialect)
    if found is None:
        found = _Statements(
            chat_and_member=(
                None if dialect.name == "postgresql" else _Compiled(_CHAT_AND_MEMBER, dialect)
            ),
            chat_member_and_replies=(
                None
                if dialect.name == "postgresql"
                else _Compiled(_CHAT_MEMBER_AND_REPLIES, dialect)
            ),
            chat_for_update=_Compiled(_CHAT_FOR_UPDATE, dialect),
            member_of_sender=_Compiled(_MEMBER_OF_SENDER, dialect),
            member_and_replies=_Compiled(_MEMBER_AND_REPLIES, dialect),
            save=_Compiled(_SAVE, dialect),
            replies_for=_Compiled(_REPLIES_FOR, dialect),
            remember_replies=_Compiled(_REMEMBER_REPLIES, dialect),
            latest_payloads=_Compiled(_LATEST_PAYLOADS, dialect),
            history_rows={},
        )
        _BY_DIALECT[dialect] = found
    return found


class Locked(NamedTuple):
    chat: ChatRow
    member: MemberRow | None
    kept_replies: Any  # the replies kept for the key asked (their dicts), or None


def lock(
    connection: Connection,
    channel: str,
    chat_id: str,
    user_id: str,
    delivery_key: str | None = None,
) -> Locked | None:
    """The chat row, locked until the transaction ends, the sender's member (if any) and, if
    a `delivery_key` is given, the replies kept for it; None if the chat has no row yet."""
    statements = _statements(connection)
    key = {"channel": channel, "chat_id": chat_id, "user_id": user_id, "delivery_key": delivery_key}
    asks = delivery_key is not None
    one = statements.chat_member_and_replies if asks else statements.chat_and_member
    if one is not None:
        row = one.execute(connection, key)
        if row is None:
            return None
        joined = row[len(_STATE) : len(_STATE) + len(_MEMBER)]
        member = None if joined[0] is None else MemberRow(*joined)
        return Locked(ChatRow(*row[: len(_STATE)]), member, row[-1] if asks else None)
    row = statements.chat_for_update.execute(connection, key)
    if row is None:
        return None
    then = statements.member_and_replies if asks else statements.member_of_sender
    found = then.execute(connection, key)
    member_columns = None if found is None else found[: len(_MEMBER)]
    member = None if not member_columns or member_columns[0] is None else MemberRow(*member_columns)
    return Locked(ChatRow(*row), member, found[-1] if asks and found is not None else None)


def save(connection: Connection, values: dict[str, Any]) -> None:
    """Write the chat row: `channel`, `chat_id` and the columns of `ChatRow`."""
    _statements(connection).save.execute(connection, values)


def replies_for(connection: Connection, channel: str, chat_id: str, delivery_key: str) -> Any:
    """The replies kept for this message (their dicts), or None."""
    key = {"channel": channel, "chat_id": chat_id, "delivery_key": delivery_key}
    row = _statements(connection).replies_for.execute(connection, key)
    return None if row is None else row[0]


def remember_replies(connection: Connection, values: dict[str, Any]) -> None:
    """`channel`, `chat_id`, `delivery_key`, `replies` (dicts) and `created_at`."""
    _statements(connection).remember_replies.execute(connection, values)


def add_history_rows(
    connection: Connection, payloads: list[dict[str, Any]], values: dict[str, Any]
) -> list[int]:
    """Outbox rows of one chat in this order (`values`: `channel`, `chat_id`, `status`, `now`,
    `sent_at`); their ids, in the same order."""
    statements = _statements(connection)
    ids: list[int] = []
    for start in range(0, len(payloads), HISTORY_ROWS_AT_ONCE):
        part = payloads[start : start + HISTORY_ROWS_AT_ONCE]
        statement = statements.history_rows.get(len(part))
        if statement is None:
            statement = _Compiled(_history_rows(len(part)), connection.dialect)
            statements.history_rows[len(part)] = statement
        given = values | {f"payload_{n}": payload for n, payload in enumerate(part)}
        # Ids are handed out row after row as written, so the smallest is the first row's:
        # neither database promises RETURNING's order.
        ids += sorted(int(row[0]) for row in statement.each(connection, given))
    return ids


def latest_payloads(
    connection: Connection, channel: str, chat_id: str
) -> Generator[Any, None, None]:
    """The chat's 5 latest outbox payloads, newest first, each decoded when taken."""
    values = {"channel": channel, "chat_id": chat_id}
    for row in _statements(connection).latest_payloads.each(connection, values):
        yield row[0]
