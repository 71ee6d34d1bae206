## Console: entries logged (/quanly/muc), one entry, deciding one or many
console_entries_nav = Entries
console_entries_title = Entries logged
console_entries_file = entries
console_entries_commanders_only = Only team leaders, deputies, commune police officers and admins see entries.
console_entries_not_found = There is no entry { $reference } within what you may see.
console_entries_export_too_many = This filter matches { $count } entries, more than the { $limit } one file may hold. Narrow the filter (by dates, unit or content).
console_entries_bulk_too_many = At most { $limit } entries can be decided at once.
console_entries_rejected_many = ❌ { $count } of your entries were not verified: { $references }. Reason: { $reason }
console_entries_photo_gone = This photo can no longer be shown (the session ended, the photo was replaced, or you may no longer see this entry). Open the entry's page again.
console_entries_changed = Its author changed this entry after you opened the page, so nothing was recorded. Here it is as it is now: look again, then decide.
console_entries_no_verdict = Choose Verify or Reject.
console_entries_none_ticked = No entry was ticked.
console_entries_bulk_done = Decided { $decided } entries. Skipped { $changed } changed by their author meanwhile and { $gone } decided elsewhere or no longer waiting for you.
console_entries_decided =
    { $verdict ->
        [verified] Entry { $reference } verified. Its author was told.
       *[rejected] Entry { $reference } rejected. Its author was told why.
    }
console_entries_filters = Filters
console_entries_filter_area = Content
console_entries_filter_status = Status
console_entries_filter_progress = Tip progress
console_entries_filter_unit = Unit
console_entries_filter_member = Logged by
console_entries_filter_member_too_many = Too many people: choose a unit first.
console_entries_filter_since = From
console_entries_filter_until = To
console_entries_filter_text = Search the answers
console_entries_filter_reference = Reference
console_entries_filter_located = Only entries with a location
console_entries_filter_any = All
console_entries_filter_apply = Filter
console_entries_filter_clear = Clear filters
console_entries_filters_none = none (every entry in scope)
console_entries_count =
    { $count ->
        [0] No entries.
        [one] 1 entry
       *[other] { $count } entries
    }
console_entries_none = No entry matches the filters.
console_entries_pages = Pages
console_entries_page = Page { $number } of { $pages }
console_entries_previous = ‹ Previous page
console_entries_next = Next page ›
console_entries_export_xlsx = Export Excel (XLSX)
console_entries_export_csv = Export CSV
console_entries_export_by = Exported by
console_entries_export_at = Exported at
console_entries_export_filters = Filters
console_entries_export_rows = Entries
console_entries_col_reference = Reference
console_entries_col_area = Content
console_entries_col_status = Status
console_entries_col_progress = Progress
console_entries_col_urgent = Urgent
console_entries_col_occurred = Happened
console_entries_col_created = Logged at
console_entries_col_unit = Unit
console_entries_col_member = Logged by
console_entries_col_teammates = Teammates
console_entries_col_answers = Answers
console_entries_col_summary = Summary
console_entries_col_photos = Photos
console_entries_col_located = Located
console_entries_col_reviewed_by = Reviewed by
console_entries_col_reviewed_at = Reviewed at
console_entries_col_review_note = Review note
console_entries_urgent = URGENT
console_entries_tick_all = Tick every waiting entry on this page
console_entries_tick_one = Tick entry { $reference }
console_entries_bulk_title = Review many entries
console_entries_bulk_note = Reason (needed to reject; the author reads it)
console_entries_reason_hint = A rejection's reason needs at least { $minimum } characters.
console_entries_bulk_verify_ticked = Verify the ticked entries
console_entries_bulk_reject_ticked = Reject the ticked entries
console_entries_bulk_verify_all = Verify all { $count } waiting entries of this filter
console_entries_bulk_reject_all = Reject all { $count } waiting entries of this filter
console_entries_bulk_first = One decision takes the first { $count } waiting entries of the filter; the rest then show up to be decided next.
console_entries_bulk_confirm = Record this decision for the chosen entries? Each author will be told.
console_entries_back = All entries
console_entries_about = About
console_entries_model = Model
console_entries_informant = Informant
console_entries_informant_sealed = Given (sealed; only the commune's police officers may see it, with a reason, under Tips)
console_entries_photo_alt = Photo { $number } of { $total } of entry { $reference }
console_entries_photos_hidden = { $count ->
        [one] 1 photo
       *[other] { $count } photos
    }: only those who may review or follow up this entry see them.
console_entries_photos_none = No photos.
console_entries_location = Location
console_entries_location_point = Coordinates { $lat }, { $lon }
console_entries_location_map = See on the map
console_entries_location_none = No location shared from a phone (a typed address, if any, is among the answers).
console_entries_review = Review this entry
console_entries_review_note = Reason or note (the author reads it)
console_entries_verify = Verify
console_entries_reject = Reject
console_entries_history = History
console_entries_history_none = Nothing in its history yet.
console_entries_history_system = the system
console_entries_action =
    { $action ->
        [entry_created] Logged
        [entry_edited] Edited by its author
        [entry_verified] Verified
        [entry_rejected] Rejected
        [entry_reopened] Back to review (after an edit)
        [tip_verifying] Tip: being verified
        [tip_resolved] Tip: resolved
        [tip_unfounded] Tip: unfounded
        [informant_revealed] Informant revealed
        [informant_reveal_refused] Informant reveal refused
       *[other] { $action }
    }
