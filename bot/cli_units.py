"""`antt-bot unit kind list|add`, `unit cover` and `unit group import`: the kinds of unit a
province uses, the village a team covers, and dated groupings (former districts)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli_language import cli_language, t
from bot.roster_files import RosterFileError, read_rows
from services import unit_kinds

kind_app = typer.Typer(
    help=t("cli_unit_kinds"), no_args_is_help=True, context_settings={"help_option_names": ["-h"]}
)
group_app = typer.Typer(
    help=t("cli_unit_groups"), no_args_is_help=True, context_settings={"help_option_names": ["-h"]}
)


@kind_app.command("list", help=t("cli_unit_kind_list"))
def kind_list() -> None:
    from bot import cli

    settings = cli._settings()
    found = cli._serve(settings, lambda work: unit_kinds.list_kinds(work.units))
    lang = cli_language()
    for kind in found:
        roles = ", ".join(sorted(r.value for r in kind.roles)) or "-"
        parents = ", ".join(sorted(kind.parents)) or "-"
        reports = t("cli_unit_kind_reports") if kind.reports else ""
        typer.echo(
            t(
                "cli_unit_kind_line",
                code=kind.code,
                name=kind.name(lang),
                parents=parents,
                roles=roles,
                reports=reports,
            )
        )


@kind_app.command("add", help=t("cli_unit_kind_add"))
def kind_add(
    code: Annotated[str, typer.Argument(help=t("cli_unit_kind_code"))],
    name_vi: Annotated[str, typer.Option("--name-vi", help=t("cli_unit_kind_name_vi"))],
    name_en: Annotated[str, typer.Option("--name-en", help=t("cli_unit_kind_name_en"))],
    parents: Annotated[str, typer.Option(help=t("cli_unit_kind_parents"))],
    roles: Annotated[str, typer.Option(help=t("cli_unit_kind_roles"))] = "",
    reports: Annotated[
        bool, typer.Option("--reports", help=t("cli_unit_kind_reports_help"))
    ] = False,
    category: Annotated[str, typer.Option(help=t("cli_unit_kind_category"))] = "organisation",
) -> None:
    from bot import cli

    settings = cli._settings()
    kind = cli._serve(
        settings,
        lambda work: unit_kinds.add_kind(
            work.units,
            code=code,
            name_vi=name_vi,
            name_en=name_en,
            parents=parents,
            roles=roles,
            reports=reports,
            category=category,
            now=cli._now(settings),
        ),
    )
    typer.echo(t("cli_unit_kind_added", code=kind.code, name=kind.name(cli_language())))


def cover(
    team: Annotated[str, typer.Argument(help=t("cli_unit_cover_team"))],
    village: Annotated[str | None, typer.Argument(help=t("cli_unit_cover_village"))] = None,
) -> None:
    """The village a team covers (none: it covers none any more)."""
    from bot import cli

    settings = cli._settings()
    cli._serve(
        settings, lambda work: unit_kinds.cover(work.units, team, village, cli._now(settings))
    )
    if village is None:
        typer.echo(t("cli_unit_covers_none", team=team))
    else:
        typer.echo(t("cli_unit_covers", team=team, village=village))


@group_app.command("import", help=t("cli_unit_group_import"))
def group_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    scheme: Annotated[str, typer.Option(help=t("cli_unit_group_scheme"))] = "former-district",
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("cli_check_only"))] = False,
) -> None:
    from bot import cli

    try:
        rows = list(read_rows(file))
    except RosterFileError as error:
        raise cli._fail(error.text(cli_language())) from None
    settings = cli._settings()
    done = cli._serve(
        settings,
        lambda work: unit_kinds.import_groups(
            work.units, scheme, rows, cli._now(settings), dry_run=dry_run
        ),
    )
    lang = cli_language()
    if done.problems:
        typer.secho(
            t("cli_bad_lines_nothing_imported", count=len(done.problems)),
            fg=typer.colors.RED,
            err=True,
        )
        for problem in sorted(done.problems, key=lambda p: p.line):
            typer.echo(t("cli_line", line=problem.line) + problem.why.get(lang), err=True)
        raise typer.Exit(1)
    kept = sum(1 for row in done.rows if row.kept_already)
    typer.echo(t("cli_unit_group_checked", count=len(done.rows), kept=kept))
    if not dry_run:
        typer.echo(t("cli_unit_group_imported", count=done.added, scheme=scheme))
