# The console's tips as cases (bot/console/screens/tips.py, services/tips.py).
console_tips_nav = Tips
console_tips_title = Tips
console_tips_filters = Filter tips
console_tips_progress = Status
console_tips_any = Any
console_tips_assigned = Assigned to
console_tips_assigned_anyone = Anyone
console_tips_assigned_me = Me
console_tips_assigned_none = Nobody yet
console_tips_unit = Unit
console_tips_since = From
console_tips_until = To
console_tips_text = Text
console_tips_reference = Reference
console_tips_order = Sort by
console_tips_order_by =
    { $order ->
        [occurred] When it happened (newest first)
        [created] When logged (newest first)
        [reference] Reference
        [activity] Latest activity
       *[progress] Status (open first)
    }
console_tips_filter = Filter
console_tips_clear = Clear filters
console_tips_count = { $count ->
        [one] { $count } tip
       *[other] { $count } tips
    }
console_tips_export_xlsx = Export Excel (XLSX)
console_tips_export_csv = Export CSV
console_tips_column =
    { $column ->
        [reference] Reference
        [occurred] Happened
        [logged] Logged
        [unit] Unit
        [reporter] Reported by
        [category] Category
        [what] What
        [place] Place
        [progress] Status
        [urgent] Urgent
        [assigned] Assigned to
        [notes] Notes
        [activity] Latest activity
       *[outcome] Outcome
    }
console_tips_urgent = Urgent
console_tips_nobody = Nobody yet
console_tips_empty = No tip matches the filters.
console_tips_pages = Pages
console_tips_page = Page { $page } of { $pages }
console_tips_previous = ← Previous page
console_tips_next = Next page →
console_tips_export_by = Exported by
console_tips_export_at = Exported at
console_tips_export_filters = Filters
console_tips_export_all = (none)
console_tips_export_rows = Rows
console_tips_export_too_many = { $count } tips match, more than { $limit } rows in one export. Narrow the filters.
console_tips_back = ← All tips
console_tips_back_case = ← Back to tip { $reference }
console_tips_case_title = Tip { $reference }
console_tips_done =
    { $done ->
        [assigned] The tip was assigned.
        [noted] The note was added.
        [asked] The question was sent to the reporter through the bot.
       *[moved] The status was changed; the reporter was told.
    }
console_tips_answers = Answers
console_tips_photos = Photos
console_tips_informant = Informant
console_tips_informant_sealed = Sealed (only this commune's police officers see it, with a reason)
console_tips_informant_none = None
console_tips_timeline = Timeline
console_tips_event_logged = { $who } reported the tip
console_tips_event_moved = moved it to “{ $progress }”
console_tips_event_assigned = assigned it to { $assignee }
console_tips_note_kind =
    { $kind ->
        [question] Question to the reporter
        [outcome] Outcome
        [edited] The reporter added to it
       *[note] Note
    }
console_tips_move = Follow up
console_tips_close = Close the tip
console_tips_outcome = Outcome (required to close)
console_tips_close_button = Close and tell the reporter
console_tips_no_informant_in_notes = Never write the informant's name or phone here: notes are not sealed, whoever sees the tip reads them, and the outcome is exported.
console_tips_assign = Assign
console_tips_assignee = Officer in charge
console_tips_assign_button = Assign
console_tips_add_note = Follow-up notes
console_tips_note = Note
console_tips_note_button = Add the note
console_tips_ask = Ask the reporter
console_tips_question = Question to { $author } through the bot
console_tips_question_help = The reporter gets the question in their chat and answers by adding to the tip (/edit); what they add shows in the Timeline.
console_tips_ask_button = Send the question
console_tips_reveal = Informant
console_tips_reveal_open = See the informant (a reason is needed)…
console_tips_read_only = You can read this tip. Only the police officers of its commune follow it up.
console_tips_reveal_title = The informant of tip { $reference }
console_tips_reveal_warning = Seeing it is logged with your reason. It is shown once and kept nowhere.
console_tips_reveal_reason = Why you need it
console_tips_reveal_button = See the informant
console_tips_reveal_not_yours = Only the police officers of the tip's commune may see its informant.
console_tips_revealed_title = The informant of tip { $reference }
console_tips_revealed_once = Shown once: reloading the page will not show it again.
console_tips_informant_name = Name
console_tips_informant_contact = Contact
console_tips_outcome_needed = Closing a tip needs its outcome (at least { $minimum } characters).
console_tips_note_too_short = A note needs at least { $minimum } characters.
console_tips_note_too_long = A note is longer than { $longest } characters.
console_tips_not_found = Tip { $reference } is not in your scope.
console_tips_not_yours = Only the police officers of the commune of { $reference } follow it up.
console_tips_assignee_not_officer = A tip can be assigned only to an active police officer of its commune.
console_tips_question_to_member = ❓ A commune police officer asks about your tip { $reference }: { $question }
    To answer, add it to your tip: /edit { $reference }
# The chat's /nguontin asks the outcome before closing a tip (handlers/tips.py).
console_tips_chat_outcome = What came of tip { $reference } ({ $progress })? Write it briefly, at least { $minimum } characters; the reporter is told the status, not this note. Do not name the informant.
