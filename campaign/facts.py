"""Dated facts about units that targets divide by or filter on: households, residents, cameras,
the commune's terrain... Pure: the catalogue of keys, reading a typed value, the value in force.

The value in force on a day is the one with the latest `valid_from` on or before it: a census of
01/01/2026 stays in force until the next one is set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from campaign.catalogs import Said, said
from campaign.localized import Localized
from campaign.normalize import fold

FactKind = Literal["count", "choice", "yes_no"]


@dataclass(frozen=True)
class FactKey:
    key: str
    kind: FactKind
    name: Localized
    options: tuple[tuple[str, Localized], ...] = ()  # choice: (stored id, label)


@dataclass(frozen=True)
class FactValue:
    """A count is kept as `num`; a choice or yes/no as `text` (its id: "mountain", "yes")."""

    num: float | None = None
    text: str | None = None

    def shown(self, fact: FactKey, lang: str) -> str:
        if self.num is not None:
            return f"{self.num:g}"
        label = dict(fact.options).get(self.text or "")
        return label.get(lang) if label is not None else str(self.text)


def _l(vi: str, en: str) -> Localized:
    return Localized(vi=vi, en=en)


YES_NO = (("yes", _l("Có", "Yes")), ("no", _l("Không", "No")))
FACTS: tuple[FactKey, ...] = (
    FactKey("households", "count", _l("Số hộ gia đình", "Households")),
    FactKey("residents", "count", _l("Số nhân khẩu", "Residents")),
    FactKey(
        "released_prisoners",
        "count",
        _l("Người chấp hành xong án phạt tù đang hỗ trợ", "Released prisoners under support"),
    ),
    FactKey("cameras", "count", _l("Số camera an ninh đã lắp", "Security cameras installed")),
    FactKey("staff", "count", _l("Số cán bộ, nhân viên", "Staff")),
    FactKey(
        "terrain",
        "choice",
        _l("Địa bàn", "Terrain"),
        (
            ("urban", _l("Đô thị", "Urban")),
            ("lowland", _l("Đồng bằng", "Lowland")),
            ("midland", _l("Trung du", "Midland")),
            ("mountain", _l("Miền núi", "Mountain")),
        ),
    ),
    FactKey("border", "yes_no", _l("Xã biên giới", "Border commune"), YES_NO),
    FactKey("coastal", "yes_no", _l("Xã ven biển", "Coastal commune"), YES_NO),
    FactKey(
        "new_rural",
        "choice",
        _l("Nông thôn mới", "New rural status"),
        (
            ("none", _l("Chưa đạt", "Not yet")),
            ("standard", _l("Đạt chuẩn", "Standard")),
            ("advanced", _l("Nâng cao", "Advanced")),
            ("model", _l("Kiểu mẫu", "Model")),
        ),
    ),
    # The year the province or the former district picked the commune to reach the new-rural
    # standard ("xã … xây dựng nông thôn mới về đích năm 2022", 003:63): a plan's `applies_to`.
    FactKey(
        "new_rural_target_year",
        "count",
        _l("Năm phấn đấu về đích nông thôn mới", "Year set to reach the new-rural standard"),
    ),
    FactKey(
        "ntm_antt_met",
        "yes_no",
        _l("Đạt tiêu chí ANTT nông thôn mới", "New-rural security criterion met"),
        YES_NO,
    ),
)
_BY_KEY = {fact.key: fact for fact in FACTS}
_TRUE = {"yes", "y", "co", "true", "1", "dat"}
_FALSE = {"no", "n", "khong", "false", "0", "chua dat"}
MAX_COUNT = 10_000_000


def fact_by_key(key: str) -> FactKey | None:
    return _BY_KEY.get(key.strip())


def parse_value(fact: FactKey, typed: str) -> FactValue | Said:
    """The value as typed ("12500", "miền núi", "có"), or why it is refused."""
    folded = fold(typed)
    if fact.kind == "count":
        # digits, or thousands grouped by dots or commas ("12.500"); "1,5" is no count
        if not re.fullmatch(r"\d{1,9}|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+", folded):
            return said("fact_not_a_count", value=typed.strip())
        number = int(folded.replace(".", "").replace(",", ""))
        if number > MAX_COUNT:
            return said("fact_not_a_count", value=typed.strip())
        return FactValue(num=float(number))
    if fact.kind == "yes_no":
        if folded in _TRUE:
            return FactValue(text="yes")
        if folded in _FALSE:
            return FactValue(text="no")
    for option, label in fact.options:
        if folded in (option, fold(label.vi), fold(label.en)):
            return FactValue(text=option)
    allowed = ", ".join(label.vi for _, label in fact.options)
    return said("fact_not_an_option", value=typed.strip(), allowed=allowed)


V = TypeVar("V")


def in_force(history: Iterable[tuple[date, V]], day: date) -> V | None:
    """The value whose `valid_from` is the latest on or before `day` (None: none yet)."""
    best: tuple[date, V] | None = None
    for valid_from, value in history:
        if valid_from <= day and (best is None or valid_from >= best[0]):
            best = (valid_from, value)
    return best[1] if best is not None else None


Wanted = str | bool | int | float | tuple[str | bool | int | float, ...]


def matches(value: FactValue | None, wanted: Wanted) -> bool:
    """A fact filter of a plan: a choice (`terrain: mountain`), any of a list (`[urban,
    lowland]`), yes/no (`coastal: true`), a count compared (`cameras: ">0"`) or equal."""
    if isinstance(wanted, tuple):
        return any(matches(value, one) for one in wanted)
    if value is None:
        return False
    if isinstance(wanted, bool):
        return value.text == ("yes" if wanted else "no")
    if isinstance(wanted, int | float):
        return value.num is not None and value.num == wanted
    compared = re.fullmatch(r"\s*(>=|<=|>|<|=)\s*(\d+(?:\.\d+)?)\s*", wanted)
    if compared is not None and value.num is not None:
        operator, number = compared.group(1), float(compared.group(2))
        return {
            ">": value.num > number,
            ">=": value.num >= number,
            "<": value.num < number,
            "<=": value.num <= number,
            "=": value.num == number,
        }[operator]
    return value.text == wanted


def all_match(facts: Mapping[str, FactValue], where: Mapping[str, Wanted]) -> bool:
    return all(matches(facts.get(key), wanted) for key, wanted in where.items())
