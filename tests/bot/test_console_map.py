"""The console's map (/quanly/bando): located entries in the viewer's scope (the chat's: a
leader their team, a commune's officer the commune, an admin their subtree), the entries
table's filters, a list of the points rendered by the server beside the map, no informant
anywhere, and the map library shipped with the bot (its files as released, its licence)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from html import unescape
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from bot.console.app import content_policy
from bot.settings import SettingsError, load_settings
from campaign.roles import Role
from services import map_points
from services.demo import DemoInvites
from services.ports import EntryFilter, MemberView
from services.refusals import Refused
from tests.bot.test_web_flows import REFERENCE
from tests.conftest import WebUser
from tests.console import ConsoleUser, demo_extras, invite_code, link_token, registered

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "bot" / "console" / "static" / "vendor"
ROW = re.compile(r'<li data-ref="([A-Z]+-\d{4}-\d{6})">')
POINTS = re.compile(r'<script type="application/json" id="map-points">(.*?)</script>', re.S)

HOA_BINH = (21.02851, 105.85423)  # where the demo commune's member shares a tip from
YEN_LAC = (21.21, 105.61)  # the second commune's


async def log_located_tip(
    user: WebUser, where: tuple[float, float], *, what: str = "Có người lạ tụ tập ở nhà hoang"
) -> str:
    """A tip as a member gives it in the web chat, sharing the phone's location for the place;
    the informant is named (sealed: never on the map)."""
    await user.say("/baotin")
    await user.tap("Ma túy")
    await user.say(what)
    assert "Ở đâu" in user.text, user.text
    await user.post({"location": {"latitude": where[0], "longitude": where[1]}})
    await user.tap("Bây giờ")
    await user.tap("có tên")
    await user.say("Lê Thị Mật")
    await user.say("0912345678")
    await user.tap("Bình thường")
    await user.tap("Bỏ qua")
    assert "Kiểm tra lại trước khi lưu" in user.text, user.text
    await user.tap("Lưu")
    found = REFERENCE.search(user.text)
    assert found and "Đã lưu" in user.text, user.text
    return found.group(0)


async def log_typed_tip(user: WebUser) -> str:
    """A tip whose place is typed: it has no point."""
    await user.say("/baotin")
    await user.tap("Ma túy")
    await user.say("Mua bán trái phép ở chợ")
    await user.say("Cổng chợ xã, gần trạm y tế")
    await user.tap("Bây giờ")
    await user.tap("tôi trực tiếp")
    await user.tap("Bình thường")
    await user.tap("Bỏ qua")
    await user.tap("Lưu")
    found = REFERENCE.search(user.text)
    assert found, user.text
    return found.group(0)


def rows(page: str) -> list[str]:
    return ROW.findall(page)


def script_points(page: str) -> list[dict[str, Any]]:
    found = POINTS.search(page)
    assert found, page
    points: list[dict[str, Any]] = json.loads(found.group(1))
    return points


@pytest.fixture
async def consoles(app: Any) -> Any:
    made: list[ConsoleUser] = []

    async def open_for(member_id: int) -> ConsoleUser:
        user = ConsoleUser(app)
        made.append(user)
        answer = await user.log_in(await link_token(app, member_id))
        assert answer.status_code == 303
        return user

    yield open_for
    for user in made:
        await user.close()


@pytest.fixture
async def located(app: Any, demo: DemoInvites) -> dict[str, str]:
    """Two located tips in the demo commune (team T1), one typed, one located in the second
    commune; the references by what they are."""
    await demo_extras(app)
    member = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    first = await log_located_tip(member.chat, HOA_BINH)
    second = await log_located_tip(
        member.chat, (HOA_BINH[0] + 0.01, HOA_BINH[1]), what="Xe máy không biển số đi lại ban đêm"
    )
    typed = await log_typed_tip(member.chat)
    neighbour = await registered(
        app, await invite_code(app, "DEMO-XA2-T1", Role.MEMBER), "Đinh Văn Bắc"
    )
    other = await log_located_tip(neighbour.chat, YEN_LAC)
    return {"first": first, "second": second, "typed": typed, "other": other}


async def test_a_commune_officer_sees_the_communes_points_and_the_list_beside_them(
    app: Any, demo: DemoInvites, located: dict[str, str], consoles: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    console = await consoles(officer.member_id)
    home = await console.get("/quanly/")
    assert 'href="/quanly/bando"' in home.text and "Bản đồ" in home.text

    page = await console.get("/quanly/bando")
    assert page.status_code == 200
    text = unescape(page.text)
    # Newest first; the typed address has no point; the other commune is not in this scope.
    assert rows(page.text) == [located["second"], located["first"]]
    assert located["typed"] not in text and located["other"] not in text
    assert f'href="/quanly/muc/{located["first"]}"' in page.text
    assert "2 điểm." in text
    assert "21.02851, 105.85423" in text  # the place, as a phone's map app reads it
    assert "Tổ bảo vệ ANTT thôn Đông" in text and "Nguồn tin" in text  # unit, area
    assert "Xã Hòa Bình" in text  # the unit's name, for the plain background
    points = script_points(page.text)
    assert [p["ref"] for p in points] == [located["second"], located["first"]]
    assert points[1]["lat"] == pytest.approx(HOA_BINH[0])
    assert points[1]["lon"] == pytest.approx(HOA_BINH[1])
    # Never the informant, nor what the tip says beyond its place.
    assert "Lê Thị Mật" not in text and "0912345678" not in text
    assert "nhà hoang" not in text
    # No tile server configured: nothing but this server is named.
    assert 'data-tiles=""' in page.text
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text)


async def test_the_filters_narrow_the_points(
    app: Any, demo: DemoInvites, located: dict[str, str], consoles: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    console = await consoles(officer.member_id)
    first, second = located["first"], located["second"]

    async def shown(**params: str) -> list[str]:
        page = await console.get("/quanly/bando", **params)
        assert page.status_code == 200
        assert len(script_points(page.text)) == len(rows(page.text))
        return rows(page.text)

    assert await shown(ma=first) == [first]
    assert await shown(ma=first.lower()) == [first]
    assert await shown(tim="xe may khong bien so") == [second]  # marks and case aside
    assert await shown(tim="Lê Thị Mật") == []  # the informant is not searchable either
    assert await shown(linhvuc="tip") == [second, first]
    assert await shown(linhvuc="patrol") == []
    assert await shown(trangthai="pending") == [second, first]
    assert await shown(trangthai="verified") == []
    assert await shown(tiendo="received") == [second, first]
    assert await shown(tiendo="resolved") == []
    today = app.state.conversation.now().astimezone(app.state.conversation.settings.zone).date()
    assert await shown(tungay=today.isoformat(), denngay=today.isoformat()) == [second, first]
    assert await shown(tungay=(today + timedelta(days=1)).isoformat()) == []
    assert await shown(denngay=(today - timedelta(days=1)).isoformat()) == []
    assert await shown(tungay=today.strftime("%d/%m/%Y")) == [second, first]  # as people write
    bad = await console.get("/quanly/bando", tungay="31/02/2026")
    assert "Ngày không đúng" in bad.text and rows(bad.text) == [second, first]

    page = await console.get("/quanly/bando")
    units = dict(
        (unescape(name).lstrip("— "), unit_id)
        for unit_id, name in re.findall(r'<option value="(\d+)"\s*>([^<]+)</option>', page.text)
    )
    assert "Xã Yên Lạc" not in units  # another commune is no choice here
    assert await shown(donvi=units["Tổ bảo vệ ANTT thôn Đông"]) == [second, first]
    assert await shown(donvi=units["Tổ bảo vệ ANTT thôn Tây"]) == []
    # A unit outside the scope, typed into the URL, narrows to nothing, never wider.
    admin = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    admin_page = await (await consoles(admin.member_id)).get("/quanly/bando")
    yen_lac = re.search(r'<option value="(\d+)"\s*>(?:— )*Xã Yên Lạc</option>', admin_page.text)
    assert yen_lac
    assert await shown(donvi=yen_lac.group(1)) == []


async def test_each_commander_sees_their_own_scope(
    app: Any, demo: DemoInvites, located: dict[str, str], consoles: Any
) -> None:
    ours = [located["second"], located["first"]]

    async def points_for(code: str, name: str) -> list[str]:
        person = await registered(app, code, name)
        page = await (await consoles(person.member_id)).get("/quanly/bando")
        assert page.status_code == 200, page.text
        return rows(page.text)

    assert await points_for(demo.leader.code, "Trần Văn Tổ") == ours
    assert (
        await points_for(await invite_code(app, "DEMO-XA-T2", Role.LEADER), "Tổ Trưởng Tây") == []
    )
    assert await points_for(await invite_code(app, "DEMO-XA2", Role.OFFICER), "Cán Bộ Bắc") == [
        located["other"]
    ]
    # An officer on the province follows no commune's entries (as in the chat's review).
    assert await points_for(await invite_code(app, "DEMO", Role.OFFICER), "Cán Bộ Tỉnh") == []
    # A commune admin sees the commune; the province's admin sees both communes.
    assert await points_for(await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã") == ours
    assert sorted(
        await points_for(await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    ) == sorted([*ours, located["other"]])


async def test_a_member_gets_no_map(app: Any, demo: DemoInvites, consoles: Any) -> None:
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    with pytest.raises(Exception, match="dành cho tổ trưởng"):
        await link_token(app, member.member_id)  # no console session at all
    stranger = ConsoleUser(app)
    assert (await stranger.get("/quanly/bando")).status_code == 401
    await stranger.close()
    conversation = app.state.conversation
    view = await conversation.database.run(
        lambda c: conversation.repository(c).active_member(member.member_id)
    )
    assert isinstance(view, MemberView)
    with pytest.raises(Refused, match="Bản đồ dành cho"):
        await conversation.database.run(
            lambda c: map_points.entry_points(conversation.repository(c), view, EntryFilter())
        )


async def test_a_bounded_map_says_more_points_match(
    app: Any, demo: DemoInvites, located: dict[str, str]
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    conversation = app.state.conversation

    async def shown(limit: int) -> map_points.MapView:
        def read(connection: Any) -> map_points.MapView:
            repository = conversation.repository(connection)
            viewer = repository.active_member(officer.member_id)
            assert viewer is not None
            return map_points.entry_points(repository, viewer, EntryFilter(), limit=limit)

        view: map_points.MapView = await conversation.database.run(read)
        return view

    one = await shown(1)
    assert [p.reference for p in one.points] == [located["second"]] and one.more
    both = await shown(2)
    assert len(both.points) == 2 and not both.more
    point = both.points[1]
    assert (point.reference, point.area, point.status, point.progress) == (
        located["first"],
        "tip",
        "pending",
        "received",
    )
    assert point.unit_name == "Tổ bảo vệ ANTT thôn Đông"
    assert not hasattr(point, "details")


def test_the_tile_servers_origin_and_nothing_else_joins_the_image_sources() -> None:
    def images(tiles: str) -> str:
        return next(
            part for part in content_policy(tiles).split("; ") if part.startswith("img-src")
        )

    assert images("") == "img-src 'self' data: blob:"
    assert images("https://{s}.tile.example.org/{z}/{x}/{y}.png").endswith(
        " https://*.tile.example.org"
    )
    assert images("http://127.0.0.1:8099/{z}/{x}/{y}.png").endswith(" http://127.0.0.1:8099")
    assert images("https://tiles.intranet/osm/{z}/{x}/{y}.png?key=1").endswith(
        " https://tiles.intranet"
    )
    # A wildcard stands only as a whole leftmost label: "tile-*.example.org" would be void.
    assert images("https://tile-{s}.example.org/{z}/{x}/{y}.png").endswith(" https://*.example.org")
    assert images("https://{s}.org/{z}/{x}/{y}.png") == "img-src 'self' data: blob:"
    # The setting itself takes nothing a policy could misread, nor userinfo.
    for wrong in ("https://u:p@tiles.intranet/{z}/{x}/{y}", "https://a;b/{z}/{x}/{y}.png"):
        with pytest.raises(SettingsError):
            load_settings(map_tiles=wrong, secret_key="b" * 40)


def test_leaflet_is_shipped_as_released_with_its_licence() -> None:
    record = (VENDOR / "VENDORED.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\| `([^`]+)` \| `([0-9a-f]{64})` \|", record))
    shipped = {
        str(path.relative_to(VENDOR)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "VENDORED.md"
    }
    assert listed == shipped
    assert "BSD 2-Clause" in (VENDOR / "leaflet-1.9.4" / "LICENSE").read_text(encoding="utf-8")
    assert 'version="1.9.4"' in (VENDOR / "leaflet-1.9.4" / "leaflet.js").read_text("utf-8")
    template = (ROOT / "bot" / "console" / "templates" / "map.html").read_text(encoding="utf-8")
    assert "/quanly/static/vendor/leaflet-1.9.4/leaflet.js" in template
    installed = resources.files("bot") / "console" / "static" / "vendor" / "leaflet-1.9.4"
    assert (installed / "leaflet.js").is_file() and (
        installed / "images" / "marker-icon.png"
    ).is_file()
    # Our own script names no other site: the tiles' address comes from the page.
    script = (ROOT / "bot" / "console" / "static" / "map.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", script)


async def test_the_page_says_when_more_points_match_than_it_shows_and_speaks_english(
    app: Any,
    demo: DemoInvites,
    located: dict[str, str],
    consoles: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    console = await consoles(officer.member_id)
    monkeypatch.setattr(map_points, "MAP_LIMIT", 1)
    page = await console.get("/quanly/bando")
    assert rows(page.text) == [located["second"]]
    assert "Chỉ hiện 1 điểm mới nhất" in unescape(page.text)
    assert (await console.post("/quanly/ngonngu", {"language": "en"})).status_code == 303
    monkeypatch.setattr(map_points, "MAP_LIMIT", 10)
    english = unescape((await console.get("/quanly/bando")).text)
    assert "Map of incidents and tips" in english and "2 points." in english
    assert "Show " + located["first"] + " on the map" in english
    assert "pending" in english and "received" in english and "Tip" in english
