"""`antt-bot console link --member N`: a one-time link to the web console from the shell, for
the first admin (nobody can ask for one in the chat before someone has registered)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli_language import t
from services import console_access
from storage.repository import Repository
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork

console_app = typer.Typer(
    help=t("cli_console"), no_args_is_help=True, context_settings={"help_option_names": ["-h"]}
)


@console_app.command("link", help=t("cli_console_link"))
def link(
    member: Annotated[str, typer.Option("--member", help=t("cli_console_member"))],
) -> None:
    from bot import cli

    settings = cli._settings()

    def issue(work: UnitOfWork) -> str:
        repository = Repository(work.connection, Sealer(settings.secret_key), None, settings.zone)
        found = repository.members_known_as(member)
        if len(found) != 1:
            key = "cli_console_no_member" if not found else "cli_console_many_members"
            raise cli._fail(t(key, member=member, count=len(found)))
        return console_access.issue_link(repository, found[0], "cli", cli._now(settings))

    token = cli._serve(settings, issue)
    typer.echo(t("cli_console_link_line", link=f"{settings.public_base}/quanly/vao#t={token}"))
