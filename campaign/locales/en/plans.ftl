# campaign/plans.py: a plan's wording of its thresholds and deadlines (issue 13)
plan_compare_or_direction = give compare (over, at_least, at_most, under or exactly) or the older direction, not both
plan_one_due_wording = give exactly one of due or by (due that day: "đến ngày X", "hạn X"), before (due the day before: "trước ngày X"), before_month (M/YYYY: "trước tháng M", due the last day of the month before), yearly or yearly_by (dd/mm every year), yearly_before (dd/mm every year, due the day before)
plan_before_month_shape = before_month is a month and year, M/YYYY (8/2023), not { $value }
