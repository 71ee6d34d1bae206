# Review and tips: what the services say that the chat's own questions never let through
# (the chat asks again for a reason too short; the web console words the refusal).

reason_too_short = The reason needs at least { $minimum } characters.
