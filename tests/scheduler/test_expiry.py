"""What is left behind is forgotten on a schedule: a flow typed halfway and left (its answers,
sealed ones included), the chats of people who never registered, old job records."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from bot.settings import Settings
from scheduler.jobs import Keeping
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import chat_states, deliveries, job_runs, outbox

HOURLY = "expire_chats"


def runner(app: Any, database: Database, settings: Settings) -> JobRunner:
    conversation = app.state.conversation
    return JobRunner(
        database,
        conversation.repository,
        settings.zone,
        conversation.now,
        keeping=Keeping(flow_timeout=timedelta(minutes=30)),
    )


async def states(database: Database) -> list[Any]:
    return list(
        await database.run(
            lambda c: c.execute(
                select(chat_states.c.flow, chat_states.c.data, chat_states.c.prompt_seq)
            ).all()
        )
    )


async def to_the_informant_question(member: Any) -> None:
    await member.say("/baotin")
    await member.tap("Ma túy")
    await member.say("Có người lạ tụ tập")
    await member.say("Nhà hoang cuối xóm 3")
    await member.tap("Bây giờ")
    await member.tap("có tên")
    assert "Họ tên người cung cấp" in member.text


async def test_a_tip_left_halfway_is_dropped_by_the_clock_and_the_member_told(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await to_the_informant_question(member)
    await member.say("Lê Thị Mật")
    left_at = datetime.now(settings.zone)
    jobs = runner(app, database, settings)

    # Within the timeout nothing is touched (the member may come back to it).
    await jobs.run_due(HOURLY, left_at + timedelta(minutes=10))
    [(flow, data, _)] = await states(database)
    assert flow == "entry:tip" and "informant_name" in data["answers"]

    await jobs.run_due(HOURLY, left_at + timedelta(hours=2))
    [(flow, data, _)] = await states(database)
    assert flow is None
    assert "answers" not in data and "Lê Thị Mật" not in json.dumps(data, ensure_ascii=False)

    await member.say("Ngõ 4")  # a late answer to the dropped question
    assert "đã bị hủy" in member.text and "30 phút" in member.text
    assert "Chọn một mục" in member.text  # the menu, not the next question of the tip
    [(flow, data, _)] = await states(database)
    assert flow is None and data == {}  # the note is said once


async def test_a_stranger_costs_one_chat_row_and_it_goes_within_hours(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    before = await database.run(
        lambda c: (
            c.execute(select(func.count()).select_from(outbox)).scalar_one(),
            c.execute(select(func.count()).select_from(deliveries)).scalar_one(),
        )
    )
    stranger = users()
    for number in range(30):
        await stranger.say(f"thử mã {number}", message_id=f"m{number}")
        assert "mã mời" in stranger.text.lower()
    await stranger.say("/start")
    after = await database.run(
        lambda c: (
            c.execute(select(func.count()).select_from(outbox)).scalar_one(),
            c.execute(select(func.count()).select_from(deliveries)).scalar_one(),
        )
    )
    assert after == before  # no history, no replay copies for a stranger
    assert await stranger.inbox() == []
    assert len(await states(database)) == 2

    # The same message again (an HTTP retry) is not handled twice: the question is asked again.
    await stranger.say("thử mã 29", message_id="m29")
    assert "mã mời" in stranger.text.lower()

    await runner(app, database, settings).run_due(
        HOURLY, datetime.now(settings.zone) + timedelta(hours=3)
    )
    assert len(await states(database)) == 1  # the member's chat stays, the stranger's is gone
    await stranger.say("xin chào")  # and a stranger writing again simply starts over
    assert "mã mời" in stranger.text.lower()


async def test_job_records_are_kept_a_year_and_no_longer(
    app: Any, database: Database, settings: Settings
) -> None:
    now = datetime.now(settings.zone)

    def seed(conn: Any) -> None:
        conn.execute(
            insert(job_runs),
            [
                {
                    "job": "grading_proposals",
                    "slot": "last-year",
                    "ran_at": now - timedelta(days=380),
                },
                {"job": "expire_chats", "slot": "long-ago", "ran_at": now - timedelta(days=500)},
            ],
        )

    await database.run(seed)
    await runner(app, database, settings).run_due("housekeeping", now)
    kept = await database.run(lambda c: c.execute(select(job_runs.c.slot)).scalars().all())
    assert "last-year" in kept and "long-ago" not in kept


async def test_an_informant_typed_before_sealing_existed_is_sealed_at_start(
    database: Database, settings: Settings
) -> None:
    from bot.conversation import Conversation
    from storage import housekeeping

    legacy = {"answers": {"category": "drugs", "informant_name": "Bà Cũ"}, "history": []}

    def seed(conn: Any) -> None:
        conn.execute(
            insert(chat_states).values(
                channel="web",
                chat_id="old",
                language="vi",
                flow="entry:tip",
                step="informant_contact",
                data=legacy,
                prompt_seq=3,
                updated_at=datetime.now(settings.zone),
            )
        )

    await database.run(seed)
    sealer = Conversation(settings, database).sealer
    assert await database.run(lambda c: housekeeping.seal_plain_answers(c, sealer.seal_text)) == 1
    [(flow, data, _)] = await states(database)
    assert flow == "entry:tip" and "Bà Cũ" not in json.dumps(data, ensure_ascii=False)
    assert sealer.open_text(data["answers"]["informant_name"]) == "Bà Cũ"
    assert data["answers"]["category"] == "drugs"
    # Run again (every start does): nothing left to change.
    assert await database.run(lambda c: housekeeping.seal_plain_answers(c, sealer.seal_text)) == 0


async def test_an_informant_typed_late_or_after_a_slash_is_kept_by_no_history(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)

    async def history() -> str:
        rows = await database.run(lambda c: c.execute(select(outbox.c.payload)).scalars().all())
        return json.dumps(rows, ensure_ascii=False)

    # A slip that starts with "/" at the informant's question.
    await to_the_informant_question(member)
    await member.say("/Bà Tư Bán Nước")
    assert "Bà Tư" not in await history()
    await member.say("/huy")

    # The question left past the timeout (the turn drops it), then answered late.
    await to_the_informant_question(member)

    def idle_for_an_hour(conn: Any) -> None:
        conn.execute(
            update(chat_states).values(updated_at=datetime.now(settings.zone) - timedelta(hours=1))
        )

    await database.run(idle_for_an_hour)
    await member.say("Ông Năm Trễ Hẹn")
    assert "đã bị hủy" in member.text
    # Dropped by the hourly job instead, then answered late.
    await to_the_informant_question(member)
    await runner(app, database, settings).run_due(
        HOURLY, datetime.now(settings.zone) + timedelta(hours=2)
    )
    await member.say("0912 000 111")
    assert "đã bị hủy" in member.text
    stored = await history()
    assert "Năm Trễ" not in stored and "0912 000 111" not in stored
    assert "🔒" in stored
