"""People and a clock for the service tests: a team, its commune officers, in two languages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from campaign.roles import Role
from services.ports import MemberView
from tests.fakes.store import MemoryStore

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)
TEAM, COMMUNE = 1, 2

AN = MemberView(1, "Nguyễn Văn An", Role.MEMBER, TEAM, "Tổ thôn Đông", "vi")
BINH = MemberView(2, "Lê Thị Bình", Role.MEMBER, TEAM, "Tổ thôn Đông", "en")
CUONG = MemberView(3, "Phạm Văn Cường", Role.LEADER, TEAM, "Tổ thôn Đông", "vi")
OFFICER_VI = MemberView(4, "Đỗ Văn Dũng", Role.OFFICER, COMMUNE, "Công an xã Tân Hưng", "vi")
OFFICER_EN = MemberView(5, "Hoàng Thị Em", Role.OFFICER, COMMUNE, "Công an xã Tân Hưng", "en")


def store_with(*people: MemberView) -> MemoryStore:
    """A store where each of `people` is registered (bound to a web chat of their own)."""
    store = MemoryStore()
    for person in people:
        store.members[person.id] = person
        store.identities[("web", f"u{person.id}")] = person.id
    return store
