"""Registrations, ratings, dossiers and commendations as pure rules, and plans declaring them."""

from __future__ import annotations

from datetime import date

import pytest

from campaign import commendations, registrations
from campaign.plans import Plan, PlanError, load_document
from tests.registry_plan import plan_text, registry_plan


def test_a_plan_declares_its_schemes_with_their_dossier_and_a_deadline_waiting_on_one() -> None:
    plan = registry_plan()
    safe = plan.registration("an-toan-antt")
    assert safe is not None
    assert safe.kinds == ("village", "commune", "agency", "enterprise", "school")
    assert safe.by == date(2026, 6, 30)
    assert [item.code for item in safe.dossier] == ["to-trinh", "bao-cao-ket-qua", "anh-hoat-dong"]
    assert registrations.item_label("to-trinh", "vi", safe.dossier) == "Tờ trình hoặc đề xuất"
    assert registrations.item_label("anh-hoat-dong", "en", safe.dossier) == "Photos of activities"
    assert registrations.item_label("khac", "vi", safe.dossier) == "khac"
    assert plan.deadlines[0].registration == "an-toan-antt"
    pledge = plan.registration("giao-uoc-thi-dua")
    assert pledge is not None and pledge.dossier == () and pledge.by is None


def test_older_plans_without_registrations_still_load() -> None:
    text = plan_text().split("registrations:")[0]
    document = load_document(text)
    assert isinstance(document, Plan) and document.registrations == ()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("registration: an-toan-antt", "registration: khong-co"), "không khai báo"),
        (("scheme: giao-uoc-thi-dua", "scheme: an-toan-antt"), "khai báo hai lần"),
        (("      - bao-cao-ket-qua", "      - to-trinh"), "có hai lần trong hồ sơ"),
        (("kinds: [commune]", "kinds: []"), "kinds"),
    ],
)
def test_a_plan_with_a_wrong_registration_is_refused(change: tuple[str, str], said: str) -> None:
    with pytest.raises(PlanError) as refused:
        load_document(plan_text().replace(*change))
    assert said in "\n".join(refused.value.lines("vi"))


def test_outcomes_move_from_pending_and_withdrawn_is_final() -> None:
    assert registrations.outcome_problem("pending", "achieved") is None
    assert registrations.outcome_problem("pending", "withdrawn") is None
    assert registrations.outcome_problem("achieved", "not_achieved") is None  # a correction
    for current, new in [
        ("withdrawn", "achieved"),
        ("achieved", "withdrawn"),
        ("achieved", "achieved"),
        ("pending", "pending"),
        ("pending", "won"),
    ]:
        assert registrations.outcome_problem(current, new) is not None, (current, new)
    assert registrations.outcome_label("not_achieved", "vi") == "Không đạt"


def test_ratings_of_qd_510_have_vietnamese_labels() -> None:
    assert registrations.RATING_SCHEMES["phan-loai-510"] == ("xuat-sac", "kha", "trung-binh", "yeu")
    labels = [
        registrations.rating_label(r, "vi") for r in registrations.RATING_SCHEMES["phan-loai-510"]
    ]
    assert labels == ["Xuất sắc", "Khá", "Trung bình", "Yếu"]
    assert registrations.rating_problem("phan-loai-510", "kha") is None
    unknown = registrations.rating_problem("phan-loai-510", "gioi")
    assert unknown is not None and "xuat-sac, kha" in unknown.vi
    assert registrations.rating_problem("khac", "kha") is not None


def test_a_dossier_is_complete_when_nothing_is_missing_or_returned() -> None:
    assert registrations.complete([("a", "uploaded"), ("b", "accepted")])
    assert registrations.complete([])
    assert not registrations.complete([("a", "accepted"), ("b", "missing")])
    assert registrations.still_needed([("a", "returned"), ("b", "accepted"), ("c", "missing")]) == [
        "a",
        "c",
    ]
    assert registrations.upload_problem("accepted") is not None
    assert registrations.upload_problem("returned") is None
    assert registrations.review_problem("uploaded", "accepted") is None
    assert registrations.review_problem("missing", "accepted") is not None
    assert registrations.review_problem("uploaded", "maybe") is not None


def test_commendations_have_forms_levels_and_are_decided_once() -> None:
    assert commendations.problem(subject_kind="member", level="commune", form="giay-khen") is None
    assert commendations.problem(subject_kind="team", level="commune", form="giay-khen") is not None
    assert commendations.problem(subject_kind="unit", level="huyen", form="giay-khen") is not None
    assert (
        commendations.problem(subject_kind="unit", level="ministry", form="huy-chuong") is not None
    )
    assert commendations.decision_problem("proposed", "granted") is None
    assert commendations.decision_problem("granted", "refused") is not None
    assert commendations.decision_problem("proposed", "maybe") is not None
    assert commendations.form_label("bieu-duong", "vi") == "Biểu dương"


def test_a_recognition_names_a_known_level_and_a_decision_number_that_fits() -> None:
    assert registrations.decision_problem("province_police", "12/QĐ-CAT") is None
    assert registrations.decision_problem(None, None) is None
    unknown = registrations.decision_problem("huyen", None)
    assert unknown is not None and "commune, district, province_police" in unknown.vi
    too_long = registrations.decision_problem(None, "9" * 65)
    assert too_long is not None and "64" in too_long.vi
