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
model_needs_source = Mô hình nhân rộng cần ghi mã mô hình gốc (SMH-…).
model_future_day = Ngày này chưa đến.
model_entry_not_found = Không tìm thấy bài ghi mô hình { $reference } trong địa bàn của bạn.
model_entry_linked = Bài ghi { $reference } đã gắn với một mô hình trong sổ.
model_proposed_notice = 📋 { $leader } ({ $unit }) đề xuất mô hình «{ $name }» ({ $reference }). Mở /mohinh để xem và ghi ra mắt hoặc thanh loại.

## antt-bot model (bot/cli_models.py)
cli_model_help = Sổ mô hình, điển hình tiên tiến.
cli_model_add_help = Đăng ký một mô hình hoặc điển hình cho một đơn vị.
cli_model_event_help = Ghi một việc của mô hình: ra mắt, đánh giá, đề nghị, công nhận, thanh loại…
cli_model_list_help = Liệt kê mô hình của một đơn vị và các đơn vị trực thuộc.
cli_model_show_help = Xem một mô hình và quá trình của nó.
cli_model_link_help = Gắn một bài ghi mô hình (tên gõ tay, chưa đăng ký) với mô hình trong sổ.
cli_model_unit_help = Mã đơn vị (xã, thôn, tổ…)
cli_model_name_help = Tên mô hình (hoặc một phần tên để tìm)
cli_model_scheme_help = Mã loại mô hình, ví dụ tu-quan, camera, sach-ma-tuy, dien-hinh-9745, cong-an-phuong-kieu-mau
cli_model_category_help = model (mô hình) hoặc typical_unit (điển hình tiên tiến)
cli_model_from_help = Mã mô hình gốc khi nhân rộng (SMH-…)
cli_model_area_help = Địa bàn áp dụng (nếu cần ghi rõ)
cli_model_reference_help = Mã mô hình, ví dụ SMH-2026-000012
cli_model_reason_help = Lý do (bắt buộc khi đánh giá không hiệu quả hoặc thanh loại)
cli_model_decision_help = Số quyết định công nhận
cli_model_entry_help = Mã bài ghi mô hình, ví dụ MH-2026-000005
cli_model_no_unit = Không có đơn vị mã { $code }.
cli_model_added = Đã đăng ký: { $line }
cli_model_recorded = Đã ghi: { $line }
cli_model_none = Chưa có mô hình nào.
cli_model_facts = { $category } · { $origin } (gốc: { $copied }) · bắt đầu { $started }
cli_model_linked = Đã gắn bài ghi { $entry } với { $line }

## Bài ghi tham gia mô hình (handlers/steps.py)
model_entry_pick = Bạn tham gia mô hình nào? Chọn trong sổ mô hình của xã (mới nhất trước), hoặc gõ một phần tên để tìm.
model_entry_found = Mô hình có «{ $search }» trong tên:
model_entry_unlisted = ✏️ Chưa có trong sổ
model_entry_none = Xã chưa đăng ký mô hình nào trong sổ: bạn gõ tên mô hình, công an xã sẽ gắn vào sổ sau.
model_entry_type_name = Gõ tên mô hình: bài ghi sẽ ghi «chưa đăng ký», công an xã sẽ gắn vào sổ sau.
model_entry_gone = Mô hình này không còn trong sổ của xã. Chọn mô hình khác.
model_entry_no_match = Không có mô hình nào của xã có «{ $search }» trong tên. Gõ phần tên khác, hoặc chọn «Chưa có trong sổ».
model_entry_unregistered = { $name } (chưa đăng ký)

## /mohinh (handlers/models.py)
command_models = sổ mô hình, điển hình tiên tiến
models_title = Sổ mô hình — { $unit } ({ $count } mô hình, mới nhất trước):
models_new = ➕ Đăng ký mô hình
models_propose = ➕ Đề xuất mô hình
models_link = 🔗 Gắn bài ghi vào mô hình
models_back = ⬅ Quay lại
models_facts = { $category } · { $origin } (gốc: { $copied }) · bắt đầu { $started }
models_no_events = (chưa ghi việc nào)
models_outcome = Kết quả đánh giá?
models_level = Cấp nào?
models_reason = Lý do? (gõ vài dòng)
models_reason_short = Lý do cần ít nhất 3 ký tự.
models_decision = Số quyết định công nhận? (ví dụ 123/QĐ-CAT)
models_decision_bad = Số quyết định cần từ 2 đến 64 ký tự.
models_day = Ngày nào? (ví dụ 15/3/2026)
models_today = Hôm nay
models_bad_day = Ngày chưa đúng: gõ ngày/tháng/năm, ví dụ 15/3/2026 (không quá 10 năm trước, không phải ngày chưa đến).
models_recorded = ✅ Đã ghi: { $event }.
models_name = Tên mô hình? (ví dụ Camera an ninh thôn Đông)
models_name_bad = Tên mô hình cần từ 3 đến { $limit } ký tự.
models_scheme = Loại mô hình? Chọn, hoặc gõ tên loại khác (ví dụ «Giáo xứ tự quản»).
models_category = Mô hình hay điển hình tiên tiến?
models_unit = Mô hình của đơn vị nào? (chọn, hoặc gõ mã hay một phần tên đơn vị)
models_unit_unknown =
    { $count ->
        [0] Không thấy đơn vị này trong địa bàn của bạn. Chọn trong danh sách, hoặc gõ mã đơn vị.
       *[other] Có { $count } đơn vị khớp. Gõ rõ hơn, hoặc gõ mã đơn vị.
    }
models_started = Bắt đầu từ ngày nào?
models_origin = Xây dựng mới hay nhân rộng từ mô hình khác?
models_source = Mã mô hình gốc? (ví dụ SMH-2026-000012)
models_source_bad = Không tìm thấy mô hình gốc này. Gõ mã dạng SMH-2026-000012.
models_confirm =
    Kiểm tra lại trước khi lưu:
    • Tên: { $name }
    • Loại: { $scheme } — { $category }
    • Đơn vị: { $unit }
    • Bắt đầu: { $started }
    • Nguồn gốc: { $origin } (gốc: { $copied })
models_save = 💾 Lưu
models_cancel = ✖ Không lưu
models_not_saved = Chưa lưu gì.
models_registered = ✅ Đã đăng ký mô hình { $reference }.
models_proposed = ✅ Đã đề xuất mô hình { $reference }; công an xã đã được báo.
models_entry = Mã bài ghi mô hình cần gắn? (ví dụ MH-2026-000005)
models_link_pick = Bài ghi { $entry } ghi «{ $named }». Gắn vào mô hình nào?
models_linked = ✅ Đã gắn bài ghi { $entry } vào { $reference } — { $name }.
models_searched = Tìm «{ $search }»:
models_every = 📋 Xem tất cả
models_none_found = Không có mô hình nào có «{ $search }» trong tên. Chọn trong danh sách, hoặc gõ phần tên khác.
model_scheme =
    { $scheme ->
        [tu-quan] Tự quản về ANTT
        [camera] Camera an ninh
        [sach-ma-tuy] Sạch về ma túy
        [giao-xu-binh-yen] Giáo xứ bình yên
        [dien-hinh-9745] Điển hình (Bộ tiêu chí 9745)
        [cong-an-phuong-kieu-mau] Công an phường điển hình, kiểu mẫu
       *[other] { $scheme }
    }
