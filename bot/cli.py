"""The `antt-bot` command line."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Connection

from bot import logs
from bot.roster_files import RosterFileError, read_rows, write_invites
from bot.settings import Settings, SettingsError, load_settings
from campaign.plans import Plan, PlanError, load_document
from campaign.roles import Role, parse_role
from campaign.roster import RosterRow, RowProblem, is_header, parse_row
from campaign.text import Language
from storage import admin, guesses, housekeeping
from storage import plans as stored_plans
from storage.database import Database, DatabaseUrlError
from storage.migrate import upgrade
from storage.sealing import Sealer

IMPORT_BATCH = 200
# How long a handled delivery is remembered; the scheduler issue should prune it daily too.
DELIVERY_MEMORY = timedelta(days=7)

app = typer.Typer(
    help="antt-bot: chatbot của lực lượng tham gia bảo vệ ANTT ở cơ sở.",
    no_args_is_help=True,
    add_completion=False,
)
unit_app = typer.Typer(help="Đơn vị (tỉnh, xã, tổ).", no_args_is_help=True)
invite_app = typer.Typer(help="Mã mời.", no_args_is_help=True)
db_app = typer.Typer(help="Cơ sở dữ liệu.", no_args_is_help=True)
roster_app = typer.Typer(help="Danh sách thành viên.", no_args_is_help=True)
flows_app = typer.Typer(help="Các luồng hội thoại.", no_args_is_help=True)
plan_app = typer.Typer(help="Kế hoạch thi đua.", no_args_is_help=True)


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


def _fail(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(2)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise _fail(f"Lỗi cấu hình: {error}") from None


def _database(settings: Settings) -> Database:
    try:
        return Database(settings.resolved_database_url)
    except DatabaseUrlError as error:
        raise _fail(f"Lỗi cấu hình: ANTT_DATABASE_URL: {error}") from None


def _migrate(settings: Settings) -> None:
    try:
        upgrade(settings.resolved_database_url)
    except DatabaseUrlError as error:
        raise _fail(f"Lỗi cấu hình: ANTT_DATABASE_URL: {error}") from None
    except Exception as error:  # a database that cannot be reached: one line, not a traceback
        raise _fail(f"Không kết nối được cơ sở dữ liệu: {type(error).__name__}: {error}") from None


def _now(settings: Settings) -> datetime:
    return datetime.now(settings.zone)


def _print_demo(demo: admin.DemoInvites, url: str | None) -> None:
    if url:
        typer.echo(f"Mở trò chuyện tại: {url}")
    if demo.plan:
        typer.echo(f"Kế hoạch đang chạy: {demo.plan[1]} (antt-bot plan show {demo.plan[0]})")
    typer.echo("Mã mời dùng thử (mỗi mã dùng một lần):")
    for label, invite in (
        ("Tổ viên", demo.member),
        ("Tổ trưởng", demo.leader),
        ("Cán bộ Công an xã", demo.officer),
    ):
        typer.echo(f"  {label:<18} {invite.code}  ({invite.unit_name})")


MISPLACED_SHOWN = 100  # log lines; a whole province imported wrongly is summed up


def _report_misplaced(database: Database, settings: Settings) -> None:
    """Members and open invites made before roles had to fit their unit's kind: said at start
    (ids and unit codes, no names: the log is not the place for personal data)."""
    rows = database.run_blocking(lambda conn: admin.misplaced_rows(conn, _now(settings)))
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
        f"Cảnh báo: {len(rows)} thành viên hoặc mã mời có vai trò không hợp với cấp đơn vị "
        "(Cán bộ Công an xã ở xã; Tổ viên, Tổ phó, Tổ trưởng ở tổ; Quản trị viên ở xã hoặc tỉnh). "
        "Xem nhật ký; cán bộ đặt sai chỗ không xem được người cung cấp nguồn tin.",
        fg=typer.colors.YELLOW,
        err=True,
    )


@app.command()
def run() -> None:
    """Áp dụng migration rồi chạy bot (trò chuyện web; Telegram/Zalo khi có token)."""
    import uvicorn

    from bot.app import create_app

    settings = _settings()
    if settings.data_dir.stat().st_mode & 0o077:  # made before this version, or by hand
        typer.secho(
            f"Cảnh báo: người dùng khác đọc được thư mục dữ liệu {settings.data_dir}; "
            f"nên chạy: chmod -R go-rwx {settings.data_dir}",
            fg=typer.colors.YELLOW,
            err=True,
        )
    _migrate(settings)
    database = _database(settings)
    # Demo data on an empty database; while the demo units exist, their open codes are shown.
    demo = database.run_blocking(
        lambda conn: (
            admin.ensure_demo(conn, _now(settings))
            if admin.is_empty(conn) or admin.unit_id(conn, admin.DEMO_PROVINCE[0]) is not None
            else None
        )
    )
    database.run_blocking(
        lambda conn: admin.prune_deliveries(conn, _now(settings) - DELIVERY_MEMORY)
    )
    sealer = Sealer(settings.secret_key)
    database.run_blocking(lambda conn: housekeeping.seal_plain_answers(conn, sealer.seal_text))
    database.run_blocking(lambda conn: guesses.prune(conn, _now(settings)))
    url = f"http://{settings.web_host}:{settings.web_port}/"
    if demo is not None:
        if demo.created:
            typer.echo("Cơ sở dữ liệu trống: đã tạo dữ liệu minh họa.")
        _print_demo(demo, url)
    else:
        typer.echo(f"Mở trò chuyện tại: {url}  (mã mời: antt-bot demo, antt-bot invite create)")
    logs.configure([settings.telegram_token, settings.zalo_token])
    _report_misplaced(database, settings)
    uvicorn.run(
        create_app(settings, database),
        host=settings.web_host,
        port=settings.web_port,
        log_level="info",
        log_config=None,  # keep our handlers: they hide tokens
    )


@app.command()
def demo() -> None:
    """Tạo dữ liệu minh họa (chạy lại không tạo trùng) và in mã mời."""
    settings = _settings()
    _migrate(settings)
    result = _database(settings).run_blocking(lambda conn: admin.ensure_demo(conn, _now(settings)))
    typer.echo("Đã tạo dữ liệu minh họa." if result.created else "Dữ liệu minh họa đã có.")
    _print_demo(result, f"http://{settings.web_host}:{settings.web_port}/")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Áp dụng các migration còn thiếu."""
    settings = _settings()
    _migrate(settings)
    typer.echo("Cơ sở dữ liệu đã ở phiên bản mới nhất.")


@unit_app.command("add")
def unit_add(
    code: Annotated[str, typer.Argument(help="Mã đơn vị, ví dụ HN-XA-01-T1")],
    name: Annotated[str, typer.Argument(help="Tên đơn vị")],
    kind: Annotated[str, typer.Option(help="province, commune, team hoặc cấp khác")] = "team",
    parent: Annotated[str | None, typer.Option(help="Mã đơn vị cấp trên")] = None,
) -> None:
    """Thêm một đơn vị."""
    settings = _settings()
    _migrate(settings)
    if not code.strip() or not name.strip():
        raise _fail("Mã và tên đơn vị không được trống.")
    try:
        _database(settings).run_blocking(
            lambda conn: admin.add_unit(
                conn,
                code=code.strip(),
                name=name.strip(),
                kind=kind.strip(),
                parent_code=parent,
                now=_now(settings),
            )
        )
    except admin.AdminError as error:
        raise _fail(str(error)) from None
    typer.echo(f"Đã thêm đơn vị {code.strip()} — {name.strip()}.")


@unit_app.command("list")
def unit_list() -> None:
    """Liệt kê các đơn vị."""
    settings = _settings()
    _migrate(settings)
    rows = _database(settings).run_blocking(admin.list_units)
    if not rows:
        typer.echo("Chưa có đơn vị nào.")
        return
    typer.echo(f"{'Mã':<20} {'Cấp':<10} {'Cấp trên':<14} {'TV':>4}  Tên")
    for row in rows:
        typer.echo(
            f"{row.code:<20} {row.kind:<10} {row.parent_code or '':<14} {row.members:>4}  {row.name}"
        )


@invite_app.command("create")
def invite_create(
    unit: Annotated[str, typer.Option(help="Mã đơn vị")],
    role: Annotated[str, typer.Option(help="member, deputy, leader, officer, admin")],
    count: Annotated[int, typer.Option(min=1, max=1000, help="Số mã")] = 1,
    days: Annotated[int, typer.Option(min=1, max=365, help="Số ngày hiệu lực")] = admin.INVITE_DAYS,
) -> None:
    """Tạo mã mời cho một đơn vị và vai trò."""
    parsed = parse_role(role)
    if parsed is None:
        raise _fail(f"Vai trò không rõ: {role}. Dùng: {', '.join(r.value for r in Role)}.")
    settings = _settings()
    _migrate(settings)
    try:
        issued = _database(settings).run_blocking(
            lambda conn: admin.create_invites(
                conn, unit_code=unit, role=parsed, count=count, now=_now(settings), days=days
            )
        )
    except admin.AdminError as error:
        raise _fail(str(error)) from None
    for invite in issued:
        expires = invite.expires_at.astimezone(settings.zone).strftime("%d/%m/%Y")
        typer.echo(
            f"{invite.code}  {invite.role.label('vi')}  {invite.unit_name}  (hết hạn {expires})"
        )


@roster_app.command("import")
def roster_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra, không nhập")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Không hỏi xác nhận")] = False,
    output: Annotated[Path | None, typer.Option(help="Tệp .xlsx ghi mã mời")] = None,
) -> None:
    """Nhập danh sách (.xlsx/.csv: đơn vị, họ tên, vai trò, SĐT): kiểm tra hết trước, rồi nhập."""
    settings = _settings()
    _migrate(settings)
    database = _database(settings)
    try:
        rows = list(read_rows(file))
    except RosterFileError as error:
        raise _fail(str(error)) from None

    def check(conn: Connection) -> tuple[list[tuple[RosterRow, tuple[int, str]]], list[RowProblem]]:
        good: list[tuple[RosterRow, tuple[int, str]]] = []
        problems: list[RowProblem] = []
        seen: dict[tuple[str, str], int] = {}
        for number, cells in rows:
            if not any(c.strip() for c in cells) or (number == 1 and is_header(cells)):
                continue
            parsed = parse_row(number, cells)
            if isinstance(parsed, RowProblem):
                problems.append(parsed)
                continue
            unit = admin.find_unit_by_path(conn, parsed.unit_path)
            if unit is None:
                problems.append(
                    RowProblem(number, f"không tìm thấy đơn vị {' / '.join(parsed.unit_path)!r}")
                )
                continue
            wrong = admin.placement_problem(conn, unit[0], parsed.role)
            if wrong is not None:
                problems.append(RowProblem(number, wrong))
                continue
            key = (unit[1], parsed.full_name.casefold())
            if key in seen:
                problems.append(RowProblem(number, f"trùng với dòng {seen[key]}"))
                continue
            seen[key] = number
            good.append((parsed, unit))
        return good, problems

    good, problems = database.run_blocking(check)
    if problems:
        typer.secho(f"{len(problems)} dòng lỗi; chưa nhập gì:", fg=typer.colors.RED, err=True)
        for problem in problems:
            typer.echo(f"  dòng {problem.line}: {problem.reason}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Kiểm tra xong: {len(good)} dòng hợp lệ.")
    if dry_run or not good:
        return
    if not yes and not typer.confirm(f"Nhập {len(good)} thành viên?", default=True):
        raise typer.Exit(1)
    imported: list[admin.ImportedMember] = []
    with typer.progressbar(good, label="Đang nhập") as progress:
        for row, unit in progress:
            imported.append(
                database.run_blocking(
                    lambda conn, row=row, unit=unit: admin.import_member(  # type: ignore[misc]
                        conn,
                        line=row.line,
                        unit=unit,
                        full_name=row.full_name,
                        role=row.role,
                        phone=row.phone,
                        now=_now(settings),
                    )
                )
            )
    target = output or file.with_name(f"{file.stem}-ma-moi.xlsx")
    write_invites(target, imported)
    created = sum(1 for item in imported if item.created)
    typer.echo(f"Đã nhập: {created} mới, {len(imported) - created} đã có. Mã mời ghi tại {target}")


@plan_app.command("load")
def plan_load(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    scope: Annotated[
        str | None, typer.Option(help="Áp dụng cho đơn vị này thay cho scope trong tệp")
    ] = None,
) -> None:
    """Nạp (hoặc thay) một kế hoạch hay hướng dẫn xếp loại từ tệp YAML; lỗi nào cũng được liệt kê."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(f"{file.name} không phải UTF-8.") from None
    try:
        document = load_document(text)
    except PlanError as error:
        typer.secho(
            f"{file.name}: {len(error.problems)} lỗi; chưa nạp gì:", fg=typer.colors.RED, err=True
        )
        for problem in error.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1) from None
    settings = _settings()
    _migrate(settings)
    try:
        new = _database(settings).run_blocking(
            lambda conn: stored_plans.save(conn, document, text, _now(settings), scope)
        )
    except stored_plans.PlanScopeError as error:
        raise _fail(
            f"Không có đơn vị {error}; thêm bằng antt-bot unit add, hoặc dùng --scope."
        ) from None
    typer.echo(f"{'Đã nạp' if new else 'Đã thay'} {document.code}: {document.name.vi}")


@plan_app.command("list")
def plan_list() -> None:
    """Liệt kê kế hoạch đã nạp và đợt đang chạy."""
    settings = _settings()
    _migrate(settings)
    rows = _database(settings).run_blocking(stored_plans.listed)
    if not rows:
        typer.echo("Chưa nạp kế hoạch nào (antt-bot plan load plans/….yaml).")
        return
    today = _now(settings).date()
    for row in rows:
        period = ""
        if row.starts and row.ends:
            state = (
                "đang chạy"
                if row.starts <= today <= row.ends
                else ("chưa bắt đầu" if today < row.starts else "đã kết thúc")
            )
            period = f"{row.starts:%d/%m/%Y}–{row.ends:%d/%m/%Y} ({state})"
        kind = "kế hoạch" if row.kind == "plan" else "xếp loại"
        typer.echo(f"{row.code:<28} {kind:<9} {row.scope_code or '':<10} {period}  {row.name}")


@plan_app.command("show")
def plan_show(code: Annotated[str, typer.Argument(help="Mã kế hoạch")]) -> None:
    """Hiện đợt, nội dung, chỉ tiêu và hạn của một kế hoạch."""
    settings = _settings()
    _migrate(settings)
    try:
        found = _database(settings).run_blocking(lambda conn: stored_plans.document(conn, code))
    except PlanError as error:
        problems = "\n".join(f"  {p}" for p in error.problems)
        raise _fail(
            f"Kế hoạch {code} đã nạp không còn hợp lệ; hãy sửa và nạp lại:\n{problems}"
        ) from None
    if found is None:
        raise _fail(f"Không có kế hoạch {code}. Xem antt-bot plan list.")
    document, scope_code = found
    typer.echo(f"{document.name.vi}\nBan hành: {document.issuer}")
    if not isinstance(document, Plan):
        for grade in document.grades:
            typer.echo(f"  {grade.name.vi}: trên {grade.above:.0%} nhiệm vụ")
        return
    today = _now(settings).date()
    current = document.phase_on(today)
    state = (  # as `plan list` says it: the seed plans have all ended
        "đang chạy"
        if document.active_on(today)
        else ("chưa bắt đầu" if today < document.starts else "đã kết thúc")
    )
    typer.echo(
        f"Phạm vi: {scope_code}; {document.starts:%d/%m/%Y}–{document.ends:%d/%m/%Y} ({state})"
    )
    if document.phases:
        typer.echo("Các đợt:")
        for phase in document.phases:
            mark = "  ◀ đang chạy" if phase == current else ""
            typer.echo(
                f"  {phase.name.vi}: {phase.starts:%d/%m/%Y}–{phase.ends:%d/%m/%Y} "
                f"{phase.theme}{mark}"
            )
    if document.areas:
        typer.echo("Nội dung thi đua (điểm mỗi mục được xác nhận):")
        for area in document.areas:
            caps = ", ".join(
                f"{n}/{'ngày' if k == 'per_day' else 'tuần'}"
                for k, n in area.caps.model_dump().items()
                if n
            )
            typer.echo(
                f"  {area.name.vi}: {area.points} điểm" + (f" (tối đa {caps})" if caps else "")
            )
    if document.targets:
        typer.echo("Chỉ tiêu:")
        for target in document.targets:
            typer.echo(f"  {target.description.vi}")
    if document.deadlines:
        typer.echo("Hạn:")
        for deadline in document.deadlines:
            when = f"{deadline.due:%d/%m/%Y}" if deadline.due else f"{deadline.yearly} hằng năm"
            typer.echo(f"  {when}: {deadline.title.vi} — {deadline.deliverable.vi}")


@flows_app.command("diagram")
def flows_diagram(
    area: Annotated[
        str | None, typer.Argument(help="Mã nội dung, ví dụ tip; bỏ trống: tất cả")
    ] = None,
    lang: Annotated[str, typer.Option(help="vi hoặc en")] = "vi",
) -> None:
    """In sơ đồ Mermaid của luồng ghi nhận, sinh từ chính định nghĩa của nó."""
    from campaign.areas import DEFAULT_AREAS
    from handlers.diagram import area_diagram

    chosen = [a for a in DEFAULT_AREAS if area in (None, a.code)]
    if not chosen:
        raise _fail(f"Không có nội dung {area}. Có: {', '.join(a.code for a in DEFAULT_AREAS)}.")
    language: Language = "en" if lang == "en" else "vi"
    for item in chosen:
        typer.echo(f"%% {item.code}\n{area_diagram(item, language)}")


if __name__ == "__main__":
    app()
