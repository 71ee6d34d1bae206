## Entries, edits and a member's settings, as the services refuse them (any door)

edit_field_locked = This answer of { $reference } cannot be changed: it holds or decides the informant's details.
language_not_offered = The language { $code } is not offered. Choose one of: { $offered }.
