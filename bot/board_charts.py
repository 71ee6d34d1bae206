"""The weekly board's charts and workbook, drawn by the render pool's workers (its tasks in
bot/render_pool.py import matplotlib and openpyxl there, never in the bot's own process)."""

from __future__ import annotations

import asyncio

from bot import render_pool
from campaign.localized import Language
from scheduler.jobs import weekly_chart
from scheduler.runner import Draw
from services.ports import Ranking


def pooled(pool: render_pool.RenderPool) -> Draw:
    """The job runner's `draw` over `pool`: the chart and the workbook as two tasks, so that
    two workers may draw them at once."""

    async def drawn(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        return await asyncio.gather(
            pool.run(render_pool.charts, weekly_chart(board), lang),
            pool.run(render_pool.xlsx, board, lang),
        )

    return drawn
