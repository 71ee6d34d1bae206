"""Mermaid diagrams generated from the flow definitions, so the picture never drifts."""

from __future__ import annotations

from campaign.areas import ContentArea, FieldSpec
from campaign.text import Language


def area_diagram(area: ContentArea, lang: Language = "vi") -> str:
    """A `flowchart TD`: each field a node; fields asked only on a condition form a side branch."""
    vi = lang == "vi"
    lines = ["flowchart TD", f'  start(["{_quote(area.name.get(lang))}"])']
    # Edges waiting for the next node: (from, label or None).
    pending: list[tuple[str, str | None]] = [("start", None)]
    fields = list(area.fields)
    index = 0
    while index < len(fields):
        spec = fields[index]
        if not spec.only_if:
            lines.append(_node(spec, lang))
            lines.extend(_edge(src, spec.key, label) for src, label in pending)
            pending = [(spec.key, None)]
            index += 1
            continue
        branch = [spec]
        while (
            index + len(branch) < len(fields)
            and fields[index + len(branch)].only_if == spec.only_if
        ):
            branch.append(fields[index + len(branch)])
        condition = ", ".join(f"{k} = {v}" for k, v in spec.only_if.items())
        for position, member in enumerate(branch):
            lines.append(_node(member, lang))
            if position == 0:
                lines.extend(_edge(src, member.key, condition) for src, _ in pending)
            else:
                lines.append(_edge(branch[position - 1].key, member.key, None))
        otherwise = "khác" if vi else "otherwise"
        pending = [*((src, otherwise) for src, _ in pending), (branch[-1].key, None)]
        index += len(branch)
    summary = "Tóm tắt: Lưu / Sửa / Hủy" if vi else "Summary: Save / Change / Cancel"
    lines.append(f'  confirm{{{{"{summary}"}}}}')
    lines.extend(_edge(src, "confirm", label) for src, label in pending)
    saved = f"Đã lưu {area.prefix}-YYYY-NNNNNN" if vi else f"Saved {area.prefix}-YYYY-NNNNNN"
    lines.append(f'  confirm -->|"✅"| saved(["{saved}"])')
    lines.append('  confirm -->|"✏️"| back(["/quaylai"])')
    return "\n".join(lines) + "\n"


def _node(spec: FieldSpec, lang: Language) -> str:
    optional = (" (tùy chọn)" if lang == "vi" else " (optional)") if spec.optional else ""
    return f'  {spec.key}["{_quote(spec.label.get(lang))}{optional}<br/><i>{spec.kind.value}</i>"]'


def _edge(source: str, target: str, label: str | None) -> str:
    return f"  {source} -->|{label}| {target}" if label else f"  {source} --> {target}"


def _quote(text: str) -> str:
    return text.replace('"', "#quot;")
