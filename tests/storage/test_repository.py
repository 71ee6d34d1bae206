"""The SQL store on SQLite and PostgreSQL: references, invites, sealing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, select, update

from services.demo import DemoInvites
from services.ports import ChatState, MemberView, NewEntry, Redemption
from storage.database import Database
from storage.housekeeping import prune_deliveries
from storage.repository import Repository
from storage.schema import audit_log, chat_states, informants, members
from storage.sealing import Sealer

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SEALER = Sealer("s" * 40)


def entry(member_id: int, unit_id: int, prefix: str, created: datetime, key: str) -> NewEntry:
    return NewEntry(
        member_id=member_id,
        unit_id=unit_id,
        content_area="tip",
        prefix=prefix,
        kind="crime",
        details={"what": "x"},
        occurred_at=created,
        created_at=created,
        delivery_key=key,
        sealed={"informant_name": "Bà Tư"},
    )


async def test_references_count_per_prefix_and_year_and_informants_are_sealed(
    database: Database, demo: DemoInvites
) -> None:
    now = datetime(2026, 12, 31, 23, 0, tzinfo=ZONE)

    def work(conn: Connection) -> list[str]:
        repo = Repository(conn, SEALER)
        member = repo.redeem_invite(
            Redemption(
                demo.member.code,
                channel="web",
                user_id="u",
                chat_id="u",
                full_name="Hà Văn Số",
                language="vi",
                now=datetime.now(ZONE),
            )
        )
        assert member is not None
        made = [
            repo.save_entry(entry(member.id, member.unit_id, "NT", now, f"k{i}")) for i in range(3)
        ]
        made.append(repo.save_entry(entry(member.id, member.unit_id, "TT", now, "k3")))
        made.append(
            repo.save_entry(entry(member.id, member.unit_id, "NT", now + timedelta(hours=2), "k4"))
        )
        return made

    references = await database.run(work)
    assert references == [
        "NT-2026-000001",
        "NT-2026-000002",
        "NT-2026-000003",
        "TT-2026-000001",
        "NT-2027-000001",
    ]
    sealed = await database.run(lambda c: c.execute(select(informants.c.sealed)).scalars().all())
    assert all(b"B\xc3\xa0 T\xc6\xb0" not in token for token in sealed)
    assert SEALER.open(sealed[0]) == {"informant_name": "Bà Tư"}
    with pytest.raises(Exception):  # noqa: B017 - the wrong key cannot open it
        Sealer("t" * 40).open(sealed[0])
    actions = await database.run(lambda c: c.execute(select(audit_log.c.action)).scalars().all())
    assert actions.count("entry.created") == 5 and "member.registered" in actions


async def test_an_invite_is_redeemed_once(database: Database, demo: DemoInvites) -> None:
    now = datetime.now(ZONE)

    def both(conn: Connection) -> tuple[object, object]:
        repo = Repository(conn, SEALER)
        return tuple(  # type: ignore[return-value]
            repo.redeem_invite(
                Redemption(
                    demo.leader.code,
                    channel="web",
                    user_id=user,
                    chat_id=user,
                    full_name="Tổ Trưởng",
                    language="vi",
                    now=now,
                )
            )
            for user in ("a", "b")
        )

    first, second = await database.run(both)
    assert first is not None and second is None


async def test_old_deliveries_are_pruned_recent_ones_kept(database: Database) -> None:
    now = datetime.now(ZONE)

    def work(conn: Connection) -> int:
        repo = Repository(conn, SEALER)
        repo.lock_chat("web", "c", "c", "vi")
        repo.remember_replies("web", "old", "c", [], now - timedelta(days=8))
        repo.remember_replies("web", "new", "c", [], now)
        removed = prune_deliveries(conn, now - timedelta(days=7))
        assert repo.replies_for("web", "c", "old") is None
        assert repo.replies_for("web", "c", "new") == []
        return removed

    assert await database.run(work) == 1


async def test_the_chat_row_and_member_read_and_written_as_sqlalchemy_would(
    database: Database, demo: DemoInvites
) -> None:
    """storage/chat_rows.py runs its statements on the driver's cursor: what it writes reads
    back the same through SQLAlchemy, and the member comes with the lock (not once inactive)."""
    now = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=ZONE)

    def first_turn(conn: Connection) -> None:
        repo = Repository(conn, SEALER)
        state, member = repo.lock_chat("telegram", "42", "4242", "en")
        assert member is None and state.language == "en" and state.updated_at is None
        registered = repo.redeem_invite(
            Redemption(
                demo.member.code,
                channel="telegram",
                user_id="4242",
                chat_id="42",
                full_name="Lê Thị Lưu",
                language="vi",
                now=now,
            )
        )
        assert registered is not None
        state.flow, state.step, state.prompt_seq = "tip", "what", 3
        state.data = {"answers": {"kind": "drugs", "note": "Xóm 3 — ổn"}, "history": ["kind"]}
        state.recent_keys = ["1", "2"]
        repo.save_chat(state, now)

    await database.run(first_turn)
    row = await database.run(
        lambda c: c.execute(select(chat_states).where(chat_states.c.chat_id == "42")).one()
    )
    assert row.flow == "tip" and row.step == "what" and row.prompt_seq == 3
    assert row.data == {"answers": {"kind": "drugs", "note": "Xóm 3 — ổn"}, "history": ["kind"]}
    assert row.recent_keys == ["1", "2"] and row.updated_at == now

    def next_turn(conn: Connection) -> tuple[ChatState, MemberView | None]:
        return Repository(conn, SEALER).lock_chat("telegram", "42", "4242", "en")

    state, member = await database.run(next_turn)
    assert state.data == row.data and state.recent_keys == ["1", "2"]
    assert state.updated_at == now and state.prompt_seq == 3
    assert member is not None and member.full_name == "Lê Thị Lưu" and member.language == "vi"
    assert member.unit_name and member.role.value == "member"
    await database.run(lambda c: c.execute(update(members).values(active=False)))
    assert (await database.run(next_turn))[1] is None
