console_review2_roster_unreadable_csv = cannot read the CSV file { $name }: { $error }
