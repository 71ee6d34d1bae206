## Commands and navigation

welcome_member = Hello { $name } ({ $role }, { $unit }). What would you like to log?
menu = Choose an item:
menu_other = Choose a content area:
menu_area =
    { $area ->
        [tip] 🚨 Report a tip
        [patrol] 🚶 Patrol
       *[good_deed] 🤝 Good deed
    }
menu_other_areas = 📋 Other areas
menu_mine = 🗂 My entries
menu_help = ❓ Help
menu_back = ⬅ Main menu
help = antt-bot helps members of the grassroots security teams log tips, patrols, good deeds and the plan's other content areas; commanders review and score them.
help_commands = Commands:
help_after_registering = Once registered:
help_choices = Where there are choices you can tap a button, type its number or type its name.
command_start = start, register with an invite code
command_menu = main menu
command_tip = report a tip
command_patrol = log a patrol
command_good_deed = log a good deed
command_review = review pending entries
command_tips = follow up tips
command_grading = year-end grades
command_targets = progress against targets
command_deliverable = gather and submit the documents a plan deadline asks for (withdraw until it is due)
command_broadcast = send an announcement to the units under yours
command_mine = my entries
command_edit = correct an entry
command_standings = standings
command_link = a code to use another channel too
command_nudges = weekly reminders off or on
command_back = previous step
command_cancel = cancel what you are doing
command_lang = change language
command_help = help
hint_code = [CODE]
hint_text = [TEXT]
hint_on_off = off|on
hint_language = { $languages }
unknown_command = There is no command { $command }. Type /help for the commands.
cancelled = Cancelled. Nothing was saved.
desk_closed = Closed. Decisions already made are kept.
nothing_to_cancel = Nothing is in progress.
nothing_to_go_back = This is the first step.
nothing_in_progress = Nothing is in progress to go back in.
expired = What you were doing was cancelled: no answer for { $minutes } min. Nothing was saved or sent.
stale_choice = That button belongs to an earlier question and no longer works.
unsupported = The bot reads text and photos (and locations, where the app can send them); that message (a sticker, voice note, file...) was not handled.
photo_as_file = A photo sent as a file in this format (an iPhone's HEIC) cannot be read. Send it again as an ordinary photo (Photo, not File), or send a screenshot of it.
photo_failed = The photo could not be downloaded. Please send it again (or choose Skip).
edited = The bot does not read edited messages. To change an answer, type /back and answer again.
private_only = The bot works in private chats only, not in groups: please message it directly.
lang_set = Switched to English.
lang_usage = Use: { $choices }
lang_or = {" "}or{" "}
flow_hint = (Type /back for the previous step, /cancel to cancel.)
error_retry = Sorry, something went wrong and nothing was saved. Please send it again in a minute.

## Registration

need_registration = You are not registered yet. Type the 8-character invite code from your team leader or commune police (e.g. /start ABCD2345). Type /help for help.
ask_invite = Enter your 8-character invite code:

# Unknown, used and expired codes get the same answer: a guesser learns nothing from it.
invite_unknown = Invite code { $code } is wrong, used or expired. Check it (8 characters, no 0, 1, O or I) or ask your team leader / commune police for a new one.
invite_wait = Too many wrong invite codes. Please try again in { $minutes } min.
invite_misplaced = Invite code { $code } cannot be used: the role { $role } does not belong to { $unit }. Ask the commune police for a new one.
already_registered = You are already registered: { $name }, { $role }, { $unit }.
invite_found = Valid invite: { $role } — { $unit }.
ask_full_name = Your full name?
privacy =
    About your personal data:
    • Stored: your name, unit, role, this chat account and what you log.
    • Why: to follow and assess the grassroots security emulation campaign.
    • Who sees it: your team leader, commune police and your unit's administrators. Informants' details are encrypted and seen only by commune police when needed.
    Do you agree? If you do not, nothing is stored.
namesake_label = Person on the roster
namesake_one =
    The roster of { $unit } already has { $name } ({ $role }), not yet registered. Is that you?
    • Yes: your account is that person on the roster.
    • No: you are registered as someone new with the same name.
namesake_many = The roster of { $unit } has { $count } people ({ $role }) of this name, not yet registered. Which one are you?
namesake_none = None of them
namesake_gone = That person has just been registered by another account; nothing was registered for you. Tell the commune police, or type /start with the code to register again.
yes = Yes
no = No
privacy_accept = I agree
privacy_refuse = I do not agree
privacy_refused = You did not agree, so you are not registered and nothing was stored. The invite still works if you change your mind: type /start with the code.
linked = ✅ This channel is now linked to { $name } — { $role }, { $unit }.
link_code =
    Your link code: { $code }
    In another channel (Zalo, Telegram or the web page), type it within 15 minutes to use the same account there. It works once.
link_refused = No link code: your role does not belong to your unit's level. Ask the commune police to correct it.
registered = ✅ Registered! { $name } — { $role }, { $unit }.

## Entry flows

flow_start = New entry: { $area }.
skip = Skip
now = Now
done_picking = ✔ Done
nobody_picked = (nobody)
picked_so_far = Picked so far: { $names }.
share_location = 📍 Share my location
location_value = Location { $lat }, { $lon }
photo_attached = attached
photos_attached = { $count } photos attached
sealed_value = (recorded, kept confidential)
summary = Please check before saving:
confirm_save = ✅ Save
confirm_back = ✏️ Change last answer
confirm_cancel = ✖ Cancel
saved = Saved ✅ Reference: { $reference }. A commander will review it.
saved_urgent = The urgent tip was forwarded to the commune police at once. If lives are in danger, call 113.
saved_urgent_nobody = No commune police officer receives tips through the system yet. Phone the commune police directly; if lives are in danger, call 113.
urgent_notice =
    🚨 URGENT TIP { $reference } from { $member } ({ $unit }):
    { $details }
teammate_notice = { $member } credited you on { $area } (happened: { $when }), reference { $reference }.
teammate_removed_notice = { $member } took your name off { $area } (happened: { $when }), reference { $reference }: it no longer counts for you.

## Validation

bad_empty = The answer is empty. { $prompt }
bad_too_long = The answer is { $length } characters long; the limit is { $limit }. Please shorten it.
bad_choice = There is no choice "{ $answer }". Choose one of the items (or type 1 to { $count }).
bad_choice_many =
    Several choices match "{ $answer }":
    { $options }
    Type the number of the one you mean.

# A typed part that names an option acting at once and for good (a tip closed): asked again.
bad_choice_sure =
    "{ $answer }" matches:
    { $options }
    To be sure, type the number or the whole label of the one you mean.
bad_number = Please type a whole number from { $minimum } to { $maximum }.
bad_date = Could not read the date "{ $answer }". Use dd/mm/yyyy, e.g. 23/11/2026, or "today".
bad_time = Could not read the time "{ $answer }". Use 19:30 or 19h30.
bad_future = That moment is in the future. Only log what has already happened.
bad_too_old = That date is more than a year ago and cannot be logged.
bad_kind_text = This step needs a text answer.
bad_kind_photo_or_none = This step needs a photo, or choose No photo.
bad_kind_photo = This step needs a photo, or choose Skip.
bad_place = Share a location or type an address (at least 3 characters).
bad_teammate = "{ $answer }" is not in the team list. Type list numbers (e.g. 1,3) or names.
bad_teammate_many =
    "{ $answer }" fits several people in the team:
    { $options }
    Type the list number you mean.
patrol_too_long = A patrol cannot last more than 12 hours. Check the start and end times.
patrol_same_times = The end time equals the start time. Please type when the patrol ended.
bad_name = A full name needs letters, 2 to 120 characters, e.g. Nguyễn Văn An.
abandoned = The entry you were filling in was dropped (not saved).
credited = credited
bad_choice_tap = Choose one of the items (or type 1 to { $count }).
patrol_in_future = This patrol ends in the future. Log it once it is over.

## Review

menu_review = 📝 Review pending ({ $count })
review_header = 📝 Waiting for review: { $count }.
review_by = Logged by { $author } ({ $unit })
entry_happened = Happened: { $when }
entry_logged = Logged: { $when }
review_urgent = 🚨 URGENT
review_was_rejected = ↩ Rejected before by { $reviewer } at { $when }. Reason: { $note }
review_was_verified = ↩ Verified before by { $reviewer } at { $when }, then changed by its author.
review_changes = Changed by its author since:
review_photos_added = { $count } { $count ->
        [one] photo
       *[other] photos
    } added
review_photos_removed = { $count } { $count ->
        [one] photo
       *[other] photos
    } removed
review_teammates_changed = Teammates: { $change }
review_nothing_changed = (nothing changed yet)
review_duplicate = ⚠ Possibly the same as { $reference } (same member, same area, close in time).
review_verify = ✅ Verify
review_reject = ❌ Reject
review_later = ⏭ Later
review_all = ✅ Verify all { $count }
review_all_confirm =
    { $count ->
        [one] Verify the { $count } pending entry? Its member will be told.
       *[other] Verify all { $count } pending entries? Each member will be told.
    }
review_all_yes = Yes, verify them all
review_all_no = No, one by one

# A photo shown before a review or tip card (its caption; on Zalo without a public address,
# the line saying it is attached, followed by where to see it)
card_photo = 📷 Photo attached to { $reference }
card_photo_of = 📷 Photo { $number } of { $total } attached to { $reference }
review_ask_reason = Why is { $reference } rejected? (the member will read this reason)
review_recorded_ok = { $reference } verified.
review_recorded_no = { $reference } rejected.
review_gone = { $reference } was decided by someone else or is no longer pending.
review_changed_meanwhile = { $reference } was changed by its author after you opened it. Look again, then decide:
review_not_yours = { $reference } is no longer yours to review: someone else decided it, or your name is on it (whoever logged it or is credited on it never reviews it; the deputy or the commune police do).
review_done = Nothing is waiting for review. 👍
review_bulk_done = { $count } entries verified.
review_none_for_you = Only team leaders, deputies and commune police review entries.
review_verified = ✅ Your entry { $reference } ({ $area }) was verified.
review_rejected =
    ❌ Your entry { $reference } ({ $area }) was rejected. Reason: { $reason }
    Add photos or teammates or correct it, and it is reviewed again: /edit { $reference }
review_verified_many = ✅ { $count } of your entries were verified: { $references }.

## Tips

menu_tips = 🔎 Follow up tips
tips_officers_only = Only commune police follow up tips.
tips_none = No tip is waiting for follow-up.
tips_progress =
    { $progress ->
        [received] received
        [verifying] being verified
        [resolved] resolved
       *[unfounded] unfounded
    }
tips_to =
    { $progress ->
        [verifying] 🔎 Verifying
        [resolved] ✅ Resolved
       *[unfounded] ✖ Unfounded
    }
tips_reveal = 🔓 See the informant
tips_reveal_reason = Why do you need the informant of { $reference }? The reason is logged.
tips_revealed =
    🔓 Informant of { $reference }: { $name } — contact: { $contact }
    (This view was logged. Do not share it.)
reveal_undelivered = 🔒 The informant you asked to see could not be delivered (the messenger was not taking messages) and was not stored anywhere. Open /tips to see it again.
tips_changed = { $reference }: { $progress }.
tips_member_notice = 🔎 Your tip { $reference }: { $progress }.

## Standings

menu_standings = 🏆 Standings
standings_none = No emulation plan is running for your unit, so there are no standings yet.
standings_header =
    🏆 { $plan }
    { $phase } — { $scope }
standings_whole_plan = Whole plan
standings_mine = You: rank { $rank } of { $total }, { $points } { $points ->
        [one] point
       *[other] points
    } ({ $entries } { $entries ->
        [one] verified entry
       *[other] verified entries
    }).
standings_members = Top members:
standings_teams = Teams:
standings_row = { $rank }. { $name } — { $points } { $points ->
        [one] point
       *[other] points
    }
standings_chart = Standings chart
standings_chart_part = Standings chart ({ $part } of { $count })
standings_workbook = Standings workbook (a sheet per level)

# Zalo only: a leader who never used the web chat learns how to get there
file_on_web = open the web chat to see and download it (never used it? type /link for a code, then type the code there)
standings_rule = (By points of verified entries; on equal points, by the number of verified entries.)

## Targets

menu_targets = 🎯 Targets
targets_none = The plan running for your unit has no targets (or no plan is running).
targets_header = 🎯 Targets — { $plan }
commanders_only = Only team leaders, deputies and commune police see this.

## My entries

mine_empty = You have not logged anything yet.
mine_header = Your latest entries ({ $count }), with when each happened:
mine_month = Month { $month }: { $counts }
mine_month_none = Month { $month }: nothing yet.
area_not_in_plan = The plan running over your unit has no { $command } area. Choose one from the menu.
mine_edit_hint = To correct an entry: /edit

## Correcting an entry

edit_pick = Choose the entry to correct:
edit_nothing = You have no entries to correct yet.
edit_not_yours = { $reference } is not among the entries you logged.
edit_field = Entry { $reference } ({ $status }). Choose what to change:
edit_no_fields = Nothing in { $reference } can be changed in the chat (sealed answers are not changed here).
edit_photo_count = { $count } { $count ->
        [one] photo
       *[other] photos
    }
edit_photo_how = { $reference } has { $count } { $count ->
        [one] photo
       *[other] photos
    }. Add a new one, or replace the old?
edit_photo_add = ➕ Add a photo
edit_photo_replace = 🔁 Replace the old
edit_photo_send = Send a photo for { $reference }.
edit_photo_needed = This step needs a photo.
edit_photo_added =
    Correct { $reference }:
    • Add { $added } { $added ->
        [one] photo
       *[other] photos
    } (it has { $count })
edit_photo_replaced =
    Correct { $reference }:
    • Replace { $count } { $count ->
        [one] old photo
       *[other] old photos
    } with { $added } new
edit_teammates =
    Correct { $reference }:
    • { $field }: { $change }
changed_added = added { $names }
changed_removed = removed { $names }
edit_confirm =
    Correct { $reference }:
    • { $field }: { $old } → { $new }
edit_confirm_short = Save this change?
edit_back_to_review = This entry was already reviewed; once changed it waits for review again and scores again when verified.
edit_saved = Corrected ✅ { $reference }.
edit_saved_review = Corrected ✅ { $reference }. It is waiting for review again.
edit_unchanged = Nothing was changed.
desk_closed_plain = Closed.

## Year-end grading

menu_grading = 🎖 Year-end grades
grading_officers_only = Only commune police confirm grades.
grading_no_guide = No grading guide is loaded (antt-bot plan load plans/2026-huong-dan-01-hd-bca-v05.yaml) or you do not belong to a commune.
grading_title = 🎖 Grades for { $commune }, assessment year { $start } – { $end }
grading_summary = Summary: { $summary }; not graded: { $ungraded }.
grading_teams = Teams (tasks done):
grading_members = Members (months with verified work):
grading_state_open = These are proposals by the guide; confirm them or change one with a reason.
grading_state_confirmed = Confirmed.
grading_confirm = ✅ Confirm all
grading_change = ✏️ Change one
grading_fresh = 🔄 Recompute
grading_export = 📊 Download the workbook
grading_back = ⬅ Back to the list
grading_workbook = Grades workbook (Excel)
grading_which = Type the number of the team or member to change (1–{ $count }).
grading_no_such = No such number. Type 1 to { $count }.
grading_not_graded = This one is not graded (active under { $months } { $months ->
        [one] month
       *[other] months
    }).
grading_pick = { $name } — now: { $grade }. Choose the grade:
grading_ask_reason = Why the change? (required; it is kept in the audit log)
grading_changed = Changed: { $name } — { $grade }.
grading_not_changed = This one could not be changed (not your commune's, or not graded).
grading_confirmed = { $count } grades confirmed.
grading_was = proposed: { $grade }
grade_note_under_months = not graded: active under { $months } { $months ->
        [one] month
       *[other] months
    }
grade_note =
    { $note ->
        [under_months] { grade_note_under_months }
        [top_share] limited: at most { $share } excellent
       *[leader_team] a team leader is not graded above the team
    }

## Deliverables (/danop)

deliverable_commanders_only = Submissions are marked by team leaders, deputies or commune police.
deliverable_none = Your unit has no open deadline.
deliverable_pick = Which deadline are you submitting for?
deliverable_no_file = No photo
deliverable_done = Recorded ✅ { $title } (due { $due }). Your unit will not be reminded of it again.
deliverable_already = Your unit had already reported { $title } (due { $due }).

## Weekly board

board_header =
    🏆 Weekly standings — { $plan }
    { $phase } — { $scope }
    (▲ up, ▼ down, = same as last week)
board_new = new
board_team_header = 🏆 Weekly standings: { $count } { $count ->
        [one] member
       *[other] members
    } of your team among the commune's { $total }
board_member = 🏆 You rank { $rank }/{ $total } in the commune with { $points } { $points ->
        [one] point
       *[other] points
    } ({ $phase }). Thank you for keeping the neighbourhood safe! 💪
board_nudge =
    👋 You logged nothing last week (rank { $rank }/{ $total }, { $points } { $points ->
        [one] point
       *[other] points
    }). A patrol or a good deed is worth logging: /patrol, /gooddeed.
    To stop these reminders: /nudges off
nudges_usage = Type /nudges off to stop, /nudges on to get the weekly reminder.
nudges_off = Weekly reminders are off.
nudges_on = Weekly reminders are on.
grading_ready = 🎖 The assessment year { $start } – { $end } is over: grades are proposed for { $count } teams and members of the commune. Type /grading to see, change (with a reason) and confirm.

## Scheduled messages

deadline_soon =
    ⏰ { $days } { $days ->
        [one] day
       *[other] days
    } until { $due }: { $title }
    Due: { $deliverable }
    ({ $plan })
    Once submitted, type /submitted to mark it done.
deadline_tomorrow =
    ⏰ Due tomorrow ({ $due }): { $title }
    Due: { $deliverable }
    ({ $plan })
    Once submitted, type /submitted to mark it done.
deadline_today =
    ⏰ Today ({ $due }) is the deadline: { $title }
    Due: { $deliverable }
    ({ $plan })
    Once submitted, type /submitted to mark it done.
deadline_late =
    ⚠️ Deadline { $due } — { $title }: not reported yet ({ $count }):
    { $units }
phase_area = • { $name }: { $points } { $points ->
        [one] point
       *[other] points
    } per verified entry
phase_started =
    📣 { $plan }
    { $phase } starts ({ $starts } – { $ends }).
    Theme: { $theme }
    What counts:
    { $counts }
phase_ending =
    📣 { $plan }
    { $phase } ends today ({ $ends }). Log what you did before the day is over.

## Broadcasts (/thongbao)

menu_broadcast = 📢 Send an announcement
broadcast_not_allowed = Only commune police and admins can send announcements.
broadcast_running = 📢 Announcement #{ $number } is being sent: { $sent } sent, { $failed } failed, { $left } left of { $total }.
broadcast_audience = Who in { $unit } should get the announcement?
broadcast_to =
    { $audience ->
        [all] Everyone
        [member] Team members
        [leader] Team leaders and deputies
       *[officer] Commune police
    }
broadcast_text = Type the announcement (at most { $limit } characters):
broadcast_image = Send a photo to go with it, or choose No photo.
broadcast_preview =
    This is what they will see. It goes to { $total } — { $audience } ({ $channels }).{ $unreached }
    Send it now?
broadcast_unreached = {" "}Not on any channel of the bot yet, so left out: { $count }.
broadcast_nobody = Nobody in this group can be reached by the bot. Choose another group.
broadcast_send = 📤 Send
broadcast_rewrite = ✏️ Rewrite
broadcast_cancel = Cancel
broadcast_cancelled = The announcement you were writing is cancelled; it was not sent.
broadcast_stop = ⏹ Stop announcement #{ $number }
broadcast_stop_confirm = Stop announcement #{ $number }? Whoever has not got it yet will not (the few already on their way still arrive).
broadcast_stop_yes = ⏹ Stop
broadcast_stop_no = No, keep sending
broadcast_stopped = ⏹ Announcement #{ $number } is stopped: { $sent } got it; { $left } will not.
broadcast_stop_kept = Not stopped: announcement #{ $number } is still being sent.
broadcast_stop_too_late = Announcement #{ $number } had already finished or been stopped.
broadcast_abandoned = The announcement you were writing was dropped (not sent).
broadcast_text_first = Type the text first (or send the photo with the text as its caption); the photo comes next.
broadcast_started = Sending announcement #{ $number } (recipients: { $total }). You will be told its progress as it goes and get a report when it is done.
broadcast_header = 📢 Announcement from { $unit }:
broadcast_progress = 📢 Announcement #{ $number }: { $sent } sent, { $failed } failed, { $left } left of { $total }.
broadcast_report = 📢 Announcement #{ $number } is done: { $sent } of { $total } got it, { $failed } could not be reached (blocked the bot, or errors); { $unreached } use no channel of the bot yet.
channel =
    { $channel ->
        [telegram] Telegram
        [zalo] Zalo
       *[web] web chat
    }
status =
    { $status ->
        [pending] pending
        [verified] verified
       *[rejected] rejected
    }
