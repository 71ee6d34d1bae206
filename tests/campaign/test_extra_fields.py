"""A plan's own questions on top of a built-in form (extra_fields): checked where written."""

from __future__ import annotations

import pytest

from campaign.areas import FieldKind
from campaign.plans import Plan, PlanError, load_document

HEAD = """\
code: pccc-2026
name: Kế hoạch thử
issuer: Công an tỉnh
scope: P01
starts: 01/01/2026
ends: 31/12/2026
areas:
"""

IN_TIME = """\
  - code: fire_rescue
    form: fire_rescue
    points: 3
    name: {vi: "Chữa cháy, cứu nạn, cứu hộ", en: "Fire or rescue call-out"}
    extra_fields:
      - key: in_time
        kind: choice
        after: when
        prompt: {vi: "Có mặt kịp thời không?", en: "Were you there in time?"}
        label: {vi: "Có mặt kịp thời", en: "In time"}
        options: [{id: "yes", label: {vi: "Có", en: "Yes"}}, {id: "no", label: {vi: "Không", en: "No"}}]
      - {key: people, kind: number, prompt: "Bao nhiêu người tham gia?", label: "Số người", maximum: 500}
      - {key: helped_by, kind: text, prompt: "Ai hỗ trợ?", label: "Hỗ trợ", optional: true,
         only_if: {call_kind: fire}}
"""


def loaded(text: str) -> Plan:
    document = load_document(text)
    assert isinstance(document, Plan)
    return document


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_document(text)
    return raised.value.lines(lang)


def test_extra_questions_are_asked_where_the_plan_says() -> None:
    area = loaded(HEAD + IN_TIME).areas[0].content_area()
    keys = [spec.key for spec in area.fields]
    # after the moment; the unplaced ones before the closing photo, in the plan's order
    assert keys == [
        "call_kind",
        "place",
        "when",
        "in_time",
        "action",
        "people",
        "helped_by",
        "photo",
    ]
    in_time = area.field("in_time")
    assert in_time.kind is FieldKind.CHOICE and in_time.prompt.vi == "Có mặt kịp thời không?"
    assert [o.label.en for o in in_time.options] == ["Yes", "No"]
    people = area.field("people")
    assert (people.minimum, people.maximum, people.label.en) == (None, 500, "Số người")
    assert area.field("helped_by").only_if == {"call_kind": "fire"}
    assert area.field("helped_by").optional and not area.field("helped_by").sealed
    assert area.code == "fire_rescue" and area.kind_field == "call_kind"


def test_a_form_without_a_closing_photo_gets_them_at_the_end() -> None:
    text = HEAD + (
        "  - code: dan-cu\n    form: resident_info\n    points: 1\n    name: Dân cư\n"
        "    extra_fields: [{key: streets, kind: number, prompt: 'Mấy tuyến phố?', label: Tuyến phố}]\n"
    )
    fields = loaded(text).areas[0].content_area().fields
    assert [spec.key for spec in fields][-2:] == ["notes", "streets"]


def test_a_plan_without_extra_questions_keeps_the_form_as_it_was() -> None:
    text = HEAD + "  - {code: fire_rescue, form: fire_rescue, points: 3, name: Cháy}\n"
    area = loaded(text).areas[0].content_area()
    assert [spec.key for spec in area.fields] == ["call_kind", "place", "when", "action", "photo"]


BAD = (
    HEAD
    + """\
  - code: fire_rescue
    form: fire_rescue
    points: 3
    name: Cháy
    extra_fields:
      - {key: in_time, kind: choice, prompt: "Kịp thời?", label: Kịp thời}
      - {key: action, kind: text, prompt: "Làm gì?", label: Làm gì}
      - {key: late, kind: text, after: whn, prompt: "Vì sao?", label: Vì sao}
      - {key: Bad-Key, kind: text, prompt: "X?", label: X}
      - {key: secret, kind: text, prompt: "Tên?", label: Tên, sealed: true}
      - {key: size, kind: number, prompt: "Bao nhiêu?", label: Số, minimum: 10, maximum: 2}
      - {key: odd, kind: choice, prompt: "Ai?", label: Ai, only_if: {call_kind: flood},
         options: [{id: a, label: A}, {id: a, label: B}]}
  - code: tin
    form: tip
    points: 1
    name: Tin
    extra_fields:
      - {key: who, kind: text, prompt: "Ai?", label: Ai, only_if: {informant_name: x}}
      - {key: photo_date, kind: date, prompt: "Ngày?", label: Ngày}
"""
)


def test_bad_extra_questions_are_each_refused_on_their_line() -> None:
    found = problems(BAD)
    text = "\n".join(found)
    expected = [
        ("line 13: areas.0.extra_fields.0:", "question in_time is a choice and needs options"),
        ("line 14: areas.0.extra_fields.1:", "the form already asks action"),
        ("line 15: areas.0.extra_fields.2:", "after must name a question asked before it"),
        ("line 16: areas.0.extra_fields.3.key:", "pattern"),
        ("line 17: areas.0.extra_fields.4.sealed:", "Extra inputs"),
        ("line 18: areas.0.extra_fields.5:", "minimum is above maximum"),
        ("line 19: areas.0.extra_fields.6:", "option 'a' is given twice"),
        ("line 19: areas.0.extra_fields.6:", "only_if call_kind must be one of: fire, rescue"),
        ("line 26: areas.1.extra_fields.0:", "only_if must name a choice question"),
        ("line 27: areas.1.extra_fields.1.kind:", "'choice', 'text' or 'number'"),
    ]
    for where, why in expected:
        assert any(p.startswith(where) and why in p for p in found), (where, why, text)


def test_problems_are_told_in_vietnamese_too() -> None:
    found = "\n".join(problems(BAD, "vi"))
    assert "câu hỏi in_time loại choice cần các lựa chọn (options)" in found
    assert "mẫu đã có câu hỏi action; hãy đặt key khác" in found


def test_limits_on_counts_and_lengths() -> None:
    many = "".join(
        f"      - {{key: q{n}, kind: text, prompt: 'Hỏi?', label: Nhãn}}\n" for n in range(11)
    )
    text = HEAD + "  - code: cc\n    form: fire_rescue\n    points: 1\n    name: Cháy\n"
    found = problems(text + "    extra_fields:\n" + many)
    assert any("extra_fields" in p and "at most 10" in p for p in found), found
    long_prompt = "x" * 301
    one = f"    extra_fields: [{{key: q, kind: text, prompt: {long_prompt}, label: Nhãn}}]\n"
    found = problems(text + one)
    assert any("prompt" in p and "301 characters long; at most 300" in p for p in found), found
