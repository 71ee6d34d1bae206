## Trang quản lý: đơn vị, thành viên và mã mời (quản trị viên, trong phạm vi đơn vị của mình)
console_people_nav_units = Đơn vị
console_people_nav_members = Thành viên
console_people_nav_invites = Mã mời
console_people_admins_only = Mục này dành cho quản trị viên.
console_people_unit_outside = Đơn vị { $code } ({ $name }) không thuộc phạm vi quản lý của bạn ({ $own }).
console_people_own_unit = Bạn không thể chuyển, đóng hay sáp nhập chính đơn vị của mình ({ $code }); việc này do cấp trên làm.
console_people_needs_parent = Hãy chọn đơn vị cấp trên cho đơn vị mới.
console_people_member_outside = Thành viên này không thuộc phạm vi quản lý của bạn ({ $own }).
console_people_not_yourself = Bạn không thể tự đổi vai trò, đơn vị hay ngừng hoạt động của chính mình.
console_people_inactive = { $name } đã ngừng hoạt động.
console_people_same_role = { $name } đã có vai trò này.
console_people_same_unit = { $name } đã ở { $unit }.
console_people_pick_role = Hãy chọn một vai trò.
console_people_bad_day = Ngày không hợp lệ: { $value } (ghi theo dạng ngày/tháng/năm).
console_people_told_role = 📣 Quản trị viên đã đổi vai trò của bạn thành { $role } ({ $unit }). Gõ /menu để xem các mục bạn dùng được.
console_people_told_unit = 📣 Quản trị viên đã chuyển bạn sang { $unit }. Gõ /menu để tiếp tục.
console_people_told_deactivated = 📣 Quản trị viên đã ngừng tài khoản của bạn ở { $unit }. Từ nay bot không nhận báo cáo của bạn nữa; những gì bạn đã ghi nhận vẫn được giữ. Nếu có nhầm lẫn, hãy liên hệ Công an xã.
console_people_units_title = Đơn vị
console_people_units_show = Hiển thị
console_people_units_open_only = Đơn vị đang hoạt động
console_people_units_with_closed = Cả đơn vị đã đóng, đã sáp nhập
console_people_units_done =
    { $what ->
        [added] Đã thêm đơn vị.
        [renamed] Đã đổi tên đơn vị.
        [moved] Đã chuyển đơn vị.
        [closed] Đã đóng đơn vị.
        [merged] Đã sáp nhập đơn vị; lịch sử của đơn vị cũ vẫn được giữ.
       *[other] Đã lưu.
    }
console_people_filter = Lọc
console_people_col_code = Mã
console_people_col_name = Tên
console_people_col_kind = Loại
console_people_col_from = Từ ngày
console_people_col_to = Đóng ngày
console_people_col_members = Thành viên
console_people_merged_into = sáp nhập vào { $code }
console_people_pick_unit = — Chọn đơn vị —
console_people_add_title = Thêm đơn vị
console_people_parent = Đơn vị cấp trên
console_people_add = Thêm
console_people_rename_title = Đổi tên
console_people_unit = Đơn vị
console_people_new_name = Tên mới
console_people_rename = Đổi tên
console_people_move_title = Chuyển đơn vị
console_people_new_parent = Đặt dưới đơn vị
console_people_move = Chuyển
console_people_close_title = Đóng đơn vị
console_people_close_hint = Chỉ đóng được đơn vị đã trống (không còn người, không còn đơn vị con); các ghi nhận cũ vẫn được giữ.
console_people_close_confirm = Đóng đơn vị này?
console_people_day = Ngày
console_people_close = Đóng
console_people_merge_title = Sáp nhập vào đơn vị kế tục
console_people_merge_hint = Người, đơn vị con và mã mời còn hạn chuyển sang đơn vị kế tục; ghi nhận cũ vẫn giữ và được tính cho đơn vị kế tục.
console_people_merge_confirm = Sáp nhập đơn vị này vào đơn vị kế tục?
console_people_successor = Đơn vị kế tục
console_people_merge = Sáp nhập
console_people_members_title = Thành viên
console_people_search = Tìm theo tên hoặc số điện thoại
console_people_any = Tất cả
console_people_state = Trạng thái
console_people_state_name =
    { $state ->
        [active] Đang hoạt động
        [inactive] Đã ngừng
        [unregistered] Chưa đăng ký
       *[other] { $state }
    }
console_people_order = Sắp xếp
console_people_order_name =
    { $order ->
        [unit] Theo đơn vị
        [role] Theo vai trò
       *[other] Theo tên
    }
console_people_rows = Dòng { $first }–{ $last } trên { $total }
console_people_previous = ← Trang trước
console_people_next = Trang sau →
console_people_page = Trang { $page }/{ $pages }
console_people_export_xlsx = Tải XLSX
console_people_export_csv = Tải CSV
console_people_col_number = Số
console_people_col_unit = Đơn vị
console_people_col_unit_code = Mã đơn vị
console_people_col_role = Vai trò
console_people_col_registered = Đã đăng ký
console_people_col_active = Hoạt động
console_people_col_channels = Kênh
console_people_col_phone = Điện thoại
console_people_col_expires = Hết hạn
console_people_col_link = Liên kết
console_people_yes = Có
console_people_no = Không
console_people_none_found = Không có dòng nào.
console_people_exported_by = Người xuất
console_people_exported_at = Lúc
console_people_filters = Bộ lọc
console_people_no_filters = không lọc
console_people_back_members = ← Danh sách thành viên
console_people_member_done =
    { $what ->
        [role] Đã đổi vai trò; người này đã được báo trong khung chat.
        [moved] Đã chuyển đơn vị; người này đã được báo trong khung chat.
        [deactivated] Đã ngừng tài khoản; người này đã được báo và không dùng bot được nữa.
       *[other] Đã lưu.
    }
console_people_change_role = Đổi vai trò
console_people_new_role = Vai trò mới
console_people_change_unit = Chuyển tổ, đơn vị
console_people_new_unit = Đơn vị mới
console_people_deactivate = Ngừng tài khoản
console_people_deactivate_hint = Người này được báo trong khung chat, mã mời còn hạn của họ bị thu hồi, phiên trang quản lý của họ kết thúc; các ghi nhận cũ vẫn giữ.
console_people_deactivate_confirm = Ngừng tài khoản của { $name }?
console_people_invites_title = Mã mời
console_people_issue_title = Cấp mã mời
console_people_count = Số mã
console_people_days = Số ngày hiệu lực
console_people_issue = Cấp mã
console_people_issued =
    { $count ->
        [one] Đã cấp 1 mã mời.
       *[other] Đã cấp { $count } mã mời.
    }
console_people_open_invites = Mã mời còn hiệu lực
console_people_print_sheet = In phiếu mã QR
console_people_sheet_title = Phiếu mã mời
console_people_sheet_hint = { $count } phiếu. Mỗi phiếu có mã QR mở khung chat với mã mời đã điền sẵn. In trên khổ A4, cắt theo đường viền.
console_people_print = In
console_people_back_invites = ← Danh sách mã mời
console_people_card_label = Phiếu mã mời { $code }
console_people_card_expires = Hết hạn { $day }
console_people_card_how = Quét mã QR bằng điện thoại, rồi bấm Gửi để đăng ký.
console_people_no_telegram_link = Chưa hỏi được Telegram tên của bot nên các mã QR dưới đây mở khung chat web. Thử lại sau ít phút.
console_people_sheet_opens_telegram = Mã QR mở bot trên Telegram.
console_people_sheet_for_web = In bản mở khung chat web
console_people_sheet_opens_web = Mã QR mở khung chat web.
console_people_sheet_for_telegram = In bản mở bot trên Telegram
console_people_card_how_telegram = Quét mã QR bằng điện thoại, mở Telegram rồi bấm Bắt đầu để đăng ký.
console_people_invite_order =
    { $order ->
        [unit] Theo đơn vị
        [expires] Theo ngày hết hạn
        [name] Theo tên người được mời
       *[other] Theo thứ tự cấp
    }
console_people_day_hint = ngày/tháng/năm, ví dụ 01/07/2025
console_people_peer_admin = { $name } là quản trị viên cùng đơn vị với bạn: việc đổi vai trò, chuyển hay ngừng tài khoản của họ do cấp trên làm.
console_people_admin_from_above = Vai trò quản trị viên của { $unit } do quản trị viên cấp trên giao; bạn chỉ giao vai trò này cho đơn vị cấp dưới.
