"""`antt-bot report build` as the issue writes it, on the demo database: the command `antt-bot
demo` prints writes a .docx python-docx opens and an .xlsx openpyxl opens, says the period's
days, the due day, the template and both paths; a plan is named by the start of its code; a
period that picks no report lists the report deadlines and their codes."""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.cli_reports import Problem, plan_code
from bot.report_files import packaged
from storage.plans import PlanRow
from tests.bot.reports_read import edited
from tests.bot.test_demo import env
from tests.bot.test_report_templates import UNIT

__all__ = ["env"]  # the fixture, used by name
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args), env={"ANTT_LANGUAGE": "vi"})
    return result.exit_code, result.output


def test_the_issue_s_command_on_the_demo_writes_the_report_and_its_annex(env: Path) -> None:
    code, output = invoke("demo")
    assert code == 0, output
    printed = next(line.strip() for line in output.splitlines() if "antt-bot report build" in line)
    args = shlex.split(printed)[1:]
    assert args[:3] == ["report", "build", "--unit"] and "--period" in args
    plan = args[args.index("--plan") + 1]
    assert plan.startswith("demo-thi-dua-dac-biet-")
    out = env / "r.docx"
    args[args.index("--out") + 1] = str(out)

    code, output = invoke(*args)
    assert code == 0, output
    assert "Hạn nộp: " in output and "(so-ket-dot-1)" in output
    assert "số liệu từ ngày " in output and "Mẫu dùng: " in output
    assert f"Báo cáo (.docx): {out}" in output
    assert f"Phụ lục (.xlsx): {env / 'r.xlsx'}" in output
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text for text in texts)
    assert any(text.strip() == "BÁO CÁO" for text in texts)
    assert load_workbook(env / "r.xlsx").sheetnames

    # The start of the plan's code (its day left out) is enough; the annex goes where asked.
    annex = env / "phu-luc.xlsx"
    code, output = invoke(
        *args[: args.index("--plan") + 1], "demo-thi-dua", *args[args.index("--plan") + 2 :],
        "--annex", str(annex),
    )  # fmt: skip
    assert code == 0, output
    assert annex.exists() and f"Phụ lục (.xlsx): {annex}" in output

    # A period that picks no report deadline: the report deadlines and the codes that pick them.
    wrong = [*args]
    wrong[wrong.index("--period") + 1] = "2031-H1"
    (env / "khong.docx").unlink(missing_ok=True)
    wrong[wrong.index("--out") + 1] = str(env / "khong.docx")
    code, output = invoke(*wrong)
    assert code == 1
    assert "so-ket-dot-1" in output and "--period" in output
    assert not (env / "khong.docx").exists()

    code, output = invoke(*args[:4], "--plan", "khong-co", *args[6:])
    assert code == 1 and "Không có kế hoạch “khong-co”" in output and plan in output

    code, output = invoke("report", "list", "--unit", "DEMO-XA")
    assert code == 0 and output.count("so-ket-dot-1") == 2, output

    # A province's template broken since it was checked: named, nothing drafted or kept.
    templates = env / "data" / "mau-bao-cao"
    templates.mkdir()
    broken = edited(packaged(UNIT), lambda xml: xml.replace("{{ subject }}", "{{ subject }"))
    (templates / "DEMO-XA.docx").write_bytes(broken)
    code, output = invoke(*wrong[:7], "2026-H2", *wrong[8:])
    assert code == 1 and "Mẫu báo cáo DEMO-XA.docx bị hỏng" in output
    assert "antt-bot report template check" in output
    assert not (env / "khong.docx").exists()
    code, output = invoke("report", "list", "--unit", "DEMO-XA")
    assert output.count("so-ket-dot-1") == 2


def test_a_plan_is_named_by_its_code_or_the_start_of_one_code_only() -> None:
    loaded = datetime(2026, 12, 1)
    rows = [
        PlanRow("hd-2024-thi-dua-dac-biet", "plan", "Thi đua 2024", "DEMO", None, None, loaded),
        PlanRow("hd-2026-thi-dua-dac-biet", "plan", "Thi đua 2026", "DEMO", None, None, loaded),
        PlanRow("hd-2026", "plan", "Kế hoạch ngắn", "DEMO", None, None, loaded),
        PlanRow("xep-loai-2026", "grading", "Xếp loại", None, None, None, loaded),
    ]
    assert plan_code(rows, "hd-2024") == "hd-2024-thi-dua-dac-biet"
    assert plan_code(rows, "HD-2026") == "hd-2026"  # a whole code wins over longer ones
    # The plan file's name, plans/2026-thi-dua-dac-biet.yaml, without the code's prefix
    assert plan_code(rows, "2026-thi-dua-dac-biet") == "hd-2026-thi-dua-dac-biet"
    with pytest.raises(Problem) as several:
        plan_code(rows, "hd-20")
    assert "khớp nhiều kế hoạch" in several.value.message
    assert "hd-2024-thi-dua-dac-biet" in several.value.message
    with pytest.raises(Problem) as none:
        plan_code(rows, "xep-loai")  # a grading guide writes no report
    assert (
        "Không có kế hoạch" in none.value.message
        and "xep-loai" not in none.value.message.split("\n", 1)[1]
    )
