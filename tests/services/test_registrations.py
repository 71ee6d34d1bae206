"""Registrations, dossiers, ratings and commendations as every door sees them (services on
typed fakes): who may register which unit, outcomes from above, documents uploaded, accepted
or returned with the unit's officers told, a deadline waiting on a complete dossier,
commendations proposed by a leader and granted by an officer, the member told."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from campaign.localized import L
from campaign.roles import Role
from services import commendations, deliverables, registrations
from services.ports import (
    MemberView,
    NewCommendation,
    OpenDeliverable,
    Outcome,
    RegistrationView,
)
from services.refusals import Refused
from tests.fakes.registry import MemoryRegistry
from tests.fakes.store import MemoryStore
from tests.registry_plan import registry_plan

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
DAY = NOW.date()
PROVINCE, COMMUNE, OTHER_COMMUNE, TEAM, VILLAGE, SCHOOL = 1, 2, 3, 4, 5, 6
ADMIN = MemberView(1, "Quản trị tỉnh", Role.ADMIN, PROVINCE, "Tỉnh", "vi")
OFFICER = MemberView(2, "Cán bộ xã", Role.OFFICER, COMMUNE, "Xã Hòa Bình", "vi")
OTHER_OFFICER = MemberView(3, "Cán bộ xã khác", Role.OFFICER, OTHER_COMMUNE, "Xã Khác", "en")
LEADER = MemberView(4, "Tổ trưởng", Role.LEADER, TEAM, "Tổ Đông", "vi")
MEMBER = MemberView(5, "Thành viên", Role.MEMBER, TEAM, "Tổ Đông", "en")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def world() -> tuple[MemoryRegistry, MemoryStore]:
    registry = MemoryRegistry()
    registry.place(PROVINCE, "Tỉnh", "province")
    registry.place(COMMUNE, "Xã Hòa Bình", "commune", PROVINCE)
    registry.place(OTHER_COMMUNE, "Xã Khác", "commune", PROVINCE)
    registry.place(TEAM, "Tổ Đông", "team", COMMUNE)
    registry.place(VILLAGE, "Thôn Đông", "village", COMMUNE)
    registry.place(SCHOOL, "Trường Tiểu học", "school", COMMUNE)
    registry.plans.append((registry_plan(), PROVINCE))
    people = MemoryStore()
    for member in (ADMIN, OFFICER, OTHER_OFFICER, LEADER, MEMBER):
        registry.members[member.id] = member
    # The fake tells every officer it holds as the commune's: the other commune's is not one.
    for member in (ADMIN, OFFICER, LEADER, MEMBER):
        people.members[member.id] = member
    return registry, people


def register(
    registry: MemoryRegistry, people: MemoryStore, actor: MemberView | None, unit: int
) -> RegistrationView:
    return registrations.register(
        registry, people, actor, unit_id=unit, scheme="an-toan-antt", day=DAY, now=NOW
    )


def refusal(error: pytest.ExceptionInfo[Refused]) -> str:
    return error.value.reason.get("vi")


def test_an_officer_registers_their_unit_and_units_under_it_once_a_year() -> None:
    registry, people = world()
    own = register(registry, people, OFFICER, COMMUNE)
    assert (own.scheme, own.unit.id, own.year, own.outcome) == (
        "an-toan-antt",
        COMMUNE,
        2026,
        "pending",
    )
    assert own.plan_code == "an-toan-2026" and own.registered_by == OFFICER.id
    village = register(registry, people, OFFICER, VILLAGE)
    assert [i.item for i in registry.dossier("registration", village.id)] == [
        "to-trinh",
        "bao-cao-ket-qua",
        "anh-hoat-dong",
    ]
    assert all(i.status == "missing" for i in registry.dossier("registration", village.id))
    with pytest.raises(Refused) as twice:
        register(registry, people, OFFICER, VILLAGE)
    assert refusal(twice) == "Thôn Đông đã đăng ký phong trào này năm 2026."
    assert ("registration.added", str(own.id)) in [(a, t) for _, a, t in people.audited]
    assert [r.unit.id for r in registrations.registrations_under(registry, OFFICER)] == [
        COMMUNE,
        VILLAGE,
    ]


@pytest.mark.parametrize(
    ("actor", "unit", "said"),
    [
        (LEADER, TEAM, "Chỉ cán bộ Công an xã"),
        (MEMBER, VILLAGE, "Chỉ cán bộ Công an xã"),
        (OTHER_OFFICER, VILLAGE, "không thuộc đơn vị của bạn"),
        (OFFICER, TEAM, "không thuộc loại đơn vị được đăng ký"),
    ],
)
def test_registering_is_refused_outside_the_rules(actor: MemberView, unit: int, said: str) -> None:
    registry, people = world()
    with pytest.raises(Refused) as refused:
        register(registry, people, actor, unit)
    assert said in refusal(refused)
    assert registry.registered == {} and people.audited == []


def test_a_scheme_no_running_plan_declares_and_a_late_registration_are_refused() -> None:
    registry, people = world()
    with pytest.raises(Refused) as unknown:
        registrations.register(
            registry, people, OFFICER, unit_id=COMMUNE, scheme="khong-co", day=DAY, now=NOW
        )
    assert "khong-co" in refusal(unknown)
    late = date(2026, 7, 1)
    with pytest.raises(Refused) as too_late:
        registrations.register(
            registry, people, OFFICER, unit_id=COMMUNE, scheme="an-toan-antt", day=late, now=NOW
        )
    assert "30/06/2026" in refusal(too_late)
    made = registrations.register(  # the command line may still record it
        registry, people, None, unit_id=COMMUNE, scheme="an-toan-antt", day=late, now=NOW
    )
    assert made.registered_by is None


def test_the_outcome_is_recorded_from_above_and_the_units_officers_are_told() -> None:
    registry, people = world()
    own = register(registry, people, OFFICER, COMMUNE)
    achieved = Outcome("achieved", date(2026, 12, 20), "province_police", "123/QĐ", "")
    with pytest.raises(Refused) as own_unit:
        registrations.record_outcome(registry, people, people, OFFICER, own.id, achieved, NOW)
    assert "cấp trên" in refusal(own_unit)
    wrong_level = Outcome("achieved", date(2026, 12, 20), "huyen", None, "")
    with pytest.raises(Refused) as level:
        registrations.record_outcome(registry, people, people, ADMIN, own.id, wrong_level, NOW)
    assert "Cấp không có: huyen" in refusal(level)
    done = registrations.record_outcome(registry, people, people, ADMIN, own.id, achieved, NOW)
    assert (done.outcome, done.decision_no, done.outcome_level) == (
        "achieved",
        "123/QĐ",
        "province_police",
    )
    told = {n.member_id: n.message.text for n in people.notices}
    assert told[OFFICER.id] == 'Kết quả đăng ký "Đạt chuẩn An toàn về ANTT" của Xã Hòa Bình: Đạt.'
    withdrawn = Outcome("withdrawn", DAY, None, None, "")
    with pytest.raises(Refused):
        registrations.record_outcome(registry, people, people, OFFICER, own.id, withdrawn, NOW)
    village = register(registry, people, OFFICER, VILLAGE)
    out = registrations.record_outcome(
        registry, people, people, OFFICER, village.id, withdrawn, NOW
    )
    assert out.outcome == "withdrawn"
    with pytest.raises(Refused) as hidden:
        registrations.record_outcome(registry, people, people, OTHER_OFFICER, own.id, achieved, NOW)
    assert refusal(hidden) == "Không tìm thấy đăng ký này, hoặc bạn không được xem."


def test_a_dossier_is_uploaded_then_accepted_or_returned_by_the_level_above() -> None:
    registry, people = world()
    village = register(registry, people, OFFICER, VILLAGE)
    item = registrations.upload(
        registry,
        registry,
        people,
        OFFICER,
        village.id,
        "to-trinh",
        data=PNG,
        name="to-trinh.png",
        now=NOW,
    )
    assert item.status == "uploaded" and item.document_id is not None
    kept, _ = registry.documents[item.document_id]
    assert (kept.owner_kind, kept.owner_id, kept.unit_id) == ("dossier_item", item.id, VILLAGE)
    with pytest.raises(Refused) as not_a_document:
        registrations.upload(
            registry,
            registry,
            people,
            OFFICER,
            village.id,
            "bao-cao-ket-qua",
            data=b"MZ",
            name="x.exe",
            now=NOW,
        )
    assert "Chỉ nhận tệp PDF" in refusal(not_a_document)
    with pytest.raises(Refused) as unknown_item:
        registrations.upload(
            registry, registry, people, OFFICER, village.id, "khac", data=PNG, name="a.png", now=NOW
        )
    assert "to-trinh, bao-cao-ket-qua, anh-hoat-dong" in refusal(unknown_item)
    with pytest.raises(Refused) as no_reason:
        registrations.review(
            registry, people, people, OFFICER, village.id, "to-trinh", "returned", " ", NOW
        )
    assert "lý do" in refusal(no_reason)
    returned = registrations.review(
        registry, people, people, ADMIN, village.id, "to-trinh", "returned", "Thiếu chữ ký", NOW
    )
    assert (returned.status, returned.note) == ("returned", "Thiếu chữ ký")
    told = {n.member_id: n.message.text for n in people.notices}
    assert told[OFFICER.id] == (
        'Hồ sơ của Thôn Đông: "Tờ trình hoặc đề xuất" bị trả lại. Lý do: Thiếu chữ ký'
    )
    checked = registrations.checklist(registry, OFFICER, village.id)
    assert not checked.complete and checked.still_needed() == [
        "to-trinh",
        "bao-cao-ket-qua",
        "anh-hoat-dong",
    ]
    registrations.upload(
        registry,
        registry,
        people,
        OFFICER,
        village.id,
        "to-trinh",
        data=PNG,
        name="lai.png",
        now=NOW,
    )
    accepted = registrations.review(
        registry, people, people, OFFICER, village.id, "to-trinh", "accepted", "", NOW
    )
    assert accepted.status == "accepted"
    with pytest.raises(Refused) as final:
        registrations.upload(
            registry,
            registry,
            people,
            OFFICER,
            village.id,
            "to-trinh",
            data=PNG,
            name="b.png",
            now=NOW,
        )
    assert "đã được duyệt" in refusal(final)
    actions = [a for _, a, _ in people.audited]
    assert actions.count("dossier.uploaded") == 2
    assert {"dossier.returned", "dossier.accepted", "document.uploaded"} <= set(actions)


def test_a_deadline_with_a_registration_is_done_only_with_a_complete_dossier() -> None:
    registry, people = world()
    item = OpenDeliverable(
        "an-toan-2026",
        "ho-so-an-toan",
        date(2026, 12, 15),
        L("Hồ sơ", "Dossier"),
        L("Hồ sơ", "Dossier"),
        "an-toan-antt",
    )
    people.deadlines.append((COMMUNE, Role.OFFICER, item))
    with pytest.raises(Refused) as unregistered:
        deliverables.mark_submitted(
            people, people, OFFICER, item.key, None, chat=("web", "c"), now=NOW, registry=registry
        )
    assert "chưa đăng ký" in refusal(unregistered)
    own = register(registry, people, OFFICER, COMMUNE)
    registrations.upload(
        registry, registry, people, OFFICER, own.id, "to-trinh", data=PNG, name="a.png", now=NOW
    )
    with pytest.raises(Refused) as incomplete:
        deliverables.mark_submitted(
            people, people, OFFICER, item.key, None, chat=("web", "c"), now=NOW, registry=registry
        )
    assert refusal(incomplete) == (
        f"Hồ sơ đăng ký số {own.id} chưa đủ, còn thiếu: Báo cáo kết quả, Ảnh hoạt động. "
        "Gửi tài liệu bằng /dangky rồi báo đã nộp."
    )
    assert people.submitted == {}
    for code in ("bao-cao-ket-qua", "anh-hoat-dong"):
        registrations.upload(
            registry, registry, people, OFFICER, own.id, code, data=PNG, name="a.png", now=NOW
        )
    done = deliverables.mark_submitted(
        people, people, OFFICER, item.key, None, chat=("web", "c"), now=NOW, registry=registry
    )
    assert done.recorded


def test_ratings_are_set_by_admins_with_the_schemes_values() -> None:
    registry, people = world()

    def rate(actor: MemberView | None, rating: str) -> None:
        registrations.set_rating(
            registry,
            people,
            actor,
            unit_id=COMMUNE,
            scheme="phan-loai-510",
            year=2025,
            rating=rating,
            day=DAY,
            now=NOW,
        )

    with pytest.raises(Refused):
        rate(OFFICER, "kha")
    with pytest.raises(Refused) as unknown:
        rate(ADMIN, "gioi")
    assert "xuat-sac, kha, trung-binh, yeu" in refusal(unknown)
    rate(ADMIN, "kha")
    rate(None, "xuat-sac")
    assert registry.rated[(COMMUNE, "phan-loai-510", 2025)].rating == "xuat-sac"
    assert people.audit_details[-1] == {"before": "kha", "after": "xuat-sac"}


def proposal(subject: int, form: str = "giay-khen") -> NewCommendation:
    return NewCommendation(
        "member",
        subject,
        "commune",
        form,
        "Phát hiện, báo tin kịp thời",
        DAY,
        None,
        None,
        "granted",
        None,
        None,
        None,
        NOW,
    )


def test_a_leader_proposes_for_their_team_and_the_officer_grants_the_member_is_told() -> None:
    registry, people = world()
    proposed = commendations.record(registry, people, people, LEADER, proposal(MEMBER.id))
    assert proposed.status == "proposed" and proposed.entered_by == LEADER.id
    assert [n.member_id for n in people.notices] == [OFFICER.id]
    assert "Tổ trưởng Tổ trưởng đề nghị Giấy khen cho Thành viên" in people.notices[-1].message.text
    with pytest.raises(Refused) as own:
        commendations.record(registry, people, people, LEADER, proposal(LEADER.id))
    assert "trong tổ của mình" in refusal(own)
    assert [c.id for c in commendations.proposed_under(registry, OFFICER)] == [proposed.id]
    with pytest.raises(Refused):
        commendations.decide(
            registry, people, OTHER_OFFICER, proposed.id, "granted", on=DAY, now=NOW
        )
    granted = commendations.decide(
        registry, people, OFFICER, proposed.id, "granted", on=DAY, now=NOW, decision_no="12/QĐ-UBND"
    )
    assert (granted.status, granted.decision_no) == ("granted", "12/QĐ-UBND")
    told = people.notices[-1]
    assert told.member_id == MEMBER.id  # in their language (English)
    assert told.message.text == (
        "🎉 You received a Certificate of merit (Commune): Phát hiện, báo tin kịp thời. Congratulations!"
    )
    with pytest.raises(Refused) as again:
        commendations.decide(registry, people, OFFICER, proposed.id, "refused", on=DAY, now=NOW)
    assert "đã được quyết định" in refusal(again)
    assert [c.id for c in commendations.of_member(registry, MEMBER)] == [proposed.id]
    actions = [a for _, a, _ in people.audited]
    assert actions == ["commendation.added", "commendation.granted"]


def test_an_officer_records_a_commendation_granted_for_a_unit_or_member_under_them() -> None:
    registry, people = world()
    unit = commendations.record(
        registry,
        people,
        people,
        OFFICER,
        NewCommendation(
            "unit",
            VILLAGE,
            "commune",
            "bieu-duong",
            "",
            DAY,
            None,
            None,
            "granted",
            None,
            None,
            None,
            NOW,
        ),
    )
    assert (unit.status, unit.subject_name) == ("granted", "Thôn Đông")
    with pytest.raises(Refused):
        commendations.record(registry, people, people, OTHER_OFFICER, proposal(MEMBER.id))
    with pytest.raises(Refused):
        commendations.record(registry, people, people, MEMBER, proposal(MEMBER.id))
    member = commendations.record(
        registry, people, people, OFFICER, proposal(MEMBER.id, "bieu-duong")
    )
    assert member.status == "granted" and people.notices[-1].member_id == MEMBER.id
