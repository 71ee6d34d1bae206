"""Imported first of the project's modules by bot/cli.py: the cyclic garbage collector pauses
while the command line's modules are imported, and bot/cli.py resumes it after its imports.

Importing creates tens of thousands of long-lived objects (classes, functions, SQLAlchemy and
pydantic structures) and next to no garbage: the collector's passes over them were about 15%
of the import's CPU-seconds (~400 passes, measured with gc.callbacks). On resuming they are
frozen (`gc.freeze`): they live as long as the process, so later passes (the server's too) skip
them; the little import-time garbage kept with them is a few hundred kilobytes."""

from __future__ import annotations

import gc

gc.disable()


def pause() -> None:
    """Again, for a command's own imports of long-lived modules (`run`: the app's)."""
    gc.disable()


def resume() -> None:
    gc.freeze()
    gc.enable()
