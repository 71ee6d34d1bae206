"""Mermaid diagrams generated from the flow definitions, so the picture never drifts: a content
area's fields (`area_diagram`) and a desk's map of states (`desk_diagram`).

Mermaid reads some words as syntax wherever an id stands (`end` closes a subgraph, `style`,
`class`, `click` start statements), so no id here is a field key as such: every field's node is
`f_<key>`, and the fixed nodes have names no keyword has. Every label is quoted, with the few
characters Mermaid reads inside quotes written as entities."""

from __future__ import annotations

import re

from campaign.areas import DEFAULT_AREAS, ContentArea, FieldSpec
from campaign.catalogs import text
from campaign.localized import Language
from handlers.broadcast import BroadcastFlow
from handlers.commendation_desk import CommendationFlow
from handlers.deliverables import DeliverableFlow
from handlers.edit import EditFlow
from handlers.facts_desk import FactsDeskFlow
from handlers.grading import GradingFlow
from handlers.models import ModelFlow
from handlers.registry_desk import UnitRegistrationFlow
from handlers.report_desk import ReportDeskFlow
from handlers.review import ReviewFlow
from handlers.states import OUT, StateFlow
from handlers.target_values import TargetValueFlow
from handlers.tips import TipFlow

# Words Mermaid's flowchart grammar reserves (ids equal to them break or change the chart).
RESERVED = frozenset(
    {
        "end",
        "graph",
        "flowchart",
        "flowchart-elk",
        "subgraph",
        "click",
        "call",
        "href",
        "style",
        "classdef",
        "class",
        "linkstyle",
        "interpolate",
        "direction",
        "default",
        "td",
        "tb",
        "bt",
        "rl",
        "lr",
        "accdescr",
        "acctitle",
        "_blank",
        "_self",
        "_parent",
        "_top",
        "callback",
    }
)
ID_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
BEGIN, CONFIRM, SAVED, BACK = "flow_begin", "flow_confirm", "flow_saved", "flow_back"
LEFT = "flow_left"  # a desk is over: the menu


def desk_flows() -> tuple[StateFlow, ...]:
    """Every desk, as the front desk runs it (the grading desk without its workbook maker)."""
    return (
        ReviewFlow(),
        TipFlow(),
        EditFlow(),
        GradingFlow(draws_files=False),
        DeliverableFlow(),
        ReportDeskFlow(draws_files=False),
        BroadcastFlow(),
        UnitRegistrationFlow(),
        CommendationFlow(),
        ModelFlow(),
        TargetValueFlow(),
        FactsDeskFlow(),
    )


def node_id(key: str) -> str:
    """A field's node id: `f_` and the key with anything outside [A-Za-z0-9_] replaced."""
    return "f_" + re.sub(r"[^A-Za-z0-9_]", "_", key)


def area_diagram(area: ContentArea, lang: Language = "vi") -> str:
    """A `flowchart TD`: each field a node; fields asked only on a condition form a side branch."""
    lines = ["flowchart TD", f'  {BEGIN}(["{quote(area.name.get(lang))}"])']
    # Edges waiting for the next node: (from, label or None).
    pending: list[tuple[str, str | None]] = [(BEGIN, None)]
    fields = list(area.fields)
    index = 0
    while index < len(fields):
        spec = fields[index]
        if not spec.only_if:
            lines.append(_node(spec, lang))
            lines.extend(_edge(src, node_id(spec.key), label) for src, label in pending)
            pending = [(node_id(spec.key), None)]
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
                lines.extend(_edge(src, node_id(member.key), condition) for src, _ in pending)
            else:
                lines.append(_edge(node_id(branch[position - 1].key), node_id(member.key), None))
        otherwise = text("diagram_otherwise", lang)
        pending = [*((src, otherwise) for src, _ in pending), (node_id(branch[-1].key), None)]
        index += len(branch)
    summary = text("diagram_summary", lang)
    lines.append(f'  {CONFIRM}{{{{"{quote(summary)}"}}}}')
    lines.extend(_edge(src, CONFIRM, label) for src, label in pending)
    saved = text("diagram_saved", lang, prefix=area.prefix)
    lines.append(f'  {SAVED}(["{quote(saved)}"])')
    lines.append(f'  {BACK}(["/quaylai"])')
    lines.append(_edge(CONFIRM, SAVED, "✅"))
    lines.append(_edge(CONFIRM, BACK, "✏️"))
    return "\n".join(lines) + "\n"


def state_id(name: str) -> str:
    """A desk state's node id: `s_` and the name (never a Mermaid keyword)."""
    return "s_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def desk_diagram(flow: StateFlow, lang: Language = "vi") -> str:
    """A `flowchart TD` of a desk: each state a node, an arrow to each state its answer may go
    to, a labelled arrow where /quaylai goes; states read as typed text are marked."""
    typed = text("diagram_typed", lang)
    lines = ["flowchart TD", f'  {BEGIN}(["{quote(flow.name)}"])']
    for name, state in flow.states.items():
        marker = f"<br/><i>{typed}</i>" if state.typed else ""
        lines.append(f'  {state_id(name)}["{quote(name)}{marker}"]')
    lines.append(f'  {LEFT}(["{quote(text("diagram_menu", lang))}"])')
    lines.extend(_edge(BEGIN, state_id(name), None) for name in (flow.first, *flow.opens))
    for name, state in flow.states.items():
        for target in state.goes:
            lines.append(_edge(state_id(name), LEFT if target == OUT else state_id(target), None))
        if state.back is not None:
            lines.append(_edge(state_id(name), state_id(state.back), "/quaylai"))
    return "\n".join(lines) + "\n"


def _node(spec: FieldSpec, lang: Language) -> str:
    optional = text("diagram_optional", lang) if spec.optional else ""
    label = quote(spec.label.get(lang) + optional)
    return f'  {node_id(spec.key)}["{label}<br/><i>{spec.kind.value}</i>"]'


def _edge(source: str, target: str, label: str | None) -> str:
    return f'  {source} -->|"{quote(label)}"| {target}' if label else f"  {source} --> {target}"


def quote(text: str) -> str:
    """Text for inside a quoted Mermaid label: the characters it would read are entities."""
    return (
        text.replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\n", " ")
    )


def markdown(lang: Language = "vi") -> str:
    """Every flow's diagram as one Markdown page (docs/flows.md is this, for the default areas
    and every desk); `python -m handlers.diagram [lang]` prints it."""
    parts = [
        f"# {text('diagram_title', lang)}",
        "",
        "<!-- Generated by `python -m handlers.diagram`; a test fails when it differs. -->",
    ]
    for area in DEFAULT_AREAS:
        parts += ["", f"## {area.code}", "", "```mermaid", area_diagram(area, lang).rstrip(), "```"]
    for desk in desk_flows():
        parts += ["", f"## {desk.name}", "", "```mermaid", desk_diagram(desk, lang).rstrip(), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    import sys

    print(markdown(sys.argv[1] if len(sys.argv) > 1 else "vi"), end="")
