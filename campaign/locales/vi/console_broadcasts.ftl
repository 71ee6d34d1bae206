## Trang quản lý: thông báo (/quanly/thongbao): soạn, xem trước, gửi, theo dõi, dừng, báo cáo
console_broadcasts_nav = Thông báo
console_broadcasts_title = Gửi thông báo
console_broadcasts_unit_outside = Chỉ gửi được thông báo tới đơn vị của mình hoặc một đơn vị trực thuộc.
console_broadcasts_not_yours = Không có thông báo #{ $number } mà bạn được theo dõi.
console_broadcasts_no_photo = Không tìm thấy ảnh của thông báo. Hãy tải ảnh lên lại.
console_broadcasts_when_shape = Chưa đọc được ngày giờ gửi. Hãy chọn ngày và giờ.
console_broadcasts_photo_too_large = Ảnh quá lớn (tối đa { $megabytes } MB).
console_broadcasts_photo_unreadable = Tệp đã chọn không phải ảnh JPEG, PNG hoặc WebP đọc được. Hãy chọn một ảnh khác.
console_broadcasts_done =
    { $outcome ->
        [sent] Đã bắt đầu gửi thông báo #{ $number }.
        [scheduled] Đã hẹn giờ gửi thông báo #{ $number }.
        [stopped] Đã dừng thông báo #{ $number }.
       *[cancelled] Đã hủy thông báo hẹn giờ #{ $number }.
    }
console_broadcasts_preview_title = Xem trước
console_broadcasts_preview_intro = Người nhận sẽ thấy thông báo đúng như dưới đây, theo ngôn ngữ của họ. Kiểm tra lại rồi bấm gửi.
console_broadcasts_in_language =
    { $lang ->
        [vi] Tiếng Việt
        [en] Tiếng Anh
       *[other] { $lang }
    }
console_broadcasts_photo_alt = Ảnh kèm thông báo
console_broadcasts_unit = Đơn vị
console_broadcasts_audience = Người nhận
console_broadcasts_reach = Số người nhận
console_broadcasts_reach_total = { $total } người nhận được
console_broadcasts_reach_unreached = { $count } người chưa dùng kênh nào của bot nên sẽ không nhận được.
console_broadcasts_when = Thời điểm gửi
console_broadcasts_now = Gửi ngay
console_broadcasts_later = Hẹn giờ gửi
console_broadcasts_send_at = Ngày giờ gửi (giờ { $zone })
console_broadcasts_send_button = Gửi thông báo
console_broadcasts_schedule_button = Hẹn giờ gửi thông báo
console_broadcasts_edit = Sửa lại
console_broadcasts_compose = Soạn thông báo
console_broadcasts_text = Nội dung (tối đa { $limit } ký tự)
console_broadcasts_photo = Ảnh kèm theo (không bắt buộc)
console_broadcasts_drop_photo = Bỏ ảnh đã tải lên
console_broadcasts_preview_button = Xem trước
console_broadcasts_followed = Thông báo đã gửi và đang gửi
console_broadcasts_started_at = Bắt đầu gửi
console_broadcasts_finished_at = Kết thúc
console_broadcasts_sender = Người gửi
console_broadcasts_text_column = Nội dung
console_broadcasts_progress_column = Tiến độ
console_broadcasts_actions = Thao tác
console_broadcasts_report_link = Báo cáo #{ $number }
console_broadcasts_stop_button = Dừng #{ $number }
console_broadcasts_none_followed = Chưa có thông báo nào.
console_broadcasts_waiting = Thông báo hẹn giờ
console_broadcasts_send_at_column = Giờ gửi
console_broadcasts_cancel_button = Hủy #{ $number }
console_broadcasts_cancel_confirm = Hủy thông báo hẹn giờ #{ $number }? Thông báo sẽ không được gửi.
console_broadcasts_none_waiting = Không có thông báo nào đang hẹn giờ.
console_broadcasts_progress_label = Tiến độ thông báo #{ $number }
console_broadcasts_progress = Đã gửi { $sent }, không gửi được { $failed }, còn { $left } / { $total }; { $unreached } người không liên lạc được
console_broadcasts_status =
    { $status ->
        [scheduled] Hẹn giờ
        [sending] Đang gửi
        [done] Đã gửi xong
        [stopped] Đã dừng
       *[cancelled] Đã hủy
    }
console_broadcasts_back = ← Danh sách thông báo
console_broadcasts_report_title = Báo cáo gửi thông báo #{ $number }
console_broadcasts_outcome = Kết quả
console_broadcasts_outcome_any = Mọi kết quả
console_broadcasts_outcome_is =
    { $outcome ->
        [sent] Đã nhận
        [pending] Đang chờ gửi
        [failed] Không gửi được
        [stopped] Đã dừng, không gửi
       *[unreached] Không liên lạc được
    }
console_broadcasts_order = Sắp xếp
console_broadcasts_order_by =
    { $order ->
        [name] Theo tên
        [outcome] Theo kết quả
       *[unit] Theo đơn vị
    }
console_broadcasts_filter = Lọc
console_broadcasts_rows = { $count } người
console_broadcasts_export = Tải { $format }
console_broadcasts_name = Họ và tên
console_broadcasts_channel = Kênh
console_broadcasts_at = Thời điểm
console_broadcasts_pages = Trang
console_broadcasts_previous = ← Trang trước
console_broadcasts_next = Trang sau →
console_broadcasts_page = Trang { $page } / { $pages }
console_broadcasts_no_rows = Không có người nhận nào khớp bộ lọc.
console_broadcasts_exported_by = Người xuất
console_broadcasts_exported_at = Thời điểm xuất
console_broadcasts_export_too_many = Quá { $limit } dòng để tải về một lần. Hãy lọc theo kết quả trước khi tải.
