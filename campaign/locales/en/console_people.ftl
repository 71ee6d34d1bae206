## The console: units, members and invite codes (admins, within their own unit's subtree)
console_people_nav_units = Units
console_people_nav_members = Members
console_people_nav_invites = Invite codes
console_people_admins_only = This is for administrators.
console_people_unit_outside = Unit { $code } ({ $name }) is outside what you administer ({ $own }).
console_people_own_unit = You cannot move, close or merge your own unit ({ $code }); the level above does that.
console_people_needs_parent = Choose the unit the new one goes under.
console_people_member_outside = This member is outside what you administer ({ $own }).
console_people_not_yourself = You cannot change your own role or unit, or deactivate yourself.
console_people_inactive = { $name } is deactivated.
console_people_same_role = { $name } already has this role.
console_people_same_unit = { $name } is already in { $unit }.
console_people_pick_role = Choose a role.
console_people_bad_day = Not a date: { $value } (write day/month/year).
console_people_told_role = 📣 An administrator changed your role to { $role } ({ $unit }). Type /menu to see what you can use.
console_people_told_unit = 📣 An administrator moved you to { $unit }. Type /menu to go on.
console_people_told_deactivated = 📣 An administrator deactivated your account in { $unit }. The bot no longer takes your reports; what you logged is kept. If this is a mistake, contact the commune police.
console_people_units_title = Units
console_people_units_show = Show
console_people_units_open_only = Units in force
console_people_units_with_closed = Closed and merged units too
console_people_units_done =
    { $what ->
        [added] Unit added.
        [renamed] Unit renamed.
        [moved] Unit moved.
        [closed] Unit closed.
        [merged] Unit merged; the old unit's history is kept.
       *[other] Saved.
    }
console_people_filter = Filter
console_people_col_code = Code
console_people_col_name = Name
console_people_col_kind = Kind
console_people_col_from = From
console_people_col_to = Closed on
console_people_col_members = Members
console_people_merged_into = merged into { $code }
console_people_pick_unit = — Choose a unit —
console_people_add_title = Add a unit
console_people_parent = Parent unit
console_people_add = Add
console_people_rename_title = Rename
console_people_unit = Unit
console_people_new_name = New name
console_people_rename = Rename
console_people_move_title = Move a unit
console_people_new_parent = Put under
console_people_move = Move
console_people_close_title = Close a unit
console_people_close_hint = Only an empty unit (no people, no open units under it) can be closed; its entries are kept.
console_people_close_confirm = Close this unit?
console_people_day = Day
console_people_close = Close
console_people_merge_title = Merge into a successor
console_people_merge_hint = People, units under it and open invite codes move to the successor; old entries are kept and count for the successor.
console_people_merge_confirm = Merge this unit into the successor?
console_people_successor = Successor
console_people_merge = Merge
console_people_members_title = Members
console_people_search = Search by name or phone
console_people_any = Any
console_people_state = Status
console_people_state_name =
    { $state ->
        [active] Active
        [inactive] Deactivated
        [unregistered] Not registered
       *[other] { $state }
    }
console_people_order = Sort
console_people_order_name =
    { $order ->
        [unit] By unit
        [role] By role
       *[other] By name
    }
console_people_rows = Rows { $first }–{ $last } of { $total }
console_people_previous = ← Previous
console_people_next = Next →
console_people_page = Page { $page }/{ $pages }
console_people_export_xlsx = Download XLSX
console_people_export_csv = Download CSV
console_people_col_number = Number
console_people_col_unit = Unit
console_people_col_unit_code = Unit code
console_people_col_role = Role
console_people_col_registered = Registered
console_people_col_active = Active
console_people_col_channels = Channels
console_people_col_phone = Phone
console_people_col_expires = Expires
console_people_col_link = Link
console_people_yes = Yes
console_people_no = No
console_people_none_found = No rows.
console_people_exported_by = Exported by
console_people_exported_at = At
console_people_filters = Filters
console_people_no_filters = none
console_people_back_members = ← Members
console_people_member_done =
    { $what ->
        [role] Role changed; they were told in their chat.
        [moved] Unit changed; they were told in their chat.
        [deactivated] Account deactivated; they were told and can no longer use the bot.
       *[other] Saved.
    }
console_people_change_role = Change role
console_people_new_role = New role
console_people_change_unit = Move to another team or unit
console_people_new_unit = New unit
console_people_deactivate = Deactivate
console_people_deactivate_hint = They are told in their chat, their open invite codes are withdrawn and their console sessions end; their entries are kept.
console_people_deactivate_confirm = Deactivate { $name }?
console_people_invites_title = Invite codes
console_people_issue_title = Issue invite codes
console_people_count = How many
console_people_days = Valid for (days)
console_people_issue = Issue
console_people_issued =
    { $count ->
        [one] 1 invite code issued.
       *[other] { $count } invite codes issued.
    }
console_people_open_invites = Open invite codes
console_people_print_sheet = Print the QR sheet
console_people_sheet_title = Invite cards
console_people_sheet_hint = { $count } cards. Each QR code opens the web chat with the invite code filled in. Print on A4 and cut along the borders.
console_people_print = Print
console_people_back_invites = ← Invite codes
console_people_card_label = Invite card { $code }
console_people_card_expires = Expires { $day }
console_people_card_how = Scan the QR code with a phone, then press Send to register.
console_people_no_telegram_link = Telegram has not told the bot's name yet, so the QR codes below open the web chat. Try again in a few minutes.
console_people_sheet_opens_telegram = The QR codes open the bot in Telegram.
console_people_sheet_for_web = Print the web chat version
console_people_sheet_opens_web = The QR codes open the web chat.
console_people_sheet_for_telegram = Print the Telegram version
console_people_card_how_telegram = Scan the QR code with a phone, open Telegram and press Start to register.
console_people_invite_order =
    { $order ->
        [unit] By unit
        [expires] By expiry
        [name] By the invited person's name
       *[other] In the order issued
    }
console_people_day_hint = day/month/year, e.g. 01/07/2025
console_people_peer_admin = { $name } is an administrator of your own unit: changing their role or unit, or deactivating them, is for the level above.
console_people_admin_from_above = The admin role of { $unit } is given by the level above; you may give it only on the units under yours.
