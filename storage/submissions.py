"""A unit's submissions for a plan's deadlines (issue 15), in SQL: the `deliverables` row (its
state, who submitted and decided, when), the documents it owns (`documents` rows owned by
("deliverable", id), not dropped) and its checklist (`dossier_items` owned likewise). The rules
are in campaign.submissions and services.submissions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from campaign.catalogs import spoken
from campaign.localized import L, Localized
from campaign.plans import DeadlineSpec, Plan
from campaign.roles import Role
from services.ports import (
    Audited,
    DocumentView,
    DossierItemView,
    MemberView,
    OpenDeliverable,
    SubmissionPlace,
    SubmissionStore,
    SubmissionView,
    Submittable,
)
from storage.calendar import open_for
from storage.plans import parsed
from storage.schema import deliverables, documents, dossier_items, members, plans, units
from storage.tree import chain
from storage.unit_of_work import FeatureRepository
from storage.upsert import insert_for

OWNER = "deliverable"  # documents.owner_kind and dossier_items.owner_kind of a submission

# The audit's word for each state a submission is moved to (a draft again: withdrawn).
_MOVED = {
    "submitted": "deliverable.submitted",
    "draft": "deliverable.withdrawn",
    "accepted": "deliverable.accepted",
    "returned": "deliverable.returned",
}


def which(plan_code: str, deadline_code: str, due: date) -> str:
    """The audit's target id of a submission, as the board and the jobs name it."""
    return f"{plan_code}/{deadline_code}/{due.isoformat()}"


def submittable_of(deadline: DeadlineSpec, item: OpenDeliverable) -> Submittable:
    return Submittable(
        item,
        tuple((spec.code, spec.name) for spec in deadline.checklist),
        deadline.documents,
        deadline.escalate_to,
    )


def open_item(deadline: DeadlineSpec, plan: Plan, due: date) -> OpenDeliverable:
    return OpenDeliverable(
        plan.code, deadline.code, due, deadline.title, deadline.deliverable, deadline.registration
    )


def _names(conn: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = conn.execute(select(members.c.id, members.c.full_name).where(members.c.id.in_(ids)))
    return {int(i): str(n) for i, n in rows}


def _views(conn: Connection, rows: Sequence[Any]) -> list[SubmissionView]:
    """The submissions of these `deliverables` rows, with their documents (not dropped, oldest
    first) and checklists: four queries however many rows (a province's board reads one per
    commune)."""
    if not rows:
        return []
    ids = [int(row.id) for row in rows]
    who = {int(i) for row in rows for i in (row.member_id, row.submitted_by, row.decided_by) if i}
    people = _names(conn, who)
    kept: dict[int, list[DocumentView]] = {i: [] for i in ids}
    for d in conn.execute(
        select(documents)
        .where(
            documents.c.owner_kind == OWNER,
            documents.c.owner_id.in_(ids),
            documents.c.dropped_at.is_(None),
        )
        .order_by(documents.c.id)
    ):
        kept[int(d.owner_id)].append(
            DocumentView(
                id=d.id,
                owner_kind=d.owner_kind,
                owner_id=d.owner_id,
                unit_id=d.unit_id,
                content_type=d.content_type,
                size=d.size,
                original_name=d.original_name,
                uploaded_by=d.uploaded_by,
                created_at=d.created_at,
            )
        )
    items: dict[int, list[DossierItemView]] = {i: [] for i in ids}
    for i in conn.execute(
        select(dossier_items)
        .where(dossier_items.c.owner_kind == OWNER, dossier_items.c.owner_id.in_(ids))
        .order_by(dossier_items.c.id)
    ):
        items[int(i.owner_id)].append(
            DossierItemView(i.id, i.owner_kind, i.owner_id, i.item, i.status, i.document_id, i.note)
        )
    return [_view(row, people, tuple(kept[int(row.id)]), tuple(items[int(row.id)])) for row in rows]


def _view(
    row: Any,
    people: dict[int, str],
    kept: tuple[DocumentView, ...],
    items: tuple[DossierItemView, ...],
) -> SubmissionView:
    token = str(row.file_token or "")
    photo = token.partition(":")[2] if token.startswith("attachment:") else ""
    return SubmissionView(
        id=int(row.id),
        plan_code=str(row.plan_code),
        deadline_code=str(row.deadline_code),
        due=row.due,
        unit_id=int(row.unit_id),
        unit_name=str(row.unit_name),
        state=str(row.state),
        opened_at=row.done_at,
        opened_by=people.get(int(row.member_id), ""),
        submitted_at=row.submitted_at,
        submitted_by=people.get(int(row.submitted_by)) if row.submitted_by else None,
        decided_at=row.decided_at,
        decided_by=people.get(int(row.decided_by)) if row.decided_by else None,
        decision_note=row.decision_note,
        withdrawn_at=row.withdrawn_at,
        documents=kept,
        attachment_id=int(photo) if photo.isdigit() else None,
        checklist=items,
    )


_ROW = select(deliverables, units.c.name.label("unit_name")).join(
    units, units.c.id == deliverables.c.unit_id
)


def submission(
    conn: Connection, plan_code: str, deadline_code: str, due: date, unit_id: int
) -> SubmissionView | None:
    row = conn.execute(
        _ROW.where(
            deliverables.c.plan_code == plan_code,
            deliverables.c.deadline_code == deadline_code,
            deliverables.c.due == due,
            deliverables.c.unit_id == unit_id,
        )
    ).first()
    return None if row is None else _views(conn, [row])[0]


def _deadline(conn: Connection, plan_code: str, deadline_code: str) -> DeadlineSpec | None:
    row = conn.execute(
        select(plans.c.code, plans.c.loaded_at, plans.c.document).where(
            plans.c.code == plan_code, plans.c.kind == "plan"
        )
    ).first()
    plan = None if row is None else parsed(row.code, row.loaded_at, row.document)
    if plan is None:
        return None
    return next((d for d in plan.deadlines if d.code == deadline_code), None)


class SubmissionRepository(FeatureRepository, SubmissionStore):
    """`services.ports.SubmissionStore`."""

    def submittable(self, member: MemberView, day: date) -> list[Submittable]:
        return [
            submittable_of(deadline, open_item(deadline, plan, due))
            for plan, deadline, due in open_for(self.db, member.unit_id, member.role, day)
        ]

    def submission(
        self, plan_code: str, deadline_code: str, due: date, unit_id: int
    ) -> SubmissionView | None:
        return submission(self.db, plan_code, deadline_code, due, unit_id)

    def submission_views(
        self, plan_code: str, deadline_code: str, due: date
    ) -> dict[int, SubmissionView]:
        rows = self.db.execute(
            _ROW.where(
                deliverables.c.plan_code == plan_code,
                deliverables.c.deadline_code == deadline_code,
                deliverables.c.due == due,
            )
        ).all()
        return {view.unit_id: view for view in _views(self.db, rows)}

    def submission_by_id(self, submission_id: int) -> SubmissionPlace | None:
        row = self.db.execute(_ROW.where(deliverables.c.id == submission_id)).first()
        if row is None:
            return None
        view = _views(self.db, [row])[0]
        deadline = _deadline(self.db, view.plan_code, view.deadline_code)
        line = chain(self.db, view.unit_id)
        kinds = dict(
            self.db.execute(select(units.c.id, units.c.kind).where(units.c.id.in_(line))).all()
        )
        return SubmissionPlace(
            view,
            deadline.title if deadline else _untitled(view.deadline_code),
            tuple((s.code, s.name) for s in deadline.checklist) if deadline else (),
            deadline.documents if deadline else "optional",
            deadline.escalate_to if deadline else None,
            tuple((unit, str(kinds.get(unit, ""))) for unit in line),
        )

    def open_draft(self, member: MemberView, target: Submittable, now: datetime) -> SubmissionView:
        item = target.item
        key = (item.plan_code, item.deadline_code, item.due, member.unit_id)
        found = submission(self.db, *key)
        if found is not None:
            return found
        # Two commanders (or a redelivered message) at once: the unique key keeps one row.
        made_id = self.db.execute(
            insert_for(self.db, deliverables)
            .values(
                plan_code=item.plan_code,
                deadline_code=item.deadline_code,
                due=item.due,
                unit_id=member.unit_id,
                member_id=member.id,
                file_token=None,
                done_at=now,
                state="draft",
            )
            .on_conflict_do_nothing()
            .returning(deliverables.c.id)
        ).scalar()
        made = submission(self.db, *key)
        assert made is not None
        if made_id is None:
            return made  # made meanwhile by another
        for code, _ in target.checklist:
            self._insert_ignoring_conflict(
                dossier_items,
                {
                    "owner_kind": OWNER,
                    "owner_id": made.id,
                    "item": code,
                    "status": "missing",
                    "document_id": None,
                    "note": "",
                    "updated_by": member.id,
                    "updated_at": now,
                },
            )
        self.audit(
            Audited(
                "deliverable.drafted",
                "deliverables",
                which(*key[:3]),
                now,
                member.id,
                {"submission": made.id},
                unit_id=member.unit_id,
            )
        )
        return submission(self.db, *key) or made

    def _submission_row(self, submission_id: int) -> Any:
        return self.db.execute(select(deliverables).where(deliverables.c.id == submission_id)).one()

    def _submission_audit(
        self, action: str, row: Any, member_id: int, now: datetime, details: dict[str, Any]
    ) -> None:
        self.audit(
            Audited(
                action,
                "deliverables",
                which(row.plan_code, row.deadline_code, row.due),
                now,
                member_id,
                {"submission": int(row.id), **details},
                unit_id=int(row.unit_id),
            )
        )

    def add_to_submission(
        self, submission_id: int, document_id: int, item: str | None, member_id: int, now: datetime
    ) -> None:
        row = self._submission_row(submission_id)
        self.db.execute(
            update(documents)
            .where(documents.c.id == document_id)
            .values(owner_kind=OWNER, owner_id=submission_id)
        )
        if item is not None:
            self.db.execute(
                update(dossier_items)
                .where(
                    dossier_items.c.owner_kind == OWNER,
                    dossier_items.c.owner_id == submission_id,
                    dossier_items.c.item == item,
                )
                .values(
                    status="uploaded",
                    document_id=document_id,
                    note="",
                    updated_by=member_id,
                    updated_at=now,
                )
            )
        details: dict[str, Any] = {"document": document_id}
        if item is not None:
            details["item"] = item
        self._submission_audit("deliverable.document_added", row, member_id, now, details)

    def drop_from_submission(
        self, submission_id: int, document_id: int, member_id: int, now: datetime
    ) -> None:
        row = self._submission_row(submission_id)
        self.db.execute(
            update(documents)
            .where(
                documents.c.id == document_id,
                documents.c.owner_kind == OWNER,
                documents.c.owner_id == submission_id,
            )
            .values(dropped_at=now)
        )
        self.db.execute(
            update(dossier_items)
            .where(
                dossier_items.c.owner_kind == OWNER,
                dossier_items.c.owner_id == submission_id,
                dossier_items.c.document_id == document_id,
            )
            .values(status="missing", document_id=None, updated_by=member_id, updated_at=now)
        )
        self._submission_audit(
            "deliverable.document_dropped", row, member_id, now, {"document": document_id}
        )

    def set_submission_state(
        self,
        submission_id: int,
        state: str,
        *,
        was: Sequence[str],
        member_id: int,
        now: datetime,
        note: str | None = None,
    ) -> bool:
        values: dict[str, Any] = {"state": state}
        if state == "submitted":
            values.update(submitted_at=now, submitted_by=member_id)
        elif state in ("accepted", "returned"):
            values.update(decided_at=now, decided_by=member_id, decision_note=note)
        elif state == "draft" and "submitted" in was:
            values.update(withdrawn_at=now)
        # Compare and set: the state is read by the update itself (as review.decide does), so
        # of two decisions at once, or a withdrawal racing a decision, one wins.
        changed = self.db.execute(
            update(deliverables)
            .where(deliverables.c.id == submission_id, deliverables.c.state.in_(list(was)))
            .values(**values)
        )
        if changed.rowcount != 1:
            return False
        if state == "draft" and "submitted" not in was:
            return True  # one sent back, drafted again by the document added (audited so)
        row = self._submission_row(submission_id)
        details: dict[str, Any] = {"from": list(was)}
        if note:
            details["note"] = note
        self._submission_audit(_MOVED[state], row, member_id, now, details)
        return True

    def commanders_of(self, unit_id: int) -> list[MemberView]:
        rows = self.db.execute(
            select(
                members.c.id,
                members.c.full_name,
                members.c.role,
                members.c.unit_id,
                units.c.name,
                members.c.language,
            )
            .join(units, units.c.id == members.c.unit_id)
            .where(
                members.c.unit_id == unit_id,
                members.c.active.is_(True),
                members.c.joined_at.is_not(None),
                members.c.role.in_([role.value for role in Role if role.is_commander]),
            )
            .order_by(members.c.id)
        ).all()
        return [
            MemberView(
                int(r.id),
                str(r.full_name),
                Role(r.role),
                int(r.unit_id),
                str(r.name),
                spoken(r.language),
            )
            for r in rows
        ]


def _untitled(code: str) -> Localized:
    return L(code, code)


__all__ = ["OWNER", "SubmissionRepository", "which"]
