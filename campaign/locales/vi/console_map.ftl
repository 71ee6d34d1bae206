## Trang quản lý: bản đồ các mục có vị trí (/quanly/bando)
console_map_nav = Bản đồ
console_map_title = Bản đồ vụ việc và nguồn tin
console_map_commanders_only = Bản đồ dành cho tổ trưởng, tổ phó, cán bộ Công an xã và quản trị viên.
console_map_filters = Lọc các điểm trên bản đồ
console_map_area = Lĩnh vực
console_map_any = Tất cả
console_map_status = Trạng thái duyệt
console_map_progress = Tiến độ nguồn tin
console_map_unit = Đơn vị
console_map_since = Từ ngày
console_map_until = Đến ngày
console_map_text = Tìm theo nội dung
console_map_reference = Mã mục
console_map_apply = Lọc
console_map_clear = Bỏ lọc
console_map_bad_date = Ngày không đúng nên không lọc theo ngày: hãy chọn ngày/tháng/năm.
console_map_count =
    { $count ->
        [0] Không có điểm nào khớp bộ lọc.
        [one] 1 điểm.
       *[other] { $count } điểm.
    }
console_map_more = Chỉ hiện { $limit } điểm mới nhất; còn điểm khác khớp bộ lọc, hãy thu hẹp bộ lọc.
console_map_box = Bản đồ các điểm
console_map_plain = Không có bản đồ nền: các điểm hiện trên nền trơn.
console_map_needs_script = Bản đồ cần bật JavaScript; danh sách các điểm ở bên cạnh.
console_map_list = Danh sách điểm
console_map_none = Không có điểm nào.
console_map_place = vị trí
console_map_show = Xem { $reference } trên bản đồ
console_map_unlocated = Bản đồ chỉ có các mục người báo đã chia sẻ vị trí từ điện thoại; mục ghi địa chỉ bằng chữ không có trên bản đồ.
console_map_zoom_in = Phóng to
console_map_zoom_out = Thu nhỏ
