## Pydantic's validation errors, for people who edit a setting or a plan file (campaign/validation.py)

validation_missing = missing, it is required
validation_extra_forbidden = no such field
validation_int_parsing = must be a whole number
validation_int_type = must be a whole number
validation_int_from_float = must be a whole number
validation_float_parsing = must be a number
validation_float_type = must be a number
validation_finite_number = must be a finite number
validation_bool_parsing = must be true or false
validation_bool_type = must be true or false
validation_string_type = must be text
validation_string_too_short = too short (at least { $min_length } { $min_length ->
        [one] character
       *[other] characters
    })
validation_string_too_long = too long (at most { $max_length } { $max_length ->
        [one] character
       *[other] characters
    })
validation_string_pattern_mismatch = does not match { $pattern }
validation_greater_than = must be greater than { $gt }
validation_greater_than_equal = must be at least { $ge }
validation_less_than = must be less than { $lt }
validation_less_than_equal = must be at most { $le }
validation_literal_error = must be one of: { $expected }
validation_enum = must be one of: { $expected }
validation_date_parsing = not a valid date (YYYY-MM-DD)
validation_date_from_datetime_parsing = not a valid date (YYYY-MM-DD)
validation_date_type = must be a date (YYYY-MM-DD)
validation_datetime_parsing = not a valid date and time
validation_list_type = must be a list
validation_tuple_type = must be a list
validation_dict_type = must be a mapping (key: value)
validation_model_type = must be a mapping (key: value)
validation_model_attributes_type = must be a mapping (key: value)
validation_too_short = too few items (at least { $min_length })
validation_too_long = too many items (at most { $max_length })
validation_url_parsing = not a valid URL
validation_or = {" "}or{" "}
