"""Every user-facing text, in Fluent catalogs: one folder of `.ftl` files per language.

`campaign/locales/<language>/*.ftl` holds the messages; their ids are the keys the code uses
(`text("menu", "en")`). Vietnamese is the default and the fallback: a message a language's
folder lacks is said in Vietnamese. The languages offered come from the settings
(`ANTT_LANGUAGES`, `use_languages`), each needing a folder here or in an extra root.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle
from fluent.runtime.types import fluent_number
from fluent.syntax import FluentParser, ast

from campaign.localized import Localized

LOCALES = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "vi"
LANGUAGES_SETTING = "vi,en"  # ANTT_LANGUAGES' default

# Fluent refuses a placeable longer than 2,500 characters (a guard against abuse in its
# runtime); a long answer or announcement body is put in after formatting instead.
_LONG_VALUE = 2000
_REMEMBERED = 4096  # formatted selector messages kept (a status, a plural with its number)


class CatalogError(Exception):
    """A catalog file does not parse, or a language has no catalog folder."""


def _resource(path: Path) -> ast.Resource:
    parsed = FluentParser(with_spans=False).parse(path.read_text(encoding="utf-8"))
    junk = [entry for entry in parsed.body if isinstance(entry, ast.Junk)]
    if junk:
        raise CatalogError(f"{path}: cannot parse {(junk[0].content or '').strip()[:80]!r}")
    return parsed


class Catalog:
    """One language's messages (a `FluentBundle` over its folder's `.ftl` files)."""

    def __init__(self, language: str, folders: Sequence[Path]) -> None:
        self.language = language
        # No bidi isolation marks around values: the chats show plain text, and tests
        # compare exact strings.
        self.bundle = FluentBundle([language], use_isolating=False)
        self.messages: dict[str, ast.Message] = {}
        for folder in folders:
            for path in sorted(folder.glob("*.ftl")):
                resource = _resource(path)
                self.bundle.add_resource(resource)
                for entry in resource.body:
                    if isinstance(entry, ast.Message):
                        self._add(entry, path)
        self.ids = set(self.messages)
        # Messages that are text and values only, as parts (a value is a 1-tuple of its name),
        # or the text itself when it has no values; () for a message that needs Fluent (a
        # selector, a reference).
        self._plain: dict[str, str | tuple[str | tuple[str], ...]] = {}
        self._formatted: dict[tuple[Any, ...], str] = {}

    def _add(self, message: ast.Message, path: Path) -> None:
        # Fluent would keep the first of two messages with one id, silently.
        if message.id.name in self.messages:
            raise CatalogError(f"{path}: {message.id.name} is defined twice")
        self.messages[message.id.name] = message

    def format(self, key: str, values: Mapping[str, Any]) -> str:
        plain = self._plain.get(key)
        if plain is None:
            plain = self._plain[key] = _plain_parts(self.messages[key])
        if isinstance(plain, str):  # text only (a label, a question, a button)
            return plain
        if plain:  # text and values only: joined here, as Fluent would, ten times faster
            return "".join(
                part if isinstance(part, str) else format(values[part[0]]) for part in plain
            )
        # A selector's few outcomes (a status, a menu button) are kept once formatted.
        remembered = (key, *sorted((k, str(v), type(v).__name__) for k, v in values.items()))
        found = self._formatted.get(remembered)
        if found is None:
            if len(self._formatted) > _REMEMBERED:
                self._formatted.clear()
            found = self._formatted[remembered] = self._fluent(key, values)
        return found

    def _fluent(self, key: str, values: Mapping[str, Any]) -> str:
        args: dict[str, Any] = {}
        late: dict[str, str] = {}
        for name, value in values.items():
            args[name] = _fluent_value(name, value, late)
        message = self.bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        result, errors = self.bundle.format_pattern(message.value, args)
        if errors:
            raise errors[0]
        rendered = str(result)
        for marker, value in late.items():
            rendered = rendered.replace(marker, value)
        return rendered


def _plain_parts(message: ast.Message) -> str | tuple[str | tuple[str], ...]:
    parts: list[str | tuple[str]] = []
    for element in message.value.elements if message.value else ():
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
            continue
        inner = element.expression
        if isinstance(inner, ast.VariableReference):
            parts.append((inner.id.name,))
        elif isinstance(inner, ast.StringLiteral):
            parts.append(inner.parse()["value"])
        else:
            return ()
    texts = [part for part in parts if isinstance(part, str)]
    if parts and len(texts) == len(parts):  # no values: the text itself, joined once
        return "".join(texts)
    return tuple(parts)


def _fluent_value(name: str, value: Any, late: dict[str, str]) -> Any:
    """What str.format would have shown, as a Fluent value: integers stay numbers (for
    plurals) but without grouping ("1234", not "1,234"); anything else is its str()."""
    if isinstance(value, int) and not isinstance(value, bool):
        return fluent_number(value, useGrouping=False)
    shown = format(value)
    if len(shown) > _LONG_VALUE:
        marker = f"\x00{name}\x00"
        late[marker] = shown
        return marker
    return shown


class Catalogs:
    """The languages offered, Vietnamese first."""

    def __init__(self, languages: Iterable[str], roots: Sequence[Path] = (LOCALES,)) -> None:
        ordered = [DEFAULT_LANGUAGE, *(lang for lang in languages if lang != DEFAULT_LANGUAGE)]
        self.languages: tuple[str, ...] = tuple(dict.fromkeys(ordered))
        self.catalogs: dict[str, Catalog] = {}
        for language in self.languages:
            folders = [root / language for root in roots if (root / language).is_dir()]
            if not folders:
                raise CatalogError(f"no catalog folder for the language {language!r}")
            self.catalogs[language] = Catalog(language, folders)

    def text(self, key: str, language: str, values: Mapping[str, Any]) -> str:
        catalog = self.catalogs.get(language)
        if catalog is None or key not in catalog.ids:
            catalog = self.catalogs[DEFAULT_LANGUAGE]
        return catalog.format(key, values)


def parse_languages(setting: str) -> tuple[str, ...]:
    """ANTT_LANGUAGES ("vi,en,fr") as codes; Vietnamese is always offered."""
    codes = [code.strip().casefold() for code in setting.split(",") if code.strip()]
    return tuple(dict.fromkeys([DEFAULT_LANGUAGE, *codes]))


def available(root: Path = LOCALES) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))


_active = Catalogs(parse_languages(LANGUAGES_SETTING))


def use(catalogs: Catalogs) -> Catalogs:
    """Make these catalogs the process's own (at start, from the settings); returns the
    previous ones (tests put them back)."""
    global _active
    previous, _active = _active, catalogs
    return previous


def use_languages(languages: Iterable[str], roots: Sequence[Path] = (LOCALES,)) -> None:
    wanted = tuple(languages)
    if wanted != _active.languages or tuple(roots) != (LOCALES,):
        use(Catalogs(wanted, roots))


def languages() -> tuple[str, ...]:
    """The languages a chat may choose (/lang), Vietnamese first."""
    return _active.languages


def text(key: str, language: str, **values: Any) -> str:
    return _active.text(key, language, values)


def spoken(code: str | None) -> str:
    """A stored language code as one the catalogs offer (Vietnamese for any other)."""
    return code if code in _active.languages else DEFAULT_LANGUAGE


class Catalogued(Localized):
    """A built-in label kept as data (an area's name, a question, an option) whose words are a
    catalog message: `get` reads the catalog, so a language added later is used here too."""

    key: str

    def get(self, lang: str) -> str:
        return text(self.key, lang)


class Said(Localized):
    """A catalog message with its values, kept as data until someone reads it (a refusal a
    service raises, a roster row's problem): worded in the reader's language then."""

    key: str
    values: dict[str, str | int | Localized]

    def get(self, lang: str) -> str:
        return text(self.key, lang, **_worded(self.values, lang))


def _worded(values: dict[str, str | int | Localized], lang: str) -> dict[str, str | int]:
    return {k: v.get(lang) if isinstance(v, Localized) else v for k, v in values.items()}


def said(key: str, **values: str | int | Localized) -> Said:
    """The catalog message `key` with its values, to be worded in whichever language reads it
    (a value that is itself localized, such as another `said`, is worded in that language)."""
    vi, en = (text(key, lang, **_worded(values, lang)) for lang in ("vi", "en"))
    return Said(vi=vi, en=en, key=key, values=values)


def C(key: str) -> Catalogued:
    """The catalog message `key` as a label of the domain's data (built-in content areas)."""
    return Catalogued(vi=text(key, "vi"), en=text(key, "en"), key=key)
