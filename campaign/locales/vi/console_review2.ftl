console_review2_roster_unreadable_csv = không đọc được tệp CSV { $name }: { $error }
