"""Logging for `antt-bot run`: every line passes a filter that hides the bot tokens.

Libraries may put a request URL in an error (the Bot APIs carry the token in the URL); the
formatter replaces any token with *** after the whole record, traceback included, is formatted.
"""

from __future__ import annotations

import logging


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: list[str], fmt: str) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def configure(secrets: list[str], level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's own loggers write through their handlers: give them the same formatter.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        for own in logging.getLogger(name).handlers:
            own.setFormatter(handler.formatter)
