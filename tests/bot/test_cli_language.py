"""The command line speaks the admin's language: Vietnamese, or English with ANTT_LANGUAGE=en —
its help, Typer's own words, its errors, and pydantic's validation messages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, Field, ValidationError
from typer.testing import CliRunner

from bot.cli import app
from campaign.validation import explain

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def shell(*args: str, lang: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The command as typed in a terminal: help is chosen when the program starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTT_")}
    env |= {"ANTT_LANGUAGE": lang, "ANTT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


def test_help_is_vietnamese_by_default_and_english_with_antt_language_en(tmp_path: Path) -> None:
    vi = shell("unit", "add", "--help", lang="vi", tmp_path=tmp_path)
    assert vi.returncode == 0, vi.stderr
    for words in ("Cách dùng:", "Thêm một đơn vị.", "Tham số", "Tuỳ chọn", "Mã đơn vị",
                  "Hiện trợ giúp này rồi thoát.", "[bắt buộc]", "[mặc định: team]"):  # fmt: skip
        assert words in vi.stdout, (words, vi.stdout)
    assert "Show this message" not in vi.stdout and "Usage:" not in vi.stdout
    en = shell("unit", "add", "--help", lang="en", tmp_path=tmp_path)
    for words in ("Usage:", "Add a unit.", "Arguments", "Options", "Unit code",
                  "Show this message and exit.", "[required]", "[default: team]"):  # fmt: skip
        assert words in en.stdout, (words, en.stdout)
    assert "Thêm một đơn vị" not in en.stdout
    top = shell("--help", lang="vi", tmp_path=tmp_path)
    assert "Lệnh" in top.stdout and "Nhập danh sách thành viên" not in top.stdout
    assert "Danh sách thành viên." in top.stdout


def test_typers_own_errors_are_worded_in_the_admins_language() -> None:
    result = runner.invoke(app, ["unit", "move", "T1"], env={"ANTT_LANGUAGE": "vi"})
    assert result.exit_code == 2 and "Thiếu tuỳ chọn '--parent'" in result.output, result.output
    assert "Xem 'root unit move --help' để được trợ giúp." in result.output
    result = runner.invoke(
        app, ["invite", "create", "--unit", "X", "--role", "member", "--count", "abc"],
        env={"ANTT_LANGUAGE": "vi"},
    )  # fmt: skip
    assert "Giá trị không hợp lệ cho '--count': phải là số nguyên" in result.output, result.output
    result = runner.invoke(
        app, ["invite", "create", "--unit", "X", "--role", "member", "--count", "0"],
        env={"ANTT_LANGUAGE": "en"},
    )  # fmt: skip
    assert "Invalid value for '--count': must be at least 1" in result.output, result.output
    result = runner.invoke(app, ["roster", "import", "khong-co.xlsx"], env={"ANTT_LANGUAGE": "vi"})
    assert "tệp 'khong-co.xlsx' không tồn tại" in result.output, result.output
    # A name typed without quotes: its words are extra arguments, said in Vietnamese alone.
    result = runner.invoke(
        app, ["unit", "add", "XA-T3", "Tổ", "thôn", "Nam"], env={"ANTT_LANGUAGE": "vi"}
    )
    assert result.exit_code == 2 and "Thừa tham số (thôn Nam)" in result.output, result.output


@pytest.mark.parametrize(
    ("variable", "value", "vi", "en"),
    [
        ("ANTT_WEB_PORT", "eighty", "ANTT_WEB_PORT: phải là số nguyên", "must be a whole number"),
        ("ANTT_WEB_PORT", "70000", "phải từ 65535 trở xuống", "must be at most 65535"),
        ("ANTT_TIMEZONE", "Mars/Base", "múi giờ không có: 'Mars/Base'", "unknown time zone"),
        ("ANTT_SECRET_KEY", "short", "phải dài ít nhất 32 ký tự", "at least 32 characters"),
        ("ANTT_TELEGRAM_WEBHOOK_URL", "http://x.vn", "phải bắt đầu bằng https://", "https://"),
    ],
)
def test_a_bad_setting_is_explained_in_either_language(
    variable: str,
    value: str,
    vi: str,
    en: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    result = runner.invoke(app, ["db", "upgrade"], env={"ANTT_LANGUAGE": "vi"})
    assert result.exit_code == 2 and f"Lỗi cấu hình: {variable}" in result.output
    assert vi in result.output and "Input should" not in result.output, result.output
    result = runner.invoke(app, ["db", "upgrade"], env={"ANTT_LANGUAGE": "en"})
    assert result.exit_code == 2 and f"Configuration error: {variable}" in result.output
    assert en in result.output, result.output


def test_an_unknown_language_setting_is_itself_explained_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["db", "upgrade"], env={"ANTT_LANGUAGE": "fr"})
    assert result.exit_code == 2
    assert "ANTT_LANGUAGE: phải là một trong: vi hoặc en" in result.output, result.output


def test_messages_follow_the_language(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    vi = runner.invoke(app, ["plan", "show", "nope"], env={"ANTT_LANGUAGE": "vi"})
    en = runner.invoke(app, ["plan", "show", "nope"], env={"ANTT_LANGUAGE": "en"})
    assert "Không có kế hoạch nope" in vi.output and "No plan nope" in en.output
    vi = runner.invoke(app, ["unit", "list"], env={"ANTT_LANGUAGE": "vi"})
    en = runner.invoke(app, ["unit", "list"], env={"ANTT_LANGUAGE": "en"})
    assert "Chưa có đơn vị nào." in vi.output and "No units yet." in en.output
    en = runner.invoke(app, ["flows", "diagram", "tip"], env={"ANTT_LANGUAGE": "en"})
    assert 'flow_begin(["Tip"])' in en.output and "Category" in en.output, en.output


def test_a_pydantic_error_without_a_wording_keeps_pydantics_own_message() -> None:
    class Odd(BaseModel):
        when: float = Field(allow_inf_nan=False)
        count: int = Field(ge=1)

    with pytest.raises(ValidationError) as raised:
        Odd.model_validate({"count": 0, "when": "nan", "extra": 1})
    errors = {e["loc"][0]: e for e in raised.value.errors()}
    assert explain(errors["count"], "vi") == "phải từ 1 trở lên"
    assert explain(errors["count"], "en") == "must be at least 1"
    strange = {**errors["count"], "type": "something_new", "msg": "Some new rule"}
    assert explain(strange, "vi") == "Some new rule"


def test_the_language_in_the_env_file_counts_as_the_settings_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTT_LANGUAGE", raising=False)
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("ANTT_LANGUAGE=en\n", encoding="utf-8")
    result = runner.invoke(app, ["flows", "diagram", "nope"])
    assert result.exit_code == 2 and "No area nope" in result.output, result.output


def test_the_demo_codes_line_up_in_english_too(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codes stand in one column, whatever the longest role's name in the language."""
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    for lang in ("vi", "en"):
        result = runner.invoke(app, ["demo"], env={"ANTT_LANGUAGE": lang})
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        codes = lines[-4:-1]  # the last line says how to open the console
        columns = {re.search(r"[A-Z0-9]{8}  \(", line).start() for line in codes}  # type: ignore[union-attr]
        assert len(columns) == 1, codes


def test_the_language_is_read_whatever_its_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ANTT_LANGUAGE=EN speaks English and is not then refused as a bad setting."""
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path))
    for value in ("EN", " en ", "Vi"):
        result = runner.invoke(app, ["db", "upgrade"], env={"ANTT_LANGUAGE": value})
        assert result.exit_code == 0, (value, result.output)
