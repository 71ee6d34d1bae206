## Trang quản lý: các mục đã ghi (/quanly/muc), một mục, duyệt một hay nhiều mục
console_entries_nav = Các mục đã ghi
console_entries_title = Các mục đã ghi
console_entries_file = cac-muc
console_entries_commanders_only = Chỉ tổ trưởng, tổ phó, cán bộ Công an xã và quản trị viên xem được các mục đã ghi.
console_entries_not_found = Không có mục { $reference } trong phạm vi bạn được xem.
console_entries_export_too_many = Bộ lọc này có { $count } mục, nhiều hơn { $limit } mục một tệp được xuất. Hãy thu hẹp bộ lọc (theo ngày, đơn vị hoặc nội dung).
console_entries_bulk_too_many = Mỗi lần chỉ quyết định được tối đa { $limit } mục.
console_entries_rejected_many = ❌ { $count } mục của bạn không được xác nhận: { $references }. Lý do: { $reason }
console_entries_photo_gone = Ảnh này không còn xem được (phiên đã hết, ảnh đã được thay, hoặc bạn không còn được xem mục này). Hãy mở lại trang của mục.
console_entries_changed = Người ghi vừa sửa mục này sau khi bạn mở trang, nên quyết định chưa được ghi. Dưới đây là mục như hiện tại: hãy xem lại rồi quyết định.
console_entries_no_verdict = Hãy chọn Xác nhận hoặc Không xác nhận.
console_entries_none_ticked = Chưa chọn mục nào.
console_entries_bulk_done = Đã quyết định { $decided } mục. Bỏ qua { $changed } mục người ghi vừa sửa và { $gone } mục đã được duyệt ở nơi khác hoặc không còn chờ bạn.
console_entries_decided =
    { $verdict ->
        [verified] Đã xác nhận mục { $reference }. Người ghi đã được báo.
       *[rejected] Đã ghi không xác nhận mục { $reference }. Người ghi đã được báo kèm lý do.
    }
console_entries_filters = Bộ lọc
console_entries_filter_area = Nội dung
console_entries_filter_status = Trạng thái
console_entries_filter_progress = Tiến độ tin báo
console_entries_filter_unit = Đơn vị
console_entries_filter_member = Người ghi
console_entries_filter_member_too_many = Quá nhiều người: hãy chọn đơn vị trước.
console_entries_filter_since = Từ ngày
console_entries_filter_until = Đến ngày
console_entries_filter_text = Tìm trong nội dung
console_entries_filter_reference = Mã mục
console_entries_filter_located = Chỉ mục có vị trí
console_entries_filter_any = Tất cả
console_entries_filter_apply = Lọc
console_entries_filter_clear = Bỏ lọc
console_entries_filters_none = không lọc (mọi mục trong phạm vi)
console_entries_count =
    { $count ->
        [0] Không có mục nào.
       *[other] { $count } mục
    }
console_entries_none = Không có mục nào khớp bộ lọc.
console_entries_pages = Các trang
console_entries_page = Trang { $number }/{ $pages }
console_entries_previous = ‹ Trang trước
console_entries_next = Trang sau ›
console_entries_export_xlsx = Xuất Excel (XLSX)
console_entries_export_csv = Xuất CSV
console_entries_export_by = Người xuất
console_entries_export_at = Thời điểm xuất
console_entries_export_filters = Bộ lọc
console_entries_export_rows = Số mục
console_entries_col_reference = Mã mục
console_entries_col_area = Nội dung
console_entries_col_status = Trạng thái
console_entries_col_progress = Tiến độ
console_entries_col_urgent = Khẩn cấp
console_entries_col_occurred = Xảy ra
console_entries_col_created = Ghi lúc
console_entries_col_unit = Đơn vị
console_entries_col_member = Người ghi
console_entries_col_teammates = Người cùng làm
console_entries_col_answers = Nội dung đã ghi
console_entries_col_summary = Tóm tắt
console_entries_col_photos = Ảnh
console_entries_col_located = Có vị trí
console_entries_col_reviewed_by = Người duyệt
console_entries_col_reviewed_at = Duyệt lúc
console_entries_col_review_note = Ghi chú khi duyệt
console_entries_urgent = KHẨN
console_entries_tick_all = Chọn tất cả các mục chờ duyệt trên trang
console_entries_tick_one = Chọn mục { $reference }
console_entries_bulk_title = Duyệt nhiều mục
console_entries_bulk_note = Lý do (bắt buộc khi không xác nhận; người ghi sẽ đọc)
console_entries_reason_hint = Lý do không xác nhận cần ít nhất { $minimum } ký tự.
console_entries_bulk_verify_ticked = Xác nhận các mục đã chọn
console_entries_bulk_reject_ticked = Không xác nhận các mục đã chọn
console_entries_bulk_verify_all = Xác nhận cả { $count } mục chờ duyệt theo bộ lọc
console_entries_bulk_reject_all = Không xác nhận cả { $count } mục chờ duyệt theo bộ lọc
console_entries_bulk_first = Mỗi lần chỉ quyết định { $count } mục chờ duyệt đầu tiên của bộ lọc; sau đó các mục còn lại hiện ra để quyết định tiếp.
console_entries_bulk_confirm = Ghi quyết định này cho các mục đã chọn? Mỗi người ghi sẽ được báo.
console_entries_back = Danh sách các mục
console_entries_about = Thông tin chung
console_entries_model = Mô hình
console_entries_informant = Người cung cấp tin
console_entries_informant_sealed = Có (được bảo mật; chỉ cán bộ Công an xã xem được, kèm lý do, ở mục Tin báo)
console_entries_photo_alt = Ảnh { $number }/{ $total } của mục { $reference }
console_entries_photos_hidden = { $count } ảnh: chỉ người được duyệt hoặc xử lý mục này xem được.
console_entries_photos_none = Không có ảnh.
console_entries_location = Vị trí
console_entries_location_point = Tọa độ { $lat }, { $lon }
console_entries_location_map = Xem trên bản đồ
console_entries_location_none = Không có vị trí chia sẻ từ điện thoại (địa chỉ gõ tay, nếu có, nằm trong nội dung).
console_entries_review = Duyệt mục này
console_entries_review_note = Lý do hoặc ghi chú (người ghi sẽ đọc)
console_entries_verify = Xác nhận
console_entries_reject = Không xác nhận
console_entries_history = Lịch sử
console_entries_history_none = Chưa có gì trong lịch sử.
console_entries_history_system = hệ thống
console_entries_action =
    { $action ->
        [entry_created] Ghi mục
        [entry_edited] Người ghi sửa mục
        [entry_verified] Xác nhận
        [entry_rejected] Không xác nhận
        [entry_reopened] Đưa lại chờ duyệt (sau khi sửa)
        [tip_verifying] Tin báo: đang xác minh
        [tip_resolved] Tin báo: đã giải quyết
        [tip_unfounded] Tin báo: không có cơ sở
        [informant_revealed] Xem người cung cấp tin
        [informant_reveal_refused] Bị từ chối xem người cung cấp tin
       *[other] { $action }
    }
