"""Entry flows follow the member's running plan, every turn: an area of a plan that reuses a
built-in code ("tip") runs under the plan's own name and fields, and two plans served by one
process never borrow each other's definition."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from campaign.areas import TIP, ContentArea, FieldKind, FieldSpec
from campaign.localized import L
from campaign.roles import Role
from handlers.front_desk import FrontDesk
from services.ports import InviteView
from tests.fakes.store import MemoryStore
from tests.handlers.test_engine import ZONE, Chat


def plan_tip(name: str, question: str) -> ContentArea:
    """A plan's own "tip" area: the built-in code, another name and one question."""
    asked = FieldSpec(
        key="what", kind=FieldKind.TEXT, prompt=L(question, question), label=L("?", "?")
    )
    return TIP.model_copy(update={"name": L(name, name), "fields": (asked,)})


class PlannedStore(MemoryStore):
    """Each unit runs its own plan."""

    def __init__(self, plans: dict[int, tuple[ContentArea, ...]]) -> None:
        super().__init__()
        self.plans = plans
        far = datetime(2030, 1, 1, tzinfo=ZONE)
        for unit in plans:
            code = invite_code(unit)
            self.invites[code] = InviteView(
                code, unit, f"Tổ {unit}", Role.MEMBER, far, False, f"Người {unit}"
            )

    def plan_areas(self, unit_id: int, day: date) -> tuple[Any, ...]:
        return self.plans.get(unit_id, ())


def invite_code(unit: int) -> str:
    return f"PQAN{'ABCDEFGH'[unit]}KXY"


def member_chat(store: PlannedStore, front_desk: FrontDesk, unit: int) -> Chat:
    chat = Chat(store, user=f"u{unit}")
    chat.front_desk = front_desk  # one process serves every chat
    chat.send(f"/start {invite_code(unit)}")
    chat.tap("Đồng ý")
    return chat


def test_a_plans_area_with_a_built_in_code_runs_under_the_plans_definition() -> None:
    store = PlannedStore({1: (plan_tip("Tin của kế hoạch A", "Câu hỏi của A?"),)})
    chat = member_chat(store, FrontDesk(), 1)
    asked = chat.send("/baotin")
    assert "Tin của kế hoạch A" in asked and "Câu hỏi của A?" in asked
    assert "Tin báo thuộc loại nào" not in asked  # the built-in tip's first question


def test_two_plans_in_one_process_do_not_bleed_into_each_other() -> None:
    store = PlannedStore(
        {
            1: (plan_tip("Tin của kế hoạch A", "Câu hỏi của A?"),),
            2: (plan_tip("Tin của kế hoạch B", "Câu hỏi của B?"),),
        }
    )
    front_desk = FrontDesk()
    first, second = member_chat(store, front_desk, 1), member_chat(store, front_desk, 2)
    assert "Câu hỏi của A?" in first.send("/baotin")
    assert "Câu hỏi của B?" in second.send("/baotin")
    assert "Câu hỏi của B?" not in first.send("/baotin")
    first.send("vừa thấy")
    first.tap("Lưu")
    assert store.entries[-1].details == {"what": "vừa thấy"}
