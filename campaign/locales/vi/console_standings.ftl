## Trang quản lý: xếp hạng, chỉ tiêu, nhập chỉ tiêu, hạn nộp (console_standings_*)
console_standings_nav = Xếp hạng
console_standings_title = Bảng xếp hạng
console_standings_filters = Lọc bảng
console_standings_phase = Đợt thi đua
console_standings_commune = Xã
console_standings_order = Sắp xếp thành viên
console_standings_order_by = { $order ->
    [ten] Theo tên
    [to] Theo tổ
   *[hang] Theo hạng
}
console_standings_show = Xem
console_standings_moved_since = Cột “Thay đổi” so với bảng xếp hạng tuần gần nhất (gửi sáng thứ Hai): ▲ lên hạng, ▼ xuống hạng, = giữ nguyên, “mới” chưa có trong bảng tuần.
console_standings_communes = Các xã
console_standings_export = Tải { $fmt }
console_standings_rank = Hạng
console_standings_points = Điểm
console_standings_entries = Mục đã xác nhận
console_standings_chart = Biểu đồ điểm
console_standings_teams = Các tổ
console_standings_team = Tổ
console_standings_moved = Thay đổi
console_standings_empty = Chưa có ai trong bảng này.
console_standings_members = Thành viên
console_standings_member = Thành viên
console_standings_pages = Chuyển trang
console_standings_previous = ‹ Trang trước
console_standings_next = Trang sau ›
console_standings_page = Trang { $page }/{ $pages } ({ $count } dòng)
console_standings_plan = Kế hoạch
console_standings_unit = Đơn vị
console_standings_exported_by = Người tải
console_standings_exported_at = Thời điểm
console_standings_no_phase = Kế hoạch không có đợt “{ $phase }”.
console_standings_not_yours = Đơn vị này không thuộc phạm vi của bạn.
console_standings_targets_nav = Chỉ tiêu
console_standings_targets_title = Chỉ tiêu thi đua
console_standings_enter_link = Nhập chỉ tiêu
console_standings_target = Chỉ tiêu
console_standings_how = Cách tính
console_standings_level = Cấp
console_standings_period = Kỳ
console_standings_threshold = Ngưỡng
console_standings_value = Giá trị
console_standings_verdict = Kết quả
console_standings_rollup = Tổng hợp
console_standings_rollup_rule = tổng hợp: { $rule }
console_standings_values_title = Nhập chỉ tiêu
console_standings_values_intro = Giá trị của các chỉ tiêu do đơn vị nhập tay cho kỳ hiện tại, kèm ghi chú và minh chứng (PDF, Word .docx, Excel .xlsx hoặc ảnh, tối đa { $mb } MB). Nhập lại sẽ thay giá trị cũ cho đến khi kỳ được khóa sổ.
console_standings_value_done = { $outcome ->
    [changed] Đã cập nhật giá trị.
   *[saved] Đã lưu giá trị.
}
console_standings_quote = Nguyên văn
console_standings_entered_by = Người nhập
console_standings_may = bạn cũng có thể nhập
console_standings_current = Đã nhập
console_standings_note = Ghi chú
console_standings_evidence = Minh chứng
console_standings_open_document = Mở tệp
console_standings_hint = Số bot đếm được
console_standings_evidence_upload = Minh chứng (không bắt buộc; tối đa { $mb } MB)
console_standings_deadlines_nav = Hạn nộp
console_standings_deadlines_title = Hạn nộp báo cáo
console_standings_state_filter = Tình trạng
console_standings_state = { $state ->
    [done] Đã nộp
    [late] Quá hạn
    [waiting] Chưa đến hạn
   *[any] Tất cả
}
console_standings_due = Hạn
console_standings_deadline = Nội dung
console_standings_deliverable = Sản phẩm
console_standings_done_at = Nộp lúc
console_standings_done_by = Người nộp
console_standings_attached = Tài liệu
console_standings_attached_kind = { $kind ->
    [document] tệp
    [photo] ảnh
   *[none] không kèm
}
console_standings_no_deadlines = Không có hạn nộp nào trong phạm vi của bạn.
console_standings_open_photo = Xem ảnh
console_standings_deadline_order = { $order ->
    [unit] Theo đơn vị
    [state] Theo tình trạng
   *[due] Theo hạn
}
console_standings_sort = Sắp xếp
