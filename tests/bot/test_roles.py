"""Roles sit on their kind of unit (an officer on a commune; members, deputies and leaders on a
team; an admin on a commune or province) at every door that makes a member or an invite; only
an officer whose own unit is the tip's commune sees who gave it; rows made before the rule are
named when the bot starts."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, insert, select, update

from bot.settings import Settings
from campaign.review import Reviewer
from campaign.roles import Role
from services.demo import DemoInvites
from services.invites import create_invites, import_member
from services.refusals import Refused
from services.units import add_unit
from storage import tips
from storage.database import Database
from storage.schema import audit_log, invites, members
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id
from tests.bot.test_cli_and_settings import _write_csv, invoke
from tests.bot.test_cli_and_settings import env as env  # the CLI's environment fixture
from tests.bot.test_web_flows import count, log_tip

WRONG = [
    (
        "DEMO-XA-T1",
        "officer",
        "Cán bộ Công an xã chỉ thuộc cấp xã, tỉnh, cơ quan, doanh nghiệp hoặc cơ sở giáo dục,"
        " không thuộc cấp tổ",
    ),
    ("DEMO-XA", "leader", "Tổ trưởng chỉ thuộc cấp tổ, không thuộc cấp xã"),
    ("DEMO", "member", "Tổ viên chỉ thuộc cấp tổ, không thuộc cấp tỉnh"),
    ("DEMO", "leader", "Tổ trưởng chỉ thuộc cấp tổ, không thuộc cấp tỉnh"),  # officers may now
    ("DEMO-XA-T2", "admin", "Quản trị viên chỉ thuộc cấp xã hoặc tỉnh, không thuộc cấp tổ"),
]


def _invite_count(database_url: str) -> int:
    database = Database(database_url)
    try:
        return int(
            database.run_blocking(
                lambda c: c.execute(select(func.count()).select_from(invites)).scalar_one()
            )
        )
    finally:
        database.close()


@pytest.mark.parametrize(("unit", "role", "says"), WRONG)
def test_invite_create_refuses_a_role_its_unit_does_not_take(
    env: Path, database_url: str, unit: str, role: str, says: str
) -> None:
    assert invoke("demo")[0] == 0
    before = _invite_count(database_url)
    code, output = invoke("invite", "create", "--unit", unit, "--role", role, "--count", "2")
    assert code == 2 and says in output and "Không tạo được" in output, output
    assert _invite_count(database_url) == before


def test_invite_create_takes_an_admin_on_a_province_or_a_commune(env: Path) -> None:
    assert invoke("demo")[0] == 0
    for unit in ("DEMO", "DEMO-XA"):
        code, output = invoke("invite", "create", "--unit", unit, "--role", "admin")
        assert code == 0 and "Quản trị viên" in output, output
    code, output = invoke("invite", "create", "--unit", "DEMO-XA", "--role", "officer")
    assert code == 0 and "Cán bộ Công an xã" in output, output


def test_roster_import_names_each_misplaced_row_and_imports_nothing(
    env: Path, database_url: str
) -> None:
    assert invoke("demo")[0] == 0
    roster = env / "danh-sach.csv"
    _write_csv(
        roster,
        [
            ["Đơn vị", "Họ và tên", "Vai trò", "Số điện thoại"],
            ["DEMO-XA-T1", "Vũ Văn Đúng", "Tổ viên", ""],
            ["DEMO-XA-T1", "Phan Văn Sai", "Cán bộ Công an xã", ""],
            ["Xã Hòa Bình", "Mai Thị Sai", "Tổ trưởng", ""],
        ],
    )
    database = Database(database_url)
    try:
        before = database.run_blocking(
            lambda c: c.execute(select(func.count()).select_from(members)).scalar_one()
        )
        code, output = invoke("roster", "import", str(roster), "--yes")
        assert code == 1, output
        assert "dòng 3: đơn vị DEMO-XA-T1: Cán bộ Công an xã chỉ thuộc cấp xã" in output
        assert "dòng 4: đơn vị DEMO-XA: Tổ trưởng chỉ thuộc cấp tổ" in output
        assert "dòng 2" not in output
        after = database.run_blocking(
            lambda c: c.execute(select(func.count()).select_from(members)).scalar_one()
        )
        assert after == before
    finally:
        database.close()


async def test_the_storage_doors_refuse_too(database: Database, demo: DemoInvites) -> None:
    """What a future screen would call: the same rule, whatever the caller checked before."""
    now = datetime.now(demo.member.expires_at.tzinfo)

    def try_all(conn: Connection) -> list[str]:
        said = []
        team = unit_id(conn, "DEMO-XA-T1")
        assert team is not None
        for attempt in (
            lambda: create_invites(
                UnitOfWork(conn).units, unit_code="DEMO-XA-T1", role=Role.OFFICER, count=1, now=now
            ),
            lambda: import_member(
                UnitOfWork(conn).units,
                line=2,
                unit=(team, "DEMO-XA-T1"),
                full_name="Phan Văn Sai",
                role=Role.ADMIN,
                phone=None,
                now=now,
            ),
        ):
            with pytest.raises(Refused) as refused:
                attempt()
            said.append(str(refused.value))
        return said

    before = (await count(database, members), await count(database, invites))
    said = await database.run(try_all)
    assert "Cán bộ Công an xã chỉ thuộc cấp xã" in said[0]
    assert "Quản trị viên chỉ thuộc cấp xã hoặc tỉnh" in said[1]
    assert (await count(database, members), await count(database, invites)) == before


async def _old_invite(database: Database, unit: str, role: str) -> str:
    """An invite written before the rule (straight into the table)."""
    now = datetime.now().astimezone()

    def write(conn: Connection) -> str:
        conn.execute(
            insert(invites).values(
                code="XQCV2345",
                unit_id=unit_id(conn, unit),
                role=role,
                expires_at=now + timedelta(days=5),
                created_at=now,
            )
        )
        return "XQCV2345"

    return await database.run(write)


async def test_an_old_misplaced_invite_registers_nobody(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    code = await _old_invite(database, "DEMO-XA-T1", "officer")
    before = await count(database, members)
    person = users()
    await person.say(f"/start {code}")
    assert "không dùng được" in person.text and "Cán bộ Công an xã" in person.text
    assert "Đăng ký thành công" not in person.text and "dữ liệu cá nhân" not in person.text
    await person.say("/baotin")
    assert "chưa đăng ký" in person.text
    assert await count(database, members) == before
    used = await database.run(
        lambda c: c.execute(select(invites.c.used_at).where(invites.c.code == code)).scalar()
    )
    assert used is None


async def test_a_misplaced_member_gets_no_link_code(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    leader = users()
    await leader.register(demo.leader.code, "Tổ Trưởng Tây")
    # An old row: this leader's role says officer, on a team.
    await database.run(
        lambda c: c.execute(
            update(members).where(members.c.full_name == "Tổ Trưởng Tây").values(role="officer")
        )
    )
    before = await count(database, invites)
    await leader.say("/lienket")
    assert "Không tạo được mã liên kết" in leader.text
    assert re.search(r"Mã liên kết của bạn: [A-Z0-9]{8}", leader.text) is None
    assert await count(database, invites) == before


async def _member_id(database: Database, name: str) -> int:
    found = await database.run(
        lambda c: c.execute(select(members.c.id).where(members.c.full_name == name)).scalar_one()
    )
    return int(found)


async def _place(database: Database, member_id: int, role: str, unit: str) -> None:
    """Move a member as an old invite would have placed them (no rule then)."""

    def move(conn: Connection) -> None:
        conn.execute(
            update(members)
            .where(members.c.id == member_id)
            .values(role=role, unit_id=unit_id(conn, unit))
        )

    await database.run(move)


async def test_only_the_officer_of_the_tips_commune_reveals_its_informant(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    reference = await log_tip(member, named=True)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")

    def add_other_commune(conn: Connection) -> None:
        now = datetime.now(settings.zone)
        add_unit(
            UnitOfWork(conn).units,
            code="XA-KHAC",
            name="Xã Khác",
            kind="commune",
            parent_code="DEMO",
            now=now,
        )

    await database.run(add_other_commune)
    # One person, placed in turn where old invites could have put them.
    intruder = users()
    await intruder.register(demo.leader.code, "Người Thử")
    intruder_id = await _member_id(database, "Người Thử")
    sealer = Sealer(settings.secret_key)
    now = datetime.now(settings.zone)
    for role, unit in (
        (Role.OFFICER, "DEMO-XA-T1"),  # on the tip's own team
        (Role.OFFICER, "DEMO"),  # on the province above the commune
        (Role.OFFICER, "XA-KHAC"),  # on another commune
        (Role.ADMIN, "DEMO-XA"),
        (Role.ADMIN, "DEMO"),
        (Role.LEADER, "DEMO-XA-T1"),
    ):
        await _place(database, intruder_id, role.value, unit)
        await intruder.say("/nguontin")
        assert "Lê Thị Mật" not in intruder.text and reference not in intruder.text
        unit_pk = await database.run(lambda c, unit=unit: unit_id(c, unit))  # type: ignore[misc]
        assert unit_pk is not None
        reviewer = Reviewer(member_id=intruder_id, role=role, unit_id=unit_pk)
        shown = await database.run(
            lambda c, r=reviewer: tips.reveal(c, r, reference, "Muốn xem thử", sealer, now)  # type: ignore[misc]
        )
        assert shown is None, (role, unit)

    refused = await database.run(
        lambda c: c.execute(
            select(audit_log.c.actor_member_id).where(
                audit_log.c.action == "informant.reveal_refused"
            )
        ).all()
    )
    assert [r.actor_member_id for r in refused] == [intruder_id] * 6
    # The commune's own officer still sees the informant, through the chat.
    await officer.say("/nguontin")
    assert reference in officer.text
    await officer.tap("Xem người cung cấp")
    await officer.say("Cần gặp trực tiếp để xác minh")
    assert "Lê Thị Mật" in officer.text
    revealed = await database.run(
        lambda c: c.execute(
            select(func.count()).where(audit_log.c.action == "informant.revealed")
        ).scalar_one()
    )
    assert revealed == 1


def test_start_names_members_and_open_invites_that_break_the_rule(
    env: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import uvicorn

    from bot import logs

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.append(app))
    # The log goes where pytest reads it (the real set-up would outlive this test).
    monkeypatch.setattr(logs, "configure", lambda secrets, **_: None)
    assert invoke("demo")[0] == 0
    database = Database(database_url)
    now = datetime.now().astimezone()

    def old_rows(conn: Connection) -> tuple[int, int, int]:
        bad_member = conn.execute(
            insert(members)
            .values(
                full_name="Phan Văn Riêng Tư",
                unit_id=unit_id(conn, "DEMO-XA-T2"),
                role="officer",
                active=True,
                language="vi",
                created_at=now,
            )
            .returning(members.c.id)
        ).scalar_one()
        ids = []
        for code, expires, used in (
            ("KEPT2345", now + timedelta(days=3), None),
            ("USED2345", now + timedelta(days=3), now),  # used: nothing left to fix
            ("LATE2345", now - timedelta(days=1), None),  # expired: likewise
        ):
            ids.append(
                conn.execute(
                    insert(invites)
                    .values(
                        code=code,
                        unit_id=unit_id(conn, "DEMO"),
                        role="leader",
                        expires_at=expires,
                        created_at=now,
                        used_at=used,
                    )
                    .returning(invites.c.id)
                ).scalar_one()
            )
        return int(bad_member), ids[0], ids[1]

    try:
        bad_member, open_invite, used_invite = database.run_blocking(old_rows)
    finally:
        database.close()
    with caplog.at_level(logging.WARNING):
        code, output = invoke("run")
    assert code == 0 and served, output
    logged = caplog.text
    assert f"members id {bad_member} has role officer on unit DEMO-XA-T2 of kind team" in logged
    assert f"invites id {open_invite} has role leader on unit DEMO of kind province" in logged
    assert f"invites id {used_invite} " not in logged
    assert "Phan Văn Riêng Tư" not in logged + output  # ids, not names, in the log
    assert "Cảnh báo: 2 thành viên hoặc mã mời" in output
    # The demo's own rows fit: nothing else is named.
    assert len(re.findall(r"roles: (members|invites) id", logged)) == 2
