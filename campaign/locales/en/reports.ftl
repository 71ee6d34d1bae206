## Charts and workbooks (bot/reports.py)

report_points = Points
report_teams = Teams
report_members = Members
report_rank = Rank
report_number = No.
report_name = Full name
report_team = Team
report_role = Role
report_entries = Verified entries (all)
report_moved = Places moved since last week's board
report_whole = Whole plan
report_standings = STANDINGS
report_grading = GRADES
report_plan = Plan
report_phase = Phase
report_unit = Unit
report_period = Period
report_year = Assessment year
report_guide = Guide
report_made = Made on
report_chat_number = Number in the chat

# The grading workbook's columns after the numbers
grades_column_name = Name
grades_column_team = Team
grades_column_role = Role
grades_column_active_months = Active months
grades_column_tasks_done = Tasks done
grades_column_share = Share
grades_column_proposed = Proposed
grades_column_notes = Notes
grades_column_result = Result
grades_column_change_reason = Reason for change
