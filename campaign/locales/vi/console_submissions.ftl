# The console's deadline page (issue 15): each unit's submission, its documents and checklist,
# the level above's decision, and the unit's own gathering form.
console_submissions_state = { $state ->
    [waiting] Chưa nộp
    [draft] Đang soạn
    [submitted] Đã nộp
    [accepted] Đã nhận
    [returned] Trả lại
    [late] Trễ hạn
   *[any] Tất cả
}
console_submissions_board_counts = Đã nộp: { $submitted } · Đã nhận: { $accepted } · Đang soạn: { $draft } · Trả lại: { $returned } · Trễ hạn: { $late } · Chưa nộp: { $waiting }
console_submissions_counts = Đã nộp { $done }/{ $total } · Trễ { $late }
console_submissions_late_submission = nộp muộn
console_submissions_title = { $deadline }: hạn { $due }
console_submissions_open = Xem từng đơn vị
console_submissions_back = Về bảng hạn nộp
console_submissions_refresh = Làm mới
console_submissions_refresh_note = Bảng tự cập nhật mỗi 30 giây khi các đơn vị nộp.
console_submissions_plan = Kế hoạch
console_submissions_deliverable = Sản phẩm
console_submissions_table = Tình trạng nộp của từng đơn vị
console_submissions_column = { $column ->
    [unit] Đơn vị
    [state] Tình trạng
    [submitted] Nộp lúc, người nộp
    [documents] Tài liệu
    [checklist] Danh mục hồ sơ
   *[decision] Quyết định
}
console_submissions_when_who = { $when } · { $who }
console_submissions_decided = { $who }, { $when }
console_submissions_reason_shown = Lý do trả lại: { $reason }
console_submissions_returned_before = Trả lại lần trước ({ $who }, { $when }): { $reason }
console_submissions_image_unreadable = Không mở được ảnh này: chỉ nhận ảnh JPEG, PNG hoặc WebP nguyên vẹn, không quá lớn.
console_submissions_no_documents = Chưa có tài liệu
console_submissions_photo = Ảnh đã nộp
console_submissions_item_in = đã có
console_submissions_item_missing = còn thiếu
console_submissions_accept = Nhận
console_submissions_accept_label = Nhận hồ sơ của { $unit }
console_submissions_return = Trả lại
console_submissions_return_label = Trả lại hồ sơ của { $unit }
console_submissions_reason = Lý do trả lại (bắt buộc; đơn vị sẽ đọc)
console_submissions_reason_label = Lý do trả lại hồ sơ của { $unit }
console_submissions_done = { $done ->
    [accepted] Đã nhận hồ sơ.
    [returned] Đã trả lại hồ sơ; chỉ huy đơn vị đã được báo lý do.
    [attached] Đã thêm tài liệu vào hồ sơ.
    [dropped] Đã bỏ tài liệu khỏi hồ sơ.
    [submitted] Đã nộp hồ sơ.
   *[withdrawn] Đã rút lại hồ sơ; hồ sơ trở về bản đang soạn.
}
console_submissions_own = Hồ sơ của { $unit }
console_submissions_file = Tệp (PDF, DOCX, XLSX hoặc ảnh; tối đa { $mb } MB)
console_submissions_item = Thuộc mục trong danh mục
console_submissions_upload = Tải lên
console_submissions_drop = Bỏ
console_submissions_drop_label = Bỏ tài liệu { $name }
console_submissions_submit = Nộp
console_submissions_submit_label = Nộp hồ sơ của { $unit }
console_submissions_withdraw = Rút lại
console_submissions_withdraw_label = Rút lại hồ sơ của { $unit }
console_submissions_still_needed = Còn thiếu: { $items }. Nút «Nộp» hiện khi đủ hồ sơ.
console_submissions_no_file = Hãy chọn một tệp để tải lên.
console_submissions_not_found = Không có hạn nộp này cho các đơn vị bạn theo dõi.
console_submissions_confirm_withdraw = Rút lại hồ sơ đã nộp? Đơn vị sẽ phải nộp lại trước hạn.
console_submissions_change_first = Hồ sơ đã bị trả lại: thay hoặc thêm tài liệu theo lý do trên, rồi nộp lại.
console_submissions_draft_report = 📝 Bot soạn sẵn bản dự thảo báo cáo này (Soạn báo cáo)
