## The command line (antt-bot ...): bot/cli.py

cli_unit_code_e_g_hn = Unit code, e.g. HN-XA-01-T1
cli_day_dd_mm_yyyy_today = Day (dd/mm/yyyy); today if left out
cli_antt_bot_the_chatbot_of = antt-bot: the chatbot of the grassroots security and order force.
cli_units_province_commune_team = Units (province, commune, team, village, agency, enterprise, school).
cli_invite_codes = Invite codes.
cli_database = Database.
cli_member_rosters = Member rosters.
cli_conversation_flows = Conversation flows.
cli_emulation_plans = Emulation plans.
cli_not_a_date_dd_mm = Not a date: { $text } (dd/mm/yyyy).
cli_demo_invite_codes_each_used = Demo invite codes (each used once):
cli_warning_members_or_invites_hold = Warning: { $count } members or invites hold a role their unit's kind does not take (commune police on a commune; members, deputies, leaders on a team; admins on a commune or province). See the log; a misplaced officer cannot see an informant.
cli_apply_migrations_then_run_the = Apply migrations, then run the bot (web chat; Telegram/Zalo when a token is set).
cli_create_the_demo_data_running = Create the demo data (running it again duplicates nothing) and print invite codes.
cli_the_database_is_up_to = The database is up to date.
cli_apply_missing_migrations = Apply missing migrations.
cli_a_unit_needs_a_code = A unit needs a code and a name.
cli_added_unit = Added unit { $code } — { $name }.
cli_add_a_unit = Add a unit.
cli_list_the_open_units = List the open units.
cli_a_unit_needs_a_name = A unit needs a name.
cli_renamed = Renamed { $code }: { $old } → { $name }.
cli_rename_a_unit = Rename a unit.
cli_moved_under = Moved { $code } under { $parent }.
cli_put_a_unit_under_another = Put a unit under another.
cli_closed_on_unused_invite_code = Closed { $code } on { $day }; { $withdrawn } { $withdrawn ->
        [one] unused invite code
       *[other] unused invite codes
    } withdrawn.
cli_close_a_unit_that_holds = Close a unit that holds nobody (sets valid_to): it leaves standings, reminders and menus; its entries stay.
cli_merged_into_on_moved_member = Merged { $code } into { $into } on { $day }: moved { $members } { $members ->
        [one] member
       *[other] members
    }, { $units } { $units ->
        [one] unit
       *[other] units
    }, { $invites } { $invites ->
        [one] invite
       *[other] invites
    }.
cli_merge_a_unit_into_its = Merge a unit into its successor (as communes merged in 2025): its members, the units under it and its unused invites move over; the old unit closes; entries keep the unit they were logged in.
cli_unknown_role_use = Unknown role: { $role }. Use: { $roles }.
cli_create_invite_codes_for_a = Create invite codes for a unit and role.
cli_checked_valid_lines = Checked: { $count } { $count ->
        [one] valid line
       *[other] valid lines
    } ({ $dated } with a joining date).
cli_cannot_write_the_invite_list = Cannot write the invite list to { $target } (no such folder, or not writable); nothing imported. Choose another place with --output.
cli_imported_new_already_there_invite = Imported: { $created } new, { $count } already there. Invite codes written to { $target }
cli_import_a_member_roster_xlsx = Import a member roster (.xlsx/.csv). Columns are found by their headers: STT, Họ và tên, Ngày sinh, Chức vụ/Vai trò, Số điện thoại, Đơn vị/Tổ, Ngày vào tổ (Họ và tên and Đơn vị/Tổ are needed, or a team's name on a row above its members). A title block above and signatures below are skipped. Everything is checked first, then imported.
cli_load_or_replace_a_plan = Load (or replace) a plan or grading guide from a YAML file; every problem is listed.
cli_list_the_loaded_plans_and = List the loaded plans and their state.
cli_no_plan_see_antt_bot = No plan { $code }. See antt-bot plan list.
cli_running = running
cli_show_a_plans_phases = Show a plan's phases, areas, targets and deadlines.
cli_no_area_there_are = No area { $area }. There are: { $codes }.
cli_print_the_mermaid_diagram_of = Print the Mermaid diagram of a logging flow or a desk, made from its definition.
cli_configuration_error_antt_database_url = Configuration error: ANTT_DATABASE_URL: { $error }
cli_cannot_reach_the_database = Cannot reach the database: { $kind }: { $error }
cli_please_answer_y_yes_or = Please answer y (yes) or n (no).
cli_open_the_chat_at = Open the chat at: { $url }
cli_running_plan_antt_bot_plan = Running plan: { $plan } (antt-bot plan show { $code })
cli_warning_other_users_can_read = Warning: other users can read the data directory { $data_dir }; run: chmod -R go-rwx { $data_dir }
cli_open_the_chat_at_invite = Open the chat at: { $url }  (invite codes: antt-bot demo, antt-bot invite create)
cli_demo_data_created = Demo data created.
cli_the_demo_data_is_already = The demo data is already there.
cli_no_units_yet = No units yet.
cli_closed = {"  "}(closed { $valid_to }
cli_the_file_is_empty_not = { $name }: the file is empty, not one line; nothing imported.
cli_note_only_the_first_sheet = Note: only the first sheet is read; the sheets { $names } are not. Save each sheet as a file of its own and import each file.
cli_stopped_reading_at_line_the = Stopped reading at line { $ends_at }: the signatures, not members.
cli_bad_lines_nothing_imported = { $count } { $count ->
        [one] bad line
       *[other] bad lines
    }; nothing imported:
cli_cancelled_nothing_changed = Cancelled; nothing changed.
cli_imported_people_but_could_not = Imported { $count } people but could not write { $target }: { $strerror }. Run the command again (with --output) to get the invite list.
cli_is_not_utf = { $name } is not UTF-8.
cli_no_unit_add_it_with = No unit { $error }; add it with antt-bot unit add, or use --scope.
cli_no_plan_loaded_yet_antt = No plan loaded yet (antt-bot plan load plans/….yaml).
cli_plan = plan
cli_grading = grading
cli_the_stored_plan_is_no =
    The stored plan { $code } is no longer valid; fix it and load it again:
    { $problems }
cli_not_started = not started
cli_ended = ended
cli_phases = Phases:
cli_content_areas_points_per_verified = Content areas (points per verified entry):
cli_targets = Targets:
cli_deadlines = Deadlines:
cli_the_database_was_empty_demo = The database was empty: demo data created.
cli_expires = (expires { $expires })
cli_import_members = Import { $count } members?
cli_importing = Importing
cli_problems_nothing_loaded = { $name }: { $count } { $count ->
        [one] problem
       *[other] problems
    }; nothing loaded:
cli_issued_by = Issued by
cli_scope = Scope
cli_running_2 = {"  "}◀ running
cli_line = {"  "}line { $line }:{" "}
cli_above_of_tasks = above { $above } of tasks
cli_y_n = Y/n
cli_unit_name = Unit name
cli_province_commune_team = province, commune, team, village, agency, enterprise, school, district (former)
cli_code_of_the_unit_above = Code of the unit above
cli_closed_and_merged_units_too = Closed and merged units too
cli_new_name = New name
cli_code_of_the_new_unit = Code of the new unit above
cli_successor_s_code = Successor's code
cli_unit_code = Unit code
cli_how_many_codes = How many codes
cli_days_they_stay_valid = Days they stay valid
cli_check_only = Check only
cli_do_not_ask_to_confirm = Do not ask to confirm
cli_the_xlsx_file_to_write = The .xlsx file to write invite codes to
cli_run_it_on_this_unit = Run it on this unit instead of the file's scope
cli_plan_code = Plan code
cli_at_most = at most
cli_points = points
cli_every_year = every year
cli_area_code_e_g_tip = Area code (tip) or desk (review); none: all
cli_vi_or_en_antt_language = vi or en; ANTT_LANGUAGE if left out
cli_day = day
cli_week = week
cli_configuration_error = Configuration error: { $error }
cli_units_column_code = Code
cli_units_column_kind = Kind
cli_units_column_parent = Parent
cli_units_column_members = Mem
cli_units_column_name = Name
cli_plan_loaded = Loaded
cli_plan_replaced = Replaced
cli_no_open_unit = no open unit { $path }
cli_same_person_as_line = the same person as line { $line }
