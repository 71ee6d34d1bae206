## Refusals of things typed or uploaded: settings, plan files, roster files, units, the web
## chat's JSON API. A value shown as typed ($value and the like) comes quoted by the code.

# bot/settings.py
settings_webhook_https = URL webhook phải bắt đầu bằng https://
settings_http_url = cần một URL http(s)
settings_not_a_telegram_token = không phải token bot Telegram (số:chữ, lấy từ BotFather)
settings_not_a_zalo_token = không phải token bot Zalo (bot_id:secret, lấy từ Zalo Bot Creator)
settings_one_of = phải là một trong: { $choices }
settings_no_catalog_folder = không có thư mục ngôn ngữ campaign/locales/{ $code }
settings_unknown_zone = múi giờ không có: { $zone } (ví dụ Asia/Ho_Chi_Minh)
settings_database_url = cần một URL sqlite:/// hoặc postgresql://
settings_secret_key_short = phải dài ít nhất 32 ký tự
settings_cannot_create_data_dir = ANTT_DATA_DIR: không tạo được { $folder }: { $error }

# campaign/plans.py: a value
plan_day_with_time = cần một ngày không kèm giờ, ví dụ 19/8/2024, không phải { $value }
plan_day_shape = ngày viết dạng 19/8/2024 hoặc 2024-08-19, không phải { $value }
plan_no_such_day = không có ngày { $value }
plan_year_range = năm phải từ { $first } đến { $last }, không phải { $year }
plan_every_year_day = cần ngày và tháng có ở mọi năm, dd/mm, không phải { $value }
plan_yearly_shape = yearly phải là ngày và tháng, dd/mm, không phải { $value }
# campaign/plans.py: fields that must agree
plan_phase_ends_before_start = một đợt không thể kết thúc trước khi bắt đầu
plan_unknown_form = không có mẫu { $form }; các mẫu có: { $known }
plan_ratio_threshold = ngưỡng tỉ lệ nằm giữa 0 và 1 (0.8 là 80%)
plan_measure_shape = measure phải là entries:<lĩnh vực>, members_with:<lĩnh vực>, manual, hoặc một mục có computed: hay entered:
plan_measure_one_way = cách đo phải là computed: (tính từ dữ liệu) hoặc entered: (nhập tay), chỉ một trong hai
plan_ends_before_start = kế hoạch kết thúc trước khi bắt đầu
plan_phase_outside = đợt { $phase } nằm ngoài thời gian của kế hoạch
plan_phases_overlap = hai đợt { $earlier } và { $later } chồng lên nhau
plan_code_twice =
    { $what ->
        [phase] mã đợt
        [area] mã lĩnh vực
        [target] mã chỉ tiêu
        [deadline] mã hạn nộp
       *[grade] mã xếp loại
    } { $code } được dùng hai lần
plan_target_unknown_area = chỉ tiêu { $target } đo lĩnh vực không có: { $area }
# campaign/plans.py: the file
plan_line = dòng { $line }: { $problem }
plan_field = dòng { $line }: { $field }: { $problem }
plan_too_long = dòng 1: một tệp kế hoạch chứa tối đa { NUMBER($limit, useGrouping: 1) } ký tự
plan_too_many_values = quá { NUMBER($limit, useGrouping: 1) } giá trị (tính cả alias)
plan_not_yaml = không phải YAML hợp lệ: { $why }
plan_character_not_allowed = không phải YAML hợp lệ: ký tự #x{ $character } không được phép
plan_nested_too_deep = lồng sâu quá { $depth } tầng
plan_alias_in_own_anchor = alias *{ $alias } nằm trong chính anchor của nó
plan_alias_nests_too_deep = *{ $alias } lồng sâu quá { $depth } tầng
plan_key_twice = { $name } có hai lần (lần đầu ở dòng { $first })
plan_not_a_mapping = một kế hoạch là một nhóm mục (name: ..., phases: ...)

# campaign/roster.py: the columns, as a header names them
roster_column_number = STT
roster_column_name = Họ và tên
roster_column_birth = Ngày sinh
roster_column_role = Chức vụ/Vai trò
roster_column_phone = Số điện thoại
roster_column_unit = Đơn vị/Tổ
roster_column_joined = Ngày vào tổ
# A column named in the no-header refusal (English adds the Vietnamese header a file has).
roster_column_as_header = { $label }
roster_no_header_row = Không tìm thấy dòng tiêu đề cột trong { $rows } dòng đầu. Cần các cột: { $needed }; có thể thêm: { $optional }. Tên cột không phân biệt hoa thường, có dấu hay không.
roster_no_unit = thiếu đơn vị
roster_no_full_name = thiếu họ tên
roster_not_a_full_name = họ tên không hợp lệ: { $name }
roster_unknown_role = vai trò không rõ: { $role } (Tổ viên, Tổ phó, Tổ trưởng, Cán bộ Công an xã)
roster_not_a_phone = số điện thoại không hợp lệ: { $phone }
roster_not_a_joining_date = ngày vào tổ không hợp lệ: { $day } (dd/mm/yyyy)
roster_joining_date_in_future = ngày vào tổ { $day } chưa tới

# campaign/units.py
unit_code_shape = Mã đơn vị { $code } không hợp lệ: chỉ dùng chữ không dấu, số và . _ - (không dấu cách, tối đa 64 ký tự), ví dụ HN-XA-01-T1.
unit_kind_unknown = Cấp đơn vị { $kind } không hợp lệ: dùng một trong { $known } (antt-bot unit kind list).
unit_kind_shape = Cấp đơn vị { $kind } không hợp lệ: dùng chữ thường không dấu, số, dấu gạch dưới (tối đa 20 ký tự), ví dụ province, commune, team.
unit_under_a_team = Không thể đặt đơn vị nào dưới một tổ: tổ là cấp thấp nhất.
unit_team_needs_a_commune = Một tổ phải thuộc một xã (--parent MÃ_XÃ).
unit_commune_under_a_commune = Không thể đặt một xã dưới một xã khác.
unit_province_on_top = Tỉnh là cấp cao nhất: không đặt dưới đơn vị nào.

# bot/channels/web.py: the web chat's JSON API
web_json_or_form = Gửi JSON hoặc multipart/form-data.
web_message_too_large = Tin nhắn quá lớn.
web_exactly_one = Gửi đúng một trong: text, choice, location.
web_photo_missing = Thiếu ảnh (trường photo).
web_photo_too_large = Ảnh quá lớn (tối đa 10 MB).
web_unreadable_photo = Không đọc được ảnh: chỉ nhận ảnh JPEG, PNG hoặc WebP nguyên vẹn.
web_other_origin = Yêu cầu bị từ chối: nó đến từ một trang khác, không phải trang trò chuyện này.
web_message_id_shape = message_id: tối đa 100 chữ, số, _ hoặc -.
web_nul_character = không được chứa ký tự NUL
web_no_such_file = Không có tệp này.

# bot/limits.py, bot/app.py: any route
http_body_too_large = Nội dung gửi lên quá lớn.
http_database_away = Máy chủ tạm thời không đọc được dữ liệu. Vui lòng thử lại sau ít phút.
