## Questions a plan adds to a built-in form, and documents sent in the chat

# campaign/plans.py: a plan's extra questions (extra_fields)
plan_text_too_long = dài { $length } ký tự; tối đa { $limit }
plan_text_empty = không được để trống
plan_extra_needs_options = câu hỏi { $question } loại choice cần các lựa chọn (options)
plan_extra_options_unused = câu hỏi { $question } không phải loại choice nên không có options
plan_extra_option_twice = câu hỏi { $question }: lựa chọn { $option } có hai lần
plan_extra_bounds_unused = câu hỏi { $question } không phải loại number nên không có minimum/maximum
plan_extra_bounds_crossed = câu hỏi { $question }: minimum lớn hơn maximum
plan_extra_key_taken = mẫu đã có câu hỏi { $question }; hãy đặt key khác
plan_extra_unknown_after = câu hỏi { $question }: after phải là một câu hỏi đã có trước đó của mẫu, không phải { $after }
plan_extra_unknown_only_if = câu hỏi { $question }: only_if phải là một câu hỏi lựa chọn đã có trước đó, không phải { $field }
plan_extra_unknown_value = câu hỏi { $question }: only_if { $field } phải là một trong: { $options }
