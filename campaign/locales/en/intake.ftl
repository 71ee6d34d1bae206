## Questions a plan adds to a built-in form, and documents sent in the chat

# campaign/plans.py: a plan's extra questions (extra_fields)
plan_text_too_long = { $length } characters long; at most { $limit }
plan_text_empty = must not be empty
plan_extra_needs_options = question { $question } is a choice and needs options
plan_extra_options_unused = question { $question } is not a choice and takes no options
plan_extra_option_twice = question { $question }: option { $option } is given twice
plan_extra_bounds_unused = question { $question } is not a number and takes no minimum/maximum
plan_extra_bounds_crossed = question { $question }: minimum is above maximum
plan_extra_key_taken = the form already asks { $question }; choose another key
plan_extra_unknown_after = question { $question }: after must name a question asked before it, not { $after }
plan_extra_unknown_only_if = question { $question }: only_if must name a choice question asked before it, not { $field }
plan_extra_unknown_value = question { $question }: only_if { $field } must be one of: { $options }
