## Mô hình, điển hình tiên tiến (campaign/models.py, services/models.py, /mohinh)
model_summary = { $reference } · { $name } · { $unit } · { $scheme } · { $status }
model_status =
    { $status ->
        [registered] Đề xuất, chờ công an xã
        [building] Đang xây dựng
        [active] Đang hoạt động
        [effective] Hiệu quả
        [ineffective] Kém hiệu quả
       *[dropped] Đã thanh loại
    }
model_event =
    { $kind ->
        [built] Ra mắt, đi vào hoạt động
        [replicated] Nhân rộng, đi vào hoạt động
        [maintained] Duy trì
        [evaluated] Đánh giá
        [proposed] Đề nghị công nhận
        [recognised] Được công nhận
        [refused] Không được công nhận
       *[dropped] Thanh loại
    }
model_category =
    { $category ->
        [model] Mô hình
       *[typical_unit] Điển hình tiên tiến
    }
model_origin =
    { $origin ->
        [new] Xây dựng mới
       *[replicated] Nhân rộng từ mô hình khác
    }
model_outcome =
    { $outcome ->
        [effective] Hiệu quả
       *[not_effective] Không hiệu quả
    }
model_bad_event = Không có sự việc này trong sổ mô hình.
model_is_dropped = Mô hình này đã thanh loại, không ghi thêm được.
model_event_not_now = Việc này không ghi được ở trạng thái hiện tại của mô hình.
model_needs_level = Cần chọn cấp đề nghị hoặc công nhận.
model_needs_decision = Cần ghi số quyết định công nhận.
model_needs_outcome = Cần chọn kết quả đánh giá: hiệu quả hay không hiệu quả.
model_needs_reason = Cần ghi lý do.
model_commanders_only = Sổ mô hình dành cho tổ trưởng, tổ phó và công an xã.
model_officers_only = Chỉ công an xã hoặc quản trị viên mới ghi được việc này.
model_not_found = Không tìm thấy mô hình { $reference }, hoặc mô hình không thuộc đơn vị của bạn.
model_exists = Đơn vị đã có mô hình «{ $name }» trong sổ.
model_own_team_only = Tổ trưởng chỉ đề xuất mô hình cho tổ của mình.
model_unit_not_yours = Đơn vị này không thuộc địa bàn của bạn.
model_bad_name = Tên mô hình cần từ 3 đến { $limit } ký tự.
model_bad_category = Loại chỉ là «mô hình» hoặc «điển hình tiên tiến».
model_bad_scheme = Mã loại mô hình chỉ gồm chữ không dấu, số và dấu gạch ngang (ví dụ: tu-quan), tối đa 32 ký tự.
model_bad_origin = Nguồn gốc chỉ là «xây dựng mới» hoặc «nhân rộng».
model_needs_source = Mô hình nhân rộng cần ghi mã mô hình gốc (MH-…).
model_future_day = Ngày này chưa đến.
model_entry_not_found = Không tìm thấy bài ghi mô hình { $reference } trong địa bàn của bạn.
model_entry_linked = Bài ghi { $reference } đã gắn với một mô hình trong sổ.
model_proposed_notice = 📋 { $leader } ({ $unit }) đề xuất mô hình «{ $name }» ({ $reference }). Mở /mohinh để xem và ghi ra mắt hoặc thanh loại.
