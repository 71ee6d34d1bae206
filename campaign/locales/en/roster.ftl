## The roster files (bot/roster_files.py): a file that cannot be read, the invite workbook

roster_unreadable_excel = cannot read the Excel file { $name }: { $error }
roster_not_utf8 = { $name } is not UTF-8; save it again as CSV UTF-8
roster_not_a_table = only .xlsx or .csv files, not { $suffix }
invites_sheet = Invite codes
invites_column_number = No.
invites_column_line = Line in the file
invites_column_unit = Unit
invites_column_unit_code = Unit code
invites_column_name = Full name
invites_column_role = Role
invites_column_code = Invite code
invites_column_expires = Expires
invites_column_note = Note
invites_source = List
invites_made = Made on
invites_usage = How to use
invites_usage_text = each person opens a chat with the bot and sends their own code before it expires
invites_title = INVITE CODES
invites_note =
    { $state ->
        [new] new
        [registered] already registered
       *[kept] already there
    }
