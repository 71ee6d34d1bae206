## Submissions for a plan's deadline (issue 15): documents, checklist, withdraw, decisions
submission_any_document = a document
submission_document_not_yours = This document is not one you just sent, or it belongs to something else already.
submission_withdraw_first = The report is submitted. To change it, withdraw it first (you may until the end of its due day).
submission_decided_already = The level above has decided on this report; it can no longer be withdrawn or changed.
submission_not_submitted = This report is not submitted.
submission_withdraw_too_late = It was due { $due }: too late to withdraw it.
submission_submitted_already = Your unit has submitted this report already.
submission_returned_change_first = The report was sent back: send what is missing (or drop the wrong document), then submit it again.
submission_incomplete = Not submitted yet, still missing: { $items }.
submission_changed = This report has just changed (someone submitted, withdrew or decided on it). Please look again.
submission_not_found = This report was not found, or you may not see it.
submission_not_yours_to_decide = Only an officer or admin of a unit above the submitting one may accept or send back this report.
submission_accepted = ✅ The level above accepted your unit's { $title } (due { $due }).
submission_returned = ↩️ The level above sent back your unit's { $title } (due { $due }). Reason: { $reason }
    Correct it and submit again with /danop.
console_action_deliverable_drafted = Started gathering a submission
console_action_deliverable_document_added = Added a document to a submission
console_action_deliverable_document_dropped = Dropped a document from a submission
console_action_deliverable_withdrawn = Withdrew a submission
console_action_deliverable_accepted = Accepted a submission
console_action_deliverable_returned = Sent a submission back
