"""Names in the order a Vietnamese reader expects: Đ after D, tones after the base letter."""

from __future__ import annotations

from campaign.collation import person_key, vietnamese_key


def test_d_with_stroke_comes_after_d_not_after_z() -> None:
    names = ["Đỗ Văn Hùng", "Vũ Thị Yến", "Dương Thị Lan", "Bùi Văn Nam"]
    assert sorted(names, key=vietnamese_key) == [
        "Bùi Văn Nam",
        "Dương Thị Lan",
        "Đỗ Văn Hùng",
        "Vũ Thị Yến",
    ]


def test_letters_with_marks_follow_their_base_letter() -> None:
    words = ["Ơn", "Ân", "Ung", "Ăn", "On", "Ưng", "An", "Ôn"]
    assert sorted(words, key=vietnamese_key) == ["An", "Ăn", "Ân", "On", "Ôn", "Ơn", "Ung", "Ưng"]


def test_tones_break_ties_only_after_the_letters_in_dictionary_order() -> None:
    # ngang, huyền, hỏi, ngã, sắc, nặng; and "Anh" (any tone) before "Ba": letters first.
    words = ["Ba", "Ánh", "Ạnh", "Ảnh", "Anh", "Ành", "Ãnh"]
    assert sorted(words, key=vietnamese_key) == ["Anh", "Ành", "Ảnh", "Ãnh", "Ánh", "Ạnh", "Ba"]


def test_composed_and_decomposed_marks_sort_alike() -> None:
    composed = "Nguyễn Thị Ánh"
    decomposed = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh"
    assert vietnamese_key(composed) == vietnamese_key(decomposed)


def test_people_are_listed_by_given_name_then_whole_name() -> None:
    people = ["Lê Đức", "Trần Thị Ánh", "Phạm Dũng", "Nguyễn Văn An", "Hoàng Văn Ân", "Đinh Văn An"]
    assert sorted(people, key=person_key) == [
        "Đinh Văn An",
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Hoàng Văn Ân",
        "Phạm Dũng",
        "Lê Đức",
    ]
