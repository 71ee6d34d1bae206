"""The console's "Soạn báo cáo" (/quanly/baocao, issue 15): the button drafts the report and
downloads the .docx (the kept document, audited), the page then lists the draft with its annex
beside it; a province's own report is its "Báo cáo tổng hợp"; team leaders are refused."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import load_workbook

from campaign.roles import Role
from services.demo import DemoInvites
from tests.bot.test_report_desk import DOCX, demo_plan, opened_docx
from tests.console import ConsoleUser, invite_code, link_token, registered


async def test_the_console_button_drafts_the_report_and_downloads_it(
    app: Any, demo: DemoInvites
) -> None:
    await demo_plan(app)
    officer = await registered(app, demo.officer.code, "Đỗ Minh Giang")
    browser = ConsoleUser(app)
    try:
        await browser.log_in(await link_token(app, officer.member_id))
        page = await browser.get("/quanly/baocao")
        assert page.status_code == 200
        assert 'href="/quanly/baocao"' in page.text  # in the navigation
        assert "Chưa có bản báo cáo nào được soạn." in page.text
        key = re.search(r'name="key" value="([^"]+)"', page.text)
        assert key is not None and ">Soạn báo cáo</button>" in page.text

        built = await browser.post("/quanly/baocao/soan", {"key": key.group(1)})
        assert built.status_code == 303
        download = await browser.get(built.headers["location"])
        assert download.status_code == 200 and download.headers["content-type"].startswith(DOCX)
        assert any(text.strip() == "BÁO CÁO" for text in opened_docx(download.content))

        page = await browser.get("/quanly/baocao")
        links = re.findall(r'href="(/quanly/tailieu/\d+)">([^<]+)</a>', page.text)
        assert [label for _, label in links] == ["Báo cáo (.docx)", "Phụ lục (.xlsx)"]
        drafts = page.text.split('id="report-drafts"')[1]
        assert "Sơ kết Đợt 1 (2026-H" in drafts and "so-ket-dot-1" not in drafts  # its title
        assert links[0][0] == built.headers["location"]
        annex = await browser.get(links[1][0])
        assert load_workbook(io.BytesIO(annex.content)).sheetnames

        refused = await browser.client.post("/quanly/baocao/soan", data={"key": key.group(1)})
        assert refused.status_code == 403  # no CSRF token: nothing drafted
    finally:
        await browser.close()

    # The province's own report sums up its communes'.
    province = await registered(app, await invite_code(app, "DEMO", Role.OFFICER), "Vũ Văn Tỉnh")
    summary = ConsoleUser(app)
    try:
        await summary.log_in(await link_token(app, province.member_id))
        page = await summary.get("/quanly/baocao")
        assert ">Báo cáo tổng hợp</button>" in page.text and "Tỉnh Minh Họa" in page.text
        assert ">Soạn báo cáo</button>" not in page.text
    finally:
        await summary.close()

    leader = await registered(app, demo.leader.code, "Tổ Trưởng Đông")
    other = ConsoleUser(app)
    try:
        await other.log_in(await link_token(app, leader.member_id))
        assert 'href="/quanly/baocao"' not in (await other.get("/quanly/")).text
        assert (await other.get("/quanly/baocao")).status_code == 403
    finally:
        await other.close()
