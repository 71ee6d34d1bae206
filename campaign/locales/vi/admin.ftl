## Units and the invites an administrator issues: what services/units.py and
## services/invites.py refuse (said by the command line, and the console to come)

admin_no_unit = Không có đơn vị { $code }.
admin_no_parent = Không có đơn vị cấp trên { $code }.
admin_no_successor = Không có đơn vị kế thừa { $code }.
admin_unit_closed = Đơn vị { $code } đã đóng từ { $day }.
admin_unit_exists = Đơn vị { $code } đã tồn tại.
admin_name_too_long = Tên đơn vị dài { $length } ký tự, tối đa { $most } ký tự.
admin_cannot_move_inside = Không thể đặt { $code } dưới { $parent }: { $parent } nằm trong { $code }.
admin_closing_day_not_come = Ngày đóng { $day } chưa tới: hãy đóng đơn vị vào ngày đó hoặc sau đó.
admin_closing_day_before_start = Ngày đóng { $day } trước ngày đơn vị bắt đầu ({ $began }).
admin_unit_holds =
    { $shape ->
        [people] { $people } thành viên
        [units] { $units }
       *[both] { $people } thành viên, { $units }
    }
admin_unit_still_holds = Đơn vị { $code } còn { $held }: chuyển đi (antt-bot unit move) hoặc sáp nhập (antt-bot unit merge { $code } --into MÃ) trước khi đóng.
admin_cannot_merge_inside = Không thể sáp nhập { $code } vào { $into }: { $into } là chính nó hoặc nằm trong nó.
admin_cannot_merge_kinds = Không thể sáp nhập { $code } ({ $kind }) vào { $into } ({ $into_kind }): hai đơn vị phải cùng cấp.
admin_role_misplaced = đơn vị { $code }: { $problem }
admin_not_created = Không tạo được: { $problem }
admin_invite_count = Số mã mời mỗi lần phải từ 1 đến { $most }.
admin_invite_days = Số ngày hiệu lực của mã mời phải từ 1 đến { $most }.
