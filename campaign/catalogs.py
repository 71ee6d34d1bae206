"""Every user-facing text, in Fluent catalogs: one folder of `.ftl` files per language.

`campaign/locales/<language>/*.ftl` holds the messages; their ids are the keys the code uses
(`text("menu", "en")`). Vietnamese is the default and the fallback: a message a language's
folder lacks is said in Vietnamese. The languages offered come from the settings
(`ANTT_LANGUAGES`, `use_languages`), each needing a folder here or in an extra root.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fluent.syntax import FluentParser, ast

from campaign.localized import Localized

if TYPE_CHECKING:
    # Imported where a catalog is first parsed: fluent.runtime (with Babel) is a tenth of a
    # second of start-up that a process which says nothing need not pay.
    from fluent.runtime import FluentBundle

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
    source = path.read_text(encoding="utf-8")
    cached = _cached(path, source)
    if cached is not None:
        return cached
    parsed = FluentParser(with_spans=False).parse(source)
    junk = [entry for entry in parsed.body if isinstance(entry, ast.Junk)]
    if junk:
        raise CatalogError(f"{path}: cannot parse {(junk[0].content or '').strip()[:80]!r}")
    _keep(path, source, parsed)
    return parsed


# Fluent's parser reads a character at a time in Python: the shipped catalogs take about half a
# CPU-second to parse, paid by every start (the CLI's help, then each offered language). Their
# parsed form is kept beside them in __pycache__, as Python keeps its bytecode: trusted as much
# as the package's own files, and only for this package's folder (a province's own catalogs are
# parsed each time). Keyed by the text itself and the parser's and Python's versions.
_CACHE_FORMAT = 1


def _cache_path(path: Path) -> Path | None:
    if not path.is_relative_to(LOCALES):
        return None
    return path.parent / "__pycache__" / f"{path.name}.pickle"


def _cache_key(source: str) -> tuple[object, ...]:
    parser = os.stat(ast.__file__)
    return (
        _CACHE_FORMAT,
        sys.version_info[:2],
        parser.st_size,
        parser.st_mtime_ns,
        hashlib.sha256(source.encode()).hexdigest(),
    )


def _cached(path: Path, source: str) -> ast.Resource | None:
    cache = _cache_path(path)
    if cache is None:
        return None
    try:
        key, parsed = pickle.loads(cache.read_bytes())
    except Exception:  # absent, unreadable, from another version: parsed again
        return None
    if key != _cache_key(source) or not isinstance(parsed, ast.Resource):
        return None
    return parsed


def _keep(path: Path, source: str, parsed: ast.Resource) -> None:
    cache = _cache_path(path)
    if cache is None:
        return
    try:
        cache.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.parent, delete=False) as written:
            pickle.dump((_cache_key(source), parsed), written, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # a read-only installation: parsed each time, as before
        return
    try:
        os.replace(written.name, cache)  # whole or not at all, for processes starting together
    except OSError:
        Path(written.name).unlink(missing_ok=True)


class Catalog:
    """One language's messages (a `FluentBundle` over its folder's `.ftl` files), parsed when
    first read: a process that never speaks a language never parses it."""

    def __init__(self, language: str, folders: Sequence[Path]) -> None:
        self.language = language
        self.folders = tuple(folders)
        self._parsed: tuple[FluentBundle, dict[str, ast.Message]] | None = None
        self._parsing = threading.Lock()
        self._ids: set[str] | None = None
        # Messages read without Fluent: the text itself, or a `_Template` of text and values;
        # () for a message that needs Fluent (a selector, a reference).
        self._plain: dict[str, str | tuple[()]] = {}
        self._formatted: dict[tuple[Any, ...], str] = {}

    def parse(self) -> tuple[FluentBundle, dict[str, ast.Message]]:
        """The bundle and its messages by id, read from the folders the first time."""
        if self._parsed is None:
            with self._parsing:
                if self._parsed is None:
                    self._parsed = self._read()
        return self._parsed

    def _read(self) -> tuple[FluentBundle, dict[str, ast.Message]]:
        # No bidi isolation marks around values: the chats show plain text, and tests
        # compare exact strings.
        from fluent.runtime import FluentBundle

        bundle = FluentBundle([self.language], use_isolating=False)
        messages: dict[str, ast.Message] = {}
        for folder in self.folders:
            for path in sorted(folder.glob("*.ftl")):
                resource = _resource(path)
                bundle.add_resource(resource)
                for entry in resource.body:
                    if isinstance(entry, ast.Message):
                        _add(messages, entry, path)
        return bundle, messages

    @property
    def bundle(self) -> FluentBundle:
        return self.parse()[0]

    @property
    def messages(self) -> dict[str, ast.Message]:
        return self.parse()[1]

    @property
    def ids(self) -> set[str]:
        if self._ids is None:
            self._ids = set(self.messages)
        return self._ids

    def is_text_only(self, key: str) -> bool:
        """A message with no values and no selector, known once formatted."""
        plain = self._plain.get(key)
        return isinstance(plain, str) and not isinstance(plain, _Template)

    def format(self, key: str, values: Mapping[str, Any]) -> str:
        plain = self._plain.get(key)
        if plain is None:
            plain = self._plain[key] = _plain_parts(self.messages[key])
        if isinstance(plain, _Template):  # text and values only: as Fluent would, ten times faster
            return plain.format_map(values)
        if isinstance(plain, str):  # text only: joined once
            return plain
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


def _add(messages: dict[str, ast.Message], message: ast.Message, path: Path) -> None:
    # Fluent would keep the first of two messages with one id, silently.
    if message.id.name in messages:
        raise CatalogError(f"{path}: {message.id.name} is defined twice")
    messages[message.id.name] = message


class _Template(str):
    """A message of text and values only, as a `str.format` template (braces in its text
    doubled): filled in one call."""


def _plain_parts(message: ast.Message) -> str | tuple[()]:
    """The message's text when it has no values; a `_Template` when it has values and no
    selector or reference; () when it needs Fluent."""
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
    if all(isinstance(part, str) for part in parts):  # no values: the text itself, joined once
        return "".join(part for part in parts if isinstance(part, str))
    return _Template(
        "".join(
            part.replace("{", "{{").replace("}", "}}")
            if isinstance(part, str)
            else f"{{{part[0]}}}"
            for part in parts
        )
    )


def _fluent_value(name: str, value: Any, late: dict[str, str]) -> Any:
    """What str.format would have shown, as a Fluent value: integers stay numbers (for
    plurals) but without grouping ("1234", not "1,234"); anything else is its str()."""
    from fluent.runtime.types import fluent_number

    if isinstance(value, int) and not isinstance(value, bool):
        return fluent_number(value, useGrouping=False)
    shown = format(value)
    if len(shown) > _LONG_VALUE:
        marker = f"\x00{name}\x00"
        late[marker] = shown
        return marker
    return shown


class Catalogs:
    """The languages offered, Vietnamese first. Each language's files are parsed when it is
    first read (`lazily`, the process's own catalogs: a fast start) or at once (the default,
    so a broken catalog is refused where it is made)."""

    def __init__(
        self, languages: Iterable[str], roots: Sequence[Path] = (LOCALES,), *, lazily: bool = False
    ) -> None:
        ordered = [DEFAULT_LANGUAGE, *(lang for lang in languages if lang != DEFAULT_LANGUAGE)]
        self.languages: tuple[str, ...] = tuple(dict.fromkeys(ordered))
        self.catalogs: dict[str, Catalog] = {}
        self.text_only: dict[tuple[str, str], str] = {}  # by language and key, once worded
        for language in self.languages:
            folders = [root / language for root in roots if (root / language).is_dir()]
            if not folders:
                raise CatalogError(f"no catalog folder for the language {language!r}")
            self.catalogs[language] = Catalog(language, folders)
            if not lazily:
                self.catalogs[language].parse()

    def text(self, key: str, language: str, values: Mapping[str, Any]) -> str:
        if not values:  # a label, a question, a button: read several times a message
            found = self.text_only.get((language, key))
            if found is not None:
                return found
        catalog = self.catalogs.get(language)
        if catalog is None or key not in catalog.ids:
            catalog = self.catalogs[DEFAULT_LANGUAGE]
        worded = catalog.format(key, values)
        if not values and catalog.is_text_only(key):
            self.text_only[(language, key)] = worded
        return worded


def parse_languages(setting: str) -> tuple[str, ...]:
    """ANTT_LANGUAGES ("vi,en,fr") as codes; Vietnamese is always offered."""
    codes = [code.strip().casefold() for code in setting.split(",") if code.strip()]
    return tuple(dict.fromkeys([DEFAULT_LANGUAGE, *codes]))


def available(root: Path = LOCALES) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))


_active = Catalogs(parse_languages(LANGUAGES_SETTING), lazily=True)


def use(catalogs: Catalogs) -> Catalogs:
    """Make these catalogs the process's own (at start, from the settings); returns the
    previous ones (tests put them back)."""
    global _active
    previous, _active = _active, catalogs
    return previous


def use_languages(languages: Iterable[str], roots: Sequence[Path] = (LOCALES,)) -> None:
    wanted = tuple(languages)
    if wanted != _active.languages or tuple(roots) != (LOCALES,):
        use(Catalogs(wanted, roots, lazily=True))


def read_all() -> None:
    """Parse every offered language now: what a server does before it serves, so that a
    catalog that does not parse stops the start rather than each turn of its readers."""
    for catalog in _active.catalogs.values():
        catalog.parse()


def languages() -> tuple[str, ...]:
    """The languages a chat may choose (/lang), Vietnamese first."""
    return _active.languages


def text(key: str, language: str, **values: Any) -> str:
    if not values:  # the common case, a label or a question already worded: one lookup
        found = _active.text_only.get((language, key))
        if found is not None:
            return found
    return _active.text(key, language, values)


def spoken(code: str | None) -> str:
    """A stored language code as one the catalogs offer (Vietnamese for any other)."""
    return code if code in _active.languages else DEFAULT_LANGUAGE


class Worded(Localized):
    """Words found when read, in the reader's language (`get`): making one formats nothing and
    parses no catalog. Its `vi` and `en` are read through `get` too; the fields themselves hold
    nothing (they exist because every `Localized` has them)."""

    def get(self, lang: str) -> str:
        raise NotImplementedError

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        return ((name, value) for name, value in super().__repr_args__() if name not in _FIELDS)


_FIELDS = ("vi", "en")


def _read_through_get(language: str) -> property:
    def words(self: Worded) -> str:
        return self.get(language)

    return property(words)


for _language in _FIELDS:
    # A property on the class is read before the instance's (empty) field.
    setattr(Worded, _language, _read_through_get(_language))


class Catalogued(Worded):
    """A built-in label kept as data (an area's name, a question, an option) whose words are a
    catalog message: `get` reads the catalog, so a language added later is used here too."""

    key: str

    def get(self, lang: str) -> str:
        return text(self.key, lang)


Value = str | int | Localized  # a Localized value is worded in the reader's language too


class Said(Worded):
    """A catalog message with its values, kept as data until someone reads it (a refusal a
    service raises, a roster row's problem): worded in the reader's language then."""

    key: str
    values: dict[str, Value]

    def get(self, lang: str) -> str:
        values = {
            name: value.get(lang) if isinstance(value, Localized) else value
            for name, value in self.values.items()
        }
        return text(self.key, lang, **values)


class Listed(Worded):
    """Texts one after another, each in the reader's language ("a; b; c")."""

    items: tuple[Localized, ...]
    separator: str

    def get(self, lang: str) -> str:
        return self.separator.join(item.get(lang) for item in self.items)


class ByLanguage(Worded):
    """Words a function finds for a language (a pydantic error explained in it)."""

    words: Callable[[str], str]

    def get(self, lang: str) -> str:
        return self.words(lang)


def said(key: str, **values: Value) -> Said:
    """The catalog message `key` with its values, to be worded in whichever language reads it."""
    return Said.model_construct(vi="", en="", key=key, values=values)


def listed(items: Iterable[Localized], separator: str) -> Listed:
    return Listed.model_construct(vi="", en="", items=tuple(items), separator=separator)


def by_language(words: Callable[[str], str]) -> ByLanguage:
    return ByLanguage.model_construct(vi="", en="", words=words)


def C(key: str) -> Catalogued:
    """The catalog message `key` as a label of the domain's data (built-in content areas)."""
    return Catalogued.model_construct(vi="", en="", key=key)
