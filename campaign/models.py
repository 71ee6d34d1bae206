"""Models ("mô hình tự quản") and typical units ("điển hình tiên tiến"): the words of the
registry and how a model's status follows from what happened to it. Pure.

A model is registered once (by commune police: "building"; proposed by a team leader:
"registered"), launched ("built", or "replicated" from another), maintained, evaluated
(effective or not, with reasons), proposed to a level, recognised at a level (with the
decision's number) or refused, and at last dropped ("thanh loại"), which is final.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from campaign.catalogs import text
from campaign.codes import reference_code
from campaign.localized import Language
from campaign.normalize import fold
from campaign.recognition import LEVELS, is_level

PREFIX = "SMH"  # SMH-2026-000123 ("sổ mô hình"): apart from model entries' MH-… at a glance
CATEGORIES = ("model", "typical_unit")
ORIGINS = ("new", "replicated")
STATUSES = ("registered", "building", "active", "effective", "ineffective", "dropped")
EVENTS = (
    "built",
    "replicated",
    "maintained",
    "evaluated",
    "proposed",
    "recognised",
    "refused",
    "dropped",
)
OUTCOMES = ("effective", "not_effective")
# The schemes the seeds name, offered first; any other short code may be typed.
SCHEMES = (
    "tu-quan",
    "camera",
    "sach-ma-tuy",
    "giao-xu-binh-yen",
    "dien-hinh-9745",
    "cong-an-phuong-kieu-mau",
)
SCHEME_MAX = 32
_SCHEME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REFERENCE = re.compile(rf"^{PREFIX}-(\d{{4}})-(\d{{6}})$")

# The status a model registered by commune police or an admin starts in, and one a team
# leader proposes (the officer is told and launches it, or drops it).
REGISTERED_BY_COMMANDER, PROPOSED_BY_LEADER = "building", "registered"

_LIVE = ("active", "effective", "ineffective")
# Which event may follow which status, and the status it leads to (None: unchanged).
_FROM: dict[str, tuple[str, ...]] = {
    "built": ("registered", "building"),
    "replicated": ("registered", "building"),
    "maintained": _LIVE,
    "evaluated": _LIVE,
    "proposed": ("active", "effective"),
    "recognised": ("registered", "building", "active", "effective"),
    "refused": ("active", "effective"),
    "dropped": STATUSES[:-1],
}


@dataclass(frozen=True)
class Event:
    """What happened to a model, as the registry takes it."""

    kind: str
    level: str | None = None  # proposed / recognised / refused: to or by which level
    outcome: str | None = None  # evaluated: effective / not_effective
    reason: str = ""
    decision_no: str | None = None  # recognised: the decision's number


class EventProblem(Exception):
    """Why an event cannot be recorded: a text key of models.ftl (and its values)."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def allowed_events(status: str) -> tuple[str, ...]:
    """The events that may be recorded for a model in this status, in EVENTS order."""
    return tuple(kind for kind in EVENTS if status in _FROM[kind])


def after(status: str, event: Event) -> str:
    """The status the event leads to from `status`; raises EventProblem when it may not
    happen now or lacks what it needs (a level, an outcome, a reason, a decision number)."""
    if event.kind not in EVENTS:
        raise EventProblem("model_bad_event")
    if status == "dropped":
        raise EventProblem("model_is_dropped")
    if status not in _FROM[event.kind]:
        raise EventProblem("model_event_not_now")
    _check_needs(event)
    if event.kind in ("built", "replicated"):
        return "active"
    if event.kind == "evaluated":
        return "effective" if event.outcome == "effective" else "ineffective"
    if event.kind == "recognised":
        return "effective"
    if event.kind == "dropped":
        return "dropped"
    return status


def _check_needs(event: Event) -> None:
    if event.kind in ("proposed", "recognised") and not (event.level and is_level(event.level)):
        raise EventProblem("model_needs_level")
    if event.kind == "refused" and event.level is not None and not is_level(event.level):
        raise EventProblem("model_needs_level")
    if event.kind == "recognised" and not (event.decision_no or "").strip():
        raise EventProblem("model_needs_decision")
    if event.kind == "evaluated":
        if event.outcome not in OUTCOMES:
            raise EventProblem("model_needs_outcome")
        if event.outcome == "not_effective" and not event.reason.strip():
            raise EventProblem("model_needs_reason")
    if event.kind == "dropped" and not event.reason.strip():
        raise EventProblem("model_needs_reason")


def own_level(unit_kind: str) -> str:
    """The recognition level a commander's unit stands at: commune police recognise at the
    commune's level; anyone above (a province) at the province police's."""
    return "commune" if unit_kind in ("commune", "team") else "province_police"


def above_own(level: str, unit_kind: str) -> bool:
    """A recognition at this level was decided above the recorder's own unit (recorded as a
    fact, with its decision's number)."""
    return LEVELS.index(level) > LEVELS.index(own_level(unit_kind))


def reference(year: int, number: int) -> str:
    return reference_code(PREFIX, year, number)


def parse_reference(typed: str) -> str | None:
    """The reference typed (case and spaces forgiven), or None if it is not one."""
    candidate = re.sub(r"\s+", "", typed).upper()
    return candidate if _REFERENCE.match(candidate) else None


def scheme_code(typed: str) -> str | None:
    """A scheme's short code from what was typed: "Tự quản" -> "tu-quan"; None when nothing
    usable is left or it is longer than SCHEME_MAX."""
    code = re.sub(r"[^a-z0-9]+", "-", fold(typed)).strip("-")
    return code if code and len(code) <= SCHEME_MAX and _SCHEME.match(code) else None


def is_scheme(code: str) -> bool:
    return len(code) <= SCHEME_MAX and bool(_SCHEME.match(code))


def picked(model_id: int, reference: str, name: str) -> dict[str, object]:
    """A model entry's answer naming a registered model (a typed name stays a plain text:
    "chưa đăng ký")."""
    return {"id": model_id, "reference": reference, "name": name}


def summary(
    lang: Language, *, reference: str, name: str, scheme: str, status: str, unit: str
) -> str:
    """A model's one line: its reference, name, scheme, unit and status."""
    return text(
        "model_summary",
        lang,
        reference=reference,
        name=name,
        scheme=scheme_label(scheme, lang),
        unit=unit,
        status=status_label(status, lang),
    )


def scheme_label(scheme: str, lang: Language) -> str:
    """A scheme in words ("Tự quản về ANTT"); one a commune typed itself shows as its code."""
    return text("model_scheme", lang, scheme=scheme)


def status_label(status: str, lang: Language) -> str:
    return text("model_status", lang, status=status)


def event_label(kind: str, lang: Language) -> str:
    return text("model_event", lang, kind=kind)


def category_label(category: str, lang: Language) -> str:
    return text("model_category", lang, category=category)


def origin_label(origin: str, lang: Language) -> str:
    return text("model_origin", lang, origin=origin)


def outcome_label(outcome: str, lang: Language) -> str:
    return text("model_outcome", lang, outcome=outcome)


__all__ = [
    "CATEGORIES",
    "EVENTS",
    "ORIGINS",
    "OUTCOMES",
    "SCHEMES",
    "STATUSES",
    "Event",
    "EventProblem",
    "above_own",
    "after",
    "allowed_events",
    "parse_reference",
    "reference",
    "scheme_code",
    "scheme_label",
    "summary",
]
