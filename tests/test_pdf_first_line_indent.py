"""A PDF paragraph whose first line is indented 4 characters (首行缩进 2 字符 plus two typed
full-width spaces, as many offices type them) wraps into the next line like any other: its
lines are one line of text, a figure cut at the wrap is one figure and an item marker cut
there ("一" / "是…") one marker. (A line set right alone, a signature, wraps into nothing:
test_pdf_column_page_edges.)"""

from __future__ import annotations

import io

import pytest

SIZE, LEFT, CHARS = 12, 72, 30


def _pdf(lines: list[tuple[int, str]]) -> bytes:
    """One page in STSong-Light, each line drawn ``indent`` characters in from the left margin."""
    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(2 * LEFT + CHARS * SIZE, 842), invariant=1)
    for k, (indent, line) in enumerate(lines):
        c.setFont("STSong-Light", SIZE)
        c.drawString(LEFT + indent * SIZE, 790 - 20 * k, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_paragraph_indented_four_characters_is_one_line():
    from nlp_reports.ingest.pdf import pdf_to_text

    text = pdf_to_text(_pdf([
        (0, "一、总体情况"),
        (4, "柳溪镇坚持以公开为常态、不公开为例外，全面推进决策、"),
        (0, "执行、管理、服务、结果公开，全年在门户网站主动公开政府信息1"),
        (0, "56条，其中规范性文件3件。"),
        (0, "五、存在的主要问题及改进情况"),
        (4, "对照上级要求和群众期盼，我镇政务工作存在一些不足，一"),
        (0, "是栏目信息更新不及时，二是政策解读形式单一。"),
    ]))
    assert text.splitlines() == [
        "一、总体情况",
        "柳溪镇坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，全年在门户网站主动公开政府信息156条，其中规范性文件3件。",
        "五、存在的主要问题及改进情况",
        "对照上级要求和群众期盼，我镇政务工作存在一些不足，一是栏目信息更新不及时，二是政策解读形式单一。"]
