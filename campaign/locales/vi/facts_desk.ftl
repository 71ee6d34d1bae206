## Số liệu của đơn vị (/solieu): hộ, nhân khẩu, camera, địa bàn... theo ngày có hiệu lực
command_unit_facts = xem và cập nhật số liệu của đơn vị (số hộ, nhân khẩu, camera, địa bàn...)
menu_unit_facts = 📊 Số liệu đơn vị
facts_desk_officers_only = Số liệu của đơn vị do cán bộ Công an của đơn vị hoặc quản trị cấp trên cập nhật.
facts_desk_no_unit = Không tìm thấy đơn vị của bạn.
facts_desk_gone = Đơn vị hoặc số liệu này không còn trong phạm vi của bạn.
facts_desk_unit = Chọn đơn vị cần xem số liệu:
facts_desk_unit_many = Có { $count } đơn vị. Chọn một đơn vị dưới đây, hoặc nhập mã hay một phần tên đơn vị:
facts_desk_unit_unknown =
    { $count ->
        [0] Không tìm thấy đơn vị nào như vậy. Hãy nhập mã hoặc một phần tên đơn vị.
       *[other] Có { $count } đơn vị khớp. Hãy nhập rõ hơn (mã đơn vị hoặc tên đầy đủ).
    }
facts_desk_list = 📊 Số liệu của { $unit } (giá trị đang áp dụng hôm nay). Chọn một mục để cập nhật:
facts_desk_none_yet = chưa có
facts_desk_in_force = { $value } (từ { $since })
facts_desk_other_unit = 🏘 Đơn vị khác
facts_desk_card =
    📊 { $fact }
    Đơn vị: { $unit }
    Đang áp dụng: { $now }
facts_desk_use =
    Dùng để: { $fact ->
        [households] mẫu số của các chỉ tiêu tính theo hộ gia đình (tỷ lệ hộ ký cam kết, lắp camera...).
        [residents] mẫu số của các chỉ tiêu tính theo nhân khẩu (tỷ lệ thông tin nhân khẩu được thu thập...).
        [released_prisoners] mẫu số của chỉ tiêu hỗ trợ người chấp hành xong án phạt tù tái hòa nhập.
        [cameras] chỉ tiêu lắp camera an ninh; xét đơn vị đã có camera.
        [staff] mẫu số của các chỉ tiêu tính theo cán bộ, nhân viên (cơ quan, doanh nghiệp, trường học).
        [terrain] chọn các xã mà chỉ tiêu áp dụng (đô thị, đồng bằng, trung du, miền núi).
        [border] chọn các xã biên giới mà chỉ tiêu áp dụng.
        [coastal] chọn các xã ven biển mà chỉ tiêu áp dụng.
        [new_rural] xét các chỉ tiêu gắn với xây dựng nông thôn mới.
        [new_rural_target_year] chọn các xã phấn đấu về đích nông thôn mới trong năm của kế hoạch.
        [ntm_antt_met] xét tiêu chí an ninh, trật tự trong xây dựng nông thôn mới.
       *[other] các chỉ tiêu của kế hoạch có dùng số liệu này.
    }
facts_desk_history = Các lần cập nhật gần nhất:
facts_desk_history_line = • từ { $since }: { $value } — { $by }{ $note }
facts_desk_source =
    { $source ->
        [cli] qua dòng lệnh
       *[other] nhập từ tệp
    }
facts_desk_ask =
    { $kind ->
        [count] Nhập giá trị mới (số nguyên, ví dụ 4520 hoặc 4.520):
       *[other] Chọn giá trị mới:
    }
facts_desk_day = Giá trị này áp dụng từ ngày nào? Chọn Hôm nay hoặc nhập ngày (dd/mm/yyyy):
facts_desk_today = Hôm nay
facts_desk_bad_day = Hãy nhập ngày dạng dd/mm/yyyy (ví dụ 01/01/2026), hoặc chọn Hôm nay.
facts_desk_too_far = Ngày { $day } xa quá một năm tới. Hãy nhập ngày khác.
facts_desk_note = Ghi chú (không bắt buộc, ví dụ nguồn số liệu): nhập ghi chú hoặc chọn Bỏ qua.
facts_desk_skip = Bỏ qua
facts_desk_note_again = Hãy nhập ghi chú, hoặc chọn Bỏ qua.
facts_desk_summary =
    Kiểm tra lại trước khi lưu:
    📊 { $fact }
    Đơn vị: { $unit }
    Giá trị: { $value }
    Áp dụng từ: { $since }
    Ghi chú: { $note }
facts_desk_save = Lưu
facts_desk_drop = Hủy
facts_desk_saved =
    { $changed ->
        [no] Đã lưu ✅ { $fact } — { $unit }: { $value } từ { $since }.
       *[other] Đã cập nhật ✅ { $fact } — { $unit }: { $replaced } → { $value } từ { $since }.
    }
    Đang áp dụng hôm nay: { $now }.
