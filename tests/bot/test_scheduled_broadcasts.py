"""/thongbao with "Hẹn giờ gửi" through the web chat: set to go at a typed day and time,
listed and cancelled by its sender; the job sends another at its time, once, to whoever is
in the audience then."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, broadcasts, job_runs
from tests.bot.test_broadcast_chat import TEXT, announcements
from tests.scheduler.test_jobs import jobs

__all__ = ["jobs"]


def typed(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y %H:%M}"


async def set_for_later(officer: Any, words: str, moment: datetime) -> int:
    await officer.say("/thongbao")
    await officer.tap("Tất cả")
    await officer.say(words)
    await officer.tap("Không kèm ảnh")
    await officer.tap("🕒 Hẹn giờ gửi")
    await officer.say(typed(moment))
    assert "Đã hẹn gửi thông báo #" in officer.text, officer.text
    return int(officer.text.split("#")[1].split()[0])


async def rows(database: Database) -> dict[int, tuple[str, int]]:
    return await database.run(
        lambda c: {
            r.id: (r.status, r.recipients)
            for r in c.execute(
                select(broadcasts.c.id, broadcasts.c.status, broadcasts.c.recipients)
            )
        }
    )


async def test_a_broadcast_set_for_later_is_listed_cancelled_or_sent_once_at_its_time(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    officer, member = users(), users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await member.register(demo.member.code)
    now = datetime.now(settings.zone)
    await officer.say("/thongbao")
    await officer.tap("Tất cả")
    await officer.say(TEXT)
    await officer.tap("Không kèm ảnh")
    await officer.tap("🕒 Hẹn giờ gửi")
    assert "Nhập ngày và giờ gửi" in officer.text and "UTC+07:00" in officer.text
    await officer.say("mai nhé")
    assert "Chưa đọc được ngày giờ" in officer.text
    await officer.say(typed(now - timedelta(hours=1)))
    assert "đã qua" in officer.text
    await officer.say(typed(now + timedelta(days=120)))
    assert "trong vòng 90 ngày tới" in officer.text
    await officer.say(typed((now + timedelta(days=2)).replace(hour=8, minute=0)))
    first = int(officer.text.split("#")[1].split()[0])
    assert "Số người nhận được tính lúc gửi" in officer.text
    second = await set_for_later(
        officer, "Hủy họp.", (now + timedelta(days=2)).replace(hour=9, minute=0)
    )
    assert (await rows(database))[first] == ("scheduled", 0)  # nobody counted yet
    assert not await announcements(member)

    # Listed when the desk opens, and the second one taken back before it goes.
    await officer.say("/thongbao")
    waiting = [m["text"] for m in officer.last if "hẹn gửi lúc" in m["text"]]
    assert any(f"#{first}" in t and TEXT in t for t in waiting)
    assert any(f"#{second}" in t and "Hủy họp." in t for t in waiting)
    await officer.tap(f"❌ Hủy thông báo hẹn #{second}")
    assert f"Hủy thông báo #{second} hẹn gửi lúc" in officer.text
    await officer.tap("❌ Hủy gửi")
    assert f"Đã hủy thông báo #{second}" in officer.text
    assert (await rows(database))[second][0] == "cancelled"
    cancelled = await database.run(
        lambda c: (
            c.execute(
                select(audit_log.c.target_id).where(audit_log.c.action == "broadcast.cancelled")
            )
            .scalars()
            .all()
        )
    )
    assert cancelled == [str(second)]

    # Someone who joins before its time is counted: recipients are counted when it goes.
    late = users()
    await late.register(demo.leader.code, "Tổ Trưởng Hai")
    send_at = (now + timedelta(days=2)).replace(hour=8, minute=0, second=0, microsecond=0)
    assert await jobs.run_due("scheduled_broadcasts", send_at - timedelta(minutes=1)) == 0
    assert not await announcements(member)
    # The bot was down at 08:00; back at 08:07, it goes once.
    assert await jobs.run_due("scheduled_broadcasts", send_at + timedelta(minutes=7)) == 1
    assert await jobs.run_due("scheduled_broadcasts", send_at + timedelta(minutes=7)) is None
    await jobs.run_due("scheduled_broadcasts", send_at + timedelta(hours=2))  # past the second
    for person in (member, late):
        got = await announcements(person)
        assert [m["text"] for m in got] == [f"📢 Thông báo của Xã Hòa Bình:\n{TEXT}"]
    told = [m["text"] for m in await officer.inbox()]
    assert any(f"Thông báo #{first} hẹn lúc" in t for t in told), told[-6:]
    status, recipients = (await rows(database))[first]
    assert status in ("sending", "done") and recipients == 2
    assert (await rows(database))[second][0] == "cancelled"  # never sent
    # An every-minute job keeps a day of its runs, not a year's.
    await jobs.run_due("scheduled_broadcasts", send_at + timedelta(days=2))
    kept = await database.run(
        lambda c: (
            c.execute(select(job_runs.c.slot).where(job_runs.c.job == "scheduled_broadcasts"))
            .scalars()
            .all()
        )
    )
    assert len(kept) == 1
