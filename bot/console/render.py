"""Pages from Jinja2 templates, worded through the chat's catalogs in the viewer's language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.responses import HTMLResponse

from campaign.catalogs import text
from campaign.localized import Language, Localized

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> Environment:
    # Jinja is imported at the first page: a start, and a process whose console nobody opens,
    # do without it.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,  # a name a template misses is an error, not an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
    )


def day(value: date | datetime | None) -> str:
    """dd/mm/yyyy, as every Vietnamese administrative text writes a date."""
    return "" if value is None else value.strftime("%d/%m/%Y")


def moment(value: datetime | None, zone: tzinfo) -> str:
    return "" if value is None else value.astimezone(zone).strftime("%d/%m/%Y %H:%M")


def number(value: float | int | None, language: Language = "vi") -> str:
    """1.234 and 0,5 in Vietnamese (thousands with dots, a decimal comma); 1,234 and 0.5 in
    English."""
    if value is None:
        return ""
    whole = isinstance(value, int) or float(value).is_integer()
    written = f"{int(value):,}" if whole else f"{value:,.1f}"
    if language != "vi":
        return written
    return written.replace(",", " ").replace(".", ",").replace(" ", ".")


def page(
    template: str,
    language: Language,
    zone: tzinfo,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    def t(key: str, **values: Any) -> str:
        return text(key, language, **values)

    def words(value: Localized | str) -> str:
        return value if isinstance(value, str) else value.get(language)

    body = (
        _environment()
        .get_template(template)
        .render(
            **context,
            t=t,
            words=words,
            language=language,
            day=day,
            moment=lambda value: moment(value, zone),
            number=lambda value: number(value, language),
        )
    )
    return HTMLResponse(body, status_code=status_code)
