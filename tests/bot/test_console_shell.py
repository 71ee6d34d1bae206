"""The console's doors and walls: a one-time link from the chat or the shell opens a session,
once; sessions end idle, old, on logout, from the chat, or when the member's role changes;
every form needs its CSRF token; every console response carries the CSP and no-store; the
chat's cookie is never a console session; and the pages ship inside the package."""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text as sql

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from tests.conftest import WebUser
from tests.console import ConsoleUser, invite_code, link_token, registered

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"((?:http://\S+)?/quanly/vao#t=([A-Za-z0-9_-]+))")


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    def make() -> ConsoleUser:
        made.append(ConsoleUser(app))
        return made[-1]

    yield make
    for user in made:
        await user.close()


async def test_a_leader_asks_the_chat_for_a_link_and_opens_the_console_once(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    await leader.chat.say("/quanly")
    said = leader.chat.text
    found = LINK.search(said)
    assert found, said
    assert "10 phút" in said
    # Shown once: the link is not in the chat's history a reload reads back.
    assert found.group(2) not in str(await leader.chat.inbox())

    first, second = browser(), browser()
    answer = await first.log_in(found.group(2))
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/quanly/" in cookie
    assert "Secure" not in cookie  # plain http on a LAN: the operator's choice
    home = await first.get("/quanly/")
    assert home.status_code == 200
    assert "Trần Văn Tổ" in home.text

    again = await second.log_in(found.group(2))
    assert again.status_code == 400
    assert "không còn dùng được" in again.text
    assert (await second.get("/quanly/")).status_code == 401


async def test_a_member_is_refused_a_link_in_the_chat(app: Any, demo: DemoInvites) -> None:
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    await member.chat.say("/quanly")
    assert "/quanly/vao" not in member.chat.text
    assert "dành cho tổ trưởng" in member.chat.text


async def test_a_forged_link_for_a_member_opens_nothing(
    app: Any, settings: Settings, demo: DemoInvites, browser: Any
) -> None:
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    with pytest.raises(Exception, match="dành cho tổ trưởng"):
        await link_token(app, member.member_id)
    page = browser()
    assert (await page.log_in("x" * 43)).status_code == 400
    assert (await page.get("/quanly/")).status_code == 401


async def test_forms_need_the_session_csrf_token_and_logout_ends_it(
    app: Any, settings: Settings, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    page = browser()
    await page.log_in(await link_token(app, officer.member_id))
    assert page.csrf
    refused = await page.client.post("/quanly/thoat", data={"csrf": "wrong"})
    assert refused.status_code == 403
    assert "mã bảo vệ" in refused.text
    other_site = await page.client.post(
        "/quanly/thoat", data={"csrf": page.csrf}, headers={"origin": "http://evil.example"}
    )
    assert other_site.status_code == 403
    assert (await page.get("/quanly/")).status_code == 200  # still in

    out = await page.post("/quanly/thoat")
    assert out.status_code == 200
    assert (await page.get("/quanly/")).status_code == 401


async def test_the_chat_ends_every_console_session(
    app: Any, settings: Settings, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    pages = [browser(), browser()]
    for page in pages:
        await page.log_in(await link_token(app, officer.member_id))
        assert (await page.get("/quanly/")).status_code == 200
    await officer.chat.say("/quanly dangxuat")
    assert "Đã đăng xuất 2 phiên" in officer.chat.text
    for page in pages:
        assert (await page.get("/quanly/")).status_code == 401


async def test_sessions_end_when_idle_when_old_and_when_the_role_changes(
    app: Any, settings: Settings, database: Database, demo: DemoInvites, browser: Any
) -> None:
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    conversation = app.state.conversation
    real_now = conversation.now
    page = browser()
    await page.log_in(await link_token(app, leader.member_id))
    start = real_now()

    conversation.now = lambda: start + timedelta(minutes=29)
    assert (await page.get("/quanly/")).status_code == 200  # touched: idle counts from here
    conversation.now = lambda: start + timedelta(minutes=58)
    assert (await page.get("/quanly/")).status_code == 200
    conversation.now = lambda: start + timedelta(minutes=58 + 31)
    assert (await page.get("/quanly/")).status_code == 401

    late = browser()
    conversation.now = real_now
    await late.log_in(await link_token(app, leader.member_id))
    for minutes in range(25, 12 * 60, 25):  # busy all day, never idle
        conversation.now = lambda minutes=minutes: start + timedelta(minutes=minutes)
        assert (await late.get("/quanly/")).status_code == 200, minutes
    conversation.now = lambda: start + timedelta(hours=12, minutes=10)
    assert (await late.get("/quanly/")).status_code == 401

    conversation.now = real_now
    demoted = browser()
    await demoted.log_in(await link_token(app, leader.member_id))
    await database.run(
        lambda c: c.execute(
            sql("UPDATE members SET role = 'member' WHERE id = :id"), {"id": leader.member_id}
        )
    )
    assert (await demoted.get("/quanly/")).status_code == 401


async def test_an_expired_link_opens_nothing(
    app: Any, settings: Settings, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    token = await link_token(app, officer.member_id)
    conversation = app.state.conversation
    start = conversation.now()
    conversation.now = lambda: start + timedelta(minutes=11)
    page = browser()
    assert (await page.log_in(token)).status_code == 400


async def test_logins_and_links_are_audited(
    app: Any, settings: Settings, database: Database, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    page = browser()
    token = await link_token(app, officer.member_id)
    await page.log_in(token)
    await browser().log_in(token)  # spent: refused, audited
    await page.post("/quanly/thoat")
    actions = await database.run(
        lambda c: [
            row.action
            for row in c.execute(
                sql("SELECT action FROM audit_log WHERE action LIKE 'console.%' ORDER BY id")
            )
        ]
    )
    assert actions == [
        "console.link_issued",
        "console.login",
        "console.link_refused",
        "console.logout",
    ]
    assert token not in str(
        await database.run(lambda c: c.execute(sql("SELECT * FROM audit_log")).all())
    )


async def test_an_admin_without_a_chat_gets_a_link_from_the_shell(
    app: Any, settings: Settings, demo: DemoInvites, browser: Any
) -> None:
    admin = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    page = browser()
    assert (await page.log_in(await link_token(app, admin.member_id))).status_code == 303
    assert "Quản Trị Tỉnh" in (await page.get("/quanly/")).text


async def test_every_console_response_carries_the_policy_and_no_store(
    app: Any, settings: Settings, demo: DemoInvites, browser: Any
) -> None:
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    page = browser()
    await page.log_in(await link_token(app, leader.member_id))
    for path in ("/quanly/", "/quanly/vao", "/quanly/static/console.css", "/quanly/khong-co"):
        response = await page.get(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy
        # the package's static files are checked again each time; nothing else is kept
        kept = "no-cache" if "/static/" in path else "no-store"
        assert response.headers["cache-control"] == kept, path
        assert response.headers["x-content-type-options"] == "nosniff"
    again = await page.client.get(
        "/quanly/static/console.css",
        headers={"if-none-match": (await page.get("/quanly/static/console.css")).headers["etag"]},
    )
    assert again.status_code == 304
    chat_page = await page.client.get("/")
    assert "/quanly" not in chat_page.headers.get("content-security-policy", "")


async def test_the_chat_cookie_is_not_a_console_session(app: Any, demo: DemoInvites) -> None:
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    chat_cookie = leader.chat.client.cookies.get("antt_session")
    assert chat_cookie
    leader.chat.client.cookies.set("antt_console", chat_cookie)
    response = await leader.chat.client.get("/quanly/")
    assert response.status_code == 401


def test_pages_never_load_from_another_origin_or_inline() -> None:
    """Templates carry no inline script, handler attribute, style attribute or foreign URL."""
    templates = ROOT / "bot" / "console" / "templates"
    for path in templates.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", page), path
        assert not re.search(r"\son[a-z]+=", page), path
        assert not re.search(r"\sstyle=", page), path
        assert not re.search(r"(src|href)=\"(https?:)?//", page), path


def test_the_console_desk_has_no_sql_of_its_own() -> None:
    """Screens call services; storage is reached only through the desk's repository."""
    allowed = {"storage.repository", "storage.unit_of_work"}
    for path in (ROOT / "bot" / "console").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("sqlalchemy") or path.name == "access.py", path
                assert not name.startswith("storage") or name in allowed, (path, name)


def test_templates_and_static_files_ship_in_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "console/templates/*.html" in pyproject and "console/static/*" in pyproject
    console = resources.files("bot") / "console"
    assert (console / "templates" / "base.html").is_file()
    assert (console / "static" / "console.js").is_file()


async def test_the_chat_page_still_works_beside_the_console(app: Any, demo: DemoInvites) -> None:
    user = WebUser(app)
    await user.register(demo.member.code, "Lê Thị Viên")
    await user.close()


def test_the_demo_admin_gets_a_link_from_the_shell_and_opens_the_console(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`antt-bot demo` says how; `antt-bot console link --member` prints a working link."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from bot.app import create_app
    from bot.cli import app as cli
    from bot.settings import load_settings

    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(cli, ["demo"], env={"ANTT_LANGUAGE": "vi"})
    assert made.exit_code == 0, made.output
    assert 'antt-bot console link --member "Quản trị viên mẫu"' in made.output
    unknown = runner.invoke(cli, ["console", "link", "--member", "Không Có Ai"])
    assert unknown.exit_code == 2
    assert "Không có thành viên" in unknown.output
    issued = runner.invoke(cli, ["console", "link", "--member", "Quản trị viên mẫu"])
    assert issued.exit_code == 0, issued.output
    found = LINK.search(issued.output)
    assert found, issued.output

    settings = load_settings()
    with TestClient(create_app(settings)) as client:
        answer = client.post("/quanly/vao", data={"token": found.group(2)}, follow_redirects=False)
        assert answer.status_code == 303
        home = client.get("/quanly/")
        assert "Quản trị viên mẫu" in home.text
        assert "Tỉnh Minh Họa" in home.text


async def test_links_point_at_the_public_address_when_one_is_set(
    settings: Settings, database: Database, demo: DemoInvites
) -> None:
    from bot.app import create_app

    public = create_app(
        settings.model_copy(update={"public_url": "https://antt.example.vn"}), database
    )
    leader = await registered(public, demo.leader.code, "Trần Văn Tổ")
    await leader.chat.say("/quanly")
    assert "https://antt.example.vn/quanly/vao#t=" in leader.chat.text
    await leader.chat.close()


async def test_logging_in_again_ends_the_browser_s_earlier_session(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    page = browser()
    await page.log_in(await link_token(app, leader.member_id))
    earlier = page.client.cookies.get("antt_console")
    await page.log_in(await link_token(app, leader.member_id))
    assert page.client.cookies.get("antt_console") != earlier
    assert (await page.get("/quanly/")).status_code == 200
    stolen = browser()
    stolen.client.cookies.set("antt_console", earlier or "")
    assert (await stolen.get("/quanly/")).status_code == 401


def test_numbers_are_written_as_each_language_writes_them() -> None:
    from bot.console.render import number

    assert (number(5000), number(0.5), number(1234.5)) == ("5.000", "0,5", "1.234,5")
    assert (number(5000, "en"), number(0.5, "en"), number(1234.5, "en")) == (
        "5,000",
        "0.5",
        "1,234.5",
    )


async def test_without_a_running_plan_standings_and_targets_say_so_as_information(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    page = browser()
    await page.log_in(await link_token(app, officer.member_id))
    for path in ("/quanly/xephang", "/quanly/chitieu"):
        shown = await page.get(path)
        assert shown.status_code == 200, path
        assert "Chưa có gì để hiển thị" in shown.text
        assert "Chưa có kế hoạch" in shown.text or "chưa có kế hoạch" in shown.text


def test_numbers_and_days_typed_into_an_address_are_read_alike_on_every_screen() -> None:
    from datetime import date

    from bot.console.typed import day, whole

    assert [whole(t) for t in ("3", " 12 ", "²", "-1", "abc", "9" * 30, None)] == [
        3, 12, None, None, None, None, None
    ]  # fmt: skip
    assert day("2026-12-02") == day("02/12/2026") == date(2026, 12, 2)
    assert [day(t) for t in ("31/02/2026", "1/1/99999999999999", "hôm qua", "", None)] == [None] * 5


async def test_a_superscript_digit_in_the_entries_filters_gives_the_page(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    page = browser()
    await page.log_in(await link_token(app, officer.member_id))
    for query in ("donvi=²", "thanhvien=²", "page=²"):
        assert (await page.get(f"/quanly/muc?{query}")).status_code == 200, query
