## Submissions for a plan's deadline (issue 15): documents, checklist, withdraw, decisions
submission_any_document = một tài liệu
submission_document_not_yours = Tài liệu này không phải bạn vừa gửi, hoặc đã thuộc hồ sơ khác.
submission_withdraw_first = Báo cáo đã nộp. Muốn sửa, hãy rút lại trước (được rút đến hết ngày hạn).
submission_decided_already = Cấp trên đã xem xét báo cáo này, không rút lại hay sửa được nữa.
submission_not_submitted = Báo cáo này chưa nộp.
submission_withdraw_too_late = Đã quá hạn { $due }, không rút lại được nữa.
submission_submitted_already = Đơn vị bạn đã nộp báo cáo này.
submission_returned_change_first = Báo cáo bị trả lại: hãy gửi tài liệu bổ sung (hoặc bỏ tài liệu sai) rồi nộp lại.
submission_incomplete = Chưa nộp được, còn thiếu: { $items }.
submission_changed = Báo cáo này vừa thay đổi (người khác vừa nộp, rút hoặc xem xét). Hãy xem lại.
submission_not_found = Không tìm thấy báo cáo này, hoặc bạn không được xem.
submission_not_yours_to_decide = Chỉ cán bộ hoặc quản trị của cấp trên đơn vị nộp mới được duyệt hay trả lại báo cáo này.
submission_accepted = ✅ Cấp trên đã nhận báo cáo { $title } (hạn { $due }) của đơn vị bạn.
submission_returned = ↩️ Cấp trên trả lại báo cáo { $title } (hạn { $due }) của đơn vị bạn. Lý do: { $reason }
    Sửa và nộp lại bằng /danop.
console_action_deliverable_drafted = Bắt đầu soạn hồ sơ nộp theo hạn
console_action_deliverable_document_added = Thêm tài liệu vào hồ sơ nộp
console_action_deliverable_document_dropped = Bỏ tài liệu khỏi hồ sơ nộp
console_action_deliverable_withdrawn = Rút lại báo cáo đã nộp
console_action_deliverable_accepted = Nhận báo cáo đã nộp
console_action_deliverable_returned = Trả lại báo cáo đã nộp
