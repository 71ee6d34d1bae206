# Targets measured from the data or entered, dated unit facts (campaign/targets.py, campaign/facts.py).

measure_entered = entered by the { $role }
measure_entered_in_charge = entered by the officer in charge of the { $level }
measure_rating_scheme = { $scheme ->
    [phan-loai-510] under decision 510
   *[other] { $scheme }
}
measure_computed = counting { $words }
measure_plus = { $first } + { $second }
measure_out_of = { $part } ÷ { $whole }
measure_of_kinds = { $what } of { $kinds }
measure_where = { $what } with { $filters }
measure_filter = “{ $field }” = { $value }
measure_count = { $count ->
    [entries] verified “{ $area }” entries
    [participants] members who took part in “{ $area }”
    [members] members of the unit
    [sum] total “{ $field }” of “{ $area }”
    [distinct] distinct “{ $field }” of “{ $area }”
    [models] models{ $scheme }
    [registrations] registrations{ $scheme }
    [ratings] ratings{ $scheme }
    [commendations] commendations
    [units] units ({ $kinds })
    [fact] { $field }
   *[deliverables] deliverables submitted
}
measure_level = { $level ->
    [member] member
    [team] team
    [village] village
    [commune] commune
    [province] province
    [agency] agency
    [enterprise] enterprise
    [school] school
    [district] former district
   *[other] { $level }
}
measure_period = { $period ->
    [month] month
    [quarter] quarter
    [half] half-year
    [phase] phase
    [year] year
   *[plan] whole plan
}
plan_target_per_district = target { $target } counts “per former district” but the plan declares no districts: {"{"}rule: former_district{"}"}
plan_where_unknown = cannot filter on { $keys } (only on: { $known })
fact_not_a_count = “{ $value }” is not a count (digits only, e.g. 1250)
fact_not_an_option = “{ $value }” is not an allowed value: { $allowed }

targets_met = ✅ met
targets_not_met = ❌ not met
targets_not_entered = ⏳ not entered
targets_nothing_to_count = ⚪ nothing to count yet (0/0)
targets_open = ⏳ not enough data yet
targets_how = Measured: { $how }
targets_where = Level { $level } · { $period } { $start }–{ $end }
targets_unit_line = { $mark } { $name }: { $value }
targets_rollup = { $name } (roll-up: { $rule }): { $value } { $verdict }
targets_own = { $name }: { $value }
targets_rule = { $rule ->
    [every] every unit meets
    [share] at least { $share } of units meet
    [sum] summed
   *[pooled] numerators over denominators pooled
}
targets_more = … and { $count } more units ({ $met } met)
targets_threshold = Threshold: { $compare ->
    [over] over
    [at_most] at most
    [under] under
    [exactly] exactly
   *[at_least] at least
} { $threshold }
fact_unknown_key = There is no fact “{ $fact }”. Facts: { $known }
fact_not_allowed = Only the unit's police officer or an admin above it may set this fact.
fact_note_too_long = The note is longer than { $limit } characters.
fact_bad_day = “{ $value }” is not a date (dd/mm/yyyy).
fact_row_twice = same unit, fact and day as line { $first }
targets_no_units = (no unit of this level within your scope)
measure_registry_field = { $field ->
    [status] status
    [category] category
    [origin] origin
    [event] with
    [event_level] at
    [outcome] outcome
    [level] level
    [outcome_level] recognised at
    [rating] rating
    [form] form
    [deadline] deadline
    [subject_kind] commended
   *[other] { $field }
}
measure_subject = { $subject ->
    [member] a person
   *[unit] a collective
}
