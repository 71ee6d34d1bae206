"""Commune police follow tips up; the informant is revealed only to them, with a reason, audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, deliveries, entries, outbox, tip_cases, tip_notes
from tests.bot.test_review import invite
from tests.bot.test_web_flows import log_tip


async def test_tip_progress_and_a_sealed_informant(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    member = users()
    await member.register(demo.member.code)
    reference = await log_tip(member, named=True)
    seen = max(m["id"] for m in await member.inbox())

    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/nguontin")
    assert "Chỉ cán bộ Công an xã" in leader.text  # leaders never reach the informant

    await officer.say("/nguontin")
    assert reference in officer.text and "mới tiếp nhận" in officer.text
    assert "Lê Thị Mật" not in officer.text  # not shown until asked for, with a reason
    await officer.tap("Đang xác minh")
    assert "đang xác minh" in officer.text
    await officer.tap("Xem người cung cấp")
    await officer.say("ok")  # too short to be a reason
    assert "Vì sao cần xem" in officer.text
    await officer.say("Cần gặp trực tiếp để xác minh thêm chi tiết")
    assert "Lê Thị Mật" in officer.text and "0912345678" in officer.text
    await officer.tap("Đã giải quyết")
    assert "Kết quả xử lý nguồn tin" in officer.text  # closing needs its outcome
    await officer.say("ok")  # too short
    assert "Kết quả xử lý nguồn tin" in officer.text
    await officer.say("Đã mời làm việc, lập biên bản")
    assert "Không có nguồn tin nào đang chờ" in officer.text

    told = [m["text"] for m in await member.inbox(after=seen)]
    assert any(reference in t and "đang xác minh" in t for t in told)
    assert any(reference in t and "đã giải quyết" in t for t in told)
    assert not any("Lê Thị Mật" in t for t in told)
    progress = await database.run(lambda c: c.execute(select(entries.c.progress)).scalar_one())
    assert progress == "resolved"
    outcome = await database.run(
        lambda c: c.execute(
            select(tip_cases.c.outcome_note, tip_notes.c.kind).join_from(
                tip_cases, tip_notes, tip_notes.c.entry_id == tip_cases.c.entry_id
            )
        ).one()
    )
    assert tuple(outcome) == ("Đã mời làm việc, lập biên bản", "outcome")
    audit = await database.run(
        lambda c: c.execute(
            select(audit_log.c.action, audit_log.c.details).where(
                audit_log.c.action == "informant.revealed"
            )
        ).all()
    )
    assert len(audit) == 1 and "trực tiếp" in audit[0].details["reason"]
    # What was shown once is stored nowhere in clear: not in the chat history, not for replays.
    stored = await database.run(
        lambda c: [
            *c.execute(select(outbox.c.payload)).scalars(),
            *c.execute(select(deliveries.c.replies)).scalars(),
        ]
    )
    assert "Lê Thị Mật" not in str(stored)
