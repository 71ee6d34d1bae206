"""The console's map: located entries and tips in a commander's scope (the chat's scope: a
leader their team, a commune's officer the commune, an admin their subtree), with the entries
table's filters, a bounded number at a time."""

from __future__ import annotations

from dataclasses import dataclass

from campaign.catalogs import said
from services.ports import EntryFilter, MapPoint, MapStore, MapUnit, MemberView
from services.refusals import Refused

MAP_LIMIT = 2000  # points one map shows; a browser draws this many markers without strain


@dataclass(frozen=True)
class MapView:
    points: list[MapPoint]  # newest first
    more: bool  # more located entries match than the map shows: narrow the filter
    limit: int


def refuse_unless_commander(viewer: MemberView) -> None:
    if not viewer.role.is_commander:
        raise Refused(said("console_map_commanders_only"))


def entry_points(
    store: MapStore, viewer: MemberView, wanted: EntryFilter, limit: int = MAP_LIMIT
) -> MapView:
    """The located entries the viewer may see that match `wanted`, at most `limit`."""
    refuse_unless_commander(viewer)
    found = store.entry_points(viewer, wanted, limit + 1)
    return MapView(points=found[:limit], more=len(found) > limit, limit=limit)


def units_in_scope(store: MapStore, viewer: MemberView) -> list[MapUnit]:
    """The units the viewer may narrow the map to."""
    refuse_unless_commander(viewer)
    return store.map_units(viewer)
