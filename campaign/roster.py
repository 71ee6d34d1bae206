"""Roster files as communes keep them: a title block ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
"DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ ANTT..."), a header row naming the columns, one person a row
(sometimes under a section row naming the team), then signatures ("Người lập biểu").

The columns are found by their headers, marks and case forgiven, in any order; rows above the
header are the title block. A section row (one cell filled, outside the name column) names the
unit of the rows under it when they have no unit cell."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from campaign.catalogs import C, listed, said
from campaign.localized import Localized
from campaign.normalize import clean_text, fold
from campaign.roles import Role, parse_role

_PHONE_RE = re.compile(r"^(?:\+?84|0)\d{8,10}$")
HEADER_SEARCH_ROWS = 30  # the header is within a title block's reach of the top

NUMBER, NAME, BIRTH, ROLE, PHONE, UNIT, JOINED = (
    "number", "name", "birth", "role", "phone", "unit", "joined"
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    key: str
    label: Localized  # as a header would say it
    headers: frozenset[str]  # folded, punctuation as spaces
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        NUMBER, C("roster_column_number"), frozenset({"stt", "tt", "so tt", "so thu tu", "no", "#"})
    ),
    Column(
        NAME,
        C("roster_column_name"),
        frozenset({"ho va ten", "ho ten", "ho ten day du", "ten", "full name", "name"}),
        required=True,
    ),
    Column(
        BIRTH,
        C("roster_column_birth"),
        frozenset({"ngay sinh", "ngay thang nam sinh", "nam sinh", "sinh ngay", "date of birth"}),
    ),
    Column(
        ROLE,
        C("roster_column_role"),
        frozenset(
            {
                "chuc vu",
                "vai tro",
                "chuc danh",
                "chuc vu vai tro",
                "vai tro chuc vu",
                "role",
                "chuc vu trong to",
                "position",
            }
        ),
    ),
    Column(
        PHONE,
        C("roster_column_phone"),
        frozenset(
            {"so dien thoai", "dien thoai", "sdt", "so dt", "dt", "phone", "dien thoai lien he"}
        ),
    ),
    Column(
        UNIT,
        C("roster_column_unit"),
        frozenset(
            {
                "don vi",
                "to",
                "don vi to",
                "to don vi",
                "ten to",
                "thuoc to",
                "to bao ve antt",
                "ten don vi",
                "unit",
                "team",
                "don vi cong tac",
                "thon to dan pho",
                "to thon",
            }
        ),
    ),
    Column(
        JOINED,
        C("roster_column_joined"),
        frozenset(
            {
                "ngay vao to",
                "ngay tham gia",
                "ngay tham gia to",
                "ngay vao",
                "ngay gia nhap",
                "ngay gia nhap to",
                "ngay bat dau",
                "joined",
                "joined on",
                "date joined",
            }
        ),
    ),
)
# Lines that end a list: what follows is signatures, not people.
_FOOTER_STARTS = (
    "nguoi lap",
    "xac nhan",
    "truong cong an",
    "tm ",
    "t m ",
    "ky ghi ro",
    "ky ten",
    "to truong ky",
    "chu tich",
    "prepared by",
)
_PLACE_DATE = re.compile(r"ngay\s+\S*\s*thang\s+\S*\s*nam")  # "Hoà Bình, ngày .. tháng .. năm .."
_SECTION_PREFIX = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)/-]\s+")


@dataclass(frozen=True)
class RosterRow:
    line: int
    unit_path: tuple[str, ...]
    full_name: str
    role: Role
    phone: str | None
    joined_on: date | None = None


@dataclass(frozen=True)
class RowProblem:
    line: int
    why: Localized

    @property
    def reason(self) -> str:
        return self.why.vi


@dataclass(frozen=True)
class Layout:
    header_line: int
    columns: dict[str, int] = field(default_factory=dict)  # key -> cell index
    # Every unit column, left to right: "Xã/Phường" and "Tổ" side by side make one path.
    unit_columns: tuple[int, ...] = ()


class RosterLayoutError(ValueError):
    """No header row naming the columns; the message says which columns are expected."""

    def __init__(self) -> None:
        required = [c for c in COLUMNS if c.required] + [c for c in COLUMNS if c.key == UNIT]
        others = [c for c in COLUMNS if c not in required and c.key != NUMBER]
        self.why = said(
            "roster_no_header_row",
            rows=HEADER_SEARCH_ROWS,
            needed=listed((_as_header(c) for c in required), ", "),
            optional=listed((_as_header(c) for c in others), ", "),
        )
        super().__init__(self.why.vi)


def _as_header(column: Column) -> Localized:
    """A column's label, with the Vietnamese header a file has beside another language's."""
    return said("roster_column_as_header", vietnamese=column.label.vi, label=column.label)


def _header_key(cell: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z#]+", " ", fold(cell)).split())


def column_of(cell: str) -> str | None:
    """Which column a header cell names ("Họ và tên", "HỌ TÊN", "Số ĐT", "Đơn vị/Tổ"...)."""
    key = _header_key(cell)
    if not key:
        return None
    for column in COLUMNS:
        if key in column.headers:
            return column.key
    for column in COLUMNS:  # "Họ và tên thành viên", "Ngày vào tổ (dd/mm/yyyy)"
        if any(" " in h and key.startswith(h + " ") for h in column.headers):
            return column.key
    return None


def find_layout(rows: list[tuple[int, list[str]]]) -> Layout:
    """The first row, near the top, that names the name column and one more; RosterLayoutError
    when there is none."""
    for position, (line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        unit_columns: list[int] = []
        _name_columns(cells, found, unit_columns)
        if NAME in found and len(found) >= 2:
            below = rows[position + 1] if position + 1 < len(rows) else None
            if below is not None and _sub_header(below[1], found):
                # "Năm sinh" over "Nam | Nữ", "Liên hệ" over "Số điện thoại": a header
                # over two rows; the second names columns too and is nobody.
                line = below[0]
                _name_columns(below[1], found, unit_columns)
            return Layout(line, found, tuple(sorted(set(unit_columns))))
    raise RosterLayoutError


def _name_columns(cells: list[str], found: dict[str, int], unit_columns: list[int]) -> None:
    for index, cell in enumerate(cells):
        key = column_of(cell)
        if key == UNIT:
            unit_columns.append(index)
        if key is not None and key not in found:
            found[key] = index


def _sub_header(cells: list[str], found: dict[str, int]) -> bool:
    """The row under a header continues it: no name, no number, no digit (a person's row
    without a name has a phone or a date, and is reported), and it names a column or fills
    several cells (a section row "I. Tổ ..." fills one, in the number's place)."""

    def at(key: str) -> str:
        index = found.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    filled = [c for c in cells if c.strip()]
    if not filled or at(NAME) or at(NUMBER) or any(ch.isdigit() for c in filled for ch in c):
        return False
    return any(column_of(c) is not None for c in filled) or len(filled) >= 2


def _is_footer(cells: list[str]) -> bool:
    """The row's first filled cell opens the signatures ("Người lập biểu", "An Bình, ngày ..
    tháng .. năm ..."): a person's row starts with a number or a name, never with these."""
    first = next((_header_key(c) for c in cells if c.strip()), "")
    return (first + " ").startswith(_FOOTER_STARTS) or bool(_PLACE_DATE.search(first))


@dataclass(frozen=True)
class Roster:
    people: list[RosterRow]
    problems: list[RowProblem]
    ends_at: int | None = None  # the line of the signatures, where reading stopped


def read_roster(rows: list[tuple[int, list[str]]], today: date) -> Roster:
    """Every person of the file, or each problem with its line; RosterLayoutError without a
    header row. Stops at the signature lines (and says where)."""
    layout = find_layout(rows)
    people: list[RosterRow] = []
    problems: list[RowProblem] = []
    section: str | None = None
    for line, raw in rows:
        if line <= layout.header_line:
            continue
        cells = [clean_text(c) for c in raw]
        filled = [i for i, c in enumerate(cells) if c]
        if not filled:
            continue
        if _is_footer(cells):
            return Roster(people, problems, line)

        def cell(key: str, cells: list[str] = cells) -> str:
            index = layout.columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        if all(re.fullmatch(r"\(?\d+\)?", cells[i]) for i in filled):  # (1) (2) (3) under headers
            continue
        if not cell(NAME) and len(filled) == 1:  # "I. Tổ bảo vệ ANTT thôn Đông"
            section = _SECTION_PREFIX.sub("", cells[filled[0]]).strip() or None
            continue
        unit_cells = [cells[i] for i in layout.unit_columns if i < len(cells) and cells[i]]
        parsed = parse_fields(
            line,
            unit_text=" / ".join(unit_cells) or section or "",
            name=cell(NAME),
            role_text=cell(ROLE),
            phone_text=cell(PHONE),
            joined_text=cell(JOINED),
            today=today,
        )
        if isinstance(parsed, RowProblem):
            problems.append(parsed)
        else:
            people.append(parsed)
    return Roster(people, problems)


def split_path(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[/>»|]", text) if part.strip())


def parse_row(line: int, cells: list[str]) -> RosterRow | RowProblem:
    """A row in the fixed order unit, full name, role, phone (the order `antt-bot` once required)."""
    cells = [clean_text(c) for c in cells] + [""] * 4
    return parse_fields(
        line, unit_text=cells[0], name=cells[1], role_text=cells[2], phone_text=cells[3]
    )


def parse_fields(
    line: int,
    *,
    unit_text: str,
    name: str,
    role_text: str,
    phone_text: str,
    joined_text: str = "",
    today: date | None = None,
) -> RosterRow | RowProblem:
    if not unit_text:
        return RowProblem(line, said("roster_no_unit"))
    if not name:
        return RowProblem(line, said("roster_no_full_name"))
    if len(name) > 200 or not any(ch.isalpha() for ch in name):
        return RowProblem(line, said("roster_not_a_full_name", name=repr(name[:40])))
    role = parse_role(role_text) if role_text else Role.MEMBER
    if role is None:
        return RowProblem(line, said("roster_unknown_role", role=repr(role_text[:40])))
    phone = re.sub(r"[\s.\-()]", "", phone_text) or None
    if phone is not None and re.fullmatch(r"[1-9]\d{8}", phone):  # a spreadsheet dropped the 0
        phone = "0" + phone
    if phone is not None and not _PHONE_RE.match(phone):
        return RowProblem(line, said("roster_not_a_phone", phone=repr(phone_text[:20])))
    joined = None
    if joined_text:
        joined = parse_day(joined_text)
        if joined is None:
            return RowProblem(line, said("roster_not_a_joining_date", day=repr(joined_text[:20])))
        if today is not None and joined > today:
            return RowProblem(line, said("roster_joining_date_in_future", day=f"{joined:%d/%m/%Y}"))
    return RosterRow(line, split_path(unit_text), name, role, phone, joined)


def parse_day(text: str) -> date | None:
    """dd/mm/yyyy (also with - or .), or yyyy-mm-dd as a spreadsheet writes a date cell."""
    text = text.strip()
    if found := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text):
        year, month, day = (int(g) for g in found.groups())
    elif found := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text):
        day, month, year = (int(g) for g in found.groups())
    else:
        return None
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if parsed.year >= 1900 else None
