"""Issue 15's "done when" in headless Chromium: the province's admin opens the demo plan's
phase review on the console's deadline board; the commune's officer, in a browser of their
own, uploads the signed report the checklist asks and submits; the admin's board shows it at
its next refresh (the page's own refresh, not a 30 s wait), and the admin sends it back with a
reason, which the officer's chat is told. No console error, no CSP violation."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.bot.test_documents_chat import PDF
from tests.e2e.browsing import browser
from tests.e2e.console_browsing import Chat, Served, console_server, desk
from tests.e2e.console_screens import review_board
from tests.e2e.test_console_days import accept_questions, clean, go, log_in, told

__all__ = ["browser", "console_server"]  # fixtures

REASON = "Thiếu chữ ký và con dấu của đơn vị"


def test_a_province_sees_a_commune_submit_and_sends_it_back(
    console_server: Served, browser: Browser, tmp_path: Path
) -> None:
    served = console_server
    officer_chat = Chat(served.url)
    officer_chat.register(served.demo.officer.code, "Đỗ Văn Công")
    today = datetime.now(served.settings.zone).date()
    board = review_board(served)
    due = date.fromisoformat(board.rsplit("/", 1)[1])
    assert today < due <= today + timedelta(days=7)
    title = f"Sơ kết Đợt 1: hạn {due:%d/%m/%Y}"

    # The province's admin, from today's board to the review's own board.
    top, top_watch = desk(browser)
    log_in(top, served.link_for(served.member_named("Quản trị viên mẫu")), "Quản trị viên mẫu")
    go(top, "Hạn nộp")
    top.get_by_role("link", name="Sơ kết Đợt 1").first.click()
    assert top.url == f"{served.url}quanly/{board}"
    expect(top.get_by_role("heading", name=title)).to_be_visible()
    hoa_binh = top.locator("#submissions tbody tr[data-unit='Xã Hòa Bình']")
    expect(hoa_binh.locator("td").first).to_have_text("Chưa nộp")
    expect(top.locator("#board-counts")).to_have_text(re.compile(r"^Đã nộp 0/\d+ · Trễ 0$"))

    # A refresh with nothing new leaves the table as it is (the same element, not redrawn).
    top.evaluate("document.querySelector('#submissions').dataset.before = 'yes'")
    top.evaluate("window.antt.refresh()")
    assert top.evaluate("document.querySelector('#submissions').dataset.before") == "yes"

    # The commune's officer, on a laptop of their own: the signed report, then "Nộp".
    commune, commune_watch = desk(browser)
    accept_questions(commune)
    log_in(commune, served.link_for(served.member_named("Đỗ Văn Công")), "Đỗ Văn Công")
    commune.goto(top.url)
    expect(commune.get_by_role("heading", name="Hồ sơ của Xã Hòa Bình")).to_be_visible()
    expect(commune.get_by_role("button", name="Nộp hồ sơ của Xã Hòa Bình")).to_have_count(0)
    signed = tmp_path / "Báo cáo sơ kết.pdf"
    signed.write_bytes(PDF)
    commune.get_by_label(re.compile("^Tệp")).set_input_files(signed)
    commune.get_by_label("Thuộc mục trong danh mục").select_option(
        label="Báo cáo sơ kết (bản ký, đóng dấu)"
    )
    commune.get_by_role("button", name="Tải lên").click()
    expect(commune.locator("#board-done")).to_have_text("Đã thêm tài liệu vào hồ sơ.")
    commune.get_by_role("button", name="Nộp hồ sơ của Xã Hòa Bình").click()
    expect(commune.locator("#board-done")).to_have_text("Đã nộp hồ sơ.")

    # The admin's page, untouched since: its next refresh shows it, nothing else moves.
    # (the refresh's promise is awaited: the row is read at once, not waited for, so that the
    # page's own 30 s timer cannot be what shows it)
    top.evaluate("window.antt.refresh()")
    assert hoa_binh.locator("td").first.inner_text().strip() == "Đã nộp"
    assert top.evaluate("document.querySelector('#submissions').dataset.before") is None
    expect(hoa_binh).to_contain_text("Đỗ Văn Công")
    expect(hoa_binh.get_by_role("link", name="Báo cáo sơ kết.pdf")).to_be_visible()
    expect(top.locator("#board-counts")).to_have_count(1)
    expect(top.locator("#board-counts")).to_have_text(re.compile(r"^Đã nộp 1/\d+ · Trễ 0$"))
    assert top.url.endswith(f"/{due:%Y-%m-%d}")

    # Sent back with a reason; the officer's chat is told why.
    hoa_binh.get_by_label("Lý do trả lại hồ sơ của Xã Hòa Bình").fill(REASON)
    top.get_by_role("button", name="Trả lại hồ sơ của Xã Hòa Bình").click()
    expect(top.locator("#board-done")).to_contain_text("Đã trả lại hồ sơ")
    expect(hoa_binh.locator("td").first).to_contain_text(f"Trả lại Lý do trả lại: {REASON}")
    assert REASON in told(officer_chat)
    clean(top, top_watch, served)
    clean(commune, commune_watch, served)
