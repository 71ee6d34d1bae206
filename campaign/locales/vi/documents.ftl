## Documents people upload (evidence, dossiers, reports)
document_empty = Tệp rỗng, không có nội dung.
document_too_big = Tệp quá lớn ({ $size_mb } MB); tối đa { $limit_mb } MB.
document_kind_refused = Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPEG, PNG, WebP). Tệp .doc, .xls cũ hãy lưu lại dưới dạng .docx, .xlsx.
document_not_found = Không tìm thấy tài liệu này, hoặc bạn không được xem.
