"""The review card's photo as a commander sees it: an image loaded in a phone-sized Chromium."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, expect

from services.demo import DemoInvites
from tests.e2e.browsing import PNG, browser, phone, register, send, server, tap

__all__ = ["browser", "server"]  # fixtures


def test_the_officer_sees_the_members_photo_on_the_review_card(
    server: tuple[str, DemoInvites], browser: Browser, tmp_path: Path
) -> None:
    url, demo = server
    member, officer = phone(browser), phone(browser)
    register(member, url, demo.member.code, "Nguyễn Thị Hoa")
    register(officer, url, demo.officer.code, "Đỗ Văn Công")
    send(member, "/viectot")
    for answer in ("Giúp cụ bà qua đường", "Cụ Tý, xóm 2", "hôm nay"):
        send(member, answer)
    photo = tmp_path / "viec-tot.png"
    photo.write_bytes(PNG)
    member.set_input_files("#photo", str(photo))
    expect(member.locator("#log")).to_contain_text("Ảnh: đã đính kèm")
    tap(member, "Lưu")
    expect(member.locator("#log")).to_contain_text("Đã lưu")

    send(officer, "/duyet")
    picture = officer.locator("#log img.picture")
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("alt", re.compile(r"^📷 Ảnh kèm mục VT-\d{4}-000001$"))
    # Fetched with the officer's own session and shown: the browser decoded its pixels.
    officer.wait_for_function("document.querySelector('#log img.picture').naturalWidth === 2")
    expect(officer.locator("#log")).to_contain_text("Giúp cụ bà qua đường")
    tap(officer, "Xác nhận")
    expect(officer.locator("#log")).to_contain_text("Đã xác nhận VT-")
    # The member's page cannot open the officer's link.
    source = picture.get_attribute("src")
    assert source is not None
    assert member.request.get(url.rstrip("/") + source).status == 404
