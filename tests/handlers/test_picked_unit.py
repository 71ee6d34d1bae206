"""/dangky and /khenthuong: a unit typed by its code, its whole name or a part of its name."""

from __future__ import annotations

from handlers.asking import Answer, picked_place
from handlers.messages import Incoming
from services.ports import UnitPlace


def typed(text: str) -> Answer:
    return Answer(
        incoming=Incoming(channel="zalo", chat_id="1", user_id="1", delivery_key="k", text=text)
    )


VILLAGES = [UnitPlace(n, f"XA-T{n}", f"Thôn {n}", "village", (n, 100)) for n in (10, 11, 1, 12)]


def test_a_whole_name_picks_its_unit_though_longer_names_begin_with_it() -> None:
    assert [u.code for u in picked_place(VILLAGES, typed("thon 1"))] == ["XA-T1"]
    assert [u.code for u in picked_place(VILLAGES, typed("Thôn 12"))] == ["XA-T12"]


def test_a_part_of_names_still_lists_every_unit_it_fits_and_a_code_wins() -> None:
    assert len(picked_place(VILLAGES, typed("thôn"))) == 4
    assert [u.code for u in picked_place(VILLAGES, typed("xa-t11"))] == ["XA-T11"]
    assert picked_place(VILLAGES, typed("  ")) == []
