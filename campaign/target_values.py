"""Targets no data in the bot can show, entered per unit and period by the accountable role:
whose turn it is, what a valid value is (typed the way an officer types it), and when to remind.
Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from campaign.catalogs import Said, said
from campaign.normalize import fold
from campaign.plans import EnteredSpec, Plan, TargetSpec
from campaign.roles import Role
from campaign.targets import period

Way = Literal["count", "value", "ratio", "met"]
Duty = Literal["must", "may"]

# Typed "met" / "not met", folded (marks and case forgiven: Zalo has no buttons).
MET_WORDS = frozenset({"dat", "co", "da dat", "yes", "y", "met", "done", "true"})
NOT_MET_WORDS = frozenset({"khong dat", "chua dat", "khong", "ko", "no", "n", "not met", "false"})
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)")
_LIMIT = 1e12  # beyond any count a commune keeps


@dataclass(frozen=True)
class Seat:
    """A unit as the rules see it: its kind and the units from it up to the root."""

    unit_id: int
    kind: str
    chain: tuple[int, ...]  # the unit itself first, then its parent, ...


@dataclass(frozen=True)
class EnteredValue:
    """What was entered: the value the target is judged on, and what it was read from."""

    value: float
    met: bool | None = None  # met targets only
    numerator: float | None = None  # a ratio typed as "17/20"
    denominator: float | None = None

    def shown(self, way: Way) -> str:
        """As people read it back: "12", "0,5", "85%", "17/20 (85%)"; met is worded by the
        caller (a catalog word)."""
        if way == "ratio":
            percent = _decimal(round(self.value * 100, 1)) + "%"
            if self.numerator is not None and self.denominator is not None:
                return f"{_decimal(self.numerator)}/{_decimal(self.denominator)} ({percent})"
            return percent
        return _decimal(self.value)


def entered(target: TargetSpec) -> EnteredSpec | None:
    return target.measure.entered


def way_of(target: TargetSpec) -> Way:
    """What is entered for the target: `as` when the plan says it, else its kind's word."""
    spec = entered(target)
    if spec is not None and spec.as_ is not None:
        return spec.as_
    return "met" if target.kind == "met" else "ratio" if target.kind == "ratio" else "count"


def entered_targets(plan: Plan) -> tuple[TargetSpec, ...]:
    return tuple(target for target in plan.targets if entered(target) is not None)


def duty(role: Role, unit_id: int, target: TargetSpec, seat: Seat, scope_id: int) -> Duty | None:
    """Whether a member (role, unit) must or may enter `target` for the unit `seat`.

    The unit must be of the target's level, inside the plan's scope. It must be entered by the
    role the plan names (`entered.by`) sitting on that unit or above it (a commune officer for
    each of the commune's teams); the officer over the unit may enter it too."""
    spec = entered(target)
    if spec is None or seat.kind != target.level or scope_id not in seat.chain:
        return None
    if unit_id not in seat.chain:
        return None
    if role is spec.by:
        return "must"
    # The unit's officer (the commune's, for its teams) may enter it too; an admin enters
    # others' values at the CLI rather than through a chat list of every unit of the province.
    return "may" if role is Role.OFFICER else None


def may_close(role: Role, unit_id: int, seat: Seat) -> bool:
    """An admin at or above the unit, or an officer above it, closes its period."""
    if role is Role.ADMIN:
        return unit_id in seat.chain
    return role is Role.OFFICER and unit_id in seat.chain[1:]


def read_value(way: Way, typed: str) -> EnteredValue | Said:
    """The value typed for a target entered as `way`, or why it is not one."""
    text = " ".join(typed.split())
    if way == "met":
        return _met(text)
    if way == "ratio":
        return _ratio(text)
    number = _number(text)
    if way == "count":
        if number is None or number < 0 or number != int(number):
            return said("target_value_bad_count", typed=text[:40])
        return EnteredValue(float(int(number)))
    if number is None:
        return said("target_value_bad_number", typed=text[:40])
    return EnteredValue(number)


def met_value(met: bool) -> EnteredValue:
    """Met counts as 1, not met as 0: a met target's threshold (at most 1) judges it."""
    return EnteredValue(1.0 if met else 0.0, met=met)


def _met(text: str) -> EnteredValue | Said:
    word = fold(text).strip(" .!")
    if word in MET_WORDS:
        return met_value(True)
    if word in NOT_MET_WORDS:
        return met_value(False)
    return said("target_value_bad_met", typed=text[:40])


def _ratio(text: str) -> EnteredValue | Said:
    bad = said("target_value_bad_ratio", typed=text[:40])
    parts = [part.strip() for part in text.split("/")]
    if len(parts) == 2:
        top, bottom = _number(parts[0]), _number(parts[1])
        if top is None or bottom is None or bottom <= 0 or not 0 <= top <= bottom:
            return bad
        return EnteredValue(top / bottom, numerator=top, denominator=bottom)
    percent = _number(text.removesuffix("%").strip())
    if len(parts) != 1 or percent is None or not 0 <= percent <= 100:
        return bad
    return EnteredValue(percent / 100)


def _number(text: str) -> float | None:
    """ "12", "0,5", "0.5", "-3": a number; a decimal comma as Vietnamese writes it. A thousands
    separator is not taken ("1.234" would be read two ways)."""
    if not _NUMBER.fullmatch(text) or (text.count(",") + text.count(".")) > 1:
        return None
    number = float(text.replace(",", "."))
    return number if abs(number) < _LIMIT else None


def _decimal(number: float) -> str:
    """A number as Vietnamese writes it: no ".0", a decimal comma."""
    if number == int(number):
        return str(int(number))
    return f"{number:.4f}".rstrip("0").replace(".", ",")


def reminder_due(target: TargetSpec, plan: Plan, day: date) -> bool:
    """Whether `day` is one of the target's reminder days: `remind_days` before its period's
    last day, inside the plan."""
    spec = entered(target)
    if spec is None or not plan.active_on(day):
        return False
    _, end = period(target, plan, day)
    return (end - day).days in spec.remind_days


__all__ = [
    "Duty",
    "EnteredValue",
    "Seat",
    "Way",
    "duty",
    "entered_targets",
    "may_close",
    "met_value",
    "read_value",
    "reminder_due",
    "way_of",
]
