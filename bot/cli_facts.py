"""`antt-bot unit fact set|list|import` (dated facts about units) and the targets part of
`antt-bot plan show` (how each target is measured and its value per unit on a day).

Registered on `unit` by bot/cli.py; the shared helpers (settings, database, messages) are read
from there when a command runs."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from bot.cli_language import cli_language, t
from campaign.catalogs import text
from campaign.facts import fact_by_key
from campaign.normalize import fold
from campaign.plans import Plan
from services import facts, standings
from services.facts import FactRow
from services.ports import TargetReport
from storage import targets
from storage.facts import FactRepository
from storage.unit_of_work import UnitOfWork

fact_app = typer.Typer(help=t("cli_fact_help"), no_args_is_help=True)

# The import file's columns, by any of these names (folded: marks and case aside).
COLUMNS = {
    "unit": ("unit", "unit code", "code", "ma don vi", "don vi", "ma"),
    "key": ("key", "fact", "chi so", "ma chi so"),
    "value": ("value", "gia tri"),
    "valid_from": ("valid_from", "valid from", "from", "tu ngay", "ap dung tu"),
}
MAX_ROWS = 100_000


def _cli() -> ModuleType:
    from bot import cli  # this module is registered by it: read its helpers when run

    return cli


@fact_app.command("set", help=t("cli_fact_set_help"))
def fact_set(
    code: Annotated[str, typer.Argument(help=t("cli_unit_code_e_g_hn"))],
    key: Annotated[str, typer.Argument(help=t("cli_fact_key_help"))],
    value: Annotated[str, typer.Argument(help=t("cli_fact_value_help"))],
    valid_from: Annotated[str, typer.Option("--from", help=t("cli_fact_from_help"))],
    note: Annotated[str, typer.Option(help=t("cli_fact_note_help"))] = "",
) -> None:
    cli = _cli()
    settings = cli._settings()
    day = cli._day(valid_from, settings)
    change = cli._serve(
        settings,
        lambda work: facts.set_fact(
            FactRepository(work),
            None,
            unit_code=code,
            key=key,
            typed=value,
            valid_from=day,
            note=note,
            now=cli._now(settings),
        ),
    )
    lang = cli_language()
    before = "" if change.before is None else change.before.shown(change.fact, lang)
    typer.echo(
        t(
            "cli_fact_set",
            unit=change.unit_name,
            fact=change.fact.name.get(lang),
            value=change.value.shown(change.fact, lang),
            day=f"{change.valid_from:%d/%m/%Y}",
            before=before or "-",
        )
    )


@fact_app.command("list", help=t("cli_fact_list_help"))
def fact_list(code: Annotated[str, typer.Argument(help=t("cli_unit_code_e_g_hn"))]) -> None:
    cli = _cli()
    settings = cli._settings()
    name, rows = cli._serve(settings, lambda work: facts.history(FactRepository(work), code))
    lang = cli_language()
    typer.echo(name)
    if not rows:
        typer.echo(t("cli_fact_none"))
        return
    for row in rows:
        fact = fact_by_key(row.key)
        label = fact.name.get(lang) if fact else row.key
        shown = row.value.shown(fact, lang) if fact else str(row.value.num or row.value.text)
        by = row.set_by_name or row.source
        note = f" — {row.note}" if row.note else ""
        typer.echo(f"  {row.valid_from:%d/%m/%Y}  {label}: {shown}  ({by}){note}")


def read_fact_rows(data: bytes) -> list[FactRow]:
    """The rows of a UTF-8 CSV with a header naming the four columns (in any order)."""
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise typer.BadParameter(t("cli_fact_file_utf8")) from None
    sample = decoded[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(decoded), delimiter=delimiter)
    header = next(reader, None) or []
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        for column, names in COLUMNS.items():
            if fold(name) in names:
                where.setdefault(column, index)
    missing = [column for column in COLUMNS if column not in where]
    if missing:
        raise typer.BadParameter(t("cli_fact_file_columns", missing=", ".join(missing)))
    rows: list[FactRow] = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells) or len(rows) >= MAX_ROWS:
            continue
        cells = cells + [""] * (len(header) - len(cells))
        picked = {column: cells[index] for column, index in where.items()}
        rows.append(
            FactRow(line, picked["unit"], picked["key"], picked["value"], picked["valid_from"])
        )
    return rows


@fact_app.command("import", help=t("cli_fact_import_help"))
def fact_import(
    file: Annotated[Path, typer.Argument(help=t("cli_fact_file_help"), exists=True)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("cli_fact_dry_run_help"))] = False,
) -> None:
    cli = _cli()
    settings = cli._settings()
    try:
        rows = read_fact_rows(file.read_bytes())
    except typer.BadParameter as error:
        raise cli._fail(str(error.message)) from None
    done, refused = cli._serve(
        settings,
        lambda work: facts.import_facts(
            FactRepository(work), rows, dry_run=dry_run, now=cli._now(settings)
        ),
    )
    lang = cli_language()
    for problem in refused:
        typer.secho(t("cli_fact_row", line=problem.line, why=problem.why.get(lang)), err=True)
    if refused:
        raise cli._fail(t("cli_fact_nothing_written", count=len(refused)))
    key = "cli_fact_would_import" if dry_run else "cli_fact_imported"
    typer.echo(t(key, count=len(done)))


def show_targets(document: Plan, unit_code: str, on: date | None) -> None:
    """Each target of the plan as the unit sees it on the day (today, or the plan's last day
    once ended): how measured, level, period, threshold, each unit's value, met or not."""
    cli = _cli()
    settings = cli._settings()
    day = on or cli._now(settings).date()
    day = min(max(day, document.starts), document.ends)  # an ended plan: its last day

    def work(unit_of_work: UnitOfWork) -> TargetReport:
        found = FactRepository(unit_of_work).fact_unit(unit_code)
        if found is None:
            raise cli._fail(text("admin_no_unit", cli_language(), code=unit_code))
        return targets.report(unit_of_work.connection, document, found[0], day, settings.zone)

    report = cli._work(settings, work)
    lang = cli_language()
    typer.echo(f"{t('cli_targets')} {t('cli_targets_on', day=f'{day:%d/%m/%Y}')}")
    for view in report.targets:
        typer.echo("")
        for line in standings.target_lines(view, lang):
            typer.echo(f"  {line}")


__all__ = ["fact_app", "read_fact_rows", "show_targets"]
