"""A stray character inside one of a table's figure cells: a seal's character small enough to
sit in a cell (日, 月, 局), a fragment of it an OCR engine read, a footnote mark (※, ①) set
beside the figure. The cell used to be taken as more of the row's label, so the row's
figures ran one column to the left (2,0,1,0,0,0,3 read 0,1,0,0,0,3 and a blank), in a
table marked ok. The cell is the figure's own now: null, the table unreadable, the cell
named; every other figure of the table is read. A row a cell short is never padded with the
empty cells of the group title printed under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import FONT, T3_HEAD, T3_ROWS, plain_cell, report_pdf, ruled_table3
from _table_data import T3_GOOD

from nlp_reports import load_report
from nlp_reports.parse.tables import read_tables

_WANT = {r: [float(v) for v in T3_GOOD.get(r, [0] * 7)] for r, _ in T3_ROWS if r}


def _misread(t3: dict) -> dict[tuple[str, int], float]:
    """The cells read as another figure than the one printed."""
    return {(r, k): v for r, want in _WANT.items() if r in t3["rows"]
            for k, v in enumerate(t3["values"][t3["rows"].index(r)])
            if v is not None and v != want[k]}


def _nulls(t3: dict) -> set[tuple[str, int]]:
    return {(r, k) for r in _WANT for k, v in enumerate(t3["values"][t3["rows"].index(r)])
            if v is None}


# --- a PDF: a seal's characters inside the cells of a ruled 表三 ----------------------------

_FIRST = [(15, "青溪县市场监督管理局2023年政府信息公开工作年度报告"), (11, "一、总体情况"),
          (10, "本局以食品安全、价格监管信息为重点，持续推进政务公开。"),
          (11, "二、主动公开政府信息情况"), (10, "全年主动公开抽检结果公告57期。"),
          (11, "三、收到和处理政府信息公开申请情况"), (10, "申请办理情况见下表。")]
_LAST = [(11, "四、政府信息公开行政复议、行政诉讼情况"), (10, "本年度无行政复议、行政诉讼案件。"),
         (11, "五、存在的主要问题及改进情况"), (10, "依申请公开答复文书格式仍需统一。"),
         (11, "六、其他需要报告的事项"), (10, "无。")]


def _sealed_cells(marks: dict[tuple[str, int], tuple[str, float]]):
    """表三 on a landscape page, ``marks[(row, column)] = (text, dx)``: a seal's characters
    printed grey and small inside that figure cell, ``dx`` pt from the cell's left rule."""

    def cell(c, rid: str | None, k: int, text: str, x: float, top: float) -> None:
        plain_cell(c, rid, k, text, x, top)
        if (rid, k) in marks:
            mark, dx = marks[rid, k]
            c.saveState()
            c.setFillColorRGB(0.8, 0.1, 0.1)
            c.setFont(FONT, 5)
            c.drawString(x + dx, top - 10, mark)
            c.restoreState()

    def draw(c) -> None:
        from reportlab.lib.pagesizes import A4, landscape

        c.setPageSize(landscape(A4))
        ruled_table3(c, 40, A4[0] - 40, draw_cell=cell)

    return draw


@pytest.mark.parametrize(("marks", "cells"), [
    ({("3.2", 1): ("日", 0)}, {("3.2", 0)}),                    # "日2": left of the figure
    ({("1", 1): ("局", 18)}, {("1", 0)}),                       # "12 局"
    ({("3.1", 1): ("※", 10), ("4", 1): ("月", 0)}, {("3.1", 0), ("4", 0)}),
    ({("1", 5): ("政", 0)}, {("1", 4)}),                        # a middle column: "政2"
], ids=["ri-before", "ju-after", "mark-and-yue", "middle-column"])
def test_a_seal_character_in_a_figure_cell_leaves_that_cell_unread(
        tmp_path: Path, marks, cells) -> None:
    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    pdf = report_pdf(tmp_path / "年报.pdf", [_FIRST, _sealed_cells(marks), _LAST])
    t3 = load_report(pdf).to_dict()["tables"]["table3"]
    assert _misread(t3) == {}
    assert t3["status"] == "unreadable"
    assert _nulls(t3) == cells
    for r, k in cells:
        assert f"row {r} column {t3['columns'][k]}:" in t3["problem"]
    assert "stray character" in t3["problem"]


# --- a web page: a footnote mark typed into a figure's cell --------------------------------

def _html_table3(cell_of) -> str:
    head = "".join(f"<td>{h}</td>" for h in T3_HEAD)
    body = []
    for r, label in T3_ROWS:
        if r is None:
            body.append(f"<tr><td>{label}</td>" + "<td></td>" * 7 + "</tr>")
            continue
        vals = [cell_of(r, k, str(v)) for k, v in enumerate(T3_GOOD.get(r, [0] * 7))]
        body.append(f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in vals) + "</tr>")
    return ("<html><head><meta charset='utf-8'><title>柳岸镇人民政府2022年政府信息公开工作年度报告"
            "</title></head><body><h1>柳岸镇人民政府2022年政府信息公开工作年度报告</h1>"
            "<p>一、总体情况</p><p>2022年，柳岸镇认真落实政务公开各项要求。</p>"
            "<p>二、主动公开政府信息情况</p><p>全年发布镇务信息96条。</p>"
            "<p>三、收到和处理政府信息公开申请情况</p>"
            f"<table border='1'><tr>{head}</tr>{''.join(body)}</table>"
            "<p>注：①含通过信函方式提出的申请。</p>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p>"
            "<p>五、存在的主要问题及改进情况</p><p>公开内容的规范性有待提高。</p>"
            "<p>六、其他需要报告的事项</p><p>无。</p></body></html>")


def test_a_footnote_mark_beside_a_web_page_figure_is_no_label(tmp_path: Path) -> None:
    page = tmp_path / "2022年报.html"
    page.write_text(_html_table3(lambda r, k, v: v + "①" if (r, k) == ("1", 0) else v),
                    encoding="utf-8")
    t3 = load_report(page).to_dict()["tables"]["table3"]
    assert _misread(t3) == {}
    assert t3["status"] == "unreadable"
    assert _nulls(t3) == {("1", 0)}
    assert "row 1 column natural_person: '12①'" in t3["problem"]


def test_a_clean_web_page_table_still_reads_whole(tmp_path: Path) -> None:
    page = tmp_path / "2022年报.html"
    page.write_text(_html_table3(lambda r, k, v: v), encoding="utf-8")
    t3 = load_report(page).to_dict()["tables"]["table3"]
    assert t3["status"] == "ok" and _nulls(t3) == set() and _misread(t3) == {}


# --- grid text: a row a cell short above a group's title row -------------------------------

def _grid(row_3_2: list[str]) -> str:
    out = ["三、收到和处理政府信息公开申请情况", "\t".join(T3_HEAD)]
    for r, label in T3_ROWS:
        if r is None:
            out.append(label + "\t" * 7)  # a group's title: its empty cells
        else:
            vals = row_3_2 if r == "3.2" else [str(v) for v in T3_GOOD.get(r, [0] * 7)]
            out.append("\t".join([label, *vals]))
    return "\n".join(out)


@pytest.mark.parametrize("row_3_2", [
    ["0", "1", "0", "0", "0", "3"],            # a cell lost: six figures for seven columns
    ["日—", "0", "1", "0", "0", "0", "3"],      # a dash (无) under a seal's character
], ids=["cell-lost", "dash-under-seal"])
def test_a_short_row_is_not_padded_by_the_group_title_below(row_3_2: list[str]) -> None:
    tables, _, _ = read_tables({3: _grid(row_3_2)}, year=2023)
    t3 = vars(next(t for t in tables if t.id == "table3"))
    assert _misread(t3) == {}
    assert t3["status"] == "unreadable"
    assert ("3.2", 0) in _nulls(t3)
    assert {r for r, _ in _nulls(t3)} == {"3.2"}


# --- space-joined text: a stray character inside a figure ----------------------------------

def _spaced(row: str, cells: list[str], glue: bool = False) -> str:
    """表三 as a PDF without rules gives it: each row's label and figures a space apart;
    ``row``'s figures replaced by ``cells`` (``glue``: its first glued to the label)."""
    out = ["三、收到和处理政府信息公开申请情况", "申请人情况 " + " ".join(T3_HEAD[1:])]
    for r, label in T3_ROWS:
        vals = cells if r == row else [str(v) for v in T3_GOOD.get(r, [0] * 7)]
        if r is None:
            out.append(label)
        elif glue and r == row:
            out.append(f"{label}{vals[0]} " + " ".join(vals[1:]))
        else:
            out.append(" ".join([label, *vals]))
    return "\n".join(out)


@pytest.mark.parametrize(("row", "first", "glue"), [
    ("3.2", "1日2", False),   # a seal's 日 over a hidden digit: "1日2" never reads 2
    ("1", "1局2", True),     # glued to 本年新收…数量: not "…数量1局" and a 2
    ("3.3.1", "1件2", False),  # a unit between two figures
], ids=["seal-between-digits", "glued-to-label", "unit-inside"])
def test_a_stray_character_inside_a_spaced_figure_is_not_read(row: str, first: str, glue: bool) -> None:
    cells = [first, *(str(v) for v in T3_GOOD.get(row, [0] * 7)[1:])]
    tables, _, _ = read_tables({3: _spaced(row, cells, glue)}, year=2023)
    t = next(t for t in tables if t.id == "table3")
    t3 = vars(t)
    assert _misread(t3) == {}
    assert t.status == "unreadable" and (row, 0) in _nulls(t3)
    assert f"'{first}' holds a stray character" in t.problem


def test_a_figure_glued_to_its_label_and_units_still_read() -> None:
    # "…申请数量19 0 …" (glued, as PDF text gives it) and figures with a unit ("3件") are read
    first = str(T3_GOOD["1"][0])
    tables, _, _ = read_tables({3: _spaced("1", [first, *(f"{v}件" for v in T3_GOOD["1"][1:])],
                                           glue=True)}, year=2023)
    t = next(t for t in tables if t.id == "table3")
    assert t.status == "ok", t.problem
    assert _misread(vars(t)) == {} and not _nulls(vars(t))
