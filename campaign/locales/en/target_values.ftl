## Entered targets (/entertarget): a value or met / not met per unit and period
command_enter_target = enter a target no data in the bot shows (a value, or met / not met)
menu_enter_target = ✍️ Enter a target
target_value_commanders_only = Targets are entered by the officers and team leaders they are given to.
target_value_none = There is no target for you to enter in this period.
target_value_gone = This target is no longer yours to enter (a role or the plan changed).
target_value_pick = Targets to enter for the current period (✅ entered, ⬜ not entered, 🔒 closed). Pick one:
target_value_card =
    🎯 { $target }
    Plan: { $plan }
    Unit: { $unit }
    Period: { $start } – { $end }
target_value_quote = The plan's words: “{ $quote }”
target_value_current = Entered: { $value } (on { $at }). Entering it again replaces it.
target_value_hint = The bot counted from its data: { $count } (for reference).
target_value_ask =
    { $way ->
        [count] Type the count (a whole number, e.g. 0 or 12):
        [value] Type the figure (e.g. 12 or 0.5):
        [ratio] Type the ratio: a percentage (e.g. 85%) or two numbers (e.g. 17/20):
       *[met] Is this target met?
    }
target_value_met = ✅ Met
target_value_not_met = ❌ Not met
target_value_note = A note (optional): type it, or pick Skip.
target_value_skip = Skip
target_value_note_again = Type a note, or pick Skip.
target_value_evidence = Send a photo or a PDF, Word (.docx), Excel (.xlsx) file as evidence (optional), or pick No evidence.
target_value_no_evidence = No evidence
target_value_evidence_or_none = This step needs a photo or a PDF, Word, Excel file, or pick No evidence.
target_value_summary =
    Check before saving:
    🎯 { $target }
    Unit: { $unit }
    Period: { $start } – { $end }
    Value: { $value }
    Note: { $note }
    Evidence: { $evidence ->
        [yes] a photo
        [file] the file { $name }
       *[no] none new
    }
target_value_save = 💾 Save
target_value_drop = Cancel
target_value_saved =
    { $changed ->
        [yes] Updated ✅ { $target } — { $unit }: { $before } → { $value }.
       *[no] Saved ✅ { $target } — { $unit }: { $value }.
    }
target_value_bad_count = “{ $typed }” is not a count: type a whole number, 0 or more (e.g. 0 or 12).
target_value_bad_number = “{ $typed }” is not a number: type e.g. 12 or 0.5.
target_value_bad_ratio = “{ $typed }” is not a ratio: type a percentage from 0 to 100 (e.g. 85%) or two numbers (e.g. 17/20, the first not above the second).
target_value_bad_met = “{ $typed }” is unclear: answer “met” or “not met”.
target_value_closed = The period { $start } – { $end } was closed on { $closed }: this target can no longer be entered or changed.
target_value_no_plan = There is no plan { $plan }.
target_value_no_unit = There is no unit { $unit }.
target_value_no_target = Plan { $plan } has no entered target { $target }.
target_value_not_for_unit = Target { $target } does not apply to unit { $unit } (another level, or outside the plan's scope).
target_value_outside_scope = Unit { $unit } is outside the scope of plan { $plan }.
target_value_outside_plan = { $day } is outside the plan's dates.
target_value_value_or_met = Give exactly one of --value and --met.
target_value_met_kind = Target { $target } is entered as met / not met: use --met yes or --met no.
target_value_not_met_kind = Target { $target } is entered as a figure: use --value.
target_value_close_not_yours = Only an admin, or an officer above the unit, may close this period.
target_value_no_period = The plan has no target period starting on { $start }.
target_value_reminder =
    ✍️ { $days ->
        [one] 1 day left
       *[other] { $days } days left
    } in the period (ends { $end }): target “{ $target }” ({ $plan }) is not entered for: { $units }.
    Enter it with /entertarget.
## The command line: antt-bot target
cli_target_values = Entered targets: enter, list, close a period.
cli_target_set_help = Enter (or change) a unit's value of a target for the period holding the day --on.
cli_target_close_help = Close a plan's period for the unit and the units under it: read-only from then on.
cli_target_list_help = The plan's entered targets for the unit and the units under it, in the period holding --on.
cli_target_code = Target code
cli_target_unit = Unit code
cli_target_on = A day in the period (dd/mm/yyyy; today by default)
cli_target_value = The value (a number, a percentage 85% or 17/20)
cli_target_met = Met or not: yes / no
cli_target_note = A note
cli_target_evidence = An evidence file (photo, PDF, DOCX, XLSX)
cli_target_period_start = The period's first day (dd/mm/yyyy)
cli_target_saved = Saved { $target } — { $unit } ({ $start } – { $end }): { $value }.
cli_target_changed = Changed { $target } — { $unit } ({ $start } – { $end }): { $before } → { $value }.
cli_target_closed = Closed the period starting { $start } of { $plan } for { $unit } and the units under it.
cli_target_closed_already = This period was already closed for { $unit }.
cli_target_not_entered = not entered
cli_target_locked = closed
cli_target_nothing = No entered target for this unit.
