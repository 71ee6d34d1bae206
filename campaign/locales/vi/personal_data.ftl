## Personal-data rights (Luật Bảo vệ dữ liệu cá nhân 91/2025, Nghị định 13/2023): /dulieucuatoi and erasure
command_my_data = dữ liệu của tôi: xem và yêu cầu xoá
my_data_file = 📄 Tệp dữ liệu bot đang giữ về bạn (hồ sơ, tài khoản nhắn tin, các mục đã ghi, ai đã xem dữ liệu của bạn).
my_data_file_about = Tệp này liệt kê mọi dữ liệu cá nhân bot quản lý phong trào toàn dân bảo vệ ANTT đang giữ về bạn, theo Luật Bảo vệ dữ liệu cá nhân. Mã tài khoản nhắn tin chỉ hiện một phần. Thông tin người cung cấp nguồn tin được niêm phong và không in ra đây vì có thể nêu tên người khác.
my_data_sealed_informant = Tin này có hồ sơ người cung cấp tin được niêm phong (không in ra trong tệp này).
my_data_actor_you = Chính bạn
my_data_actor_member = { $role } — { $unit }
my_data_actor_other =
    { $actor ->
        [cli] Quản trị máy chủ (dòng lệnh)
        [system] Hệ thống
       *[other] { $actor }
    }
my_data_offer = Bạn có thể yêu cầu xoá dữ liệu cá nhân của mình. Quản trị viên của đơn vị sẽ xác nhận hoặc từ chối (kèm lý do).
my_data_erase = 🗑 Yêu cầu xoá dữ liệu
my_data_waiting = Bạn đã yêu cầu xoá dữ liệu ngày { $day }; yêu cầu đang chờ quản trị viên xem xét.
my_data_withdraw = ↩ Rút yêu cầu xoá
my_data_withdrawn = Đã rút yêu cầu xoá dữ liệu.
my_data_nothing_waiting = Không có yêu cầu xoá nào đang chờ.
my_data_confirm = Khi quản trị viên xác nhận: tên của bạn được thay bằng "Thành viên đã xoá", số điện thoại và các tài khoản nhắn tin bị xoá (bot quên cuộc trò chuyện này); các mục đã được xác nhận và các tin báo được giữ lại ở dạng ẩn danh để thống kê phong trào (không còn nội dung, ảnh); các mục khác bị xoá. Nhật ký ai đã làm gì được giữ lại theo quy định. Bạn chắc chắn muốn yêu cầu xoá?
my_data_confirm_yes = ✔ Tôi yêu cầu xoá
my_data_confirm_no = ✖ Không
my_data_not_asked = Chưa gửi yêu cầu xoá nào.
my_data_asked = Đã gửi yêu cầu xoá dữ liệu. Quản trị viên đơn vị sẽ xem xét; bạn sẽ được báo kết quả.
my_data_erasure_waiting = Bạn đã có yêu cầu xoá dữ liệu đang chờ xem xét (gửi ngày { $day }).
my_data_erasure_admin_notice = 🗑 { $name } ({ $unit }) yêu cầu xoá dữ liệu cá nhân. Xác nhận hoặc từ chối (kèm lý do) trong trang quản lý, mục "Yêu cầu xoá dữ liệu" ({ $path }).
my_data_erased_notice = Dữ liệu cá nhân của bạn đã được xoá theo yêu cầu. Bot không còn nhận ra tài khoản này; muốn tham gia lại, hãy đăng ký bằng mã mời mới.
my_data_erasure_refused_notice = Yêu cầu xoá dữ liệu ngày { $day } của bạn bị từ chối. Lý do: { $reason }
my_data_admins_only = Chỉ quản trị viên mới xem và quyết định các yêu cầu xoá dữ liệu.
my_data_request_not_found = Không tìm thấy yêu cầu xoá số { $number } trong các đơn vị bạn quản lý.
my_data_not_your_own = Bạn không thể tự quyết định yêu cầu xoá dữ liệu của chính mình; cấp trên sẽ quyết định.
my_data_request_settled = Yêu cầu xoá số { $number } đã được giải quyết.

## Console: "Yêu cầu xoá dữ liệu"
console_erasure_nav = Yêu cầu xoá dữ liệu
console_erasure_title = Yêu cầu xoá dữ liệu
console_erasure_intro = Thành viên các đơn vị bạn quản lý đã yêu cầu xoá dữ liệu cá nhân (lệnh /dulieucuatoi). Xác nhận thì xoá ngay, không hoàn tác được; từ chối phải nêu lý do, thành viên được báo.
console_erasure_done =
    { $what ->
        [erased] Đã xoá dữ liệu của thành viên.
       *[refused] Đã từ chối yêu cầu; thành viên đã được báo lý do.
    }
console_erasure_col_number = Số
console_erasure_col_member = Thành viên
console_erasure_col_unit = Đơn vị
console_erasure_col_asked = Ngày yêu cầu
console_erasure_col_status = Trạng thái
console_erasure_col_decided = Quyết định
console_erasure_status =
    { $status ->
        [asked] Chờ xem xét
        [done] Đã xoá
        [refused] Bị từ chối
       *[withdrawn] Đã rút
    }
console_erasure_none = Chưa có yêu cầu xoá dữ liệu nào.
console_erasure_back = ← Các yêu cầu xoá dữ liệu
console_erasure_request_title = Yêu cầu xoá số { $number }: { $name }
console_erasure_request_asked = Đơn vị { $unit }, yêu cầu lúc { $at }.
console_erasure_kept = Mục giữ lại ẩn danh (đã xác nhận, tin báo): { $count }
console_erasure_deleted = Mục bị xoá (chờ duyệt, không được xác nhận): { $count }
console_erasure_open_tips = Tin báo còn đang xử lý: { $count }. Nội dung tin sẽ bị xoá; hồ sơ người cung cấp tin niêm phong vẫn được giữ theo thời hạn lưu tin báo. Cân nhắc chờ vụ việc kết thúc.
console_erasure_rule = Khi xác nhận, trong một lần: tên thành viên thành "Thành viên đã xoá #số", xoá số điện thoại, tài khoản nhắn tin, trạng thái trò chuyện và tin nhắn chờ gửi; các mục giữ lại mất nội dung và ảnh nhưng vẫn được tính điểm; nhật ký được giữ lại.
console_erasure_confirm = Xác nhận xoá dữ liệu
console_erasure_confirm_question = Xoá vĩnh viễn dữ liệu của { $name }? Không hoàn tác được.
console_erasure_reason = Lý do từ chối (thành viên sẽ được báo)
console_erasure_refuse = Từ chối yêu cầu

## Audit log words
console_action_member_data_export = Thành viên tải dữ liệu của mình
console_action_member_erasure_asked = Yêu cầu xoá dữ liệu cá nhân
console_action_member_erasure_withdrawn = Rút yêu cầu xoá dữ liệu
console_action_member_erasure_refused = Từ chối yêu cầu xoá dữ liệu
console_action_member_erased = Xoá dữ liệu cá nhân của thành viên
