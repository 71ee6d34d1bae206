# Files drawn off the conversation (issue 16): the turn answers at once, the file follows.
drawing_charts = 🖼 Đang vẽ biểu đồ và lập bảng tính xếp hạng, sẽ gửi ngay khi xong.
drawing_workbook = 📊 Đang lập bảng xếp loại, sẽ gửi ngay khi xong.
drawing_report = 📝 Đang soạn báo cáo, sẽ gửi ngay khi xong.
drawing_failed = Chưa lập được tệp bạn yêu cầu. Vui lòng thử lại sau ít phút.
