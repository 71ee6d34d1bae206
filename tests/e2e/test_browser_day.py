"""A day of the web chat on three phones: a member logs a patrol and a tip, the team leader
turns the patrol back for a missing photo, the member adds it with /sua, the leader sees the
photo on the re-review card and verifies it; the commune officer follows the tip up with its
photo; each sees the standings."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from services.demo import DemoInvites
from tests.e2e.browsing import PNG, browser, phone, register, send, server, tap

__all__ = ["browser", "server"]  # fixtures

PATROL = re.compile(r"TT-\d{4}-\d{6}")


def _attach(page: Page, folder: Path, name: str) -> None:
    photo = folder / name
    photo.write_bytes(PNG)
    page.set_input_files("#photo", str(photo))


def _shown_picture(page: Page, alt: str) -> None:
    """An image of the log whose alt text starts so, fetched with the page's own session and
    decoded by the browser (a broken link has no natural width)."""
    page.wait_for_function(
        """(start) => [...document.querySelectorAll('#log img.picture')]
            .some(img => img.alt.startsWith(start) && img.naturalWidth > 0)""",
        arg=alt,
    )


def test_a_member_a_leader_and_an_officer_through_their_day(
    server: tuple[str, DemoInvites], browser: Browser, tmp_path: Path
) -> None:
    url, demo = server
    member = phone(browser, where=(20.9373, 106.3146))
    leader, officer = phone(browser), phone(browser)
    register(member, url, demo.member.code, "Nguyễn Thị Hoa")
    register(leader, url, demo.leader.code, "Phạm Văn Đông")
    register(officer, url, demo.officer.code, "Đỗ Văn Công")
    member_log, leader_log, officer_log = (p.locator("#log") for p in (member, leader, officer))

    # Morning: the member logs last night's patrol with a teammate, and no photo.
    send(member, "/tuantra")
    for answer in ("hôm qua", "19:00", "21:30", "Đường liên thôn Đông - Tây"):
        send(member, answer)
    tap(member, "Thành viên mẫu 2")
    tap(member, "Xong")
    tap(member, "Bỏ qua")  # notes
    tap(member, "Bỏ qua")  # photo
    tap(member, "Lưu")
    expect(member_log).to_contain_text("Đã lưu")
    found = PATROL.search(member_log.inner_text())
    assert found, member_log.inner_text()
    patrol = found.group(0)

    # The leader reviews it on his phone and turns it back: the photo is missing.
    send(leader, "/duyet")
    expect(leader_log).to_contain_text(patrol)
    expect(leader_log).to_contain_text("Xảy ra:")
    expect(leader_log).to_contain_text("Thành viên mẫu 2")
    tap(leader, "Không xác nhận")
    send(leader, "Thiếu ảnh hiện trường")
    expect(leader_log).to_contain_text(f"Đã ghi không xác nhận {patrol}")

    # The member's open page hears of it and puts it right with /sua.
    expect(member_log).to_contain_text("Thiếu ảnh hiện trường")
    expect(member_log).to_contain_text(f"/sua {patrol}")
    send(member, f"/sua {patrol}")
    tap(member, "Ảnh: —")
    expect(member_log).to_contain_text(f"Gửi một ảnh cho mục {patrol}")
    _attach(member, tmp_path, "tuan-tra.png")
    expect(member_log).to_contain_text("Thêm 1 ảnh")
    tap(member, "Lưu")
    expect(member_log).to_contain_text(f"Đã sửa ✅ {patrol}")

    # The re-review card says what happened before and shows the photo; the leader verifies.
    send(leader, "/duyet")
    expect(leader_log).to_contain_text("↩ Đã bị Phạm Văn Đông không xác nhận")
    expect(leader_log).to_contain_text("Lý do: Thiếu ảnh hiện trường")
    expect(leader_log).to_contain_text("Đã thêm 1 ảnh")
    _shown_picture(leader, f"📷 Ảnh kèm mục {patrol}")
    tap(leader, "Xác nhận")
    expect(leader_log).to_contain_text(f"Đã xác nhận {patrol}")
    expect(member_log).to_contain_text(f"{patrol}")

    # Afternoon: a tip with a photo, which goes to the commune officer.
    tap(member, "Báo nguồn tin")
    tap(member, "Ma túy")
    send(member, "Nhóm thanh niên tụ tập ở bãi sông lúc chiều")
    member.get_by_role("button", name="📍 Gửi vị trí của tôi").click()
    tap(member, "Bây giờ")
    tap(member, "Tôi trực tiếp phát hiện")
    tap(member, "Bình thường")
    _attach(member, tmp_path, "bai-song.png")
    expect(member_log).to_contain_text("Ảnh: đã đính kèm")
    tap(member, "Lưu")
    expect(member_log).to_contain_text("NT-")
    tip = re.findall(r"NT-\d{4}-\d{6}", member_log.inner_text())[-1]

    send(officer, "/nguontin")
    expect(officer_log).to_contain_text(tip)
    expect(officer_log).to_contain_text("bãi sông")
    _shown_picture(officer, f"📷 Ảnh kèm mục {tip}")
    tap(officer, "🔎 Đang xác minh")
    expect(officer_log).to_contain_text("Đang xác minh")

    # Evening: the member's own month and everyone's standings under the demo plan.
    send(member, "/cuatoi")
    expect(member_log).to_contain_text(patrol)
    send(member, "/bangxephang")
    expect(member_log).to_contain_text("Bạn: hạng 1/")
    send(officer, "/bangxephang")
    expect(officer_log).to_contain_text("Nguyễn Thị Hoa")
    officer.wait_for_function(
        "() => [...document.querySelectorAll('#log img.picture')]"
        ".some(img => img.alt.startsWith('Biểu đồ') && img.naturalWidth >= 800)"
    )
    # Each message once, whatever the polls did meanwhile.
    mine = member.locator("#log .msg.user .bubble").all_inner_texts()
    assert mine.count(f"/sua {patrol}") == 1, mine
    said = leader.locator("#log .msg.user .bubble").all_inner_texts()
    assert said.count("Thiếu ảnh hiện trường") == 1, said
