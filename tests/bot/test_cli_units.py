"""An admin keeps the unit tree at the command line: codes and kinds checked, units renamed,
moved, closed and merged (the 2025 commune mergers), closed units gone from what people see."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, insert, select, update
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import Settings
from storage import calendar, standings
from storage.database import Database
from storage.schema import audit_log, entries, invites, members, units

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.delenv("ANTT_LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)
    database = Database(database_url)
    yield database
    database.close()


def invoke(*args: str, lang: str = "vi") -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"ANTT_LANGUAGE": lang})
    return result.exit_code, result.output


def tree(*extra: tuple[str, ...]) -> None:
    """A province, two communes, teams: what a province admin types on day one."""
    for args in (
        ("HN", "Tỉnh Hà Nam", "--kind", "province"),
        ("XA-A", "Xã An Bình", "--kind", "commune", "--parent", "HN"),
        ("XA-B", "Xã Bình Minh", "--kind", "xã", "--parent", "HN"),  # the Vietnamese word
        ("XA-A-T1", "Tổ thôn Đông", "--parent", "XA-A"),
        ("XA-B-T1", "Tổ thôn Tây", "--parent", "XA-B"),
        *extra,
    ):
        code, output = invoke("unit", "add", *args)
        assert code == 0, output


def unit_rows(database: Database) -> dict[str, Any]:
    rows = database.run_blocking(lambda c: c.execute(select(units)).all())
    return {r.code: r for r in rows}


REFUSED = [
    # (code, kind, what the Vietnamese message says, what the English one says)
    ("XA A T1", "team", "không dấu cách", "no spaces"),
    ("Tổ-1", "team", "chữ không dấu", "without marks"),
    ("T1;DROP", "team", "không hợp lệ", "not valid"),
    ("T1-", "team", "không hợp lệ", "not valid"),
    ("T-9", "hamlet", "Cấp đơn vị 'hamlet' không hợp lệ", "Unit kind 'hamlet'"),
    ("T-9", "làng", "dùng một trong agency, commune", "use one of agency, commune"),
    # A former district sits under the province only.
    ("T-9", "huyện", "dưới cấp commune: chỉ dưới cấp province", "only under province"),
]


def test_unit_add_refuses_a_code_or_kind_it_cannot_keep_and_changes_nothing(
    env: Database,
) -> None:
    tree()
    before = unit_rows(env)
    for code, kind, vi, en in REFUSED:
        args = ("unit", "add", code, "Tổ lạ", "--kind", kind, "--parent", "XA-A")
        status, output = invoke(*args)
        assert status != 0 and vi in output and "Traceback" not in output, (code, output)
        status, output = invoke(*args, lang="en")
        assert status != 0 and en in output, (code, output)
    assert unit_rows(env).keys() == before.keys()


def test_rename_and_move_keep_the_tree_rule(env: Database) -> None:
    tree()
    code, output = invoke("unit", "rename", "XA-A-T1", "Tổ bảo vệ ANTT thôn Đông")
    assert code == 0 and "Tổ thôn Đông → Tổ bảo vệ ANTT thôn Đông" in output, output
    code, output = invoke("unit", "list")
    assert "Tổ bảo vệ ANTT thôn Đông" in output and "Tổ thôn Đông\n" not in output

    code, output = invoke("unit", "move", "XA-A-T1", "--parent", "XA-B")
    assert code == 0 and "XA-B" in output, output
    rows = unit_rows(env)
    assert rows["XA-A-T1"].parent_id == rows["XA-B"].id
    for args, why in (
        (("XA-A-T1", "--parent", "XA-B-T1"), "dưới một tổ"),  # nothing under a team
        (("XA-A-T1", "--parent", "HN"), "phải thuộc một xã"),  # its officer is the commune's
        (("XA-A", "--parent", "XA-B"), "dưới một xã khác"),  # no commune under a commune
        (("HN", "--parent", "XA-A"), "nằm trong HN"),  # not under its own descendant
        (("XA-A-T1", "--parent", "NOPE"), "Không có đơn vị cấp trên NOPE"),
        (("NOPE", "--parent", "XA-A"), "Không có đơn vị NOPE"),
    ):
        code, output = invoke("unit", "move", *args)
        assert code == 2 and why in output, (args, output)
    after = unit_rows(env)
    assert {k: r.parent_id for k, r in after.items()} == {k: r.parent_id for k, r in rows.items()}


def _add_member(database: Database, unit_code: str, name: str, role: str = "member") -> int:
    def add(conn: Any) -> int:
        unit = conn.execute(select(units.c.id).where(units.c.code == unit_code)).scalar_one()
        now = datetime.now(UTC)
        return int(
            conn.execute(
                insert(members)
                .values(
                    full_name=name,
                    unit_id=unit,
                    role=role,
                    active=True,
                    language="vi",
                    created_at=now,
                    joined_at=now,
                )
                .returning(members.c.id)
            ).scalar_one()
        )

    return database.run_blocking(add)


def test_close_refuses_a_unit_that_still_holds_people_then_closes_an_empty_one(
    env: Database,
) -> None:
    tree(("XA-A-T2", "Tổ thôn Nam", "--parent", "XA-A"))
    _add_member(env, "XA-A-T1", "Lê Văn Một")
    code, output = invoke("unit", "close", "XA-A-T1")
    assert code == 2 and "còn 1 thành viên" in output and "unit merge" in output, output
    code, output = invoke("unit", "close", "XA-A")
    assert code == 2 and "XA-A-T1" in output, output
    assert unit_rows(env)["XA-A-T1"].valid_to is None

    code, output = invoke("invite", "create", "--unit", "XA-A-T2", "--role", "member")
    assert code == 0, output
    code, output = invoke("unit", "close", "XA-A-T2", "--on", "31/12/2999")
    assert code == 2 and "chưa tới" in output, output
    code, output = invoke("unit", "close", "XA-A-T2", "--on", "32/1/2025")
    assert code == 2 and "Ngày không hợp lệ" in output, output
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    code, output = invoke("unit", "close", "XA-A-T2")
    assert code == 0 and f"Đã đóng XA-A-T2 từ {today:%d/%m/%Y}" in output, output
    assert "1 mã mời" in output  # the unused code no longer registers anyone
    assert unit_rows(env)["XA-A-T2"].valid_to == today
    code, output = invoke("unit", "list")
    assert "XA-A-T2" not in output and "XA-A-T1" in output
    code, output = invoke("invite", "create", "--unit", "XA-A-T2", "--role", "member")
    assert code == 2 and "đã đóng" in output, output
    code, output = invoke("unit", "add", "XA-A-T2-X", "Tổ con", "--parent", "XA-A-T2")
    assert code == 2 and "đã đóng" in output, output
    code, output = invoke("unit", "close", "XA-A-T2", lang="en")
    assert code == 2 and "was closed on" in output, output


def test_a_commune_merged_into_its_successor_takes_its_people_and_teams_not_its_history(
    env: Database,
) -> None:
    """As in the 2025 reform: Xã An Bình merges into Xã Bình Minh on 01/07/2025."""
    tree()
    officer = _add_member(env, "XA-A", "Đỗ Văn Công", "officer")
    member = _add_member(env, "XA-A-T1", "Lê Văn Một")
    invoke("invite", "create", "--unit", "XA-A", "--role", "officer")
    logged = datetime(2025, 6, 20, 3, 0, tzinfo=UTC)

    def log_entry(conn: Any) -> None:
        team = conn.execute(select(units.c.id).where(units.c.code == "XA-A-T1")).scalar_one()
        conn.execute(
            insert(entries).values(
                reference="VT-2025-000001",
                member_id=member,
                unit_id=team,
                content_area="good_deed",
                kind="good_deed",
                details={},
                occurred_at=logged,
                created_at=logged,
                status="verified",
                urgent=False,
                delivery_key="k1",
            )
        )

    env.run_blocking(log_entry)
    # The units have been in the bot since 2024 (a merger cannot close a unit before it began).
    env.run_blocking(lambda c: c.execute(update(units).values(valid_from=date(2024, 1, 1))))
    for args, why in (
        (("XA-A", "--into", "XA-A-T1"), "nằm trong nó"),
        (("XA-A", "--into", "XA-B-T1"), "cùng cấp"),
        (("XA-A", "--into", "NOPE"), "Không có đơn vị kế thừa NOPE."),  # not "cấp trên"
    ):
        code, output = invoke("unit", "merge", *args)
        assert code == 2 and why in output, (args, output)
    assert unit_rows(env)["XA-A"].valid_to is None

    code, output = invoke("unit", "merge", "XA-A", "--into", "XA-B", "--on", "01/07/2025")
    assert code == 0, output
    assert "1 thành viên, 1 đơn vị, 1 mã mời" in output, output
    rows = unit_rows(env)
    assert (
        rows["XA-A"].valid_to == date(2025, 7, 1) and rows["XA-A"].successor_id == rows["XA-B"].id
    )
    assert rows["XA-A-T1"].parent_id == rows["XA-B"].id  # the team now belongs to Bình Minh

    def facts(conn: Any) -> tuple[Any, ...]:
        return (
            conn.execute(select(members.c.unit_id).where(members.c.id == officer)).scalar_one(),
            conn.execute(select(entries.c.unit_id)).scalar_one(),
            conn.execute(select(invites.c.unit_id).where(invites.c.used_at.is_(None))).scalar_one(),
            conn.execute(
                select(func.count())
                .select_from(audit_log)
                .where(audit_log.c.action == "unit.merged")
            ).scalar_one(),
        )

    officer_unit, entry_unit, invite_unit, audited = env.run_blocking(facts)
    assert officer_unit == rows["XA-B"].id and invite_unit == rows["XA-B"].id
    assert entry_unit == rows["XA-A-T1"].id and audited == 1  # the entry keeps its team

    # What people see from now on: the province's standings and reminders list one commune.
    def shown(conn: Any) -> tuple[list[str], list[str]]:
        province = rows["HN"].id
        board = standings.table(conn, "any-plan", "whole", "commune", province)
        due = calendar.units_of_kind(conn, province, "commune")
        return sorted(s.name for s in board), sorted(name for _, name in due)

    board, due = env.run_blocking(shown)
    assert board == ["Xã Bình Minh"] and due == ["Xã Bình Minh"]
    code, output = invoke("unit", "list")
    assert "XA-A " not in output and "XA-B" in output
    code, output = invoke("unit", "list", "--all")  # the history stays readable
    assert "Xã An Bình  (đóng 01/07/2025 → XA-B)" in output, output
    code, output = invoke("unit", "merge", "XA-A", "--into", "XA-B")
    assert code == 2 and "đã đóng từ 01/07/2025" in output, output


async def test_a_code_of_a_closed_team_registers_nobody_and_a_merged_ones_joins_the_successor(
    users: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person holding a code hears what any unusable code says once its team closed; a code
    of a merged team registers them in the successor."""
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "cli"))
    monkeypatch.setenv("ANTT_DATABASE_URL", settings.resolved_database_url)

    def admin_at_the_console() -> dict[str, str]:  # the CLI runs its own event loop
        tree(("XA-A-T2", "Tổ thôn Nam", "--parent", "XA-A"))
        codes = {}
        for team in ("XA-A-T1", "XA-A-T2"):
            status, output = invoke("invite", "create", "--unit", team, "--role", "member")
            assert status == 0, output
            codes[team] = output.split()[0]
        assert invoke("unit", "close", "XA-A-T2")[0] == 0
        assert invoke("unit", "merge", "XA-A-T1", "--into", "XA-B-T1")[0] == 0
        return codes

    codes = await asyncio.to_thread(admin_at_the_console)

    late = users()
    await late.say(f"/start {codes['XA-A-T2']}")
    assert "không đúng, đã được dùng hoặc đã hết hạn" in late.text, late.text
    moved = users()
    await moved.register(codes["XA-A-T1"], "Lê Thị Chuyển")
    assert "Tổ thôn Tây" in moved.text, moved.text  # the successor team's name


def test_a_unit_name_longer_than_the_database_keeps_is_refused_plainly(env: Database) -> None:
    """A name pasted with a whole decision's text: refused with the limit, on SQLite as on
    PostgreSQL (whose column would fail with a traceback), and nothing changes."""
    tree()
    long = "Tổ bảo vệ an ninh, trật tự ở cơ sở thôn Đông " * 5
    assert len(long.strip()) > 200
    code, output = invoke("unit", "add", "XA-A-T9", long, "--parent", "XA-A")
    assert code == 2 and "tối đa 200 ký tự" in output, output
    code, output = invoke("unit", "rename", "XA-A-T1", long)
    assert code == 2 and "tối đa 200 ký tự" in output, output
    code, output = invoke("unit", "rename", "XA-A-T1", long, lang="en")
    assert code == 2 and "at most 200 characters" in output, output
    rows = unit_rows(env)
    assert "XA-A-T9" not in rows and rows["XA-A-T1"].name == "Tổ thôn Đông"
