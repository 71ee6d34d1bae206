"""The web chat in headless Chromium: a commander sends a PDF to /danop with the file button,
which shows only while the question takes a document; the history names the file."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from bot.settings import load_settings
from campaign.plans import load_document
from services.demo import DemoInvites
from storage import plans as stored_plans
from storage.database import Database
from tests.bot.test_documents_chat import PDF
from tests.e2e.browsing import browser, page, register, send, server, tap
from tests.scheduler.test_jobs import plan_with_deadline_and_phases

__all__ = ["browser", "page", "server"]  # fixtures


def test_a_commander_sends_a_pdf_to_danop_with_the_file_button(
    server: tuple[str, DemoInvites], page: Page, tmp_path: Path
) -> None:
    url, demo = server
    database_url = f"sqlite:///{tmp_path / 'antt.db'}"  # the served app's (browsing.server)
    zone = load_settings(data_dir=tmp_path, database_url=database_url, secret_key="b" * 40).zone
    today = datetime.now(zone).date()
    text = plan_with_deadline_and_phases(
        today + timedelta(days=5), today - timedelta(days=30), today + timedelta(days=60)
    )
    document = load_document(text)
    database = Database(database_url)
    # Playwright's sync API holds this thread's event loop: the plan is loaded beside it.
    with ThreadPoolExecutor(1) as beside:
        beside.submit(
            database.run_blocking,
            lambda c: stored_plans.save(c, document, text, datetime.now(zone)),
        ).result()
    database.close()

    register(page, url, demo.leader.code, "Tổ Trưởng Đông")
    log = page.locator("#log")
    file_button = page.locator("#document-button")
    expect(file_button).to_be_hidden()
    send(page, "/danop")
    tap(page, f"Báo cáo quý I của tổ — {today + timedelta(days=5):%d/%m/%Y}")
    expect(log).to_contain_text("PDF, Word (.docx), Excel (.xlsx) hoặc ảnh")
    expect(file_button).to_be_visible()
    report = tmp_path / "Báo cáo quý I.pdf"
    report.write_bytes(PDF)
    page.set_input_files("#document", str(report))
    expect(log).to_contain_text("Đã thêm Báo cáo quý I.pdf")
    tap(page, "📤 Nộp")
    expect(log).to_contain_text("Đã ghi nhận ✅ Báo cáo quý I của tổ")
    expect(log).to_contain_text("📄 Báo cáo quý I.pdf")
    link = page.locator("#log a", has_text="Tệp đã lưu kèm báo cáo")
    expect(link).to_be_visible()
    href = str(link.get_attribute("href"))
    assert page.request.get(url.rstrip("/") + href).body() == PDF
    expect(file_button).to_be_hidden()  # the next question (the menu) takes no file
    page.reload()
    expect(log).to_contain_text("📄 Báo cáo quý I.pdf")
