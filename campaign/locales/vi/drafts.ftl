## Reports the bot drafts (issue 15): periods, who may build them, what they say
drafts_label_half = { $half ->
    [1] 6 tháng đầu năm { $year }
   *[2] 6 tháng cuối năm { $year }
}
drafts_label_year = năm { $year }
drafts_label_plan = từ ngày { $starts } đến ngày { $ends }
drafts_period_bad = Không hiểu kỳ báo cáo «{ $code }». Hãy ghi YYYY-H1, YYYY-H2, YYYY, YYYY-Qn hoặc mã đợt của kế hoạch ({ $phases }). Các báo cáo của kế hoạch:
    { $listing }
drafts_period_none = Kỳ { $code } không có hạn báo cáo nào. Các báo cáo của kế hoạch (hạn nộp, mã kỳ chọn được):
    { $listing }
drafts_period_several = Kỳ { $code } có { $count } hạn báo cáo; hãy chọn một bằng --deadline MÃ:
    { $listing }
drafts_deadline_unknown = Kế hoạch không có báo cáo mã «{ $deadline }» cho đơn vị này. Các báo cáo của kế hoạch:
    { $listing }
drafts_commanders_only = Chỉ cán bộ Công an và quản trị viên mới soạn báo cáo; tổ trưởng, thành viên báo kết quả qua cán bộ xã.
drafts_no_plan = Không có kế hoạch mã «{ $plan }».
drafts_no_unit = Không có đơn vị này.
drafts_not_your_unit = Bạn chỉ soạn báo cáo cho đơn vị mình và các đơn vị trực thuộc; { $unit } không thuộc phạm vi của bạn.
drafts_plan_not_here = Kế hoạch { $plan } không áp dụng cho { $unit }.
drafts_not_started = Kỳ báo cáo bắt đầu ngày { $starts }: đến ngày { $day } chưa có số liệu để báo cáo.
drafts_subject = { $title } { $period }
drafts_signer =
    { $kind ->
        [commune] TRƯỞNG CÔNG AN XÃ
        [ward] TRƯỞNG CÔNG AN PHƯỜNG
        [special_zone] TRƯỞNG CÔNG AN ĐẶC KHU
        [town] TRƯỞNG CÔNG AN THỊ TRẤN
        [province] GIÁM ĐỐC
        [team] TỔ TRƯỞNG
       *[other] THỦ TRƯỞNG ĐƠN VỊ
    }
drafts_state =
    { $state ->
        [draft] đang soạn
        [submitted] đã nộp
        [accepted] đã nhận
        [returned] bị trả lại
       *[none] chưa nộp
    }
drafts_note_plan = Số liệu chỉ tiêu tính theo kế hoạch { $plan } ({ $code }); đơn vị còn kế hoạch khác đang chạy, /chitieu hiển thị kế hoạch đó.
drafts_note_rebuilt = Bản soạn lại; bản trước soạn ngày { $built }, số liệu đến ngày { $as_of }.
drafts_note_as_of = Xếp hạng thi đua và kết quả chỉ tiêu tính đến ngày soạn báo cáo { $today }; các số liệu khác tính đến hết ngày { $as_of }.
