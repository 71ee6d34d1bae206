"""The turn's store: `services.ports.Store` in SQL, assembled from one repository per feature.

Each feature's repository lives beside its SQL and implements its port (storage/chats.py:
`ChatStore`, storage/review.py: `ReviewStore` and `EditStore`, ...). A turn runs in one
transaction, so one object serves every port: `Repository` is all of them on one
`UnitOfWork`. Services, jobs and the CLI take the one repository they need instead.
"""

from __future__ import annotations

from datetime import UTC, tzinfo

from sqlalchemy import Connection

from storage.attachments import FileRepository
from storage.audit_search import AuditSearchRepository
from storage.boards import StandingRepository
from storage.broadcasts import BroadcastRepository
from storage.browse import BrowseRepository
from storage.calendar import DeliverableRepository
from storage.chats import ChatRepository
from storage.console import ConsoleRepository
from storage.documents import DocumentRepository
from storage.entries import EntryRepository
from storage.facts import FactRepository
from storage.file_jobs import FileJobRepository
from storage.files import PhotoFiles
from storage.grading import GradingRepository
from storage.invites import InviteRepository
from storage.map_points import MapRepository
from storage.members import MemberRepository
from storage.members_admin import MemberAdminRepository
from storage.models import ModelRepository
from storage.notices import NoticeRepository
from storage.plans import PlanRepository
from storage.registry import RegistryRepository
from storage.reports import ReportRepository
from storage.review import EditRepository, ReviewRepository
from storage.sealing import Sealer
from storage.submissions import SubmissionRepository
from storage.target_values import TargetValueRepository
from storage.tip_cases import TipCaseRepository
from storage.tips import TipRepository
from storage.unit_of_work import UnitOfWork


class Repository(
    ChatRepository,
    MemberRepository,
    InviteRepository,
    PlanRepository,
    EntryRepository,
    ReviewRepository,
    TipRepository,
    EditRepository,
    FileRepository,
    StandingRepository,
    GradingRepository,
    DeliverableRepository,
    BroadcastRepository,
    NoticeRepository,
    DocumentRepository,
    RegistryRepository,
    ModelRepository,
    FactRepository,
    TargetValueRepository,
    ConsoleRepository,
    MapRepository,
    BrowseRepository,
    TipCaseRepository,
    AuditSearchRepository,
    MemberAdminRepository,
    ReportRepository,
    SubmissionRepository,
    FileJobRepository,
):
    """Every port on one unit of work (the turn's transaction)."""

    def __init__(
        self,
        connection: Connection,
        sealer: Sealer,
        files: PhotoFiles | None = None,
        zone: tzinfo = UTC,
    ) -> None:
        super().__init__(UnitOfWork(connection, sealer, files, zone))


__all__ = ["Repository"]
