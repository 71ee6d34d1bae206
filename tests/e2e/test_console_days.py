"""Issue 14's days in a real headless Chromium at 1366x768: a team leader, the commune's
officer, the province's admin and a plain member each go through their day in the console by
its labels and buttons, as a person would. What they log and what they are told goes through
the web chat. On every page: no console error, no CSP violation, nothing asked of another
host."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine

from campaign.roles import Role
from services.invites import create_invites
from services.refusals import Refused
from storage.unit_of_work import UnitOfWork
from tests.e2e.browsing import browser, phone, register, send
from tests.e2e.console_browsing import Chat, Served, Watch, console_server, desk

__all__ = ["browser", "console_server"]  # fixtures

REFERENCE = re.compile(r"\b[A-Z]{2}-\d{4}-\d{6}\b")
LINK = re.compile(r"http://\S+/quanly/vao#t=[A-Za-z0-9_-]+")
INFORMANT = ("Lê Văn Kín", "0912000111")
WHERE = (21.0285, 105.8542)


def invite(served: Served, unit_code: str, role: Role) -> str:
    """An open invite of the unit, as an admin would print one."""
    engine = create_engine(served.settings.resolved_database_url)
    try:
        with engine.begin() as connection:
            work = UnitOfWork(connection, None, None, served.settings.zone)
            now = datetime.now(served.settings.zone)
            issued = create_invites(work.units, unit_code=unit_code, role=role, count=1, now=now)
            return str(issued[0].code)
    finally:
        engine.dispose()


def good_deed(chat: Chat, what: str) -> str:
    chat.say("/viectot")
    chat.say(what)
    chat.say("Anh Bình")
    chat.say("hôm nay")
    chat.tap("Bỏ qua")
    chat.tap("Lưu")
    return chat.saved()


def told(chat: Chat) -> str:
    """Everything the chat shows, notices included."""
    answer = chat.client.get("/api/web/messages", params={"after": 0})
    assert answer.status_code == 200
    return "\n".join(message["text"] for message in answer.json()["messages"])


REFUSED = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d ")


def clean(page: Page, watch: Watch, served: Served, refused: int = 0) -> None:
    """No error but the `refused` pages the person was shown a refusal on (Chromium logs
    each 4xx document as an error)."""
    errors = [error for error in watch.errors if not REFUSED.match(error)]
    assert errors == [], (page.url, watch.errors)
    assert len(watch.errors) == refused, watch.errors
    assert watch.foreign(served.url) == [], watch.foreign(served.url)


def log_in(page: Page, link: str, name: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", name=f"Xin chào {name}")).to_be_visible()


def go(page: Page, section: str) -> None:
    """Through the console's navigation, as a person would."""
    page.get_by_role("navigation").get_by_role("link", name=section, exact=True).click()


def accept_questions(page: Page) -> None:
    """`data-confirm` asks before a POST; the person says yes."""
    page.on("dialog", lambda dialog: dialog.accept())


def table_references(page: Page) -> list[str]:
    cells = page.locator("table.data tbody tr td:has(a[href^='/quanly/muc/']) a")
    return sorted(REFERENCE.findall(" ".join(cells.all_inner_texts())))


def downloaded(page: Page, link: Any) -> Path:
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    assert path is not None
    return Path(path)


def test_a_leader_s_day(console_server: Served, browser: Browser) -> None:
    served = console_server
    member = Chat(served.url)
    member.register(served.demo.member.code, "Nguyễn Thị Hoa")
    deeds = [good_deed(member, f"Sửa đèn đường xóm {n}") for n in (1, 2)]
    tip = member.tip("Xe lạ đỗ nhiều đêm cuối thôn")
    faraway = Chat(served.url)
    faraway.register(invite(served, "DEMO-XA2-T1", Role.MEMBER), "Lê Văn Cường")
    other = good_deed(faraway, "Giúp cụ bà qua đường")

    # The leader asks the web chat on the phone for a link and opens it on the laptop.
    chat = phone(browser)
    register(chat, served.url, served.demo.leader.code, "Trần Văn Tổ")
    send(chat, "/quanly")
    link = chat.locator("#log a", has_text="/quanly/vao")
    expect(link).to_be_visible()
    address = link.evaluate("a => a.href")
    assert LINK.fullmatch(address), address
    page, watch = desk(browser)
    accept_questions(page)
    log_in(page, address, "Trần Văn Tổ")

    go(page, "Các mục đã ghi")
    expect(page.get_by_role("heading", name="Các mục đã ghi")).to_be_visible()
    everything = table_references(page)
    assert set(deeds) <= set(everything) and tip in everything
    assert other not in everything  # the other commune's entry is not theirs to see

    page.get_by_label("Nội dung", exact=True).select_option(label="Việc tốt")
    page.get_by_label("Trạng thái", exact=True).select_option(label="chờ duyệt")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page).to_have_url(re.compile(r"noidung=good_deed&trangthai=pending"))
    expect(page.get_by_role("status").first).to_have_text("2 mục")
    assert table_references(page) == sorted(deeds)

    page.get_by_label("Lý do (bắt buộc khi không xác nhận; người ghi sẽ đọc)").fill(
        "Đã kiểm tra tại chỗ"
    )
    page.get_by_role("button", name="Xác nhận cả 2 mục chờ duyệt theo bộ lọc", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Đã quyết định 2 mục")
    verified = [line for line in told(member).splitlines() if "đã được xác nhận" in line]
    assert len(verified) == 1 and all(reference in verified[0] for reference in deeds), verified

    page.get_by_label("Trạng thái", exact=True).select_option(label="đã xác nhận")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page).to_have_url(re.compile(r"trangthai=verified"))
    expect(page.get_by_role("status").first).to_have_text("2 mục")
    shown = table_references(page)
    assert shown == sorted(deeds)
    file = downloaded(page, page.get_by_role("link", name="Xuất CSV"))
    rows = list(csv.reader(io.StringIO(file.read_text("utf-8-sig"))))
    assert sorted(row[0] for row in rows if row and REFERENCE.fullmatch(row[0])) == shown
    assert INFORMANT[0] not in file.read_text("utf-8-sig")

    page.get_by_role("link", name=deeds[0], exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(deeds[0]))).to_be_visible()
    expect(page.get_by_text("Đã kiểm tra tại chỗ").first).to_be_visible()

    for admin_only in ("thanhvien", "moi", "danhsach", "kehoach", "nhatky"):
        answer = page.goto(f"{served.url}quanly/{admin_only}")
        assert answer is not None and answer.status == 403, admin_only
        expect(page.get_by_role("heading", name="Không thực hiện được")).to_be_visible()
    answer = page.goto(f"{served.url}quanly/muc/{other}")
    assert answer is not None and answer.status in (403, 404)
    clean(page, watch, served, refused=6)


def test_an_officer_s_day(console_server: Served, browser: Browser) -> None:
    served = console_server
    member = Chat(served.url)
    member.register(served.demo.member.code, "Nguyễn Thị Hoa")
    located = member.tip("Có người lạ tụ tập ở nhà hoang", at=WHERE)
    named = member.tip("Xe máy không biển số chạy qua lại", informant=INFORMANT)
    Chat(served.url).register(served.demo.officer.code, "Đỗ Văn Công")
    officer = served.member_named("Đỗ Văn Công")
    west = Chat(served.url)  # on the commune's other team: not told the team's broadcast
    west.register(invite(served, "DEMO-XA-T2", Role.MEMBER), "Trần Văn Bình")

    page, watch = desk(browser)
    accept_questions(page)
    log_in(page, served.link_for(officer), "Đỗ Văn Công")

    # Tips as cases: assign, note, ask the reporter, verify, close with an outcome.
    go(page, "Nguồn tin")
    expect(page.get_by_role("heading", name="Nguồn tin")).to_be_visible()
    expect(page.get_by_role("link", name=located)).to_be_visible()
    page.get_by_role("link", name=named, exact=True).click()
    expect(page.get_by_role("heading", name=f"Nguồn tin {named}")).to_be_visible()
    page.get_by_label("Cán bộ phụ trách").select_option(label="Đỗ Văn Công")
    page.get_by_role("button", name="Giao", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Đã giao nguồn tin.")
    expect(page.get_by_text("giao cho Đỗ Văn Công")).to_be_visible()
    page.get_by_label("Ghi chú", exact=True).fill("Hẹn gặp trưởng thôn chiều nay")
    page.get_by_role("button", name="Thêm ghi chú").click()
    expect(page.get_by_role("status")).to_have_text("Đã thêm ghi chú.")
    expect(page.get_by_text("Hẹn gặp trưởng thôn chiều nay")).to_be_visible()
    page.get_by_label(re.compile("^Câu hỏi gửi Nguyễn Thị Hoa")).fill("Xe màu gì?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_role("status")).to_have_text("Đã gửi câu hỏi cho người báo qua bot.")
    assert f"hỏi về nguồn tin {named} của bạn: Xe màu gì?" in told(member)
    page.get_by_role("button", name="🔎 Đang xác minh").click()
    expect(page.locator("dl.facts .badge").first).to_have_text("đang xác minh")
    page.get_by_label("đã giải quyết").check()
    page.get_by_label("Kết quả xử lý (bắt buộc khi kết thúc)").fill("Đã mời làm việc, nhắc nhở")
    page.get_by_role("button", name="Kết thúc và báo người báo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã chuyển tình trạng")
    expect(page.get_by_role("button", name="Kết thúc và báo người báo")).to_have_count(0)
    expect(page.get_by_text("Đã mời làm việc, nhắc nhở").first).to_be_visible()

    # The informant, with a reason, shown once.
    page.get_by_role("link", name="Xem người cung cấp (cần lý do)…").click()
    page.get_by_label("Lý do cần xem").fill("Cần gặp trực tiếp người báo để xác minh")
    page.get_by_role("button", name="Xem người cung cấp").click()
    expect(page.get_by_text(INFORMANT[0])).to_be_visible()
    expect(page.get_by_text(INFORMANT[1])).to_be_visible()
    page.goto(page.url)  # opened again: the form, not the name
    expect(page.get_by_label("Lý do cần xem")).to_be_visible()
    assert INFORMANT[0] not in page.content()

    go(page, "Nguồn tin")
    file = downloaded(page, page.get_by_role("link", name="Xuất CSV"))
    text = file.read_text("utf-8-sig")
    assert named in text and located in text and INFORMANT[0] not in text

    # The map: the located tip as a marker and a row, over a plain background (no tiles).
    go(page, "Bản đồ")
    expect(page.get_by_role("heading", name="Bản đồ vụ việc và nguồn tin")).to_be_visible()
    expect(page.locator(f"li[data-ref='{located}']")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon, .leaflet-interactive")).to_have_count(1)
    assert page.locator(f"li[data-ref='{named}']").count() == 0  # typed address only

    # A broadcast to one team, previewed, received in the member's chat.
    go(page, "Thông báo")
    page.get_by_label(re.compile("^Nội dung")).fill("Họp tổ lúc 19:00 tại nhà văn hóa")
    team = page.locator("#broadcast-unit option", has_text="thôn Đông").get_attribute("value")
    assert team
    page.get_by_label("Đơn vị", exact=True).select_option(team)
    page.get_by_label("Người nhận", exact=True).select_option(label="Tất cả")
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_role("heading", name="Xem trước")).to_be_visible()
    expect(page.locator("pre.announcement").first).to_contain_text("Họp tổ lúc 19:00")
    page.get_by_role("button", name="Gửi thông báo").click()
    expect(page.get_by_role("status").first).to_be_visible()
    expect(page.locator("[data-finished]").first).to_be_attached()
    assert "Họp tổ lúc 19:00 tại nhà văn hóa" in told(member)
    assert "Họp tổ lúc 19:00" not in told(west)

    for section, heading in (
        ("Xếp hạng", "Bảng xếp hạng"),
        ("Chỉ tiêu", "Chỉ tiêu thi đua"),
        ("Hạn nộp", "Hạn nộp báo cáo"),
    ):
        go(page, section)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    go(page, "Các mục đã ghi")
    file = downloaded(page, page.get_by_role("link", name="Xuất Excel (XLSX)"))
    sheet = load_workbook(io.BytesIO(file.read_bytes())).active
    assert sheet is not None
    cells = {str(value) for row in sheet.iter_rows(values_only=True) for value in row}
    assert {located, named} <= cells and INFORMANT[0] not in " ".join(cells)
    clean(page, watch, served)


ROSTER_BAD = (
    "Họ và tên,Chức vụ,Đơn vị\n"
    "Nguyễn Văn Đông,Tổ viên,DEMO-XA-T1\n"
    "Trần Thị Tây,Tổ viên,KHONG-CO-TO\n"
    "Lê Văn Nam,Tổ trưởng,DEMO-XA2-T1\n"
)
FAULTY_PLAN = """\
code: thu-bang-console
name: Thu
issuer: Tinh
scope: DEMO
starts: 01/01/2026
ends: 31/12/2026
areas:
  - {code: tip, form: tip, points: nhieu, name: {vi: "Nguon tin", en: Tips}}
"""
REASON = "Cần gặp trực tiếp người báo để xác minh"


def test_the_province_admin_s_day(console_server: Served, browser: Browser, tmp_path: Path) -> None:
    served = console_server
    member = Chat(served.url)
    member.register(served.demo.member.code, "Nguyễn Thị Hoa")
    member.tip("Xe máy không biển số chạy qua lại", informant=INFORMANT)
    officer = Chat(served.url)
    officer.register(served.demo.officer.code, "Đỗ Văn Công")
    officer.say("/nguontin")
    officer.tap("Xem người cung cấp")
    officer.say(REASON)
    assert INFORMANT[0] in officer.text

    page, watch = desk(browser)
    accept_questions(page)
    log_in(page, served.link_for(served.member_named("Quản trị viên mẫu")), "Quản trị viên mẫu")

    # Invites in bulk, and their QR sheet.
    go(page, "Mã mời")
    page.get_by_label("Đơn vị", exact=True).first.select_option(
        label="Tổ bảo vệ ANTT thôn Tây (DEMO-XA-T2)"
    )
    page.get_by_label("Vai trò").first.select_option(label="Tổ viên")
    page.get_by_label("Số mã").fill("4")
    page.get_by_role("button", name="Cấp mã").click()
    expect(page.get_by_role("status")).to_contain_text("Đã cấp 4 mã mời")
    page.get_by_role("link", name="In phiếu mã QR").click()
    expect(page.get_by_role("heading", name="Phiếu mã mời")).to_be_visible()
    expect(page.locator("article.qr-card")).to_have_count(4)
    expect(
        page.locator("article.qr-card svg, article.qr-card img, article.qr-card canvas")
    ).to_have_count(4)

    # A roster with a bad row: the row's problem, nothing written; then the fixed file.
    go(page, "Nhập danh sách")
    bad = tmp_path / "danh-sach.csv"
    bad.write_text(ROSTER_BAD, "utf-8")
    page.get_by_label("Tệp danh sách (.xlsx, .csv)").set_input_files(bad)
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_role("alert")).to_contain_text("Có 1 dòng có lỗi: chưa ghi gì")
    expect(page.get_by_role("alert")).to_contain_text("Dòng 3: không tìm thấy đơn vị")
    expect(page.get_by_role("button", name=re.compile("^Nhập \\d+ người"))).to_have_count(0)
    page.goto(f"{served.url}quanly/thanhvien?q=Nguyễn Văn Đông")
    expect(page.get_by_role("link", name="Nguyễn Văn Đông")).to_have_count(0)

    go(page, "Nhập danh sách")
    good = tmp_path / "danh-sach-sua.csv"
    good.write_text(ROSTER_BAD.replace("KHONG-CO-TO", "DEMO-XA-T2"), "utf-8")
    page.get_by_label("Tệp danh sách (.xlsx, .csv)").set_input_files(good)
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_role("status")).to_contain_text("Cả 3 dòng đều hợp lệ")
    page.get_by_role("button", name="Nhập 3 người").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nhập danh sách")
    file = downloaded(page, page.get_by_role("link", name="Tải bảng mã mời (.xlsx)"))
    sheet = load_workbook(io.BytesIO(file.read_bytes())).worksheets[0]
    names = {str(value) for row in sheet.iter_rows(values_only=True) for value in row}
    assert {"Nguyễn Văn Đông", "Trần Thị Tây", "Lê Văn Nam"} <= names

    # A plan with a fault: its line, nothing loaded.
    go(page, "Kế hoạch")
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(FAULTY_PLAN, "utf-8")
    page.get_by_label("Tệp kế hoạch (.yaml)").set_input_files(plan)
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_role("alert")).to_contain_text("dòng 8: areas.0.points")
    expect(page.get_by_role("heading", name=re.compile("chưa nạp gì"))).to_be_visible()
    expect(page.get_by_role("button", name="Nạp kế hoạch")).to_have_count(0)

    # The audit log finds the officer's reveal, with its reason, never the informant.
    go(page, "Nhật ký")
    page.get_by_label("Thao tác").select_option(label="Xem người cung cấp tin")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\s*1 dòng\b"))
    expect(page.locator("table")).to_contain_text("Đỗ Văn Công")
    expect(page.locator("table")).to_contain_text(REASON)
    assert INFORMANT[0] not in page.content()

    # A member stopped: told in their chat.
    go(page, "Thành viên")
    page.get_by_label("Tìm theo tên hoặc số điện thoại").fill("Nguyễn Thị Hoa")
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.get_by_role("link", name="Nguyễn Thị Hoa").click()
    expect(page.get_by_role("heading", name="Nguyễn Thị Hoa")).to_be_visible()
    page.get_by_role("button", name="Ngừng tài khoản").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ngừng tài khoản")
    assert "Quản trị viên đã ngừng tài khoản của bạn" in told(member)
    clean(page, watch, served, refused=2)  # the bad roster and the faulty plan: 400


def test_a_member_s_day(console_server: Served, browser: Browser) -> None:
    served = console_server
    chat = phone(browser)
    register(chat, served.url, served.demo.member.code, "Nguyễn Thị Hoa")
    send(chat, "/quanly")
    expect(chat.locator("#log")).to_contain_text(
        "Trang quản lý dành cho tổ trưởng, tổ phó, cán bộ Công an xã và quản trị viên"
    )
    assert chat.locator("#log a", has_text="/quanly/vao").count() == 0

    with pytest.raises(Refused):
        served.link_for(served.member_named("Nguyễn Thị Hoa"))

    page, watch = desk(browser)
    page.goto(f"{served.url}quanly/vao#t=khong-phai-ma-that-0123456789abcdef")
    expect(page.get_by_role("alert")).to_contain_text("không còn dùng được")
    answer = page.goto(f"{served.url}quanly/muc")
    assert answer is not None and answer.status == 401
    expect(page.get_by_role("alert")).to_contain_text("chưa đăng nhập")
    clean(page, watch, served, refused=2)
