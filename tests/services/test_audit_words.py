"""Every action the code audits is shown in words in the console's audit log (a new action
without words would show as its code to an admin)."""

from __future__ import annotations

import ast
from pathlib import Path

from services.audit_log import ACTION_WORDS, action_words

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = (
    "broadcast", "commendation", "console", "deliverable", "document", "dossier", "entry",
    "grade", "grades", "identity", "informant", "invite", "invites", "member", "model", "plan",
    "rating", "registration", "roster", "target_value", "tip", "unit", "unit_group", "unit_kind",
)  # fmt: skip


def _audited_actions() -> set[str]:
    found = set()
    for package in ("services", "storage", "bot", "handlers", "scheduler"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    head, dot, tail = node.value.partition(".")
                    if dot and head in PREFIXES and tail.replace("_", "").isalpha():
                        found.add(node.value)
    return found - {"entry.html", "tip.html"}


def test_every_audited_action_has_words() -> None:
    actions = _audited_actions()
    assert {"informant.revealed", "tip.assigned", "console.login"} <= actions
    assert sorted(actions - set(ACTION_WORDS)) == []


def test_exports_are_named_by_their_table() -> None:
    worded = action_words("export.members")
    assert not isinstance(worded, str)
    assert "members" in worded.get("vi") and worded.get("vi").startswith("Xuất bảng")
