## The drafted report's files (bot/report_files.py): the words the code puts into the .docx,
## the annex's sheets and headers, and what `check` says of a province's template.

report_files_document_title = Báo cáo: { $subject }
report_files_no_name = [Họ và tên]
report_files_no_previous = không có
report_files_whole_plan = toàn kế hoạch
report_files_participants = Thành viên có kết quả được xác nhận
report_files_members = Thành viên đang tham gia
report_files_patrols = Lượt tuần tra
report_files_patrol_people = Lượt người tham gia tuần tra

report_files_annex_of = Phụ lục kèm theo Báo cáo số …/{ $symbol }
report_files_section = Nội dung
report_files_unit = Đơn vị
report_files_plan = Kế hoạch
report_files_period = Kỳ báo cáo
report_files_period_value = { $label } ({ $starts }–{ $ends })
report_files_as_of = Số liệu đến hết ngày

report_files_sheet_areas = Nội dung
report_files_sheet_tips = Nguồn tin
report_files_sheet_notable = Vụ việc
report_files_sheet_people = Lực lượng
report_files_sheet_targets = Chỉ tiêu
report_files_sheet_standings = Xếp hạng
report_files_sheet_models = Mô hình
report_files_sheet_commendations = Khen thưởng
report_files_sheet_submissions = Báo cáo đã nộp
report_files_sheet_communes = Các xã
report_files_sheet_not_submitted = Chưa nộp

report_files_title_areas = Kết quả theo nội dung thi đua
report_files_title_tips = Nguồn tin theo loại và kết quả xử lý
report_files_title_notable = Vụ việc tiêu biểu
report_files_title_people = Lực lượng tham gia và tuần tra
report_files_title_targets = Kết quả thực hiện các chỉ tiêu
report_files_title_standings = Xếp hạng thi đua
report_files_title_standings_phase = Xếp hạng thi đua ({ $phase })
report_files_title_models = Mô hình, đăng ký thi đua và xếp loại
report_files_title_commendations = Khen thưởng
report_files_title_submissions = Các báo cáo, hồ sơ đã nộp
report_files_title_communes = Kết quả của các xã
report_files_title_not_submitted = Các xã chưa nộp báo cáo kỳ này

report_files_col_number = STT
report_files_col_area = Nội dung
report_files_col_this = Kỳ này
report_files_col_previous = Kỳ trước
report_files_col_pending = Chờ xác nhận
report_files_col_tip_kind = Loại nguồn tin
report_files_col_outcome = Kết quả xử lý
report_files_col_count = Số lượng
report_files_col_reference = Số hiệu
report_files_col_day = Ngày
report_files_col_kind = Loại
report_files_col_team = Tổ/đội
report_files_col_target = Chỉ tiêu
report_files_col_how = Cách tính
report_files_col_when = Thời gian
report_files_col_threshold = Mức phải đạt
report_files_col_value = Kết quả
report_files_col_verdict = Đánh giá
report_files_col_group = Nhóm
report_files_col_rank = Hạng
report_files_col_of = Trên tổng số
report_files_col_name = Tên
report_files_col_points = Điểm
report_files_col_entries = Số mục đã xác nhận
report_files_col_status = Tình trạng
report_files_col_paper = Báo cáo, hồ sơ
report_files_col_due = Hạn nộp
report_files_col_submitted = Ngày nộp
report_files_col_commune = Xã
report_files_col_met = Chỉ tiêu đạt
report_files_col_counted = Số chỉ tiêu
report_files_col_total = Tổng số
report_files_col_report = Báo cáo kỳ này

report_files_group_unit = Đơn vị
report_files_group_teams = Tổ/đội
report_files_group_members = Thành viên
report_files_kind_model = Mô hình
report_files_kind_registration = Đăng ký, xếp loại

report_files_check_not_docx = Tệp không phải là tệp Word .docx đọc được ({ $error }).
report_files_check_unclosed = Thẻ chưa đóng ở đoạn: "{ $paragraph }"
report_files_check_bad_tag = Thẻ sai ({ $error }) ở đoạn: "{ $paragraph }"
report_files_check_syntax = Lỗi cú pháp Jinja: { $error }.
report_files_check_unknown = Tên không có trong dữ liệu báo cáo: { $names }.
report_files_check_missing = Mẫu thiếu các thẻ bắt buộc: { $names }.
report_files_check_to_write = Mẫu phải có ít nhất hai chỗ "{ $mark }…]" (đánh giá chung; đề xuất, kiến nghị).
report_files_check_render = Không điền được mẫu với báo cáo mẫu: { $error }.
