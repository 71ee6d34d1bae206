"""Pydantic's validation messages said in Vietnamese or English, for people who edit a setting
or a plan file. Pydantic speaks English only: each error type it reports is worded here from its
`ctx`; a type without a wording here falls back to pydantic's own English message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import PydanticCustomError

from campaign.catalogs import text
from campaign.localized import Language, Localized

# pydantic's error type -> its catalog message (validation.ftl), given the error's ctx.
_WORDING: dict[str, str] = {
    "missing": "validation_missing",
    "extra_forbidden": "validation_extra_forbidden",
    "int_parsing": "validation_int_parsing",
    "int_type": "validation_int_type",
    "int_from_float": "validation_int_from_float",
    "float_parsing": "validation_float_parsing",
    "float_type": "validation_float_type",
    "finite_number": "validation_finite_number",
    "bool_parsing": "validation_bool_parsing",
    "bool_type": "validation_bool_type",
    "string_type": "validation_string_type",
    "string_too_short": "validation_string_too_short",
    "string_too_long": "validation_string_too_long",
    "string_pattern_mismatch": "validation_string_pattern_mismatch",
    "greater_than": "validation_greater_than",
    "greater_than_equal": "validation_greater_than_equal",
    "less_than": "validation_less_than",
    "less_than_equal": "validation_less_than_equal",
    "literal_error": "validation_literal_error",
    "enum": "validation_enum",
    "date_parsing": "validation_date_parsing",
    "date_from_datetime_parsing": "validation_date_from_datetime_parsing",
    "date_type": "validation_date_type",
    "datetime_parsing": "validation_datetime_parsing",
    "list_type": "validation_list_type",
    "tuple_type": "validation_tuple_type",
    "dict_type": "validation_dict_type",
    "model_type": "validation_model_type",
    "model_attributes_type": "validation_model_attributes_type",
    "too_short": "validation_too_short",
    "too_long": "validation_too_long",
    "url_parsing": "validation_url_parsing",
}


LOCALIZED = "localized"


def localized_error(reason: Localized) -> PydanticCustomError:
    """What a validator raises to be read in any language (`explain` words it for a reader);
    pydantic's own message is the English one."""
    # pydantic fills {key} of the template from the context: a key no text would name
    return PydanticCustomError(LOCALIZED, reason.get("en"), {"localized": reason})


def explain(error: Mapping[str, Any], lang: Language) -> str:
    """One error of `ValidationError.errors()` in words; a validator's own message (value_error,
    assertion_error) is kept as written, without pydantic's "Value error, " prefix."""
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    ctx = error.get("ctx") or {}
    if kind == LOCALIZED and isinstance(ctx.get("localized"), Localized):
        return str(ctx["localized"].get(lang))
    if kind in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    wording = _WORDING.get(kind)
    if wording is None:
        return message
    values = {key: _shown(value, lang) for key, value in ctx.items()}
    try:
        return text(wording, lang, **values)
    except ValueError:  # a ctx without the expected value (Fluent's reference error): pydantic's
        return message


def _shown(value: Any, lang: Language) -> Any:
    if isinstance(value, int):
        return value  # a number: English says "1 character", "2 characters"
    shown = str(value)
    if shown.startswith("'"):  # pydantic's "'vi' or 'en'"
        shown = shown.replace("'", "").replace(" or ", text("validation_or", lang))
    return shown
