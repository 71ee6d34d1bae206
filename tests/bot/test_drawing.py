"""Charts, workbooks and reports are drawn off the conversation path (issue 16): in the render
pool's worker processes, after the turn that asked committed, then sent when ready (the web
chat's mailbox here; a messenger's paced lane in tests/e2e/test_telegram.py)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import render_pool as tasks
from bot.app import create_app
from bot.drawer import STUCK, Tasks
from bot.render_pool import BrokenTemplate, RenderPool
from bot.report_files import sample_report
from bot.settings import Settings
from campaign.localized import L
from campaign.report_content import Rendered
from campaign.roles import Role
from services.demo import DemoInvites
from services.ports import GradeLine, GradingBoard, Placing, Ranking
from storage import file_jobs
from storage.database import Database
from storage.schema import file_jobs as file_jobs_table
from tests.bot.test_plan_menus import load, plan_text
from tests.bot.test_review import invite
from tests.fakes import slow_drawing

PNG, ZIP = b"\x89PNG", b"PK"
HEAVY = ("matplotlib", "openpyxl", "docx", "docxtpl", "bot.reports", "bot.workbooks")

BOARD = Ranking(
    plan_name=L("Kế hoạch thử nghiệm", "Trial plan"),
    phase_name=L("Đợt 1", "Phase 1"),
    scope_name="Xã Hòa Bình",
    members=[
        Placing(1, "Nguyễn Thị Hoa", 5, 2, "Tổ Đông", Role.MEMBER, (1, 1), 2),
        Placing(2, "Trần Văn Bình", 3, 1, "Tổ Tây", Role.LEADER, (0, 1), None),
    ],
    teams=[Placing(1, "Tổ Đông", 5, 2), Placing(2, "Tổ Tây", 3, 1)],
    mine=(1, 2, 5, 2),
    areas=(L("Nguồn tin", "Tips"), L("Tuần tra", "Patrols")),
    period=(date(2026, 3, 1), date(2026, 3, 31)),
    made_at=datetime(2026, 3, 9, 8, 30),
)
GRADES = GradingBoard(
    guide_name=L("Hướng dẫn 01/HD-BCA", "Guide 01/HD-BCA"),
    grade_names=(("kha", L("Hoàn thành tốt nhiệm vụ", "Good")),),
    year_start=date(2025, 12, 15),
    year_end=date(2026, 12, 14),
    commune_name="Xã Hòa Bình",
    lines=[GradeLine(1, "team", "Tổ Đông", "", 0.5, 1, 2, 12, "kha", (), None, None, None)],
    minimum_months=9,
    top_share=0.2,
    made_at=datetime(2026, 12, 20, 9, 5),
)


async def test_every_render_task_runs_in_a_worker_and_what_it_takes_and_gives_pickles(
    render_pool: RenderPool, tmp_path: Path
) -> None:
    """Each entry point through a real (spawned) worker: a lambda or a connection in a
    ranking, a board or a report's data would fail here, not in production."""
    assert await render_pool.run(slow_drawing.pid) != os.getpid()
    images = await render_pool.run(tasks.charts, BOARD, "vi")
    assert images and all(image.startswith(PNG) for image in images)
    assert (await render_pool.run(tasks.xlsx, BOARD, "en")).startswith(ZIP)
    charts, book = await render_pool.run(tasks.standings_files, BOARD, "vi")
    assert charts[0].startswith(PNG) and book.startswith(ZIP)
    assert (await render_pool.run(tasks.grades_xlsx, GRADES, "vi")).startswith(ZIP)
    report = await render_pool.run(tasks.report_files, sample_report(province=True), None)
    assert isinstance(report, Rendered) and report.docx.startswith(ZIP)
    assert report.template.startswith("packaged:") and report.xlsx.startswith(ZIP)
    (tmp_path / "don-vi.docx").write_bytes(b"not a document")  # a province's broken file
    broken = await render_pool.run(tasks.report_files, sample_report(), tmp_path)
    assert isinstance(broken, BrokenTemplate) and broken.template == "don-vi.docx"
    # The worker, not this process, holds the drawing libraries.
    assert "matplotlib" in await render_pool.run(slow_drawing.loaded, list(HEAVY))


async def test_the_pool_keeps_drawing_after_its_workers_are_replaced(
    monkeypatch: Any,
) -> None:
    """Workers are replaced after a number of tasks; the pool goes on taking tasks (a pool
    whose workers all retired by max_tasks_per_child hangs on Python 3.11-3.13)."""
    monkeypatch.setattr(tasks, "TASKS_PER_WORKER", 2)
    pool = RenderPool(1)
    try:
        workers = {await pool.run(slow_drawing.pid) for _ in range(5)}
    finally:
        await pool.close()
    assert len(workers) == 3  # 2 + 2 + 1 tasks: three workers in turn, none hung


async def test_a_worker_that_died_between_drawings_costs_the_next_drawing_nothing() -> None:
    """A worker killed while idle (the out-of-memory killer) breaks its executor: the next
    task, refused before it ran, goes to a fresh executor at once, not failed to a sweep
    that may never come (a process that does not lead) or comes seconds later."""
    pool = RenderPool(1)
    try:
        worker = await pool.run(slow_drawing.pid)
        os.kill(worker, signal.SIGKILL)
        executor = pool._executor
        assert executor is not None
        deadline = time.monotonic() + 60  # a bound for a hung detection, not a timing check
        while not executor._broken and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert executor._broken
        assert await pool.run(slow_drawing.pid) not in (worker, os.getpid())
    finally:
        await pool.close()


def test_the_web_process_imports_no_drawing_library() -> None:
    """The app, the conversation and the drawer name their tasks without importing them."""
    probe = (
        "import sys, bot.app, bot.conversation, bot.drawer\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


async def a_commander_and_a_member(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> tuple[Any, Any]:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=3), today + timedelta(days=3)))
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    member = users()
    await member.register(demo.member.code)
    return leader, member


def files_in(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in messages if m["image_url"] or m["file_url"]]


async def test_a_member_is_answered_while_a_commanders_chart_is_being_drawn(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    render_pool: RenderPool,
) -> None:
    leader, member = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer
    drawer.tasks = replace(drawer.tasks, standings=slow_drawing.slow_standings)
    await render_pool.run(slow_drawing.pid)  # the worker is up: the chart is drawn at once

    asked = time.monotonic()
    await leader.say("/bangxephang")
    assert time.monotonic() - asked < slow_drawing.SLOW / 2  # the commander too, at once
    assert "Xã Hòa Bình" in leader.text and "Đang vẽ biểu đồ" in leader.text
    assert not files_in(leader.last)

    started = time.monotonic()
    await member.say("/bangxephang")
    answered = time.monotonic() - started
    assert "Bạn: hạng" in member.text
    assert answered < slow_drawing.SLOW / 2, answered  # not the chart's 2 s (a loaded CI runner)
    # The chart is still being drawn: the member was answered first.
    waiting = await leader.inbox(max(m["id"] for m in leader.last))
    assert not files_in(waiting)

    await leader.drawn()
    assert time.monotonic() - asked >= slow_drawing.SLOW  # it was drawn in the meantime
    shown = files_in(leader.last)
    charts = [m for m in shown if m["image_url"]]
    assert charts and all(m["text"].startswith("Biểu đồ xếp hạng") for m in charts)
    assert shown[-1]["text"] == "Bảng tính xếp hạng (mỗi cấp một trang)"
    chart = await leader.client.get(charts[0]["image_url"])
    assert chart.status_code == 200 and chart.content.startswith(PNG)
    book = await leader.client.get(shown[-1]["file_url"])
    assert book.status_code == 200 and book.content.startswith(ZIP)
    # The commander's history holds them (a page opened later shows them), once each.
    history = await leader.inbox()
    assert [m["id"] for m in files_in(history)] == [m["id"] for m in shown]
    assert not files_in(await member.inbox())  # the member's chat got none


async def test_a_file_drawn_within_the_wait_comes_in_the_turns_own_reply(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    app.state.conversation.drawer.quick = 120.0  # any drawing is quick enough here
    await leader.say("/bangxephang")
    shown = files_in(leader.last)
    assert len(shown) >= 2 and all(m["id"] for m in shown)
    history = await leader.inbox()
    assert [m["id"] for m in files_in(history)] == [m["id"] for m in shown]  # kept once
    assert not await leader.inbox(max(m["id"] for m in leader.last))  # nothing follows


async def test_a_restart_draws_again_what_a_stopped_process_left(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    render_pool: RenderPool,
) -> None:
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer

    async def died(job_ids: list[int], *, keep_history: bool) -> list[Any]:
        return []  # the process died right after the turn committed

    drawer.after_turn = died
    await leader.say("/bangxephang")
    assert "Đang vẽ biểu đồ" in leader.text
    # A clean stop cuts a drawing short and queues it again.
    del drawer.after_turn
    drawer.tasks = replace(drawer.tasks, standings=slow_drawing.slow_standings)
    drawer.quick = 0.0
    await leader.say("/bangxephang")
    await drawer.stop()

    async def rows() -> list[tuple[int, str, int]]:
        found = await database.run(
            lambda c: c.execute(
                select(
                    file_jobs_table.c.id, file_jobs_table.c.status, file_jobs_table.c.attempts
                ).order_by(file_jobs_table.c.id)
            ).all()
        )
        return [(row.id, row.status, row.attempts) for row in found]

    (dead, *_), (stopped, *_) = await rows()
    assert await rows() == [(dead, "drawing", 1), (stopped, "queued", 1)]

    # The next process: it takes the queued row at once, the dead one's once it is STUCK old.
    restarted = create_app(settings, database, render_pool).state.conversation.drawer
    assert await restarted.sweep() == 1
    await restarted.drain()
    assert await rows() == [(dead, "drawing", 1), (stopped, "done", 2)]
    real_now = restarted.now
    restarted.now = lambda: real_now() + timedelta(minutes=6)
    assert await restarted.sweep() == 1
    await restarted.drain()
    assert await rows() == [(dead, "done", 2), (stopped, "done", 2)]
    # Had the dead attempt only been slow, it could not deliver now.
    assert not await database.run(lambda c: file_jobs.finish(c, dead, 1, real_now()))
    await restarted.stop()

    history = await leader.inbox()
    assert len([m for m in history if m["file_url"]]) == 2  # one workbook per request


async def test_a_drawing_that_keeps_failing_is_given_up_and_the_reader_told(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer
    drawer.tasks = replace(drawer.tasks, standings=slow_drawing.broken_standings)
    await leader.say("/bangxephang")
    await drawer.drain()  # the first attempt failed: queued again for the leader's sweep
    for _ in range(2):
        assert await drawer.sweep() == 1
        await drawer.drain()
    assert await drawer.sweep() == 0
    told = await leader.inbox(max(m["id"] for m in leader.last))
    assert [m["text"] for m in told] == [
        "Chưa lập được tệp bạn yêu cầu. Vui lòng thử lại sau ít phút."
    ]


async def statuses(database: Database) -> list[str]:
    return list(
        await database.run(
            lambda c: c.execute(
                select(file_jobs_table.c.status).order_by(file_jobs_table.c.id)
            ).scalars()
        )
    )


def cut_short_by_a_stop(database: Database) -> Any:
    """A turn's `after_turn` whose drawing a stop cut short: its row is queued again."""

    async def cut_short(job_ids: list[int], *, keep_history: bool) -> list[Any]:
        await database.run(lambda c: [file_jobs.again(c, job, 1) for job in job_ids])
        return []

    return cut_short


async def died_after_the_turn(job_ids: list[int], *, keep_history: bool) -> list[Any]:
    return []  # the process died right after the turn committed: its row stays `drawing`


async def test_a_process_running_no_scheduler_draws_what_it_left(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    render_pool: RenderPool,
) -> None:
    """ANTT_SCHEDULER=false: the process never leads, yet what it left (a drawing a stop cut
    short, one its dead predecessor held) is drawn when it starts, not left waiting for a
    leader for ever; each file once."""
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer
    drawer.after_turn = cut_short_by_a_stop(database)
    await leader.say("/bangxephang")
    drawer.after_turn = died_after_the_turn
    await leader.say("/bangxephang")
    assert await statuses(database) == ["queued", "drawing"]

    alone = create_app(settings.model_copy(update={"scheduler": False}), database, render_pool)
    restarted = alone.state.conversation.drawer
    real_now = restarted.now
    restarted.now = lambda: real_now() + STUCK + timedelta(minutes=1)  # the dead one's is stuck
    async with asyncio.timeout(120):  # a bound for a hang (a worker, a stop), not a timing check
        async with alone.router.lifespan_context(alone):
            # The sweep runs at start; the worker process draws in its own time.
            while await statuses(database) != ["done", "done"]:
                await asyncio.sleep(0.05)
            await restarted.drain()
    history = await leader.inbox()
    assert len([m for m in history if m["file_url"]]) == 2  # one workbook per request


async def test_a_stop_that_comes_as_a_swept_drawing_ends_still_stops(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """A swept drawing that ends wakes the sweep; a stop right then (a test's, a deploy's)
    used to be swallowed by the wake-up on Python 3.11 and the stop waited for ever."""
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer
    drawer.after_turn = cut_short_by_a_stop(database)
    await leader.say("/bangxephang")
    del drawer.after_turn
    await drawer.start(lambda: False)  # the loop waits to be woken; the test sweeps itself
    assert await drawer.sweep() == 1
    await drawer.drain()  # the swept drawing ended: the loop is being woken, not yet awake
    async with asyncio.timeout(60):  # a bound for the hang this is about, not a timing check
        await drawer.stop()
    assert await statuses(database) == ["done"]


async def test_a_drawing_still_under_way_here_is_not_taken_over_by_its_own_process(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    """A drawing that waited in the pool's queue past STUCK (a busy morning) is alive in this
    process: its own sweep leaves it, rather than drawing it a second time for nothing."""
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer
    drawer.tasks = replace(drawer.tasks, standings=slow_drawing.slow_standings)
    drawer.quick = 0.0
    await leader.say("/bangxephang")
    real_now = drawer.now
    drawer.now = lambda: real_now() + timedelta(minutes=6)
    assert await drawer.sweep() == 0
    await drawer.drain()
    statuses = await database.run(
        lambda c: c.execute(select(file_jobs_table.c.status, file_jobs_table.c.attempts)).all()
    )
    assert [tuple(row) for row in statuses] == [("done", 1)]


async def test_a_drawing_whose_worker_hangs_is_given_up_and_the_next_one_drawn(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """A worker that never finishes (a library deadlocked) would hold the drawing, and the
    pool, for ever: past `hung_after` its workers are killed and the drawing tried again, then
    given up with the reader told; the next request is drawn by a fresh worker."""
    leader, _ = await a_commander_and_a_member(users, demo, database, settings)
    drawer = app.state.conversation.drawer
    pool = RenderPool(1)  # its own: the session's pool is not to be killed
    pool.hung_after, pool.check_every = 1.0, 0.1  # seconds; the worker's clock is real
    drawer.pool = pool
    drawer.tasks = replace(drawer.tasks, standings=slow_drawing.hung_standings)
    try:
        async with asyncio.timeout(120):  # a bound for a hang, not a timing check
            await leader.say("/bangxephang")
            await drawer.drain()  # timed out, queued again for a sweep
            for _ in range(2):
                assert await drawer.sweep() == 1
                await drawer.drain()
            told = await leader.inbox(max(m["id"] for m in leader.last))
            assert [m["text"] for m in told] == [
                "Chưa lập được tệp bạn yêu cầu. Vui lòng thử lại sau ít phút."
            ]
            pool.hung_after = 60.0  # a fresh worker's start under load is no hang
            drawer.tasks = Tasks()
            await leader.say("/bangxephang")
            await leader.drawn()
            assert files_in(leader.last)
    finally:
        await pool.close()
    assert await statuses(database) == ["failed", "done"]
