# The console's tips as cases (bot/console/screens/tips.py, services/tips.py).
console_tips_nav = Nguồn tin
console_tips_title = Nguồn tin
console_tips_filters = Lọc nguồn tin
console_tips_progress = Tình trạng
console_tips_any = Tất cả
console_tips_assigned = Giao cho
console_tips_assigned_anyone = Bất kỳ ai
console_tips_assigned_me = Tôi
console_tips_assigned_none = Chưa giao
console_tips_unit = Đơn vị
console_tips_since = Từ ngày
console_tips_until = Đến ngày
console_tips_text = Tìm chữ
console_tips_reference = Mã
console_tips_order = Sắp xếp
console_tips_order_by =
    { $order ->
        [occurred] Thời điểm xảy ra (mới trước)
        [created] Ngày ghi (mới trước)
        [reference] Mã
        [activity] Hoạt động gần nhất
       *[progress] Tình trạng (đang xử lý trước)
    }
console_tips_filter = Lọc
console_tips_clear = Bỏ lọc
console_tips_count = { $count } nguồn tin
console_tips_export_xlsx = Xuất Excel (XLSX)
console_tips_export_csv = Xuất CSV
console_tips_column =
    { $column ->
        [reference] Mã
        [occurred] Xảy ra lúc
        [logged] Ghi lúc
        [unit] Đơn vị
        [reporter] Người báo
        [category] Loại
        [what] Nội dung
        [place] Địa điểm
        [progress] Tình trạng
        [urgent] Khẩn cấp
        [assigned] Giao cho
        [notes] Ghi chú
        [activity] Hoạt động gần nhất
       *[outcome] Kết quả xử lý
    }
console_tips_urgent = Khẩn cấp
console_tips_nobody = Chưa giao
console_tips_empty = Không có nguồn tin nào khớp bộ lọc.
console_tips_pages = Trang
console_tips_page = Trang { $page }/{ $pages }
console_tips_previous = ← Trang trước
console_tips_next = Trang sau →
console_tips_export_by = Người xuất
console_tips_export_at = Thời điểm xuất
console_tips_export_filters = Bộ lọc
console_tips_export_all = (không lọc)
console_tips_export_rows = Số dòng
console_tips_export_too_many = Có { $count } nguồn tin, nhiều hơn { $limit } dòng một lần xuất. Hãy lọc hẹp hơn.
console_tips_back = ← Danh sách nguồn tin
console_tips_back_case = ← Quay lại nguồn tin { $reference }
console_tips_case_title = Nguồn tin { $reference }
console_tips_done =
    { $done ->
        [assigned] Đã giao nguồn tin.
        [noted] Đã thêm ghi chú.
        [asked] Đã gửi câu hỏi cho người báo qua bot.
       *[moved] Đã chuyển tình trạng; người báo đã được báo.
    }
console_tips_answers = Nội dung
console_tips_photos = Ảnh
console_tips_informant = Người cung cấp
console_tips_informant_sealed = Được niêm phong (chỉ cán bộ Công an xã của xã này xem, có lý do)
console_tips_informant_none = Không có
console_tips_timeline = Diễn biến
console_tips_event_logged = { $who } báo tin
console_tips_event_moved = chuyển sang “{ $progress }”
console_tips_event_assigned = giao cho { $assignee }
console_tips_note_kind =
    { $kind ->
        [question] Câu hỏi gửi người báo
        [outcome] Kết quả
        [edited] Người báo bổ sung
       *[note] Ghi chú
    }
console_tips_move = Xử lý
console_tips_close = Kết thúc nguồn tin
console_tips_outcome = Kết quả xử lý (bắt buộc khi kết thúc)
console_tips_close_button = Kết thúc và báo người báo
console_tips_no_informant_in_notes = Không ghi tên hay số điện thoại của người cung cấp vào đây: ghi chú không được niêm phong, ai xem được nguồn tin đều đọc được, và kết quả xử lý có trong tệp xuất.
console_tips_assign = Giao xử lý
console_tips_assignee = Cán bộ phụ trách
console_tips_assign_button = Giao
console_tips_add_note = Ghi chú theo dõi
console_tips_note = Ghi chú
console_tips_note_button = Thêm ghi chú
console_tips_ask = Hỏi người báo
console_tips_question = Câu hỏi gửi { $author } qua bot
console_tips_question_help = Người báo nhận câu hỏi trong khung chat và trả lời bằng cách bổ sung vào nguồn tin (/sua); phần bổ sung hiện trong mục Diễn biến.
console_tips_ask_button = Gửi câu hỏi
console_tips_reveal = Người cung cấp
console_tips_reveal_open = Xem người cung cấp (cần lý do)…
console_tips_read_only = Bạn chỉ xem nguồn tin này. Chỉ cán bộ Công an của xã có nguồn tin mới xử lý.
console_tips_reveal_title = Xem người cung cấp nguồn tin { $reference }
console_tips_reveal_warning = Việc xem được ghi vào nhật ký cùng lý do. Thông tin chỉ hiện một lần, không được lưu lại.
console_tips_reveal_reason = Lý do cần xem
console_tips_reveal_button = Xem người cung cấp
console_tips_reveal_not_yours = Chỉ cán bộ Công an xã của xã có nguồn tin mới xem được người cung cấp.
console_tips_revealed_title = Người cung cấp nguồn tin { $reference }
console_tips_revealed_once = Chỉ hiện một lần: tải lại trang sẽ không hiện lại.
console_tips_informant_name = Họ tên
console_tips_informant_contact = Liên hệ
console_tips_outcome_needed = Cần ghi kết quả xử lý (ít nhất { $minimum } ký tự) khi kết thúc nguồn tin.
console_tips_note_too_short = Ghi chú cần ít nhất { $minimum } ký tự.
console_tips_note_too_long = Ghi chú dài quá { $longest } ký tự.
console_tips_not_found = Không thấy nguồn tin { $reference } trong phạm vi của bạn.
console_tips_not_yours = Chỉ cán bộ Công an của xã có nguồn tin { $reference } mới xử lý nó.
console_tips_assignee_not_officer = Chỉ giao được cho cán bộ Công an đang hoạt động của xã có nguồn tin.
console_tips_question_to_member = ❓ Cán bộ Công an xã hỏi về nguồn tin { $reference } của bạn: { $question }
    Để trả lời, bổ sung vào nguồn tin: /sua { $reference }
# The chat's /nguontin asks the outcome before closing a tip (handlers/tips.py).
console_tips_chat_outcome = Kết quả xử lý nguồn tin { $reference } ({ $progress })? Ghi ngắn gọn, ít nhất { $minimum } ký tự; người báo được báo tình trạng, không thấy nội dung này. Không ghi tên người cung cấp.
