"""`antt-bot target`: an admin enters a unit's value of a target no data shows, lists them, and
closes a period (read-only from then on). The rules are services/target_values.py's, as in the
chat's /nhapchitieu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from bot.cli_language import t
from campaign.target_values import EnteredValue, Way
from services import target_values
from storage.documents import DocumentRepository
from storage.files import PhotoFiles
from storage.notices import NoticeRepository
from storage.target_values import TargetValueRepository
from storage.unit_of_work import UnitOfWork

T = TypeVar("T")

target_app = typer.Typer(
    help=t("cli_target_values"),
    no_args_is_help=True,
    context_settings={"help_option_names": ["--help", "-h"]},
)


class _Targets(TargetValueRepository, DocumentRepository, NoticeRepository):
    """What these commands need, on one unit of work."""


def _run(work: Callable[[_Targets], T]) -> T:
    """Run `work` in one transaction on the configured database (brought up to date first);
    a refusal ends the command with its reason."""
    from bot import cli  # it registers this group: imported when a command runs

    settings = cli._settings()
    files = PhotoFiles(settings.data_dir)

    def serve(unit: UnitOfWork) -> T:
        return work(_Targets(UnitOfWork(unit.connection, None, files, settings.zone)))

    return cli._serve(settings, serve)


def _day(text: str | None) -> date | None:
    from bot import cli

    return None if text is None else cli._day(text, cli._settings())


def _shown(way: Way, value: EnteredValue) -> str:
    if way == "met":
        return t("target_value_met") if value.met else t("target_value_not_met")
    return value.shown(way)


@target_app.command("set", help=t("cli_target_set_help"))
def target_set(
    plan: Annotated[str, typer.Argument(help=t("cli_plan_code"))],
    target: Annotated[str, typer.Argument(help=t("cli_target_code"))],
    unit: Annotated[str, typer.Argument(help=t("cli_target_unit"))],
    on: Annotated[str | None, typer.Option("--on", help=t("cli_target_on"))] = None,
    value: Annotated[str | None, typer.Option("--value", help=t("cli_target_value"))] = None,
    met: Annotated[str | None, typer.Option("--met", help=t("cli_target_met"))] = None,
    note: Annotated[str | None, typer.Option("--note", help=t("cli_target_note"))] = None,
    evidence: Annotated[
        Path | None,
        typer.Option("--evidence", exists=True, dir_okay=False, help=t("cli_target_evidence")),
    ] = None,
) -> None:
    day = _day(on)
    data = evidence.read_bytes() if evidence else None

    def work(store: _Targets) -> target_values.Saved:
        from bot import cli

        today = cli._now(cli._settings())
        task = target_values.admin_task(store, plan, target, unit, day or today.date())
        entered = target_values.typed_value(task, value, met)
        document = None
        if data is not None and evidence is not None:
            document = target_values.keep_evidence(
                store, store, None, task, data=data, name=evidence.name, now=today
            )
        return target_values.enter(
            store, store, store, None, task, entered, note=note, document_id=document, now=today
        )

    saved = _run(work)
    task = saved.task
    values = {
        "target": task.target.code,
        "unit": task.place.code,
        "start": f"{task.start:%d/%m/%Y}",
        "end": f"{task.end:%d/%m/%Y}",
        "value": _shown(task.way, saved.value),
    }
    if saved.before is not None:
        typer.echo(t("cli_target_changed", before=_shown(task.way, saved.before.value), **values))
    else:
        typer.echo(t("cli_target_saved", **values))


@target_app.command("close", help=t("cli_target_close_help"))
def target_close(
    plan: Annotated[str, typer.Argument(help=t("cli_plan_code"))],
    period_start: Annotated[str, typer.Option("--period-start", help=t("cli_target_period_start"))],
    unit: Annotated[str, typer.Option("--unit", help=t("cli_target_unit"))],
) -> None:
    start = _day(period_start)
    assert start is not None

    def work(store: _Targets) -> bool:
        from bot import cli

        now = cli._now(cli._settings())
        return target_values.close(store, store, None, plan, start, unit, now)

    closed = _run(work)
    if closed:
        typer.echo(t("cli_target_closed", start=f"{start:%d/%m/%Y}", plan=plan, unit=unit))
    else:
        typer.echo(t("cli_target_closed_already", unit=unit))


@target_app.command("list", help=t("cli_target_list_help"))
def target_list(
    plan: Annotated[str, typer.Argument(help=t("cli_plan_code"))],
    unit: Annotated[str, typer.Option("--unit", help=t("cli_target_unit"))],
    on: Annotated[str | None, typer.Option("--on", help=t("cli_target_on"))] = None,
) -> None:
    day = _day(on)

    def work(store: _Targets) -> list[target_values.Task]:
        from bot import cli

        return target_values.listing(store, plan, unit, day or cli._now(cli._settings()).date())

    found = _run(work)
    if not found:
        typer.echo(t("cli_target_nothing"))
    for task in found:
        shown = _shown(task.way, task.stored.value) if task.stored else t("cli_target_not_entered")
        locked = f" ({t('cli_target_locked')})" if task.closed else ""
        note = f" — {task.stored.note}" if task.stored and task.stored.note else ""
        typer.echo(
            f"{task.target.code}  {task.place.code}  "
            f"{task.start:%d/%m/%Y}–{task.end:%d/%m/%Y}: {shown}{note}{locked}"
        )


__all__ = ["target_app"]
