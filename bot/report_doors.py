"""What every door that drafts reports (the command line, the scheduled job, /baocao, the
console) hands services/reports.py: the report files' writer over the province's templates
folder (ANTT_REPORT_TEMPLATES), the packaged templates where it holds none. A template broken
since it was checked is a refusal naming it, before anything is kept: each door says it as it
says any refusal."""

from __future__ import annotations

from bot.settings import Settings
from campaign.catalogs import said
from campaign.report_content import Rendered, ReportData
from services.refusals import Refused
from services.reports import Render


def renderer(settings: Settings) -> Render:
    folder = settings.report_templates_dir

    def render(data: ReportData) -> Rendered:
        # docxtpl and lxml: loaded when a report is first drafted, not by every CLI command
        from bot.report_files import TemplateError
        from bot.report_files import render as write

        try:
            return write(data, folder)
        except TemplateError as error:
            raise Refused(
                said("report_template_broken", template=error.template, problem=error.problem)
            ) from None

    return render


__all__ = ["renderer"]
