"""read_tables on the three text shapes, both formats, blanks, and broken input; 表四's group
header written in other ways, and a 表二 value among empty cells."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from _report_text import BODY
from _table_data import T3_GOOD, T4_GOOD
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.parse import load_report
from nlp_reports.parse.layout import TABLE3_ROWS, TABLE3_ROWS_2019, TABLE4_COLUMNS
from nlp_reports.parse.tables import read_tables

FIXTURES = Path(__file__).parent / "fixtures" / "tables"
SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"

_HEADINGS = re.compile(
    r"^(一、总体情况|二、主动公开政府信息情况|三、收到和处理政府信息公开申请情况"
    r"|四、政府信息公开行政复议、行政诉讼情况|五、存在的主要问题及改进情况|六、其他需要报告的事项)$",
    re.MULTILINE,
)
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def split_sections(text: str) -> dict[int, str]:
    """Crude split by the six canonical headings (enough for the fixtures and the sample)."""
    found = list(_HEADINGS.finditer(text))
    parts = {0: text[: found[0].start()] if found else text}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        parts[_NUMERALS[m.group(1)[0]]] = text[m.end():end]
    return parts


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def by_id(tables):
    return {t.id: t for t in tables}


T3 = T3_GOOD  # fictional, consistent figures (tests/_table_data.py)
T4 = T4_GOOD


def expected_t3(row: str) -> list[float]:
    return [float(v) for v in T3.get(row, [0] * 7)]


@pytest.mark.parametrize("name", ["flat_2021.txt", "aligned_2021.txt"])
@pytest.mark.parametrize("sectioned", [True, False])
def test_2021_shapes_read_every_cell(name, sectioned):
    text = fixture(name)
    sections = split_sections(text) if sectioned else {0: text}
    tables, problems, layout = read_tables(sections)
    assert layout == "2021"
    assert problems == []
    t = by_id(tables)
    assert set(t) == {"table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"}
    assert all(x.status == "ok" for x in tables)
    t3 = t["table3"]
    assert t3.rows == tuple(r for r, _ in TABLE3_ROWS)
    for row in t3.rows:
        assert list(t3.values[t3.rows.index(row)]) == expected_t3(row), row
    assert t["table4"].values == (tuple(float(v) for v in T4),)
    assert t["table4"].columns == tuple(c for c, _ in TABLE4_COLUMNS)
    assert t["table2.1"].values == ((1.0, 0.0, 5.0), (4.0, 2.0, 37.0))
    assert t["table2.5"].get("licensing", "decisions") == 156.0
    assert t["table2.6"].values == ((23.0,), (2.0,))
    assert t["table2.8"].get("fees", "amount") == 96171.6


def test_aligned_units_are_kept_in_raw():
    t = by_id(read_tables(split_sections(fixture("aligned_2021.txt")))[0])
    assert t["table2.5"].raw == (("156件",),)
    assert t["table2.8"].raw == (("96171.6万元",),)


def test_grid_eight_columns_blanks_and_slashes():
    tables, problems, layout = read_tables(split_sections(fixture("grid_2021_8col.txt")))
    assert problems == [] and layout == "2021"
    t = by_id(tables)
    t3 = t["table3"]
    assert t3.status == "ok"
    assert t3.columns == ("natural_person", "commercial", "research", "public_interest",
                          "legal_services", "other", "legal_subtotal", "total")
    assert t3.values[0] == (12.0, 3.0, 1.0, 0.0, 2.0, 1.0, 7.0, 19.0)
    assert t3.get("3.7", "legal_subtotal") == 7.0
    # blank cells: None with "" in raw; "/" and "-" are None but kept verbatim; "0" is 0.0
    i = t3.rows.index("3.3.2")
    assert t3.values[i] == (None,) * 8 and t3.raw[i] == ("",) * 8
    i = t3.rows.index("3.5.3")
    assert t3.values[i] == (None,) * 8 and t3.raw[i] == ("/",) * 8
    i = t3.rows.index("3.3.5")
    assert t3.values[i] == (0.0,) * 7 + (None,) and t3.raw[i][7] == "-"
    assert t["table2.1"].values[1] == (4.0, None, 37.0)
    assert t["table2.1"].raw[1] == ("4", "", "37")
    assert t["table2.8"].values == ((1234.5,),)
    t4 = t["table4"]
    assert t4.values[0][:9] == tuple(float(v) for v in T4[:9])
    assert t4.values[0][9:] == (None,) * 6 and t4.raw[0][9:] == ("",) * 6


def test_2019_format():
    tables, problems, layout = read_tables(split_sections(fixture("flat_2019.txt")))
    assert layout == "2019" and problems == []
    t = by_id(tables)
    assert set(t) == {"table2.1", "table2.5", "table2.6", "table2.8", "table2.9", "table3",
                      "table4"}
    t3 = t["table3"]
    assert t3.rows == tuple(r for r, _ in TABLE3_ROWS_2019)
    assert t3.get("3.6", "legal_services") == 1.0 and t3.get("3.6", "total") == 1.0
    assert t3.get("3.7", "total") == 20.0
    assert t["table2.5"].values == ((31.0, -2.0, 410.0), (5.0, 1.0, 77.0))
    assert t["table2.6"].values == ((12.0, 3.0, 95.0), (4.0, 0.0, 7.0))
    assert t["table2.8"].values == ((2.0, -1.0),)
    assert t["table2.9"].values == ((9.0, 352.75),)


def test_sample_report_reads_fully():
    if not SAMPLE.exists():
        pytest.skip("sample report not available")
    text = SAMPLE.read_text(encoding="utf-8")
    for sections in (split_sections(text), {0: text}):
        tables, problems, layout = read_tables(sections, year=2023)
        assert layout == "2021" and problems == []
        t = by_id(tables)
        assert set(t) == {"table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"}
        for table in tables:
            assert table.status == "ok"
            assert {v for row in table.values for v in row} == {0.0}
        assert len(t["table3"].values) == 25 and len(t["table3"].columns) == 7


def _remove_value(text: str, label: str, nth: int) -> str:
    """Delete the ``nth`` value line after ``label`` in one-value-per-line text."""
    lines = text.split("\n")
    i = lines.index(label)
    seen = 0
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            seen += 1
            if seen == nth:
                lines[j] = ""
                return "\n".join(lines)
    raise AssertionError("not enough lines")


def test_flat_missing_cell_is_unreadable_not_shifted():
    text = _remove_value(fixture("flat_2021.txt"), "4.保护第三方合法权益", 2)
    tables, problems, _ = read_tables(split_sections(text))
    t3 = by_id(tables)["table3"]
    assert t3.status == "unreadable"
    assert t3.values[t3.rows.index("3.3.4")] == (None,) * 7
    assert "row 3.3.4 has 6 values, expected 7" in t3.problem
    assert "168 of 175 cells read" in t3.problem
    # the neighbours keep their own numbers
    assert list(t3.values[t3.rows.index("3.3.5")]) == expected_t3("3.3.5")
    assert list(t3.values[t3.rows.index("3.4.1")]) == expected_t3("3.4.1")
    assert [p.code for p in problems] == ["table_unreadable"]
    assert problems[0].message == t3.problem


def test_aligned_missing_cell_is_unreadable():
    text = fixture("aligned_2021.txt").replace("1.本机关不掌握相关政府信息 3 0 0 0 0 1 4",
                                               "1.本机关不掌握相关政府信息 3 0 0 0 1 4")
    t3 = by_id(read_tables(split_sections(text))[0])["table3"]
    assert t3.status == "unreadable"
    assert t3.values[t3.rows.index("3.4.1")] == (None,) * 7
    assert t3.values[0] == tuple(float(v) for v in T3["1"])


def test_flat_table4_missing_cell():
    text = fixture("flat_2021.txt")
    head, tail = text.split("复议后起诉", 1)
    tail = tail.replace("\n\n2\n\n0\n\n1", "\n\n\n\n0\n\n1", 1)  # drop the review total
    t4 = by_id(read_tables(split_sections(head + "复议后起诉" + tail))[0])["table4"]
    assert t4.status == "unreadable"
    assert "14 values, expected 15" in t4.problem
    assert t4.values[0] == (None,) * 15


@pytest.mark.parametrize("bad", ["99999999999999", "1e30", "3.4.5", "9" * 309, "9" * 5000])
def test_absurd_numbers_are_not_read(bad):
    text = fixture("aligned_2021.txt").replace("2.重复申请 1 0 0 0 0 0 1",
                                               f"2.重复申请 1 0 {bad} 0 0 0 1")
    t3 = by_id(read_tables(split_sections(text))[0])["table3"]
    i = t3.rows.index("3.5.2")
    assert t3.status == "unreadable"
    assert t3.values[i] == (1.0, 0.0, None, 0.0, 0.0, 0.0, 1.0)
    assert t3.raw[i][2] == bad
    assert "column research" in t3.problem


def test_shuffled_rows_are_unreadable():
    lines = fixture("aligned_2021.txt").split("\n")
    a = next(i for i, x in enumerate(lines) if x.startswith("(一)予以公开"))
    b = next(i for i, x in enumerate(lines) if x.startswith("(七)总计"))
    lines[a], lines[b] = lines[b], lines[a]
    tables, problems, _ = read_tables(split_sections("\n".join(lines)))
    t3 = by_id(tables)["table3"]
    assert t3.status == "unreadable"
    assert any(p.code == "table_unreadable" for p in problems)


def test_narrative_numbers_before_the_table_are_ignored():
    text = fixture("flat_2021.txt")
    narrative = "一、总体情况\n\n本年新收政府信息公开申请15件\n\n予以公开8件\n\n"
    tables, problems, _ = read_tables({1: narrative, **split_sections(text)})
    t3 = by_id(tables)["table3"]
    assert t3.status == "ok" and problems == []
    assert t3.values[0] == tuple(float(v) for v in T3["1"])


def test_legacy_report_has_no_tables_and_no_problem():
    text = ("一、概述\n本机关认真贯彻条例。\n二、主动公开政府信息情况\n全年主动公开信息120条。\n"
            "三、依申请公开和不予公开情况\n全年受理申请3件，均已按时答复。\n")
    assert read_tables(split_sections(text), year=2015) == ([], [], None)
    assert read_tables({0: text}) == ([], [], None)


def test_missing_table_is_a_problem():
    text = fixture("flat_2021.txt").split("四、政府信息公开行政复议")[0]
    tables, problems, layout = read_tables(split_sections(text))
    assert layout == "2021"
    assert "table4" not in by_id(tables)
    assert [p.code for p in problems] == ["table_missing"]


def test_no_table_in_a_2022_report_is_a_problem():
    tables, problems, layout = read_tables({0: "一、总体情况\n全年工作有序推进。\n"}, year=2022)
    assert tables == [] and layout is None
    assert [p.code for p in problems] == ["table_missing"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["", "0", "3", "/", "-", "1,234", "7.5件", "1e30", "\t", "规章", "行政许可", "(七)总计",
     "一、本年新收政府信息公开申请数量", "3.其他", "(六)其他处理", "行政复议", "总计", "结果维持",
     "四、结转下年度继续办理", "1.属于国家秘密", "a\tb\t3", "申请人情况", "小计", "99999999999999"]
), max_size=80), st.integers(min_value=0, max_value=4))
def test_never_raises_on_odd_input(lines, key):
    tables, problems, layout = read_tables({key: "\n".join(lines)})
    for t in tables:
        assert len(t.values) == len(t.rows) == len(t.raw)
        assert all(len(r) == len(t.columns) for r in t.values)
        assert (t.status == "ok") == (t.problem is None)
    assert layout in (None, "2019", "2021")


def test_fast_enough():
    sections = split_sections(fixture("flat_2021.txt"))
    t0 = time.process_time()
    for _ in range(100):
        read_tables(sections)
    assert time.process_time() - t0 < 1.0  # ~1 ms each; the budget is 5 ms per whole report


def test_grid_value_repeated_over_merged_columns():
    text = ("信息内容\t本年处理决定数量\t本年处理决定数量\t本年处理决定数量\n"
            "行政许可\t41\t41\t41\n"
            "信息内容\t本年处理决定数量\t本年处理决定数量\t本年处理决定数量\n"
            "行政处罚\t7\t7\t7\n行政强制\t3\t3\t5\n")
    t = by_id(read_tables({2: text}, year=2022)[0])
    assert t["table2.5"].values == ((41.0,),) and t["table2.5"].status == "ok"
    assert t["table2.6"].status == "unreadable"  # 3 3 5 is not one value repeated
    assert t["table2.6"].values == ((7.0,), (None,))


def test_grid_empty_cells_between_label_and_numbers():
    text = fixture("grid_2021_8col.txt").replace(
        "四、结转下年度继续办理\t四、结转下年度继续办理\t四、结转下年度继续办理\t",
        "四、结转下年度继续办理\t\t\t")
    t3 = by_id(read_tables(split_sections(text))[0])["table3"]
    assert t3.status == "ok"
    assert t3.values[-1] == (1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0)


def test_aligned_variants_glued_numbers_spaced_units_wrapped_labels():
    lines = fixture("aligned_2021.txt").split("\n")
    lines = [
        "一、本年新收政府信息公开申请数量12 3 1 0 2 1 19" if x.startswith("一、本年新收") else
        "行政许可 156 件" if x.startswith("行政许可") else
        "5.要求行政机关确认或重新出具已获取\n信息 0 0 0 0 0 0 0" if x.startswith("5.要求") else
        "(七) 总计 13 3 1 0 2 1 20" if x.startswith("(七)") else x
        for x in lines
    ]
    tables, problems, _ = read_tables(split_sections("\n".join(lines)))
    t = by_id(tables)
    assert problems == []
    assert t["table3"].values[0] == tuple(float(v) for v in T3["1"])
    assert t["table3"].get("3.7", "total") == 20.0
    assert t["table2.5"].raw == (("156件",),)


def _flat_table3(rows: dict[str, list], header: list[str]) -> str:
    """One-cell-per-line 表三 with the official row labels (group labels included)."""
    groups = {"3.1": "三、本年度办理结果", "3.3.1": "(三)不予公开", "3.4.1": "(四)无法提供",
              "3.5.1": "(五)不予处理", "3.6.1": "(六)其他处理"}
    out = ["申请人情况", *header]
    for rid, label in TABLE3_ROWS:
        if rid in groups:
            out.append(groups[rid])
        out.append(label)
        out += [str(v) for v in rows[rid]]
    return "\n\n".join(out)


@pytest.mark.parametrize("with_header", [True, False])
def test_flat_eight_values_per_row_means_subtotal_column(with_header):
    rows = {}
    for rid, _ in TABLE3_ROWS:
        v = T3.get(rid, [0] * 7)
        rows[rid] = [*v[:6], sum(v[1:6]), v[6]]
    header = ["自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
              "其他", "小计"] if with_header else []
    tables, problems, _ = read_tables({3: _flat_table3(rows, header)})
    t3 = by_id(tables)["table3"]
    assert t3.status == "ok", t3.problem
    assert t3.columns[6] == "legal_subtotal"
    assert t3.values[0] == (12.0, 3.0, 1.0, 0.0, 2.0, 1.0, 7.0, 19.0)
    assert t3.get("3.6.3", "legal_subtotal") == 1.0


def test_flat_subtotal_column_first_when_the_header_says_so():
    rows = {}
    for rid, _ in TABLE3_ROWS:
        v = T3.get(rid, [0] * 7)
        rows[rid] = [v[0], sum(v[1:6]), *v[1:]]
    header = ["自然人", "法人或其他组织", "小计", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
              "其他", "总计"]
    t3 = by_id(read_tables({3: _flat_table3(rows, header)})[0])["table3"]
    assert t3.columns[1] == "legal_subtotal"
    assert t3.values[0] == (12.0, 7.0, 3.0, 1.0, 0.0, 2.0, 1.0, 19.0)


def test_legacy_year_skips_table_like_text():
    text = fixture("aligned_2021.txt")
    assert read_tables(split_sections(text), year=2017) == ([], [], None)


@pytest.mark.parametrize("text", [
    "1" * 100000 + "年",
    ("一、本年新收政府信息公开申请数量\t" + "\t".join(["1e30"] * 10) + "\n") * 2000,
    "\n".join(["规章", "0", "行政许可", "一、本年新收政府信息公开申请数量", "行政复议", "0"] * 3000),
])
def test_pathological_input_stays_linear(text):
    t0 = time.process_time()
    read_tables({0: text, 3: text})
    assert time.process_time() - t0 < 2.0


def test_grid_row_numbers_in_their_own_column():
    lines = []
    for line in fixture("grid_2021_8col.txt").split("\n"):
        cells = line.split("\t")
        if len(cells) == 11 and cells[2] and cells[2][0].isdigit() and cells[2][1] == ".":
            # "三、…\t(三)不予公开\t1.属于国家秘密" → "…\t1\t属于国家秘密"
            cells = [cells[0], cells[1], cells[2][0], cells[2][2:], *cells[3:]]
        lines.append("\t".join(cells))
    t3 = by_id(read_tables(split_sections("\n".join(lines)))[0])["table3"]
    assert t3.status == "ok", t3.problem
    assert t3.get("3.3.4", "commercial") == 1.0 and t3.get("3.6.3", "legal_services") == 1.0


def test_grid_merged_label_cells_left_empty_values_right_aligned():
    # pdfplumber leaves merged cells empty: the label spans three columns, values come last
    head = "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
    rows = [f"{label}\t\t\t" + "\t".join(map(str, T3.get(rid, [0] * 7)))
            for rid, label in TABLE3_ROWS]
    rows[1] = "二、上年结转政府信息公开申请数量\t\t\t2\t1\t0\t0\t0\t0\t"  # blank total
    t3 = by_id(read_tables({3: "\n".join([head, *rows])})[0])["table3"]
    assert t3.status == "ok"
    assert t3.values[0] == tuple(float(v) for v in T3["1"])
    assert t3.values[1] == (2.0, 1.0, 0.0, 0.0, 0.0, 0.0, None)


def test_table4_grid_with_empty_merged_header_cells():
    text = "\n".join([
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
        "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
        "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
        "\t".join(map(str, T4)),
    ])
    t4 = by_id(read_tables({4: text})[0])["table4"]
    assert t4.status == "ok"
    assert t4.values == (tuple(float(v) for v in T4),)


def _delete_cell(text: str, label: str, k: int, shape: str) -> str:
    """``text`` with the ``k``-th value cell of the row labelled ``label`` removed."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if shape == "aligned" and line.startswith(label + " "):
            toks = line[len(label) + 1:].split(" ")
            del toks[k]
            lines[i] = label + " " + " ".join(toks)
            return "\n".join(lines)
        cells = line.split("\t")
        if shape == "grid" and len(cells) > 9 and cells[-9] == label:  # 8 values follow
            del cells[len(cells) - 8 + k]
            lines[i] = "\t".join(cells)
            return "\n".join(lines)
        if shape == "flat" and line == label:
            seen = 0
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    if seen == k:
                        lines[j] = ""
                        return "\n".join(lines)
                    seen += 1
    raise AssertionError(f"row {label!r} not found")


_PARTIAL = "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
_LABELS = {  # row → its label as written in the flat / aligned / grid fixtures
    "1": ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请",
          "一、本年新收政府信息公开申请数量"),
    "3.2": (_PARTIAL, "(二)部分公开", _PARTIAL),
    "3.5.2": ("2.重复申请",) * 3,
    "3.6.3": ("3.其他",) * 3,
    "4": ("四、结转下年度继续办理",) * 3,
}
_SHAPES = {"flat": ("flat_2021.txt", 0), "aligned": ("aligned_2021.txt", 1),
           "grid": ("grid_2021_8col.txt", 2)}


@pytest.mark.parametrize("shape", list(_SHAPES))
@pytest.mark.parametrize("row", list(_LABELS))
def test_a_deleted_cell_never_shifts_the_others(shape, row):
    name, which = _SHAPES[shape]
    text = fixture(name)
    label = _LABELS[row][which]
    full = by_id(read_tables(split_sections(text))[0])["table3"]
    assert full.status == "ok"
    i = full.rows.index(row)
    for k in range(len(full.columns)):
        t3 = by_id(read_tables(split_sections(_delete_cell(text, label, k, shape)))[0])["table3"]
        assert t3.status == "unreadable", (shape, row, k)
        assert t3.values[i] == (None,) * len(full.columns)
        others = [r for j, r in enumerate(t3.values) if j != i]
        assert others == [r for j, r in enumerate(full.values) if j != i]


def test_table2_labels_with_a_note_in_brackets():
    text = ("信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章(件)\t1\t0\t5\n"
            "行政规范性文件(含部门文件)\t4\t2\t37\n")
    t = by_id(read_tables({2: text}, year=2023)[0])
    assert t["table2.1"].status == "ok"
    assert t["table2.1"].values == ((1.0, 0.0, 5.0), (4.0, 2.0, 37.0))


# 表三 and 表四 cells are counts: whole numbers, or the blank marks
_CELL = st.one_of(st.integers(0, 99_999).map(str), st.sampled_from(["/", "-", "—", "无"]),
                  st.integers(1000, 9_999_999).map(lambda n: f"{n:,}"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=7, max_size=7), min_size=25, max_size=25),
       st.lists(_CELL, min_size=15, max_size=15),
       st.sampled_from(["flat", "aligned", "grid"]))
def test_round_trip_any_values_in_any_shape(t3_cells, t4_cells, shape):
    """Whatever is written (counts, "1,234", "/" "-" "—" "无") is read back in place."""
    rows = []
    for (rid, label), cells in zip(TABLE3_ROWS, t3_cells, strict=True):
        if rid == "3.6.1":
            rows.append(("(六)其他处理", []))
        rows.append((label if rid != "3.6.3" else "3.其他", cells))
    t4_head = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    if shape == "flat":
        out = ["申请人情况", "自然人", "总计"]
        for label, cells in rows:
            out += [label, *cells]
        out4 = [*t4_head, *t4_cells]
        sep = "\n\n"
    elif shape == "aligned":
        out = ["申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
        out += [" ".join([label, *cells]) for label, cells in rows]
        out4 = [" ".join(t4_head), " ".join(t4_cells)]
        sep = "\n"
    else:
        out = ["\t".join([label, *cells]) for label, cells in rows]
        out4 = ["\t".join(t4_head), "\t".join(t4_cells)]
        sep = "\n"
    tables, problems, layout = read_tables({3: sep.join(out), 4: sep.join(out4)}, year=2022)
    t = by_id(tables)
    assert t["table3"].status == "ok", t["table3"].problem
    assert t["table4"].status == "ok", t["table4"].problem
    for got, written in ((t["table3"].raw, t3_cells), (t["table4"].raw, [t4_cells])):
        assert [list(r) for r in got] == written
    for table in (t["table3"], t["table4"]):
        for raw_row, value_row in zip(table.raw, table.values, strict=True):
            for raw, value in zip(raw_row, value_row, strict=True):
                expected = None if raw in ("/", "-", "—", "无") else float(raw.replace(",", ""))
                assert value == expected


def test_negative_or_fractional_counts_are_not_plausible_cells():
    """表三 and 表四 hold counts of applications and cases: -3 or 2.5 cannot be read as one."""
    from nlp_reports.parse.layout import TABLE3_ROWS
    from nlp_reports.parse.tables import read_tables

    lines = ["申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for rid, label in TABLE3_ROWS:
        vals = ["0"] * 7
        if rid == "1":
            vals = ["2.5", "0", "0", "0", "0", "0", "2.5"]
        if rid == "4":
            vals = ["-3", "0", "0", "0", "0", "0", "-3"]
        lines.append(f"{label} " + " ".join(vals))
    tables, problems, _ = read_tables({3: "\n".join(lines)})
    t3 = next(t for t in tables if t.id == "table3")
    assert t3.status == "unreadable"
    assert t3.get("1", "natural_person") is None and t3.raw[0][0] == "2.5"
    assert t3.get("4", "total") is None
    assert t3.get("2", "total") == 0.0
    assert any("'2.5' is not a whole number" in p.message for p in problems)
    assert any("'-3' is negative" in p.message for p in problems)


# --- 表四 header variants, 表二 cells among empty ones -------------------------------------


_T4_GROUPS = "结果维持 结果纠正 其他结果 尚未审结 总计"
_T4_VALUES = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1]  # I4 holds in each group


@pytest.mark.parametrize("header", [
    "行政复议 行政诉讼",
    "行政复议行政诉讼",  # a merged cell whose spaces a PDF lost
    "行政复议、行政诉讼",
    "政府信息公开行政复议\t政府信息公开行政诉讼",
    "行政复\n议\t行政诉讼",  # wrapped in its cell: the column header below anchors the table
    "",  # no group line at all
])
@pytest.mark.parametrize("sep", ["\t", " "])
def test_table4_header_variants(header: str, sep: str) -> None:
    from nlp_reports.parse.tables import read_tables

    groups = sep.join([_T4_GROUPS.replace(" ", sep)] * 3)
    text = "\n".join(x for x in (header, "未经复议直接起诉" + sep + "复议后起诉", groups,
                                 sep.join(map(str, _T4_VALUES))) if x)
    tables, _, _ = read_tables({4: text}, year=2023)
    t4 = next(t for t in tables if t.id == "table4")
    assert t4.status == "ok"
    assert t4.values == (tuple(map(float, _T4_VALUES)),)


def test_table4_merged_header_in_a_report_checks_pass() -> None:
    body = BODY.replace("四、政府信息公开行政复议、行政诉讼情况\n无。\n", "四、政府信息公开行政复议、行政诉讼情况\n"
                        "行政复议行政诉讼\n" + " ".join([_T4_GROUPS] * 3) + "\n"
                        + " ".join(map(str, _T4_VALUES)) + "\n")
    r = load_report("柳岸县水务局2023年政府信息公开工作年度报告\n" + body)
    assert r.table("table4").get("count", "review.total") == 4
    i4 = [c.outcome for c in r.checks if c.id == "I4"]
    assert i4 == ["pass"] * 3


def test_results_words_in_prose_are_no_table4() -> None:
    from nlp_reports.parse.tables import read_tables

    text = "结果维持\n本年度行政复议案件均已审结，其中结果纠正1件。\n3"
    tables, _, _ = read_tables({4: text}, year=2023)
    assert not [t for t in tables if t.id == "table4"]


@pytest.mark.parametrize(("row", "value"), [
    ("行政许可\t57\t57\t57\t", 57.0),  # merged cell repeated, then an empty spacer column
    ("行政许可\t\t57\t", 57.0),  # empty cells on both sides
    ("行政许可\t\t57\t57", 57.0),
    ("行政许可\t3\t57", None),  # two different values: not placed
    ("行政许可\t57\t/", None),  # a value and a written blank mark: not placed
])
def test_table2_one_value_row_among_empty_cells(row: str, value: float | None) -> None:
    from nlp_reports.parse.tables import read_tables

    text = f"第二十条第（五）项\n信息内容\t本年处理决定数量\n{row}\n"
    tables, _, _ = read_tables({2: text}, year=2023)
    t = next(t for t in tables if t.id == "table2.5")
    assert t.values == ((value,),)
    assert t.status == ("ok" if value is not None else "unreadable")
