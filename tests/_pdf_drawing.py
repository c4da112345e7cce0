"""PDF pages drawn with reportlab, shared by the PDF tests: a report of typed pages and
photographed sheets (scans without a text layer), 表三 as a ruled grid, and a short report
whose 表四 is a ruled grid. reportlab cannot embed the Noto CJK .ttc (its outlines are
PostScript), so the text is set in the CID font STSong-Light; callers skip without reportlab."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from _table_data import T3_GOOD, T4_HEADER_ROWS

FONT = "STSong-Light"

#: 表三's rows: (row id, or None for a group's title row; label as printed).
T3_ROWS = [("1", "一、本年新收政府信息公开申请数量"), ("2", "二、上年结转政府信息公开申请数量"),
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
T3_HEAD = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
#: 表三's figure columns (after the label column of 270 pt), and its row height.
T3_WIDTHS = [270] + [54] * 7
T3_ROW_HEIGHT = 15


def register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def plain_cell(c, rid: str | None, k: int, text: str, x: float, top: float) -> None:
    """Draw a 表三 cell's ``text`` as :func:`ruled_table3` does by default: 7 pt, upright, 3 pt
    in from the cell's left rule ``x``, 11 pt under its top rule ``top``."""
    c.setFont(FONT, 7)
    c.drawString(x + 3, top - 11, text)


def ruled_table3(c, x0: float, y0: float, *, side: str = "",
                 draw_cell: Callable[..., None] = plain_cell) -> None:
    """表三 (figures :data:`T3_GOOD`) as a ruled grid whose top left corner is at (x0, y0) of
    ``c``'s current axes; ``side``: a label turned a quarter in a narrow column left of it,
    as Word's text direction "rotate all text 90°" prints a merged cell's label.
    ``draw_cell(c, row id or None (the header, a group's title), column, text, cell's left x,
    its top y)`` draws each cell's text (:func:`plain_cell`): a figure turned, a seal's
    character beside it."""
    rh = T3_ROW_HEIGHT
    if side:
        rows = len(T3_ROWS) + 1
        c.line(x0, y0, x0 + 22, y0)
        c.line(x0, y0 - rows * rh, x0 + 22, y0 - rows * rh)
        c.line(x0, y0, x0, y0 - rows * rh)
        c.saveState()
        c.translate(x0 + 15, y0 - rows * rh / 2 - len(side) * 5)
        c.rotate(90)
        c.setFont(FONT, 10)
        c.drawString(0, 0, side)
        c.restoreState()
        x0 += 22
    widths = T3_WIDTHS
    rows = [(None, T3_HEAD)] + [
        (r, [label, *(str(v) for v in T3_GOOD.get(r, [0] * 7))] if r else [label])
        for r, label in T3_ROWS]
    for i, (rid, row) in enumerate(rows):
        x = x0
        for k, text in enumerate(row):
            draw_cell(c, rid, k, text, x, y0 - i * rh)
            x += widths[k]
    for r in range(len(rows) + 1):
        c.line(x0, y0 - r * rh, x0 + sum(widths), y0 - r * rh)
    for k in range(len(widths) + 1):
        c.line(x0 + sum(widths[:k]), y0, x0 + sum(widths[:k]), y0 - len(rows) * rh)


def ruled_table4_report(path: Path, head: Sequence[str], values: Sequence[str],
                        tail: Sequence[str],
                        draw_value: Callable[[object, int, str, float, float], None]) -> Path:
    """A short report on a landscape A4 page: the ``head`` lines (12 pt), 表四 as a ruled grid
    of 15 columns 50 pt wide (its three header rows at 7 pt, then one row of ``values``, each
    drawn by ``draw_value(canvas, column, text, cell's left x, baseline)``), and the ``tail``
    lines below it."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    register_font()
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    width, height = landscape(A4)
    y = height - 50
    for line in head:
        c.setFont(FONT, 12)
        c.drawString(40, y, line)
        y -= 24
    x0, cw, rh = 40, 50, 22
    rows = [*T4_HEADER_ROWS, list(values)]
    top = y
    for r in range(len(rows) + 1):
        c.line(x0, top - r * rh, x0 + cw * 15, top - r * rh)
    for k in range(16):
        c.line(x0 + k * cw, top, x0 + k * cw, top - len(rows) * rh)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            base = top - r * rh - 15
            if r < len(T4_HEADER_ROWS):
                c.setFont(FONT, 7)
                c.drawString(x0 + k * cw + 4, base, text)
            else:
                draw_value(c, k, text, x0 + k * cw, base)
    c.setFont(FONT, 12)
    for k, line in enumerate(tail):
        c.drawString(40, top - len(rows) * rh - 40 - 24 * k, line)
    c.save()
    return path


#: A page of a report PDF (:func:`report_pdf`): typed lines (font size, text), None for a
#: photographed sheet (an image over the whole page, no text layer), or a drawing function.
Page = Sequence[tuple[float, str]] | None | Callable[[object], None]


def report_pdf(path: Path, pages: Sequence[Page], *, left: float = 52, top: float = 64,
               leading: float = 15, sheet: tuple[int, int, int] = (228, 28, 24)) -> Path:
    """An A4 PDF of ``pages``: typed lines from ``top`` pt below the page's top at ``left``,
    each ``leading`` pt below the last beyond its size; a sheet ``(grey, rules, pitch)``: a
    grey photo of a table, ``rules`` rules ``pitch`` px apart with dark marks where its text
    is (they differ from sheet to sheet)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    register_font()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    grey, rules, pitch = sheet
    for k, page in enumerate(pages):
        c.setPageSize(A4)
        if page is None:
            photo = Image.new("L", (595, 842), grey)
            draw = ImageDraw.Draw(photo)
            for r in range(rules):
                y = 70 + pitch * r
                draw.line((40, y, 555, y), fill=35)
                draw.rectangle((48, y + 6, 150 + (r * 41 + k * 11) % 190, y + 14), fill=85)
            c.drawImage(ImageReader(photo), 0, 0, width, height)
        elif callable(page):
            page(c)
        else:
            y = height - top
            for size, line in page:
                c.setFont(FONT, size)
                c.drawString(left, y, line)
                y -= size + leading
        c.showPage()
    c.save()
    return path
