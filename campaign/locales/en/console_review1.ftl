# The console: pages for an address or a form it cannot take (instead of an English JSON error).
console_review1_not_found = There is no such page. Open it again from the menu above.
console_review1_wrong_method = This address cannot be opened directly. Go back to the previous page and do it again.
console_review1_bad_request = The address or the form is not right. Go back to the previous page and try again.
console_review1_problem_title = This page cannot be shown
