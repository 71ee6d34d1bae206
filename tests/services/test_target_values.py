"""The entered-targets service with in-memory ports: whose value it is, what is refused (not
theirs, a bad value, a closed period) in clear words, evidence linked to the saved value, the
bot's own count shown where the plan names one, and who is reminded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from campaign.localized import Language
from campaign.plans import Plan, load_document
from campaign.roles import Role
from campaign.target_values import EnteredValue
from services import target_values
from services.ports import Holder, MemberView
from services.refusals import Refused
from tests.campaign.test_target_values import PLAN
from tests.fakes.target_values import MemoryTargetValues, Unit
from tests.storage.test_documents import PDF_BYTES

NOW = datetime(2027, 2, 1, 3, 0, tzinfo=UTC)
DAY = NOW.date()
PROVINCE, COMMUNE, EAST, WEST = 1, 2, 3, 4
OFFICER = MemberView(10, "Cán bộ", Role.OFFICER, COMMUNE, "Xã Hòa Bình", "vi")
LEADER = MemberView(11, "Tổ trưởng", Role.LEADER, EAST, "Tổ Đông", "vi")
ADMIN = MemberView(12, "Quản trị", Role.ADMIN, PROVINCE, "Tỉnh", "en")


def store() -> MemoryTargetValues:
    plan = load_document(PLAN)
    assert isinstance(plan, Plan)
    return MemoryTargetValues(
        units=[
            Unit(PROVINCE, "DEMO", "Tỉnh", "province", None),
            Unit(COMMUNE, "DEMO-XA", "Xã Hòa Bình", "commune", PROVINCE),
            Unit(EAST, "DEMO-XA-T1", "Tổ Đông", "team", COMMUNE),
            Unit(WEST, "DEMO-XA-T2", "Tổ Tây", "team", COMMUNE),
        ],
        plans=[(plan, PROVINCE)],
        people=[
            (Holder(OFFICER.id, COMMUNE, "vi"), Role.OFFICER),
            (Holder(LEADER.id, EAST, "vi"), Role.LEADER),
        ],
    )


def task_of(
    memory: MemoryTargetValues, member: MemberView, code: str, unit: str
) -> target_values.Task:
    return next(
        t
        for t in target_values.tasks(memory, member, DAY)
        if (t.target.code, t.place.code) == (code, unit)
    )


def words(error: pytest.ExceptionInfo[Refused], lang: Language = "vi") -> str:
    return error.value.reason.get(lang)


def test_each_member_gets_what_falls_to_them_their_own_first() -> None:
    memory = store()
    mine = [(t.target.code, t.place.code, t.duty) for t in target_values.tasks(memory, LEADER, DAY)]
    assert mine == [("thanh-vien", "DEMO-XA-T1", "must")]
    officer = [(t.place.code, t.duty) for t in target_values.tasks(memory, OFFICER, DAY)]
    assert officer[0] == ("DEMO-XA", "must") and ("DEMO-XA-T2", "may") in officer
    assert officer.index(("DEMO-XA-T2", "may")) > max(
        i for i, (_, d) in enumerate(officer) if d == "must"
    )
    commune = task_of(memory, OFFICER, "khong-tai-pham", "DEMO-XA")
    with pytest.raises(Refused) as refused:  # a key that is not the leader's
        target_values.find(memory, LEADER, commune.key, DAY)
    assert "không còn thuộc phần việc của bạn" in words(refused)


def test_a_bad_value_is_refused_in_the_readers_language() -> None:
    commune = task_of(store(), OFFICER, "khong-tai-pham", "DEMO-XA")
    with pytest.raises(Refused) as refused:
        target_values.read(commune, "mười hai")
    assert "không phải số lượng" in words(refused)
    assert "is not a count" in words(refused, "en")
    assert target_values.read(commune, "12").value == 12.0
    ratio = task_of(store(), OFFICER, "nguon-tin", "DEMO-XA")
    assert target_values.read(ratio, "17/20").numerator == 17.0


def test_evidence_is_linked_to_the_saved_value_and_the_change_audited() -> None:
    memory = store()
    task = task_of(memory, OFFICER, "khong-tai-pham", "DEMO-XA")
    document = target_values.keep_evidence(
        memory, memory, OFFICER, task, data=PDF_BYTES, name="bien-ban.pdf", now=NOW
    )
    assert memory.kept[document].owner_kind == "target_value"
    assert memory.kept[document].unit_id == COMMUNE
    target_values.enter(
        memory,
        memory,
        memory,
        OFFICER,
        task,
        EnteredValue(0.0),
        note="",
        document_id=document,
        now=NOW,
    )
    row_id = next(iter(memory.values.values()))[0]
    assert memory.owners[document] == ("target_value", row_id)
    with pytest.raises(Refused) as refused:
        target_values.keep_evidence(
            memory, memory, OFFICER, task, data=b"MZ\x90\x00", name="virus.exe", now=NOW
        )
    assert "Chỉ nhận tệp PDF" in words(refused)
    again = task_of(memory, OFFICER, "khong-tai-pham", "DEMO-XA")
    target_values.enter(
        memory,
        memory,
        memory,
        OFFICER,
        again,
        EnteredValue(3.0),
        note=None,
        document_id=None,
        now=NOW,
    )
    changed = [a for a in memory.audited if a.action == "target_value.changed"]
    assert len(changed) == 1
    assert changed[0].details["before"]["document_id"] == document
    assert changed[0].details["after"] == {
        "value": 3.0,
        "met": None,
        "numerator": None,
        "denominator": None,
        "note": "",
        "document_id": document,
    }


def test_a_closed_period_refuses_values_and_evidence_with_its_dates() -> None:
    memory = store()
    assert target_values.close(memory, memory, ADMIN, "nhap-thu", date(2027, 1, 1), "DEMO-XA", NOW)
    task = task_of(memory, OFFICER, "khong-tai-pham", "DEMO-XA")
    with pytest.raises(Refused) as refused:
        target_values.enter(
            memory,
            memory,
            memory,
            OFFICER,
            task,
            EnteredValue(0.0),
            note=None,
            document_id=None,
            now=NOW,
        )
    assert words(refused) == (
        "Kỳ 01/01/2027 – 31/03/2027 đã khóa sổ ngày 01/02/2027: "
        "không thể nhập hoặc sửa chỉ tiêu này nữa."
    )
    with pytest.raises(Refused):
        target_values.keep_evidence(
            memory, memory, OFFICER, task, data=PDF_BYTES, name="x.pdf", now=NOW
        )
    assert memory.values == {} and memory.kept == {}
    with pytest.raises(Refused) as refused:
        target_values.close(memory, memory, LEADER, "nhap-thu", date(2027, 1, 1), "DEMO-XA-T1", NOW)
    assert "Chỉ quản trị viên hoặc cán bộ cấp trên" in words(refused)


def test_the_bots_own_count_is_shown_only_where_the_plan_names_one() -> None:
    memory = store()
    memory.hint = 7.0
    hinted = task_of(memory, OFFICER, "nguon-tin", "DEMO-XA")
    plain = task_of(memory, OFFICER, "khong-tai-pham", "DEMO-XA")
    assert target_values.hint(memory, hinted) == 7.0
    assert target_values.hint(memory, plain) is None


def test_the_cli_reads_met_and_values_as_the_target_is_entered() -> None:
    memory = store()
    team = target_values.admin_task(memory, "nhap-thu", "thanh-vien", "DEMO-XA-T2", DAY)
    assert target_values.typed_value(team, None, "không").met is False
    with pytest.raises(Refused) as refused:
        target_values.typed_value(team, "1", None)
    assert "--met yes" in words(refused)
    with pytest.raises(Refused):
        target_values.typed_value(team, "1", "yes")
    with pytest.raises(Refused) as refused:
        target_values.admin_task(memory, "nhap-thu", "thanh-vien", "DEMO-XA", DAY)
    assert "không áp dụng cho đơn vị DEMO-XA" in words(refused)
    with pytest.raises(Refused) as refused:
        target_values.admin_task(memory, "nhap-thu", "cu", "DEMO-XA", date(2028, 1, 1))
    assert "nằm ngoài thời gian của kế hoạch" in words(refused)


def test_reminders_skip_units_entered_and_closed() -> None:
    memory = store()
    march = date(2027, 3, 24)  # 7 days before Đợt 1 ends
    first = {
        (r.holder.member_id, r.target.code): r.units for r in target_values.reminders(memory, march)
    }
    assert first[(OFFICER.id, "khong-tai-pham")] == ("Xã Hòa Bình",)
    assert first[(LEADER.id, "thanh-vien")] == ("Tổ Đông",)
    task = next(
        t for t in target_values.tasks(memory, OFFICER, march) if t.target.code == "khong-tai-pham"
    )
    target_values.enter(
        memory,
        memory,
        memory,
        OFFICER,
        task,
        EnteredValue(0.0),
        note=None,
        document_id=None,
        now=NOW,
    )
    target_values.close(memory, memory, OFFICER, "nhap-thu", date(2027, 1, 1), "DEMO-XA-T1", NOW)
    later = {(r.holder.member_id, r.target.code) for r in target_values.reminders(memory, march)}
    assert (OFFICER.id, "khong-tai-pham") not in later and (LEADER.id, "thanh-vien") not in later
    assert (OFFICER.id, "nguon-tin") in later
    assert target_values.reminders(memory, date(2027, 3, 25)) == []
