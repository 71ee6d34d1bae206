## Questions a plan adds to a built-in form, and documents sent in the chat

# campaign/plans.py: a plan's extra questions (extra_fields)
plan_text_too_long = { $length } characters long; at most { $limit }
plan_text_empty = must not be empty
plan_extra_needs_options = question { $question } is a choice and needs options
plan_extra_options_unused = question { $question } is not a choice and takes no options
plan_extra_option_twice = question { $question }: option { $option } is given twice
plan_extra_bounds_unused = question { $question } is not a number and takes no minimum/maximum
plan_extra_bounds_crossed = question { $question }: minimum is above maximum
plan_extra_key_taken = the form already asks { $question }; choose another key
plan_extra_unknown_after = question { $question }: after must name a question asked before it, not { $after }
plan_extra_unknown_only_if = question { $question }: only_if must name a choice question asked before it, not { $field }
plan_extra_unknown_value = question { $question }: only_if { $field } must be one of: { $options }

# handlers/asking.py: a question taking a document
document_not_here = Zalo cannot send files to a bot: open the web chat to send the file.
document_not_here_photo = Zalo cannot send files to a bot: send a photo of the paper document here, or open the web chat to send the file.
document_not_an_image = This step needs a PDF, Word (.docx) or Excel (.xlsx) file, not a photo.

# handlers/deliverables.py: /danop with a document
deliverable_send = Send what you submitted ({ $deliverable }): a PDF, Word (.docx), Excel (.xlsx) file or a photo; or choose No file.
deliverable_no_document = No file
bad_kind_document_or_none = This step needs a file or a photo, or choose No file.
deliverable_document_kept = 📄 The file kept with the report:

# bot/channels/web.py and the page (bot/web/page_texts.py)
web_upload_too_large = The file is too big: photos up to 10 MB, documents up to 20 MB.
page_document = Send a file (PDF, Word, Excel or a photo)
page_document_too_big = The file is { $size } MB; at most { $limit } MB. Send a smaller one.

# bot/channels/telegram.py: a file that could not be fetched
document_failed = The file just sent could not be fetched. Please send it again.

# handlers/steps.py: DocumentStep
bad_kind_document = This step needs a file (PDF, Word .docx, Excel .xlsx) or a photo of the paper.
document_attached = file attached
