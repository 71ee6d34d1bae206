"""The registry of models as every door sees it: who registers, proposes and records what, a
leader's proposal told to the commune's officers, every change audited, members' entries
naming only their commune's live models."""

from __future__ import annotations

from datetime import date

import pytest

from campaign.areas import MODEL
from campaign.models import Event, picked
from campaign.roles import Role
from services import entries, models
from services.models import Draft
from services.ports import MemberView, ModelEntry, PlaceView
from services.refusals import Refused
from tests.fakes.models import ModelMemory
from tests.services.people import NOW

PROVINCE, COMMUNE, EAST, WEST, OTHER_COMMUNE = 1, 2, 3, 4, 5
OFFICER = MemberView(10, "Đỗ Văn Dũng", Role.OFFICER, COMMUNE, "Công an xã Tân Hưng", "vi")
OFFICER_EN = MemberView(11, "Hoàng Thị Em", Role.OFFICER, COMMUNE, "Công an xã Tân Hưng", "en")
LEADER = MemberView(12, "Phạm Văn Cường", Role.LEADER, EAST, "Tổ thôn Đông", "vi")
MEMBER = MemberView(13, "Nguyễn Văn An", Role.MEMBER, EAST, "Tổ thôn Đông", "vi")
ADMIN = MemberView(14, "Quản Trị", Role.ADMIN, PROVINCE, "Công an tỉnh", "vi")
STRANGER = MemberView(15, "Người Xã Khác", Role.OFFICER, OTHER_COMMUNE, "Xã Khác", "vi")


def a_province() -> ModelMemory:
    store = ModelMemory(
        {
            PROVINCE: (PlaceView(PROVINCE, "T", "Tỉnh", "province"), None),
            COMMUNE: (PlaceView(COMMUNE, "X", "Xã Tân Hưng", "commune"), PROVINCE),
            EAST: (PlaceView(EAST, "X-T1", "Tổ thôn Đông", "team"), COMMUNE),
            WEST: (PlaceView(WEST, "X-T2", "Tổ thôn Tây", "team"), COMMUNE),
            OTHER_COMMUNE: (PlaceView(OTHER_COMMUNE, "Y", "Xã Khác", "commune"), PROVINCE),
        }
    )
    for person in (OFFICER, OFFICER_EN, LEADER, MEMBER, ADMIN, STRANGER):
        store.members[person.id] = person
    return store


def draft(name: str = "Camera an ninh thôn Đông", unit: int = EAST, **more: str) -> Draft:
    return Draft(
        category="model",
        scheme="camera",
        name=name,
        unit_id=unit,
        started_on=date(2026, 1, 5),
        **more,
    )


def refusal(act: object) -> str:
    with pytest.raises(Refused) as refused:
        assert callable(act)
        act()
    return refused.value.reason.get("en")


def test_an_officer_registers_a_model_of_a_team_under_their_commune_audited() -> None:
    store = a_province()
    model = models.register(store, store, store, OFFICER, draft(), now=NOW)
    assert (model.reference, model.status, model.unit_name) == (
        "SMH-2026-000001",
        "building",
        "Tổ thôn Đông",
    )
    assert store.audited == [(OFFICER.id, "model.registered", "SMH-2026-000001")]
    assert store.notices == []  # nobody to tell: the officer registered it


def test_a_leader_proposes_for_their_team_and_the_officers_hear_it_in_their_language() -> None:
    store = a_province()
    model = models.register(store, store, store, LEADER, draft(), now=NOW)
    assert model.status == "registered"
    told = {notice.member_id: notice.message.text for notice in store.notices}
    assert set(told) == {OFFICER.id, OFFICER_EN.id, STRANGER.id}  # the fake: every officer
    assert "Phạm Văn Cường (Tổ thôn Đông) đề xuất mô hình «Camera an ninh thôn Đông»" in told[10]
    assert "proposes the model “Camera an ninh thôn Đông” (SMH-2026-000001)" in told[11]
    assert refusal(
        lambda: models.register(store, store, store, LEADER, draft("Tổ tây", WEST), now=NOW)
    ) == ("A team leader proposes models for their own team only.")


def test_who_may_register_where() -> None:
    store = a_province()
    assert refusal(lambda: models.register(store, store, store, MEMBER, draft(), now=NOW)) == (
        "The model registry is for team leaders, deputies and commune police."
    )
    assert refusal(lambda: models.register(store, store, store, STRANGER, draft(), now=NOW)) == (
        "That unit is not in your area."
    )
    assert models.register(store, store, store, ADMIN, draft(), now=NOW).status == "building"
    assert refusal(
        lambda: models.register(
            store, store, store, OFFICER, draft(" camera AN NINH thôn đông "), now=NOW
        )
    ) == ("The unit already has the model “camera AN NINH thôn đông” in the registry.")
    assert len(store.models) == 1


def test_a_bad_draft_saves_nothing() -> None:
    store = a_province()
    bad = [
        (draft("ab"), "A model's name takes 3 to 300 characters."),
        (
            Draft("prize", "camera", "Mô hình A", EAST, date(2026, 1, 1)),
            "The category is “model” or “typical unit”.",
        ),
        (
            Draft("model", "Tự Quản", "Mô hình A", EAST, date(2026, 1, 1)),
            "A scheme code is unaccented letters, digits and dashes (e.g. tu-quan), at most 32 characters.",
        ),
        (
            Draft("model", "tu-quan", "Mô hình A", EAST, date(2026, 1, 1), origin="replicated"),
            "A replicated model needs the reference of the model it copies (SMH-…).",
        ),
        (
            Draft(
                "model",
                "tu-quan",
                "Mô hình A",
                EAST,
                date(2026, 1, 1),
                origin="replicated",
                replicated_from="SMH-2026-000099",
            ),
            "Model SMH-2026-000099 was not found, or is not your unit's.",
        ),
    ]
    for each, said in bad:
        assert (
            refusal(lambda each=each: models.register(store, store, store, OFFICER, each, now=NOW))
            == said
        )
    assert store.models == [] and store.audited == []


def test_a_replicated_model_names_its_source() -> None:
    store = a_province()
    source = models.register(store, store, store, OFFICER, draft(), now=NOW)
    copy = models.register(
        store,
        store,
        store,
        OFFICER,
        draft(
            "Camera an ninh thôn Tây", WEST, origin="replicated", replicated_from="smh-2026-000001"
        ),
        now=NOW,
    )
    assert (copy.origin, copy.replicated_from) == ("replicated", source.reference)


def test_events_change_the_status_and_are_audited_with_what_they_say() -> None:
    store = a_province()
    ref = models.register(store, store, store, OFFICER, draft(), now=NOW).reference
    day = date(2026, 3, 1)
    models.record(store, store, OFFICER, ref, Event("built"), on=day, now=NOW)
    models.record(
        store, store, OFFICER, ref, Event("evaluated", outcome="effective"), on=day, now=NOW
    )
    done = models.record(
        store,
        store,
        OFFICER,
        ref,
        Event("recognised", level="province_police", decision_no="123/QĐ-CAT"),
        on=day,
        now=NOW,
    )
    assert (done.status, done.status_on) == ("effective", day)
    assert [a for _, a, _ in store.audited] == [
        "model.registered",
        "model.built",
        "model.evaluated",
        "model.recognised",
    ]
    assert store.audit_details[-1] == {
        "kind": "recognised",
        "from": "effective",
        "to": "effective",
        "level": "province_police",
        "decision_no": "123/QĐ-CAT",
        "above_own": True,
    }
    shown, events = models.history(store, LEADER, ref)
    assert shown.status == "effective"
    assert [e.kind for e in events] == ["built", "evaluated", "recognised"]
    assert events[0].by_name == OFFICER.full_name


def test_who_may_record_and_what_is_refused() -> None:
    store = a_province()
    ref = models.register(store, store, store, LEADER, draft(), now=NOW).reference
    assert refusal(
        lambda: models.record(store, store, LEADER, ref, Event("built"), on=NOW.date(), now=NOW)
    ) == ("Only commune police or an admin can record this.")
    assert refusal(
        lambda: models.record(store, store, STRANGER, ref, Event("built"), on=NOW.date(), now=NOW)
    ) == (f"Model {ref} was not found, or is not your unit's.")
    assert refusal(
        lambda: models.record(
            store, store, OFFICER, ref, Event("maintained"), on=NOW.date(), now=NOW
        )
    ) == ("That cannot be recorded in the model's current status.")
    assert refusal(
        lambda: models.record(
            store, store, OFFICER, ref, Event("built"), on=date(2026, 4, 1), now=NOW
        )
    ) == ("That day has not come yet.")
    models.record(
        store,
        store,
        OFFICER,
        ref,
        Event("dropped", reason="Trùng mô hình khác"),
        on=NOW.date(),
        now=NOW,
    )
    assert refusal(
        lambda: models.record(store, store, ADMIN, ref, Event("built"), on=NOW.date(), now=NOW)
    ) == ("This model was dropped; nothing more can be recorded.")
    assert [e.kind for e in store.events[1]] == ["dropped"]


def test_members_pick_their_communes_live_models_most_recent_first() -> None:
    store = a_province()
    first = models.register(store, store, store, OFFICER, draft("Tổ tự quản đường làng"), now=NOW)
    second = models.register(
        store, store, store, OFFICER, draft("Camera an ninh thôn Tây", WEST), now=NOW
    )
    elsewhere = models.register(
        store, store, store, STRANGER, draft("Camera xã khác", OTHER_COMMUNE), now=NOW
    )
    dropped = models.register(store, store, store, OFFICER, draft("Mô hình cũ"), now=NOW)
    models.record(
        store,
        store,
        OFFICER,
        dropped.reference,
        Event("dropped", reason="Hết"),
        on=NOW.date(),
        now=NOW,
    )
    assert [m.name for m in models.pickable(store, MEMBER)] == [second.name, first.name]
    assert [m.name for m in models.pickable(store, MEMBER, name="camera")] == [second.name]
    assert models.pick(store, MEMBER, second.reference) == second
    assert models.pick(store, MEMBER, elsewhere.reference) is None
    assert models.pick(store, MEMBER, dropped.reference) is None
    assert [m.name for m in models.models_of(store, LEADER)] == ["Mô hình cũ", first.name]
    assert len(models.models_of(store, OFFICER)) == 3
    assert len(models.models_of(store, None, PROVINCE)) == 4


def test_an_officer_links_a_typed_model_entry_to_a_registered_model_once() -> None:
    store = a_province()
    model = models.register(store, store, store, OFFICER, draft(), now=NOW)
    store.model_entries["MH-2026-000005"] = ModelEntry("MH-2026-000005", EAST, None, "camera thôn")
    store.model_entries["MH-2026-000006"] = ModelEntry("MH-2026-000006", OTHER_COMMUNE, None, "x")
    assert refusal(
        lambda: models.link_entry(store, store, OFFICER, "MH-2026-000006", model.reference, now=NOW)
    ) == ("No model entry MH-2026-000006 in your area.")
    models.link_entry(store, store, OFFICER, "mh-2026-000005", model.reference, now=NOW)
    assert store.model_entries["MH-2026-000005"].model_id == model.id
    assert store.audited[-1] == (OFFICER.id, "entry.model_linked", "MH-2026-000005")
    assert refusal(
        lambda: models.link_entry(store, store, OFFICER, "MH-2026-000005", model.reference, now=NOW)
    ) == ("Entry MH-2026-000005 is already linked to a registered model.")


def test_a_model_entry_is_linked_only_to_a_model_its_member_may_name() -> None:
    store = a_province()
    mine = models.register(store, store, store, OFFICER, draft(), now=NOW)
    theirs = models.register(
        store, store, store, STRANGER, draft("Xã khác", OTHER_COMMUNE), now=NOW
    )

    def log(answer: object, linked: bool = True) -> int | None:
        given = {"model": answer, "part": "run", "date": "2026-03-09"}
        entries.log_entry(
            store,
            store,
            store,
            MEMBER,
            MODEL,
            entries.Answers(given, given, {}),
            delivery_key=f"web:u13:{len(store.entries)}",
            now=NOW,
            public_answers=lambda _: "",
            models=store if linked else None,
        )
        return store.entries[-1].model_id

    assert log(picked(mine.id, mine.reference, mine.name)) == mine.id
    assert log(picked(theirs.id, theirs.reference, theirs.name)) is None  # another commune's
    assert log(picked(theirs.id, mine.reference, mine.name)) is None  # an id not its reference's
    assert log("Camera thôn") is None  # typed: not registered
    assert log(picked(mine.id, mine.reference, mine.name), linked=False) is None


def test_a_schools_officer_records_no_event_of_its_own_model() -> None:
    # An officer on a school (who reports for it, outside the force) recorded its model
    # recognised, which counts in the commune's "recognised effective models" target.
    store = a_province()
    school = 6
    store.places[school] = (PlaceView(school, "X-TH", "Trường THCS Tân Hưng", "school"), COMMUNE)
    teacher = MemberView(16, "Cô Lan", Role.OFFICER, school, "Trường THCS Tân Hưng", "vi")
    store.members[teacher.id] = teacher
    ref = models.register(store, store, store, OFFICER, draft(unit=school), now=NOW).reference
    assert refusal(
        lambda: models.record(store, store, teacher, ref, Event("built"), on=NOW.date(), now=NOW)
    ) == ("Only commune police or an admin can record this.")
    assert store.events.get(1, []) == []
    models.record(store, store, OFFICER, ref, Event("built"), on=NOW.date(), now=NOW)
