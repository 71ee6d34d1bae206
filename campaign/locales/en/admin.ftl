## Units and the invites an administrator issues: what services/units.py and
## services/invites.py refuse (said by the command line, and the console to come)

admin_no_unit = No unit { $code }.
admin_no_parent = No unit { $code } to sit under.
admin_no_successor = No unit { $code } to merge into.
admin_unit_closed = Unit { $code } was closed on { $day }.
admin_unit_exists = Unit { $code } already exists.
admin_name_too_long = The unit name is { $length } characters long; at most { $most } characters.
admin_cannot_move_inside = Cannot put { $code } under { $parent }: { $parent } is inside { $code }.
admin_closing_day_not_come = The closing day { $day } has not come: close the unit on or after it.
admin_closing_day_before_start = The closing day { $day } is before the unit began ({ $began }).
admin_unit_holds =
    { $shape ->
        [people] { $people } member(s)
        [units] { $units }
       *[both] { $people } member(s), { $units }
    }
admin_unit_still_holds = Unit { $code } still holds { $held }: move them (antt-bot unit move) or merge (antt-bot unit merge { $code } --into CODE) before closing.
admin_cannot_merge_inside = Cannot merge { $code } into { $into }: { $into } is the unit itself or inside it.
admin_cannot_merge_kinds = Cannot merge { $code } ({ $kind }) into { $into } ({ $into_kind }): both must be of one kind.
admin_role_misplaced = unit { $code }: { $problem }
admin_not_created = Not created: { $problem }
admin_invite_count = Between 1 and { $most } invite codes at a time.
admin_invite_days = Invite codes stay valid between 1 and { $most } days.
