"""Roster rows as communes keep them: unit path, full name, role, optional phone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from campaign.normalize import clean_text, fold
from campaign.roles import Role, parse_role

_PHONE_RE = re.compile(r"^(?:\+?84|0)\d{8,10}$")
_HEADER_WORDS = {"ho ten", "ho va ten", "full name", "name", "don vi", "unit", "vai tro", "role"}


@dataclass(frozen=True)
class RosterRow:
    line: int
    unit_path: tuple[str, ...]
    full_name: str
    role: Role
    phone: str | None


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


def split_path(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[/>»|]", text) if part.strip())


def is_header(cells: list[str]) -> bool:
    return any(fold(cell) in _HEADER_WORDS for cell in cells)


def parse_row(line: int, cells: list[str]) -> RosterRow | RowProblem:
    cells = [clean_text(c) for c in cells] + [""] * 4
    unit_text, name, role_text, phone_text = cells[:4]
    if not unit_text:
        return RowProblem(line, "thiếu đơn vị")
    if not name:
        return RowProblem(line, "thiếu họ tên")
    if len(name) > 200 or not any(ch.isalpha() for ch in name):
        return RowProblem(line, f"họ tên không hợp lệ: {name[:40]!r}")
    role = parse_role(role_text) if role_text else Role.MEMBER
    if role is None:
        return RowProblem(
            line,
            f"vai trò không rõ: {role_text[:40]!r} (Tổ viên, Tổ phó, Tổ trưởng, Cán bộ Công an xã)",
        )
    phone = re.sub(r"[\s.\-()]", "", phone_text) or None
    if phone is not None and not _PHONE_RE.match(phone):
        return RowProblem(line, f"số điện thoại không hợp lệ: {phone_text[:20]!r}")
    return RosterRow(line, split_path(unit_text), name, role, phone)
