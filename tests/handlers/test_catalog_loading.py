"""Catalogs are parsed when a language is first read, not at import (a fast start), and the
texts kept as data (built-in labels, refusals) word nothing until someone reads them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import create_app
from bot.settings import Settings
from campaign import catalogs
from campaign.catalogs import LOCALES, C, CatalogError, Catalogs, by_language, listed, said, text
from storage.database import Database

ROOT = Path(__file__).resolve().parents[2]

# The domain with its built-in areas, the settings and the web chat: every module that keeps
# texts as data (C(...) labels, token words) at import.
STARTING = """
import json, sys
from campaign import areas, catalogs, plans, roster, units
from bot import settings
from bot.channels import web
parsed = lambda: sorted(l for l, c in catalogs._active.catalogs.items() if c._parsed is not None)
at_import = parsed(), "fluent.runtime" in sys.modules
catalogs.text("menu", "en")
print(json.dumps({"at_import": at_import, "after_english": parsed()}))
"""


def test_importing_parses_no_catalog_and_a_language_is_parsed_when_read() -> None:
    run = subprocess.run(
        [sys.executable, "-c", STARTING], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {"at_import": [[], False], "after_english": ["en"]}


def test_texts_kept_as_data_are_worded_in_the_readers_language() -> None:
    label = C("roster_column_name")
    assert (label.vi, label.en) == ("Họ và tên", "Full name")
    assert label == C("roster_column_name") and hash(label) == hash(C("roster_column_name"))
    # A value that is itself a text is worded in the same language as the message.
    both = listed([said("roster_no_unit"), said("roster_no_full_name")], "; ")
    problem = said("plan_line", line=3, problem=both)
    assert problem.get("vi") == "dòng 3: thiếu đơn vị; thiếu họ tên"
    assert problem.en == "line 3: no unit; no full name"
    assert by_language(lambda lang: text("web_photo_missing", lang)).en.startswith("No photo")
    assert "key='plan_line'" in repr(problem) and "vi=" not in repr(problem)


async def test_the_app_does_not_start_on_a_catalog_that_does_not_parse(
    tmp_path: Path, settings: Settings, database: Database
) -> None:
    """Parsed only when first read, a broken catalog (a language added by one folder) would
    otherwise fail every turn of its readers; the app reads them all before it serves."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "chat.ftl").write_text("menu = Choisissez\n{ broken\n", encoding="utf-8")
    previous = catalogs.use(Catalogs(("vi", "en", "fr"), (LOCALES, tmp_path), lazily=True))
    try:
        with pytest.raises(CatalogError, match=r"chat\.ftl"):
            create_app(settings, database)
    finally:
        catalogs.use(previous)
