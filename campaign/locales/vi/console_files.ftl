## Trang quản lý: nhập danh sách thành viên, kế hoạch, nhật ký thao tác (quản trị viên)
console_files_admins_only = Chỉ quản trị viên được dùng mục này.
console_files_row_outside = đơn vị { $path } không thuộc phạm vi quản lý của bạn
console_files_plan_outside = Kế hoạch áp dụng cho { $scope }, ngoài phạm vi quản lý của bạn: không nạp hoặc kết thúc được.
console_files_guide_top_only = Hướng dẫn chấm điểm áp dụng cho mọi đơn vị: chỉ quản trị viên cấp cao nhất được nạp.
console_files_plan_not_started = Kế hoạch chưa bắt đầu (từ ngày { $starts }): chưa thể kết thúc. Muốn sửa, hãy nạp lại tệp đã sửa với cùng mã kế hoạch.
console_files_plan_over = Kế hoạch đã kết thúc ngày { $ends }.
console_files_changed = Tệp đã thay đổi kể từ lúc kiểm tra (có thể đã tải tệp khác lên ở thẻ khác). Không có gì được ghi; hãy tải tệp lên và kiểm tra lại.
console_files_too_big = Tệp lớn quá { $limit } MB.
console_files_check = Kiểm tra
console_files_column_line = Dòng
console_files_column_name = Họ và tên
console_files_column_role = Vai trò
console_files_column_unit = Đơn vị
console_files_column_joined = Ngày vào tổ
console_files_column_check = Kết quả kiểm tra
console_files_row_ok = hợp lệ

console_files_nav_roster = Nhập danh sách
console_files_roster_title = Nhập danh sách thành viên
console_files_roster_upload = Tải danh sách lên
console_files_roster_help = Tệp .xlsx hoặc .csv như xã vẫn lập (có dòng tiêu đề cột “Họ và tên”, “Chức vụ”, “Đơn vị”…), tối đa { $limit } dòng. Mọi dòng được kiểm tra trước, chưa ghi gì cho đến khi bạn xác nhận.
console_files_roster_file = Tệp danh sách (.xlsx, .csv)
console_files_roster_empty = Tệp không có dữ liệu.
console_files_roster_too_many = Tệp có hơn { $limit } dòng: hãy chia nhỏ, hoặc nhờ người vận hành nhập bằng lệnh antt-bot roster import.
console_files_roster_not_a_table = Tệp “{ $suffix }” không phải bảng tính: hãy dùng .xlsx hoặc .csv.
console_files_roster_checked = Kết quả kiểm tra tệp { $name }
console_files_roster_bad_rows = Có { $count } dòng có lỗi: chưa ghi gì. Sửa các dòng này trong tệp rồi tải lên lại.
console_files_roster_all_good = Cả { $count } dòng đều hợp lệ.
console_files_roster_other_sheets = Chỉ đọc trang tính đầu tiên; các trang khác có dữ liệu: { $names }.
console_files_roster_stopped = Dừng đọc ở dòng { $line } (phần chữ ký).
console_files_roster_rows = Các dòng của tệp
console_files_roster_confirm = Nhập { $count } người
console_files_roster_confirm_question = Nhập { $count } người vào danh sách thành viên và tạo mã mời cho họ?
console_files_roster_fix = Chưa nhập được: hãy sửa tệp theo các lỗi trên rồi tải lên lại.
console_files_roster_imported = Đã nhập danh sách. Tải bảng mã mời để phát cho từng người.
console_files_roster_download = Tải bảng mã mời (.xlsx)
console_files_no_invites = Không có bảng mã mời nào của phiên này.

console_files_nav_plans = Kế hoạch
console_files_plans_title = Kế hoạch thi đua
console_files_plans_listed = Các kế hoạch đã nạp
console_files_no_plans = Chưa có kế hoạch nào áp dụng cho đơn vị của bạn.
console_files_column_code = Mã
console_files_column_plan = Tên kế hoạch
console_files_column_scope = Phạm vi
console_files_column_dates = Thời gian
console_files_column_state = Trạng thái
console_files_column_actions = Thao tác
console_files_until_ended = đến khi kết thúc
console_files_plan_state = { $state ->
    [running] đang chạy
    [not_started] chưa bắt đầu
   *[ended] đã kết thúc
}
console_files_grading_guide = hướng dẫn chấm điểm
console_files_retire = Kết thúc
console_files_retire_label = Kết thúc kế hoạch { $code } hôm nay
console_files_retire_question = Kết thúc kế hoạch { $code } từ hôm nay? Nhắc việc, hạn nộp và điểm của kế hoạch dừng sau hôm nay.
console_files_retire_help = “Kết thúc” dừng một kế hoạch đang chạy từ hôm nay (điểm đã có được giữ). Kế hoạch chưa bắt đầu thì nạp lại tệp đã sửa với cùng mã để thay.
console_files_plan_done = { $done ->
    [loaded] Đã nạp kế hoạch { $code }.
    [replaced] Đã thay kế hoạch { $code } bằng tệp mới.
   *[retired] Đã kết thúc kế hoạch { $code } từ hôm nay.
}
console_files_plan_upload = Tải tệp kế hoạch lên (.yaml)
console_files_plan_file = Tệp kế hoạch (.yaml)
console_files_plan_not_yaml = Tệp “{ $suffix }” không phải tệp kế hoạch: hãy dùng .yaml.
console_files_plan_not_utf8 = Tệp không phải văn bản UTF-8.
console_files_plan_no_unit = Không có đơn vị mã { $code }: kế hoạch phải áp dụng cho một đơn vị đã có.
console_files_plan_problems = Tệp { $name } có { $count } lỗi: chưa nạp gì.
console_files_plan_preview = Xem trước: { $name } ({ $code })
console_files_issuer = Cơ quan ban hành
console_files_phases = Các đợt
console_files_column_phase = Đợt
console_files_column_theme = Chủ đề
console_files_areas = Nội dung tính điểm
console_files_column_area = Nội dung
console_files_column_points = Điểm
console_files_column_caps = Giới hạn
console_files_per_day = tối đa { $count }/ngày
console_files_per_week = tối đa { $count }/tuần
console_files_targets = Chỉ tiêu
console_files_column_goal = Chỉ tiêu
console_files_column_level = Cấp
console_files_column_period = Kỳ
console_files_column_threshold = Ngưỡng
console_files_column_how = Cách tính
console_files_deadlines = Hạn nộp
console_files_column_due = Hạn
console_files_column_deadline = Việc
console_files_column_deliverable = Sản phẩm
console_files_every_year = { $day } hằng năm
console_files_grades = Các mức xếp loại
console_files_grade_above = trên { $share }% nhiệm vụ
console_files_plan_load = Nạp kế hoạch

console_files_nav_audit = Nhật ký
console_files_audit_title = Nhật ký thao tác
console_files_actor = { $actor ->
    [cli] Dòng lệnh
    [web] Trang web
   *[other] Hệ thống
}
console_files_filter_actor = Người thực hiện
console_files_filter_action = Thao tác
console_files_filter_target = Đối tượng (mã)
console_files_filter_since = Từ ngày
console_files_filter_until = Đến ngày
console_files_any = Tất cả
console_files_search = Tìm
console_files_clear = Bỏ lọc
console_files_audit_found = { $count } dòng
console_files_export_csv = Xuất CSV
console_files_export_xlsx = Xuất Excel
console_files_pages = Trang
console_files_previous = Trang trước
console_files_next = Trang sau
console_files_page_of = Trang { $page }/{ $pages }
console_files_column_at = Thời điểm
console_files_column_who = Người thực hiện
console_files_column_action = Thao tác
console_files_column_action_name = Mã thao tác
console_files_column_target_kind = Loại đối tượng
console_files_column_target = Đối tượng
console_files_column_details = Chi tiết
console_files_exported_by = Người xuất
console_files_exported_at = Thời điểm xuất
console_files_action_login = Đăng nhập trang quản lý
console_files_action_logout = Đăng xuất trang quản lý
console_files_action_link_issued = Cấp liên kết đăng nhập
console_files_action_link_refused = Từ chối liên kết đăng nhập
console_files_action_session_ended = Kết thúc phiên quản lý
console_files_action_revealed = Xem người cung cấp tin
console_files_action_reveal_refused = Bị từ chối xem người cung cấp tin
console_files_action_verified = Duyệt (xác nhận)
console_files_action_rejected = Duyệt (trả lại)
console_files_action_entry_created = Ghi nhận mới
console_files_action_entry_edited = Sửa ghi nhận
console_files_action_entry_reopened = Mở lại ghi nhận
console_files_action_registered = Đăng ký thành viên
console_files_action_member_imported = Nhập thành viên từ danh sách
console_files_action_role_changed = Đổi vai trò
console_files_action_deactivated = Ngừng kích hoạt thành viên
console_files_action_roster_imported = Nhập danh sách thành viên
console_files_action_invites_downloaded = Tải bảng mã mời
console_files_action_invite_created = Tạo mã mời
console_files_action_plan_loaded = Nạp kế hoạch
console_files_action_plan_replaced = Thay kế hoạch
console_files_action_plan_ended = Kết thúc kế hoạch
console_files_action_broadcast_sent = Gửi thông báo
console_files_action_unit_added = Thêm đơn vị
console_files_action_unit_renamed = Đổi tên đơn vị
console_files_action_unit_moved = Chuyển đơn vị
console_files_action_unit_closed = Đóng đơn vị
console_files_action_unit_merged = Sáp nhập đơn vị
console_files_action_exported_audit = Xuất nhật ký
console_files_order = Sắp xếp
console_files_order_by = { $order ->
    [oldest] cũ trước
    [action] theo thao tác
   *[newest] mới trước
}
console_files_roster_bad_list = Các dòng có lỗi
console_files_roster_bad_line = Dòng { $line }:
