## Báo cáo bot soạn (issue 15): dòng lệnh `antt-bot report`, việc định kỳ, /baocao, bảng quản lý
cli_report_help = Báo cáo định kỳ bot soạn sẵn: tệp .docx theo thể thức Nghị định 30/2020/NĐ-CP kèm phụ lục .xlsx
cli_report_build_help = Soạn báo cáo của một đơn vị cho một kỳ báo cáo của kế hoạch; ghi tệp .docx và phụ lục .xlsx bên cạnh
cli_report_list_help = Các bản báo cáo đã soạn của một đơn vị (mới nhất trước)
cli_report_template_help = Mẫu báo cáo (.docx) tỉnh thay bằng tiêu đề của mình
cli_report_template_check_help = Kiểm tra một mẫu báo cáo đã sửa (các thẻ {"{{ … }}"} còn đọc được)
cli_report_template_export_help = Ghi các mẫu báo cáo có sẵn vào một thư mục để sửa
cli_report_unit = mã đơn vị (ví dụ DEMO-XA)
cli_report_plan = mã kế hoạch, hoặc phần đầu của mã (chỉ khớp một kế hoạch)
cli_report_period = kỳ báo cáo: 2026-H1, 2026-H2, 2026, 2026-Q4 hoặc mã đợt (dot-1)
cli_report_out = tệp .docx sẽ ghi
cli_report_deadline = mã hạn nộp báo cáo, khi kỳ có nhiều báo cáo
cli_report_as_of = tính số liệu đến ngày (dd/mm/yyyy)
cli_report_annex = tệp phụ lục .xlsx (mặc định: cạnh tệp .docx)
cli_report_lang = ngôn ngữ của báo cáo (vi, en)
cli_report_file = tệp mẫu .docx
cli_report_folder = thư mục ghi mẫu
cli_report_no_folder = Không có thư mục { $folder }: tạo thư mục trước rồi chạy lại.
cli_report_same_file = Tệp phụ lục phải khác tệp báo cáo ({ $path }).
cli_report_bad_lang = Ngôn ngữ “{ $lang }” không có; chọn một trong: { $langs }.
cli_report_cannot_write = Không ghi được tệp: { $error }
cli_report_no_plans = (chưa nạp kế hoạch nào: antt-bot plan load TỆP)
cli_report_plan_unknown =
    Không có kế hoạch “{ $plan }”. Các kế hoạch đã nạp:
    { $plans }
cli_report_plan_ambiguous =
    “{ $plan }” khớp nhiều kế hoạch; gõ đủ mã của một kế hoạch:
    { $plans }
cli_report_unit_unknown = Không có đơn vị mã “{ $unit }” (xem: antt-bot unit list).
cli_report_built = Đã soạn: { $title } — { $unit } (kế hoạch { $plan })
cli_report_window = Kỳ báo cáo: { $label } ({ $code }); số liệu từ ngày { $starts } đến ngày { $ends }
cli_report_due = Hạn nộp: { $due } ({ $deadline })
cli_report_template = Mẫu dùng: { $template }
cli_report_docx = Báo cáo (.docx): { $path }
cli_report_xlsx = Phụ lục (.xlsx): { $path }
cli_report_none_kept = Đơn vị { $unit } chưa có bản báo cáo nào được soạn.
cli_report_by_system = hệ thống
cli_report_template_good = Mẫu { $file } dùng được.
cli_report_template_bad = Mẫu { $file } có { $count } lỗi:
cli_report_template_written = Đã ghi { $path }
cli_demo_report = Soạn báo cáo của xã mẫu (tệp .docx và phụ lục .xlsx):
cli_report_by_member = thành viên #{ $id }
report_template_broken = Mẫu báo cáo { $template } bị hỏng nên chưa soạn được: { $problem }. Quản trị viên kiểm tra bằng lệnh antt-bot report template check TỆP, sửa hoặc bỏ tệp đó khỏi thư mục mẫu.
report_draft_ready =
    📄 Bot đã soạn sẵn bản dự thảo “{ $title }” của { $unit } (số liệu từ ngày { $starts } đến ngày { $ends }). Hạn nộp: { $due }.
    Đây là bản dự thảo: cần đọc lại, viết các phần “[Cán bộ viết: …]”, ký, rồi nộp bằng /danop.
report_draft_annex = 📊 Phụ lục số liệu (.xlsx) kèm báo cáo.
command_report_desk = soạn ngay báo cáo của đơn vị cho một kỳ báo cáo (tệp .docx để sửa, ký, nộp bằng /danop, kèm phụ lục .xlsx)
report_desk_officers_only = Báo cáo do cán bộ Công an và quản trị viên của đơn vị soạn; tổ trưởng, tổ viên không soạn báo cáo.
report_desk_none = Hiện không có kỳ báo cáo nào bạn cần soạn (các hạn nộp báo cáo trong 60 ngày tới hoặc vừa quá hạn).
report_desk_pick = Chọn báo cáo để bot soạn bản dự thảo từ số liệu đã duyệt:
report_desk_ready =
    📄 Bản dự thảo “{ $title }” của { $unit } (số liệu từ ngày { $starts } đến ngày { $ends }), hạn nộp { $due }.
    Đọc lại, viết các phần “[Cán bộ viết: …]”, ký rồi nộp bằng /danop.
console_reports_nav = Soạn báo cáo
console_reports_title = Soạn báo cáo
console_reports_help = Bot soạn bản dự thảo báo cáo từ số liệu đã duyệt, theo thể thức Nghị định 30/2020/NĐ-CP, kèm phụ lục .xlsx. Tải về, viết các phần “[Cán bộ viết: …]”, ký rồi nộp.
console_reports_offered = Kỳ báo cáo
console_reports_due = Hạn nộp
console_reports_report = Báo cáo
console_reports_unit = Đơn vị
console_reports_period = Kỳ
console_reports_actions = Thao tác
console_reports_build = Soạn báo cáo
console_reports_summary = Báo cáo tổng hợp
console_reports_none = Hiện không có kỳ báo cáo nào để soạn (hạn nộp trong 60 ngày tới hoặc vừa quá hạn).
console_reports_drafted = Các bản đã soạn
console_reports_built_at = Soạn lúc
console_reports_figures = Số liệu
console_reports_files = Tệp
console_reports_docx = Báo cáo (.docx)
console_reports_xlsx = Phụ lục (.xlsx)
console_reports_by_system = bot tự soạn
console_reports_no_drafts = Chưa có bản báo cáo nào được soạn.
console_reports_gone = Kỳ báo cáo này không còn để soạn (đã qua hoặc đã đổi). Tải lại trang để xem các kỳ hiện có.
