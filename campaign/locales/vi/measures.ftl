# Targets measured from the data or entered, dated unit facts (campaign/targets.py, campaign/facts.py).

measure_entered = do { $role } nhập
measure_entered_in_charge = do cán bộ phụ trách của { $level } nhập
measure_rating_scheme = { $scheme ->
    [phan-loai-510] theo QĐ 510
   *[other] { $scheme }
}
measure_computed = đếm { $words }
measure_plus = { $first } + { $second }
measure_out_of = { $part } ÷ { $whole }
measure_of_kinds = { $what } của { $kinds }
measure_where = { $what } có { $filters }
measure_filter = “{ $field }” = { $value }
measure_count = { $count ->
    [entries] mục “{ $area }” đã xác minh
    [participants] thành viên tham gia “{ $area }”
    [members] thành viên của đơn vị
    [sum] tổng “{ $field }” của “{ $area }”
    [distinct] số “{ $field }” khác nhau của “{ $area }”
    [models] mô hình{ $scheme }
    [registrations] đăng ký{ $scheme }
    [ratings] xếp loại{ $scheme }
    [commendations] khen thưởng, biểu dương
    [units] đơn vị ({ $kinds })
    [fact] { $field }
   *[deliverables] báo cáo đã nộp
}
measure_level = { $level ->
    [member] thành viên
    [team] tổ
    [village] thôn, tổ dân phố
    [commune] xã
    [province] tỉnh
    [agency] cơ quan
    [enterprise] doanh nghiệp
    [school] trường học
    [district] huyện (cũ)
   *[other] { $level }
}
measure_period = { $period ->
    [month] tháng
    [quarter] quý
    [half] 6 tháng
    [phase] đợt
    [year] năm
   *[plan] cả kế hoạch
}
plan_target_per_district = chỉ tiêu { $target } tính “theo huyện cũ” nhưng kế hoạch chưa khai báo districts: {"{"}rule: former_district{"}"}
plan_where_unknown = không lọc được theo { $keys } (chỉ theo: { $known })
fact_not_a_count = “{ $value }” không phải một số đếm (chỉ chữ số, ví dụ 1250)
fact_not_an_option = “{ $value }” không phải giá trị cho phép: { $allowed }

targets_met = ✅ đạt
targets_not_met = ❌ chưa đạt
targets_not_entered = ⏳ chưa nhập
targets_nothing_to_count = ⚪ chưa phát sinh (0/0)
targets_open = ⏳ chưa đủ số liệu
targets_how = Cách tính: { $how }
targets_where = Cấp { $level } · { $period } { $start }–{ $end }
targets_unit_line = { $mark } { $name }: { $value }
targets_rollup = { $name } (tổng hợp: { $rule }): { $value } { $verdict }
targets_own = { $name }: { $value }
targets_rule = { $rule ->
    [every] mọi đơn vị đạt
    [share] ít nhất { $share } đơn vị đạt
    [sum] cộng dồn
   *[pooled] gộp tử số / mẫu số
}
targets_more = … và { $count } đơn vị khác ({ $met } đạt)
targets_threshold = Ngưỡng: { $compare ->
    [over] trên
    [at_most] không quá
    [under] dưới
    [exactly] đúng
   *[at_least] ít nhất
} { $threshold }
fact_unknown_key = Không có chỉ số “{ $fact }”. Các chỉ số: { $known }
fact_not_allowed = Chỉ cán bộ Công an của đơn vị hoặc quản trị cấp trên được đặt số liệu này.
fact_note_too_long = Ghi chú dài quá { $limit } ký tự.
fact_bad_day = “{ $value }” không phải ngày (dd/mm/yyyy).
fact_row_twice = trùng đơn vị, chỉ số và ngày với dòng { $first }
targets_no_units = (không có đơn vị nào ở cấp này trong phạm vi của bạn)
measure_registry_field = { $field ->
    [status] trạng thái
    [category] loại
    [origin] nguồn gốc
    [event] có việc
    [event_level] ở cấp
    [outcome] kết quả
    [level] cấp
    [outcome_level] cấp công nhận
    [rating] xếp loại
    [form] hình thức
    [deadline] hạn nộp
    [subject_kind] khen cho
   *[other] { $field }
}
measure_subject = { $subject ->
    [member] cá nhân
   *[unit] tập thể
}
