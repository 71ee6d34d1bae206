"""The `antt-bot` command line, in Vietnamese (English with ANTT_LANGUAGE=en).

Help texts are chosen when the app is built, from ANTT_LANGUAGE at that moment (the settings
are not validated for it: a bad setting's error is said in the admin's language too); messages
are chosen as they are said."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from bot import logs
from bot.cli_language import cli_language, localize_click, t
from bot.roster_files import RosterFileError, other_sheets, read_rows, write_invites
from bot.settings import Settings, SettingsError, load_settings
from campaign.plans import Plan, PlanError, load_document
from campaign.roles import Role, parse_role
from campaign.roster import Roster, RosterLayoutError, RowProblem, read_roster
from campaign.roster import parse_day as parse_roster_day
from campaign.text import Language
from services import plans, roster, run_blocking, units
from services.housekeeping import tidy_at_start
from storage import admin
from storage import plans as stored_plans
from storage.database import Database, DatabaseUrlError
from storage.migrate import upgrade
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork

IMPORT_BATCH = 200
T = TypeVar("T")

localize_click()
HELP = {"help_option_names": ["--help", "-h"]}
app = typer.Typer(
    help=t(
        "antt-bot: chatbot của lực lượng tham gia bảo vệ ANTT ở cơ sở.",
        "antt-bot: the chatbot of the grassroots security and order force.",
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings=HELP,
)
unit_app = typer.Typer(
    help=t("Đơn vị (tỉnh, xã, tổ).", "Units (province, commune, team)."),
    no_args_is_help=True,
    context_settings=HELP,
)
invite_app = typer.Typer(
    help=t("Mã mời.", "Invite codes."), no_args_is_help=True, context_settings=HELP
)
db_app = typer.Typer(help=t("Cơ sở dữ liệu.", "Database."), no_args_is_help=True)
roster_app = typer.Typer(
    help=t("Danh sách thành viên.", "Member rosters."), no_args_is_help=True, context_settings=HELP
)
flows_app = typer.Typer(help=t("Các luồng hội thoại.", "Conversation flows."), no_args_is_help=True)
plan_app = typer.Typer(
    help=t("Kế hoạch thi đua.", "Emulation plans."), no_args_is_help=True, context_settings=HELP
)


@app.callback()
def _private_files() -> None:
    """Whatever a command writes (database, WAL, photos, workbooks, the secret key) is for the
    bot's own user only, whatever umask the shell or the service manager set."""
    os.umask(0o077)


app.add_typer(unit_app, name="unit")
app.add_typer(invite_app, name="invite")
app.add_typer(db_app, name="db")
app.add_typer(roster_app, name="roster")
app.add_typer(flows_app, name="flows")
app.add_typer(plan_app, name="plan")


def _fail(vi: str, en: str | None = None) -> typer.Exit:
    typer.secho(t(vi, en or vi), fg=typer.colors.RED, err=True)
    return typer.Exit(2)


def _refused(error: admin.AdminError) -> typer.Exit:
    return _fail(error.text("vi"), error.text("en"))


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise _fail(
            f"Lỗi cấu hình: {error.text('vi')}", f"Configuration error: {error.text('en')}"
        ) from None


def _bad_url(error: DatabaseUrlError) -> typer.Exit:
    return _fail(
        f"Lỗi cấu hình: ANTT_DATABASE_URL: {error}",
        f"Configuration error: ANTT_DATABASE_URL: {error}",
    )


def _database(settings: Settings) -> Database:
    try:
        return Database(settings.resolved_database_url)
    except DatabaseUrlError as error:
        raise _bad_url(error) from None


def _work(settings: Settings, work: Callable[[UnitOfWork], T]) -> T:
    """Run `work` in one unit of work on the configured database (one transaction)."""
    return run_blocking(_database(settings), work)


def _migrate(settings: Settings) -> None:
    try:
        upgrade(settings.resolved_database_url)
    except DatabaseUrlError as error:
        raise _bad_url(error) from None
    except Exception as error:  # a database that cannot be reached: one line, not a traceback
        raise _fail(
            f"Không kết nối được cơ sở dữ liệu: {type(error).__name__}: {error}",
            f"Cannot reach the database: {type(error).__name__}: {error}",
        ) from None


YES, NO = {"y", "yes", "c", "co", "ok", "dong y"}, {"n", "no", "k", "khong"}


def _confirm(question: str) -> bool:
    """y/n in either language (c/có, k/không too); Enter is yes; asked again if unclear."""
    from campaign.normalize import fold

    for _ in range(3):
        answer = fold(
            typer.prompt(f"{question} [{t('C/k', 'Y/n')}]", default="", show_default=False)
        )
        if answer in YES or not answer:
            return True
        if answer in NO:
            return False
        typer.echo(t("Hãy trả lời c (có) hoặc k (không).", "Please answer y (yes) or n (no)."))
    return False


def _day(text: str | None, settings: Settings) -> date:
    if text is None:
        return _now(settings).date()
    parsed = parse_roster_day(text)
    if parsed is None:
        raise _fail(
            f"Ngày không hợp lệ: {text!r} (dd/mm/yyyy).", f"Not a date: {text!r} (dd/mm/yyyy)."
        )
    return parsed


def _now(settings: Settings) -> datetime:
    return datetime.now(settings.zone)


def _print_demo(demo: admin.DemoInvites, url: str | None) -> None:
    if url:
        typer.echo(t(f"Mở trò chuyện tại: {url}", f"Open the chat at: {url}"))
    if demo.plan:
        typer.echo(
            t(
                f"Kế hoạch đang chạy: {demo.plan[1]} (antt-bot plan show {demo.plan[0]})",
                f"Running plan: {demo.plan[1]} (antt-bot plan show {demo.plan[0]})",
            )
        )
    typer.echo(t("Mã mời dùng thử (mỗi mã dùng một lần):", "Demo invite codes (each used once):"))
    lang = cli_language()
    shown = (demo.member, demo.leader, demo.officer)
    width = max(len(invite.role.label(lang)) for invite in shown)  # one column of codes
    for invite in shown:
        typer.echo(f"  {invite.role.label(lang):<{width}}  {invite.code}  ({invite.unit_name})")


MISPLACED_SHOWN = 100  # log lines; a whole province imported wrongly is summed up


def _report_misplaced(database: Database, settings: Settings) -> None:
    """Members and open invites made before roles had to fit their unit's kind: said at start
    (ids and unit codes, no names: the log is not the place for personal data)."""
    rows = run_blocking(database, lambda work: units.misplaced(work, _now(settings)))
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
        t(
            f"Cảnh báo: {len(rows)} thành viên hoặc mã mời có vai trò không hợp với cấp đơn vị "
            "(Cán bộ Công an xã ở xã; Tổ viên, Tổ phó, Tổ trưởng ở tổ; Quản trị viên ở xã hoặc "
            "tỉnh). Xem nhật ký; cán bộ đặt sai chỗ không xem được người cung cấp nguồn tin.",
            f"Warning: {len(rows)} members or invites hold a role their unit's kind does not take "
            "(commune police on a commune; members, deputies, leaders on a team; admins on a "
            "commune or province). See the log; a misplaced officer cannot see an informant.",
        ),
        fg=typer.colors.YELLOW,
        err=True,
    )


@app.command(
    help=t(
        "Áp dụng migration rồi chạy bot (trò chuyện web; Telegram/Zalo khi có token).",
        "Apply migrations, then run the bot (web chat; Telegram/Zalo when a token is set).",
    )
)
def run() -> None:
    import uvicorn

    from bot.app import create_app

    settings = _settings()
    if settings.data_dir.stat().st_mode & 0o077:  # made before this version, or by hand
        typer.secho(
            t(
                f"Cảnh báo: người dùng khác đọc được thư mục dữ liệu {settings.data_dir}; "
                f"nên chạy: chmod -R go-rwx {settings.data_dir}",
                f"Warning: other users can read the data directory {settings.data_dir}; "
                f"run: chmod -R go-rwx {settings.data_dir}",
            ),
            fg=typer.colors.YELLOW,
            err=True,
        )
    _migrate(settings)
    database = _database(settings)
    # Demo data on an empty database; while the demo units exist, their open codes are shown.
    demo = run_blocking(database, lambda work: units.demo_at_start(work, _now(settings)))
    sealer = Sealer(settings.secret_key)
    run_blocking(database, lambda work: tidy_at_start(work, _now(settings)), sealer)
    url = f"http://{settings.web_host}:{settings.web_port}/"
    if demo is not None:
        if demo.created:
            typer.echo(
                t(
                    "Cơ sở dữ liệu trống: đã tạo dữ liệu minh họa.",
                    "The database was empty: demo data created.",
                )
            )
        _print_demo(demo, url)
    else:
        typer.echo(
            t(
                f"Mở trò chuyện tại: {url}  (mã mời: antt-bot demo, antt-bot invite create)",
                f"Open the chat at: {url}  (invite codes: antt-bot demo, antt-bot invite create)",
            )
        )
    logs.configure([settings.telegram.token, settings.zalo.token])
    _report_misplaced(database, settings)
    uvicorn.run(
        create_app(settings, database),
        host=settings.web_host,
        port=settings.web_port,
        log_level="info",
        log_config=None,  # keep our handlers: they hide tokens
    )


@app.command(
    help=t(
        "Tạo dữ liệu minh họa (chạy lại không tạo trùng) và in mã mời.",
        "Create the demo data (running it again duplicates nothing) and print invite codes.",
    )
)
def demo() -> None:
    settings = _settings()
    _migrate(settings)
    result = _work(settings, lambda work: units.ensure_demo(work, _now(settings)))
    if result.created:
        typer.echo(t("Đã tạo dữ liệu minh họa.", "Demo data created."))
    else:
        typer.echo(t("Dữ liệu minh họa đã có.", "The demo data is already there."))
    _print_demo(result, f"http://{settings.web_host}:{settings.web_port}/")


@db_app.command("upgrade", help=t("Áp dụng các migration còn thiếu.", "Apply missing migrations."))
def db_upgrade() -> None:
    settings = _settings()
    _migrate(settings)
    typer.echo(t("Cơ sở dữ liệu đã ở phiên bản mới nhất.", "The database is up to date."))


CODE_HELP = t("Mã đơn vị, ví dụ HN-XA-01-T1", "Unit code, e.g. HN-XA-01-T1")


@unit_app.command("add", help=t("Thêm một đơn vị.", "Add a unit."))
def unit_add(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    name: Annotated[str, typer.Argument(help=t("Tên đơn vị", "Unit name"))],
    kind: Annotated[
        str,
        typer.Option(help=t("province (tỉnh), commune (xã), team (tổ)", "province, commune, team")),
    ] = "team",
    parent: Annotated[
        str | None, typer.Option(help=t("Mã đơn vị cấp trên", "Code of the unit above"))
    ] = None,
) -> None:
    settings = _settings()
    _migrate(settings)
    try:
        code, name = _work(
            settings,
            lambda work: units.add_unit(
                work, code=code, name=name, kind=kind, parent_code=parent, now=_now(settings)
            ),
        )
    except admin.AdminError as error:
        raise _refused(error) from None
    typer.echo(t(f"Đã thêm đơn vị {code} — {name}.", f"Added unit {code} — {name}."))


@unit_app.command("list", help=t("Liệt kê các đơn vị đang hoạt động.", "List the open units."))
def unit_list(
    everything: Annotated[
        bool,
        typer.Option("--all", help=t("Cả đơn vị đã đóng, sáp nhập", "Closed and merged units too")),
    ] = False,
) -> None:
    settings = _settings()
    _migrate(settings)
    rows = _work(settings, lambda work: units.list_units(work, everything))
    if not rows:
        typer.echo(t("Chưa có đơn vị nào.", "No units yet."))
        return
    head = ("Code", "Kind", "Parent", "Mem", "Name")
    if cli_language() == "vi":
        head = ("Mã", "Cấp", "Cấp trên", "TV", "Tên")
    typer.echo(f"{head[0]:<20} {head[1]:<10} {head[2]:<14} {head[3]:>4}  {head[4]}")
    for row in rows:
        closed = ""
        if row.valid_to is not None:
            closed = t(f"  (đóng {row.valid_to:%d/%m/%Y}", f"  (closed {row.valid_to:%d/%m/%Y}")
            closed += f" → {row.successor_code})" if row.successor_code else ")"
        typer.echo(
            f"{row.code:<20} {row.kind:<10} {row.parent_code or '':<14} {row.members:>4}  "
            f"{row.name}{closed}"
        )


@unit_app.command("rename", help=t("Đổi tên một đơn vị.", "Rename a unit."))
def unit_rename(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    name: Annotated[str, typer.Argument(help=t("Tên mới", "New name"))],
) -> None:
    settings = _settings()
    _migrate(settings)
    try:
        old = _work(settings, lambda work: units.rename_unit(work, code, name, _now(settings)))
    except admin.AdminError as error:
        raise _refused(error) from None
    typer.echo(
        t(f"Đã đổi tên {code}: {old} → {name.strip()}.", f"Renamed {code}: {old} → {name.strip()}.")
    )


@unit_app.command(
    "move", help=t("Chuyển một đơn vị sang đơn vị cấp trên khác.", "Put a unit under another.")
)
def unit_move(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    parent: Annotated[
        str, typer.Option(help=t("Mã đơn vị cấp trên mới", "Code of the new unit above"))
    ],
) -> None:
    settings = _settings()
    _migrate(settings)
    try:
        _work(settings, lambda work: units.move_unit(work, code, parent, _now(settings)))
    except admin.AdminError as error:
        raise _refused(error) from None
    typer.echo(t(f"Đã chuyển {code} về dưới {parent}.", f"Moved {code} under {parent}."))


ON_HELP = t("Ngày (dd/mm/yyyy); mặc định hôm nay", "Day (dd/mm/yyyy); today if left out")


@unit_app.command(
    "close",
    help=t(
        "Đóng một đơn vị không còn ai (đặt valid_to): nó rời bảng xếp hạng, nhắc việc và menu; "
        "các mục đã ghi vẫn giữ.",
        "Close a unit that holds nobody (sets valid_to): it leaves standings, reminders and "
        "menus; its entries stay.",
    ),
)
def unit_close(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    on: Annotated[str | None, typer.Option("--on", help=ON_HELP)] = None,
) -> None:
    settings = _settings()
    day = _day(on, settings)
    _migrate(settings)
    try:
        withdrawn = _work(settings, lambda work: units.close_unit(work, code, day, _now(settings)))
    except admin.AdminError as error:
        raise _refused(error) from None
    typer.echo(
        t(
            f"Đã đóng {code} từ {day:%d/%m/%Y}; {withdrawn} mã mời chưa dùng đã bị thu hồi.",
            f"Closed {code} on {day:%d/%m/%Y}; {withdrawn} unused invite code(s) withdrawn.",
        )
    )


@unit_app.command(
    "merge",
    help=t(
        "Sáp nhập một đơn vị vào đơn vị kế thừa (như sáp nhập xã năm 2025): thành viên, các "
        "đơn vị bên dưới và mã mời chưa dùng chuyển sang; đơn vị cũ đóng; các mục đã ghi giữ "
        "đơn vị cũ.",
        "Merge a unit into its successor (as communes merged in 2025): its members, the units "
        "under it and its unused invites move over; the old unit closes; entries keep the unit "
        "they were logged in.",
    ),
)
def unit_merge(
    code: Annotated[str, typer.Argument(help=CODE_HELP)],
    into: Annotated[str, typer.Option("--into", help=t("Mã đơn vị kế thừa", "Successor's code"))],
    on: Annotated[str | None, typer.Option("--on", help=ON_HELP)] = None,
) -> None:
    settings = _settings()
    day = _day(on, settings)
    _migrate(settings)
    try:
        merged = _work(
            settings, lambda work: units.merge_unit(work, code, into, day, _now(settings))
        )
    except admin.AdminError as error:
        raise _refused(error) from None
    typer.echo(
        t(
            f"Đã sáp nhập {code} vào {into} từ {day:%d/%m/%Y}: chuyển {merged.members} thành "
            f"viên, {merged.units} đơn vị, {merged.invites} mã mời.",
            f"Merged {code} into {into} on {day:%d/%m/%Y}: moved {merged.members} member(s), "
            f"{merged.units} unit(s), {merged.invites} invite(s).",
        )
    )


@invite_app.command(
    "create",
    help=t("Tạo mã mời cho một đơn vị và vai trò.", "Create invite codes for a unit and role."),
)
def invite_create(
    unit: Annotated[str, typer.Option(help=t("Mã đơn vị", "Unit code"))],
    role: Annotated[str, typer.Option(help="member, deputy, leader, officer, admin")],
    count: Annotated[int, typer.Option(min=1, max=1000, help=t("Số mã", "How many codes"))] = 1,
    days: Annotated[
        int, typer.Option(min=1, max=365, help=t("Số ngày hiệu lực", "Days they stay valid"))
    ] = admin.INVITE_DAYS,
) -> None:
    parsed = parse_role(role)
    if parsed is None:
        roles = ", ".join(r.value for r in Role)
        raise _fail(
            f"Vai trò không rõ: {role}. Dùng: {roles}.", f"Unknown role: {role}. Use: {roles}."
        )
    settings = _settings()
    _migrate(settings)
    try:
        issued = _work(
            settings,
            lambda work: units.create_invites(
                work, unit_code=unit, role=parsed, count=count, days=days, now=_now(settings)
            ),
        )
    except admin.AdminError as error:
        raise _refused(error) from None
    lang = cli_language()
    for invite in issued:
        expires = invite.expires_at.astimezone(settings.zone).strftime("%d/%m/%Y")
        typer.echo(
            f"{invite.code}  {invite.role.label(lang)}  {invite.unit_name}  "
            + t(f"(hết hạn {expires})", f"(expires {expires})")
        )


@roster_app.command(
    "import",
    help=t(
        "Nhập danh sách thành viên (.xlsx/.csv). Các cột được tìm theo tiêu đề: STT, Họ và tên, "
        "Ngày sinh, Chức vụ/Vai trò, Số điện thoại, Đơn vị/Tổ, Ngày vào tổ (cần Họ và tên và "
        "Đơn vị/Tổ, hoặc dòng tên tổ phía trên các thành viên). Phần tiêu đề văn bản phía trên và "
        "chữ ký phía dưới được bỏ qua. Kiểm tra hết trước, rồi mới nhập.",
        "Import a member roster (.xlsx/.csv). Columns are found by their headers: STT, Họ và "
        "tên, Ngày sinh, Chức vụ/Vai trò, Số điện thoại, Đơn vị/Tổ, Ngày vào tổ (Họ và tên and "
        "Đơn vị/Tổ are needed, or a team's name on a row above its members). A title block above "
        "and signatures below are skipped. Everything is checked first, then imported.",
    ),
)
def roster_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=t("Chỉ kiểm tra, không nhập", "Check only"))
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=t("Không hỏi xác nhận", "Do not ask to confirm"))
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(help=t("Tệp .xlsx ghi mã mời", "The .xlsx file to write invite codes to")),
    ] = None,
) -> None:
    settings = _settings()
    _migrate(settings)
    database = _database(settings)
    found = _read_roster_file(file, settings)
    problems = found.problems
    good = run_blocking(database, lambda work: roster.check(work, found.people, problems))
    if problems:
        _say_row_problems(problems)
        raise typer.Exit(1)
    dated = sum(1 for row, _ in good if row.joined_on is not None)
    typer.echo(
        t(
            f"Kiểm tra xong: {len(good)} dòng hợp lệ ({dated} có ngày vào tổ).",
            f"Checked: {len(good)} valid line(s) ({dated} with a joining date).",
        )
    )
    if dry_run or not good:
        return
    target = _invite_list_target(file, output)
    if not yes and not _confirm(t(f"Nhập {len(good)} thành viên?", f"Import {len(good)} members?")):
        typer.echo(t("Đã huỷ, không thay đổi gì.", "Cancelled; nothing changed."))
        return
    imported: list[admin.ImportedMember] = []
    with typer.progressbar(good, label=t("Đang nhập", "Importing")) as progress:
        for row, unit in progress:
            imported.append(
                run_blocking(
                    database,
                    lambda work, row=row, unit=unit: roster.import_row(  # type: ignore[misc]
                        work, row, unit, _now(settings)
                    ),
                )
            )
    _write_invite_list(file, target, imported, settings)


def _read_roster_file(file: Path, settings: Settings) -> Roster:
    """The roster's people and row problems; a file that cannot be read at all ends here."""
    try:
        rows = list(read_rows(file))
        if not any(cell.strip() for _, cells in rows for cell in cells):
            raise _fail(
                f"{file.name}: tệp trống, không có dòng nào; chưa nhập gì.",
                f"{file.name}: the file is empty, not one line; nothing imported.",
            )
        found = read_roster(rows, _now(settings).date())
        skipped = other_sheets(file)
    except RosterFileError as error:
        raise _fail(error.text("vi"), error.text("en")) from None
    except RosterLayoutError as error:
        raise _fail(f"{file.name}: {error.why.vi}", f"{file.name}: {error.why.en}") from None
    if skipped:
        names = ", ".join(repr(name) for name in skipped)
        typer.secho(
            t(
                f"Chú ý: chỉ đọc trang tính đầu tiên; các trang {names} không được đọc. "
                "Hãy lưu mỗi trang thành một tệp rồi nhập từng tệp.",
                f"Note: only the first sheet is read; the sheets {names} are not. Save each "
                "sheet as a file of its own and import each file.",
            ),
            fg=typer.colors.YELLOW,
            err=True,
        )
    if found.ends_at is not None:
        typer.echo(
            t(
                f"Dừng đọc ở dòng {found.ends_at}: phần chữ ký, không phải thành viên.",
                f"Stopped reading at line {found.ends_at}: the signatures, not members.",
            )
        )
    return found


def _say_row_problems(problems: list[RowProblem]) -> None:
    lang = cli_language()
    typer.secho(
        t(
            f"{len(problems)} dòng lỗi; chưa nhập gì:",
            f"{len(problems)} bad line(s); nothing imported:",
        ),
        fg=typer.colors.RED,
        err=True,
    )
    for problem in sorted(problems, key=lambda p: p.line):
        typer.echo(
            t(f"  dòng {problem.line}: ", f"  line {problem.line}: ") + problem.why.get(lang),
            err=True,
        )


def _invite_list_target(file: Path, output: Path | None) -> Path:
    """Where the invite codes will be written, found writable before anything is imported
    (the codes would be made and never handed out)."""
    target = output or file.with_name(f"{file.stem}-ma-moi.xlsx")
    if not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
        raise _fail(
            f"Không ghi được danh sách mã mời vào {target} (thư mục không có hoặc không ghi "
            "được); chưa nhập gì. Chọn nơi khác bằng --output.",
            f"Cannot write the invite list to {target} (no such folder, or not writable); "
            "nothing imported. Choose another place with --output.",
        )
    return target


def _write_invite_list(
    file: Path, target: Path, imported: list[admin.ImportedMember], settings: Settings
) -> None:
    try:
        write_invites(target, imported, source=file.name, made_at=_now(settings))
    except OSError as error:
        # The people are in; running the import again lists their codes ("đã có").
        raise _fail(
            f"Đã nhập {len(imported)} người nhưng không ghi được {target}: {error.strerror}. "
            "Chạy lại lệnh (có --output) để có danh sách mã mời.",
            f"Imported {len(imported)} people but could not write {target}: {error.strerror}. "
            "Run the command again (with --output) to get the invite list.",
        ) from None
    created = sum(1 for item in imported if item.created)
    typer.echo(
        t(
            f"Đã nhập: {created} mới, {len(imported) - created} đã có. Mã mời ghi tại {target}",
            f"Imported: {created} new, {len(imported) - created} already there. "
            f"Invite codes written to {target}",
        )
    )


@plan_app.command(
    "load",
    help=t(
        "Nạp (hoặc thay) một kế hoạch hay hướng dẫn xếp loại từ tệp YAML; lỗi nào cũng được "
        "liệt kê.",
        "Load (or replace) a plan or grading guide from a YAML file; every problem is listed.",
    ),
)
def plan_load(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    scope: Annotated[
        str | None,
        typer.Option(
            help=t(
                "Áp dụng cho đơn vị này thay cho scope trong tệp",
                "Run it on this unit instead of the file's scope",
            )
        ),
    ] = None,
) -> None:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(f"{file.name} không phải UTF-8.", f"{file.name} is not UTF-8.") from None
    try:
        document = load_document(text)
    except PlanError as error:
        count = len(error.problems)
        typer.secho(
            t(
                f"{file.name}: {count} lỗi; chưa nạp gì:",
                f"{file.name}: {count} problem(s); nothing loaded:",
            ),
            fg=typer.colors.RED,
            err=True,
        )
        for problem in error.lines(cli_language()):
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1) from None
    settings = _settings()
    _migrate(settings)
    try:
        new = _work(settings, lambda work: plans.load(work, document, text, _now(settings), scope))
    except stored_plans.PlanScopeError as error:
        raise _fail(
            f"Không có đơn vị {error}; thêm bằng antt-bot unit add, hoặc dùng --scope.",
            f"No unit {error}; add it with antt-bot unit add, or use --scope.",
        ) from None
    lang = cli_language()
    done = t("Đã nạp" if new else "Đã thay", "Loaded" if new else "Replaced")
    typer.echo(f"{done} {document.code}: {document.name.get(lang)}")


@plan_app.command(
    "list",
    help=t("Liệt kê kế hoạch đã nạp và đợt đang chạy.", "List the loaded plans and their state."),
)
def plan_list() -> None:
    settings = _settings()
    _migrate(settings)
    rows = _work(settings, plans.listed)
    if not rows:
        typer.echo(
            t(
                "Chưa nạp kế hoạch nào (antt-bot plan load plans/….yaml).",
                "No plan loaded yet (antt-bot plan load plans/….yaml).",
            )
        )
        return
    today = _now(settings).date()
    for row in rows:
        period = ""
        if row.starts and row.ends:
            state = _STATE_WORDS[plans.state_on(row.starts, row.ends, today)]
            period = f"{row.starts:%d/%m/%Y}–{row.ends:%d/%m/%Y} ({t(*state)})"
        kind = t("kế hoạch", "plan") if row.kind == "plan" else t("xếp loại", "grading")
        typer.echo(f"{row.code:<28} {kind:<9} {row.scope_code or '':<10} {period}  {row.name}")


@plan_app.command(
    "show",
    help=t(
        "Hiện đợt, nội dung, chỉ tiêu và hạn của một kế hoạch.",
        "Show a plan's phases, areas, targets and deadlines.",
    ),
)
def plan_show(code: Annotated[str, typer.Argument(help=t("Mã kế hoạch", "Plan code"))]) -> None:
    settings = _settings()
    _migrate(settings)
    lang = cli_language()
    try:
        found = _work(settings, lambda work: plans.document(work, code))
    except PlanError as error:
        problems = "\n".join(f"  {p}" for p in error.lines(lang))
        raise _fail(
            f"Kế hoạch {code} đã nạp không còn hợp lệ; hãy sửa và nạp lại:\n{problems}",
            f"The stored plan {code} is no longer valid; fix it and load it again:\n{problems}",
        ) from None
    if found is None:
        raise _fail(
            f"Không có kế hoạch {code}. Xem antt-bot plan list.",
            f"No plan {code}. See antt-bot plan list.",
        )
    document, scope_code = found
    typer.echo(f"{document.name.get(lang)}\n{t('Ban hành', 'Issued by')}: {document.issuer}")
    if not isinstance(document, Plan):
        for grade in document.grades:
            typer.echo(
                f"  {grade.name.get(lang)}: "
                + t(f"trên {grade.above:.0%} nhiệm vụ", f"above {grade.above:.0%} of tasks")
            )
        return
    today = _now(settings).date()
    # As `plan list` says it: the seed plans have all ended.
    state = _STATE_WORDS[plans.state_on(document.starts, document.ends, today)]
    typer.echo(
        f"{t('Phạm vi', 'Scope')}: {scope_code}; "
        f"{document.starts:%d/%m/%Y}–{document.ends:%d/%m/%Y} ({t(*state)})"
    )
    _show_phases(document, today, lang)
    _show_areas(document, lang)
    _show_targets_and_deadlines(document, lang)


_STATE_WORDS: dict[plans.State, tuple[str, str]] = {
    "running": ("đang chạy", "running"),
    "not_started": ("chưa bắt đầu", "not started"),
    "ended": ("đã kết thúc", "ended"),
}


def _show_phases(document: Plan, today: date, lang: Language) -> None:
    if not document.phases:
        return
    current = document.phase_on(today)
    typer.echo(t("Các đợt:", "Phases:"))
    for phase in document.phases:
        mark = t("  ◀ đang chạy", "  ◀ running") if phase == current else ""
        typer.echo(
            f"  {phase.name.get(lang)}: {phase.starts:%d/%m/%Y}–{phase.ends:%d/%m/%Y} "
            f"{phase.theme}{mark}"
        )


def _show_areas(document: Plan, lang: Language) -> None:
    if not document.areas:
        return
    typer.echo(
        t(
            "Nội dung thi đua (điểm mỗi mục được xác nhận):",
            "Content areas (points per verified entry):",
        )
    )
    for area in document.areas:
        caps = ", ".join(
            f"{n}/{t('ngày', 'day') if k == 'per_day' else t('tuần', 'week')}"
            for k, n in area.caps.model_dump().items()
            if n
        )
        limit = f" ({t('tối đa', 'at most')} {caps})" if caps else ""
        typer.echo(f"  {area.name.get(lang)}: {area.points} {t('điểm', 'points')}{limit}")


def _show_targets_and_deadlines(document: Plan, lang: Language) -> None:
    if document.targets:
        typer.echo(t("Chỉ tiêu:", "Targets:"))
        for target in document.targets:
            typer.echo(f"  {target.description.get(lang)}")
    if document.deadlines:
        typer.echo(t("Hạn:", "Deadlines:"))
        for deadline in document.deadlines:
            when = (
                f"{deadline.due:%d/%m/%Y}"
                if deadline.due
                else f"{deadline.yearly} {t('hằng năm', 'every year')}"
            )
            typer.echo(f"  {when}: {deadline.title.get(lang)} — {deadline.deliverable.get(lang)}")


@flows_app.command(
    "diagram",
    help=t(
        "In sơ đồ Mermaid của luồng ghi nhận hoặc bàn làm việc, sinh từ định nghĩa của nó.",
        "Print the Mermaid diagram of a logging flow or a desk, made from its definition.",
    ),
)
def flows_diagram(
    area: Annotated[
        str | None,
        typer.Argument(
            help=t(
                "Mã nội dung (tip) hoặc bàn (review); bỏ trống: tất cả",
                "Area code (tip) or desk (review); none: all",
            )
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help=t("vi hoặc en; mặc định theo ANTT_LANGUAGE", "vi or en; ANTT_LANGUAGE if left out")
        ),
    ] = None,
) -> None:
    from campaign.areas import DEFAULT_AREAS
    from handlers.diagram import area_diagram, desk_diagram, desk_flows

    chosen = [a for a in DEFAULT_AREAS if area in (None, a.code)]
    desks = [d for d in desk_flows() if area in (None, d.name)]
    if not chosen and not desks:
        codes = ", ".join([a.code for a in DEFAULT_AREAS] + [d.name for d in desk_flows()])
        raise _fail(
            f"Không có nội dung {area}. Có: {codes}.", f"No area {area}. There are: {codes}."
        )
    language: Language = cli_language() if lang is None else ("en" if lang == "en" else "vi")
    for item in chosen:
        typer.echo(f"%% {item.code}\n{area_diagram(item, language)}")
    for desk in desks:  # the desks' maps of states
        typer.echo(f"%% {desk.name}\n{desk_diagram(desk, language)}")


if __name__ == "__main__":
    app()
