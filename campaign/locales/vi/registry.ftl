## Registrations of units, their dossiers and ratings; commendations (services/registrations.py, services/commendations.py)
plan_registration_twice = phong trào đăng ký { $scheme } được khai báo hai lần
plan_dossier_item_twice = tài liệu { $code } có hai lần trong hồ sơ
plan_deadline_unknown_registration = hạn nộp { $deadline } chờ hồ sơ đăng ký { $scheme } mà kế hoạch không khai báo
registration_outcome =
    { $outcome ->
        [pending] Đang phấn đấu
        [achieved] Đạt
        [not_achieved] Không đạt
       *[withdrawn] Đã rút đăng ký
    }
registration_outcome_unknown = Kết quả không hợp lệ: { $outcome } (đạt: achieved, không đạt: not_achieved, rút: withdrawn).
registration_withdrawn_already = Đăng ký này đã rút, không ghi kết quả được nữa.
registration_decided_already = Đăng ký này đã có kết quả, không rút được nữa.
registration_level_unknown = Cấp không có: { $level } (có: { $known }).
registration_decision_too_long = Số quyết định dài quá { $limit } ký tự.
registration_outcome_same = Đăng ký đã có đúng kết quả này.
registration_scheme_unknown = Không có kế hoạch nào đang thực hiện cho đăng ký { $scheme } ở đơn vị này.
registration_officers_only = Chỉ cán bộ Công an xã hoặc quản trị viên mới đăng ký cho đơn vị.
registration_unit_unknown = Không tìm thấy đơn vị này, hoặc đơn vị đã giải thể, sáp nhập.
registration_not_yours = { $unit } không thuộc đơn vị của bạn.
registration_kind_refused = { $unit } không thuộc loại đơn vị được đăng ký phong trào này (chỉ: { $kinds }).
registration_twice = { $unit } đã đăng ký phong trào này năm { $year }.
registration_too_late = Đã quá hạn đăng ký ({ $by }); đề nghị quản trị viên ghi đăng ký.
registration_not_found = Không tìm thấy đăng ký này, hoặc bạn không được xem.
registration_outcome_above_only = Chỉ cấp trên của đơn vị mới ghi kết quả và duyệt hồ sơ.
registration_outcome_told = Kết quả đăng ký "{ $scheme }" của { $unit }: { $outcome }.
rating_label =
    { $rating ->
        [xuat-sac] Xuất sắc
        [kha] Khá
        [trung-binh] Trung bình
       *[yeu] Yếu
    }
rating_scheme_unknown = Không có cách phân loại { $scheme } (có: { $known }).
rating_unknown = Không có mức phân loại { $rating } (có: { $known }).
rating_admins_only = Chỉ quản trị viên mới ghi phân loại đơn vị.
dossier_item =
    { $item ->
        [to-trinh] Tờ trình hoặc đề xuất
        [bao-cao-ket-qua] Báo cáo kết quả
       *[bien-ban-hop] Biên bản họp xét, đề nghị công nhận
    }
dossier_status =
    { $status ->
        [missing] Còn thiếu
        [uploaded] Đã gửi, chờ duyệt
        [accepted] Đã duyệt
       *[returned] Bị trả lại
    }
dossier_item_unknown = Hồ sơ không có tài liệu { $item } (có: { $known }).
dossier_item_accepted_already = Tài liệu này đã được duyệt, không thay được nữa.
dossier_decision_unknown = Chỉ duyệt (accepted) hoặc trả lại (returned): { $decision }.
dossier_item_not_uploaded = Tài liệu này chưa gửi hoặc đã xử lý ({ $status }).
dossier_return_needs_reason = Trả lại tài liệu cần nêu lý do.
dossier_reviewed_told =
    { $decision ->
        [accepted] Hồ sơ của { $unit }: "{ $item }" đã được duyệt.
       *[returned] Hồ sơ của { $unit }: "{ $item }" bị trả lại. Lý do: { $reason }
    }
deliverable_not_registered = Hạn nộp này cần hồ sơ đăng ký năm { $year } của đơn vị, nhưng đơn vị chưa đăng ký. Đăng ký bằng /dangky.
deliverable_dossier_incomplete = Hồ sơ đăng ký số { $number } chưa đủ, còn thiếu: { $items }. Gửi tài liệu bằng /dangky rồi báo đã nộp.
commendation_form =
    { $form ->
        [bieu-duong] Biểu dương
        [giay-khen] Giấy khen
        [bang-khen] Bằng khen
       *[ky-niem-chuong] Kỷ niệm chương
    }
commendation_status =
    { $status ->
        [proposed] Đề nghị
        [granted] Đã khen thưởng
       *[refused] Không khen thưởng
    }
commendation_subject_unknown = Người hoặc tập thể được khen không hợp lệ: { $subject }.
commendation_level_unknown = Cấp khen thưởng không có: { $level } (có: { $known }).
commendation_form_unknown = Hình thức khen thưởng không có: { $form } (có: { $known }).
commendation_decision_unknown = Chỉ khen thưởng (granted) hoặc không (refused): { $decision }.
commendation_decided_already = Đề nghị này đã được quyết định.
commendation_subject_not_found = Không tìm thấy người hoặc đơn vị được khen.
commendation_own_team_only = Tổ trưởng chỉ đề nghị khen thưởng thành viên trong tổ của mình.
commendation_not_allowed = Chỉ cán bộ Công an xã hoặc quản trị viên cấp trên mới ghi khen thưởng.
commendation_not_found = Không tìm thấy khen thưởng này, hoặc bạn không được xem.
commendation_granted_told = 🎉 Bạn được { $level } khen thưởng ({ $form }): { $reason }. Xin chúc mừng!
commendation_proposed_told = Tổ trưởng { $leader } đề nghị { $form } cho { $member }: { $reason }. Xét bằng /khenthuong.
# bot/cli_registry.py: the command line
cli_registry_registrations = Đơn vị đăng ký phong trào (An toàn về ANTT, giao ước thi đua, điển hình, điểm Ngày hội) và kết quả
cli_registry_ratings = Phân loại đơn vị theo năm (QĐ 510: xuất sắc, khá, trung bình, yếu)
cli_registry_commendations = Khen thưởng cá nhân, tập thể
cli_registry_dossiers = Hồ sơ đề nghị công nhận: gửi, duyệt, trả lại tài liệu
cli_registry_on = Ngày (dd/mm/yyyy; mặc định hôm nay)
cli_registry_note = Ghi chú
cli_registry_decision = Số quyết định
cli_registry_registration_add = Đăng ký một đơn vị cho phong trào của kế hoạch đang thực hiện
cli_registry_registration_outcome = Ghi kết quả: achieved (đạt), not_achieved (không đạt), withdrawn (rút)
cli_registry_registration_list = Liệt kê các đăng ký dưới một đơn vị
cli_registry_unit_code = Mã đơn vị
cli_registry_scheme = Mã phong trào trong kế hoạch (vd. an-toan-antt)
cli_registry_level = Cấp (commune, district, province_police, province_steering, province_committee, ministry)
cli_registry_registration_number = Số đăng ký
cli_registry_outcome = achieved, not_achieved hoặc withdrawn
cli_registry_under_unit = Chỉ các đơn vị dưới mã này
cli_registry_year = Năm
cli_registry_registered = Đã đăng ký số { $number }: { $unit } — { $scheme }. Hồ sơ cần:
cli_registry_outcome_recorded = Đăng ký số { $number }: { $outcome }.
cli_registry_registration_line = { $number }  { $unit }  { $name }  { $scheme } { $year }  { $outcome }  hồ sơ { $done }/{ $total }
cli_registry_none = Chưa có gì.
cli_registry_rating_set = Ghi phân loại của một đơn vị trong một năm
cli_registry_rating_import = Nhập phân loại từ tệp CSV (UTF-8): mã đơn vị, phân loại, ghi chú; dòng đầu là tiêu đề
cli_registry_rating_list = Liệt kê phân loại các đơn vị trong một năm
cli_registry_rating = xuat-sac, kha, trung-binh hoặc yeu
cli_registry_rating_scheme = Cách phân loại
cli_registry_rated = { $unit } năm { $year }: { $rating }.
cli_registry_rated_many = Đã ghi phân loại năm { $year } cho { $count } đơn vị.
cli_registry_csv_row = dòng { $line }: cần mã đơn vị và phân loại
cli_registry_csv_line = dòng { $line }: { $why } (chưa ghi gì)
cli_registry_commendation_add = Ghi một khen thưởng (đã khen, hoặc --proposed: đề nghị)
cli_registry_commendation_grant = Quyết định một đề nghị khen thưởng (--refuse: không khen)
cli_registry_commendation_list = Liệt kê khen thưởng dưới một đơn vị
cli_registry_form = bieu-duong, giay-khen, bang-khen hoặc ky-niem-chuong
cli_registry_member = Số thành viên được khen
cli_registry_reason = Lý do
cli_registry_authority = Cơ quan quyết định
cli_registry_proposed = Mới là đề nghị
cli_registry_plan = Mã kế hoạch
cli_registry_refuse = Không khen thưởng
cli_registry_commendation_number = Số khen thưởng
cli_registry_member_or_unit = Cần --member hoặc --unit (một trong hai).
cli_registry_commendation_recorded = Đã ghi khen thưởng số { $number }.
cli_registry_commendation_decided = Khen thưởng số { $number }: { $status }.
cli_registry_dossier_upload = Gửi một tài liệu của hồ sơ (PDF, Word, Excel, ảnh)
cli_registry_dossier_accept = Duyệt một tài liệu của hồ sơ
cli_registry_dossier_return = Trả lại một tài liệu, nêu lý do
cli_registry_dossier_show = Xem hồ sơ của một đăng ký
cli_registry_item = Mã tài liệu (vd. to-trinh)
cli_registry_uploaded = Đã gửi { $item } cho đăng ký số { $number }.
cli_registry_reviewed =
    { $decision ->
        [accepted] Đã duyệt { $item } của đăng ký số { $number }.
       *[returned] Đã trả lại { $item } của đăng ký số { $number }.
    }
# handlers/registry_desk.py, handlers/commendation_desk.py: the chat desks
command_unit_registration = đăng ký phong trào cho đơn vị, hồ sơ và kết quả
command_commendation = đề nghị, xét khen thưởng
unit_reg_list = Đăng ký phong trào năm { $year } của đơn vị và các đơn vị trực thuộc:
unit_reg_list_empty = Chưa có đơn vị nào đăng ký phong trào năm { $year }.
unit_reg_new = ➕ Đăng ký mới
unit_reg_back = ↩ Quay lại
unit_reg_scheme = Đăng ký phong trào nào?
unit_reg_no_scheme = Không có kế hoạch nào đang thực hiện có phong trào để đăng ký.
unit_reg_unit = Đơn vị nào đăng ký?
unit_reg_no_unit = Không còn đơn vị nào đăng ký được phong trào này năm nay.
unit_reg_unit_many = Đơn vị nào đăng ký? Có { $count } đơn vị: chọn một trong số dưới đây, hoặc gõ mã hay một phần tên đơn vị.
unit_reg_unit_unknown = { $count ->
    [0] Không thấy đơn vị nào như vậy. Gõ mã hay một phần tên đơn vị, hoặc chọn một nút.
   *[other] Có { $count } đơn vị hợp với chữ đã gõ. Gõ thêm cho rõ, hoặc gõ mã đơn vị.
}
unit_reg_done = ✅ Đã đăng ký { $unit } năm { $year }.
unit_reg_card = Đăng ký số { $number }: { $unit } — { $scheme } ({ $year })
    Kết quả: { $outcome }
unit_reg_upload = 📎 Gửi tài liệu: { $item }
unit_reg_view = 📄 Xem: { $item }
unit_reg_accept = ✔ Duyệt: { $item }
unit_reg_return = ✖ Trả lại: { $item }
unit_reg_complete = Hồ sơ đã đủ.
unit_reg_incomplete = Hồ sơ chưa đủ.
unit_reg_outcome =
    { $outcome ->
        [achieved] 🏆 Ghi: Đạt
        [not_achieved] Ghi: Không đạt
       *[withdrawn] Rút đăng ký
    }
unit_reg_outcome_done = Đã ghi kết quả: { $outcome }.
unit_reg_accepted = ✔ Đã duyệt tài liệu.
unit_reg_photo = Gửi ảnh chụp "{ $item }" (bản giấy, rõ chữ), hoặc tệp PDF, Word (.docx), Excel (.xlsx).
unit_reg_photo_only = Hãy gửi một ảnh chụp tài liệu hoặc một tệp PDF, Word, Excel, hoặc bấm Quay lại.
unit_reg_uploaded = 📎 Đã nhận tài liệu, chờ cấp trên duyệt.
unit_reg_ask_reason = Lý do trả lại tài liệu?
unit_reg_returned = Đã trả lại tài liệu; cán bộ của đơn vị được báo.
commend_no_team = Tổ của bạn chưa có thành viên nào để đề nghị khen thưởng.
commend_member = Đề nghị khen thưởng thành viên nào?
commend_form = Hình thức khen thưởng đề nghị?
commend_reason = Thành tích, lý do đề nghị khen thưởng?
commend_proposed = ✅ Đã gửi đề nghị { $form } cho { $member }; cán bộ Công an xã sẽ xét.
commend_queue = Đề nghị khen thưởng chờ xét ({ $count }):
commend_queue_empty = Không có đề nghị khen thưởng nào chờ xét.
commend_decide = { $line }
commend_grant = 🏅 Khen thưởng
commend_refuse = Không khen thưởng
commend_decided =
    { $status ->
        [granted] 🏅 Đã khen thưởng { $member }; người được khen đã được báo.
       *[refused] Đã ghi không khen thưởng { $member }.
    }
mine_commendations = 🏅 Khen thưởng ({ $count }):
mine_commendation = • { $day }: { $form } ({ $level }) — { $reason }
commend_team = Khen thưởng thành viên của tổ nào?
commend_team_many = Khen thưởng thành viên của tổ nào? Có { $count } tổ: chọn một trong số dưới đây, hoặc gõ mã hay một phần tên tổ.
commend_record = ➕ Ghi khen thưởng
commend_recorded = 🏅 Đã ghi { $form } cho { $member }; người được khen đã được báo.
