## Reports the bot drafts (issue 15): `antt-bot report`, the scheduled drafts, /report, the console
cli_report_help = Periodic reports the bot drafts: a .docx in the format of Decree 30/2020/NĐ-CP with an .xlsx annex
cli_report_build_help = Draft a unit's report for one of a plan's report deadlines; writes the .docx and the .xlsx annex beside it
cli_report_list_help = A unit's drafted reports (latest first)
cli_report_template_help = Report templates (.docx) a province replaces with its own letterhead
cli_report_template_check_help = Check an edited report template (its {"{{ … }}"} tags still read)
cli_report_template_export_help = Write the packaged report templates into a folder to edit
cli_report_unit = unit code (e.g. DEMO-XA)
cli_report_plan = plan code, or the start of it (matching one plan only)
cli_report_period = report period: 2026-H1, 2026-H2, 2026, 2026-Q4 or a phase code (dot-1)
cli_report_out = the .docx file to write
cli_report_deadline = the report deadline's code, when the period has several
cli_report_as_of = count the figures up to this day (dd/mm/yyyy)
cli_report_annex = the .xlsx annex file (default: beside the .docx)
cli_report_lang = the report's language (vi, en)
cli_report_file = the .docx template file
cli_report_folder = the folder to write the templates into
cli_report_no_folder = There is no folder { $folder }: make it first, then run again.
cli_report_same_file = The annex must be another file than the report ({ $path }).
cli_report_bad_lang = There is no language “{ $lang }”; pick one of: { $langs }.
cli_report_cannot_write = Cannot write the file: { $error }
cli_report_no_plans = (no plan loaded yet: antt-bot plan load FILE)
cli_report_plan_unknown =
    There is no plan “{ $plan }”. The plans loaded:
    { $plans }
cli_report_plan_ambiguous =
    “{ $plan }” fits several plans; type one plan's whole code:
    { $plans }
cli_report_unit_unknown = There is no unit with code “{ $unit }” (see: antt-bot unit list).
cli_report_built = Drafted: { $title } — { $unit } (plan { $plan })
cli_report_window = Report period: { $label } ({ $code }); figures from { $starts } to { $ends }
cli_report_due = Due: { $due } ({ $deadline })
cli_report_template = Template used: { $template }
cli_report_docx = Report (.docx): { $path }
cli_report_xlsx = Annex (.xlsx): { $path }
cli_report_none_kept = Unit { $unit } has no drafted report yet.
cli_report_by_system = the system
cli_report_template_good = Template { $file } is usable.
cli_report_template_bad = Template { $file } has { $count } problems:
cli_report_template_written = Wrote { $path }
cli_demo_report = Draft the demo commune's report (the .docx and its .xlsx annex):
cli_report_by_member = member #{ $id }
report_template_broken = The report template { $template } is broken, so nothing was drafted: { $problem }. An admin checks it with antt-bot report template check FILE, then fixes it or takes it out of the templates folder.
report_draft_ready =
    📄 The bot has drafted “{ $title }” for { $unit } (figures from { $starts } to { $ends }). Due: { $due }.
    It is a draft: read it, write the “[Cán bộ viết: …]” parts, sign it, then submit it with /submitted.
report_draft_annex = 📊 The report's figures annex (.xlsx).
command_report_desk = draft my unit's report for a report period now (a .docx to edit, sign and submit with /submitted, with an .xlsx annex)
report_desk_officers_only = Reports are drafted by the unit's police officers and admins; team leaders and members do not draft them.
report_desk_none = There is no report for you to draft now (report deadlines in the next 60 days or just past).
report_desk_pick = Pick the report the bot drafts from verified figures:
report_desk_ready =
    📄 The draft of “{ $title }” for { $unit } (figures from { $starts } to { $ends }), due { $due }.
    Read it, write the “[Cán bộ viết: …]” parts, sign it, then submit it with /submitted.
console_reports_nav = Draft reports
console_reports_title = Draft reports
console_reports_help = The bot drafts the report from verified figures, in the format of Decree 30/2020/NĐ-CP, with an .xlsx annex. Download it, write the “[Cán bộ viết: …]” parts, sign and submit it.
console_reports_offered = Report periods
console_reports_due = Due
console_reports_report = Report
console_reports_unit = Unit
console_reports_period = Period
console_reports_actions = Actions
console_reports_build = Draft the report
console_reports_summary = Summary report
console_reports_none = There is no report to draft now (due in the next 60 days or just past).
console_reports_drafted = Drafts kept
console_reports_built_at = Drafted at
console_reports_figures = Figures
console_reports_files = Files
console_reports_docx = Report (.docx)
console_reports_xlsx = Annex (.xlsx)
console_reports_by_system = drafted by the bot
console_reports_no_drafts = No report has been drafted yet.
console_reports_gone = This report period is no longer open to draft (past or changed). Reload the page to see the current ones.
