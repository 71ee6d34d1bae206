# Trang quản lý: trang báo lỗi khi địa chỉ hoặc biểu mẫu không đúng (thay cho lỗi JSON tiếng Anh).
console_review1_not_found = Không có trang này. Hãy mở lại từ trình đơn phía trên.
console_review1_wrong_method = Không mở trực tiếp được địa chỉ này. Hãy quay lại trang trước và làm lại.
console_review1_bad_request = Địa chỉ hoặc biểu mẫu không đúng. Hãy quay lại trang trước và thử lại.
console_review1_problem_title = Không mở được trang này
