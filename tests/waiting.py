"""Waiting in a test for something to happen, never for a time to pass."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

# Only a bound for a hung test, not a timing check: generous, so a loaded machine passes.
PATIENCE = 60.0


async def until(condition: Callable[[], bool], what: str, within: float = PATIENCE) -> None:
    """Return as soon as `condition()` holds; fail naming `what` after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"not within {within:.0f} s: {what}")
        await asyncio.sleep(0.01)
