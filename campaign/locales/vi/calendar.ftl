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

## handlers/broadcast.py: broadcasts at a set time
broadcast_later = 🕒 Hẹn giờ gửi
broadcast_when = Nhập ngày và giờ gửi, ví dụ { $example } (giờ { $zone }). Chậm nhất sau { $days } ngày.
broadcast_when_shape = Chưa đọc được ngày giờ. Hãy nhập theo dạng { $example }.
broadcast_when_past = Thời điểm { $when } đã qua. Hãy chọn một thời điểm sắp tới.
broadcast_when_far = Chỉ hẹn giờ gửi trong vòng { $days } ngày tới (muộn nhất { $latest }).
broadcast_scheduled = 🕒 Đã hẹn gửi thông báo #{ $number } lúc { $when }. Số người nhận được tính lúc gửi. Gõ /thongbao để xem hoặc hủy.
broadcast_waiting = 🕒 Thông báo #{ $number } hẹn gửi lúc { $when }: { $text }
broadcast_unschedule = ❌ Hủy thông báo hẹn #{ $number }
broadcast_unschedule_confirm = Hủy thông báo #{ $number } hẹn gửi lúc { $when }? Thông báo này sẽ không được gửi.
broadcast_unschedule_yes = ❌ Hủy gửi
broadcast_unschedule_no = Không, giữ lịch gửi
broadcast_unscheduled = ❌ Đã hủy thông báo #{ $number }; thông báo này sẽ không được gửi.
broadcast_unschedule_kept = Giữ nguyên: thông báo #{ $number } vẫn sẽ gửi lúc { $when }.
broadcast_unschedule_too_late = Thông báo #{ $number } đã gửi hoặc đã bị hủy trước đó.
broadcast_went = 📢 Thông báo #{ $number } hẹn lúc { $when } bắt đầu gửi tới { $total } người.

## bot/cli_calendar.py: antt-bot broadcast list / cancel
cli_broadcasts = Thông báo hẹn giờ gửi
cli_list_scheduled_broadcasts = Liệt kê các thông báo đang hẹn giờ gửi
cli_cancel_a_scheduled_broadcast = Hủy một thông báo hẹn giờ trước khi nó được gửi
cli_broadcast_number = Số của thông báo
cli_no_scheduled_broadcast = Không có thông báo nào đang hẹn giờ gửi.
cli_scheduled_broadcast_line = #{ $number }  { $when }  { $unit }  { $sender }: { $text }
cli_broadcast_cancelled = Đã hủy thông báo #{ $number }.
