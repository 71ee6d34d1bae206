"""The weekly board's charts and workbook drawn in the render pool (bot/render_pool.py).

`draw` runs in a worker process: matplotlib and openpyxl are imported there, on first use,
never in the bot's own process. `pooled` gives the job runner its `draw` over a pool.
"""

from __future__ import annotations

from dataclasses import replace

from bot.render_pool import RenderPool
from campaign.localized import Language
from scheduler.runner import Draw
from services.ports import Ranking

# The weekly chart shows every team and the members at its top (one image of them; the
# workbook lists everyone, the chat's /bangxephang draws everyone). A commune's whole roster
# is 6 images more, and drawing them for 3,321 communes on Monday morning would take two
# cores half an hour (bench/weekly_board.py). None: every member.
WEEKLY_MEMBERS: int | None = 15


def draw(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
    """Runs in a worker: the board's chart images and its workbook in `lang`."""
    from bot import reports  # in the worker only: matplotlib stays out of the bot's process

    top = WEEKLY_MEMBERS
    shown = board if top is None else replace(board, members=board.members[:top])
    return reports.charts(shown, lang), reports.xlsx(board, lang)


def pooled(pool: RenderPool) -> Draw:
    """Drawing through `pool` (a RenderPool): `await pool.run(draw, board, lang)`."""

    async def drawn(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        return await pool.run(draw, board, lang)

    return drawn
