## The roster files (bot/roster_files.py): a file that cannot be read, the invite workbook

roster_unreadable_excel = không đọc được tệp Excel { $name }: { $error }
roster_not_utf8 = { $name } không phải UTF-8; hãy lưu lại dạng CSV UTF-8
roster_not_a_table = chỉ nhận tệp .xlsx hoặc .csv, không phải { $suffix }
invites_sheet = Mã mời
invites_column_number = STT
invites_column_line = Dòng trong tệp
invites_column_unit = Đơn vị
invites_column_unit_code = Mã đơn vị
invites_column_name = Họ và tên
invites_column_role = Vai trò
invites_column_code = Mã mời
invites_column_expires = Hết hạn
invites_column_note = Ghi chú
invites_source = Danh sách
invites_made = Lập lúc
invites_usage = Cách dùng
invites_usage_text = mỗi người mở trò chuyện với bot và gửi mã của mình, trước ngày hết hạn
invites_title = DANH SÁCH MÃ MỜI
invites_note =
    { $state ->
        [new] mới
        [registered] đã đăng ký
       *[kept] đã có
    }
