"""A column of an upright ruled table whose figures are each printed turned a quarter inside
their cells (a template's text direction left on one column). Turned characters are never an
upright table's figures (a stamp's digits across a grid are dropped), so the column read
blank — every cell null in a table marked ok, as though the agency had left it empty. Such a
cell, whose only characters are turned digits, is reported now: null, the table unreadable,
the cell named. A cell with an upright figure under a stamp's turned digit keeps its figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import (
    FONT,
    T3_ROW_HEIGHT,
    T3_ROWS,
    T3_WIDTHS,
    plain_cell,
    report_pdf,
    ruled_table3,
)
from _table_data import T3_GOOD

from nlp_reports import load_report

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")
pytest.importorskip("PIL")

_FIRST = [(14, "白沙镇人民政府2023年政府信息公开工作年度报告"), (11, "一、总体情况"),
          (10, "我镇严格执行《中华人民共和国政府信息公开条例》，推进基层政务公开标准化。"),
          (11, "二、主动公开政府信息情况"), (10, "全年通过政务公开栏公开信息133条。"),
          (11, "三、收到和处理政府信息公开申请情况")]
_LAST = [(11, "四、政府信息公开行政复议、行政诉讼情况"), (10, "全年无行政复议和行政诉讼。"),
         (11, "五、存在的主要问题及改进情况"), (10, "村级公开栏内容更新不及时。"),
         (11, "六、其他需要报告的事项"), (10, "无。")]
_WANT = {r: [float(v) for v in T3_GOOD.get(r, [0] * 7)] for r, _ in T3_ROWS if r}


def _turned_column(column: int, angle: int, stamp: bool = False, on_title: bool = False):
    """表三 upright on a landscape page, the figures of ``column`` (1–7) each turned by
    ``angle`` inside its cell (0: none); ``stamp``: a date stamp's digits turned over upright
    figures of another column as well; ``on_title``: a stamp's turned digit in a blank cell
    of the row titling the group （三）不予公开."""

    def cell(c, rid: str | None, k: int, text: str, x: float, top: float) -> None:
        if not (rid and k == column and angle):
            plain_cell(c, rid, k, text, x, top)
            return
        c.saveState()
        c.translate(x + 24, top - 12)
        c.rotate(angle)
        c.setFont(FONT, 7)
        c.drawString(0, 0, text)
        c.restoreState()

    def draw(c) -> None:
        from reportlab.lib.pagesizes import A4, landscape

        c.setPageSize(landscape(A4))
        x0, y0, rh = 36, A4[0] - 36, T3_ROW_HEIGHT
        ruled_table3(c, x0, y0, draw_cell=cell)
        if on_title:
            c.saveState()
            c.translate(x0 + sum(T3_WIDTHS[:4]) + 24, y0 - 6 * rh - 12)
            c.rotate(90)
            c.setFont(FONT, 6)
            c.setFillColorRGB(0.8, 0.1, 0.1)
            c.drawString(0, 0, "8")
            c.restoreState()
        if stamp:  # small turned digits inside cells of the 其他 column, over its figures
            for i in (3, 5):
                c.saveState()
                c.translate(x0 + sum(T3_WIDTHS[:6]) + 40, y0 - i * rh - 12)
                c.rotate(90)
                c.setFont(FONT, 5)
                c.setFillGray(0.6)
                c.drawString(0, 0, "31")
                c.restoreState()

    return draw


def _table3(tmp_path: Path, draw) -> dict:
    pdf = report_pdf(tmp_path / "2023年报.pdf", [_FIRST, draw, _LAST])
    return load_report(pdf).to_dict()["tables"]["table3"]


@pytest.mark.parametrize(("column", "angle", "name"), [
    (2, 90, "commercial"), (1, -90, "natural_person"), (7, 90, "total")])
def test_a_column_of_turned_figures_is_reported_not_read_blank(
        tmp_path: Path, column: int, angle: int, name: str) -> None:
    t3 = _table3(tmp_path, _turned_column(column, angle))
    assert t3["status"] == "unreadable"
    j = t3["columns"].index(name)
    for r, want in _WANT.items():
        got = t3["values"][t3["rows"].index(r)]
        assert got[j] is None
        assert [v for k, v in enumerate(got) if k != j] == [v for k, v in enumerate(want) if k != j]
    assert f"row 1 column {name}:" in t3["problem"]
    assert "turned a quarter inside its cell" in t3["problem"]


def test_a_stamps_turned_digits_over_upright_figures_leave_them_read(tmp_path: Path) -> None:
    t3 = _table3(tmp_path, _turned_column(2, 90, stamp=True))
    other = t3["columns"].index("other")
    for r, want in _WANT.items():
        assert t3["values"][t3["rows"].index(r)][other] == want[other]
    assert "column other" not in (t3["problem"] or "")


def test_a_stamps_turned_digit_in_a_group_titles_blank_cell_is_no_text(tmp_path: Path) -> None:
    # the cell's mark is the table reader's: the title row has no figures, the table reads
    # whole, and the mark is nowhere in the report's text or statements
    pdf = report_pdf(tmp_path / "2023年报.pdf", [_FIRST, _turned_column(0, 0, on_title=True), _LAST])
    r = load_report(pdf)
    t3 = r.to_dict()["tables"]["table3"]
    assert t3["status"] == "ok", t3["problem"]
    assert "竖排" not in r.text and "不予公开" in r.text
    assert not any("竖排" in s.text for s in r.statements)
