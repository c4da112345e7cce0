"""Table cells the parser could not read, or read wrong.

1. A negative figure ("-1", "−4" U+2212, "－1" full-width) in a count or an amount: "−"/"－"
   made the cell a label, so the row came out a value short (a wrong reason) and a 2021 表二
   count kept "-3" as a figure. Now every minus is a minus, and a negative count (表三, 表四) or
   表二 count or fee is no reading of its cell: null, the table unreadable, the problem naming the
   cell ("'-1' is negative"). A 2019 本年增/减 may be negative.
2. Whole-cell Chinese numerals ("十二", "一百零五", "〇", "两", "五件") are figures. Before, one row of
   them came out ``ok`` with that row blank (a silent wrong), a whole table of them unreadable.
   "1，204" on a line of its own or ending a space-joined row is one figure (it was 1 and 204,
   or the row label swallowed the row); "1 204" is one figure only inside a grid cell.
3. 表四 printed as "label：value" pairs is read when every label names one column of a named
   group, else unreadable with the reason.
4. "2.5" and "50%" where a count belongs are reported by name; "—", "/", "无", "-" are blank.
5. T1 compares section 一 with the row's parts too when the total it reads fails I2 / I4.

Fixtures: tests/fixtures/parse19/ (gen.py writes them; figures from tests/_table_data.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _table_data import T3_GOOD, T4_GOOD

from nlp_reports import load_report
from nlp_reports.parse.checks import run_checks
from nlp_reports.parse.layout import TABLE3_ROWS, TABLE4_COLUMNS
from nlp_reports.parse.tables import read_tables

FIX = Path(__file__).parent / "fixtures" / "parse19"
COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other",
        "total"]


def _t3(rid: str) -> list[int]:
    return T3_GOOD.get(rid, [0] * 7)


def _cells(table) -> dict[str, list]:
    return {rid: list(table.values[r]) for r, rid in enumerate(table.rows)}


def _truth_t3(over: dict | None = None) -> dict[str, list]:
    out = {rid: [float(v) for v in _t3(rid)] for rid, _ in TABLE3_ROWS}
    for (rid, c), v in (over or {}).items():
        out[rid][c] = v
    return out


def _load(name):
    r = load_report(FIX / name)
    return r, {t.id: t for t in r.tables}


# 1. negative figures


def test_ascii_negative_in_table3_names_the_cell_and_reads_the_rest():
    r, t = _load("a01_negative_ascii_cells.txt")
    t3 = t["table3"]
    assert t3.status == "unreadable"
    assert t3.get("2", "natural_person") is None and t3.raw[1][0] == "-1"
    assert _cells(t3) == _truth_t3({("2", 0): None})  # every other cell read
    assert "row 2 column natural_person: '-1' is negative" in t3.problem
    assert {c.outcome for c in r.checks if c.table == "table3"} == {"not_assessable"}
    assert t["table4"].status == "ok"


def test_unicode_and_fullwidth_minus_are_minus_signs_not_labels():
    r, t = _load("a02_minus_sign_rows.txt")
    t3, t4 = t["table3"], t["table4"]
    # before: "−4" was taken for text, the row "had 6 values" and all 7 cells were lost
    assert _cells(t3) == _truth_t3({("3.4.1", 6): None})
    assert "row 3.4.1 column total: '−4' is negative" in t3.problem
    assert t4.status == "unreadable" and t4.raw[0][2] == "－1"
    assert list(t4.values[0]) == [*map(float, T4_GOOD[:2]), None, *map(float, T4_GOOD[3:])]
    assert "column review.other: '－1' is negative" in t4.problem


def test_negative_count_in_2021_table2_is_not_read_as_a_figure():
    _, t = _load("a03_negative_fee_html.html")
    t25 = t["table2.5"]
    assert t25.status == "unreadable" and t25.get("licensing", "decisions") is None
    assert "'-3' is negative" in t25.problem
    assert t["table2.1"].get("normative_documents", "in_force") == 6
    assert _cells(t["table3"]) == _truth_t3()


def test_a_2019_change_column_may_be_negative():
    text = ("第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n40\n-3\n512\n"
            "其他对外管理服务事项\n6\n−1\n80\n")
    tables, _, layout = read_tables({2: text}, year=2020)
    t25 = next(t for t in tables if t.id == "table2.5")
    assert layout == "2019" and t25.status == "ok"
    assert t25.get("licensing", "change") == -3 and t25.get("other_services", "change") == -1
    assert t25.get("licensing", "decisions") == 512


# 2. Chinese numerals, thousands


def test_chinese_numerals_in_every_table_one_cell_a_line():
    r, t = _load("b01_chinese_numerals_cells.txt")
    assert _cells(t["table3"]) == _truth_t3()
    assert t["table3"].raw[0][:2] == ("十二", "三")
    assert list(t["table4"].values[0]) == list(map(float, T4_GOOD))
    assert t["table2.1"].get("normative_documents", "issued") == 2  # "两"
    assert t["table2.1"].get("normative_documents", "in_force") == 8
    assert t["table2.5"].get("licensing", "decisions") == 36  # "三十六"
    assert t["table2.6"].get("punishment", "decisions") == 5  # "五件"
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3", "I4", "T1")} == {"pass"}


def test_chinese_numerals_in_an_html_table_with_a_unit():
    _, t = _load("b02_chinese_numerals_html.html")
    assert _cells(t["table3"]) == _truth_t3()
    assert t["table3"].raw[0][0] == "十二件"
    assert list(t["table4"].values[0]) == list(map(float, T4_GOOD))


def test_one_row_of_chinese_numerals_is_no_blank_row():
    """Before: the numerals were labels, the row had no value and was taken as left blank
    (status ok, the row null): a silent wrong."""
    lines = ["申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for rid, label in TABLE3_ROWS:
        vals = [str(v) for v in _t3(rid)]
        if rid == "1":
            vals = ["十二", "三", "一", "〇", "两", "一", "十九"]
        lines.append(f"{label} " + " ".join(vals))
    tables, problems, _ = read_tables({3: "\n".join(lines)})
    t3 = next(t for t in tables if t.id == "table3")
    assert t3.status == "ok"
    assert [p.code for p in problems] == ["table_missing"] * 2  # (表二, 表四: not in this text)
    assert list(t3.values[0]) == [12, 3, 1, 0, 2, 1, 19]


@pytest.mark.parametrize("cell,value", [("一百零五", 105), ("二十", 20), ("零", 0), ("十", 10),
                                        ("两百", 200), ("三项", 3), ("八个", 8)])
def test_whole_cell_numerals(cell, value):
    text = f"第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n{cell}\n"
    tables, _, _ = read_tables({2: text}, year=2023)
    assert next(t for t in tables if t.id == "table2.5").get("licensing", "decisions") == value


@pytest.mark.parametrize("cell", ["三十多", "一二", "若干", "十余"])
def test_numerals_that_are_no_figure_stay_unread(cell):
    text = f"第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n{cell}\n"
    tables, problems, _ = read_tables({2: text}, year=2023)
    t25 = next((t for t in tables if t.id == "table2.5"), None)
    assert t25 is None or t25.get("licensing", "decisions") is None
    assert problems


def test_thousands_separators():
    _, t = _load("b03_thousands_rows.txt")
    t3 = t["table3"]
    assert t3.status == "ok"
    assert t3.get("1", "natural_person") == 1012 and t3.get("1", "total") == 1019  # "1，019"
    assert t3.get("3.1", "natural_person") == 1005  # "1,005"
    assert t["table2.1"].get("normative_documents", "in_force") == 1204  # "1，204" alone
    assert t["table2.5"].get("licensing", "decisions") == 12386  # "12,386"
    # "2 017" on a line of its own: two cells or one figure, not told apart: reported
    assert t["table2.6"].status == "unreadable"
    assert t["table2.6"].get("punishment", "decisions") is None


def test_spaced_thousands_inside_a_grid_cell():
    lines = ["申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
    for rid, label in TABLE3_ROWS:
        vals = [str(v) for v in _t3(rid)]
        if rid == "1":
            vals = ["1 012", *vals[1:6], "1 019"]
        lines.append("\t".join([label, *vals]))
    tables, _, _ = read_tables({3: "\n".join(lines)})
    t3 = next(t for t in tables if t.id == "table3")
    assert t3.get("1", "natural_person") == 1012 and t3.get("1", "total") == 1019


# 3. 表四 as label：value pairs


def test_table4_pairs_one_line_per_group_are_read():
    r, t = _load("c01_t4_pairs_one_line_per_group.txt")
    assert t["table4"].status == "ok"
    assert list(t["table4"].values[0]) == list(map(float, T4_GOOD))
    assert {c.outcome for c in r.checks if c.id == "I4"} == {"pass"}


@pytest.mark.parametrize("sep", ["：", ":", "： ", " "])
def test_table4_pairs_one_a_line(sep):
    groups = ["行政复议", "行政诉讼\n未经复议直接起诉", "复议后起诉"]
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    text = "\n".join(f"{g}\n" + "\n".join(f"{w}{sep}{T4_GOOD[5 * i + k]}" for k, w in enumerate(words))
                     for i, g in enumerate(groups))
    tables, _, _ = read_tables({4: text}, year=2022)
    t4 = next(t for t in tables if t.id == "table4")
    assert t4.status == "ok" and list(t4.values[0]) == list(map(float, T4_GOOD))


def test_table4_pairs_without_their_litigation_groups_stay_unreadable():
    _, t = _load("c02_t4_pairs_no_subgroups.txt")
    t4 = t["table4"]
    assert t4.status == "unreadable" and all(v is None for v in t4.values[0])
    assert "label：value pairs" in t4.problem and "under no group" in t4.problem


def test_table4_pair_given_twice_is_not_read():
    text = ("行政复议\n维持：1 纠正：0 其他结果：1 尚未审结：0 总计：2 维持：3\n未经复议直接起诉\n"
            "维持：0 纠正：1 其他结果：0 尚未审结：1 总计：2\n复议后起诉\n"
            "维持：0 纠正：0 其他结果：0 尚未审结：1 总计：1")
    tables, problems, _ = read_tables({4: text}, year=2022)
    t4 = next(t for t in tables if t.id == "table4")
    assert t4.status == "unreadable" and all(v is None for v in t4.values[0])
    assert f"{TABLE4_COLUMNS[0][0]} given twice" in t4.problem


# 4. percent, decimal, dashes


def test_percent_and_decimal_are_named_and_dashes_are_blank():
    _, t = _load("d01_percent_decimal_dashes.txt")
    t3 = t["table3"]
    assert t3.status == "unreadable"
    assert "'100%' is a percentage where a count belongs" in t3.problem
    assert "'2.5' is not a whole number" in t3.problem
    assert t3.get("1", "total") is None and t3.get("3.1", "commercial") is None
    # "—", "/", "无", "-": blank, kept as written, never 0
    assert [t3.get("2", c) for c in COLS[2:6]] == [None] * 4
    assert t3.raw[1][2:6] == ("—", "/", "无", "-")
    assert t3.get("1", "natural_person") == 12


# docx carrier


def test_docx_table_with_numerals_and_a_minus(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for p in ["青石县档案馆2023年政府信息公开工作年度报告", "一、总体情况",
              "2023年，我馆共收到政府信息公开申请十九件。", "三、收到和处理政府信息公开申请情况"]:
        doc.add_paragraph(p)
    table = doc.add_table(rows=1 + len(TABLE3_ROWS), cols=8)
    for c, h in enumerate(["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                           "其他", "总计"]):
        table.cell(0, c).text = h
    cn = {0: "〇", 1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 8: "八", 12: "十二", 13: "十三",
          19: "十九", 20: "二十"}
    for r, (rid, label) in enumerate(TABLE3_ROWS, start=1):
        table.cell(r, 0).text = label
        for c, v in enumerate(_t3(rid)):
            table.cell(r, c + 1).text = cn[v]
    table.cell(len(TABLE3_ROWS), 7).text = "−2"  # 结转下年度 总计
    for p in ["五、存在的主要问题及改进情况", "（一）存在问题", "档案开放审核进度偏慢。", "（二）改进措施",
              "增加开放审核人员。", "青石县档案馆", "2024年1月22日"]:
        doc.add_paragraph(p)
    path = tmp_path / "青石县档案馆2023年报告.docx"
    doc.save(path)
    r = load_report(path)
    t3 = {t.id: t for t in r.tables}["table3"]
    assert _cells(t3) == _truth_t3({("4", 6): None})
    assert "row 4 column total: '−2' is negative" in t3.problem


# 5. T1 when the total it reads fails I2


def _t3_text(row1_total: int) -> str:
    lines = ["申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for rid, label in TABLE3_ROWS:
        vals = list(_t3(rid))
        if rid == "1":
            vals[6] = row1_total
        lines.append(f"{label} " + " ".join(map(str, vals)))
    return "\n".join(lines)


def _t1(said: int, total: int):
    tables, _, _ = read_tables({3: _t3_text(total)})
    narrative = f"2023年，本机关共收到政府信息公开申请{said}件，均已按期答复。"
    return [c for c in run_checks(tables, {1: narrative, 3: ""}) if c.id == "T1"]


def test_t1_speaks_when_section_1_agrees_with_a_wrong_total():
    """newuser19 P1: 总体情况 "18件", 总计 18, the six columns 19: I2 fails, T1 was silent."""
    (t1,) = _t1(18, 18)
    assert t1.outcome == "fail" and t1.found == 18 and t1.expected == 18
    assert "sum to 19, not 18" in t1.message and "section 一 must be too" in t1.message


def test_t1_says_the_text_agrees_with_the_parts():
    (t1,) = _t1(19, 18)
    assert t1.outcome == "fail" and "sum to 19, as section 一 says" in t1.message


def test_t1_with_a_consistent_row_is_unchanged():
    (t1,) = _t1(19, 19)
    assert t1.outcome == "pass" and "sum to" not in t1.message


def test_t1_chinese_sentences():
    from nlp_reports.corpus.audit import _t1_zh

    def zh(check):
        return _t1_zh({"message": check.message, "found": check.found, "expected": check.expected,
                       "table_id": check.table, "row": check.row, "column": check.column})

    agree_wrong = zh(_t1(18, 18)[0])
    assert "与表三" in agree_wrong and "之和为19" in agree_wrong and "一并更正" in agree_wrong
    agree_parts = zh(_t1(19, 18)[0])
    assert "为18（表格）" in agree_parts and "应更正的是表格中的总计" in agree_parts
    plain = zh(_t1(17, 17 + 2)[0])  # text 17, 总计 19 = parts: the old sentence alone
    assert "之和" not in plain and "为19（表格）" in plain
