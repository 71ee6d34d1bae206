## The drafted report's files (bot/report_files.py): the words the code puts into the .docx,
## the annex's sheets and headers, and what `check` says of a province's template.

report_files_document_title = Report: { $subject }
report_files_no_name = [Full name]
report_files_no_previous = none
report_files_whole_plan = the whole plan
report_files_participants = Members with verified results
report_files_members = Active members
report_files_patrols = Patrols
report_files_patrol_people = People on patrols

report_files_annex_of = Annex to Report No. …/{ $symbol }
report_files_section = Section
report_files_unit = Unit
report_files_plan = Plan
report_files_period = Period
report_files_period_value = { $label } ({ $starts }–{ $ends })
report_files_as_of = Figures up to and including

report_files_sheet_areas = Areas
report_files_sheet_tips = Tips
report_files_sheet_notable = Cases
report_files_sheet_people = People
report_files_sheet_targets = Targets
report_files_sheet_standings = Standings
report_files_sheet_models = Models
report_files_sheet_commendations = Commendations
report_files_sheet_submissions = Submitted
report_files_sheet_communes = Communes
report_files_sheet_not_submitted = Not submitted

report_files_title_areas = Results by content area
report_files_title_tips = Tips by kind and outcome
report_files_title_notable = Notable cases
report_files_title_people = Participation and patrols
report_files_title_targets = Target results
report_files_title_standings = Standings
report_files_title_standings_phase = Standings ({ $phase })
report_files_title_models = Models, registrations and ratings
report_files_title_commendations = Commendations
report_files_title_submissions = Reports and dossiers submitted
report_files_title_communes = The communes' results
report_files_title_not_submitted = Communes that have not submitted this period's report

report_files_col_number = No.
report_files_col_area = Area
report_files_col_this = This period
report_files_col_previous = Previous period
report_files_col_pending = Awaiting review
report_files_col_tip_kind = Kind of tip
report_files_col_outcome = Outcome
report_files_col_count = Count
report_files_col_reference = Reference
report_files_col_day = Date
report_files_col_kind = Kind
report_files_col_team = Team
report_files_col_target = Target
report_files_col_how = Measured as
report_files_col_when = Period
report_files_col_threshold = Threshold
report_files_col_value = Result
report_files_col_verdict = Verdict
report_files_col_group = Group
report_files_col_rank = Rank
report_files_col_of = Out of
report_files_col_name = Name
report_files_col_points = Points
report_files_col_entries = Verified entries
report_files_col_status = Status
report_files_col_paper = Report or dossier
report_files_col_due = Due
report_files_col_submitted = Submitted on
report_files_col_commune = Commune
report_files_col_met = Targets met
report_files_col_counted = Targets
report_files_col_total = Total
report_files_col_report = This period's report

report_files_group_unit = Unit
report_files_group_teams = Team
report_files_group_members = Member
report_files_kind_model = Model
report_files_kind_registration = Registration, rating

report_files_check_not_docx = The file is not a readable Word .docx file ({ $error }).
report_files_check_unclosed = An unclosed tag in the paragraph: "{ $paragraph }"
report_files_check_bad_tag = A broken tag ({ $error }) in the paragraph: "{ $paragraph }"
report_files_check_syntax = Jinja syntax error: { $error }.
report_files_check_unknown = Names the report data does not have: { $names }.
report_files_check_missing = The template lacks required tags: { $names }.
report_files_check_to_write = The template needs at least two places "{ $mark }…]" (overall assessment; proposals).
report_files_check_render = The template could not be filled with the sample report: { $error }.
