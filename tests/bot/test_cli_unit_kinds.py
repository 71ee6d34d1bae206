"""At the command line a province lists and adds kinds of unit, adds villages, agencies and
schools in Vietnamese words, says which village a team covers, imports its former districts
(each bad line named, nothing written), and a plan naming a kind it does not know is refused
with the line."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from storage.database import Database
from storage.schema import audit_log, plans, unit_groups, unit_kinds
from tests.bot.test_cli_and_settings import _write_csv
from tests.bot.test_cli_units import env as env  # the CLI's environment fixture
from tests.bot.test_cli_units import invoke, tree, unit_rows


def _count(database: Database, table: object) -> int:
    return int(
        database.run_blocking(
            lambda c: c.execute(select(func.count()).select_from(table)).scalar_one()  # type: ignore[arg-type]
        )
    )


def test_kinds_are_listed_and_a_province_adds_its_own(env: Database) -> None:
    code, output = invoke("unit", "kind", "list")
    assert code == 0, output
    assert "village: thôn, tổ dân phố — thuộc: commune — vai trò: -" in output
    assert "agency: cơ quan — thuộc: commune, province — vai trò: officer — tự báo cáo" in output
    assert "province: tỉnh — thuộc: - — vai trò: admin, officer — tự báo cáo" in output
    args = ("unit", "kind", "add", "club", "--name-vi", "Câu lạc bộ", "--name-en", "Club")
    code, output = invoke(*args, "--parents", "commune", "--roles", "officer", "--reports")
    assert code == 0 and "Đã thêm cấp đơn vị club — Câu lạc bộ." in output, output
    code, output = invoke(*args, "--parents", "commune", lang="en")
    assert code == 2 and "There is already a unit kind club." in output, output
    code, output = invoke(*args[:3], "band", *args[4:], "--parents", "team")
    assert code == 2 and "dưới một tổ" in output, output
    code, output = invoke(*args[:3], "band", *args[4:], "--parents", "commune", "--roles", "leader")
    assert code == 2 and "chỉ nhận cán bộ (officer)" in output, output
    assert _count(env, unit_kinds) == 9  # eight built in, one added
    code, output = invoke("unit", "kind", "list", lang="en")
    assert "club: Club — under: commune — roles: officer — reports itself" in output
    tree(("XA-A-CLB", "CLB Thanh niên", "--kind", "Câu lạc bộ", "--parent", "XA-A"))
    assert unit_rows(env)["XA-A-CLB"].kind == "club"


def test_villages_agencies_schools_and_a_team_covering_a_village(env: Database) -> None:
    tree(
        ("XA-A-DONG", "Thôn Đông", "--kind", "thôn", "--parent", "XA-A"),
        ("XA-A-TDP", "Tổ dân phố 3", "--kind", "tổ dân phố", "--parent", "XA-A"),
        ("HN-SO", "Sở Tư pháp", "--kind", "cơ quan", "--parent", "HN"),
        ("XA-A-DN", "Công ty May Hòa Bình", "--kind", "doanh nghiệp", "--parent", "XA-A"),
        ("XA-A-TH", "Trường THCS An Bình", "--kind", "trường", "--parent", "XA-A"),
        ("HN-H1", "Huyện cũ Kim Bảng", "--kind", "huyện", "--parent", "HN"),
    )
    rows = unit_rows(env)
    assert [rows[c].kind for c in ("XA-A-DONG", "XA-A-TDP", "HN-SO", "XA-A-DN", "XA-A-TH")] == [
        "village",
        "village",
        "agency",
        "enterprise",
        "school",
    ]
    assert rows["HN-H1"].kind == "district"
    args = ("unit", "add", "XA-A-T2", "Tổ thôn Đông 2", "--parent", "XA-A")
    code, output = invoke(*args, "--covers", "XA-A-TH")
    assert code == 2 and "XA-A-TH không phải là thôn" in output, output
    assert "XA-A-T2" not in unit_rows(env)  # refused whole: no team without its village
    code, output = invoke(*args, "--covers", "XA-A-DONG")
    assert code == 0, output
    code, output = invoke("unit", "cover", "XA-A-T1", "XA-A-TDP")
    assert code == 0 and "Tổ XA-A-T1 phụ trách XA-A-TDP." in output, output
    code, output = invoke("unit", "cover", "XA-B-T1", "XA-A-DONG")
    assert code == 2 and "không thuộc cùng xã với tổ XA-B-T1" in output, output
    code, output = invoke("unit", "list")
    lines = {line.split()[0]: line for line in output.splitlines()[1:]}
    assert lines["XA-A-T2"].endswith("Tổ thôn Đông 2 (phụ trách XA-A-DONG)")
    assert lines["XA-A-T1"].endswith("(phụ trách XA-A-TDP)")
    assert "phụ trách" not in lines["XA-B-T1"]
    code, output = invoke("unit", "cover", "XA-A-T1")
    assert code == 0 and "không còn phụ trách" in output
    actions = env.run_blocking(
        lambda c: [r.action for r in c.execute(select(audit_log.c.action)).all()]
    )
    assert actions.count("unit.covers") == 3


def test_former_districts_are_imported_only_when_every_line_is_good(env: Database) -> None:
    tree(
        ("HN-H1", "Huyện cũ Kim Bảng", "--kind", "huyện", "--parent", "HN"),
        ("HN-H2", "Huyện cũ Thanh Liêm", "--kind", "huyện", "--parent", "HN"),
    )
    mapping = Path("huyen-cu.csv")
    header = ["huyen", "xa", "tu_ngay", "den_ngay"]
    _write_csv(
        mapping,
        [
            header,
            ["HN-H1", "XA-A", "01/07/2025", ""],
            ["XA-A", "XA-B", "01/07/2025", ""],
            ["HN-H2", "XA-B", "31/06/2025", ""],
        ],
    )
    code, output = invoke("unit", "group", "import", str(mapping))
    assert code == 1, output
    assert "2 dòng lỗi; chưa nhập gì" in output
    assert "dòng 3: XA-A là cấp commune, cần cấp district." in output
    assert "dòng 4: ngày '31/06/2025' không hợp lệ" in output
    assert _count(env, unit_groups) == 0
    _write_csv(
        mapping,
        [header, ["HN-H1", "XA-A", "01/07/2025", ""], ["HN-H2", "XA-B", "01/07/2025", ""]],
    )
    code, output = invoke("unit", "group", "import", str(mapping), "--dry-run")
    assert code == 0 and "Kiểm tra xong: 2 dòng hợp lệ (0 dòng đã có)." in output, output
    assert _count(env, unit_groups) == 0
    code, output = invoke("unit", "group", "import", str(mapping), "--scheme", "former-district")
    assert code == 0 and "Đã nhập 2 dòng vào nhóm former-district." in output, output
    code, output = invoke("unit", "group", "import", str(mapping), lang="en")
    assert code == 0 and "(2 kept already)" in output and "Imported 0 lines" in output
    assert _count(env, unit_groups) == 2
    code, output = invoke("unit", "group", "import", str(mapping), "--scheme", "parish")
    assert code == 2 and "Không có cách nhóm parish" in output


PLAN = """\
code: ke-hoach-co-quan
name: Kế hoạch
issuer: Công an tỉnh
scope: HN
starts: 01/01/2027
ends: 31/12/2027
deadlines:
  - code: dang-ky
    title: Đăng ký
    by: 10/03/2027
    addressees: [{kind: agency, role: officer}, {kind: cau_lac_bo, role: officer}]
    deliverable: Bản đăng ký
"""


def test_a_plan_naming_an_unknown_kind_is_refused_with_its_line(env: Database) -> None:
    tree()
    plan = Path("ke-hoach.yaml")
    plan.write_text(PLAN, encoding="utf-8")
    code, output = invoke("plan", "load", str(plan))
    assert code == 1, output
    assert "dòng 11: deadlines.0.addressees.1.kind: cấp đơn vị 'cau_lac_bo' chưa có" in output
    assert _count(env, plans) == 0
    invoke(
        "unit", "kind", "add", "cau_lac_bo", "--name-vi", "Câu lạc bộ", "--name-en", "Club",
        "--parents", "commune", "--roles", "officer", "--reports",
    )  # fmt: skip
    code, output = invoke("plan", "load", str(plan))
    assert code == 0 and "ke-hoach-co-quan" in output, output
