"""ANTT_LOG_FORMAT=json: one object a line, tokens hidden in the message and the traceback."""

from __future__ import annotations

import json
import logging

from bot import logs

TOKEN = "123456:AAE-secret-token_value"


def test_a_json_line_has_its_fields_and_hides_the_token() -> None:
    formatter = logs.formatter([TOKEN, ""], "json")
    try:
        raise ConnectionError(f"POST https://api.example/bot{TOKEN}/sendMessage failed")
    except ConnectionError:
        import sys

        record = logging.LogRecord(
            "bot.channels.telegram",
            logging.ERROR,
            __file__,
            1,
            "sending to %s: «%s»",
            (f"bot{TOKEN}", "Nguyễn"),
            sys.exc_info(),
        )
    line = formatter.format(record)
    assert "\n" not in line and TOKEN not in line
    parsed = json.loads(line)
    assert set(parsed) == {"time", "level", "logger", "message", "exc_info"}
    assert parsed["level"] == "ERROR" and parsed["logger"] == "bot.channels.telegram"
    assert parsed["message"] == "sending to bot***: «Nguyễn»"
    assert "ConnectionError" in parsed["exc_info"] and "bot***/sendMessage" in parsed["exc_info"]
    assert parsed["time"].endswith("Z") and parsed["time"][:2] == "20"
    quiet = logging.LogRecord("x", logging.INFO, __file__, 1, "plain", None, None)
    assert set(json.loads(formatter.format(quiet))) == {"time", "level", "logger", "message"}


def test_configure_json_writes_through_the_json_formatter() -> None:
    root = logging.getLogger()
    kept = (root.handlers[:], root.level)
    try:
        logs.configure([TOKEN], log_format="json")
        assert isinstance(root.handlers[0].formatter, logs.JsonFormatter)
        logs.configure([TOKEN])
        assert isinstance(root.handlers[0].formatter, logs.RedactingFormatter)
    finally:
        root.handlers[:], root.level = kept
