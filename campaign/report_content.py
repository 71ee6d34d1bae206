"""What a drafted report holds (issue 15), as plain data: `services.reports.gather` fills it from
the database, `bot.report_files` writes it into the .docx template and the .xlsx annex. Pure.

Every text is already in the report's language and every date a `date` (the renderer writes
dd/mm/yyyy): the template decides only the layout. Numbers are numbers; a value that is a
target's own wording ("85% (17/20)") is the text /chitieu shows. Nothing here is personal beyond
what the standings already show members (names on the board) and commendations (public by
nature): no entry's details, no place text, never an informant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The words an officer must replace, the same in every template and every report, so that a
# reader (and a test) finds each place left to write and nobody signs it unwritten.
TO_WRITE = "[Cán bộ viết: "


@dataclass(frozen=True)
class Heading:
    """The header block of Nghị định 30/2020 (Phụ lục I) and the signature block."""

    parent_name: str  # cơ quan chủ quản, the unit above ("CÔNG AN TỈNH HẢI DƯƠNG"), may be ""
    unit_name: str  # the issuing unit, as its register names it ("Công an xã Đông Hưng")
    place_name: str  # địa danh for the date line ("Đông Hưng")
    made_on: date  # the date line's day (the officer may change it when signing)
    symbol: str  # ký hiệu after "Số: …/" ("BC-CAX"); the number is left for the officer
    subject: str  # trích yếu under "BÁO CÁO" ("Sơ kết Đợt 1 …")
    recipients: tuple[str, ...]  # nơi nhận, before "Lưu: VT."
    signer_title: str  # "TRƯỞNG CÔNG AN XÃ", "KT. …"
    signer_name: str | None  # None: left for the officer ("[Họ và tên]")


@dataclass(frozen=True)
class Span:
    """The days a report's figures cover; `as_of` is the last day counted."""

    code: str  # the period code it was asked by ("2026-H2", "dot-1")
    label: str  # "Đợt 1", "6 tháng cuối năm 2026"
    starts: date
    ends: date  # the period's own end (as the plan says)
    as_of: date  # min(ends, the day before the due day, the day built)


@dataclass(frozen=True)
class AreaLine:
    """One content area of the plan: verified entries in the span, and in the span before."""

    code: str
    name: str
    verified: int
    pending: int  # logged, not yet reviewed: said apart, never counted as results
    previous: int | None  # None: no previous period


@dataclass(frozen=True)
class TipLine:
    """Verified tips of one kind and one outcome (`entries.kind` x `entries.progress`)."""

    kind: str  # the catalog's label of the kind
    outcome: str  # the catalog's label of the progress (received / verifying / resolved...)
    count: int


@dataclass(frozen=True)
class NotableCase:
    """An urgent verified entry or a resolved tip: only what is safe to print."""

    reference: str  # the entry's reference as the chat shows it
    day: date
    area: str
    kind: str
    team: str


@dataclass(frozen=True)
class Participation:
    participants: int  # members with at least one verified entry in the span
    members: int  # active members of the unit's subtree
    patrols: int
    patrol_people: int | None  # the sum of people on patrols, where the form asks it


@dataclass(frozen=True)
class TargetLine:
    """A target as /chitieu shows it for the unit on `as_of` (services.standings.target_table):
    the same texts, cell by cell."""

    code: str
    description: str
    how: str
    period: str  # "Tháng 01/12/2026–31/12/2026"
    threshold: str
    value: str  # the unit's value as /chitieu writes it ("—" when none)
    verdict: str  # "✅ đạt", "❌ chưa đạt", "⚪ chưa phát sinh"
    met: bool | None


@dataclass(frozen=True)
class RankLine:
    rank: int
    name: str
    points: float
    entries: int


@dataclass(frozen=True)
class Standings:
    """The unit among its peers, and its own best teams and members, for the span's phase (or
    the whole plan), as the standings show them."""

    phase: str  # the phase's name, or "" for the whole plan
    unit_rank: int | None  # the unit's rank among the units of its kind in the plan's scope
    unit_of: int  # how many such units
    unit_points: float
    teams: tuple[RankLine, ...]
    members: tuple[RankLine, ...]


@dataclass(frozen=True)
class RecordLine:
    """A model, a registration or rating, or a commendation in the span: a line of text and
    its date."""

    day: date | None
    text: str
    status: str


@dataclass(frozen=True)
class SubmissionLine:
    """A deadline the unit reported in the span."""

    title: str
    due: date
    submitted_on: date | None
    state: str  # the catalog's label: nộp / đã nhận / trả lại / đang soạn


@dataclass(frozen=True)
class CommuneLine:
    """In a province's report: one commune's figures and its own report's state."""

    name: str
    areas: tuple[int, ...]  # verified per area, in `ReportData.areas` order
    targets_met: int
    targets_counted: int
    report_state: str  # the catalog's label, or "chưa nộp"
    submitted_on: date | None


@dataclass(frozen=True)
class ReportData:
    """Everything one report says, in the order the template writes it."""

    language: str
    plan_code: str
    plan_name: str
    deadline_code: str
    deadline_title: str
    due: date
    unit_id: int
    unit_kind: str
    unit_codes: tuple[str, ...]  # the unit's code, then each unit above it (template lookup)
    heading: Heading
    span: Span
    previous: Span | None
    areas: tuple[AreaLine, ...]
    tips: tuple[TipLine, ...]
    notable: tuple[NotableCase, ...]
    participation: Participation
    targets: tuple[TargetLine, ...]
    standings: Standings | None
    models: tuple[RecordLine, ...]
    registrations: tuple[RecordLine, ...]
    commendations: tuple[RecordLine, ...]
    submissions: tuple[SubmissionLine, ...]
    # A province's report: each commune's line, and the communes that have not submitted the
    # commune report of the same period (names, Vietnamese order).
    communes: tuple[CommuneLine, ...] = ()
    not_submitted: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. "rebuilt on dd/mm/yyyy"

    @property
    def is_province(self) -> bool:
        return bool(self.communes) or self.unit_kind == "province"


@dataclass(frozen=True)
class Rendered:
    """The files a template made of a report."""

    docx: bytes = field(repr=False)
    xlsx: bytes = field(repr=False)
    template: str  # which template file (its name, or "packaged:<name>")
    template_sha256: str


__all__ = [
    "TO_WRITE",
    "AreaLine",
    "CommuneLine",
    "Heading",
    "NotableCase",
    "Participation",
    "RankLine",
    "RecordLine",
    "Rendered",
    "ReportData",
    "Span",
    "Standings",
    "SubmissionLine",
    "TargetLine",
    "TipLine",
]
