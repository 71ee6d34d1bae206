"""Where a unit may sit in the tree. Units are data (any kinds, any depth), but the kinds that
roles need keep their order: nothing sits under a team, a commune is not under a commune, a
team needs a unit above it (its tips belong to that unit's commune)."""

from __future__ import annotations

import re

TEAM, COMMUNE, PROVINCE = "team", "commune", "province"
KIND_SHAPE = re.compile(r"[a-z][a-z0-9_]{0,19}")  # fits units.kind (20 characters)


def normal_kind(kind: str) -> str:
    """'Commune ' is 'commune': a kind typed with capitals or spaces is the same kind."""
    return kind.strip().casefold()


def tree_problem(kind: str, parent_kind: str | None) -> str | None:
    """Why a unit of `kind` cannot sit under a unit of `parent_kind` (None: at the top), in
    Vietnamese; None when it can."""
    if not KIND_SHAPE.fullmatch(kind):
        return (
            f"Cấp đơn vị {kind!r} không hợp lệ: dùng chữ thường không dấu, số, dấu gạch dưới "
            "(tối đa 20 ký tự), ví dụ province, commune, team."
        )
    if parent_kind == TEAM:
        return "Không thể đặt đơn vị nào dưới một tổ: tổ là cấp thấp nhất."
    if kind == TEAM and parent_kind is None:
        return "Một tổ phải thuộc một đơn vị cấp trên (--parent MÃ_XÃ)."
    if kind == COMMUNE and parent_kind == COMMUNE:
        return "Không thể đặt một xã dưới một xã khác."
    if kind == PROVINCE and parent_kind is not None:
        return "Tỉnh là cấp cao nhất: không đặt dưới đơn vị nào."
    return None
