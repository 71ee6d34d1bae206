## Roles in the force and the kinds of unit they sit on

role =
    { $role ->
        [member] Tổ viên
        [deputy] Tổ phó
        [leader] Tổ trưởng
        [officer] Cán bộ Công an xã
       *[admin] Quản trị viên
    }
unit_kinds_or = { $first } hoặc { $second }
role_misplaced = { $role } chỉ thuộc cấp { $allowed }, không thuộc cấp { $kind }.
