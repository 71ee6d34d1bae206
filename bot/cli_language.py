"""The command line's language: Vietnamese, or English with ANTT_LANGUAGE=en.

Read from the environment (or .env, as the settings are) without validating the settings, so
that even the error about a bad setting is said in the admin's language. Click and Typer word
their own texts (usage, "Missing argument", the help panels) through gettext with no catalog of
ours: `localize_click` gives them the Vietnamese words in place of gettext."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import re
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

from dotenv import dotenv_values

from campaign.catalogs import DEFAULT_LANGUAGE, available, text
from campaign.localized import Language
from campaign.validation import explain


def cli_language() -> Language:
    """ANTT_LANGUAGE when the catalogs have that language, else Vietnamese."""
    value = os.environ.get("ANTT_LANGUAGE")
    if value is None:
        value = dotenv_values(".env").get("ANTT_LANGUAGE") if os.path.exists(".env") else None
    code = (value or "").strip().casefold()
    return code if code in available() else DEFAULT_LANGUAGE


def t(key: str, **values: Any) -> str:
    """The catalog message in the command line's language (read at each call: tests switch
    it); the command line's messages are campaign/locales/<language>/cli.ftl."""
    return text(key, cli_language(), **values)


# Click's and Typer's own texts (the gettext message ids they use), in Vietnamese.
CLICK_VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tuỳ chọn",
    "Arguments": "Tham số",
    "Positional arguments": "Tham số",
    "Commands": "Lệnh",
    "Error": "Lỗi",
    "Error: {message}": "Lỗi: {message}",
    "Aborted!": "Đã huỷ.",
    "Aborted.": "Đã huỷ.",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để được trợ giúp.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Xem [blue]'{command_path} {help_option}'[/] để được trợ giúp."
    ),
    "[default: {}]": "[mặc định: {}]",
    "default: {default}": "mặc định: {default}",
    "[required]": "[bắt buộc]",
    "required": "bắt buộc",
    "[env var: {}]": "[biến môi trường: {}]",
    "env var: {var}": "biến môi trường: {var}",
    "(deprecated) ": "(không dùng nữa) ",
    "(dynamic)": "(tự tính)",
    "Missing command.": "Thiếu lệnh.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tuỳ chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tuỳ chọn {name!r}.",
    "No such option: {name}": "Không có tuỳ chọn: {name}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "Option {name!r} does not take a value.": "Tuỳ chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tuỳ chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tuỳ chọn {name!r} cần {nargs} giá trị.",
    "Error: invalid input": "Lỗi: trả lời không hợp lệ",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
}
# Plural texts (ngettext): the Vietnamese form has no plural.
CLICK_VI_PLURAL: dict[str, str] = {
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
}
_MODULES = (
    "click.core",
    "click.exceptions",
    "click.types",
    "click.termui",
    "click.decorators",
    "click.formatting",
    "click.parser",
    "typer.core",
    "typer.main",
    "typer.rich_utils",
)
# Typer's help panels read these constants, made from gettext when it was imported.
_RICH_CONSTANTS = (
    "DEPRECATED_STRING",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
)
_ENGLISH: dict[str, str] = {}  # the constants as Typer made them, to switch back


def _gettext(message: str) -> str:
    return CLICK_VI.get(message, message) if cli_language() == "vi" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if cli_language() == "vi":
        return CLICK_VI_PLURAL.get(singular, CLICK_VI.get(singular, singular))
    return singular if n == 1 else plural


def localize_click() -> None:
    """Make Click's and Typer's words follow the command line's language (idempotent). Called
    when the app is built; the constants follow the language of that moment."""
    import click  # noqa: F401  (the modules must be loaded to be patched)

    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if callable(getattr(module, "_", None)):
            module._ = _gettext  # type: ignore[attr-defined]
        if callable(getattr(module, "ngettext", None)):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    rich = sys.modules.get(_RICH)
    if rich is not None:
        _localize_rich(rich)
    elif not any(isinstance(finder, _RichLocalizer) for finder in sys.meta_path):
        sys.meta_path.insert(0, _RichLocalizer())
    _localize_vendored()


_RICH = "typer.rich_utils"


def _localize_rich(rich: ModuleType) -> None:
    if callable(getattr(rich, "_", None)):
        rich._ = _gettext  # type: ignore[attr-defined]
    if callable(getattr(rich, "ngettext", None)):
        rich.ngettext = _ngettext  # type: ignore[attr-defined]
    for constant in _RICH_CONSTANTS:
        english = _ENGLISH.setdefault(constant, str(getattr(rich, constant)))
        setattr(rich, constant, _gettext(english))


class _RichLocalizer(importlib.abc.MetaPathFinder):
    """Typer imports its help panels' module (and rich, ~4 MB and a tenth of a second) when it
    first shows help or an error, which `antt-bot run` never does: its words are localized as
    it is imported rather than imported to be localized."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != _RICH:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            _localize_rich(module)

        setattr(spec.loader, "exec_module", exec_module)  # noqa: B010  (a method replaced)
        return spec


# Typer 0.29 carries its own copy of Click (typer._click) whose texts are English literals, not
# gettext calls: its usage line, help option and error messages are reworded on their way out.
_VENDORED_VI = (
    (re.compile(r"^Missing argument"), "Thiếu tham số"),
    (re.compile(r"^Missing option"), "Thiếu tuỳ chọn"),
    (re.compile(r"^Missing parameter"), "Thiếu tham số"),
    (re.compile(r"^Invalid value for"), "Giá trị không hợp lệ cho"),
    (re.compile(r"^Invalid value:"), "Giá trị không hợp lệ:"),
    (re.compile(r"^No such option:"), "Không có tuỳ chọn:"),
    (re.compile(r"^No such command"), "Không có lệnh"),
    (re.compile(r"^Got unexpected extra arguments?(?:\(s\))?"), "Thừa tham số"),
    (re.compile(r"^Missing command\."), "Thiếu lệnh."),
    (re.compile(r"\(Possible options: "), "(Có thể là: "),
    (re.compile(r"Did you mean (.*)\?"), r"Có phải ý bạn là \1?"),
    (re.compile(r"is not a valid integer"), "không phải số nguyên"),
    (re.compile(r"is not a valid float"), "không phải số"),
    (re.compile(r"is not a valid boolean"), "không phải đúng/sai"),
    (re.compile(r"is not in the range"), "nằm ngoài khoảng"),
    (re.compile(r"is not one of"), "không phải một trong"),
    (re.compile(r"\b[Ff]ile ('.*?') does not exist\."), r"tệp \1 không tồn tại."),
    (re.compile(r"\b(?:[Pp]ath|[Dd]irectory) ('.*?') does not exist\."), r"\1 không tồn tại."),
    (re.compile(r"\b[Ff]ile ('.*?') is a directory\."), r"\1 là một thư mục, không phải tệp."),
    (re.compile(r"\b[Ff]ile ('.*?') is not readable\."), r"tệp \1 không đọc được."),
    (re.compile(r"requires an argument"), "cần một giá trị"),
    (re.compile(r"does not take a value"), "không nhận giá trị"),
)


def vendored_text(text: str) -> str:
    if cli_language() == "en":
        return text
    for pattern, words in _VENDORED_VI:
        text = pattern.sub(words, text)
    return text


def _localize_vendored() -> None:
    try:
        from typer._click import decorators, exceptions, formatting
    except ImportError:  # a Typer that uses Click itself: gettext covers it
        return
    if getattr(formatting, "_antt_localized", False):
        return
    formatting._antt_localized = True  # type: ignore[attr-defined]
    _localize_usage(formatting)
    _localize_help_option(decorators)
    _localize_errors(exceptions)
    _localize_conversion_errors()


def _localize_usage(formatting: Any) -> None:
    write_usage = formatting.HelpFormatter.write_usage

    def localized_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = _gettext("Usage:") + " "
        write_usage(self, prog, args, prefix)

    formatting.HelpFormatter.write_usage = localized_usage


def _localize_help_option(decorators: Any) -> None:
    help_option = decorators.help_option

    def localized_help_option(param_decls: list[str]) -> Any:
        apply = help_option(param_decls)

        def with_help(command: Any) -> Any:
            result = apply(command)
            command.params[-1].help = _gettext("Show this message and exit.")
            return result

        return with_help

    decorators.help_option = localized_help_option


def _localize_errors(exceptions: Any) -> None:
    for value in vars(exceptions).values():
        if isinstance(value, type) and "format_message" in vars(value):
            english = vars(value)["format_message"]

            def localized(self: Any, english: Any = english) -> str:
                return vendored_text(english(self))

            setattr(value, "format_message", localized)  # noqa: B010


def _localize_conversion_errors() -> None:
    """Typer converts values with pydantic: its first error, worded by campaign/validation."""

    def error_message(exc: Any) -> str:
        errors = exc.errors()
        return explain(errors[0], cli_language()) if errors else str(exc)

    for name in ("typer._coercion", "typer._param_types"):
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "get_error_msg"):
            setattr(module, "get_error_msg", error_message)  # noqa: B010
