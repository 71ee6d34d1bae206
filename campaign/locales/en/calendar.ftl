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

