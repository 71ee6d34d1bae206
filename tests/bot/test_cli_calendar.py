"""`antt-bot plan end` as an administrator meets it: a yearly plan shown as running until
ended, then ended on a day (audited), and the days it refuses."""

from __future__ import annotations

from pathlib import Path

from bot.cli import app
from tests.bot.test_plan_files import env, runner

__all__ = ["env"]

DONG_NAI = Path(__file__).resolve().parents[2] / "plans" / "2023-dong-nai-dien-hinh.yaml"
CODE = "dn-2023-dien-hinh"


def listed_line() -> str:
    listed = runner.invoke(app, ["plan", "list"], env={"ANTT_LANGUAGE": "vi"}).output
    return next(line for line in listed.splitlines() if line.startswith(CODE))


def test_a_yearly_plan_runs_until_an_admin_ends_it(env: Path) -> None:
    loaded = runner.invoke(app, ["plan", "load", str(DONG_NAI), "--scope", "DEMO"])
    assert loaded.exit_code == 0, loaded.output
    assert "07/04/2023–hằng năm, đến khi kết thúc" in listed_line()

    vi = {"ANTT_LANGUAGE": "vi"}
    early = runner.invoke(app, ["plan", "end", CODE, "--on", "01/01/2023"], env=vi)
    assert early.exit_code == 2 and "bắt đầu ngày 07/04/2023" in early.output
    unknown = runner.invoke(app, ["plan", "end", "khong-co", "--on", "31/12/2026"], env=vi)
    assert unknown.exit_code == 2 and "Không có kế hoạch khong-co" in unknown.output
    ended = runner.invoke(app, ["plan", "end", CODE, "--on", "31/12/2026"], env=vi)
    assert ended.exit_code == 0, ended.output
    assert "kết thúc ngày 31/12/2026" in ended.output
    assert "07/04/2023–31/12/2026" in listed_line()
