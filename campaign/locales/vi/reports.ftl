## Charts and workbooks (bot/reports.py)

report_points = Điểm
report_teams = Các tổ
report_members = Thành viên
report_rank = Hạng
report_number = STT
report_name = Họ và tên
report_team = Tổ
report_role = Vai trò
report_entries = Tổng số mục đã xác nhận
report_moved = Thay đổi hạng so với bảng tuần trước
report_whole = Cả kế hoạch
report_standings = BẢNG XẾP HẠNG THI ĐUA
report_grading = BẢNG XẾP LOẠI
report_plan = Kế hoạch
report_phase = Đợt
report_unit = Đơn vị
report_period = Thời gian
report_year = Năm đánh giá
report_guide = Hướng dẫn
report_made = Lập lúc
report_chat_number = Số trong chat

# The grading workbook's columns after the numbers
grades_column_name = Tên
grades_column_team = Tổ
grades_column_role = Vai trò
grades_column_active_months = Tháng hoạt động
grades_column_tasks_done = Nhiệm vụ hoàn thành
grades_column_share = Tỷ lệ
grades_column_proposed = Đề xuất
grades_column_notes = Ghi chú
grades_column_result = Kết quả
grades_column_change_reason = Lý do thay đổi
