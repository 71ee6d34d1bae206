"""Logging for `antt-bot run`: every line passes a filter that hides the bot tokens.

Libraries may put a request URL in an error (the Bot APIs carry the token in the URL); the
formatter replaces any token with *** after the whole record, traceback included, is formatted.
`ANTT_LOG_FORMAT=json` writes one JSON object a line instead (time, level, logger, message,
exc_info), for a log collector; the same redaction applies to every field.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Literal

# Paths whose last part is a secret: a webhook's path, a made file's token. Their access log
# line keeps a few characters, enough to tell two apart, not enough to use.
_SECRET_PATH = re.compile(r"^(/(?:zalo/files|telegram|zalo|files)/)([^/?#]{0,4})(.*)$", re.DOTALL)


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: list[str], fmt: str) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


class JsonFormatter(logging.Formatter):
    """One object a line. The time is UTC in ISO 8601 with milliseconds; `exc_info` (the
    formatted traceback) appears only when the record carries one."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, str] = {
            "time": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exc_info"] = record.exc_text
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        for key, value in line.items():
            for secret in self.secrets:
                value = value.replace(secret, "***")
            line[key] = value
        return json.dumps(line, ensure_ascii=False)


_QUERY_VALUE = re.compile(r"=[^&#]*")


def redact_path(path: str) -> str:
    """The access log's path: a secret last part shortened, and the query's values left out
    (the console's searches carry a name, a phone or a tip's words: `?q=…&page=…`)."""
    found = _SECRET_PATH.match(path)
    if found is not None and found.group(3):
        return f"{found.group(1)}{found.group(2)}..."
    path, mark, query = path.partition("?")
    return f"{path}{mark}{_QUERY_VALUE.sub('=…', query)}"


class AccessPathFilter(logging.Filter):
    """Shortens the secret part of the path in uvicorn's access log records, whose arguments
    are (client, method, path with query, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def formatter(
    secrets: list[str], log_format: Literal["text", "json"] = "text"
) -> logging.Formatter:
    if log_format == "json":
        return JsonFormatter(secrets)
    return RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")


def configure(
    secrets: list[str],
    level: int = logging.INFO,
    *,
    log_format: Literal["text", "json"] = "text",
) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(secrets, log_format))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's own loggers write through their handlers: give them the same formatter.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        for own in logging.getLogger(name).handlers:
            own.setFormatter(handler.formatter)
    # APScheduler says "Running job … executed successfully" for every run, every minute for
    # scheduled broadcasts; scheduler.runner logs what a run did. Its warnings still show.
    logging.getLogger("apscheduler.executors").setLevel(max(level, logging.WARNING))
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessPathFilter) for f in access.filters):
        access.addFilter(AccessPathFilter())
