## A unit's facts (/unitfacts): households, residents, cameras, terrain... by the day in force
command_unit_facts = see and update my unit's facts (households, residents, cameras, terrain...)
menu_unit_facts = 📊 Unit facts
facts_desk_officers_only = A unit's facts are updated by the unit's police officer or an admin above it.
facts_desk_no_unit = Your unit was not found.
facts_desk_gone = This unit or fact is no longer within your reach.
facts_desk_unit = Pick the unit whose facts to see:
facts_desk_unit_many = There are { $count } units. Pick one below, or type a unit's code or part of its name:
facts_desk_unit_unknown =
    { $count ->
        [0] No unit like that. Type a unit's code or part of its name.
       *[other] { $count } units match. Be more precise (the unit's code or full name).
    }
facts_desk_list = 📊 Facts of { $unit } (the values in force today). Pick one to update:
facts_desk_none_yet = not set
facts_desk_in_force = { $value } (since { $since })
facts_desk_other_unit = 🏘 Another unit
facts_desk_card =
    📊 { $fact }
    Unit: { $unit }
    In force: { $now }
facts_desk_use =
    Used for: { $fact ->
        [households] the denominator of targets counted per household (households pledged, cameras installed...).
        [residents] the denominator of targets counted per resident (residents' information collected...).
        [released_prisoners] the denominator of the target of supporting released prisoners to resettle.
        [cameras] the security-camera targets; which units have cameras.
        [staff] the denominator of targets counted per staff member (agencies, enterprises, schools).
        [terrain] which communes a target applies to (urban, lowland, midland, mountain).
        [border] which border communes a target applies to.
        [coastal] which coastal communes a target applies to.
        [new_rural] the targets tied to building new rural areas.
        [new_rural_target_year] which communes aim to reach the new-rural standard in the plan's year.
        [ntm_antt_met] the security criterion of the new-rural standard.
       *[other] the plans' targets that use this fact.
    }
facts_desk_history = Latest updates:
facts_desk_history_line = • from { $since }: { $value } — { $by }{ $note }
facts_desk_source =
    { $source ->
        [cli] by the command line
       *[other] imported from a file
    }
facts_desk_ask =
    { $kind ->
        [count] Type the new value (a whole number, e.g. 4520 or 4,520):
       *[other] Pick the new value:
    }
facts_desk_day = From which day does this value apply? Pick Today or type a date (dd/mm/yyyy):
facts_desk_today = Today
facts_desk_bad_day = Type a date as dd/mm/yyyy (e.g. 01/01/2026), or pick Today.
facts_desk_too_far = { $day } is more than a year ahead. Type another date.
facts_desk_note = A note (optional, e.g. where the figure comes from): type it or pick Skip.
facts_desk_skip = Skip
facts_desk_note_again = Type a note, or pick Skip.
facts_desk_summary =
    Check before saving:
    📊 { $fact }
    Unit: { $unit }
    Value: { $value }
    In force from: { $since }
    Note: { $note }
facts_desk_save = Save
facts_desk_drop = Cancel
facts_desk_saved =
    { $changed ->
        [no] Saved ✅ { $fact } — { $unit }: { $value } from { $since }.
       *[other] Updated ✅ { $fact } — { $unit }: { $replaced } → { $value } from { $since }.
    }
    In force today: { $now }.
