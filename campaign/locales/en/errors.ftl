## Refusals of things typed or uploaded: settings, plan files, roster files, units, the web
## chat's JSON API. A value shown as typed ($value and the like) comes quoted by the code.

# bot/settings.py
settings_webhook_https = a webhook URL must start with https://
settings_http_url = expected an http(s) URL
settings_not_a_telegram_token = not a Telegram bot token (digits:letters, from BotFather)
settings_not_a_zalo_token = not a Zalo bot token (bot_id:secret, from Zalo Bot Creator)
settings_one_of = must be one of: { $choices }
settings_no_catalog_folder = no catalog folder campaign/locales/{ $code }
settings_unknown_zone = unknown time zone { $zone } (e.g. Asia/Ho_Chi_Minh)
settings_database_url = expected a sqlite:/// or postgresql:// URL
settings_secret_key_short = must be at least 32 characters
settings_cannot_create_data_dir = ANTT_DATA_DIR: cannot create { $folder }: { $error }

# campaign/plans.py: a value
plan_day_with_time = a date without a time is wanted, e.g. 19/8/2024, not { $value }
plan_day_shape = a date is written 19/8/2024 or 2024-08-19, not { $value }
plan_no_such_day = there is no day { $value }
plan_year_range = the year must be between { $first } and { $last }, not { $year }
plan_every_year_day = a day and month every year has is wanted, dd/mm, not { $value }
plan_yearly_shape = yearly must be a day and month, dd/mm, not { $value }
# campaign/plans.py: fields that must agree
plan_phase_ends_before_start = a phase cannot end before it starts
plan_unknown_form = unknown form { $form }; known forms: { $known }
plan_ratio_threshold = a ratio threshold is between 0 and 1 (0.8 for 80%)
plan_measure_shape = measure is entries:<area>, members_with:<area>, manual, or a mapping with computed: or entered:
plan_measure_one_way = a measure is either computed: or entered:, one of them
plan_ends_before_start = the plan ends before it starts
plan_phase_outside = phase { $phase } lies outside the plan's period
plan_phases_overlap = phases { $earlier } and { $later } overlap
plan_code_twice = { $what } code { $code } is used twice
plan_target_unknown_area = target { $target } measures unknown area { $area }
# campaign/plans.py: the file
plan_line = line { $line }: { $problem }
plan_field = line { $line }: { $field }: { $problem }
plan_too_long = line 1: a plan file holds at most { NUMBER($limit, useGrouping: 1) } characters
plan_too_many_values = more than { NUMBER($limit, useGrouping: 1) } values (aliases counted)
plan_not_yaml = not valid YAML: { $why }
plan_character_not_allowed = not valid YAML: character #x{ $character } is not allowed
plan_nested_too_deep = nested more than { $depth } deep
plan_alias_in_own_anchor = the alias *{ $alias } is inside its own anchor
plan_alias_nests_too_deep = *{ $alias } nests more than { $depth } deep
plan_key_twice = { $name } is given twice (first on line { $first })
plan_not_a_mapping = a plan is a mapping of fields (name: ..., phases: ...)

# campaign/roster.py: the columns, as a header names them
roster_column_number = No.
roster_column_name = Full name
roster_column_birth = Date of birth
roster_column_role = Role
roster_column_phone = Phone
roster_column_unit = Unit/Team
roster_column_joined = Joined on
# A column named in the no-header refusal (English adds the Vietnamese header a file has).
roster_column_as_header = { $vietnamese } ({ $label })
roster_no_header_row = No header row naming the columns in the first { $rows } rows. Needed: { $needed }; optional: { $optional }. Headers are read without regard to case or marks.
roster_no_unit = no unit
roster_no_full_name = no full name
roster_not_a_full_name = not a full name: { $name }
roster_unknown_role = unknown role: { $role } (Tổ viên, Tổ phó, Tổ trưởng, Cán bộ Công an xã)
roster_not_a_phone = not a phone number: { $phone }
roster_not_a_joining_date = not a joining date: { $day } (dd/mm/yyyy)
roster_joining_date_in_future = joining date { $day } is in the future

# campaign/units.py
unit_code_shape = Unit code { $code } is not valid: use letters without marks, digits and . _ - (no spaces, at most 64 characters), e.g. HN-XA-01-T1.
unit_kind_unknown = Unit kind { $kind } is not valid: use one of { $known } (antt-bot unit kind list).
unit_kind_shape = Unit kind { $kind } is not valid: lower-case letters without marks, digits, underscores (at most 20), e.g. province, commune, team.
unit_under_a_team = Nothing can sit under a team: a team is the lowest level.
unit_team_needs_a_commune = A team must belong to a commune (--parent COMMUNE_CODE).
unit_commune_under_a_commune = A commune cannot sit under another commune.
unit_province_on_top = A province is the top level: it sits under nothing.

# bot/channels/web.py: the web chat's JSON API
web_json_or_form = Send JSON or multipart/form-data.
web_message_too_large = The message is too large.
web_exactly_one = Send exactly one of: text, choice, location.
web_photo_missing = No photo (the photo field).
web_photo_too_large = The photo is too large (at most 10 MB).
web_unreadable_photo = Cannot read the photo: only whole JPEG, PNG or WebP images are taken.
web_other_origin = Request refused: it comes from another page, not this chat page.
web_message_id_shape = message_id: at most 100 letters, digits, _ or -.
web_nul_character = must not contain a NUL character
web_no_such_file = No such file.

# bot/limits.py, bot/app.py: any route
http_body_too_large = The request body is too large.
http_database_away = The server cannot read its data for the moment. Please try again in a few minutes.
