"""A PDF whose wide 表三 is printed sideways: turned a quarter on a portrait page (no /Rotate:
the viewer shows it so, and the reader turns the paper). Its characters came out one a line,
so 表三 was reported missing and section 四's heading on that page was not found. The page,
or the sideways table beside upright text, is now read turned upright by the same reader and
checks; sideways text that cannot be read so (an upright stamp across it) is named, never
guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import FONT, T3_ROWS, ruled_table3
from _table_data import T3_GOOD

from nlp_reports import load_report
from nlp_reports.corpus.audit import problem_zh

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

def _pdf(tmp_path: Path, how: str) -> Path:
    """A port authority's report: sections 一–三 upright on page 1; 表三 on page 2, drawn
    ``how``: "upright" on a landscape page ("label": with a label turned beside it),
    "left"/"right" turned a quarter (counter-/
    clockwise) on a portrait page, "rotate" on a portrait page the PDF's /Rotate 90 shows
    upright, "caption" turned beside an upright caption and note, "stamped" turned with an
    upright stamp across it, "watermarked" turned under a diagonal watermark; section 四 and
    the rest on page 3."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    path = tmp_path / f"{how}.pdf"
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    y = height - 60
    for line in ("东港港务管理局2022年政府信息公开工作年度报告", "一、总体情况",
                 "2022年，我局依法办理政府信息公开申请，按时答复，未发生超期情形。",
                 "二、主动公开政府信息情况", "全年通过门户网站主动公开通告、航道公告等信息86条。",
                 "三、收到和处理政府信息公开申请情况", "本年度申请情况见下页表格。"):
        c.setFont(FONT, 12)
        c.drawString(50, y, line)
        y -= 26
    c.showPage()
    if how in ("upright", "label"):
        c.setPageSize(landscape(A4))
        ruled_table3(c, 40, width - 40, side="申请人情况及本年度办理结果" if how == "label" else "")
    elif how == "rotate":
        c.setPageRotation(90)
    if how in ("left", "caption", "stamped", "rotate", "watermarked"):
        c.saveState()
        c.translate(60, 60)
        c.rotate(90)
        ruled_table3(c, 0, 0)
        c.restoreState()
    elif how == "right":
        c.saveState()
        c.translate(width - 60, height - 60)
        c.rotate(-90)
        ruled_table3(c, 0, 0)
        c.restoreState()
    if how == "caption":
        c.setFont(FONT, 10)
        c.drawString(50, height - 20, "附表：收到和处理政府信息公开申请情况（横排）")
    if how == "stamped":
        c.setFont(FONT, 16)
        c.drawString(200, height / 2, "东港港务管理局办公室（印）")
    if how == "watermarked":  # a diagonal watermark (水印) across it, as on every page
        for x, y in ((90, 200), (160, 430), (120, 640)):
            c.saveState()
            c.translate(x, y)
            c.rotate(40)
            c.setFont(FONT, 34)
            c.setFillGray(0.85)
            c.drawString(0, 0, "东港港务管理局")
            c.restoreState()
    c.showPage()
    if how in ("upright", "label", "rotate"):
        c.setPageSize(A4)
        c.setPageRotation(0)
    y = height - 60
    for line in ("四、政府信息公开行政复议、行政诉讼情况", "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
                 "五、存在的主要问题及改进情况", "一是答复文书格式不够统一；二是主动公开栏目更新偏慢。",
                 "六、其他需要报告的事项", "本年度未收取信息处理费。"):
        c.setFont(FONT, 12)
        c.drawString(50, y, line)
        y -= 26
    c.save()
    return path


def _read(path: Path) -> tuple[dict, list[str], list[str]]:
    data = load_report(path).to_dict()
    return data["tables"], [s["title"] for s in data["sections"]], data["errors"]


_WANT = {r: [float(v) for v in T3_GOOD.get(r, [0] * 7)] for r, _ in T3_ROWS if r}


@pytest.mark.parametrize("how", ["upright", "label", "left", "right", "rotate", "caption",
                                 "watermarked"])
def test_sideways_table_is_read_like_an_upright_one(tmp_path: Path, how: str) -> None:
    tables, titles, errors = _read(_pdf(tmp_path, how))
    t3 = tables["table3"]
    assert t3["status"] == "ok"
    assert {r: t3["values"][t3["rows"].index(r)] for r in _WANT} == _WANT
    assert any("行政复议" in t for t in titles)  # section 四 found after the sideways page
    assert not any(e["code"] == "sideways_pages" or "表三" in e["message"] for e in errors)


def test_sideways_text_with_upright_text_among_it_is_named(tmp_path: Path) -> None:
    tables, titles, errors = _read(_pdf(tmp_path, "stamped"))
    assert "table3" not in tables or all(
        v is None for row in tables["table3"]["values"] for v in row)
    said = [e for e in errors if e["code"] == "sideways_pages"]
    assert [e["message"][:44] for e in said] == ["page(s) 2 of the PDF hold text printed sideway"[:44]]
    assert problem_zh("sideways_pages", said[0]["message"]).startswith(
        "PDF的第2页有横向（旋转90度）排印的文字未能读取")
