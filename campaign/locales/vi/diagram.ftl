## The flows' Mermaid diagrams (handlers/diagram.py)

diagram_otherwise = khác
diagram_summary = Tóm tắt: Lưu / Sửa / Hủy
diagram_saved = Đã lưu { $prefix }-YYYY-NNNNNN
diagram_optional = {" "}(tùy chọn)
diagram_typed = gõ chữ
diagram_menu = Menu
diagram_title = Sơ đồ các luồng hội thoại
