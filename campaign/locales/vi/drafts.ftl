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
