console_review2_roster_unreadable_csv = không đọc được tệp CSV { $name }: { $error }
console_review2_sheet_too_many = Có { $count } mã mời theo bộ lọc này; một tờ in tối đa { $limit } mã. Hãy lọc theo đơn vị, vai trò hoặc đợt phát.
console_review2_export_too_many = Có { $count } dòng theo bộ lọc này; một tệp xuất tối đa { $limit } dòng. Hãy lọc hẹp hơn.
