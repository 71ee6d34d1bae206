"""The registry of models on SQLite and PostgreSQL: references from the shared counter, events
setting the status, a unit's models most recent first (names searched without marks), a typed
model entry linked to a registered model."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, select

from campaign.models import Event
from campaign.roles import Role
from services import models
from services.demo import DemoInvites
from services.models import Draft
from services.ports import MemberView, NewEntry
from storage.database import Database
from storage.repository import Repository
from storage.schema import audit_log, entries, members, model_events, units
from storage.schema import models as model_rows
from storage.sealing import Sealer

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def person(conn: Connection, name: str, role: Role) -> MemberView:
    row = conn.execute(
        select(members.c.id, members.c.unit_id, units.c.name)
        .select_from(members.join(units, members.c.unit_id == units.c.id))
        .where(members.c.full_name == name)
    ).one()
    return MemberView(row.id, name, role, row.unit_id, row.name, "vi")


def unit_id(conn: Connection, code: str) -> int:
    return int(conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one())


async def test_models_are_registered_followed_and_listed(
    database: Database, demo: DemoInvites
) -> None:
    def work(conn: Connection) -> None:
        repo = Repository(conn, Sealer("s" * 40))
        officer = person(conn, "Cán bộ mẫu", Role.OFFICER)
        leader = person(conn, "Tổ trưởng mẫu thôn Tây", Role.LEADER)
        east, west = unit_id(conn, "DEMO-XA-T1"), unit_id(conn, "DEMO-XA-T2")
        # A model entry takes the next MH number; a model never reuses it.
        entry = repo.save_entry(
            NewEntry(
                member_id=officer.id,
                unit_id=east,
                content_area="model",
                prefix="MH",
                kind="model",
                details={"model": "Camera thôn Đông"},
                occurred_at=NOW,
                created_at=NOW,
                delivery_key="k1",
            )
        )
        camera = models.register(
            repo,
            repo,
            repo,
            officer,
            Draft("model", "camera", "Camera an ninh thôn Đông", east, date(2026, 1, 5)),
            now=NOW,
        )
        assert (entry, camera.reference) == ("MH-2026-000001", "SMH-2026-000001")
        proposed = models.register(
            repo,
            repo,
            repo,
            leader,
            Draft(
                "model",
                "tu-quan",
                "Tổ tự quản đường làng",
                west,
                date(2026, 2, 1),
                origin="replicated",
                replicated_from=camera.reference,
            ),
            now=NOW,
        )
        assert (proposed.status, proposed.replicated_from, proposed.unit_name) == (
            "registered",
            camera.reference,
            "Tổ bảo vệ ANTT thôn Tây",
        )
        day = date(2026, 11, 20)
        models.record(repo, repo, officer, camera.reference, Event("built"), on=day, now=NOW)
        models.record(
            repo,
            repo,
            officer,
            camera.reference,
            Event("recognised", level="district", decision_no="45/QĐ-BCĐ"),
            on=day,
            now=NOW,
        )
        shown, events = models.history(repo, officer, camera.reference)
        assert (shown.status, shown.status_on) == ("effective", day)
        assert [(e.kind, e.level, e.decision_no, e.by_name) for e in events] == [
            ("built", None, None, "Cán bộ mẫu"),
            ("recognised", "district", "45/QĐ-BCĐ", "Cán bộ mẫu"),
        ]
        listed = models.models_of(repo, officer)
        assert [m.reference for m in listed] == [proposed.reference, camera.reference]
        assert [m.name for m in models.models_of(repo, officer, name="tu quan")] == [proposed.name]
        assert [m.name for m in models.models_of(repo, leader)] == [proposed.name]
        # A typed model entry pointed at the registered model later, its card naming it.
        models.link_entry(repo, repo, officer, entry, camera.reference, now=NOW)
        linked = conn.execute(
            select(entries.c.model_id, entries.c.details).where(entries.c.reference == entry)
        ).one()
        assert linked.model_id == camera.id
        assert linked.details["model"] == {
            "id": camera.id,
            "reference": camera.reference,
            "name": camera.name,
        }
        # What a measure reads: the status, and recognitions as events with their level.
        recognised = conn.execute(
            select(model_rows.c.reference)
            .join(model_events, model_events.c.model_id == model_rows.c.id)
            .where(model_events.c.kind == "recognised", model_events.c.level == "district")
        ).scalars()
        assert list(recognised) == [camera.reference]
        actions = conn.execute(
            select(audit_log.c.action)
            .where(
                audit_log.c.action.like("model.%") | (audit_log.c.action == "entry.model_linked")
            )
            .order_by(audit_log.c.id)
        ).scalars()
        assert list(actions) == [
            "model.registered",
            "model.registered",
            "model.built",
            "model.recognised",
            "entry.model_linked",
        ]

    await database.run(work)
