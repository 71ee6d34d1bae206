"""The tables (SQLAlchemy Core). Alembic migrations in storage/migrations follow this file."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    Unicode,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite has no zones), always read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),  # province / commune / team, or deeper
    Column("parent_id", Integer, ForeignKey("units.id"), index=True),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),  # set when a unit is merged or renamed; history stays
    Column("successor_id", Integer, ForeignKey("units.id")),
    Column("created_at", UTCDateTime, nullable=False),
    # The area a unit serves where that is another unit: a team -> the village (thôn, tổ dân
    # phố) it covers, while the team itself stays under its commune.
    Column("area_unit_id", Integer, ForeignKey("units.id")),
)

# The kinds of unit a province uses (units.kind), as data: the built-in ones are seeded, a
# province may add its own. `parents`: kinds it may sit under (empty: on top); `roles`: the
# roles that may sit on it; `reports`: it answers a plan's deadlines and targets itself.
unit_kinds = Table(
    "unit_kinds",
    metadata,
    Column("code", String(20), primary_key=True),
    Column("name_vi", String(100), nullable=False),
    Column("name_en", String(100), nullable=False),
    Column("parents", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("reports", Boolean, nullable=False),
    Column("category", String(16), nullable=False),  # area / organisation / force / legacy
    Column("built_in", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# Dated groupings of units under a scheme, e.g. "former-district": the communes of a district
# that no longer exists (since 01/7/2025), for the "mỗi huyện" targets of older plans.
unit_groups = Table(
    "unit_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scheme", String(32), nullable=False),
    Column("group_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
    Column("source", String(16), nullable=False),  # cli / import / chat
    Index("ix_unit_groups_unit", "scheme", "unit_id"),
)

# Facts about a unit that targets divide by or filter on (households, residents, cameras, the
# commune's terrain...), dated: the value in force on a day is the latest valid_from <= it.
unit_facts = Table(
    "unit_facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("key", String(32), nullable=False),
    Column("num", Float),
    Column("text", String(64)),
    Column("valid_from", Date, nullable=False),
    Column("set_by", Integer, ForeignKey("members.id")),
    Column("source", String(16), nullable=False),  # chat / cli / import
    Column("note", String(500), nullable=False, server_default=""),
    Column("set_at", UTCDateTime, nullable=False),
    UniqueConstraint("unit_id", "key", "valid_from", name="uq_unit_facts_day"),
)

members = Table(
    "members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("full_name", String(200), nullable=False),
    Column("phone", String(32)),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("language", String(2), nullable=False, default="vi"),
    Column("joined_at", UTCDateTime),  # set when the member registers
    # The day they joined their team, from the commune's roster ("Ngày vào tổ"): grading counts
    # their months from it rather than from their registration with the bot.
    Column("joined_team_on", Date),
    Column("nudges", Boolean, nullable=False, default=True, server_default="1"),  # weekly nudge
    Column("created_at", UTCDateTime, nullable=False),
)

identities = Table(
    "identities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("external_user_id", String(128), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("last_used_at", UTCDateTime, nullable=False),
    Column("unreachable", Boolean, nullable=False, default=False),
    UniqueConstraint("channel", "external_user_id", name="uq_identities_channel_user"),
)

invites = Table(
    "invites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id")),  # a roster member waiting for it
    Column("expires_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
    Column("used_by", Integer, ForeignKey("members.id")),
)

entries = Table(
    "entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(24), nullable=False, unique=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("content_area", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("details", JSON, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("status", String(12), nullable=False, default="pending"),
    Column("urgent", Boolean, nullable=False, default=False),
    Column("delivery_key", String(200), nullable=False, unique=True),
    Column("reviewed_by", Integer, ForeignKey("members.id")),
    Column("reviewed_at", UTCDateTime),
    Column("review_note", String(2000)),
    Column("progress", String(16)),  # tips: received / verifying / resolved / unfounded
    # Set when verified: what it earned and under which plan and phase (taken back as set).
    Column("points", Integer),
    Column("plan_code", String(64)),
    Column("phase_code", String(64)),
    # Set when the author's edit sends a decided entry back to review (storage.review.reopen):
    # the decision (status, by, at, note) and the entry as it was decided on (details,
    # teammates, photos), so the new card says what changed. Cleared by the next decision.
    Column("reopened", JSON),
    # A "model" entry names the registered model (models.id) the member worked on.
    Column("model_id", Integer, ForeignKey("models.id")),
    # The entry's words folded (campaign.normalize.fold: no marks, lower case) for the
    # console's text search: SQL cannot fold Vietnamese. Filled on save and on every edit.
    Column("search_text", Text),
    Index("ix_entries_member_created", "member_id", "created_at"),
    Index("ix_entries_unit_status", "unit_id", "status"),
)

entry_participants = Table(
    "entry_participants",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
    # What the teammate earned while the entry is verified (None: not scored), so that
    # un-verifying takes back exactly that, as entries.points does for the one who logged it.
    Column("points", Integer),
)

# Kept apart from the tip and encrypted (Fernet): who gave it and how to reach them.
informants = Table(
    "informants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, unique=True),
    Column("sealed", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), index=True),
    Column("channel", String(16), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content_type", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("path", String(400), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

chat_states = Table(
    "chat_states",
    metadata,
    Column("channel", String(16), primary_key=True),
    Column("chat_id", String(128), primary_key=True),
    Column("language", String(2), nullable=False),
    Column("flow", String(64)),
    Column("step", String(64)),
    Column("data", JSON, nullable=False),
    Column("prompt_seq", Integer, nullable=False, default=0),
    Column("recent_keys", JSON, nullable=False, server_default="[]"),
    Column("updated_at", UTCDateTime),
)

# Every handled delivery and what we answered: a redelivery gets the same answer, no new work.
# Keyed by chat too: a web client chooses its message ids, and must never meet another chat's.
deliveries = Table(
    "deliveries",
    metadata,
    Column("channel", String(16), primary_key=True),
    Column("chat_id", String(128), primary_key=True),
    Column("delivery_key", String(200), primary_key=True),
    Column("replies", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False, index=True),
)

# Messages for a chat that are not a direct reply (notices), and the web chat's history.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(16), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("payload", JSON, nullable=False),
    # pending / sending / sent / blocked (the person blocked the bot) / rerouted / failed /
    # cancelled (its broadcast was stopped before it went)
    Column("status", String(12), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("claimed_at", UTCDateTime),  # when a sender took it (status sending)
    Column("attempts", Integer, nullable=False, server_default="0"),
    # 0: a notice from a conversation (an urgent tip); 1: bulk (broadcasts, scheduled jobs),
    # so a 10,000-recipient broadcast never holds an urgent tip back.
    Column("priority", SmallInteger, nullable=False, server_default="0"),
    Column("not_before", UTCDateTime),  # a retry waits until then
    Column("pieces_sent", Integer, nullable=False, server_default="0"),  # of a split message
    Column("member_id", Integer, ForeignKey("members.id")),  # to re-route if a chat blocks us
    Column("broadcast_id", Integer, ForeignKey("broadcasts.id")),
    Index("ix_outbox_chat", "channel", "chat_id", "id"),
    Index("ix_outbox_queue", "channel", "status", "priority", "id"),
    Index("ix_outbox_broadcast", "broadcast_id", "status"),
)

# A message an admin or commune officer sent to everyone under their unit (optionally one
# role); its recipients are outbox rows carrying its id.
broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("scope_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("role", String(16)),  # None: every role
    Column("text", Text, nullable=False),
    Column("image_token", String(64)),  # a shared row of `files`
    Column("status", String(12), nullable=False),  # sending / done / stopped (by its sender)
    Column("recipients", Integer, nullable=False),  # outbox rows queued
    Column("unreached", Integer, nullable=False),  # members with no chat the bot can reach
    Column("created_at", UTCDateTime, nullable=False),
    Column("progress_at", UTCDateTime),  # when the sender was last told the progress
    Column("progress_left", Integer),  # the messages left then: a line only when it moved
    Column("finished_at", UTCDateTime),
    # Set for a broadcast to go later (status "scheduled" until then, "cancelled" if taken back).
    Column("send_at", UTCDateTime),
)

reference_counters = Table(
    "reference_counters",
    metadata,
    Column("prefix", String(8), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)

# Files the bot made for a chat (a standings chart, a workbook) or an entry's photo shown on a
# commander's card, served to that chat by an unguessable token.
files = Table(
    "files",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("channel", String(16), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("name", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    # The bytes of a file made for the chat; NULL where the row only lends the chat an entry's
    # photo kept on disk (`attachment_id`): a card shows a photo without a copy of it.
    Column("data", LargeBinary),
    Column("created_at", UTCDateTime, nullable=False, index=True),
    # A link dies with its photo: whoever deletes an attachment need not know of the links.
    Column("attachment_id", Integer, ForeignKey("attachments.id", ondelete="CASCADE"), index=True),
)

# Kept up to date as entries are verified or un-verified, so reading standings costs
# O(subjects in scope), never a scan of the entries. level: "member" or a unit kind.
standings = Table(
    "standings",
    metadata,
    Column("plan_code", String(64), primary_key=True),
    Column("phase_code", String(64), primary_key=True),
    Column("level", String(20), primary_key=True),
    Column("subject_id", Integer, primary_key=True),
    Column("points", Integer, nullable=False),
    Column("entries", Integer, nullable=False),
    Index("ix_standings_rank", "plan_code", "phase_code", "level", "points"),
)

# Grades proposed at the end of an assessment year (one row per team or member), and what the
# commune officer decided: `final` stays empty until confirmed or changed with a reason.
grades = Table(
    "grades",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("guide_code", String(64), nullable=False),
    Column("year_start", Date, nullable=False),
    Column("commune_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("subject_kind", String(8), nullable=False),  # team / member
    Column("subject_id", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("active_months", Integer, nullable=False),
    Column("done", Integer, nullable=False),
    Column("tasks", Integer, nullable=False),
    Column("points", Integer, nullable=False),
    Column("proposed", String(32)),  # empty: not graded (see notes)
    Column("notes", String(200), nullable=False, default=""),
    Column("final", String(32)),
    Column("reason", String(2000)),
    Column("decided_by", Integer, ForeignKey("members.id")),
    Column("decided_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint(
        "guide_code", "year_start", "subject_kind", "subject_id", name="uq_grades_subject"
    ),
    Index("ix_grades_commune", "guide_code", "year_start", "commune_id"),
)

# Loaded campaign plans and grading guides; `document` keeps the YAML exactly as loaded.
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # plan / grading
    Column("name", String(400), nullable=False),
    Column("scope_unit_id", Integer, ForeignKey("units.id")),
    Column("starts", Date),
    Column("ends", Date),
    Column("document", Text, nullable=False),
    Column("loaded_at", UTCDateTime, nullable=False),
    # A plan that recurs every year ("hằng năm") runs until an admin ends it on this day.
    Column("ended_on", Date),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("actor_member_id", Integer, ForeignKey("members.id")),
    Column("actor", String(64), nullable=False),  # "member", "cli", "system"
    Column("action", String(64), nullable=False),
    Column("target", String(32), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("details", JSON, nullable=False),
    # The unit the act concerns (the actor's when nothing else is said): the console shows an
    # admin the lines of their subtree. None: the command line or the system, seen at the top.
    Column("unit_id", Integer, ForeignKey("units.id")),
    Index("ix_audit_log_action", "action"),
    Index("ix_audit_log_actor", "actor_member_id"),
    Index("ix_audit_log_unit_at", "unit_id", "at"),
)

# The web console (/quanly/): a one-time link from the chat or the shell opens a session.
# Neither the link's token nor the session's cookie is stored: only their hashes.
console_links = Table(
    "console_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("role", String(16), nullable=False),  # the member's role when it was issued
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
    Column("issued_via", String(16), nullable=False),  # "chat" or "cli"
)

console_sessions = Table(
    "console_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("role", String(16), nullable=False),  # bound at login: a changed role ends it
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    # logout / chat / expired / role_changed / deactivated
    Column("ended_by", String(16)),
)

# A tip followed as a case: who it is assigned to, and the outcome said when it was closed.
tip_cases = Table(
    "tip_cases",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("assigned_to", Integer, ForeignKey("members.id")),
    Column("assigned_by", Integer, ForeignKey("members.id")),
    Column("assigned_at", UTCDateTime),
    Column("outcome_note", String(2000)),
)

# A case's follow-up notes, the questions asked of the reporting member and the outcome.
tip_notes = Table(
    "tip_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, index=True),
    Column("author_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # note / question / outcome
    Column("text", String(2000), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


# APScheduler's own job store (its SQLAlchemyJobStore reads and writes this table; the shape is
# APScheduler's, declared here so that the migrations create it).
apscheduler_jobs = Table(
    "apscheduler_jobs",
    metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)

# One row per job and scheduled time it ran for, written in the job's own transaction: a job
# fired twice for the same time (a restart, a second process) finds its row and does nothing.
job_runs = Table(
    "job_runs",
    metadata,
    Column("job", String(64), primary_key=True),
    Column("slot", String(120), primary_key=True),  # scheduled local time, ISO (#part)
    Column("ran_at", UTCDateTime, nullable=False),
)

# A unit's submission for a plan's deadline (/danop, the console): its documents are
# `documents` rows owned by ("deliverable", id), its checklist `dossier_items` likewise.
# state: draft / submitted / accepted / returned (campaign.submissions); done = submitted or
# accepted. `member_id` opened it; `done_at` is when it was first made (rows before issue 15
# were made submitted), `submitted_at` its latest submission.
deliverables = Table(
    "deliverables",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_code", String(64), nullable=False),
    Column("deadline_code", String(64), nullable=False),
    Column("due", Date, nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("file_token", String(64)),  # a photo sent before issue 15: "attachment:N"
    Column("done_at", UTCDateTime, nullable=False),
    Column("state", String(12), nullable=False, server_default="submitted"),
    Column("submitted_at", UTCDateTime),
    Column("submitted_by", Integer, ForeignKey("members.id")),
    Column("decided_by", Integer, ForeignKey("members.id")),
    Column("decided_at", UTCDateTime),
    Column("decision_note", Text),
    Column("withdrawn_at", UTCDateTime),
    UniqueConstraint("plan_code", "deadline_code", "due", "unit_id", name="uq_deliverables_unit"),
    Index("ix_deliverables_deadline_state", "plan_code", "deadline_code", "due", "state"),
)


# Each subject's rank on the last weekly board, for the next board's movements (up / down / new).
leaderboard_ranks = Table(
    "leaderboard_ranks",
    metadata,
    Column("plan_code", String(64), primary_key=True),
    Column("phase_code", String(64), primary_key=True),
    Column("level", String(20), primary_key=True),
    Column("subject_id", Integer, primary_key=True),
    Column("rank", Integer, nullable=False),
    Column("week", String(10), nullable=False),  # ISO week of the board, 2026-W48
)


# Wrong invite codes typed, per chat ("chat:<channel>:<chat id>") and per client address
# ("addr:<address>"): past a few, a growing wait. A row is forgotten a day after its last failure
# (housekeeping), so strangers cost a bounded number of rows.
invite_guesses = Table(
    "invite_guesses",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failed_at", UTCDateTime, nullable=False, index=True),
    Column("blocked_until", UTCDateTime),
)


# A file uploaded as evidence or as part of a dossier (PDF, DOCX, XLSX, images), kept on disk
# like attachments and checked by its content; `unit_id` is the unit whose line of command may
# open it. `owner_kind`/`owner_id`: what it belongs to (target_value, dossier_item, model_event,
# commendation, deliverable).
documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner_kind", String(20), nullable=False),
    Column("owner_id", Integer),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("path", String(400), nullable=False),
    Column("original_name", String(200), nullable=False),
    Column("uploaded_by", Integer, ForeignKey("members.id")),
    Column("created_at", UTCDateTime, nullable=False),
    # Taken off a draft submission: kept (sealed, audited) but no longer part of it.
    Column("dropped_at", UTCDateTime),
    Index("ix_documents_owner", "owner_kind", "owner_id"),
)

# A report the bot drafted for a unit and a report deadline (issue 15): the .docx and its
# .xlsx annex are documents owned by ("report", id), sealed to the unit's line of command.
# The latest row per (plan, deadline, due, unit) is the current draft; `figures` keeps the
# numbers written, to compare with the database later.
reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_code", String(64), nullable=False),
    Column("deadline_code", String(64), nullable=False),
    Column("due", Date, nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("period_code", String(32), nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("built_at", UTCDateTime, nullable=False),
    Column("built_by", Integer, ForeignKey("members.id")),  # None: the job or the CLI
    Column("document_id", Integer, ForeignKey("documents.id")),
    Column("annex_id", Integer, ForeignKey("documents.id")),
    Column("template", String(200), nullable=False),
    Column("template_sha256", String(64), nullable=False),
    Column("figures", JSON, nullable=False),
    Index("ix_reports_deadline_unit", "plan_code", "deadline_code", "due", "unit_id"),
)

# A target's value for a unit and period, entered by the accountable role where no data in the
# bot can show it (a value, or met / not met), editable until the period is closed.
target_values = Table(
    "target_values",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_code", String(64), nullable=False),
    Column("target_code", String(64), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("value", Float),
    Column("met", Boolean),
    Column("numerator", Float),
    Column("denominator", Float),
    Column("note", Text, nullable=False, server_default=""),
    Column("document_id", Integer, ForeignKey("documents.id")),  # optional evidence
    Column("entered_by", Integer, ForeignKey("members.id")),
    Column("entered_at", UTCDateTime, nullable=False),
    UniqueConstraint(
        "plan_code", "target_code", "unit_id", "period_start", name="uq_target_values_period"
    ),
)

# A plan's period closed over a unit's subtree: its entered values are read-only from then on.
period_closures = Table(
    "period_closures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_code", String(64), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("scope_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("closed_by", Integer, ForeignKey("members.id")),
    Column("closed_at", UTCDateTime, nullable=False),
    UniqueConstraint(
        "plan_code", "period_start", "period_end", "scope_unit_id", name="uq_period_closures_scope"
    ),
)

# Models ("mô hình tự quản") and typical units ("điển hình tiên tiến"), registered once and
# followed over time through model_events.
models = Table(
    "models",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(24), nullable=False, unique=True),  # SMH-2026-000123
    Column("category", String(16), nullable=False),  # model / typical_unit
    Column("scheme", String(32), nullable=False),  # e.g. tu-quan, sach-ma-tuy, dien-hinh-9745
    Column("name", String(300), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("area_text", String(300), nullable=False, server_default=""),
    Column("started_on", Date, nullable=False),
    Column("origin", String(12), nullable=False),  # new / replicated
    Column("replicated_from_id", Integer, ForeignKey("models.id")),
    # registered / building / active / effective / ineffective / dropped
    Column("status", String(16), nullable=False),
    Column("status_on", Date, nullable=False),
    Column("created_by", Integer, ForeignKey("members.id")),
    Column("created_at", UTCDateTime, nullable=False),
)

model_events = Table(
    "model_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("model_id", Integer, ForeignKey("models.id"), nullable=False, index=True),
    # built / replicated / evaluated / proposed / recognised / refused / maintained / dropped
    Column("kind", String(16), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("level", String(24)),  # campaign.recognition.LEVELS
    Column("outcome", String(16)),  # evaluated: effective / not_effective
    Column("reason", Text, nullable=False, server_default=""),
    Column("decision_no", String(64)),
    Column("by_member", Integer, ForeignKey("members.id")),
    Column("created_at", UTCDateTime, nullable=False),
)

# A unit's registration for a year ("đăng ký đạt chuẩn An toàn về ANTT", an emulation pledge,
# a typical-unit candidacy) and its outcome.
registrations = Table(
    "registrations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scheme", String(32), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("year", Integer, nullable=False),
    Column("plan_code", String(64)),
    Column("registered_on", Date, nullable=False),
    Column("registered_by", Integer, ForeignKey("members.id")),
    Column("level", String(24)),  # who picked it, where a plan says ("Công an tỉnh chọn")
    # pending / achieved / not_achieved / withdrawn
    Column("outcome", String(16), nullable=False),
    Column("outcome_on", Date),
    Column("outcome_level", String(24)),
    Column("decision_no", String(64)),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("scheme", "unit_id", "year", name="uq_registrations_unit_year"),
)

# A unit's classification for a year under a scheme (e.g. QĐ 510: xuất sắc / khá / ...).
ratings = Table(
    "ratings",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("scheme", String(32), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("rating", String(16), nullable=False),
    Column("rated_by", Integer, ForeignKey("members.id")),
    Column("rated_on", Date, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
)

# The documents a registration, model or deadline needs (a recognition dossier: proposal,
# results report, minutes), one row per required item and its state.
dossier_items = Table(
    "dossier_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner_kind", String(16), nullable=False),  # registration / model / deliverable
    Column("owner_id", Integer, nullable=False),
    Column("item", String(32), nullable=False),
    Column("status", String(12), nullable=False),  # missing / uploaded / accepted / returned
    Column("document_id", Integer, ForeignKey("documents.id")),
    Column("note", Text, nullable=False, server_default=""),
    Column("updated_by", Integer, ForeignKey("members.id")),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("owner_kind", "owner_id", "item", name="uq_dossier_items_item"),
)

# Commendations of a person or a collective (biểu dương, giấy khen, bằng khen...).
commendations = Table(
    "commendations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject_kind", String(8), nullable=False),  # member / unit
    Column("subject_id", Integer, nullable=False),
    Column("level", String(24), nullable=False),
    Column("form", String(24), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("decided_on", Date, nullable=False),
    Column("decision_no", String(64)),
    Column("authority", String(200)),
    Column("status", String(12), nullable=False),  # proposed / granted / refused
    Column("plan_code", String(64)),
    Column("phase_code", String(64)),
    Column("entered_by", Integer, ForeignKey("members.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_commendations_subject", "subject_kind", "subject_id"),
)

# A file a turn or a job asked to be drawn in the render pool (issue 16): the turn answers at
# once and the file reaches the chat when drawn, through the outbox. A row still "queued" after
# a restart is drawn again. kind: what to draw ("standings", "grades", "report", "my_data"…);
# payload: what the drawing needs, as plain JSON (never sealed data).
file_jobs = Table(
    "file_jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(16), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id")),
    Column("kind", String(32), nullable=False),
    Column("language", String(8), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(12), nullable=False),  # queued / drawing / done / failed
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("started_at", UTCDateTime),
    Column("done_at", UTCDateTime),
    Column("error", String(200)),  # the exception's type, never its text (it may quote data)
    Index("ix_file_jobs_status", "status", "id"),
)

# A member's request that the bot erase what it holds about them (Luật 91/2025 BVDLCN): an
# admin of their unit's line confirms or refuses, with a reason. The row outlives the erasure
# (member_id then points at the anonymised member) as the record that it was done.
erasure_requests = Table(
    "erasure_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("asked_at", UTCDateTime, nullable=False),
    Column("status", String(12), nullable=False),  # asked / done / refused / withdrawn
    Column("decided_by", Integer, ForeignKey("members.id")),
    Column("decided_at", UTCDateTime),
    Column("reason", Text),
    Index("ix_erasure_requests_status", "status", "asked_at"),
)
