"""The `antt-bot` command line, in Vietnamese (English with ANTT_LANGUAGE=en).

Help texts are chosen when the app is built, from ANTT_LANGUAGE at that moment (the settings
are not validated for it: a bad setting's error is said in the admin's language too); messages
are chosen as they are said."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

import bot.import_pause
from bot import cli_backup, cli_reports, cli_units, logs
from bot.cli_console import console_app
from bot.cli_language import cli_language, localize_click, t
from bot.cli_models import model_app
from bot.cli_registry import commendation_app, dossier_app, rating_app, registration_app
from bot.cli_reports import report_app
from bot.cli_targets import target_app
from bot.roster_files import RosterFileError, other_sheets, read_rows, write_invites
from bot.settings import Settings, SettingsError, load_settings
from campaign.catalogs import spoken
from campaign.localized import Language
from campaign.plans import OPEN_END, DeadlineSpec, Plan, PlanError, load_document
from campaign.roles import Role, parse_role
from campaign.roster import Roster, RosterLayoutError, RowProblem, read_roster
from campaign.roster import parse_day as parse_roster_day
from services import demo as demo_data
from services import invites, plans, roster, run_blocking, unit_kinds, units
from services.demo import DemoInvites
from services.housekeeping import tidy_at_start
from services.invites import ImportedMember
from services.refusals import Refused
from storage import plans as stored_plans
from storage.database import Database, DatabaseUrlError
from storage.migrate import upgrade
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork

bot.import_pause.resume()
IMPORT_BATCH = 200
T = TypeVar("T")

localize_click()
HELP = {"help_option_names": ["--help", "-h"]}
app = typer.Typer(
    help=t("cli_antt_bot_the_chatbot_of"),
    no_args_is_help=True,
    add_completion=False,
    context_settings=HELP,
)
unit_app = typer.Typer(
    help=t("cli_units_province_commune_team"),
    no_args_is_help=True,
    context_settings=HELP,
)
invite_app = typer.Typer(help=t("cli_invite_codes"), no_args_is_help=True, context_settings=HELP)
db_app = typer.Typer(help=t("cli_database"), no_args_is_help=True)
roster_app = typer.Typer(help=t("cli_member_rosters"), no_args_is_help=True, context_settings=HELP)
flows_app = typer.Typer(help=t("cli_conversation_flows"), no_args_is_help=True)
plan_app = typer.Typer(help=t("cli_emulation_plans"), no_args_is_help=True, context_settings=HELP)


@app.callback()
def _private_files() -> None:
    """Whatever a command writes (database, WAL, photos, workbooks, the secret key) is for the
    bot's own user only, whatever umask the shell or the service manager set."""
    os.umask(0o077)


app.add_typer(unit_app, name="unit")
unit_app.add_typer(cli_units.kind_app, name="kind")
unit_app.add_typer(cli_units.group_app, name="group")
unit_app.command("cover", help=t("cli_unit_cover"))(cli_units.cover)
app.add_typer(invite_app, name="invite")
app.add_typer(db_app, name="db")
app.add_typer(roster_app, name="roster")
app.add_typer(flows_app, name="flows")
app.add_typer(plan_app, name="plan")
app.add_typer(registration_app, name="registration")
app.add_typer(rating_app, name="rating")
app.add_typer(commendation_app, name="commendation")
app.add_typer(dossier_app, name="dossier")
app.add_typer(model_app, name="model")
app.add_typer(target_app, name="target")
app.add_typer(console_app, name="console")
app.add_typer(report_app, name="report")
app.command("backup", help=t("cli_backup_help"))(cli_backup.backup_command)
app.command("restore", help=t("cli_restore_help"))(cli_backup.restore_command)


def _fail(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(2)


def _refused(error: Refused) -> typer.Exit:
    return _fail(error.reason.get(cli_language()))


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise _fail(t("cli_configuration_error", error=error.text(cli_language()))) from None


def _bad_url(error: DatabaseUrlError) -> typer.Exit:
    return _fail(t("cli_configuration_error_antt_database_url", error=error))


def _database(settings: Settings) -> Database:
    try:
        return Database(settings.resolved_database_url)
    except DatabaseUrlError as error:
        raise _bad_url(error) from None


def _work(settings: Settings, work: Callable[[UnitOfWork], T]) -> T:
    """Run `work` in one unit of work on the configured database (one transaction)."""
    return run_blocking(_database(settings), work)


def _serve(settings: Settings, service: Callable[[UnitOfWork], T]) -> T:
    """Bring the database up to date, then run `service` in one unit of work; a refusal of
    the service ends the command with its reason."""
    _migrate(settings)
    try:
        return _work(settings, service)
    except Refused as error:
        raise _refused(error) from None


def _migrate(settings: Settings) -> None:
    try:
        upgrade(settings.resolved_database_url)
    except DatabaseUrlError as error:
        raise _bad_url(error) from None
    except Exception as error:  # a database that cannot be reached: one line, not a traceback
        raise _fail(
            t("cli_cannot_reach_the_database", kind=type(error).__name__, error=error)
        ) from None


YES, NO = {"y", "yes", "c", "co", "ok", "dong y"}, {"n", "no", "k", "khong"}


def _confirm(question: str) -> bool:
    """y/n in either language (c/có, k/không too); Enter is yes; asked again if unclear."""
    from campaign.normalize import fold

    for _ in range(3):
        answer = fold(typer.prompt(f"{question} [{t('cli_y_n')}]", default="", show_default=False))
        if answer in YES or not answer:
            return True
        if answer in NO:
            return False
        typer.echo(t("cli_please_answer_y_yes_or"))
    return False


def _day(text: str | None, settings: Settings) -> date:
    if text is None:
        return _now(settings).date()
    parsed = parse_roster_day(text)
    if parsed is None:
        raise _fail(t("cli_not_a_date_dd_mm", text=f"{text!r}"))
    return parsed


def _now(settings: Settings) -> datetime:
    return datetime.now(settings.zone)


def _print_demo(demo: DemoInvites, url: str | None, report: str | None = None) -> None:
    if url:
        typer.echo(t("cli_open_the_chat_at", url=url))
    if demo.plan:
        typer.echo(t("cli_running_plan_antt_bot_plan", plan=demo.plan[1], code=demo.plan[0]))
    if report:
        typer.echo(t("cli_demo_report"))
        typer.echo(f"  {report}")
    typer.echo(t("cli_demo_invite_codes_each_used"))
    lang = cli_language()
    shown = (demo.member, demo.leader, demo.officer)
    width = max(len(invite.role.label(lang)) for invite in shown)  # one column of codes
    for invite in shown:
        typer.echo(f"  {invite.role.label(lang):<{width}}  {invite.code}  ({invite.unit_name})")
    if url:
        console = f"{url.rstrip('/')}/quanly/"
        typer.echo(t("cli_demo_console", url=console, admin=demo_data.DEMO_ADMIN))


MISPLACED_SHOWN = 100  # log lines; a whole province imported wrongly is summed up


def _report_misplaced(database: Database, settings: Settings) -> None:
    """Members and open invites made before roles had to fit their unit's kind: said at start
    (ids and unit codes, no names: the log is not the place for personal data)."""
    rows = run_blocking(database, lambda work: units.misplaced_rows(work.units, _now(settings)))
    if not rows:
        return
    log = logging.getLogger("antt_bot.roles")
    for row in rows[:MISPLACED_SHOWN]:
        log.warning(
            "roles: %s id %s has role %s on unit %s of kind %s, which does not take it",
            row.table,
            row.id,
            row.role,
            row.unit_code,
            row.unit_kind,
        )
    if len(rows) > MISPLACED_SHOWN:
        log.warning("roles: and %d more", len(rows) - MISPLACED_SHOWN)
    typer.secho(
        t("cli_warning_members_or_invites_hold", count=len(rows)),
        fg=typer.colors.YELLOW,
        err=True,
    )


class ProcessRole(StrEnum):
    """What one process runs (bot/settings.py `role`)."""

    WEB = "web"
    JOBS = "jobs"
    ALL = "all"


@app.command(help=t("cli_apply_migrations_then_run_the"))
def run(
    role: Annotated[
        ProcessRole | None, typer.Option("--role", help=t("cli_run_role_help"), show_default=False)
    ] = None,
) -> None:
    import uvicorn

    settings = _settings()
    if role is not None:
        settings = settings.model_copy(update={"role": role.value})
    if settings.role != "all" and _in_memory(settings.resolved_database_url):
        raise _fail(t("cli_role_needs_a_shared_database", role=settings.role))
    if settings.data_dir.stat().st_mode & 0o077:  # made before this version, or by hand
        typer.secho(
            t(
                "cli_warning_other_users_can_read",
                data_dir=settings.data_dir,
            ),
            fg=typer.colors.YELLOW,
            err=True,
        )
    # Every role migrates: processes starting together take turns (storage/migrate.py).
    _migrate(settings)
    database = _database(settings)
    url = f"http://{settings.web_host}:{settings.web_port}/"
    if settings.role == "all":
        # Demo data on an empty database; while the demo units exist, their open codes are shown.
        demo = run_blocking(database, lambda work: _made_demo(settings, work, at_start=True))
    else:  # several processes: none makes a demo in a province's database
        demo = None
    if settings.role != "web":  # once per start of the province's jobs, not per web process
        sealer = Sealer(settings.secret_key)
        run_blocking(database, lambda work: tidy_at_start(work, _now(settings)), sealer)
    _say_what_runs(settings, demo, url)
    logs.configure([settings.telegram.token, settings.zalo.token], log_format=settings.log_format)
    if settings.role != "web":
        _report_misplaced(database, settings)
    from storage.backup import hold_serving_lock

    hold_serving_lock(settings.resolved_database_url)  # `antt-bot restore` refuses while held
    bot.import_pause.pause()  # the app's modules and routes live as long as the process
    from bot.app import create_app

    served = create_app(settings, database)
    bot.import_pause.resume()
    uvicorn.run(
        served,
        host=settings.web_host,
        port=settings.web_port,
        log_level="info",
        log_config=None,  # keep our handlers: they hide tokens
    )


def _say_what_runs(settings: Settings, demo: DemoInvites | None, url: str) -> None:
    if settings.role == "jobs":
        typer.echo(t("cli_role_jobs_started", url=f"{url}healthz"))
    elif demo is not None:
        if demo.created:
            typer.echo(t("cli_the_database_was_empty_demo"))
        _print_demo(demo, url, _report_command(settings, demo))
    else:
        typer.echo(t("cli_open_the_chat_at_invite", url=url))
    if settings.role == "web":
        typer.echo(t("cli_role_web_started"))
        for name, section in (("Telegram", settings.telegram), ("Zalo", settings.zalo)):
            if section.token and not section.webhook_url:
                typer.echo(t("cli_role_web_leaves_polling", channel=name, variable=name.upper()))


def _in_memory(raw_url: str) -> bool:
    """A SQLite database no second process can open."""
    from storage.database import normalize_url

    try:
        url = normalize_url(raw_url)
    except DatabaseUrlError:
        return False  # the migration says what is wrong with it
    name = url.database or ""
    memory = not name or name == ":memory:" or "mode=memory" in str(url)
    return url.get_backend_name() == "sqlite" and memory


def _made_demo(
    settings: Settings, work: UnitOfWork, *, at_start: bool
) -> demo_data.DemoInvites | None:
    """The demo's units, codes and plan, then the rest of it (a second commune, a village, an
    agency, a school, facts, a model, a commendation), in one transaction; at start, only on an
    empty database or beside the demo's own units."""
    from storage.files import PhotoFiles
    from storage.repository import Repository

    now = _now(settings)
    units_store = work.units
    made = (
        demo_data.demo_at_start(units_store, now)
        if at_start
        else demo_data.ensure_demo(units_store, now)
    )
    if made is not None:
        files = PhotoFiles(settings.data_dir)
        repository = Repository(work.connection, Sealer(settings.secret_key), files, settings.zone)
        demo_data.ensure_demo_extras(repository, units_store, now)
    return made


@app.command(help=t("cli_create_the_demo_data_running"))
def demo() -> None:
    settings = _settings()
    _migrate(settings)
    result = _work(settings, lambda work: _made_demo(settings, work, at_start=False))
    assert result is not None  # asked for, it is always made
    if result.created:
        typer.echo(t("cli_demo_data_created"))
    else:
        typer.echo(t("cli_the_demo_data_is_already"))
    url = f"http://{settings.web_host}:{settings.web_port}/"
    _print_demo(result, url, _report_command(settings, result))


def _report_command(settings: Settings, demo: DemoInvites) -> str | None:
    """The demo commune's report drafted at the command line, typed out whole (the demo plan's
    code carries its first day)."""
    if not demo.plan:
        return None
    plan_code = demo.plan[0]
    found = _work(settings, lambda work: plans.document(work, plan_code))
    return cli_reports.demo_command(
        found[0] if found else None, demo_data.DEMO_COMMUNE[0], _now(settings).date()
    )


@db_app.command("upgrade", help=t("cli_apply_missing_migrations"))
def db_upgrade() -> None:
    settings = _settings()
    _migrate(settings)
    typer.echo(t("cli_the_database_is_up_to"))


CODE_HELP = t("cli_unit_code_e_g_hn")


@unit_app.command("add", help=t("cli_add_a_unit"))
def unit_add(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    name: Annotated[str, typer.Argument(help=t("cli_unit_name"))],
    kind: Annotated[
        str,
        typer.Option(help=t("cli_province_commune_team")),
    ] = "team",
    parent: Annotated[str | None, typer.Option(help=t("cli_code_of_the_unit_above"))] = None,
    covers: Annotated[str | None, typer.Option(help=t("cli_unit_cover_village"))] = None,
) -> None:
    settings = _settings()

    def add(work: UnitOfWork) -> tuple[str, str]:
        now = _now(settings)
        added = units.add_unit(
            work.units, code=code, name=name, kind=kind, parent_code=parent, now=now
        )
        if covers is not None:  # in the same transaction: a refused village adds no team
            unit_kinds.cover(work.units, added[0], covers, now)
        return added

    code, name = _serve(settings, add)
    typer.echo(t("cli_added_unit", code=code, name=name))


@unit_app.command("list", help=t("cli_list_the_open_units"))
def unit_list(
    everything: Annotated[
        bool,
        typer.Option("--all", help=t("cli_closed_and_merged_units_too")),
    ] = False,
) -> None:
    settings = _settings()
    _migrate(settings)
    rows = _work(settings, lambda work: units.list_units(work.units, everything))
    if not rows:
        typer.echo(t("cli_no_units_yet"))
        return
    head = [t(key) for key in ("cli_units_column_code", "cli_units_column_kind")]
    head += [t(key) for key in ("cli_units_column_parent", "cli_units_column_members")]
    head.append(t("cli_units_column_name"))
    typer.echo(f"{head[0]:<20} {head[1]:<10} {head[2]:<14} {head[3]:>4}  {head[4]}")
    for row in rows:
        closed = ""
        if row.valid_to is not None:
            closed = t("cli_closed", valid_to=f"{row.valid_to:%d/%m/%Y}")
            closed += f" → {row.successor_code})" if row.successor_code else ")"
        covers = t("cli_unit_covers_area", area=row.area_code) if row.area_code else ""
        typer.echo(
            f"{row.code:<20} {row.kind:<10} {row.parent_code or '':<14} {row.members:>4}  "
            f"{row.name}{closed}{covers}"
        )


@unit_app.command("rename", help=t("cli_rename_a_unit"))
def unit_rename(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    name: Annotated[str, typer.Argument(help=t("cli_new_name"))],
) -> None:
    settings = _settings()
    old = _serve(settings, lambda work: units.rename_unit(work.units, code, name, _now(settings)))
    typer.echo(t("cli_renamed", code=code, old=old, name=name.strip()))


@unit_app.command("move", help=t("cli_put_a_unit_under_another"))
def unit_move(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    parent: Annotated[str, typer.Option(help=t("cli_code_of_the_new_unit"))],
) -> None:
    settings = _settings()
    _serve(settings, lambda work: units.move_unit(work.units, code, parent, _now(settings)))
    typer.echo(t("cli_moved_under", code=code, parent=parent))


ON_HELP = t("cli_day_dd_mm_yyyy_today")


@unit_app.command(
    "close",
    help=t("cli_close_a_unit_that_holds"),
)
def unit_close(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    on: Annotated[str | None, typer.Option("--on", help=ON_HELP)] = None,
) -> None:
    settings = _settings()
    day = _day(on, settings)
    withdrawn = _serve(
        settings, lambda work: units.close_unit(work.units, code, day, _now(settings))
    )
    typer.echo(
        t("cli_closed_on_unused_invite_code", code=code, day=f"{day:%d/%m/%Y}", withdrawn=withdrawn)
    )


@unit_app.command(
    "merge",
    help=t("cli_merge_a_unit_into_its"),
)
def unit_merge(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    into: Annotated[str, typer.Option("--into", help=t("cli_successor_s_code"))],
    on: Annotated[str | None, typer.Option("--on", help=ON_HELP)] = None,
) -> None:
    settings = _settings()
    day = _day(on, settings)
    merged = _serve(
        settings, lambda work: units.merge_unit(work.units, code, into, day, _now(settings))
    )
    typer.echo(
        t(
            "cli_merged_into_on_moved_member",
            code=code,
            into=into,
            day=f"{day:%d/%m/%Y}",
            members=merged.members,
            units=merged.units,
            invites=merged.invites,
        )
    )


@invite_app.command(
    "create",
    help=t("cli_create_invite_codes_for_a"),
)
def invite_create(
    unit: Annotated[str, typer.Option(help=t("cli_unit_code"))],
    role: Annotated[str, typer.Option(help="member, deputy, leader, officer, admin")],
    count: Annotated[
        int, typer.Option(min=1, max=invites.MAX_INVITES, help=t("cli_how_many_codes"))
    ] = 1,
    days: Annotated[
        int, typer.Option(min=1, max=invites.MAX_INVITE_DAYS, help=t("cli_days_they_stay_valid"))
    ] = invites.INVITE_DAYS,
) -> None:
    parsed = parse_role(role)
    if parsed is None:
        roles = ", ".join(r.value for r in Role)
        raise _fail(t("cli_unknown_role_use", role=role, roles=roles))
    settings = _settings()
    issued = _serve(
        settings,
        lambda work: invites.create_invites(
            work.units, unit_code=unit, role=parsed, count=count, days=days, now=_now(settings)
        ),
    )
    lang = cli_language()
    for invite in issued:
        expires = invite.expires_at.astimezone(settings.zone).strftime("%d/%m/%Y")
        typer.echo(
            f"{invite.code}  {invite.role.label(lang)}  {invite.unit_name}  "
            + t("cli_expires", expires=expires)
        )


@roster_app.command(
    "import",
    help=t("cli_import_a_member_roster_xlsx"),
)
def roster_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("cli_check_only"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=t("cli_do_not_ask_to_confirm"))] = False,
    output: Annotated[
        Path | None,
        typer.Option(help=t("cli_the_xlsx_file_to_write")),
    ] = None,
) -> None:
    settings = _settings()
    _migrate(settings)
    database = _database(settings)
    found = _read_roster_file(file, settings)
    problems = found.problems
    good = run_blocking(
        database,
        lambda work: roster.check(work.units, found.people, problems, importer=roster.COMMAND_LINE),
    )
    if problems:
        _say_row_problems(problems)
        raise typer.Exit(1)
    dated = sum(1 for row, _ in good if row.joined_on is not None)
    typer.echo(t("cli_checked_valid_lines", count=len(good), dated=dated))
    if dry_run or not good:
        return
    target = _invite_list_target(file, output)
    if not yes and not _confirm(t("cli_import_members", count=len(good))):
        typer.echo(t("cli_cancelled_nothing_changed"))
        return
    imported: list[ImportedMember] = []
    with typer.progressbar(good, label=t("cli_importing")) as progress:
        for row, unit in progress:
            imported.append(
                run_blocking(
                    database,
                    lambda work, row=row, unit=unit: roster.import_row(  # type: ignore[misc]
                        work.units, row, unit, _now(settings)
                    ),
                )
            )
    _write_invite_list(file, target, imported, settings)


def _read_roster_file(file: Path, settings: Settings) -> Roster:
    """The roster's people and row problems; a file that cannot be read at all ends here."""
    try:
        rows = list(read_rows(file))
        if not any(cell.strip() for _, cells in rows for cell in cells):
            raise _fail(t("cli_the_file_is_empty_not", name=file.name))
        found = read_roster(rows, _now(settings).date())
        skipped = other_sheets(file)
    except RosterFileError as error:
        raise _fail(error.text(cli_language())) from None
    except RosterLayoutError as error:
        raise _fail(f"{file.name}: {error.why.get(cli_language())}") from None
    if skipped:
        names = ", ".join(repr(name) for name in skipped)
        typer.secho(
            t("cli_note_only_the_first_sheet", names=names),
            fg=typer.colors.YELLOW,
            err=True,
        )
    if found.ends_at is not None:
        typer.echo(t("cli_stopped_reading_at_line_the", ends_at=found.ends_at))
    return found


def _say_row_problems(problems: list[RowProblem]) -> None:
    lang = cli_language()
    typer.secho(
        t("cli_bad_lines_nothing_imported", count=len(problems)),
        fg=typer.colors.RED,
        err=True,
    )
    for problem in sorted(problems, key=lambda p: p.line):
        typer.echo(
            t("cli_line", line=problem.line) + problem.why.get(lang),
            err=True,
        )


def _invite_list_target(file: Path, output: Path | None) -> Path:
    """Where the invite codes will be written, found writable before anything is imported
    (the codes would be made and never handed out)."""
    target = output or file.with_name(f"{file.stem}-ma-moi.xlsx")
    if not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
        raise _fail(t("cli_cannot_write_the_invite_list", target=target))
    return target


def _write_invite_list(
    file: Path, target: Path, imported: list[ImportedMember], settings: Settings
) -> None:
    try:
        write_invites(target, imported, source=file.name, made_at=_now(settings))
    except OSError as error:
        # The people are in; running the import again lists their codes ("đã có").
        raise _fail(
            t(
                "cli_imported_people_but_could_not",
                count=len(imported),
                target=target,
                strerror=error.strerror,
            )
        ) from None
    created = sum(1 for item in imported if item.created)
    typer.echo(
        t(
            "cli_imported_new_already_there_invite",
            created=created,
            count=len(imported) - created,
            target=target,
        )
    )


@plan_app.command(
    "load",
    help=t("cli_load_or_replace_a_plan"),
)
def plan_load(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    scope: Annotated[
        str | None,
        typer.Option(help=t("cli_run_it_on_this_unit")),
    ] = None,
) -> None:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(t("cli_is_not_utf", name=file.name)) from None
    try:
        document = load_document(text)
    except PlanError as error:
        raise _plan_problems(file, error) from None
    settings = _settings()
    _migrate(settings)
    try:
        new = _work(
            settings,
            lambda work: plans.load(
                work, document, text, _now(settings), scope, loader=plans.COMMAND_LINE
            ),
        )
    except stored_plans.PlanScopeError as error:
        raise _fail(t("cli_no_unit_add_it_with", error=error)) from None
    except PlanError as error:  # names a kind of unit the database does not know
        raise _plan_problems(file, error) from None
    lang = cli_language()
    done = t("cli_plan_loaded") if new else t("cli_plan_replaced")
    typer.echo(f"{done} {document.code}: {document.name.get(lang)}")


def _plan_problems(file: Path, error: PlanError) -> typer.Exit:
    count = len(error.problems)
    typer.secho(
        t("cli_problems_nothing_loaded", name=file.name, count=count),
        fg=typer.colors.RED,
        err=True,
    )
    for problem in error.lines(cli_language()):
        typer.echo(f"  {problem}", err=True)
    return typer.Exit(1)


@plan_app.command(
    "list",
    help=t("cli_list_the_loaded_plans_and"),
)
def plan_list() -> None:
    settings = _settings()
    _migrate(settings)
    rows = _work(settings, plans.listed)
    if not rows:
        typer.echo(t("cli_no_plan_loaded_yet_antt"))
        return
    today = _now(settings).date()
    for row in rows:
        period = ""
        if row.starts and row.ends:
            state = _STATE_WORDS[plans.state_on(row.starts, row.ends, today)]
            period = f"{row.starts:%d/%m/%Y}–{_last_day(row.ends)} ({t(state)})"
        kind = t("cli_plan") if row.kind == "plan" else t("cli_grading")
        typer.echo(f"{row.code:<28} {kind:<9} {row.scope_code or '':<10} {period}  {row.name}")


@plan_app.command(
    "show",
    help=t("cli_show_a_plans_phases"),
)
def plan_show(
    code: Annotated[str, typer.Argument(help=t("cli_plan_code"))],
    unit: Annotated[str | None, typer.Option("--unit", help=t("cli_plan_show_unit"))] = None,
    on: Annotated[str | None, typer.Option("--on", help=t("cli_plan_show_on"))] = None,
) -> None:
    settings = _settings()
    _migrate(settings)
    lang = cli_language()
    try:
        found = _work(settings, lambda work: plans.document(work, code))
    except PlanError as error:
        problems = "\n".join(f"  {p}" for p in error.lines(lang))
        raise _fail(t("cli_the_stored_plan_is_no", code=code, problems=problems)) from None
    if found is None:
        raise _fail(t("cli_no_plan_see_antt_bot", code=code))
    document, scope_code = found
    typer.echo(f"{document.name.get(lang)}\n{t('cli_issued_by')}: {document.issuer}")
    if not isinstance(document, Plan):
        for grade in document.grades:
            typer.echo(
                f"  {grade.name.get(lang)}: " + t("cli_above_of_tasks", above=f"{grade.above:.0%}")
            )
        return
    today = _now(settings).date()
    # As `plan list` says it: the seed plans have all ended.
    state = _STATE_WORDS[plans.state_on(document.starts, document.ends, today)]
    typer.echo(
        f"{t('cli_scope')}: {scope_code}; "
        f"{document.starts:%d/%m/%Y}–{_last_day(document.ends)} ({t(state)})"
    )
    _show_phases(document, today, lang)
    _show_areas(document, lang)
    _show_targets_and_deadlines(document, lang)
    if document.targets:  # each target measured for the unit and the units under it
        shown_for = unit or scope_code or document.scope
        cli_facts.show_targets(document, shown_for, _day(on, settings) if on else None)


def _last_day(ends: date) -> str:
    """A plan's last day, or "every year, until ended" for a yearly plan not ended yet."""
    return t("cli_until_ended") if ends == OPEN_END else f"{ends:%d/%m/%Y}"


_STATE_WORDS: dict[plans.State, str] = {
    "running": "cli_running",
    "not_started": "cli_not_started",
    "ended": "cli_ended",
}


def _show_phases(document: Plan, today: date, lang: Language) -> None:
    if not document.phases:
        return
    current = document.phase_on(today)
    typer.echo(t("cli_phases"))
    for phase in document.phases:
        mark = t("cli_running_2") if phase == current else ""
        typer.echo(
            f"  {phase.name.get(lang)}: {phase.starts:%d/%m/%Y}–{phase.ends:%d/%m/%Y} "
            f"{phase.theme}{mark}"
        )


def _show_areas(document: Plan, lang: Language) -> None:
    if not document.areas:
        return
    typer.echo(t("cli_content_areas_points_per_verified"))
    for area in document.areas:
        caps = ", ".join(
            f"{n}/{t('cli_day') if k == 'per_day' else t('cli_week')}"
            for k, n in area.caps.model_dump().items()
            if n
        )
        limit = f" ({t('cli_at_most')} {caps})" if caps else ""
        typer.echo(f"  {area.name.get(lang)}: {area.points} {t('cli_points')}{limit}")


def _show_targets_and_deadlines(document: Plan, lang: Language) -> None:
    if document.deadlines:
        typer.echo(t("cli_deadlines"))
        for deadline in document.deadlines:
            one_off = deadline.one_off
            when = (
                f"{one_off:%d/%m/%Y}"
                if one_off
                else f"{_every_year_due(deadline, document)} {t('cli_every_year')}"
            )
            typer.echo(f"  {when}: {deadline.title.get(lang)} — {deadline.deliverable.get(lang)}")


def _every_year_due(deadline: DeadlineSpec, document: Plan) -> str:
    """A yearly deadline's day as the file wrote it (dd/mm); one worded "trước ngày dd/mm"
    shows the day it is due, the day before."""
    if deadline.yearly_before is None:
        return str(deadline.yearly_by or deadline.yearly)
    due = deadline.due_in(document.starts.year)
    return f"{due.day:02d}/{due.month:02d}"


@flows_app.command(
    "diagram",
    help=t("cli_print_the_mermaid_diagram_of"),
)
def flows_diagram(
    area: Annotated[
        str | None,
        typer.Argument(help=t("cli_area_code_e_g_tip")),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help=t("cli_vi_or_en_antt_language")),
    ] = None,
) -> None:
    from campaign.areas import DEFAULT_AREAS
    from handlers.diagram import area_diagram, desk_diagram, desk_flows

    chosen = [a for a in DEFAULT_AREAS if area in (None, a.code)]
    desks = [d for d in desk_flows() if area in (None, d.name)]
    if not chosen and not desks:
        codes = ", ".join([a.code for a in DEFAULT_AREAS] + [d.name for d in desk_flows()])
        raise _fail(t("cli_no_area_there_are", area=area, codes=codes))
    language: Language = cli_language() if lang is None else spoken(lang)
    for item in chosen:
        typer.echo(f"%% {item.code}\n{area_diagram(item, language)}")
    for desk in desks:  # the desks' maps of states
        typer.echo(f"%% {desk.name}\n{desk_diagram(desk, language)}")


from bot import cli_facts  # noqa: E402  (it reads this module's helpers when a command runs)

unit_app.add_typer(cli_facts.fact_app, name="fact")

# --- calendar: plan end, broadcast list|cancel (commands of their own module) ---
from bot import cli_calendar  # noqa: E402, F401  # it adds its commands and groups to `app`

if __name__ == "__main__":
    app()
