## The web chat page's own texts (bot/web/page_texts.py serves them to chat.js)

page_title = antt-bot — Trò chuyện
page_subtitle = Bảo vệ ANTT ở cơ sở
page_conversation = Cuộc trò chuyện
page_message = Tin nhắn
page_placeholder = Nhập tin nhắn… (gõ /help)
page_send = Gửi
page_photo = Gửi ảnh
page_locate = 📍 Gửi vị trí của tôi
page_no_location = Trang này không dùng HTTPS nên trình duyệt không cho gửi vị trí. Hãy gõ địa chỉ hoặc mô tả nơi đó (thôn, xóm, đường, số nhà…).
page_welcome =
    Xin chào! Đây là kênh trò chuyện của lực lượng bảo vệ ANTT ở cơ sở.
    Để bắt đầu, gõ mã mời 8 ký tự (hoặc /start), hoặc /help để xem hướng dẫn.
page_busy = Máy chủ bận, đang thử lại…
page_offline = Mất kết nối, đang thử lại…
page_failed = Không gửi được. Kiểm tra kết nối rồi gửi lại.
page_error = Lỗi { $status }. Chưa gửi được.
page_too_long = Tin nhắn dài { $length } ký tự, tối đa là { $limit }. Hãy viết ngắn gọn hơn.
page_no_geolocation = Trình duyệt không hỗ trợ định vị; hãy gõ địa chỉ.
page_locating = Đang lấy vị trí…
page_location_failed = Không lấy được vị trí; hãy gõ địa chỉ.
