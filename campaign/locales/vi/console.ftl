## Trang quản lý (web console, /quanly/): đăng nhập bằng liên kết một lần, các trang chung
command_console = liên kết một lần (10 phút) vào trang quản lý trên máy tính; “/quanly dangxuat” để đăng xuất mọi phiên
hint_console = [dangxuat]
console_commanders_only = Trang quản lý dành cho tổ trưởng, tổ phó, cán bộ Công an xã và quản trị viên.
console_link =
    🔐 Liên kết vào trang quản lý (dùng một lần, hết hạn sau { $minutes } phút):
    { $link }
    Không chuyển liên kết này cho người khác. Gõ “/quanly dangxuat” để đăng xuất mọi phiên.
console_ended =
    { $count ->
        [0] Không có phiên nào đang mở trên trang quản lý.
        [one] Đã đăng xuất 1 phiên trên trang quản lý.
       *[other] Đã đăng xuất { $count } phiên trên trang quản lý.
    }
console_link_spent = Liên kết này không còn dùng được (đã dùng, đã hết hạn hoặc không đúng). Gõ /quanly trong khung chat với bot để nhận liên kết mới.
console_other_origin = Yêu cầu này không đến từ trang quản lý nên đã bị từ chối.
console_csrf = Biểu mẫu đã cũ hoặc thiếu mã bảo vệ. Hãy tải lại trang rồi thử lại.
settings_map_tiles = cần một mẫu URL http(s) có {"{"}z{"}"}, {"{"}x{"}"} và {"{"}y{"}"}
console_title = Trang quản lý ANTT
console_skip = Bỏ qua, đến nội dung chính
console_nav_label = Các mục quản lý
console_nav_home = Tổng quan
console_language = Ngôn ngữ
console_logout = Đăng xuất
console_login_title = Đăng nhập trang quản lý
console_login_how = Trang quản lý không dùng mật khẩu: gõ /quanly trong khung chat với bot (Zalo, web hoặc Telegram) rồi mở liên kết bot gửi, trong vòng 10 phút.
console_login_button = Vào trang quản lý
console_needs_script = Trang đăng nhập cần bật JavaScript trong trình duyệt.
console_session_needed = Phiên làm việc đã hết hạn hoặc chưa đăng nhập.
console_logged_out = Đã đăng xuất
console_refused_title = Không thực hiện được
console_back_home = Về trang tổng quan
console_hello = Xin chào { $name }
console_home_intro = Bạn đang làm việc với vai trò { $role } của { $unit }.
console_session_until = Phiên làm việc kết thúc lúc { $at } nếu không thao tác.
cli_console = Trang quản lý trên web (/quanly/)
cli_console_link = In một liên kết dùng một lần (10 phút) vào trang quản lý cho một tổ trưởng, cán bộ hoặc quản trị viên
cli_console_member = Số thứ tự (id) hoặc số điện thoại của người đó
cli_console_no_member = Không có thành viên đang hoạt động nào có số hoặc số điện thoại { $member }.
cli_console_many_members = Có { $count } thành viên có số điện thoại { $member }: hãy dùng số thứ tự (id).
cli_console_link_line = Mở liên kết này trong vòng 10 phút (dùng một lần): { $link }
cli_demo_console = Trang quản lý (tổ trưởng, cán bộ, quản trị viên): đăng ký bằng mã ở trên rồi gõ /quanly trong khung chat để nhận liên kết vào { $url }; quản trị viên tỉnh mẫu: antt-bot console link --member "{ $admin }"
console_summary = Việc đang chờ
console_waiting_review =
    { $count ->
        [0] Không có mục nào chờ bạn duyệt.
       *[other] { $count } mục đang chờ bạn duyệt.
    }
console_open_tips =
    { $count ->
        [0] Không có nguồn tin nào đang mở.
       *[other] { $more ->
            [more] Từ { $count } nguồn tin trở lên đang chờ xác minh hoặc xử lý.
           *[exact] { $count } nguồn tin đang chờ xác minh hoặc xử lý.
        }
    }
console_action_exported = Xuất bảng { $table }
console_action_broadcast_cancelled = Hủy thông báo đã hẹn giờ
console_action_broadcast_scheduled = Hẹn giờ gửi thông báo
console_action_broadcast_stopped = Dừng gửi thông báo
console_action_commendation_added = Ghi nhận khen thưởng
console_action_deliverable_photo_opened = Mở ảnh báo cáo đã nộp
console_action_deliverable_submitted = Nộp báo cáo theo hạn
console_action_document_opened = Mở tài liệu
console_action_document_uploaded = Tải lên tài liệu
console_action_dossier_uploaded = Bổ sung hồ sơ
console_action_entry_model_linked = Gắn mục với mô hình
console_action_grade_changed = Đổi đề xuất xếp loại
console_action_grades_confirmed = Chốt xếp loại
console_action_identity_link_code = Tạo mã liên kết tài khoản
console_action_invites_printed = In phiếu mã mời (QR)
console_action_member_joined_team_on = Ghi ngày vào tổ
console_action_member_moved = Chuyển thành viên sang đơn vị khác
console_action_member_renamed = Đổi tên thành viên
console_action_model_registered = Đăng ký mô hình
console_action_rating_set = Ghi kết quả đánh giá
console_action_registration_added = Đăng ký thi đua
console_action_registration_outcome = Ghi kết quả đăng ký thi đua
console_action_target_value_changed = Sửa giá trị chỉ tiêu
console_action_target_value_entered = Nhập giá trị chỉ tiêu
console_action_tip_asked = Hỏi thêm người báo tin
console_action_tip_assigned = Giao nguồn tin cho cán bộ
console_action_tip_noted = Ghi chú nguồn tin
console_action_tip_resolved = Nguồn tin: đã giải quyết
console_action_tip_unfounded = Nguồn tin: không có cơ sở
console_action_tip_verifying = Nguồn tin: đang xác minh
console_action_unit_covers = Gắn tổ với thôn
console_action_unit_group_imported = Nhập nhóm đơn vị (huyện cũ)
console_action_unit_kind_added = Thêm loại đơn vị
console_nothing_title = Chưa có gì để hiển thị
