## The entry flows' Mermaid diagrams (handlers/diagram.py)

diagram_otherwise = khác
diagram_summary = Tóm tắt: Lưu / Sửa / Hủy
diagram_saved = Đã lưu { $prefix }-YYYY-NNNNNN
diagram_optional = {" "}(tùy chọn)
