"""The weekly board's charts and workbook drawn in the render pool (bot/render_pool.py).

`draw` runs in a worker process: matplotlib and openpyxl are imported there, on first use,
never in the bot's own process. `pooled` gives the job runner its `draw` over a pool.
"""

from __future__ import annotations

from bot.render_pool import RenderPool
from campaign.localized import Language
from scheduler.runner import Draw
from services.ports import Ranking


def draw(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
    """Runs in a worker: the board's chart images and its workbook in `lang`."""
    from bot import reports

    return reports.charts(board, lang), reports.xlsx(board, lang)


def pooled(pool: RenderPool) -> Draw:
    """Drawing through `pool` (a RenderPool): `await pool.run(draw, board, lang)`."""

    async def drawn(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        return await pool.run(draw, board, lang)

    return drawn
