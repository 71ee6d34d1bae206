"""Commanders see the photos members logged: on the review card (/duyet) and the tip card
(/nguontin), in the web chat, as images only the commander's own chat can open."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from typing import Any

from PIL import Image
from sqlalchemy import func, select, update

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import attachments, entries, files, members
from tests.bot.test_review import invite
from tests.conftest import JPEG

REFERENCE = re.compile(r"\b[A-Z]{2}-\d{4}-\d{6}\b")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 60, 200)).save(buffer, "PNG")
    return buffer.getvalue()


OTHER_PHOTO = _png()


async def good_deed_with_photo(member: Any, photo: bytes = JPEG) -> str:
    await member.say("/viectot")
    for answer in ("Giúp cụ bà qua đường", "Cụ Nguyễn Thị Tý, xóm 2", "hôm nay"):
        await member.say(answer)
    await member.photo(photo)
    assert "Ảnh: đã đính kèm" in member.text
    await member.tap("Lưu")
    found = REFERENCE.search(member.text)
    assert found and "Đã lưu" in member.text, member.text
    return found.group(0)


async def tip_with_photo(member: Any, photo: bytes = JPEG) -> str:
    await member.say("/baotin")
    await member.tap("Ma túy")
    await member.say("Có người lạ tụ tập ở nhà hoang")
    await member.say("Nhà hoang cuối xóm 3")
    await member.tap("Bây giờ")
    await member.tap("tôi trực tiếp")
    await member.tap("Bình thường")
    await member.photo(photo)
    assert "Ảnh: đã đính kèm" in member.text
    await member.tap("Lưu")
    found = REFERENCE.search(member.text)
    assert found and "Đã lưu" in member.text, member.text
    return found.group(0)


def card_with_pictures(messages: list[dict[str, Any]], reference: str) -> list[str]:
    """The images shown with the card of `reference`, checked to come before its buttons."""
    card = next(i for i, m in enumerate(messages) if m["choices"] and reference in m["text"])
    pictures = [i for i, m in enumerate(messages) if m["image_url"]]
    assert pictures and all(i < card for i in pictures), messages
    assert all(reference in messages[i]["text"] for i in pictures)
    return [messages[i]["image_url"] for i in pictures]


async def test_a_leader_sees_the_photo_on_the_review_card_and_nobody_else_can_open_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")

    await leader.say("/duyet")
    [url] = card_with_pictures(leader.last, reference)
    assert "📷" in leader.text
    opened = await leader.client.get(url)
    assert opened.status_code == 200 and opened.content == JPEG
    assert opened.headers["content-type"] == "image/jpeg"
    # The page reloaded later shows it again: the image is in the chat's history.
    assert url in [m["image_url"] for m in await leader.inbox()]

    other_team = users()  # the leader of another team of the commune
    await other_team.register(
        await invite(database, settings, "DEMO-XA-T2", Role.LEADER), "Phạm Thị Dung"
    )
    assert (await other_team.client.get(url)).status_code == 404
    assert (await member.client.get(url)).status_code == 404  # its author's chat neither
    stranger = users()
    assert (await stranger.client.get(url)).status_code == 404
    guessed = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    assert (await leader.client.get(guessed)).status_code == 404

    # Put off and shown again: the same link, no new copy of the photo for every showing.
    await leader.tap("Để sau")
    await leader.say("/duyet")
    assert card_with_pictures(leader.last, reference) == [url]
    stored = await database.run(
        lambda c: c.execute(select(func.count(), func.max(func.length(files.c.data)))).one()
    )
    assert stored[0] == 1 and not stored[1]  # one link row, holding no bytes of its own

    await leader.tap("Xác nhận")  # the card's buttons work as ever
    assert f"Đã xác nhận {reference}" in leader.text


async def test_an_officer_sees_the_photo_on_the_tip_card(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    member = users()
    await member.register(demo.member.code)
    reference = await tip_with_photo(member)

    await officer.say("/nguontin")
    [url] = card_with_pictures(officer.last, reference)
    opened = await officer.client.get(url)
    assert opened.status_code == 200 and opened.content == JPEG

    other_team = users()
    await other_team.register(
        await invite(database, settings, "DEMO-XA-T2", Role.LEADER), "Phạm Thị Dung"
    )
    assert (await other_team.client.get(url)).status_code == 404
    assert (await member.client.get(url)).status_code == 404

    await officer.tap("Đang xác minh")  # the card shown again after a change: no photo again
    assert "đang xác minh" in officer.text
    assert not [m for m in officer.last if m["image_url"]]


async def test_a_photo_link_lives_30_days_from_its_last_showing_and_the_photo_stays(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    clock = [datetime.now(settings.zone)]
    app.state.conversation.now = lambda: clock[0]
    member = users()
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    [url] = card_with_pictures(leader.last, reference)
    await leader.tap("Để sau")
    clock[0] += timedelta(days=20)
    await leader.say("/duyet")  # shown again: the same link, good for 30 days from now
    assert card_with_pictures(leader.last, reference) == [url]
    await leader.tap("Để sau")

    await app.state.jobs.run_due("housekeeping", clock[0] + timedelta(days=11))
    assert (await leader.client.get(url)).status_code == 200
    await app.state.jobs.run_due("housekeeping", clock[0] + timedelta(days=31))
    assert (await leader.client.get(url)).status_code == 404  # the link is forgotten...
    clock[0] += timedelta(days=31)
    await leader.say("/duyet")  # ...the photo is not: the card lends it again
    [fresh] = card_with_pictures(leader.last, reference)
    assert fresh != url
    opened = await leader.client.get(fresh)
    assert opened.status_code == 200 and opened.content == JPEG
    # Whoever deletes a photo (an edit replacing it) deletes the links to it with it.
    await database.run(lambda c: c.execute(attachments.delete()))
    links = await database.run(
        lambda c: c.execute(select(func.count()).select_from(files)).scalar_one()
    )
    assert links == 0


async def test_a_photo_link_stops_opening_once_the_photo_is_replaced_or_the_reader_stepped_down(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """A member replaces a wrong photo (a neighbour's face, say): the link the leader's card had
    to it opens nothing any more. A leader who stepped down since the card was shown cannot open
    the photos it showed either: a link is a loan to a commander, not a copy."""
    member = users()
    await member.register(demo.member.code)
    first = await good_deed_with_photo(member)
    second = await good_deed_with_photo(member, OTHER_PHOTO)
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    [old] = card_with_pictures(leader.last, first)
    await leader.tap("Để sau")
    [kept] = card_with_pictures(leader.last, second)
    assert (await leader.client.get(old)).status_code == 200

    await member.say(f"/sua {first}")
    await member.tap("Ảnh: 1 ảnh")
    await member.tap("Thay ảnh cũ")
    await member.photo(OTHER_PHOTO, "b.png")
    await member.tap("Lưu")
    assert f"Đã sửa ✅ {first}" in member.text

    assert (await leader.client.get(old)).status_code == 404  # the replaced photo
    opened = await leader.client.get(kept)
    assert opened.status_code == 200 and opened.content == OTHER_PHOTO
    await leader.say("/duyet")  # the card lends the new photo
    [new] = card_with_pictures(leader.last, first)
    assert new != old and (await leader.client.get(new)).content == OTHER_PHOTO

    await database.run(  # he steps down: a member of the team now
        lambda c: c.execute(
            update(members).where(members.c.full_name == "Tổ Trưởng").values(role="member")
        )
    )
    assert (await leader.client.get(new)).status_code == 404
    assert (await leader.client.get(kept)).status_code == 404


async def test_a_card_whose_entry_changed_after_it_was_shown_is_shown_again_before_a_decision(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """The leader has a card open; its author replaces the photo meanwhile. The leader's
    "Xác nhận" on the card he saw verifies nothing: he is told it changed and sees the new
    photo and card, and his decision then is on what he saw."""
    member = users()
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    [old] = card_with_pictures(leader.last, reference)

    await member.say(f"/sua {reference}")
    await member.tap("Ảnh: 1 ảnh")
    await member.tap("Thay ảnh cũ")
    await member.photo(OTHER_PHOTO, "b.png")
    await member.tap("Lưu")

    await leader.tap("Xác nhận")
    assert f"Người ghi vừa sửa mục {reference} sau khi bạn mở nó" in leader.text
    [new] = card_with_pictures(leader.last, reference)
    assert new != old and (await leader.client.get(new)).content == OTHER_PHOTO
    status = await database.run(
        lambda c: c.execute(select(entries.c.status).where(entries.c.reference == reference))
    )
    assert status.scalar_one() == "pending"

    await leader.tap("Xác nhận")  # the card shown again: decided as seen
    assert f"Đã xác nhận {reference}" in leader.text


async def test_a_tip_changed_after_its_card_was_shown_is_shown_again_before_it_is_closed(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """The officer has a tip card open; the member replaces its photo. "Đã giải quyết" on the
    card he saw closes nothing: he sees the new photo and card first."""
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    member = users()
    await member.register(demo.member.code)
    reference = await tip_with_photo(member)
    await officer.say("/nguontin")
    [old] = card_with_pictures(officer.last, reference)

    await member.say(f"/sua {reference}")
    await member.tap("Ảnh: 1 ảnh")
    await member.tap("Thay ảnh cũ")
    await member.photo(OTHER_PHOTO, "b.png")
    await member.tap("Lưu")

    await officer.tap("Đã giải quyết")
    assert f"Người ghi vừa sửa mục {reference} sau khi bạn mở nó" in officer.text
    [new] = card_with_pictures(officer.last, reference)
    assert new != old and (await officer.client.get(new)).content == OTHER_PHOTO
    progress = await database.run(
        lambda c: c.execute(select(entries.c.progress).where(entries.c.reference == reference))
    )
    assert progress.scalar_one() == "received"
    await officer.tap("Đã giải quyết")
    await officer.say("Đã xác minh tại chỗ, xử lý xong")  # its outcome
    assert f"{reference}: đã giải quyết" in officer.text
