"""The weekly board with its charts drawn in a real render pool (worker processes), and a
leader that dies with charts not yet drawn: the next run draws them, nobody gets anything twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.board_charts import pooled
from bot.render_pool import RenderPool
from bot.settings import Settings
from campaign.localized import Language
from campaign.roles import Role
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from services.ports import Ranking
from storage.database import Database
from storage.schema import file_jobs
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.scheduler.test_jobs import a_team_with_a_verified_tip, at, plan_with_deadline_and_phases


@pytest.fixture(scope="module")
def pool() -> Iterator[RenderPool]:
    # One worker for the module: spawning one and importing matplotlib there takes seconds.
    made = RenderPool(1)
    yield made
    made.shutdown()


class Died(BaseException):
    """The leader's process dying while a chart is being drawn (not an error it handles)."""


async def officers_and_monday(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> tuple[list[Any], Any, datetime]:
    today = datetime.now(settings.zone).date()
    plan = plan_with_deadline_and_phases(
        today + timedelta(days=40), today - timedelta(days=30), today + timedelta(days=60)
    )
    await load(database, settings, plan)
    member, _, officer = await a_team_with_a_verified_tip(users, demo, database, settings)
    second = users()
    await second.register(await invite(database, settings, "DEMO-XA", Role.OFFICER), "Lê Văn Nam")
    monday = today + timedelta(days=7 - today.weekday())
    return [officer, second], member, at(settings, monday, "07:00")


async def board_of(officer: Any) -> tuple[int, int, int]:
    """(board texts, chart images, workbooks) in an officer's chat."""
    inbox = await officer.inbox()
    return (
        sum(1 for m in inbox if "Bảng xếp hạng tuần" in (m["text"] or "")),
        sum(1 for m in inbox if m["image_url"]),
        sum(1 for m in inbox if m["file_url"]),
    )


async def test_every_officer_gets_the_text_then_the_chart_drawn_once_in_the_pool(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    pool: RenderPool,
) -> None:
    officers, member, monday = await officers_and_monday(users, demo, database, settings)
    conversation = app.state.conversation
    jobs = JobRunner(
        database, conversation.repository, settings.zone, conversation.now, draw=pooled(pool)
    )
    assert await jobs.run_due("weekly_leaderboard", monday)
    run = jobs.last_parts
    assert run is not None and run.parts == 1
    assert run.drawings == 1  # two officers reading Vietnamese: one drawing for both
    for officer in officers:
        texts, images, books = await board_of(officer)
        assert (texts, books) == (1, 1) and images == run.charts
        chart = next(m["image_url"] for m in await officer.inbox() if m["image_url"])
        assert (await officer.client.get(chart)).content.startswith(b"\x89PNG")
    assert any("Bạn đang xếp hạng 1/" in m["text"] for m in await member.inbox())
    statuses = await database.run(lambda c: c.execute(select(file_jobs.c.status)).scalars().all())
    assert statuses == ["done", "done"]


async def test_a_leader_dying_before_the_charts_are_drawn_leaves_them_to_the_next_run(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    pool: RenderPool,
) -> None:
    officers, _, monday = await officers_and_monday(users, demo, database, settings)
    conversation = app.state.conversation

    async def dies(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        raise Died

    first = JobRunner(database, conversation.repository, settings.zone, conversation.now, draw=dies)
    with pytest.raises(Died):
        await first.run_due("weekly_leaderboard", monday)
    for officer in officers:  # the text went with its part; the chart did not
        assert await board_of(officer) == (1, 0, 0)

    again = JobRunner(
        database, conversation.repository, settings.zone, conversation.now, draw=pooled(pool)
    )
    assert await again.run_due("weekly_leaderboard", monday)  # the charts left waiting
    run = again.last_parts
    assert run is not None and run.drawings == 1
    for officer in officers:
        texts, images, books = await board_of(officer)
        assert (texts, books) == (1, 1) and images == run.charts > 0
    assert await again.run_due("weekly_leaderboard", monday) is None  # done: nothing twice
    for officer in officers:
        assert (await board_of(officer))[2] == 1


async def test_a_drawing_that_fails_is_tried_again_then_sent_once(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officers, _, monday = await officers_and_monday(users, demo, database, settings)
    conversation = app.state.conversation
    tries: list[str] = []

    async def flaky(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        tries.append(lang)
        if len(tries) == 1:  # a worker killed under it
            raise RuntimeError("broken pool")
        return [b"\x89PNG one", b"\x89PNG two"], b"PK workbook"

    jobs = JobRunner(database, conversation.repository, settings.zone, conversation.now, draw=flaky)
    assert await jobs.run_due("weekly_leaderboard", monday)
    assert tries == ["vi", "vi"]
    for officer in officers:
        assert await board_of(officer) == (1, 2, 1)
    rows = await database.run(
        lambda c: c.execute(select(file_jobs.c.status, file_jobs.c.attempts)).all()
    )
    assert sorted(rows) == [("done", 1), ("done", 1)]
