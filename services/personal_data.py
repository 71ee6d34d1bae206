"""A member's personal-data rights (Luật Bảo vệ dữ liệu cá nhân 91/2025, Nghị định 13/2023):
their own copy of what the bot holds about them (/dulieucuatoi), and erasure on request, which
an admin of their unit's line confirms or refuses with a reason.

The erasure rule (`kept_on_erasure`): an entry counted for the campaign's statistics is kept,
anonymised (its details, search text and photos gone; its area, dates, status and points kept,
so standings, targets and reports count as before):
- a verified entry (it earned points in the standings, and targets and reports count it);
- a tip, whatever its status: a tip is a case of the police, and its sealed informant record
  protects a third party (the source) and the case, not the reporter; it follows the tip's
  retention (ANTT_RETAIN_TIPS_DAYS), never the reporter's erasure.
Every other entry (pending, rejected) is deleted with its photos; the chats are forgotten; the
member's row stays as "Thành viên đã xoá #<id>" (no phone, inactive) so the standings, the
audit lines (kept for accountability) and official records (grades, commendations, documents
they uploaded for a unit) still point somewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from campaign.areas import DEFAULT_AREAS, SEALED_KEYS
from campaign.catalogs import said, text
from campaign.localized import Language
from campaign.roles import Role
from handlers.messages import Notice, Outgoing
from services.audit_log import action_words
from services.ports import (
    Audited,
    ErasedMember,
    ErasureCandidate,
    ErasureRequestView,
    MemberView,
    PersonalDataStore,
)
from services.refusals import Refused

ERASED_NAME = "Thành viên đã xoá #{id}"  # the member's row afterwards (stored, not worded)
REASON_MINIMUM = 5  # characters of an admin's reason for refusing
REQUESTS_SHOWN = 200  # the console's list
TIP = "tip"
SHOWN_TAIL = 4  # characters of a messenger's id shown in the copy
CONSOLE_PATH = "/quanly/xoadulieu"
# Audit details keys left out of the copy: they name or reach another person (a tip's
# assigned officer, "tip.assigned").
_PRIVATE_KEYS = ("name", "phone", "contact", "assignee")


def kept_on_erasure(entry: ErasureCandidate) -> bool:
    """Whether an erased member's entry is kept, anonymised, for the campaign's statistics."""
    return entry.status == "verified" or entry.content_area == TIP


@dataclass(frozen=True)
class MyData:
    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ErasurePreview:
    """What confirming a request would do, for the admin deciding it."""

    request: ErasureRequestView
    kept: int
    deleted: int
    open_tips: int


# --- The member's copy ---
def export(store: PersonalDataStore, member: MemberView, now: datetime) -> MyData:
    """The member's copy as a JSON file with readable keys, audited (`member.data_export`).
    A tip's sealed informant record is not opened: it may name a third party."""
    lang = member.language
    record = store.personal_record(member.id)
    document = {
        "about": text("my_data_file_about", lang),
        "made_at": now.isoformat(),
        "profile": _profile(record["profile"], lang),
        "identities": [_identity(row) for row in record["identities"]],
        "entries": [_entry(row, lang) for row in record["entries"]],
        "participations": [
            {**_plain(row), "area": _area(row["content_area"], lang)}
            for row in record["participations"]
        ],
        "registrations": [_plain(row) for row in record["registrations"]],
        "commendations": [_plain(row) for row in record["commendations"]],
        "grades": [_plain(row) for row in record["grades"]],
        "audit": [_audit_line(row, member, lang) for row in record["audit"]],
    }
    data = json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()
    store.audit(
        Audited(
            "member.data_export",
            "members",
            str(member.id),
            now,
            member.id,
            {"entries": len(document["entries"]), "audit_lines": len(document["audit"])},
        )
    )
    return MyData(f"du-lieu-cua-toi-{now:%Y%m%d}.json", "application/json", data)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in row.items()}


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _profile(row: dict[str, Any], lang: Language) -> dict[str, Any]:
    shown = _plain(row)
    shown["role"] = Role(row["role"]).label(lang)
    return shown


def _masked(value: str) -> str:
    """An id shown in part: enough to recognise one's own, not to reach the person by."""
    return "•••" + value[-SHOWN_TAIL:] if len(value) > SHOWN_TAIL else "•••"


def _identity(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "channel": row["channel"],
        "user_id": _masked(str(row["external_user_id"])),
        "chat_id": _masked(str(row["chat_id"])),
        "last_used_at": _value(row["last_used_at"]),
        "unreachable": bool(row["unreachable"]),
    }


def _area(code: str, lang: Language) -> str:
    area = next((a for a in DEFAULT_AREAS if a.code == code), None)
    return code if area is None else area.name.get(lang)


def _entry(row: dict[str, Any], lang: Language) -> dict[str, Any]:
    details = {
        key: value
        for key, value in (row["details"] or {}).items()
        if key not in SEALED_KEYS and not (isinstance(value, str) and value.startswith("sealed:"))
    }
    shown = {
        "reference": row["reference"],
        "area": _area(row["content_area"], lang),
        "area_code": row["content_area"],
        "kind": row["kind"],
        "occurred_at": _value(row["occurred_at"]),
        "logged_at": _value(row["created_at"]),
        "status": text("status", lang, status=row["status"]),
        "status_code": row["status"],
        "progress": row["progress"],
        "urgent": bool(row["urgent"]),
        "points": row["points"],
        "plan": row["plan_code"],
        "reviewed_at": _value(row["reviewed_at"]),
        "review_note": row["review_note"],
        "photos": int(row["photos"] or 0),
        "details": details,
    }
    if row["sealed_informant"]:
        shown["informant"] = text("my_data_sealed_informant", lang)
    return shown


def _audit_line(row: dict[str, Any], member: MemberView, lang: Language) -> dict[str, Any]:
    words = action_words(row["action"])
    if row["actor_member_id"] == member.id:
        by = text("my_data_actor_you", lang)
    elif row["actor_role"]:
        by = text(
            "my_data_actor_member",
            lang,
            role=Role(row["actor_role"]).label(lang),
            unit=row["actor_unit"] or "",
        )
    else:
        by = text("my_data_actor_other", lang, actor=row["actor"])
    details = {
        key: _value(value)
        for key, value in (row["details"] or {}).items()
        if not any(word in key for word in _PRIVATE_KEYS)
    }
    return {
        "at": _value(row["at"]),
        "what": words if isinstance(words, str) else words.get(lang),
        "action": row["action"],
        "record": f"{row['target']} {row['target_id']}".strip(),
        "by": by,
        "details": details,
    }


# --- The member's request ---
def open_request(store: PersonalDataStore, member: MemberView) -> ErasureRequestView | None:
    return store.open_erasure(member.id)


def ask_erasure(store: PersonalDataStore, member: MemberView, now: datetime) -> int:
    """The member asks for erasure: a request waits for an admin of their unit's line, who is
    told (a notice, and the console's screen). Refused while one is waiting."""
    waiting = store.open_erasure(member.id)
    if waiting is not None:
        raise Refused(said("my_data_erasure_waiting", day=f"{waiting.asked_at:%d/%m/%Y}"))
    number = store.add_erasure_request(member, now)
    notices = [
        Notice(
            admin.id,
            Outgoing(
                text=text(
                    "my_data_erasure_admin_notice",
                    admin.language,
                    name=member.full_name,
                    unit=member.unit_name,
                    path=CONSOLE_PATH,
                )
            ),
        )
        for admin in store.line_admins(member.unit_id)
        if admin.id != member.id
    ]
    store.notify(notices, now)
    store.audit(
        Audited(
            "member.erasure_asked",
            "members",
            str(member.id),
            now,
            member.id,
            {"request": number, "admins_told": len(notices)},
        )
    )
    return number


def withdraw(store: PersonalDataStore, member: MemberView, now: datetime) -> bool:
    waiting = store.open_erasure(member.id)
    if waiting is None or not store.settle_erasure(waiting.id, "withdrawn", member.id, None, now):
        return False
    store.audit(
        Audited(
            "member.erasure_withdrawn",
            "members",
            str(member.id),
            now,
            member.id,
            {"request": waiting.id},
        )
    )
    return True


# --- The admin's decision ---
def _refuse_unless_admin(viewer: MemberView) -> None:
    if viewer.role is not Role.ADMIN:
        raise Refused(said("my_data_admins_only"))


def requests(store: PersonalDataStore, viewer: MemberView) -> list[ErasureRequestView]:
    """The requests of members under the admin's unit: those waiting first."""
    _refuse_unless_admin(viewer)
    return store.erasure_requests_within(viewer.unit_id, REQUESTS_SHOWN)


def _waiting(store: PersonalDataStore, viewer: MemberView, number: int) -> ErasureRequestView:
    _refuse_unless_admin(viewer)
    found = store.erasure_request(number)
    if found is None or not store.within(viewer.unit_id, found.unit_id):
        raise Refused(said("my_data_request_not_found", number=number))
    if found.member_id == viewer.id:
        raise Refused(said("my_data_not_your_own"))
    if found.status != "asked":
        raise Refused(said("my_data_request_settled", number=number))
    return found


def preview(store: PersonalDataStore, viewer: MemberView, number: int) -> ErasurePreview:
    found = _waiting(store, viewer, number)
    candidates = store.erasure_candidates(found.member_id)
    kept = [c for c in candidates if kept_on_erasure(c)]
    open_tips = sum(
        1
        for c in candidates
        if c.content_area == TIP and c.progress not in ("resolved", "unfounded")
    )
    return ErasurePreview(found, len(kept), len(candidates) - len(kept), open_tips)


def confirm(
    store: PersonalDataStore, viewer: MemberView, number: int, now: datetime
) -> ErasedMember:
    """Erase the member of a waiting request, in the caller's one transaction (the rule: this
    module's docstring); the member's last chat is told, the erasure audited (`member.erased`).
    The files of the photos deleted are unlinked after the commit (`unlink_files`)."""
    found = _waiting(store, viewer, number)
    candidates = store.erasure_candidates(found.member_id)
    keep = [c.id for c in candidates if kept_on_erasure(c)]
    drop = [c.id for c in candidates if not kept_on_erasure(c)]
    chat = store.member_chat(found.member_id)
    if not store.settle_erasure(found.id, "done", viewer.id, None, now):
        raise Refused(said("my_data_request_settled", number=number))
    # Two chats asking at the same moment both get in (PostgreSQL's reads do not see each
    # other's insert): one erasure settles them all, none waits on for an erased member.
    while (twin := store.open_erasure(found.member_id)) is not None:
        if not store.settle_erasure(twin.id, "done", viewer.id, None, now):
            break
    erased = store.erase_member(
        found.member_id, ERASED_NAME.format(id=found.member_id), keep, drop, now
    )
    if chat is not None:  # its identity is gone: this one message still reaches the chat
        told = Outgoing(text=text("my_data_erased_notice", found.language))
        store.queue_to_chat(chat, told, now)
    store.audit(
        Audited(
            "member.erased",
            "members",
            str(found.member_id),
            now,
            viewer.id,
            {
                "request": found.id,
                "entries_kept": erased.kept,
                "entries_deleted": erased.deleted,
                "chats": erased.chats,
            },
            unit_id=found.unit_id,
        )
    )
    return erased


def refuse(
    store: PersonalDataStore, viewer: MemberView, number: int, reason: str, now: datetime
) -> None:
    """Refuse a waiting request with a reason the member is told; nothing else changes."""
    given = reason.strip()
    if len(given) < REASON_MINIMUM:
        raise Refused(said("reason_too_short", minimum=REASON_MINIMUM))
    found = _waiting(store, viewer, number)
    if not store.settle_erasure(found.id, "refused", viewer.id, given, now):
        raise Refused(said("my_data_request_settled", number=number))
    told = text(
        "my_data_erasure_refused_notice",
        found.language,
        day=f"{found.asked_at:%d/%m/%Y}",
        reason=given,
    )
    store.notify([Notice(found.member_id, Outgoing(text=told))], now)
    store.audit(
        Audited(
            "member.erasure_refused",
            "members",
            str(found.member_id),
            now,
            viewer.id,
            {"request": found.id, "reason": given},
            unit_id=found.unit_id,
        )
    )


def unlink_files(store: PersonalDataStore, erased: ErasedMember) -> int:
    """After the erasure's commit: the photos' files no row names any more."""
    if not erased.files:
        return 0
    return store.unlink_files(erased.files)
