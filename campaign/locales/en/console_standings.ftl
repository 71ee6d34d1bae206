## Console: standings, targets, entering targets, deadlines (console_standings_*)
console_standings_nav = Standings
console_standings_title = Standings
console_standings_filters = Filter the table
console_standings_phase = Phase
console_standings_commune = Commune
console_standings_order = Sort members
console_standings_order_by = { $order ->
    [ten] By name
    [to] By team
   *[hang] By rank
}
console_standings_show = Show
console_standings_moved_since = “Moved” compares with the last weekly board (sent on Monday morning): ▲ up, ▼ down, = unchanged, “new” not on the weekly board yet.
console_standings_communes = Communes
console_standings_export = Download { $fmt }
console_standings_rank = Rank
console_standings_points = Points
console_standings_entries = Verified entries
console_standings_chart = Points chart
console_standings_teams = Teams
console_standings_team = Team
console_standings_moved = Moved
console_standings_empty = Nobody in this table yet.
console_standings_members = Members
console_standings_member = Member
console_standings_pages = Pages
console_standings_previous = ‹ Previous
console_standings_next = Next ›
console_standings_page = Page { $page }/{ $pages } ({ $count } rows)
console_standings_plan = Plan
console_standings_unit = Unit
console_standings_exported_by = Downloaded by
console_standings_exported_at = At
console_standings_no_phase = The plan has no phase “{ $phase }”.
console_standings_not_yours = This unit is outside your scope.
console_standings_targets_nav = Targets
console_standings_targets_title = Campaign targets
console_standings_enter_link = Enter target values
console_standings_target = Target
console_standings_how = Measured by
console_standings_level = Level
console_standings_period = Period
console_standings_threshold = Threshold
console_standings_value = Value
console_standings_verdict = Result
console_standings_rollup = Roll-up
console_standings_rollup_rule = roll-up: { $rule }
console_standings_values_title = Enter target values
console_standings_values_intro = The values of the targets your unit enters by hand for the current period, with a note and evidence (PDF, Word .docx, Excel .xlsx or a photo, at most { $mb } MB). Entering again replaces the value until the period is closed.
console_standings_value_done = { $outcome ->
    [changed] Value updated.
   *[saved] Value saved.
}
console_standings_quote = Verbatim
console_standings_entered_by = Entered by
console_standings_may = you may enter it too
console_standings_current = Entered
console_standings_note = Note
console_standings_evidence = Evidence
console_standings_open_document = Open the file
console_standings_hint = The bot's own count
console_standings_evidence_upload = Evidence (optional; at most { $mb } MB)
console_standings_deadlines_nav = Deadlines
console_standings_deadlines_title = Report deadlines
console_standings_state_filter = State
console_standings_state = { $state ->
    [done] Submitted
    [late] Late
    [waiting] Not due yet
   *[any] All
}
console_standings_due = Due
console_standings_deadline = Deadline
console_standings_deliverable = Deliverable
console_standings_done_at = Submitted at
console_standings_done_by = Submitted by
console_standings_attached = Document
console_standings_attached_kind = { $kind ->
    [document] file
    [photo] photo
   *[none] none
}
console_standings_no_deadlines = No deadline in your scope.
console_standings_open_photo = View the photo
console_standings_deadline_order = { $order ->
    [unit] By unit
    [state] By state
   *[due] By due date
}
console_standings_sort = Sort
