## Roles in the force and the kinds of unit they sit on

role =
    { $role ->
        [member] Team member
        [deputy] Deputy team leader
        [leader] Team leader
        [officer] Commune police officer
       *[admin] Administrator
    }
unit_kinds_or = { $first } or { $second }
role_misplaced = { $role }: only on a { $allowed }, not on a { $kind }.
