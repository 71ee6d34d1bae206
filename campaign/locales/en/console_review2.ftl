console_review2_roster_unreadable_csv = cannot read the CSV file { $name }: { $error }
console_review2_sheet_too_many = These filters give { $count } invite codes; one sheet prints at most { $limit }. Filter by unit, role or batch.
console_review2_export_too_many = These filters give { $count } rows; one export holds at most { $limit }. Narrow the filters.
