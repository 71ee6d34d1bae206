## Questions a plan adds to a built-in form, and documents sent in the chat

# campaign/plans.py: a plan's extra questions (extra_fields)
plan_text_too_long = dài { $length } ký tự; tối đa { $limit }
plan_text_empty = không được để trống
plan_extra_needs_options = câu hỏi { $question } loại choice cần các lựa chọn (options)
plan_extra_options_unused = câu hỏi { $question } không phải loại choice nên không có options
plan_extra_option_twice = câu hỏi { $question }: lựa chọn { $option } có hai lần
plan_extra_bounds_unused = câu hỏi { $question } không phải loại number nên không có minimum/maximum
plan_extra_bounds_crossed = câu hỏi { $question }: minimum lớn hơn maximum
plan_extra_key_taken = mẫu đã có câu hỏi { $question }; hãy đặt key khác
plan_extra_unknown_after = câu hỏi { $question }: after phải là một câu hỏi đã có trước đó của mẫu, không phải { $after }
plan_extra_unknown_only_if = câu hỏi { $question }: only_if phải là một câu hỏi lựa chọn đã có trước đó, không phải { $field }
plan_extra_unknown_value = câu hỏi { $question }: only_if { $field } phải là một trong: { $options }

# handlers/asking.py: a question taking a document
document_not_here = Zalo không gửi được tệp cho bot: hãy mở web chat để gửi tệp.
document_not_here_photo = Zalo không gửi được tệp cho bot: hãy chụp ảnh văn bản giấy gửi ở đây, hoặc mở web chat để gửi tệp.
document_not_an_image = Bước này cần một tệp PDF, Word (.docx) hoặc Excel (.xlsx), không nhận ảnh.

# handlers/deliverables.py: /danop with a document
deliverable_send = Gửi báo cáo đã nộp ({ $deliverable }): tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh; hoặc chọn Không kèm tệp.
deliverable_no_document = Không kèm tệp
bad_kind_document_or_none = Bước này cần một tệp hoặc một ảnh, hoặc chọn Không kèm tệp.
deliverable_document_kept = 📄 Tệp đã lưu kèm báo cáo:

# bot/channels/web.py and the page (bot/web/page_texts.py)
web_upload_too_large = Tệp quá lớn: ảnh tối đa 10 MB, tệp tài liệu tối đa 20 MB.
page_document = Gửi tệp (PDF, Word, Excel hoặc ảnh)
page_document_too_big = Tệp dài { $size } MB, tối đa { $limit } MB. Hãy gửi tệp nhỏ hơn.

# bot/channels/telegram.py: a file that could not be fetched
document_failed = Không tải được tệp vừa gửi. Hãy gửi lại tệp.

# handlers/steps.py: DocumentStep
bad_kind_document = Bước này cần một tệp (PDF, Word .docx, Excel .xlsx) hoặc ảnh văn bản.
document_attached = đã đính kèm tệp
