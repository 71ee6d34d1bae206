## Reports the bot drafts (issue 15): periods, who may build them, what they say
drafts_label_half = { $half ->
    [1] first half of { $year }
   *[2] second half of { $year }
}
drafts_label_year = year { $year }
drafts_label_plan = from { $starts } to { $ends }
drafts_period_bad = Cannot read the report period “{ $code }”. Write YYYY-H1, YYYY-H2, YYYY, YYYY-Qn or a phase code of the plan ({ $phases }). The plan's reports:
    { $listing }
drafts_period_none = No report is due in { $code }. The plan's reports (due date, the periods that pick it):
    { $listing }
drafts_period_several = { $count } reports are due in { $code }; pick one with --deadline CODE:
    { $listing }
drafts_deadline_unknown = The plan has no report “{ $deadline }” for this unit. The plan's reports:
    { $listing }
