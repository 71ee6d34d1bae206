# antt-bot unit fact … and the targets of antt-bot plan show (bot/cli_facts.py).

cli_fact_help = Số liệu của đơn vị theo ngày (số hộ, nhân khẩu, camera, địa bàn…).
cli_fact_set_help = Đặt một số liệu của đơn vị, áp dụng từ một ngày.
cli_fact_key_help = Mã chỉ số: households, residents, released_prisoners, cameras, staff, terrain, border, coastal, new_rural, ntm_antt_met
cli_fact_value_help = Giá trị (số, hoặc ví dụ: miền núi, có, không)
cli_fact_from_help = Áp dụng từ ngày (dd/mm/yyyy)
cli_fact_note_help = Ghi chú (nguồn số liệu)
cli_fact_set = { $unit }: { $fact } = { $value } từ { $day } (trước đó cùng ngày: { $before }).
cli_fact_list_help = Liệt kê các số liệu đã đặt của một đơn vị.
cli_fact_none = Chưa có số liệu nào.
cli_fact_import_help = Nhập số liệu từ tệp CSV (cột: mã đơn vị, chỉ số, giá trị, từ ngày); kiểm tra mọi dòng trước khi ghi.
cli_fact_file_help = Tệp CSV (UTF-8)
cli_fact_dry_run_help = Chỉ kiểm tra, không ghi gì.
cli_fact_file_utf8 = Tệp phải là CSV mã UTF-8.
cli_fact_file_columns = Tệp thiếu cột: { $missing } (cần: unit, key, value, valid_from hoặc mã đơn vị, chỉ số, giá trị, từ ngày).
cli_fact_row = Dòng { $line }: { $why }
cli_fact_nothing_written = { $count } dòng lỗi: chưa ghi gì.
cli_fact_would_import = Tệp hợp lệ: sẽ ghi { $count } số liệu (chạy thử, chưa ghi).
cli_fact_imported = Đã ghi { $count } số liệu.
cli_plan_show_unit = Xem chỉ tiêu theo đơn vị này (mặc định: đơn vị của kế hoạch)
cli_plan_show_on = Tính đến ngày (dd/mm/yyyy; mặc định: hôm nay)
cli_targets_on = (tính đến { $day })
