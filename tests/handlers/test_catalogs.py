"""The message catalogs: every key the code uses is in every language, every message is used,
plurals come from Fluent, and a third language is one folder and one settings value."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor

from bot.settings import SettingsError, load_settings
from bot.web.page_texts import PAGE_TEXTS, page_texts
from campaign import catalogs
from campaign.catalogs import LOCALES, Catalogs, available, text
from tests.handlers.test_engine import registered

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("bot", "campaign", "handlers", "scheduler", "services", "storage")
SHIPPED = available()


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for package in PRODUCTION:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


TEMPLATES = ROOT / "bot" / "console" / "templates"
TEMPLATE_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")


def _template_keys() -> set[tuple[str, str]]:
    """The keys the console's templates word (`t("key", ...)`), with where."""
    return {
        (found.group(1), f"{path.relative_to(ROOT)}")
        for path in sorted(TEMPLATES.glob("*.html"))
        for found in TEMPLATE_KEY.finditer(path.read_text(encoding="utf-8"))
    }


def _is_text_call(call: ast.Call) -> bool:
    """`text(key, lang, ...)`, `turn.t(key, ...)`, `turn.say(key, ...)`, the CLI's `t(key, ...)`."""
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr in ("t", "say")
    if isinstance(function, ast.Name) and function.id == "t":
        return True
    return isinstance(function, ast.Name) and function.id == "text" and len(call.args) >= 2


def _keys_of(node: ast.expr) -> list[str] | None:
    """The keys an argument can be (both sides of `a if c else b`); None when not static."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _keys_of(node.body), _keys_of(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _message_ids(language: str) -> set[str]:
    return catalogs.Catalogs([language]).catalogs[language].ids


class _References(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def visit_MessageReference(self, node: ftl.MessageReference) -> None:
        self.found.add(node.id.name)


def _referenced_in_catalogs() -> set[str]:
    references = _References()
    for path in LOCALES.glob("*/*.ftl"):
        references.visit(FluentParser().parse(path.read_text(encoding="utf-8")))
    return references.found


def test_keys_are_never_built_at_run_time() -> None:
    """An f-string or a sum as a key cannot be checked: selectors choose among variants."""
    built = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, module in _sources()
        for call in ast.walk(module)
        if isinstance(call, ast.Call)
        and _is_text_call(call)
        and call.args
        and isinstance(call.args[0], ast.JoinedStr | ast.BinOp)
    ]
    assert built == []


def test_every_key_the_code_uses_is_in_every_language() -> None:
    used = {
        (key, f"{path.relative_to(ROOT)}:{call.lineno}")
        for path, module in _sources()
        for call in ast.walk(module)
        if isinstance(call, ast.Call) and _is_text_call(call) and call.args
        for key in _keys_of(call.args[0]) or []
    } | _template_keys()
    assert len(used) > 200
    for language in SHIPPED:
        ids = _message_ids(language)
        assert sorted(where for key, where in used if key not in ids) == [], language


def test_every_message_is_used() -> None:
    """A message no code names (as a string) and no other message references is dead."""
    constants = {
        node.value
        for _, module in _sources()
        for node in ast.walk(module)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    constants |= {key for key, _ in _template_keys()}
    referenced = _referenced_in_catalogs()
    for language in SHIPPED:
        unused = sorted(_message_ids(language) - constants - referenced)
        assert unused == [], language


def test_shipped_languages_have_the_same_messages() -> None:
    assert {"vi", "en"} <= set(SHIPPED)
    vietnamese = _message_ids("vi")
    for language in SHIPPED:
        assert _message_ids(language) == vietnamese, language


def test_plurals_come_from_the_library() -> None:
    assert text("edit_photo_count", "en", count=1) == "1 photo"
    assert text("edit_photo_count", "en", count=2) == "2 photos"
    assert text("edit_photo_count", "vi", count=1) == "1 ảnh"
    assert "1 verified entry)" in text("standings_mine", "en", rank=1, total=2, points=1, entries=1)
    # Numbers are shown as Python shows them: no grouping, no bidi marks.
    assert text("edit_photo_count", "en", count=12345) == "12345 photos"


def test_a_long_value_is_put_in_whole() -> None:
    body = "x" * 5000  # Fluent itself refuses placeables over 2,500 characters
    assert text("broadcast_header", "vi", unit=body) == f"📢 Thông báo của {body}:"


THIRD = """\
menu = Choisissez :
lang_set = Passé en français.
menu_area =
    { $area ->
        [tip] 🚨 Signaler
        [patrol] 🚶 Patrouille
       *[good_deed] 🤝 Bonne action
    }
"""


@pytest.fixture
def french(tmp_path: Path) -> Iterator[None]:
    """A third language: one folder of catalogs, and the languages setting naming it."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "chat.ftl").write_text(THIRD, encoding="utf-8")
    previous = catalogs.use(Catalogs(catalogs.parse_languages("vi,en,fr"), (LOCALES, tmp_path)))
    try:
        yield
    finally:
        catalogs.use(previous)


@pytest.mark.usefixtures("french")
def test_a_third_language_is_one_folder_and_one_setting() -> None:
    assert catalogs.languages() == ("vi", "en", "fr")
    assert text("menu", "fr") == "Choisissez :"
    assert text("menu_area", "fr", area="patrol") == "🚶 Patrouille"
    # What the folder does not have is said in Vietnamese, the fallback.
    assert text("cancelled", "fr") == text("cancelled", "vi")
    _, chat = registered()
    assert chat.send("/lang fr").startswith("Passé en français.")
    assert chat.send("/menu").startswith("Choisissez : [🚨 Signaler] [🚶 Patrouille]")
    assert chat.send("/huy").startswith(text("nothing_to_cancel", "vi"))
    assert chat.send("/lang xx").startswith("Dùng: /lang vi hoặc /lang en hoặc /lang fr")


def test_an_unknown_language_falls_back_to_vietnamese() -> None:
    assert text("menu", "xx") == text("menu", "vi")


def test_the_page_is_served_every_text_it_asks_for() -> None:
    script = (ROOT / "bot" / "web" / "static" / "chat.js").read_text(encoding="utf-8")
    asked = set(re.findall(r"\bt\(\"(\w+)\"", script))
    served = page_texts()
    assert asked and asked <= set(PAGE_TEXTS)
    assert served["en"]["error"] == "Error {status}. Not sent."  # chat.js fills {status}
    assert served["vi"]["send"] == "Gửi"


def test_the_languages_setting_needs_a_catalog_folder_for_each(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(data_dir=tmp_path, languages="vi,en,fr")
    assert "ANTT_LANGUAGES" in str(refused.value) and "campaign/locales/fr" in str(refused.value)
    with pytest.raises(SettingsError) as refused:
        load_settings(data_dir=tmp_path, languages="vi", language="en")
    assert str(refused.value) == "ANTT_LANGUAGE: phải là một trong: vi"
    settings = load_settings(data_dir=tmp_path, languages=" EN ")
    assert settings.language_codes == ("vi", "en")  # Vietnamese is always offered
    assert catalogs.languages() == ("vi", "en")
    load_settings(data_dir=tmp_path, languages="vi")
    try:
        assert catalogs.languages() == ("vi",)  # /lang offers what the settings say
    finally:
        load_settings(data_dir=tmp_path)
    assert catalogs.languages() == ("vi", "en")


def test_a_message_defined_twice_is_refused(tmp_path: Path) -> None:
    """Fluent itself would keep the first and ignore the second without a word."""
    (tmp_path / "vi").mkdir()
    (tmp_path / "vi" / "a.ftl").write_text("menu = Một\n", encoding="utf-8")
    (tmp_path / "vi" / "b.ftl").write_text("menu = Hai\n", encoding="utf-8")
    with pytest.raises(catalogs.CatalogError, match="menu is defined twice"):
        Catalogs(["vi"], (tmp_path,))


def test_messages_filled_without_fluent_read_exactly_as_fluent_would() -> None:
    """Messages of text and values only are filled by our own template (a str.format call, for
    speed); for every such message of every language, with text, numbers and braces as values,
    the words are Fluent's own."""
    from campaign import catalogs

    catalogs.read_all()
    checked = 0
    for catalog in catalogs._active.catalogs.values():
        for key in sorted(catalog.ids):
            template = catalogs._plain_parts(catalog.messages[key])
            if not isinstance(template, catalogs._Template):
                continue
            names = re.findall(r"(?<!\{)\{([^{}]+)\}(?!\})", template)
            for value in ("Nguyễn Văn An", 1234, "{a} }{"):
                values = dict.fromkeys(names, value)
                assert catalog.format(key, values) == catalog._fluent(key, values), key
                checked += 1
    assert checked > 300
