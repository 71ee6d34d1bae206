"""What every door that drafts reports (the command line, the scheduled job, /baocao, the
console) hands services/reports.py: the report files' writer over the province's templates
folder (ANTT_REPORT_TEMPLATES), the packaged templates where it holds none."""

from __future__ import annotations

from bot.settings import Settings
from campaign.report_content import Rendered, ReportData
from services.reports import Render


def renderer(settings: Settings) -> Render:
    folder = settings.report_templates_dir

    def render(data: ReportData) -> Rendered:
        # docxtpl and lxml: loaded when a report is first drafted, not by every CLI command
        from bot.report_files import render as write

        return write(data, folder)

    return render


__all__ = ["renderer"]
