"""`antt-bot report`: draft a unit's report for a plan's report deadline (the .docx and its
.xlsx annex, kept like any report the bot drafts), list the drafts kept, and check or export the
report templates a province replaces with its own letterhead. The rules are
services/reports.py's, as in the chat's /baocao and the console's "Soạn báo cáo"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from bot.cli_language import cli_language, t
from bot.report_doors import renderer
from bot.settings import Settings
from campaign import periods
from campaign.catalogs import available
from campaign.localized import Language
from campaign.plans import GradingGuide, Plan
from campaign.report_content import ReportData
from services import plans, reports
from services.ports import COMMAND_LINE, ReportRow
from services.refusals import Refused
from storage.plans import PlanRow
from storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from storage.repository import Repository

T = TypeVar("T")
HELP = {"help_option_names": ["--help", "-h"]}

report_app = typer.Typer(help=t("cli_report_help"), no_args_is_help=True, context_settings=HELP)
template_app = typer.Typer(
    help=t("cli_report_template_help"), no_args_is_help=True, context_settings=HELP
)
report_app.add_typer(template_app, name="template")

LISTED_DRAFTS = 20


class Problem(Exception):
    """What the admin typed names nothing to report on (a plan, a unit): said, exit 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _say_and_stop(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(1)


def repository(settings: Settings, work: UnitOfWork) -> Repository:
    """The unit of work as every port the report services read (figures, documents, audit)."""
    from storage.files import PhotoFiles
    from storage.repository import Repository
    from storage.sealing import Sealer

    files = PhotoFiles(settings.data_dir)
    return Repository(work.connection, Sealer(settings.secret_key), files, settings.zone)


def _run(work: Callable[[Settings, UnitOfWork], T]) -> T:
    """`work` in one transaction on the configured database (brought up to date first); a
    refusal or a name that fits nothing ends the command with exit 1, nothing changed."""
    from bot import cli

    settings = cli._settings()
    cli._migrate(settings)
    try:
        return cli._work(settings, lambda unit: work(settings, unit))
    except Refused as refused:
        raise _say_and_stop(refused.reason.get(cli_language())) from None
    except Problem as problem:
        raise _say_and_stop(problem.message) from None


# --- --plan: its code, or the start or a part of one code (the demo plan's code ends with its
# first day; a plan file is often named without its code's province prefix) ---
def plan_code(rows: list[PlanRow], typed: str) -> str:
    """The loaded plan `typed` names: its code, else the start of exactly one plan's code, else
    a part of exactly one."""
    wanted = typed.strip().casefold()
    found = [row for row in rows if row.kind == "plan"]
    exact = [row for row in found if row.code.casefold() == wanted]
    if exact:
        return exact[0].code
    starting = [row for row in found if wanted and row.code.casefold().startswith(wanted)]
    if not starting:  # a plan's file name without its code's prefix ("2026-thi-dua-dac-biet")
        starting = [row for row in found if wanted and wanted in row.code.casefold()]
    if len(starting) == 1:
        return starting[0].code
    if starting:
        raise Problem(t("cli_report_plan_ambiguous", plan=typed[:64], plans=_plan_lines(starting)))
    listing = _plan_lines(found) if found else t("cli_report_no_plans")
    raise Problem(t("cli_report_plan_unknown", plan=typed[:64], plans=listing))


def _plan_lines(rows: list[PlanRow]) -> str:
    return "\n".join(f"  • {row.code}  {row.name}" for row in rows)


def _unit_id(work: UnitOfWork, code: str) -> int:
    unit = work.units.unit(code.strip())
    if unit is None:
        raise Problem(t("cli_report_unit_unknown", unit=code[:64]))
    return unit.id


@dataclass(frozen=True)
class Written:
    built: reports.BuiltReport
    plan_code: str


@report_app.command("build", help=t("cli_report_build_help"))
def report_build(
    unit: Annotated[str, typer.Option("--unit", help=t("cli_report_unit"))],
    plan: Annotated[str, typer.Option("--plan", help=t("cli_report_plan"))],
    period: Annotated[str, typer.Option("--period", help=t("cli_report_period"))],
    out: Annotated[
        Path, typer.Option("--out", dir_okay=False, writable=True, help=t("cli_report_out"))
    ],
    deadline: Annotated[
        str | None, typer.Option("--deadline", help=t("cli_report_deadline"))
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cli_report_as_of"))] = None,
    annex: Annotated[
        Path | None,
        typer.Option("--annex", dir_okay=False, writable=True, help=t("cli_report_annex")),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help=t("cli_report_lang"))] = "vi",
) -> None:
    from bot import cli

    annex_path = annex or out.with_suffix(".xlsx")
    for path in (out, annex_path):  # said before anything is built or kept
        if not path.parent.is_dir():
            raise _say_and_stop(t("cli_report_no_folder", folder=str(path.parent)))
    if annex_path.resolve() == out.resolve():
        raise _say_and_stop(t("cli_report_same_file", path=str(out)))
    language: Language = lang.strip().casefold()
    if language not in available():
        raise _say_and_stop(t("cli_report_bad_lang", lang=lang[:8], langs=", ".join(available())))

    def work(settings: Settings, unit_of_work: UnitOfWork) -> Written:
        day = None if as_of is None else cli._day(as_of, settings)
        code = plan_code(plans.listed(unit_of_work), plan)
        unit_id = _unit_id(unit_of_work, unit)
        built = reports.build(
            repository(settings, unit_of_work),
            renderer(settings),
            COMMAND_LINE,
            plan_code=code,
            unit_id=unit_id,
            now=cli._now(settings),
            period=period,
            deadline_code=deadline,
            as_of=day,
            language=language,
        )
        return Written(built, code)

    written = _run(work)
    rendered = written.built.rendered
    try:
        out.write_bytes(rendered.docx)
        annex_path.write_bytes(rendered.xlsx)
    except OSError as error:
        raise _say_and_stop(t("cli_report_cannot_write", error=str(error))) from None
    for line in built_lines(written.built.data, rendered.template, written.plan_code):
        typer.echo(line)
    typer.echo(t("cli_report_docx", path=str(out)))
    typer.echo(t("cli_report_xlsx", path=str(annex_path)))


def built_lines(data: ReportData, template: str, plan: str) -> list[str]:
    """What the command says of a report it drafted: which, the days counted, the due day and
    the template."""
    span = data.span
    return [
        t(
            "cli_report_built",
            title=data.deadline_title,
            unit=data.heading.unit_name,
            plan=plan,
        ),
        t(
            "cli_report_window",
            label=span.label,
            code=span.code,
            starts=f"{span.starts:%d/%m/%Y}",
            ends=f"{span.as_of:%d/%m/%Y}",
        ),
        t("cli_report_due", due=f"{data.due:%d/%m/%Y}", deadline=data.deadline_code),
        t("cli_report_template", template=template),
    ]


@report_app.command("list", help=t("cli_report_list_help"))
def report_list(
    unit: Annotated[str, typer.Option("--unit", help=t("cli_report_unit"))],
) -> None:
    from bot import cli

    def work(settings: Settings, unit_of_work: UnitOfWork) -> list[ReportRow]:
        unit_id = _unit_id(unit_of_work, unit)
        return repository(settings, unit_of_work).reports_of(unit_id, limit=LISTED_DRAFTS)

    found = _run(work)
    if not found:
        typer.echo(t("cli_report_none_kept", unit=unit))
    zone = cli._settings().zone
    for row in found:
        built = row.built_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
        by = (
            t("cli_report_by_system")
            if row.built_by is None
            else t("cli_report_by_member", id=row.built_by)
        )
        typer.echo(
            f"#{row.id}  {built}  {row.plan_code}  {row.deadline_code}  "
            f"{row.due:%d/%m/%Y}  {row.period_code}  "
            f"{row.starts:%d/%m/%Y}–{row.as_of:%d/%m/%Y}  {by}  {row.template}"
        )


@template_app.command("check", help=t("cli_report_template_check_help"))
def template_check(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=t("cli_report_file"))],
) -> None:
    from bot import report_files

    problems = report_files.check(file.read_bytes())
    if problems:
        typer.secho(
            t("cli_report_template_bad", file=file.name, count=len(problems)),
            fg=typer.colors.RED,
            err=True,
        )
        for problem in problems:
            typer.secho(f"  • {problem}", err=True)
        raise typer.Exit(1)
    typer.echo(t("cli_report_template_good", file=file.name))


@template_app.command("export", help=t("cli_report_template_export_help"))
def template_export(
    folder: Annotated[Path, typer.Argument(file_okay=False, help=t("cli_report_folder"))],
) -> None:
    from bot import report_files

    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = report_files.export(folder)
    except OSError as error:
        raise _say_and_stop(t("cli_report_cannot_write", error=str(error))) from None
    for path in written:
        typer.echo(t("cli_report_template_written", path=str(path)))


def demo_command(plan: Plan | GradingGuide | None, unit_code: str, today: date) -> str | None:
    """The exact `antt-bot report build` for the demo commune's next report (None: none)."""
    if not isinstance(plan, Plan):
        return None
    coming = [(d, due) for d, due in periods.report_deadlines(plan, "commune") if due >= today]
    if not coming:
        return None
    deadline, due = coming[0]
    code = periods.code_for(plan, deadline, due, "commune")
    return (
        f"antt-bot report build --unit {unit_code} --plan {plan.code} --period {code} "
        f"--out bao-cao.docx"
    )


__all__ = ["report_app"]
