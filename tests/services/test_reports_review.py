"""The reports the bot drafts, tried as a commune officer, a province admin, an attacker and an
operator would, on the demo database (made on 02/12/2026) with the real renderer: the .docx and
the .xlsx are opened as an official opens them."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import Connection, update

from bot import report_files
from campaign.demo_plan import plan_yaml, todays_demo_plan
from campaign.normalize import clean_text
from campaign.plans import Plan
from campaign.roles import Role
from services import audit_log, documents, reports
from services.ports import COMMAND_LINE, AuditQuery
from storage import targets
from storage.schema import members, units
from storage.unit_of_work import UnitOfWork
from tests.bot.reports_read import all_texts, cells, opened, table_under
from tests.services.test_reports import NOW, ZONE, Demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    made = Demo(tmp_path_factory.mktemp("reports-review"))
    yield made
    made.database.close()


def _build(demo: Demo, builder: Any, unit_code: str, **asked: Any) -> reports.BuiltReport:
    def run(conn: Connection) -> reports.BuiltReport:
        return reports.build(
            demo.store(conn),
            lambda data: report_files.render(data, None),
            builder,
            plan_code=demo.plan_code,
            unit_id=demo.units(conn)[unit_code],
            now=asked.pop("now", NOW),
            period=asked.pop("period", "2026-H2"),
            **asked,
        )

    return demo.run(run)


def _sheet_texts(xlsx: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(xlsx))
    return [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


def test_a_name_typed_with_a_control_character_does_not_stop_the_report(demo: Demo) -> None:
    """A name stored with a control character (the chat kept them before this version; the chat
    drops them now, `campaign.normalize.clean_text`): one of them in a name on the standings
    stopped the whole commune's and the province's reports (openpyxl and python-docx refuse
    them)."""
    typed = "Thành viên\x08 mẫu 1"
    assert clean_text(typed) == "Thành viên mẫu 1"  # what the chat keeps now
    demo.run(
        lambda c: c.execute(
            update(members).where(members.c.full_name == "Thành viên mẫu 1").values(full_name=typed)
        )
    )
    demo.run(
        lambda c: c.execute(
            update(units).where(units.c.code == "DEMO-XA2").values(name="Xã Yên\x01 Lạc")
        )
    )
    for unit_code in ("DEMO-XA", "DEMO"):
        built = _build(demo, COMMAND_LINE, unit_code)
        texts = all_texts(opened(built.rendered.docx))
        assert "Thành viên mẫu 1" in texts, unit_code
        assert "Thành viên mẫu 1" in _sheet_texts(built.rendered.xlsx)
    assert "Xã Yên Lạc" in texts  # the province's table of communes


def test_a_provinces_standings_name_its_communes_as_communes(demo: Demo) -> None:
    """A province has no peers to be ranked among: its report printed a rank "—" with 0 points
    (its communes have points), and its communes under "Các tổ, đội dẫn đầu" headed "Tổ/đội"."""
    built = _build(demo, COMMAND_LINE, "DEMO")
    document = opened(built.rendered.docx)
    texts = all_texts(document)
    assert not any(t.startswith("1. Xếp hạng của đơn vị") for t in texts)
    assert not any("tổ, đội dẫn đầu" in t for t in texts)
    assert any(t.startswith("1. Các xã dẫn đầu (Đợt 1)") for t in texts)
    communes = table_under(document, "Hạng", "Xã", "Điểm", "Số mục đã xác nhận")
    assert [row[1] for row in communes] == ["Xã Hòa Bình", "Xã Yên Lạc"]
    assert [row[2] for row in communes] == ["16", "4"]  # as the standings rank them
    assert not any(cells(t)[0][1:2] == ["Tổ/đội"] for t in document.tables)
    book = load_workbook(io.BytesIO(built.rendered.xlsx))
    rows = list(book["Xếp hạng"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "STT")
    groups = [row[1] for row in rows[header + 1 :]]
    assert "Tổ/đội" not in groups and "Đơn vị" not in groups
    assert groups.count("Xã") == 2
    # What is kept with the draft says the province's points are its communes' together
    assert built.data.standings is not None
    assert built.data.standings.unit_points == 16 + 4


def test_figures_to_an_earlier_day_say_the_standings_are_todays(demo: Demo) -> None:
    """The standings are kept as they stand now and the targets count their whole period, so a
    report with figures to an earlier day (`--as-of`, or built after its due day) printed no
    entry at all beside a commune ranked with points: the reader is told which day each is."""
    officer = demo.view("Cán bộ mẫu")
    earlier = _build(demo, officer, "DEMO-XA", as_of=date(2026, 11, 1))
    assert {a.verified for a in earlier.data.areas} == {0}
    assert earlier.data.standings is not None and earlier.data.standings.unit_points > 0
    texts = all_texts(opened(earlier.rendered.docx))
    said = [t for t in texts if "Xếp hạng thi đua và kết quả chỉ tiêu" in t]
    assert said == [
        "Xếp hạng thi đua và kết quả chỉ tiêu tính đến ngày soạn báo cáo 02/12/2026; "
        "các số liệu khác tính đến hết ngày 01/11/2026."
    ]
    today = _build(demo, officer, "DEMO-XA")
    assert not any("kết quả chỉ tiêu tính đến" in t for t in all_texts(opened(today.rendered.docx)))


def test_a_province_summing_its_communes_report_does_not_sign_as_a_commune(demo: Demo) -> None:
    """The demo plan asks a report of the communes only, and the province's sums theirs up:
    its number read "Số: …/BC-CAX", the ký hiệu of a commune's police (Công an xã)."""
    commune = _build(demo, COMMAND_LINE, "DEMO-XA")
    province = _build(demo, COMMAND_LINE, "DEMO")
    assert province.data.deadline_code == commune.data.deadline_code == "so-ket-dot-1"
    numbers = [
        t.split("/", 1)[1] for t in all_texts(opened(province.rendered.docx)) if t.startswith("Số:")
    ]
    assert numbers == ["BC"]
    assert commune.data.heading.symbol == "BC-CAX"  # the commune keeps the plan's


def test_a_unit_name_typed_decomposed_still_gives_its_place_name(demo: Demo) -> None:
    """Unit names are kept as typed; one typed decomposed (as some phones and Word send it) put
    the whole "Xã Yên Lạc" on the date line instead of the place, "Yên Lạc"."""
    typed = unicodedata.normalize("NFD", "Xã Yên Lạc")
    demo.run(
        lambda c: c.execute(update(units).where(units.c.code == "DEMO-XA2").values(name=typed))
    )
    built = _build(demo, COMMAND_LINE, "DEMO-XA2")
    dated = [t for t in all_texts(opened(built.rendered.docx)) if ", ngày " in t]
    assert dated == ["Yên Lạc, ngày 02 tháng 12 năm 2026"]


def test_the_leading_members_are_those_with_results(demo: Demo) -> None:
    """ "Các thành viên dẫn đầu" listed members with no verified entry and 0 points, ranked
    equal last, as if they led."""
    built = _build(demo, demo.view("Cán bộ mẫu"), "DEMO-XA")
    leading = table_under(
        opened(built.rendered.docx), "Hạng", "Thành viên", "Điểm", "Số mục đã xác nhận"
    )
    assert leading, "nobody listed"
    assert all(row[2] != "0" for row in leading), leading
    assert "Thành viên mẫu 2" not in [row[1] for row in leading]


def test_figures_are_never_said_to_run_to_a_day_not_yet_come(demo: Demo) -> None:
    """`--as-of` a day ahead (08/12, drafted on 02/12) wrote "số liệu ... đến hết ngày
    08/12/2026" over what was logged by 02/12."""
    built = _build(demo, COMMAND_LINE, "DEMO-XA", as_of=date(2026, 12, 8))
    assert built.data.span.as_of == NOW.date()
    intro = next(t for t in all_texts(opened(built.rendered.docx)) if "(số liệu từ ngày" in t)
    assert "đến hết ngày 02/12/2026" in intro


def test_a_draft_made_by_the_morning_job_is_cited_on_its_own_day(demo: Demo) -> None:
    """The job drafts at 06:40, which is still the day before in UTC, the zone times are kept
    in: a draft made again cited the job's as made "ngày 01/12/2026"."""
    morning = datetime(2026, 12, 2, 6, 40, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    _build(demo, COMMAND_LINE, "DEMO-XA2", now=morning)
    again = _build(demo, COMMAND_LINE, "DEMO-XA2", now=morning + timedelta(hours=2))
    assert [n for n in again.data.notes if "soạn lại" in n] == [
        "Bản soạn lại; bản trước soạn ngày 02/12/2026, số liệu đến ngày 02/12/2026."
    ]


def test_two_plans_with_the_same_deadline_offer_two_choices_told_apart(demo: Demo) -> None:
    """A choice's key (what a chat button carries) named the deadline, the day and the unit but
    not the plan: with a copy of the plan loaded (a province's next version of it), both
    "Sơ kết Đợt 1" buttons drafted the same plan's report."""
    plan, _ = todays_demo_plan(NOW.date(), "DEMO")
    copy = Plan.model_validate({**plan.model_dump(), "code": "ban-sua-2026"})
    demo.run(lambda c: UnitOfWork(c).units.load_plan(copy, plan_yaml(copy), NOW))
    officer = demo.view("Cán bộ mẫu")
    found = demo.run(lambda c: reports.choices(demo.store(c), officer, NOW.date()))
    assert sorted(c.plan_code for c in found) == sorted([demo.plan_code, "ban-sua-2026"])
    assert len({c.key for c in found}) == len(found) == 2
    assert all(len(c.key) <= 60 for c in found)


def test_a_provinces_report_reads_the_unit_tree_once_per_unit_reported(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's report asks each commune's targets as /chitieu would: the whole unit tree
    was read again for every target of every commune (663 reads, a quarter of the build, for
    50 communes); now once per unit."""
    reads = []
    real = targets.Tree.read

    def counted(conn: Connection) -> targets.Tree:
        reads.append(1)
        return real(conn)

    monkeypatch.setattr(targets.Tree, "read", staticmethod(counted))
    built = _build(demo, COMMAND_LINE, "DEMO")
    assert len(built.data.targets) > 1 and len(built.data.communes) == 2
    assert len(reads) == 1 + 2  # the province and each commune


@pytest.mark.parametrize(
    ("name", "signer", "place"),
    [
        ("Phường Yên Lạc", "TRƯỞNG CÔNG AN PHƯỜNG", "Yên Lạc"),
        ("Công an phường Yên Lạc", "TRƯỞNG CÔNG AN PHƯỜNG", "Yên Lạc"),
        ("Đặc khu Yên Lạc", "TRƯỞNG CÔNG AN ĐẶC KHU", "Yên Lạc"),
        ("Xã Yên Lạc", "TRƯỞNG CÔNG AN XÃ", "Yên Lạc"),
    ],
)
def test_a_ward_is_signed_by_the_head_of_ward_police(
    demo: Demo, name: str, signer: str, place: str
) -> None:
    """Wards and special zones are units of the commune level (687 and 13 of the 3,321 since
    2025): a ward's report was signed "TRƯỞNG CÔNG AN XÃ"."""

    def rename(to: str) -> None:
        demo.run(
            lambda c: c.execute(update(units).where(units.c.code == "DEMO-XA2").values(name=to))
        )

    rename(name)
    try:
        built = _build(demo, COMMAND_LINE, "DEMO-XA2")
    finally:
        rename("Xã Yên Lạc")
    texts = all_texts(opened(built.rendered.docx))
    assert signer in texts
    assert f"{place}, ngày 02 tháng 12 năm 2026" in texts


def test_a_commune_that_submitted_nothing_is_not_said_to_have_had_nothing_due(demo: Demo) -> None:
    """Its own report is due in the period: "Không có báo cáo, hồ sơ đến hạn trong kỳ." (nothing
    was due) was printed under the papers submitted whenever none was."""
    built = _build(demo, COMMAND_LINE, "DEMO-XA2")
    assert built.data.submissions == ()
    assert built.data.due <= built.data.span.ends  # its own report falls due in the period
    texts = all_texts(opened(built.rendered.docx))
    assert "Không có báo cáo, hồ sơ đến hạn trong kỳ." not in texts
    assert "Chưa có báo cáo, hồ sơ nào được nộp trong kỳ." in texts


def test_a_communes_admin_sees_who_opened_its_sealed_report(demo: Demo) -> None:
    """Every opening of a sealed document is audited, but the line went to the reader's unit
    (or to none, for the command line): the commune's own admin, reading its audit log, never
    saw that the province or the command line had opened its report."""
    built = _build(demo, demo.view("Cán bộ mẫu"), "DEMO-XA")
    document_id = built.row.document_id
    assert document_id is not None
    province_admin = demo.view("Quản trị viên mẫu")

    def opened_by_others(conn: Connection) -> list[str]:
        store = demo.store(conn)
        documents.open_document(store, store, province_admin, document_id, NOW)
        documents.open_document(store, store, None, document_id, NOW)
        commune_admin = replace(province_admin, id=0, role=Role.ADMIN, unit_id=built.row.unit_id)
        query = AuditQuery(action="document.opened", target=str(document_id))
        page = audit_log.search(store, commune_admin, query, ZONE, 1)
        return [line.actor for line in page.lines]

    seen = demo.run(opened_by_others)
    assert len(seen) == 2, seen
