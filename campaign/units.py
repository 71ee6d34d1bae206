"""Units as an admin types them, and where a unit may sit in the tree.

The kinds themselves, where each may sit and the roles each takes are data
(campaign/unit_kinds): since the 2025 reform a province's units are communes (xã, phường, đặc
khu) and their teams, with villages, agencies, enterprises and schools beside them; former
districts are kept only for older plans and groupings. Codes are the same for every kind."""

from __future__ import annotations

import re

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.unit_kinds import (
    COMMUNE,
    KIND_SHAPE,
    KIND_WORDS,
    PROVINCE,
    TEAM,
    kind_problem,
    normal_kind,
    tree_problem,
)

# Codes are typed on a command line and in roster files: letters without marks, digits, and
# . _ - inside (no spaces, which a shell splits and a reader cannot see), at most 64 (the column).
CODE_SHAPE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?")


def code_problem(code: str) -> Localized | None:
    if CODE_SHAPE.fullmatch(code):
        return None
    return said("unit_code_shape", code=repr(code))


__all__ = [
    "CODE_SHAPE",
    "COMMUNE",
    "KIND_SHAPE",
    "KIND_WORDS",
    "PROVINCE",
    "TEAM",
    "code_problem",
    "kind_problem",
    "normal_kind",
    "tree_problem",
]
