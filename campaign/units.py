"""Units as an admin types them, and where a unit may sit in the tree.

The kinds that roles need keep their order: nothing sits under a team, a commune is not under a
commune, a team needs a unit above it (its tips belong to that unit's commune). New units are of
the three kinds roles know (campaign/roles): since the 2025 reform a province's units are
communes (xã, phường, đặc khu) and their teams, with no district between."""

from __future__ import annotations

import re

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.normalize import fold

TEAM, COMMUNE, PROVINCE = "team", "commune", "province"
KINDS = (PROVINCE, COMMUNE, TEAM)
KIND_SHAPE = re.compile(r"[a-z][a-z0-9_]{0,19}")  # fits units.kind (20 characters)
# Codes are typed on a command line and in roster files: letters without marks, digits, and
# . _ - inside (no spaces, which a shell splits and a reader cannot see), at most 64 (the column).
CODE_SHAPE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?")
# Words an admin may type for a kind, folded (no marks, lower case).
KIND_WORDS = {
    "province": PROVINCE,
    "tinh": PROVINCE,
    "thanh pho": PROVINCE,
    "commune": COMMUNE,
    "xa": COMMUNE,
    "phuong": COMMUNE,
    "dac khu": COMMUNE,
    "team": TEAM,
    "to": TEAM,
    "to bao ve antt": TEAM,
}


def normal_kind(kind: str) -> str:
    """'Commune ' is 'commune', 'Xã' is 'commune': a known kind however it is typed; anything
    else folded as it is (and then refused by `kind_problem`)."""
    return KIND_WORDS.get(fold(kind), kind.strip().casefold())


def code_problem(code: str) -> Localized | None:
    if CODE_SHAPE.fullmatch(code):
        return None
    return said("unit_code_shape", code=repr(code))


def kind_problem(kind: str) -> Localized | None:
    if kind in KINDS:
        return None
    return said("unit_kind_unknown", kind=repr(kind))


def tree_problem(kind: str, parent_kind: str | None) -> Localized | None:
    """Why a unit of `kind` cannot sit under a unit of `parent_kind` (None: at the top); None
    when it can."""
    if not KIND_SHAPE.fullmatch(kind):
        return said("unit_kind_shape", kind=repr(kind))
    if parent_kind == TEAM:
        return said("unit_under_a_team")
    if kind == TEAM and parent_kind != COMMUNE:
        # Its leader's entries go up to the commune's officer: a team under a province
        # would have nobody to verify them, nor a commune to be graded in.
        return said("unit_team_needs_a_commune")
    if kind == COMMUNE and parent_kind == COMMUNE:
        return said("unit_commune_under_a_commune")
    if kind == PROVINCE and parent_kind is not None:
        return said("unit_province_on_top")
    return None
