"""Text turned a quarter lying on an UPRIGHT ruled table: a date stamp or "仅供参考" watermark
set vertically across the grid, and column heads set vertically (Word's text direction) in
a header band. The stamp's digits fell into the cells under it (a 0 read 1, a 37 read 372)
and its other characters pushed a row's figures a column to the left, although turned
characters are never one of an upright table's figures: its digits, and its characters
crossing the rules of a cell, are left out of the cells now. Column
heads turned inside their own cells are read with the table, and their page is not named in
``sideways_pages`` as text left unread."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import FONT, T3_ROWS, T3_WIDTHS, report_pdf, ruled_table3
from _table_data import T3_GOOD

from nlp_reports import load_report

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")
pytest.importorskip("PIL")

_FIRST = [(15, "临川市水利局2022年政府信息公开工作年度报告"), (11, "一、总体情况"),
          (10, "本局围绕防汛抗旱、河湖长制等重点工作，依法做好政府信息公开。"),
          (11, "二、主动公开政府信息情况"), (10, "全年公开水利工程建设项目信息43条。"),
          (11, "三、收到和处理政府信息公开申请情况"), (10, "具体情况如下表：")]
_LAST = [(11, "四、政府信息公开行政复议、行政诉讼情况"), (10, "无。"),
         (11, "五、存在的主要问题及改进情况"),
         (10, "部分栏目信息更新滞后，将建立每月自查制度。"),
         (11, "六、其他需要报告的事项"), (10, "本年度未收取信息处理费。")]
_WANT = {r: [float(v) for v in T3_GOOD.get(r, [0] * 7)] for r, _ in T3_ROWS if r}


def _stamped(c) -> None:
    """表三 upright on a landscape page, a date stamp turned a quarter up across it."""
    from reportlab.lib.pagesizes import A4, landscape

    c.setPageSize(landscape(A4))
    ruled_table3(c, 40, A4[0] - 40)
    c.saveState()
    c.translate(340, 120)
    c.rotate(90)
    c.setFont(FONT, 28)
    c.setFillGray(0.7)
    c.drawString(0, 0, "临川市水利局 2022年12月30日 核")
    c.restoreState()


def _vertical_heads(c) -> None:
    """表三 upright on a landscape page under a ruled band of its columns' heads numbered
    and set vertically, each inside its own cell."""
    from reportlab.lib.pagesizes import A4, landscape

    c.setPageSize(landscape(A4))
    x0, y0 = 40, A4[0] - 90
    ruled_table3(c, x0, y0)
    c.line(x0, y0 + 44, x0 + sum(T3_WIDTHS), y0 + 44)
    for k in range(len(T3_WIDTHS) + 1):
        c.line(x0 + sum(T3_WIDTHS[:k]), y0 + 44, x0 + sum(T3_WIDTHS[:k]), y0)
    for k, head in enumerate(["1自然人", "2商业企业", "3科研机构", "4公益组织", "5法律服务",
                              "6其他", "7总计"]):
        c.saveState()
        c.translate(x0 + 270 + 54 * k + 30, y0 + 4)
        c.rotate(90)
        c.setFont(FONT, 6)
        c.drawString(0, 0, head)
        c.restoreState()


def _read(tmp_path: Path, page) -> dict:
    return load_report(report_pdf(tmp_path / "年报.pdf", [_FIRST, page, _LAST])).to_dict()


def test_a_turned_stamp_puts_no_digit_into_the_cells(tmp_path: Path) -> None:
    data = _read(tmp_path, _stamped)
    t3 = data["tables"]["table3"]
    read = {r: t3["values"][t3["rows"].index(r)] for r in _WANT if r in t3["rows"]}
    wrong = {(r, k): v for r, row in read.items() for k, v in enumerate(row)
             if v is not None and v != _WANT[r][k]}
    assert wrong == {}
    # the stamp's characters crossing the rules are none of the cells' text either
    assert read == _WANT
    assert t3["status"] == "ok"
    # the stamp itself was not read: its page is named
    assert [e["message"][:9] for e in data["errors"] if e["code"] == "sideways_pages"] == [
        "page(s) 2"]


def test_vertical_column_heads_in_their_cells_are_no_unread_text(tmp_path: Path) -> None:
    data = _read(tmp_path, _vertical_heads)
    t3 = data["tables"]["table3"]
    assert t3["status"] == "ok"
    assert {r: t3["values"][t3["rows"].index(r)] for r in _WANT} == _WANT
    assert "sideways_pages" not in {e["code"] for e in data["errors"]}
