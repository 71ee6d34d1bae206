"""Pydantic's validation messages said in Vietnamese or English, for people who edit a setting
or a plan file. Pydantic speaks English only: each error type it reports is worded here from its
`ctx`; a type without a wording here falls back to pydantic's own English message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import PydanticCustomError

from campaign.text import L, Language, Localized

# type -> (Vietnamese, English), formatted with the error's ctx (and {input}).
_WORDING: dict[str, Localized] = {
    "missing": L("thiếu, cần có", "missing, it is required"),
    "extra_forbidden": L("không có mục này", "no such field"),
    "int_parsing": L("phải là số nguyên", "must be a whole number"),
    "int_type": L("phải là số nguyên", "must be a whole number"),
    "int_from_float": L("phải là số nguyên, không có phần lẻ", "must be a whole number"),
    "float_parsing": L("phải là một số", "must be a number"),
    "float_type": L("phải là một số", "must be a number"),
    "finite_number": L("phải là một số hữu hạn", "must be a finite number"),
    "bool_parsing": L("phải là true hoặc false", "must be true or false"),
    "bool_type": L("phải là true hoặc false", "must be true or false"),
    "string_type": L("phải là chữ", "must be text"),
    "string_too_short": L(
        "quá ngắn (ít nhất {min_length} ký tự)", "too short (at least {min_length} characters)"
    ),
    "string_too_long": L(
        "quá dài (tối đa {max_length} ký tự)", "too long (at most {max_length} characters)"
    ),
    "string_pattern_mismatch": L("không đúng dạng {pattern}", "does not match {pattern}"),
    "greater_than": L("phải lớn hơn {gt}", "must be greater than {gt}"),
    "greater_than_equal": L("phải từ {ge} trở lên", "must be at least {ge}"),
    "less_than": L("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "less_than_equal": L("phải từ {le} trở xuống", "must be at most {le}"),
    "literal_error": L("phải là một trong: {expected}", "must be one of: {expected}"),
    "enum": L("phải là một trong: {expected}", "must be one of: {expected}"),
    "date_parsing": L("không phải ngày hợp lệ (YYYY-MM-DD)", "not a valid date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": L(
        "không phải ngày hợp lệ (YYYY-MM-DD)", "not a valid date (YYYY-MM-DD)"
    ),
    "date_type": L("phải là một ngày (YYYY-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "datetime_parsing": L("không phải thời điểm hợp lệ", "not a valid date and time"),
    "list_type": L("phải là một danh sách", "must be a list"),
    "tuple_type": L("phải là một danh sách", "must be a list"),
    "dict_type": L("phải là một nhóm mục (khoá: giá trị)", "must be a mapping (key: value)"),
    "model_type": L("phải là một nhóm mục (khoá: giá trị)", "must be a mapping (key: value)"),
    "model_attributes_type": L(
        "phải là một nhóm mục (khoá: giá trị)", "must be a mapping (key: value)"
    ),
    "too_short": L("quá ít mục (ít nhất {min_length})", "too few items (at least {min_length})"),
    "too_long": L("quá nhiều mục (tối đa {max_length})", "too many items (at most {max_length})"),
    "url_parsing": L("không phải địa chỉ URL hợp lệ", "not a valid URL"),
}


LOCALIZED = "localized"


def localized_error(vi: str, en: str) -> PydanticCustomError:
    """What a validator raises to be read in both languages (`explain` picks one)."""
    # pydantic fills {key} of the template from the context: keys no text would name
    return PydanticCustomError(LOCALIZED, en, {"localized_vi": vi, "localized_en": en})


def explain(error: Mapping[str, Any], lang: Language) -> str:
    """One error of `ValidationError.errors()` in words; a validator's own message (value_error,
    assertion_error) is kept as written, without pydantic's "Value error, " prefix."""
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    ctx = error.get("ctx") or {}
    if kind == LOCALIZED and f"localized_{lang}" in ctx:
        return str(ctx[f"localized_{lang}"])
    if kind in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    wording = _WORDING.get(kind)
    if wording is None:
        return message
    values = {key: _shown(value, lang) for key, value in ctx.items()}
    try:
        return wording.get(lang).format(**values)
    except (KeyError, IndexError, ValueError):  # a ctx without the expected key: pydantic's own
        return message


def _shown(value: Any, lang: Language) -> str:
    text = str(value)
    if text.startswith("'"):  # pydantic's "'vi' or 'en'"
        text = text.replace("'", "")
        if lang == "vi":
            text = text.replace(" or ", " hoặc ")
    return text
