"""The console map's points (`services.ports.MapStore`): located entries in the viewer's
scope, through the same conditions as the entries table (storage.browse), so the map shows
the table's entries. A point carries no answer but the shared location: the informant and
anything sealed live elsewhere (entry_informants) and are never read here."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from campaign.collation import vietnamese_key
from services.ports import EntryFilter, MapPoint, MapStore, MapUnit, MemberView
from storage.browse import entry_conditions, latitude, longitude, units_seen
from storage.schema import entries, units
from storage.unit_of_work import FeatureRepository


class MapRepository(FeatureRepository, MapStore):
    def entry_points(self, viewer: MemberView, wanted: EntryFilter, limit: int) -> list[MapPoint]:
        located = replace(wanted, located=True)
        conditions = entry_conditions(self.db, viewer, located, self.work.zone)
        rows = self.db.execute(
            select(
                entries.c.reference,
                entries.c.content_area,
                entries.c.status,
                entries.c.progress,
                entries.c.occurred_at,
                units.c.name.label("unit_name"),
                latitude().label("latitude"),
                longitude().label("longitude"),
            )
            .select_from(entries.join(units, units.c.id == entries.c.unit_id))
            .where(*conditions)
            .order_by(entries.c.occurred_at.desc(), entries.c.id.desc())
            .limit(max(0, limit))
        )
        return [
            MapPoint(
                reference=row.reference,
                area=row.content_area,
                status=row.status,
                progress=row.progress,
                occurred_at=row.occurred_at,
                unit_name=row.unit_name,
                latitude=float(row.latitude),
                longitude=float(row.longitude),
            )
            for row in rows
        ]

    def map_units(self, viewer: MemberView) -> list[MapUnit]:
        seen = units_seen(self.db, viewer, None)
        if not seen:
            return []
        rows = self.db.execute(
            select(units.c.id, units.c.name, units.c.parent_id).where(units.c.id.in_(seen))
        ).all()
        inside = {row.id for row in rows}
        children: dict[int | None, list[tuple[int, str]]] = {}
        for row in rows:
            parent = row.parent_id if row.parent_id in inside else None
            children.setdefault(parent, []).append((row.id, row.name))
        ordered: list[MapUnit] = []

        def walk(parent: int | None, depth: int) -> None:
            for unit_id, name in sorted(
                children.get(parent, []), key=lambda u: vietnamese_key(u[1])
            ):
                ordered.append(MapUnit(unit_id, name, depth))
                walk(unit_id, depth + 1)

        walk(None, 0)
        return ordered
