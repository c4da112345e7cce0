"""A PDF whose wide 表三 is printed sideways: turned a quarter on a portrait page (no /Rotate:
the viewer shows it so, and the reader turns the paper). Its characters came out one a line,
so 表三 was reported missing and section 四's heading on that page was not found. The page,
or the sideways table beside upright text, is now read turned upright by the same reader and
checks; sideways text that cannot be read so (an upright stamp across it) is named, never
guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from _table_data import T3_GOOD

from nlp_reports import load_report
from nlp_reports.corpus.audit import problem_zh

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

_FONT = "STSong-Light"
_ROWS = [("1", "一、本年新收政府信息公开申请数量"), ("2", "二、上年结转政府信息公开申请数量"),
         (None, "三、本年度办理结果"), ("3.1", "（一）予以公开"),
         ("3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), (None, "（三）不予公开"),
         *((f"3.3.{k}", f"{k}.{t}") for k, t in enumerate(
             ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
              "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"], 1)),
         (None, "（四）无法提供"),
         *((f"3.4.{k}", f"{k}.{t}") for k, t in enumerate(
             ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"], 1)),
         (None, "（五）不予处理"),
         *((f"3.5.{k}", f"{k}.{t}") for k, t in enumerate(
             ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
              "要求行政机关确认或重新出具已获取信息"], 1)),
         (None, "（六）其他处理"),
         ("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
         ("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
         ("3.6.3", "3.其他"), ("3.7", "（七）总计"), ("4", "四、结转下年度继续办理")]
_HEAD = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _table3(c, x0: float, y0: float, *, side: str = "") -> None:
    """表三 as a ruled grid whose top left corner is at (x0, y0) of ``c``'s current axes;
    ``side``: a label turned a quarter in a narrow column left of it, as Word's text
    direction "rotate all text 90°" prints a merged cell's label."""
    rh = 15
    if side:
        rows = len(_ROWS) + 1
        c.line(x0, y0, x0 + 22, y0)
        c.line(x0, y0 - rows * rh, x0 + 22, y0 - rows * rh)
        c.line(x0, y0, x0, y0 - rows * rh)
        c.saveState()
        c.translate(x0 + 15, y0 - rows * rh / 2 - len(side) * 5)
        c.rotate(90)
        c.setFont(_FONT, 10)
        c.drawString(0, 0, side)
        c.restoreState()
        x0 += 22
    widths = [270] + [54] * 7
    rows = [_HEAD] + [[label, *(str(v) for v in T3_GOOD.get(r, [0] * 7))] if r else [label]
                      for r, label in _ROWS]
    for r, row in enumerate(rows):
        x = x0
        for k, text in enumerate(row):
            c.setFont(_FONT, 7)
            c.drawString(x + 3, y0 - r * rh - 11, text)
            x += widths[k]
    for r in range(len(rows) + 1):
        c.line(x0, y0 - r * rh, x0 + sum(widths), y0 - r * rh)
    for k in range(len(widths) + 1):
        c.line(x0 + sum(widths[:k]), y0, x0 + sum(widths[:k]), y0 - len(rows) * rh)


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

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    path = tmp_path / f"{how}.pdf"
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    y = height - 60
    for line in ("东港港务管理局2022年政府信息公开工作年度报告", "一、总体情况",
                 "2022年，我局依法办理政府信息公开申请，按时答复，未发生超期情形。",
                 "二、主动公开政府信息情况", "全年通过门户网站主动公开通告、航道公告等信息86条。",
                 "三、收到和处理政府信息公开申请情况", "本年度申请情况见下页表格。"):
        c.setFont(_FONT, 12)
        c.drawString(50, y, line)
        y -= 26
    c.showPage()
    if how in ("upright", "label"):
        c.setPageSize(landscape(A4))
        _table3(c, 40, width - 40, side="申请人情况及本年度办理结果" if how == "label" else "")
    elif how == "rotate":
        c.setPageRotation(90)
    if how in ("left", "caption", "stamped", "rotate", "watermarked"):
        c.saveState()
        c.translate(60, 60)
        c.rotate(90)
        _table3(c, 0, 0)
        c.restoreState()
    elif how == "right":
        c.saveState()
        c.translate(width - 60, height - 60)
        c.rotate(-90)
        _table3(c, 0, 0)
        c.restoreState()
    if how == "caption":
        c.setFont(_FONT, 10)
        c.drawString(50, height - 20, "附表：收到和处理政府信息公开申请情况（横排）")
    if how == "stamped":
        c.setFont(_FONT, 16)
        c.drawString(200, height / 2, "东港港务管理局办公室（印）")
    if how == "watermarked":  # a diagonal watermark (水印) across it, as on every page
        for x, y in ((90, 200), (160, 430), (120, 640)):
            c.saveState()
            c.translate(x, y)
            c.rotate(40)
            c.setFont(_FONT, 34)
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
        c.setFont(_FONT, 12)
        c.drawString(50, y, line)
        y -= 26
    c.save()
    return path


def _read(path: Path) -> tuple[dict, list[str], list[str]]:
    data = load_report(path).to_dict()
    return data["tables"], [s["title"] for s in data["sections"]], data["errors"]


_WANT = {r: [float(v) for v in T3_GOOD.get(r, [0] * 7)] for r, _ in _ROWS if r}


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
