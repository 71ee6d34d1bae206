"""The audit log for admins: who did what, to which record, when, within their units (reveals,
reviews, role changes, logins...), searched, paged and exported (the export audited too)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from campaign.catalogs import said
from campaign.localized import Localized
from campaign.roles import Role
from services.ports import Audited, AuditPage, AuditQuery, AuditSearchStore, MemberView
from services.refusals import Refused

PAGE = 50
EXPORT_LIMIT = 50_000

# The words of the actions an admin looks for; any other shows its own name.
ACTION_WORDS: dict[str, str] = {
    "console.login": "console_files_action_login",
    "console.logout": "console_files_action_logout",
    "console.link_issued": "console_files_action_link_issued",
    "console.link_refused": "console_files_action_link_refused",
    "console.ended": "console_files_action_session_ended",
    "informant.revealed": "console_files_action_revealed",
    "informant.reveal_refused": "console_files_action_reveal_refused",
    "entry.verified": "console_files_action_verified",
    "entry.rejected": "console_files_action_rejected",
    "entry.created": "console_files_action_entry_created",
    "entry.edited": "console_files_action_entry_edited",
    "entry.reopened": "console_files_action_entry_reopened",
    "member.registered": "console_files_action_registered",
    "member.imported": "console_files_action_member_imported",
    "member.role_changed": "console_files_action_role_changed",
    "member.deactivated": "console_files_action_deactivated",
    "roster.imported": "console_files_action_roster_imported",
    "roster.invites_downloaded": "console_files_action_invites_downloaded",
    "invite.created": "console_files_action_invite_created",
    "plan.loaded": "console_files_action_plan_loaded",
    "plan.replaced": "console_files_action_plan_replaced",
    "plan.ended": "console_files_action_plan_ended",
    "broadcast.sent": "console_files_action_broadcast_sent",
    "unit.added": "console_files_action_unit_added",
    "unit.renamed": "console_files_action_unit_renamed",
    "unit.moved": "console_files_action_unit_moved",
    "unit.closed": "console_files_action_unit_closed",
    "unit.merged": "console_files_action_unit_merged",
    "export.audit": "console_files_action_exported_audit",
    "broadcast.cancelled": "console_action_broadcast_cancelled",
    "broadcast.scheduled": "console_action_broadcast_scheduled",
    "broadcast.stopped": "console_action_broadcast_stopped",
    "commendation.added": "console_action_commendation_added",
    "deliverable.photo_opened": "console_action_deliverable_photo_opened",
    "deliverable.submitted": "console_action_deliverable_submitted",
    "deliverable.drafted": "console_action_deliverable_drafted",
    "deliverable.document_added": "console_action_deliverable_document_added",
    "deliverable.document_dropped": "console_action_deliverable_document_dropped",
    "deliverable.withdrawn": "console_action_deliverable_withdrawn",
    "deliverable.accepted": "console_action_deliverable_accepted",
    "deliverable.returned": "console_action_deliverable_returned",
    "document.opened": "console_action_document_opened",
    "document.uploaded": "console_action_document_uploaded",
    "dossier.uploaded": "console_action_dossier_uploaded",
    "entry.model_linked": "console_action_entry_model_linked",
    "grade.changed": "console_action_grade_changed",
    "grades.confirmed": "console_action_grades_confirmed",
    "identity.link_code": "console_action_identity_link_code",
    "invites.printed": "console_action_invites_printed",
    "member.joined_team_on": "console_action_member_joined_team_on",
    "member.moved": "console_action_member_moved",
    "member.renamed": "console_action_member_renamed",
    "model.registered": "console_action_model_registered",
    "rating.set": "console_action_rating_set",
    "registration.added": "console_action_registration_added",
    "registration.outcome": "console_action_registration_outcome",
    "target_value.changed": "console_action_target_value_changed",
    "target_value.entered": "console_action_target_value_entered",
    "tip.asked": "console_action_tip_asked",
    "tip.assigned": "console_action_tip_assigned",
    "tip.noted": "console_action_tip_noted",
    "tip.resolved": "console_action_tip_resolved",
    "tip.unfounded": "console_action_tip_unfounded",
    "tip.verifying": "console_action_tip_verifying",
    "unit.covers": "console_action_unit_covers",
    "unit_group.imported": "console_action_unit_group_imported",
    "unit_kind.added": "console_action_unit_kind_added",
    # Personal-data rights (issue 16): the words are in personal_data.ftl.
    "member.data_export": "console_action_member_data_export",
    "member.erasure_asked": "console_action_member_erasure_asked",
    "member.erasure_withdrawn": "console_action_member_erasure_withdrawn",
    "member.erasure_refused": "console_action_member_erasure_refused",
    "member.erased": "console_action_member_erased",
}


def action_words(action: str) -> Localized | str:
    """An action in words, or its own name when the catalogs have none for it."""
    key = ACTION_WORDS.get(action)
    if key is not None:
        return said(key)
    if action.startswith("export."):  # every table's export: export.<table>
        return said("console_action_exported", table=action.removeprefix("export."))
    return action


def _refuse_unless_admin(viewer: MemberView) -> None:
    if viewer.role is not Role.ADMIN:
        raise Refused(said("console_files_admins_only"))


def window(query: AuditQuery, zone: tzinfo) -> tuple[datetime | None, datetime | None]:
    """The query's days (both included, in the campaign's zone) as instants."""

    def start(day: date | None) -> datetime | None:
        return None if day is None else datetime.combine(day, time(), zone)

    until = None if query.until is None else query.until + timedelta(days=1)
    return start(query.since), start(until)


def search(
    store: AuditSearchStore, viewer: MemberView, query: AuditQuery, zone: tzinfo, page: int
) -> AuditPage:
    """One page (from 1) of the lines the admin may read, newest first."""
    _refuse_unless_admin(viewer)
    page = max(1, page)
    return store.audit_lines(viewer, query, window(query, zone), (page - 1) * PAGE, PAGE)


def actions(store: AuditSearchStore, viewer: MemberView) -> list[str]:
    _refuse_unless_admin(viewer)
    return store.audit_actions(viewer)


def exported(
    store: AuditSearchStore,
    viewer: MemberView,
    query: AuditQuery,
    zone: tzinfo,
    fmt: str,
    now: datetime,
) -> AuditPage:
    """Every matching line up to EXPORT_LIMIT, for a file; the export is itself audited with
    its filters and its row count."""
    _refuse_unless_admin(viewer)
    found = store.audit_lines(viewer, query, window(query, zone), 0, EXPORT_LIMIT)
    if found.total > EXPORT_LIMIT:  # an auditor's file is never silently cut
        raise Refused(
            said("console_review2_export_too_many", count=found.total, limit=EXPORT_LIMIT)
        )
    filters = {
        "actor": query.actor,
        "action": query.action,
        "target": query.target,
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
    }
    details = {
        "format": fmt,
        "rows": len(found.lines),
        "filters": {k: v for k, v in filters.items() if v},
    }
    store.audit(Audited("export.audit", "audit_log", "", now, viewer.id, details))
    return found
