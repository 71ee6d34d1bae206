"""`antt-bot plan end` (a yearly plan runs until ended) and `antt-bot broadcast list|cancel`
(announcements set to go later). Registered by bot/cli.py."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import _day, _now, _serve, _settings, plan_app
from bot.cli_language import t
from services import plans

ON_HELP = t("cli_last_day_of_the_plan")


@plan_app.command("end", help=t("cli_end_a_plan"))
def plan_end(
    code: Annotated[str, typer.Argument(help=t("cli_plan_code"))],
    on: Annotated[str, typer.Option("--on", help=ON_HELP)],
) -> None:
    settings = _settings()
    day = _day(on, settings)
    _serve(settings, lambda work: plans.end(work, code, day, _now(settings)))
    typer.echo(t("cli_plan_ended_on", code=code, day=f"{day:%d/%m/%Y}"))
