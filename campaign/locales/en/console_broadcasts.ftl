## Console: broadcasts (/quanly/thongbao): compose, preview, send, follow, stop, report
console_broadcasts_nav = Broadcasts
console_broadcasts_title = Send an announcement
console_broadcasts_unit_outside = You can only send announcements to your own unit or a unit under it.
console_broadcasts_not_yours = There is no announcement #{ $number } you follow.
console_broadcasts_no_photo = The announcement's photo was not found. Please upload it again.
console_broadcasts_when_shape = The sending date and time could not be read. Please pick a date and a time.
console_broadcasts_photo_too_large = The photo is too large (at most { $megabytes } MB).
console_broadcasts_photo_unreadable = The chosen file is not a readable JPEG, PNG or WebP image. Please choose another photo.
console_broadcasts_done =
    { $outcome ->
        [sent] Announcement #{ $number } is being sent.
        [scheduled] Announcement #{ $number } is set to go later.
        [stopped] Announcement #{ $number } was stopped.
       *[cancelled] Scheduled announcement #{ $number } was cancelled.
    }
console_broadcasts_preview_title = Preview
console_broadcasts_preview_intro = Recipients will see the announcement exactly as below, in their language. Check it, then send.
console_broadcasts_in_language =
    { $lang ->
        [vi] Vietnamese
        [en] English
       *[other] { $lang }
    }
console_broadcasts_photo_alt = The announcement's photo
console_broadcasts_unit = Unit
console_broadcasts_audience = Recipients
console_broadcasts_reach = Reach
console_broadcasts_reach_total = { $total } people will receive it
console_broadcasts_reach_unreached = { $count } people use none of the bot's channels and will not receive it.
console_broadcasts_when = When to send
console_broadcasts_now = Send now
console_broadcasts_later = Send at a set time
console_broadcasts_send_at = Date and time to send ({ $zone })
console_broadcasts_send_button = Send the announcement
console_broadcasts_schedule_button = Schedule the announcement
console_broadcasts_edit = Edit
console_broadcasts_compose = Compose
console_broadcasts_text = Text (at most { $limit } characters)
console_broadcasts_photo = Photo (optional)
console_broadcasts_drop_photo = Remove the uploaded photo
console_broadcasts_preview_button = Preview
console_broadcasts_followed = Announcements sent and sending
console_broadcasts_started_at = Started
console_broadcasts_finished_at = Finished
console_broadcasts_sender = Sender
console_broadcasts_text_column = Text
console_broadcasts_progress_column = Progress
console_broadcasts_actions = Actions
console_broadcasts_report_link = Report #{ $number }
console_broadcasts_stop_button = Stop #{ $number }
console_broadcasts_none_followed = No announcements yet.
console_broadcasts_waiting = Scheduled announcements
console_broadcasts_send_at_column = Sends at
console_broadcasts_cancel_button = Cancel #{ $number }
console_broadcasts_cancel_confirm = Cancel scheduled announcement #{ $number }? It will not be sent.
console_broadcasts_none_waiting = No announcement is scheduled.
console_broadcasts_progress_label = Progress of announcement #{ $number }
console_broadcasts_progress = Sent { $sent }, failed { $failed }, left { $left } of { $total }; { $unreached } people unreachable
console_broadcasts_status =
    { $status ->
        [scheduled] Scheduled
        [sending] Sending
        [done] Done
        [stopped] Stopped
       *[cancelled] Cancelled
    }
console_broadcasts_back = ← All announcements
console_broadcasts_report_title = Delivery report of announcement #{ $number }
console_broadcasts_outcome = Outcome
console_broadcasts_outcome_any = Any outcome
console_broadcasts_outcome_is =
    { $outcome ->
        [sent] Received
        [pending] Waiting to be sent
        [failed] Failed
        [stopped] Stopped, not sent
       *[unreached] Unreachable
    }
console_broadcasts_order = Sort
console_broadcasts_order_by =
    { $order ->
        [name] By name
        [outcome] By outcome
       *[unit] By unit
    }
console_broadcasts_filter = Filter
console_broadcasts_rows = { $count } people
console_broadcasts_export = Download { $format }
console_broadcasts_name = Full name
console_broadcasts_channel = Channel
console_broadcasts_at = Time
console_broadcasts_pages = Pages
console_broadcasts_previous = ← Previous page
console_broadcasts_next = Next page →
console_broadcasts_page = Page { $page } of { $pages }
console_broadcasts_no_rows = No recipient matches the filter.
console_broadcasts_exported_by = Exported by
console_broadcasts_exported_at = Exported at
console_broadcasts_export_too_many = More than { $limit } rows to download at once. Filter by outcome first.
