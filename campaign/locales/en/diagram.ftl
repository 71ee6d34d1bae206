## The flows' Mermaid diagrams (handlers/diagram.py)

diagram_otherwise = otherwise
diagram_summary = Summary: Save / Change / Cancel
diagram_saved = Saved { $prefix }-YYYY-NNNNNN
diagram_optional = {" "}(optional)
diagram_typed = typed
diagram_menu = The menu
diagram_title = The conversation flows
