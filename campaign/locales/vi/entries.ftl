## Entries, edits and a member's settings, as the services refuse them (any door)

edit_field_locked = Câu trả lời này của { $reference } không sửa được: nó giữ hoặc quyết định thông tin người cung cấp nguồn tin.
language_not_offered = Ngôn ngữ { $code } chưa được hỗ trợ. Có thể chọn: { $offered }.
