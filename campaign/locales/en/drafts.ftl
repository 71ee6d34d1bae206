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
drafts_commanders_only = Only police officers and admins draft reports; leaders and members report through their commune's officer.
drafts_no_plan = There is no plan “{ $plan }”.
drafts_no_unit = There is no such unit.
drafts_not_your_unit = You draft reports only for your unit and the units under it; { $unit } is not one of them.
drafts_plan_not_here = The plan { $plan } does not cover { $unit }.
drafts_not_started = The report period starts on { $starts }: by { $day } there is nothing to report yet.
drafts_subject = { $title }, { $period }
drafts_signer =
    { $kind ->
        [commune] HEAD OF COMMUNE POLICE
        [ward] HEAD OF WARD POLICE
        [special_zone] HEAD OF SPECIAL ZONE POLICE
        [town] HEAD OF TOWNSHIP POLICE
        [province] DIRECTOR
        [team] TEAM LEADER
       *[other] HEAD OF UNIT
    }
drafts_state =
    { $state ->
        [draft] being drafted
        [submitted] submitted
        [accepted] accepted
        [returned] sent back
       *[none] not submitted
    }
drafts_note_plan = Targets are counted under the plan { $plan } ({ $code }); another plan also runs over the unit, and /chitieu shows that one.
drafts_note_rebuilt = Drafted again; the previous draft was made on { $built }, with figures to { $as_of }.
drafts_note_as_of = The standings and the targets' results are as of the day drafted, { $today }; the other figures are to the end of { $as_of }.
