# Issue 13, the whole calendar: events of a plan, a plan's first and last day, yearly plans
# ended by an admin, broadcasts sent at a set time.

## campaign/plans.py: events
plan_event_one_day = một sự kiện cho đúng một trong: on (một ngày, dd/mm/yyyy) hoặc yearly (dd/mm hằng năm)
plan_event_twice = mã sự kiện { $code } được dùng hai lần
plan_event_outside = sự kiện { $event } rơi vào ngày nằm ngoài thời gian của kế hoạch

## scheduler/jobs.py: announcements
event_coming =
    📅 { $days ->
        [0] Hôm nay là { $name } ({ $day }).
        [1] Ngày mai là { $name } ({ $day }).
       *[other] Còn { $days } ngày nữa là { $name } ({ $day }).
    }
    ({ $plan })
plan_started =
    📣 Bắt đầu thực hiện { $plan } ({ $yearly ->
        [yes] từ { $starts }, hằng năm
       *[no] { $starts } – { $ends }
    }).
plan_ending =
    📣 { $plan } kết thúc hôm nay ({ $ends }). Hãy ghi nhận các việc đã làm trước khi hết ngày.

## services/plans.py: ending a yearly plan (antt-bot plan end)
cli_end_a_plan = Kết thúc một kế hoạch (kế hoạch hằng năm chạy đến khi được kết thúc) vào một ngày
cli_last_day_of_the_plan = Ngày cuối cùng của kế hoạch, dd/mm/yyyy
cli_plan_ended_on = Kế hoạch { $code } kết thúc ngày { $day }: các hạn nộp, sự kiện và thông báo sau ngày đó không còn.
plan_end_unknown = Không có kế hoạch { $code } (xem antt-bot plan list).
plan_end_before_start = Kế hoạch { $code } bắt đầu ngày { $starts }: không thể kết thúc trước ngày đó.
plan_end_after_end = Kế hoạch { $code } đã kết thúc ngày { $ends }: chọn một ngày không muộn hơn.
cli_until_ended = hằng năm, đến khi kết thúc

