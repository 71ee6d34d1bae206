"""A model's status follows from what happened to it, as the registry allows it."""

from __future__ import annotations

import pytest

from campaign import models
from campaign.models import Event, EventProblem, after, allowed_events


def problem(status: str, event: Event) -> str:
    with pytest.raises(EventProblem) as raised:
        after(status, event)
    return raised.value.key


def test_a_model_goes_from_registered_to_recognised_and_is_dropped_for_good() -> None:
    status = after("registered", Event("built"))
    assert status == "active"
    assert after(status, Event("maintained")) == "active"
    assert after(status, Event("proposed", level="district")) == "active"
    status = after(status, Event("evaluated", outcome="effective"))
    assert status == "effective"
    status = after(status, Event("recognised", level="province_police", decision_no="12/QĐ"))
    assert status == "effective"
    status = after(status, Event("evaluated", outcome="not_effective", reason="Không họp"))
    assert status == "ineffective"
    status = after(status, Event("dropped", reason="Thanh loại"))
    assert status == "dropped"
    assert allowed_events("dropped") == ()
    assert problem("dropped", Event("maintained")) == "model_is_dropped"


def test_each_event_needs_what_it_records() -> None:
    assert problem("active", Event("proposed")) == "model_needs_level"
    assert problem("active", Event("proposed", level="huyen")) == "model_needs_level"
    assert problem("active", Event("recognised", level="ministry")) == "model_needs_decision"
    assert problem("active", Event("evaluated")) == "model_needs_outcome"
    assert problem("active", Event("evaluated", outcome="not_effective")) == "model_needs_reason"
    assert problem("active", Event("dropped", reason="  ")) == "model_needs_reason"
    assert problem("active", Event("celebrated")) == "model_bad_event"


def test_events_come_in_their_order() -> None:
    assert problem("building", Event("evaluated", outcome="effective")) == "model_event_not_now"
    assert problem("active", Event("built")) == "model_event_not_now"
    assert problem("ineffective", Event("proposed", level="commune")) == "model_event_not_now"
    assert allowed_events("building") == ("built", "replicated", "recognised", "dropped")
    assert "proposed" not in allowed_events("ineffective")


def test_recognition_above_the_recorders_own_level_is_told_apart() -> None:
    assert models.own_level("commune") == "commune"
    assert models.above_own("district", "commune")
    assert not models.above_own("commune", "commune")
    assert not models.above_own("province_police", "province")
    assert models.above_own("ministry", "province")


def test_references_and_scheme_codes() -> None:
    assert models.reference(2026, 7) == "SMH-2026-000007"
    assert models.parse_reference(" smh-2026-000007 ") == "SMH-2026-000007"
    assert models.parse_reference("NT-2026-000007") is None
    assert models.scheme_code("Tự quản") == "tu-quan"
    assert models.scheme_code("Công an phường kiểu mẫu!") == "cong-an-phuong-kieu-mau"
    assert models.scheme_code("!!!") is None
    assert models.scheme_code("x" * 40) is None
    assert models.is_scheme("dien-hinh-9745")
    assert not models.is_scheme("Tu Quan")


def test_a_models_one_line_says_what_and_where_in_both_languages() -> None:
    line = dict(
        reference="SMH-2026-000001", name="Camera an ninh", scheme="camera", unit="Thôn Đông"
    )
    assert models.summary("vi", status="effective", **line) == (
        "SMH-2026-000001 · Camera an ninh · Thôn Đông · Camera an ninh · Hiệu quả"
    )
    assert models.summary("en", status="registered", **line).endswith(
        "Proposed, awaiting commune police"
    )
