"""Dates and times as members type them (dd/mm/yyyy, 7h30, "hôm nay"), never in the future."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from campaign.normalize import fold

# A phone clock a few minutes fast should not make "now" look like the future.
FUTURE_GRACE = timedelta(minutes=5)


@dataclass(frozen=True)
class WhenError(Exception):
    """Why a typed date or time was refused; `code` picks the message shown to the member."""

    code: str  # "bad_date" | "bad_time" | "future" | "too_old"


_TODAY = {"hom nay", "today", "hn", "nay"}
_YESTERDAY = {"hom qua", "yesterday", "qua"}
_DATE_RE = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{2}|\d{4}))?$")
# 19:30, 19h30, 19g30 (giờ), 19 gio 30 phut, or a bare hour.
_TIME_RE = re.compile(r"^(\d{1,2})\s*(?:[:hg]|gio)\s*(\d{1,2})?\s*(?:p|phut)?$|^(\d{1,2})$")


def parse_date(text: str, today: date, *, oldest_days: int = 366) -> date:
    key = fold(text)
    if key in _TODAY:
        return today
    if key in _YESTERDAY:
        return today - timedelta(days=1)
    match = _DATE_RE.match(key.replace(" ", ""))
    if not match:
        raise WhenError("bad_date")
    day, month = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    year = today.year if year_text is None else int(year_text)
    if year < 100:
        year += 2000
    try:
        value = date(year, month, day)
    except ValueError:
        raise WhenError("bad_date") from None
    if value > today:
        raise WhenError("future")
    if (today - value).days > oldest_days:
        raise WhenError("too_old")
    return value


def parse_time(text: str) -> time:
    key = fold(text).replace(" ", "")
    match = _TIME_RE.match(key)
    if not match:
        raise WhenError("bad_time")
    hour = int(match.group(1) or match.group(3))
    minute = int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise WhenError("bad_time")
    return time(hour, minute)


def parse_datetime(text: str, now: datetime) -> datetime:
    """'dd/mm/yyyy HH:MM', 'HH:MM dd/mm', 'hôm nay 7h30' or a bare time (today), in `now`'s zone."""
    parts = fold(text).split()
    today = now.date()
    candidates: list[tuple[str, str]] = []
    if len(parts) == 1:
        if parts[0].isdigit():  # "3" alone is a menu number more often than 03:00
            raise WhenError("bad_time")
        candidates.append(("hom nay", parts[0]))
    for cut in range(1, len(parts)):
        head, tail = " ".join(parts[:cut]), " ".join(parts[cut:])
        candidates += [(head, tail), (tail, head)]
    error = WhenError("bad_date")
    for date_text, time_text in candidates:
        try:
            day = parse_date(date_text, today)
        except WhenError as exc:
            if exc.code in ("future", "too_old"):
                error = exc
            continue
        try:
            moment = parse_time(time_text)
        except WhenError:
            if error.code == "bad_date":  # the date was readable: the time is what is wrong
                error = WhenError("bad_time")
            continue
        value = datetime.combine(day, moment, tzinfo=now.tzinfo)
        if value > now + FUTURE_GRACE:
            raise WhenError("future")
        return value
    raise error


def span_end(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """A patrol from 22:00 to 02:00 ends the next day."""
    begin = datetime.combine(day, start)
    finish = datetime.combine(day, end)
    if finish <= begin:
        finish += timedelta(days=1)
    return begin, finish


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime, zone: tzinfo | None = None) -> str:
    """dd/mm/yyyy HH:MM, the one way a moment is written to people; in `zone` (the bot's)
    when given, since stored moments come back in UTC."""
    shown = value.astimezone(zone) if zone is not None else value
    return shown.strftime("%d/%m/%Y %H:%M")
