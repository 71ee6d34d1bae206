"""`antt-bot flows diagram AREA|DESK`: Mermaid that renders, as the admin pastes it into a
viewer; a desk's diagram is drawn from its map of states."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from campaign.areas import DEFAULT_AREAS, TIP, ContentArea, FieldKind, FieldSpec
from campaign.localized import L
from handlers.broadcast import BroadcastFlow
from handlers.diagram import area_diagram, desk_diagram, desk_flows, markdown
from handlers.states import OUT, StateFlow

# Mermaid's flowchart keywords, and `start` which the brief also keeps out of ids.
RESERVED = {
    "end", "graph", "flowchart", "subgraph", "click", "call", "href", "style", "classdef",
    "class", "linkstyle", "direction", "default", "interpolate", "start",
}  # fmt: skip
ID = r"[A-Za-z][A-Za-z0-9_]*"
OPEN_CLOSE = {"([": "])", "[": "]", "{{": "}}", "(": ")", "{": "}"}
NODE = re.compile(rf"^  ({ID})(\(\[|\[|\{{\{{|\(|\{{)\"([^\"]*)\"(\]\)|\]|\}}\}}|\)|\}})$")
EDGE = re.compile(rf"^  ({ID}) -->(?:\|\"([^\"]*)\"\|)? ({ID})$")
ALLOWED_TAGS = re.compile(r"<br/>|</?i>")


def check_mermaid(text: str) -> list[str]:
    """A small structural check of what we generate: one header, node declarations with quoted
    labels, edges between declared ids, no reserved id. Returns the problems found."""
    problems: list[str] = []
    lines = text.rstrip("\n").split("\n")
    if lines[0] != "flowchart TD":
        problems.append(f"header {lines[0]!r}")
    declared: set[str] = set()
    edges: list[tuple[str, str]] = []
    labels: list[str] = []
    for line in lines[1:]:
        if node := NODE.match(line):
            name, opener, label, closer = node.groups()
            if OPEN_CLOSE[opener] != closer:
                problems.append(f"shape {line!r}")
            declared.add(name)
            labels.append(label)
        elif edge := EDGE.match(line):
            edges.append((edge.group(1), edge.group(3)))
            if edge.group(2) is not None:
                labels.append(edge.group(2))
        else:
            problems.append(f"not a node or an edge: {line!r}")
    for source, target in edges:
        for name in (source, target):
            if name not in declared:
                problems.append(f"edge to undeclared {name!r}")
    for name in declared | {n for pair in edges for n in pair}:
        if name.casefold() in RESERVED:
            problems.append(f"reserved id {name!r}")
    for label in labels:
        if re.search(r"[<>]", ALLOWED_TAGS.sub("", label)):
            problems.append(f"raw angle bracket in {label!r}")
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("area", DEFAULT_AREAS, ids=lambda a: a.code)
def test_every_shipped_flow_diagram_is_well_formed(area: ContentArea, lang: str) -> None:
    result = CliRunner().invoke(app, ["flows", "diagram", area.code, "--lang", lang])
    assert result.exit_code == 0, result.output
    header, _, body = result.output.partition("\n")
    assert header == f"%% {area.code}"
    assert check_mermaid(body) == []


def test_field_keys_that_are_mermaid_keywords_and_labels_with_quotes_still_render() -> None:
    odd = ContentArea(
        code="odd",
        prefix="OD",
        name=L('Việc "lạ" [thử] <b>#1</b>', "Odd"),
        fields=(
            FieldSpec(
                key="end", kind=FieldKind.TEXT, prompt=L("?", "?"), label=L('Kết "thúc"', "E")
            ),
            FieldSpec(
                key="class", kind=FieldKind.TEXT, prompt=L("?", "?"), label=L("{x} (y)", "C")
            ),
            FieldSpec(
                key="style",
                kind=FieldKind.TEXT,
                prompt=L("?", "?"),
                label=L("Kiểu", "S"),
                only_if={"class": 'a"b'},
            ),
        ),
    )
    diagram = area_diagram(odd)
    assert check_mermaid(diagram) == []
    assert "Kết #quot;thúc#quot;" in diagram and "#lt;b#gt;#35;1" in diagram


def test_the_check_catches_what_broke_the_old_diagram() -> None:
    assert check_mermaid('flowchart TD\n  start(["x"])\n  start --> end\n  end["y"]\n')
    assert check_mermaid('flowchart TD\n  a["x"]\n  a -->|c = d| b\n  b["y"]\n')
    assert check_mermaid('flowchart TD\n  a["x"]\n  a --> b\n') != []


def test_the_tip_diagram_follows_the_definition() -> None:
    diagram = area_diagram(TIP)
    for spec in TIP.fields:
        assert f"  f_{spec.key}[" in diagram
    assert 'f_source -->|"source = named"| f_informant_name' in diagram
    assert "f_informant_name --> f_informant_contact" in diagram
    assert 'f_source -->|"khác"| f_urgency' in diagram
    assert "f_informant_contact --> f_urgency" in diagram
    assert "NT-YYYY-NNNNNN" in diagram


DESKS = desk_flows()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("desk", DESKS, ids=lambda d: d.name)
def test_every_desk_diagram_is_well_formed(desk: StateFlow, lang: str) -> None:
    result = CliRunner().invoke(app, ["flows", "diagram", desk.name, "--lang", lang])
    assert result.exit_code == 0, result.output
    header, _, body = result.output.partition("\n")
    assert header == f"%% {desk.name}"
    assert check_mermaid(body) == []


@pytest.mark.parametrize("desk", DESKS, ids=lambda d: d.name)
def test_a_desk_diagram_follows_its_map_of_states(desk: StateFlow) -> None:
    diagram = desk_diagram(desk)
    names = set(desk.states)
    assert desk.first in names and set(desk.opens) <= names
    for name, state in desk.states.items():
        assert f"  s_{name}[" in diagram
        for target in state.goes:
            assert target == OUT or target in names, (name, target)
            shown = "flow_left" if target == OUT else f"s_{target}"
            assert f"  s_{name} --> {shown}\n" in diagram
        if state.back is not None:
            assert state.back in names
            assert f'  s_{name} -->|"/quaylai"| s_{state.back}' in diagram
    assert f"  flow_begin --> s_{desk.first}\n" in diagram


def test_the_broadcast_diagram_shows_its_way_back() -> None:
    diagram = desk_diagram(BroadcastFlow(), "en")
    assert 's_confirm -->|"/quaylai"| s_image' in diagram
    assert 's_text["text<br/><i>typed</i>"]' in diagram
    assert "s_confirm --> flow_left" in diagram


def test_docs_show_every_flows_diagram_as_generated() -> None:
    """docs/flows.md is `python -m handlers.diagram`: a flow changed without it fails here."""
    page = (Path(__file__).parents[2] / "docs" / "flows.md").read_text(encoding="utf-8")
    assert page == markdown("vi"), "run: python -m handlers.diagram > docs/flows.md"
    diagrams = re.findall(r"```mermaid\n(.*?)```", page, re.S)
    assert len(diagrams) == len(DEFAULT_AREAS) + len(desk_flows())
    for diagram in diagrams:
        assert check_mermaid(diagram) == []
