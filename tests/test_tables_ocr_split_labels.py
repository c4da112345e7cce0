"""表三 and 表四 labels an OCR engine cut over two lines, and a 表三 row printed with its
numbering and values on one line and its label on the next.

Fixtures (tests/fixtures/ocr_tables): a county housing bureau through RapidOCR (one cell a
line: "（七" / "）总计", "行政" / "复议", "行政诉" / "讼", every result word of 表四 cut in two),
a district civil-affairs bureau through Tencent OCR (rows one a line: "2. 1 0 0 0 0 0 1" /
"重复申请", "4、1 0 …" / "保护第三方合法权益", "（七 15 1 …" / "）总计", "一、 15 2 …" / "本年新收…"),
a township through PDF24 (blank lines between cells: "(七" / ")总计", "（三" / "）不予公开",
"行政复" / "议", "结果维" / "持"). Each must read as its copy repaired by hand. Where the
numbering may be a figure instead ("1.0" read as "1." "0"; a numbering under a row that has
no value yet; a numbering over another row's label) the table stays unreadable, never read
with a figure that is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

FIX = Path(__file__).parent / "fixtures" / "ocr_tables"
_T4_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结")

#: What a careful reader repairs in each copy (the cut words joined, each row on its line).
_REPAIRS: dict[str, list[tuple[str, str]]] = {
    "rapidocr-county-housing-2023.txt": [
        ("\n（七\n）总计\n", "\n（七）总计\n"), ("\n行政\n复议\n", "\n行政复议\n"),
        ("\n行政诉\n讼\n", "\n行政诉讼\n"),
        *[(f"\n{w[:2]}\n{w[2:]}\n", f"\n{w}\n") for w in _T4_WORDS]],
    "tencent-district-civil-affairs-2022.txt": [
        ("\n2. 1 0 0 0 0 0 1\n重复申请", "\n2.重复申请 1 0 0 0 0 0 1"),
        ("\n4、1 0 0 0 0 0 1\n保护第三方合法权益", "\n4.保护第三方合法权益 1 0 0 0 0 0 1"),
        ("\n（七 15 1 0 0 1 0 17\n）总计", "\n（七）总计 15 1 0 0 1 0 17"),
        ("\n一、 15 2 0 0 1 0 18\n本年新收政府信息公开申请数量",
         "\n一、本年新收政府信息公开申请数量 15 2 0 0 1 0 18"),
        ("\n行政复\n议 行政诉讼\n", "\n行政复议 行政诉讼\n")],
    "pdf24-township-2023.txt": [
        ("\n(七\n\n)总计\n", "\n（七）总计\n"), ("\n（三\n\n）不予公开\n", "\n（三）不予公开\n"),
        ("\n行政复\n\n议\n", "\n行政复议\n"),
        *[(f"\n{w[:3]}\n\n{w[3:]}\n", f"\n{w}\n") for w in _T4_WORDS]],
}


def _tables(text: str) -> dict:
    return {t.id: t for t in load_report(text).tables}


def _repaired(name: str) -> str:
    text = (FIX / name).read_text(encoding="utf-8")
    for old, new in _REPAIRS[name]:
        assert old in text, (name, old)
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("name", sorted(_REPAIRS))
def test_reads_as_the_copy_repaired_by_hand(name):
    got = _tables((FIX / name).read_text(encoding="utf-8"))
    want = _tables(_repaired(name))
    assert sorted(want) == ["table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"]
    assert all(t.status == "ok" for t in want.values())
    assert {k: (t.status, t.values) for k, t in got.items()} == {
        k: (t.status, t.values) for k, t in want.items()}


def test_total_row_cut_after_its_numeral_reads_its_figures():
    t3 = _tables((FIX / "rapidocr-county-housing-2023.txt").read_text(encoding="utf-8"))["table3"]
    assert t3.status == "ok"
    assert t3.values[t3.rows.index("3.7")] == (10, 1, 0, 0, 1, 0, 12)


def test_table4_found_under_its_cut_header():
    t4 = _tables((FIX / "pdf24-township-2023.txt").read_text(encoding="utf-8"))["table4"]
    assert t4.status == "ok" and t4.values == ((0.0,) * 15,)
    t4 = _tables((FIX / "rapidocr-county-housing-2023.txt").read_text(encoding="utf-8"))["table4"]
    assert t4.values == ((1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0),)


def test_numbering_and_values_above_the_label_read_as_one_row():
    t3 = _tables((FIX / "tencent-district-civil-affairs-2022.txt").read_text(encoding="utf-8"))["table3"]
    assert t3.status == "ok"
    assert t3.values[t3.rows.index("3.5.2")] == (1, 0, 0, 0, 0, 0, 1)
    assert t3.values[t3.rows.index("3.3.4")] == (1, 0, 0, 0, 0, 0, 1)
    assert t3.values[t3.rows.index("1")] == (15, 2, 0, 0, 1, 0, 18)


@pytest.mark.parametrize("old, new", [
    # "1." run into the first "0": one figure 1.0, or the numbering and 0
    ("（五）不予处理\n1.信访举报投诉类申请 0 0 0 0 0 0 0",
     "（五）不予处理 1.0 0 0 0 0 0 0\n信访举报投诉类申请"),
    # under a row with no value yet, "2." may be that row's figure
    ("1.属于国家秘密 0 0 0 0 0 0 0\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0",
     "1.属于国家秘密\n2. 0 0 0 0 0 0 0\n其他法律行政法规禁止公开"),
    # a numbering over another row's label
    ("\n2. 1 0 0 0 0 0 1\n重复申请", "\n3. 1 0 0 0 0 0 1\n重复申请"),
    ("\n（七 15 1 0 0 1 0 17\n）总计", "\n（六 15 1 0 0 1 0 17\n）总计"),
])
def test_numbering_that_may_be_a_figure_leaves_the_table_unread(old, new):
    text = (FIX / "tencent-district-civil-affairs-2022.txt").read_text(encoding="utf-8")
    assert old in text
    want = _tables(_repaired("tencent-district-civil-affairs-2022.txt"))["table3"]
    t3 = _tables(text.replace(old, new))["table3"]
    assert t3.status == "unreadable"
    for row, vals in zip(t3.rows, t3.values, strict=True):
        got = want.values[want.rows.index(row)]
        assert all(v is None or v == w for v, w in zip(vals, got, strict=True)), (row, vals)


def test_open_numbering_with_no_row_of_its_own_is_kept_as_printed():
    text = (FIX / "pdf24-township-2023.txt").read_text(encoding="utf-8")
    t3 = _tables(text.replace("\n(七\n\n)总计\n", "\n(七\n\n)说明\n"))["table3"]
    assert t3.status != "ok"
