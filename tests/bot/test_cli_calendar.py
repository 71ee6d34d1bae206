"""`antt-bot plan end` as an administrator meets it: a yearly plan shown as running until
ended, then ended on a day (audited), and the days it refuses; `antt-bot broadcast list`
and `cancel` for announcements set to go later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, select

from bot.cli import app
from handlers.messages import Outgoing
from services.ports import NewBroadcast
from storage import broadcasts as stored
from storage.database import Database
from storage.members import MEMBER_COLUMNS, member_view
from storage.schema import members, units
from tests.bot.test_plan_files import env, runner

__all__ = ["env"]

DONG_NAI = Path(__file__).resolve().parents[2] / "plans" / "2023-dong-nai-dien-hinh.yaml"
CODE = "dn-2023-dien-hinh"


def listed_line() -> str:
    listed = runner.invoke(app, ["plan", "list"], env={"ANTT_LANGUAGE": "vi"}).output
    return next(line for line in listed.splitlines() if line.startswith(CODE))


def test_a_yearly_plan_runs_until_an_admin_ends_it(env: Path) -> None:
    loaded = runner.invoke(app, ["plan", "load", str(DONG_NAI), "--scope", "DEMO"])
    assert loaded.exit_code == 0, loaded.output
    assert "07/04/2023–hằng năm, đến khi kết thúc" in listed_line()

    vi = {"ANTT_LANGUAGE": "vi"}
    early = runner.invoke(app, ["plan", "end", CODE, "--on", "01/01/2023"], env=vi)
    assert early.exit_code == 2 and "bắt đầu ngày 07/04/2023" in early.output
    unknown = runner.invoke(app, ["plan", "end", "khong-co", "--on", "31/12/2026"], env=vi)
    assert unknown.exit_code == 2 and "Không có kế hoạch khong-co" in unknown.output
    ended = runner.invoke(app, ["plan", "end", CODE, "--on", "31/12/2026"], env=vi)
    assert ended.exit_code == 0, ended.output
    assert "kết thúc ngày 31/12/2026" in ended.output
    assert "07/04/2023–31/12/2026" in listed_line()
    shown = runner.invoke(app, ["plan", "show", CODE], env=vi).output
    assert "07/04/2023–31/12/2026" in shown
    past = runner.invoke(app, ["plan", "end", CODE, "--on", "31/12/2024"], env=vi)
    assert past.exit_code == 0, past.output  # moved earlier: it has ended
    reopened = runner.invoke(app, ["plan", "end", CODE, "--on", "31/12/2030"], env=vi)
    assert reopened.exit_code == 2 and "đã kết thúc ngày 31/12/2024" in reopened.output
    assert "07/04/2023–31/12/2024" in listed_line()


def test_an_admin_lists_and_cancels_a_broadcast_set_for_later(env: Path, database_url: str) -> None:
    def schedule(conn: Connection) -> int:
        officer = conn.execute(
            select(*MEMBER_COLUMNS)
            .join(units, members.c.unit_id == units.c.id)
            .where(members.c.role == "officer")
        ).first()
        assert officer is not None
        send_at = datetime.now(UTC) + timedelta(days=1)
        words = "Họp giao ban lúc 19 giờ."
        messages = {lang: Outgoing(text=words) for lang in ("vi", "en")}
        sender = member_view(officer)
        return stored.schedule(
            conn, NewBroadcast(sender, "all", words, None, messages, datetime.now(UTC)), send_at
        )

    number = Database(database_url).run_blocking(schedule)
    vi = {"ANTT_LANGUAGE": "vi"}
    listed = runner.invoke(app, ["broadcast", "list"], env=vi)
    assert listed.exit_code == 0 and f"#{number}" in listed.output
    assert "Xã Hòa Bình" in listed.output and "Họp giao ban lúc 19 giờ." in listed.output
    cancelled = runner.invoke(app, ["broadcast", "cancel", str(number)], env=vi)
    assert cancelled.exit_code == 0 and f"Đã hủy thông báo #{number}" in cancelled.output
    again = runner.invoke(app, ["broadcast", "cancel", str(number)], env=vi)
    assert again.exit_code == 2 and "đã gửi hoặc đã bị hủy" in again.output
    assert "Không có thông báo nào" in runner.invoke(app, ["broadcast", "list"], env=vi).output
