# campaign/plans.py: cách kế hoạch diễn đạt ngưỡng chỉ tiêu và hạn (issue 13)
plan_compare_or_direction = cho compare (over, at_least, at_most, under hoặc exactly) hoặc direction kiểu cũ, không cho cả hai
plan_one_due_wording = cho đúng một trong: due hoặc by (hạn đúng ngày đó: "đến ngày X", "hạn X"), before (hạn là ngày liền trước: "trước ngày X"), before_month (M/YYYY: "trước tháng M", hạn là ngày cuối tháng liền trước), yearly hoặc yearly_by (dd/mm hằng năm), yearly_before (dd/mm hằng năm, hạn là ngày liền trước)
plan_before_month_shape = before_month là tháng và năm, M/YYYY (8/2023), không phải { $value }
