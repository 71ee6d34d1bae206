# Issue 13, the whole calendar: events of a plan, a plan's first and last day, yearly plans
# ended by an admin, broadcasts sent at a set time.

## campaign/plans.py: events
plan_event_one_day = give an event exactly one of: on (one day, dd/mm/yyyy) or yearly (dd/mm every year)
plan_event_twice = event code { $code } is used twice
plan_event_outside = event { $event } falls outside the plan's dates

## scheduler/jobs.py: announcements
event_coming =
    📅 { $days ->
        [0] Today is { $name } ({ $day }).
        [1] Tomorrow is { $name } ({ $day }).
       *[other] { $name } is in { $days } days ({ $day }).
    }
    ({ $plan })
plan_started =
    📣 { $plan } starts today ({ $yearly ->
        [yes] from { $starts }, every year
       *[no] { $starts } – { $ends }
    }).
plan_ending =
    📣 { $plan } ends today ({ $ends }). Log what you have done before the day is over.

## services/plans.py: ending a yearly plan (antt-bot plan end)
cli_end_a_plan = End a plan (a yearly plan runs until it is ended) on a day
cli_last_day_of_the_plan = The plan's last day, dd/mm/yyyy
cli_plan_ended_on = Plan { $code } ends on { $day }: no deadlines, events or announcements after that day.
plan_end_unknown = There is no plan { $code } (see antt-bot plan list).
plan_end_before_start = Plan { $code } starts on { $starts }: it cannot end before that day.
plan_end_after_end = Plan { $code } already ends on { $ends }: choose a day no later.
cli_until_ended = every year, until ended

## handlers/broadcast.py: broadcasts at a set time
broadcast_later = 🕒 Send later
broadcast_when = Type the day and time to send it, e.g. { $example } ({ $zone } time). At most { $days } days ahead.
broadcast_when_shape = That is not a day and time I can read. Type it like { $example }.
broadcast_when_past = { $when } has passed. Choose a time to come.
broadcast_when_far = Announcements can be set at most { $days } days ahead (by { $latest }).
broadcast_scheduled = 🕒 Announcement #{ $number } will be sent at { $when }. Its recipients are counted then. Type /broadcast to see or cancel it.
broadcast_waiting = 🕒 Announcement #{ $number } is set for { $when }: { $text }
broadcast_unschedule = ❌ Cancel announcement #{ $number }
broadcast_unschedule_confirm = Cancel announcement #{ $number }, set for { $when }? It will not be sent.
broadcast_unschedule_yes = ❌ Cancel it
broadcast_unschedule_no = No, keep it
broadcast_unscheduled = ❌ Announcement #{ $number } is cancelled; it will not be sent.
broadcast_unschedule_kept = Kept: announcement #{ $number } will still be sent at { $when }.
broadcast_unschedule_too_late = Announcement #{ $number } has already been sent or cancelled.
broadcast_went = 📢 Announcement #{ $number }, set for { $when }, is being sent (recipients: { $total }).

## bot/cli_calendar.py: antt-bot broadcast list / cancel
cli_broadcasts = Announcements set to go later
cli_list_scheduled_broadcasts = List the announcements set to go later
cli_cancel_a_scheduled_broadcast = Cancel an announcement set to go later, before it goes
cli_broadcast_number = The announcement's number
cli_no_scheduled_broadcast = No announcement is set to go later.
cli_scheduled_broadcast_line = #{ $number }  { $when }  { $unit }  { $sender }: { $text }
cli_broadcast_cancelled = Announcement #{ $number } is cancelled.
