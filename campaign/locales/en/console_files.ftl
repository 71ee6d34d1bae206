## Console: roster import, plans, audit log (admins)
console_files_admins_only = Only admins can use this page.
console_files_row_outside = unit { $path } is outside the units you manage
console_files_plan_outside = The plan covers { $scope }, outside the units you manage: you cannot load or end it.
console_files_guide_top_only = A grading guide applies to every unit: only an admin of the top unit may load one.
console_files_plan_not_started = The plan has not started yet (it starts on { $starts }): it cannot be ended. To change it, load the corrected file with the same plan code.
console_files_plan_over = The plan ended on { $ends }.
console_files_changed = The file changed since it was checked (another file may have been uploaded in another tab). Nothing was written; upload the file and check it again.
console_files_too_big = The file is larger than { $limit } MB.
console_files_check = Check
console_files_column_line = Line
console_files_column_name = Full name
console_files_column_role = Role
console_files_column_unit = Unit
console_files_column_joined = Joined the team
console_files_column_check = Check
console_files_row_ok = valid

console_files_nav_roster = Roster import
console_files_roster_title = Import a member roster
console_files_roster_upload = Upload a roster
console_files_roster_help = An .xlsx or .csv file as communes keep it (a header row naming "Họ và tên", "Chức vụ", "Đơn vị"…), up to { $limit } rows. Every row is checked first; nothing is written until you confirm.
console_files_roster_file = Roster file (.xlsx, .csv)
console_files_roster_empty = The file is empty.
console_files_roster_too_many = The file has more than { $limit } rows: split it, or ask the operator to run antt-bot roster import.
console_files_roster_not_a_table = "{ $suffix }" is not a spreadsheet: use .xlsx or .csv.
console_files_roster_checked = Check of { $name }
console_files_roster_bad_rows = { $count ->
    [one] 1 row has a problem: nothing was written. Fix it in the file and upload it again.
   *[other] { $count } rows have problems: nothing was written. Fix them in the file and upload it again.
}
console_files_roster_all_good = { $count ->
    [one] The 1 row is valid.
   *[other] All { $count } rows are valid.
}
console_files_roster_other_sheets = Only the first sheet is read; other sheets hold data: { $names }.
console_files_roster_stopped = Stopped reading at line { $line } (the signatures).
console_files_roster_rows = The file's rows
console_files_roster_confirm = { $count ->
    [one] Import 1 person
   *[other] Import { $count } people
}
console_files_roster_confirm_question = Import { $count } people as members and make their invite codes?
console_files_roster_fix = Not imported: fix the file as the problems above say and upload it again.
console_files_roster_imported = The roster is imported. Download the invite codes to hand out.
console_files_roster_download = Download the invite codes (.xlsx)
console_files_no_invites = This session has no invite list.

console_files_nav_plans = Plans
console_files_plans_title = Emulation plans
console_files_plans_listed = Loaded plans
console_files_no_plans = No plan covers your units yet.
console_files_column_code = Code
console_files_column_plan = Plan
console_files_column_scope = Scope
console_files_column_dates = Dates
console_files_column_state = State
console_files_column_actions = Actions
console_files_until_ended = until ended
console_files_plan_state = { $state ->
    [running] running
    [not_started] not started
   *[ended] ended
}
console_files_grading_guide = grading guide
console_files_retire = End
console_files_retire_label = End plan { $code } today
console_files_retire_question = End plan { $code } today? Its reminders, deadlines and points stop after today.
console_files_retire_help = "End" stops a running plan from today (points so far are kept). A plan not started yet is replaced by loading the corrected file with the same code.
console_files_plan_done = { $done ->
    [loaded] Plan { $code } loaded.
    [replaced] Plan { $code } replaced by the new file.
   *[retired] Plan { $code } ends today.
}
console_files_plan_upload = Upload a plan file (.yaml)
console_files_plan_file = Plan file (.yaml)
console_files_plan_not_yaml = "{ $suffix }" is not a plan file: use .yaml.
console_files_plan_not_utf8 = The file is not UTF-8 text.
console_files_plan_no_unit = No unit has code { $code }: a plan must cover an existing unit.
console_files_plan_problems = { $name } has { $count ->
    [one] 1 problem
   *[other] { $count } problems
}: nothing was loaded.
console_files_plan_preview = Preview: { $name } ({ $code })
console_files_issuer = Issued by
console_files_phases = Phases
console_files_column_phase = Phase
console_files_column_theme = Theme
console_files_areas = Scored areas
console_files_column_area = Area
console_files_column_points = Points
console_files_column_caps = Caps
console_files_per_day = at most { $count }/day
console_files_per_week = at most { $count }/week
console_files_targets = Targets
console_files_column_goal = Target
console_files_column_level = Level
console_files_column_period = Period
console_files_column_threshold = Threshold
console_files_column_how = How measured
console_files_deadlines = Deadlines
console_files_column_due = Due
console_files_column_deadline = Task
console_files_column_deliverable = Deliverable
console_files_every_year = { $day } every year
console_files_grades = Grades
console_files_grade_above = above { $share }% of tasks
console_files_plan_load = Load the plan

console_files_nav_audit = Audit log
console_files_audit_title = Audit log
console_files_actor = { $actor ->
    [cli] Command line
    [web] Web page
   *[other] System
}
console_files_filter_actor = Who
console_files_filter_action = Action
console_files_filter_target = Record (code)
console_files_filter_since = From
console_files_filter_until = To
console_files_any = Any
console_files_search = Search
console_files_clear = Clear filters
console_files_audit_found = { $count ->
    [one] 1 line
   *[other] { $count } lines
}
console_files_export_csv = Export CSV
console_files_export_xlsx = Export Excel
console_files_pages = Pages
console_files_previous = Previous page
console_files_next = Next page
console_files_page_of = Page { $page } of { $pages }
console_files_column_at = When
console_files_column_who = Who
console_files_column_action = Action
console_files_column_action_name = Action code
console_files_column_target_kind = Record kind
console_files_column_target = Record
console_files_column_details = Details
console_files_exported_by = Exported by
console_files_exported_at = Exported at
console_files_action_login = Console login
console_files_action_logout = Console logout
console_files_action_link_issued = Login link issued
console_files_action_link_refused = Login link refused
console_files_action_session_ended = Console session ended
console_files_action_revealed = Informant revealed
console_files_action_reveal_refused = Informant reveal refused
console_files_action_verified = Review: verified
console_files_action_rejected = Review: rejected
console_files_action_entry_created = Entry logged
console_files_action_entry_edited = Entry edited
console_files_action_entry_reopened = Entry reopened
console_files_action_registered = Member registered
console_files_action_member_imported = Member imported from a roster
console_files_action_role_changed = Role changed
console_files_action_deactivated = Member deactivated
console_files_action_roster_imported = Roster imported
console_files_action_invites_downloaded = Invite codes downloaded
console_files_action_invite_created = Invite created
console_files_action_plan_loaded = Plan loaded
console_files_action_plan_replaced = Plan replaced
console_files_action_plan_ended = Plan ended
console_files_action_broadcast_sent = Broadcast sent
console_files_action_unit_added = Unit added
console_files_action_unit_renamed = Unit renamed
console_files_action_unit_moved = Unit moved
console_files_action_unit_closed = Unit closed
console_files_action_unit_merged = Units merged
console_files_action_exported_audit = Audit log exported
console_files_order = Order
console_files_order_by = { $order ->
    [oldest] oldest first
    [action] by action
   *[newest] newest first
}
console_files_roster_bad_list = Rows with problems
console_files_roster_bad_line = Line { $line }:
