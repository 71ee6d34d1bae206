"""`antt-bot target`: an admin enters a unit's value (with a note and an evidence file),
changes it, lists the plan's entered targets, and closes a period, after which nothing
changes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from storage.database import Database
from storage.schema import documents, target_values
from tests.bot.test_cli_units import env, invoke, tree
from tests.campaign.test_target_values import PLAN
from tests.storage.test_documents import PDF_BYTES

__all__ = ["env"]  # the fixture, used by name


def test_an_admin_sets_lists_and_closes_at_the_command_line(env: Database, tmp_path: Path) -> None:
    tree()
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("scope: DEMO", "scope: HN"), encoding="utf-8")
    code, output = invoke("plan", "load", str(plan))
    assert code == 0, output
    report = tmp_path / "bien-ban.pdf"
    report.write_bytes(PDF_BYTES)
    args = ("target", "set", "nhap-thu", "khong-tai-pham", "XA-A", "--on", "01/02/2027")

    code, output = invoke(*args, "--value", "0", "--note", "Không có", "--evidence", str(report))
    assert code == 0 and "Đã lưu khong-tai-pham — XA-A (01/01/2027 – 31/03/2027): 0." in output
    code, output = invoke(*args, "--value", "2")
    assert code == 0 and "Đã sửa khong-tai-pham — XA-A (01/01/2027 – 31/03/2027): 0 → 2." in output
    code, output = invoke(*args, "--value", "1,5")
    assert code != 0 and "“1,5” không phải số lượng" in output
    code, output = invoke(*args, "--met", "yes")
    assert code != 0 and "dùng --value" in output
    code, output = invoke(*args, "--value", "1", lang="en")  # nothing typed twice: one of them
    assert code == 0 and "2 → 1" in output
    code, output = invoke(
        "target", "set", "nhap-thu", "thanh-vien", "XA-A", "--on", "01/02/2027", "--met", "có"
    )
    assert code != 0 and "không áp dụng cho đơn vị XA-A" in output
    code, output = invoke(
        "target", "set", "nhap-thu", "thanh-vien", "XA-A-T1", "--on", "01/02/2027", "--met", "có"
    )
    assert code == 0 and ": ✅ Đạt." in output

    rows = env.run_blocking(lambda c: list(c.execute(select(target_values)).all()))
    commune = next(r for r in rows if r.target_code == "khong-tai-pham")
    assert (commune.value, commune.note, commune.entered_by) == (1.0, "Không có", None)
    kept = env.run_blocking(
        lambda c: c.execute(select(documents).where(documents.c.id == commune.document_id)).one()
    )
    assert (kept.owner_kind, kept.owner_id, kept.content_type) == (
        "target_value",
        commune.id,
        "application/pdf",
    )

    code, output = invoke("target", "list", "nhap-thu", "--unit", "XA-A", "--on", "01/02/2027")
    assert code == 0
    assert "khong-tai-pham  XA-A  01/01/2027–31/03/2027: 1 — Không có" in output
    assert "thanh-vien  XA-A-T1  01/01/2027–31/03/2027: ✅ Đạt" in output
    assert "XA-B" not in output

    close = ("target", "close", "nhap-thu", "--period-start", "01/01/2027", "--unit", "XA-A")
    code, output = invoke(*close)
    assert code == 0 and "Đã khóa sổ kỳ bắt đầu 01/01/2027 của nhap-thu cho XA-A" in output
    code, output = invoke(*close)
    assert code == 0 and "đã khóa sổ cho XA-A từ trước" in output
    code, output = invoke(*args, "--value", "5")
    assert code != 0 and "đã khóa sổ" in output
    code, output = invoke("target", "list", "nhap-thu", "--unit", "XA-A", "--on", "01/02/2027")
    assert "1 — Không có (đã khóa sổ)" in output
    code, output = invoke(
        "target", "close", "nhap-thu", "--period-start", "02/01/2027", "--unit", "XA-A"
    )
    assert code != 0 and "không có kỳ chỉ tiêu nào bắt đầu ngày 02/01/2027" in output
