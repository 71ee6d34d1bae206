"""Dated unit facts: who may set them, what is refused, the audit's before and after, and an
import that writes nothing while any row is wrong."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from campaign.facts import FactValue
from campaign.roles import Role
from services import facts
from services.facts import FactRow
from services.ports import MemberView
from services.refusals import Refused
from tests.fakes.facts import MemoryFacts

NOW = datetime(2026, 12, 1, 9, 0)
DAY = date(2026, 1, 1)
PROVINCE, COMMUNE, OTHER, TEAM = 1, 2, 3, 4


def store() -> MemoryFacts:
    return MemoryFacts(
        units={
            "P": (PROVINCE, "Tỉnh", (PROVINCE,)),
            "XA": (COMMUNE, "Xã An", (COMMUNE, PROVINCE)),
            "XB": (OTHER, "Xã Bình", (OTHER, PROVINCE)),
            "XA-T1": (TEAM, "Tổ Một", (TEAM, COMMUNE, PROVINCE)),
        }
    )


def person(role: Role, unit_id: int) -> MemberView:
    return MemberView(7, "Người đặt", role, unit_id, "", "vi")


def test_the_unit_s_officer_sets_a_fact_and_the_change_is_audited() -> None:
    kept = store()
    officer = person(Role.OFFICER, COMMUNE)
    first = facts.set_fact(
        kept, officer, unit_code="XA", key="residents", typed="12.500", valid_from=DAY, now=NOW
    )
    assert (first.value, first.before) == (FactValue(num=12500), None)
    again = facts.set_fact(
        kept,
        officer,
        unit_code="XA",
        key="residents",
        typed="12600",
        valid_from=DAY,
        note="điều tra lại",
        now=NOW,
    )
    assert again.before == FactValue(num=12500)
    assert [row.value for row in kept.fact_history(COMMUNE)] == [FactValue(num=12600)]
    line = kept.audited[-1]
    assert (line.action, line.actor_member_id) == ("unit_fact.set", 7)
    assert (line.details["before"], line.details["after"]) == (12500, 12600)


@pytest.mark.parametrize(
    ("actor", "code", "key", "typed", "words"),
    [
        (person(Role.OFFICER, OTHER), "XA", "residents", "1", "Chỉ cán bộ Công an của đơn vị"),
        (person(Role.LEADER, TEAM), "XA-T1", "residents", "1", "Chỉ cán bộ Công an của đơn vị"),
        (None, "XZ", "residents", "1", "Không có đơn vị XZ"),
        (None, "XA", "dan_so", "1", "Không có chỉ số “dan_so”"),
        (None, "XA", "terrain", "cao nguyên", "không phải giá trị cho phép"),
        (None, "XA", "cameras", "-3", "không phải một số đếm"),
    ],
)
def test_wrong_facts_are_refused_and_change_nothing(
    actor: MemberView | None, code: str, key: str, typed: str, words: str
) -> None:
    kept = store()
    with pytest.raises(Refused) as refused:
        facts.set_fact(kept, actor, unit_code=code, key=key, typed=typed, valid_from=DAY, now=NOW)
    assert words in refused.value.reason.get("vi")
    assert not kept.rows and not kept.audited


def test_an_admin_above_sets_a_fact_below() -> None:
    kept = store()
    admin = person(Role.ADMIN, PROVINCE)
    facts.set_fact(
        kept, admin, unit_code="XB", key="terrain", typed="Miền núi", valid_from=DAY, now=NOW
    )
    assert kept.fact_history(OTHER)[0].value == FactValue(text="mountain")


def test_an_import_writes_nothing_while_a_row_is_wrong() -> None:
    kept = store()
    rows = [
        FactRow(2, "XA", "households", "3200", "01/01/2026"),
        FactRow(3, "XB", "terrain", "đồng bằng", "1/1/2026"),
        FactRow(4, "XB", "cameras", "nhiều", "01/01/2026"),
        FactRow(5, "XA", "households", "3300", "01/01/2026"),
        FactRow(6, "XA", "coastal", "có", "31/02/2026"),
    ]
    done, refused = facts.import_facts(kept, rows, dry_run=False, now=NOW)
    assert [problem.line for problem in refused] == [4, 5, 6]
    assert "dòng 2" in refused[1].why.get("vi")
    assert not kept.rows and not kept.audited
    done, refused = facts.import_facts(kept, rows[:2], dry_run=True, now=NOW)
    assert len(done) == 2 and not refused and not kept.rows  # a dry run writes nothing
    done, refused = facts.import_facts(kept, rows[:2], dry_run=False, now=NOW)
    assert [change.value for change in done] == [FactValue(num=3200), FactValue(text="lowland")]
    assert {line.details["source"] for line in kept.audited} == {"import"}
