## Chỉ tiêu nhập tay (/nhapchitieu): giá trị hoặc đạt / không đạt theo đơn vị và kỳ
command_enter_target = nhập chỉ tiêu mà dữ liệu của bot không thể hiện (số liệu hoặc đạt / không đạt)
menu_enter_target = ✍️ Nhập chỉ tiêu
target_value_commanders_only = Việc nhập chỉ tiêu do cán bộ, tổ trưởng được giao thực hiện.
target_value_none = Hiện không có chỉ tiêu nào bạn cần nhập trong kỳ này.
target_value_gone = Chỉ tiêu này không còn thuộc phần việc của bạn (vai trò hoặc kế hoạch đã thay đổi).
target_value_pick = Chỉ tiêu cần nhập trong kỳ hiện tại (✅ đã nhập, ⬜ chưa nhập, 🔒 đã khóa sổ). Chọn một chỉ tiêu:
target_value_card =
    🎯 { $target }
    Kế hoạch: { $plan }
    Đơn vị: { $unit }
    Kỳ: { $start } – { $end }
target_value_quote = Nguyên văn: “{ $quote }”
target_value_current = Đã nhập: { $value } (ngày { $at }). Nhập lại sẽ thay giá trị này.
target_value_hint = Bot đếm được từ dữ liệu: { $count } (để tham khảo).
target_value_ask =
    { $way ->
        [count] Nhập số lượng (số nguyên, ví dụ 0 hoặc 12):
        [value] Nhập số liệu (ví dụ 12 hoặc 0,5):
        [ratio] Nhập tỉ lệ: phần trăm (ví dụ 85%) hoặc hai số (ví dụ 17/20):
       *[met] Chỉ tiêu này đạt hay không đạt?
    }
target_value_met = ✅ Đạt
target_value_not_met = ❌ Không đạt
target_value_note = Ghi chú (không bắt buộc): nhập ghi chú hoặc chọn Bỏ qua.
target_value_skip = Bỏ qua
target_value_note_again = Hãy nhập ghi chú, hoặc chọn Bỏ qua.
target_value_evidence = Gửi ảnh minh chứng hoặc tệp PDF, Word (.docx), Excel (.xlsx) (không bắt buộc), hoặc chọn Không kèm minh chứng.
target_value_no_evidence = Không kèm minh chứng
target_value_evidence_or_none = Bước này cần một ảnh hoặc một tệp PDF, Word, Excel, hoặc chọn Không kèm minh chứng.
target_value_summary =
    Kiểm tra lại trước khi lưu:
    🎯 { $target }
    Đơn vị: { $unit }
    Kỳ: { $start } – { $end }
    Giá trị: { $value }
    Ghi chú: { $note }
    Minh chứng: { $evidence ->
        [yes] có ảnh
        [file] có tệp { $name }
       *[no] không kèm mới
    }
target_value_save = 💾 Lưu
target_value_drop = Hủy
target_value_saved =
    { $changed ->
        [yes] Đã cập nhật ✅ { $target } — { $unit }: { $before } → { $value }.
       *[no] Đã lưu ✅ { $target } — { $unit }: { $value }.
    }
target_value_bad_count = “{ $typed }” không phải số lượng: hãy nhập một số nguyên từ 0 trở lên (ví dụ 0 hoặc 12).
target_value_bad_number = “{ $typed }” không phải số: hãy nhập ví dụ 12 hoặc 0,5.
target_value_bad_ratio = “{ $typed }” không phải tỉ lệ: hãy nhập phần trăm từ 0 đến 100 (ví dụ 85%) hoặc hai số (ví dụ 17/20, số trước không lớn hơn số sau).
target_value_bad_met = “{ $typed }” không rõ: hãy trả lời “đạt” hoặc “không đạt”.
target_value_closed = Kỳ { $start } – { $end } đã khóa sổ ngày { $closed }: không thể nhập hoặc sửa chỉ tiêu này nữa.
target_value_no_plan = Không có kế hoạch { $plan }.
target_value_no_unit = Không có đơn vị { $unit }.
target_value_no_target = Kế hoạch { $plan } không có chỉ tiêu nhập tay { $target }.
target_value_not_for_unit = Chỉ tiêu { $target } không áp dụng cho đơn vị { $unit } (khác cấp hoặc ngoài phạm vi kế hoạch).
target_value_outside_scope = Đơn vị { $unit } nằm ngoài phạm vi kế hoạch { $plan }.
target_value_outside_plan = Ngày { $day } nằm ngoài thời gian của kế hoạch.
target_value_value_or_met = Cần đúng một trong hai: --value hoặc --met.
target_value_met_kind = Chỉ tiêu { $target } nhập đạt / không đạt: dùng --met yes hoặc --met no.
target_value_not_met_kind = Chỉ tiêu { $target } nhập số liệu: dùng --value.
target_value_close_not_yours = Chỉ quản trị viên hoặc cán bộ cấp trên của đơn vị mới được khóa sổ kỳ này.
target_value_no_period = Kế hoạch không có kỳ chỉ tiêu nào bắt đầu ngày { $start }.
target_value_reminder =
    ✍️ Còn { $days } ngày đến hết kỳ ({ $end }): chưa nhập chỉ tiêu “{ $target }” ({ $plan }) cho: { $units }.
    Nhập bằng lệnh /nhapchitieu.
## Dòng lệnh: antt-bot target
cli_target_values = Chỉ tiêu nhập tay: nhập, xem, khóa sổ kỳ.
cli_target_set_help = Nhập (hoặc sửa) giá trị một chỉ tiêu của một đơn vị trong kỳ chứa ngày --on.
cli_target_close_help = Khóa sổ một kỳ của kế hoạch cho đơn vị và các đơn vị cấp dưới: từ đó chỉ được xem.
cli_target_list_help = Các chỉ tiêu nhập tay của kế hoạch cho đơn vị và cấp dưới, trong kỳ chứa ngày --on.
cli_target_code = Mã chỉ tiêu
cli_target_unit = Mã đơn vị
cli_target_on = Ngày trong kỳ (dd/mm/yyyy; mặc định hôm nay)
cli_target_value = Giá trị (số, phần trăm 85% hoặc 17/20)
cli_target_met = Đạt hay không: yes / no (có / không)
cli_target_note = Ghi chú
cli_target_evidence = Tệp minh chứng (ảnh, PDF, DOCX, XLSX)
cli_target_period_start = Ngày đầu kỳ (dd/mm/yyyy)
cli_target_saved = Đã lưu { $target } — { $unit } ({ $start } – { $end }): { $value }.
cli_target_changed = Đã sửa { $target } — { $unit } ({ $start } – { $end }): { $before } → { $value }.
cli_target_closed = Đã khóa sổ kỳ bắt đầu { $start } của { $plan } cho { $unit } và cấp dưới.
cli_target_closed_already = Kỳ này đã khóa sổ cho { $unit } từ trước.
cli_target_not_entered = chưa nhập
cli_target_locked = đã khóa sổ
cli_target_nothing = Không có chỉ tiêu nhập tay nào cho đơn vị này.
