"""表二–四 of OCR'd reports: stray single-mark lines among a flattened table's cells, a 表三
row numbering boxed apart from its label, row 一's label cut inside its key words.

Fixtures (tests/fixtures/ocr_tables): a county bureau through PaddleOCR (丨 rules after row
labels and among 表四's values, "4." / "2." alone above their labels), a township through
Tesseract (specks 。、： between cells, "一、本年新" / "收政府信息公开申请数量"), a city bureau
through ABBYY (five numberings boxed apart, ｜ between values), a district through WPS (aligned
rows, a numbering on the line above its row, a speck line). Each must read as its copy
repaired by hand. Two more hold marks that may be a misread figure — "l" (1), "一" (1 or a
dash), "1." and "2." before a label of another row — and must leave their table unreadable,
never a figure read wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.tables import read_tables

FIX = Path(__file__).parent / "fixtures" / "ocr_tables"

#: What a careful reader repairs in each copy (the marks dropped, the numbering put back).
_REPAIRS: dict[str, list[tuple[str, str]]] = {
    "paddle-county-market-2023.txt": [("\n丨\n", "\n"), ("\n4.\n保护", "\n4.保护"),
                                      ("\n2.\n重复", "\n2.重复")],
    "tesseract-township-2022.txt": [("\n\n。\n", "\n"), ("\n\n、\n", "\n"), ("\n\n：\n", "\n"),
                                    ("本年新\n\n收", "本年新收")],
    "abbyy-city-education-2024.txt": [("\n\n｜\n", "\n"), *[
        (f"\n{n}.\n\n{w}", f"\n{n}.{w}") for n, w in (
            ("1", "属于国家"), ("3", "危及"), ("1", "本机关"), ("3", "补正后"), ("1", "信访"))]],
    "wps-district-government-2021.txt": [("\n。\n", "\n"), ("\n2.\n其他法律", "\n2.其他法律"),
                                         ("\n4.\n无正当", "\n4.无正当"), ("\n2.\n申请人逾期", "\n2.申请人逾期")],
}


def _tables(text: str) -> dict:
    return {t.id: t for t in load_report(text).tables}


def _row(table, row: str) -> tuple:
    return table.values[table.rows.index(row)]


@pytest.mark.parametrize("name", sorted(_REPAIRS))
def test_reads_as_the_copy_repaired_by_hand(name):
    text = (FIX / name).read_text(encoding="utf-8")
    repaired = text
    for old, new in _REPAIRS[name]:
        assert old in repaired, (name, old)
        repaired = repaired.replace(old, new)
    got, want = _tables(text), _tables(repaired)
    assert sorted(want) == ["table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"]
    assert all(t.status == "ok" for t in want.values())
    assert {k: (t.status, t.values) for k, t in got.items()} == {
        k: (t.status, t.values) for k, t in want.items()}


def test_the_cells_next_to_the_marks():
    p = _tables((FIX / "paddle-county-market-2023.txt").read_text(encoding="utf-8"))
    assert p["table2.1"].values == ((0.0, 0.0, 0.0), (2.0, 1.0, 9.0))
    assert _row(p["table3"], "3.3.4") == (2.0, 0, 0, 0, 0, 0, 2.0)
    assert _row(p["table3"], "3.5.2") == (1.0, 0, 0, 0, 0, 0, 1.0)
    assert p["table4"].values[0][:5] == (1.0, 0, 0, 0, 1.0)
    t = _tables((FIX / "tesseract-township-2022.txt").read_text(encoding="utf-8"))
    assert _row(t["table3"], "1") == (3.0, 0, 0, 0, 0, 0, 3.0)
    w = _tables((FIX / "wps-district-government-2021.txt").read_text(encoding="utf-8"))
    assert _row(w["table3"], "3.3.2") == (1.0, 0, 0, 0, 0, 0, 1.0)
    assert _row(w["table3"], "3.5.4") == (2.0, 0, 0, 0, 0, 0, 2.0)
    assert _row(w["table3"], "3.6.2") == (1.0, 0, 0, 0, 0, 0, 1.0)


def test_a_mark_that_may_be_a_figure_leaves_its_table_unread():
    b = _tables((FIX / "baidu-health-commission-2022.txt").read_text(encoding="utf-8"))
    assert b["table3"].status == "unreadable"
    assert _row(b["table3"], "3.1") == (None,) * 7  # "11 1 0 l 0 0 0 12": l may be a 1
    assert _row(b["table3"], "1") == (17.0, 1.0, 0, 0, 0, 0, 18.0)
    assert b["table4"].status == "unreadable" and b["table4"].values[0] == (None,) * 15
    w = _tables((FIX / "pdftotext-water-bureau-2020.txt").read_text(encoding="utf-8"))
    t3 = w["table3"]
    assert t3.status == "unreadable"
    assert _row(t3, "3.4.2") == (1.0, 0, 0, 0, 0, 0, None)  # "1." is a figure: not read
    assert "'1.' is not a plausible number" in t3.problem
    # "2." above row 4's label names row 2: not joined, no row 4 made of it
    assert _row(t3, "3.5.4") in ((0, 0, 0, 0, 0, 0, 0), (None,) * 7)


@pytest.mark.parametrize("mark", ["丨", "|", "｜", "。", "、", "："])
@pytest.mark.parametrize("where", ["after a row label", "between values", "before a label"])
def test_one_mark_anywhere_in_a_row(mark, where):
    rows = ["规章", "1", "0", "5", "行政规范性文件", "4", "2", "37"]
    at = {"after a row label": 1, "between values": 2, "before a label": 4}[where]
    cells = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
             *rows[:at], mark, *rows[at:]]
    tables, _, _ = read_tables({2: "\n".join(cells)})
    t = {x.id: x for x in tables}["table2.1"]
    assert t.status == "ok" and t.values == ((1.0, 0.0, 5.0), (4.0, 2.0, 37.0))


def test_a_bar_alone_in_a_one_value_row_is_no_figure_read():
    """Where a 丨 is the only thing under a row label it may be a misread 1: it stays what it
    was (a label), the row holds no figure and the table says so; no value is made of it."""
    cells = ["第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "丨"]
    tables, _, _ = read_tables({2: "\n".join(cells)})
    assert all(v is None for t in tables for row in t.values for v in row)


def test_a_numbering_is_joined_only_to_the_row_it_numbers():
    from nlp_reports.parse.tables import _split_lines

    lines = _split_lines("其他\n2.\n保护第三方合法权益\n0\n4.\n\n保护第三方合法权益\n一、\n本年新收政府信息公开申请数量")
    assert [(ln.labels, [c.raw for c in ln.cells], ln.numbered) for ln in lines] == [
        (["其他"], [], False),
        ([], ["2."], False),  # row 4's label: "2." is no numbering of it (a bad cell)
        (["保护第三方合法权益"], [], False),
        ([], ["0"], False),
        (["保护第三方合法权益"], [], True),
        (["本年新收政府信息公开申请数量"], [], True),
    ]


@pytest.mark.parametrize(("old", "new", "row"), [
    # row 3.3.1's one figure "2." right under its label, row 2's numbering lost
    ("1.属于国家秘密\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n\n2.其他法律",
     "1.属于国家秘密\n\n2.\n\n其他法律", "3.3.1"),
    # (一)予以公开 holding only "2.", (二)部分公开 printed without its numbering
    ("(一)予以公开\n\n5\n\n2\n\n0\n\n0\n\n1\n\n0\n\n8\n\n(二)部分公开",
     "(一)予以公开\n\n2.\n\n部分公开", "3.1"),
])
def test_a_rows_one_figure_is_not_taken_as_the_next_rows_numbering(old, new, row):
    """A "2." right under a bare row label may be that row's one figure: joined to the next
    label, the row would have no value left and be read as blank, its figure lost."""
    text = (Path(__file__).parent / "fixtures" / "tables" / "flat_2021.txt").read_text(
        encoding="utf-8")
    assert old in text
    t3 = _tables(text.replace(old, new))["table3"]
    assert t3.status == "unreadable"
    assert f"row {row} has 1 values" in t3.problem
