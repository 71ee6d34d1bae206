"""`antt-bot plan end` (a yearly plan runs until ended) and `antt-bot broadcast list|cancel`
(announcements set to go later). Registered by bot/cli.py."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import _day, _now, _serve, _settings, app, plan_app
from bot.cli_language import t
from services import broadcasts, plans
from storage.broadcasts import BroadcastRepository

ON_HELP = t("cli_last_day_of_the_plan")


@plan_app.command("end", help=t("cli_end_a_plan"))
def plan_end(
    code: Annotated[str, typer.Argument(help=t("cli_plan_code"))],
    on: Annotated[str, typer.Option("--on", help=ON_HELP)],
) -> None:
    settings = _settings()
    day = _day(on, settings)
    _serve(
        settings,
        lambda work: plans.end(work, code, day, _now(settings), ender=plans.COMMAND_LINE),
    )
    typer.echo(t("cli_plan_ended_on", code=code, day=f"{day:%d/%m/%Y}"))


broadcast_app = typer.Typer(help=t("cli_broadcasts"), no_args_is_help=True)
app.add_typer(broadcast_app, name="broadcast")


@broadcast_app.command("list", help=t("cli_list_scheduled_broadcasts"))
def broadcast_list() -> None:
    settings = _settings()
    waiting = _serve(settings, lambda work: broadcasts.scheduled(BroadcastRepository(work), None))
    if not waiting:
        typer.echo(t("cli_no_scheduled_broadcast"))
        return
    for later in waiting:
        typer.echo(
            t(
                "cli_scheduled_broadcast_line",
                number=later.number,
                when=f"{later.send_at.astimezone(settings.zone):%d/%m/%Y %H:%M}",
                unit=later.scope_name,
                sender=later.sender.full_name,
                text=later.text if len(later.text) <= 60 else f"{later.text[:59]}…",
            )
        )


@broadcast_app.command("cancel", help=t("cli_cancel_a_scheduled_broadcast"))
def broadcast_cancel(
    number: Annotated[int, typer.Argument(help=t("cli_broadcast_number"))],
) -> None:
    settings = _settings()
    _serve(
        settings,
        lambda work: broadcasts.cancel(BroadcastRepository(work), None, number, _now(settings)),
    )
    typer.echo(t("cli_broadcast_cancelled", number=number))
