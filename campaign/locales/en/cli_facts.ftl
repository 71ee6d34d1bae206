# antt-bot unit fact … and the targets of antt-bot plan show (bot/cli_facts.py).

cli_fact_help = Dated facts about units (households, residents, cameras, terrain…).
cli_fact_set_help = Set a unit's fact, in force from a day.
cli_fact_key_help = Fact key: households, residents, released_prisoners, cameras, staff, terrain, border, coastal, new_rural, ntm_antt_met
cli_fact_value_help = Value (a number, or e.g. mountain, yes, no)
cli_fact_from_help = In force from (dd/mm/yyyy)
cli_fact_note_help = Note (where the figure comes from)
cli_fact_set = { $unit }: { $fact } = { $value } from { $day } (before, same day: { $before }).
cli_fact_list_help = List the facts set for a unit.
cli_fact_none = No facts set yet.
cli_fact_import_help = Import facts from a CSV file (columns: unit, key, value, valid_from); every row is checked before anything is written.
cli_fact_file_help = CSV file (UTF-8)
cli_fact_dry_run_help = Only check, write nothing.
cli_fact_file_utf8 = The file must be a UTF-8 CSV.
cli_fact_file_columns = The file lacks columns: { $missing } (needed: unit, key, value, valid_from).
cli_fact_row = Line { $line }: { $why }
cli_fact_nothing_written = { $count } rows refused: nothing written.
cli_fact_would_import = The file is valid: { $count } facts would be set (dry run, nothing written).
cli_fact_imported = { $count } facts set.
cli_plan_show_unit = Show the targets as this unit sees them (default: the plan's unit)
cli_plan_show_on = As of this day (dd/mm/yyyy; default: today)
cli_targets_on = (as of { $day })
