# The console's deadline page (issue 15): each unit's submission, its documents and checklist,
# the level above's decision, and the unit's own gathering form.
console_submissions_state = { $state ->
    [waiting] Not submitted
    [draft] In progress
    [submitted] Submitted
    [accepted] Accepted
    [returned] Sent back
    [late] Late
   *[any] All
}
console_submissions_board_counts = Submitted: { $submitted } · Accepted: { $accepted } · In progress: { $draft } · Sent back: { $returned } · Late: { $late } · Not submitted: { $waiting }
console_submissions_counts = Submitted { $done }/{ $total } · Late { $late }
console_submissions_late_submission = submitted late
console_submissions_title = { $deadline }: due { $due }
console_submissions_open = See each unit
console_submissions_back = Back to the deadlines board
console_submissions_refresh = Refresh
console_submissions_refresh_note = The table updates itself every 30 seconds as units submit.
console_submissions_plan = Plan
console_submissions_deliverable = Deliverable
console_submissions_table = Each unit's submission
console_submissions_column = { $column ->
    [unit] Unit
    [state] State
    [submitted] Submitted at, by
    [documents] Documents
    [checklist] Checklist
   *[decision] Decision
}
console_submissions_when_who = { $when } · { $who }
console_submissions_decided = { $who }, { $when }
console_submissions_reason_shown = Reason sent back: { $reason }
console_submissions_returned_before = Sent back before ({ $who }, { $when }): { $reason }
console_submissions_image_unreadable = This picture does not open: only whole JPEG, PNG or WebP images, not too large.
console_submissions_no_documents = No documents yet
console_submissions_photo = Submitted photo
console_submissions_item_in = in
console_submissions_item_missing = missing
console_submissions_accept = Accept
console_submissions_accept_label = Accept the submission of { $unit }
console_submissions_return = Send back
console_submissions_return_label = Send back the submission of { $unit }
console_submissions_reason = Reason for sending back (required; the unit reads it)
console_submissions_reason_label = Reason for sending back the submission of { $unit }
console_submissions_done = { $done ->
    [accepted] Submission accepted.
    [returned] Submission sent back; the unit's commanders were told the reason.
    [attached] Document added to the submission.
    [dropped] Document taken off the submission.
    [submitted] Submitted.
   *[withdrawn] Submission withdrawn; it is a draft again.
}
console_submissions_own = { $unit }'s submission
console_submissions_file = File (PDF, DOCX, XLSX or an image; at most { $mb } MB)
console_submissions_item = Checklist item it fills
console_submissions_upload = Upload
console_submissions_drop = Remove
console_submissions_drop_label = Remove the document { $name }
console_submissions_submit = Submit
console_submissions_submit_label = Submit the submission of { $unit }
console_submissions_withdraw = Withdraw
console_submissions_withdraw_label = Withdraw the submission of { $unit }
console_submissions_still_needed = Still missing: { $items }. "Submit" shows once it is complete.
console_submissions_no_file = Choose a file to upload.
console_submissions_not_found = No such deadline for the units you follow.
console_submissions_confirm_withdraw = Withdraw the submitted documents? The unit must submit again before the due day.
console_submissions_change_first = The submission was sent back: replace or add documents as the reason says, then submit again.
console_submissions_draft_report = 📝 The bot drafts this report for you (Draft a report)
