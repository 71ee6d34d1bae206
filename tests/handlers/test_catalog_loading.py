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


SERVING = """
import json
from fastapi.testclient import TestClient
from bot.app import create_app
from bot.settings import load_settings
from campaign import catalogs
from storage.migrate import upgrade
import tempfile, pathlib
folder = pathlib.Path(tempfile.mkdtemp())
settings = load_settings(data_dir=folder, secret_key="s" * 40, language="en", scheduler=False)
upgrade(settings.resolved_database_url)
parsed = lambda: sorted(l for l, c in catalogs._active.catalogs.items() if c._parsed is not None)
app = create_app(settings)
before = parsed()
with TestClient(app) as client:
    client.get("/healthz")
print(json.dumps({"before_start": before, "once_started": parsed()}))
"""


def test_a_started_bot_has_read_its_language_before_the_first_message() -> None:
    """A member's first message does not wait ~0.1 s on parsing: the bot reads its catalogs
    in a thread as it starts, not when the app is built (the CLI stays quick)."""
    run = subprocess.run(
        [sys.executable, "-c", SERVING], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {"before_start": [], "once_started": ["en", "vi"]}


async def test_the_app_does_not_start_on_a_catalog_that_does_not_parse(
    tmp_path: Path, settings: Settings, database: Database
) -> None:
    """Parsed only when first read, a broken catalog (a language added by one folder) would
    otherwise fail every turn of its readers; the app reads them all before it serves."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "chat.ftl").write_text("menu = Choisissez\n{ broken\n", encoding="utf-8")
    previous = catalogs.use(Catalogs(("vi", "en", "fr"), (LOCALES, tmp_path), lazily=True))
    try:
        app = create_app(settings, database)
        with pytest.raises(CatalogError, match=r"chat\.ftl"):
            async with app.router.lifespan_context(app):
                pass
    finally:
        catalogs.use(previous)
