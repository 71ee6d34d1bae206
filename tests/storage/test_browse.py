"""The console's reads of entries in SQL, on SQLite and PostgreSQL: rows read in bounded parts
come back whole and in order, the informant is never in a row, and what waits for a reviewer is
found by reference wherever it stands in the queue."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from services.demo import DemoInvites
from services.ports import EntryFilter, MemberView, NewEntry, Redemption
from storage import browse
from storage.database import Database
from storage.repository import Repository
from storage.sealing import Sealer

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SEALER = Sealer("s" * 40)


def joined(repo: Repository, code: str, name: str, chat: str) -> MemberView:
    member = repo.redeem_invite(Redemption(code, "web", chat, chat, name, "vi", datetime.now(ZONE)))
    assert member is not None
    return member


def tip(member: MemberView, at: datetime, number: int, *, sealed: bool = False) -> NewEntry:
    return NewEntry(
        member_id=member.id,
        unit_id=member.unit_id,
        content_area="tip",
        prefix="NT",
        kind="crime",
        details={"what": f"Việc số {number}"},
        occurred_at=at,
        created_at=at,
        delivery_key=f"k{number}",
        sealed={"informant_name": "Bà Tư"} if sealed else {},
    )


async def test_rows_in_parts_the_informant_never_and_a_waiting_entry_found_anywhere(
    database: Database, demo: DemoInvites, monkeypatch: Any
) -> None:
    monkeypatch.setattr(browse, "_PART", 7)  # many parts from a few rows
    start = datetime(2026, 3, 1, 8, 0, tzinfo=ZONE)

    def work(conn: Connection) -> None:
        repo = Repository(conn, SEALER, zone=ZONE)
        member = joined(repo, demo.member.code, "Hà Văn Số", "m")
        leader = joined(repo, demo.leader.code, "Trần Tổ Trưởng", "l")
        made = [
            repo.save_entry(tip(member, start + timedelta(minutes=n), n, sealed=n == 3))
            for n in range(20)
        ]
        own = repo.save_entry(tip(leader, start + timedelta(hours=2), 99))

        everything = EntryFilter()
        assert repo.count_entries(leader, everything) == 21
        for order in ("occurred", "member"):
            rows = repo.browse_entries(leader, everything, order, False, 0, 100)
            assert len(rows) == 21 and len({row.reference for row in rows}) == 21
        oldest_first = repo.browse_entries(leader, everything, "occurred", False, 0, 100)
        assert [row.reference for row in oldest_first] == [*made, own]
        by_name = repo.browse_entries(leader, everything, "member", False, 0, 100)
        assert [row.author for row in by_name][:20] == ["Hà Văn Số"] * 20  # Số before Trưởng
        assert not next(row for row in by_name if row.reference == own).reviewable
        assert all(row.reviewable for row in by_name if row.reference != own)
        assert all("informant_name" not in row.details for row in by_name)

        detail = repo.entry_detail(leader, made[3])
        assert detail is not None and detail.has_informant
        assert "Bà Tư" not in repr(detail)
        assert [event.action for event in detail.history] == ["entry.created"]

        # The newest waiting entry, behind 19 older ones, is found by its reference (not by a
        # look at the queue's first few); the leader's own and an unknown one are not.
        waiting = repo.pending_for_review(leader, [made[-1], own, "NT-1999-000001"])
        assert [item.reference for item in waiting] == [made[-1]]

    await database.run(work)
