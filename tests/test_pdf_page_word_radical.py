"""A PDF made by a browser or Word may map the glyph of 页 to the radical ⻚ (U+2EDA): its
page numbers read "第2⻚ 共3⻚". Such a page number is page furniture as "第2页 共3页" is: alone on
its line at a page's edge, and at the end of a running head, whose key must not change from
page to page (else the head stays on every page, inside the text of each part)."""

from __future__ import annotations

import io

import pytest
from _pdf_drawing import FONT, register_font

from nlp_reports.ingest.pdf import is_page_furniture, pdf_to_text

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

HEAD = "临川区自然资源局2023年度政府信息公开工作年度报告"
BODY = ["一、总体情况", "2023年，我局紧紧围绕年度重点工作，扎实推进政务公开。",
        "（一）主动公开情况。全年通过门户网站主动公开政府信息86条。",
        "（二）依申请公开情况。全年共受理政府信息公开申请7件。"]


def _pdf(page_word: str, head_numbered: bool) -> bytes:
    """Three A4 pages: a running head (its page number after the title when ``head_numbered``),
    four body lines, and the page number alone at the foot ("共3⻚ 第2⻚")."""
    from reportlab.pdfgen import canvas

    register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    for p in range(1, 4):
        c.setFont(FONT, 9)
        head = f"{HEAD}    第{p}{page_word} 共3{page_word}" if head_numbered else HEAD
        c.drawString(72, 800, head)
        c.setFont(FONT, 12)
        for k, line in enumerate(BODY):
            c.drawString(72, 740 - 22 * k, f"{line}（{p}-{k}）")
        c.setFont(FONT, 9)
        c.drawString(260, 40, f"共3{page_word} 第{p}{page_word}")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("line", ["第2⻚ 共3⻚", "共3⻚，第2⻚", "第 12 ⻚", "- 3 -", "2/3"])
def test_page_number_with_the_radical_is_furniture(line):
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", ["第2⻚正文", "⻚", "共3⻚ 第2⻚ 主动公开"])
def test_text_with_the_radical_is_no_furniture(line):
    assert not is_page_furniture(line)


@pytest.mark.parametrize("page_word", ["页", "⻚"])
def test_running_head_numbered_with_the_radical_is_dropped(page_word):
    data = _pdf(page_word, head_numbered=True)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if page_word not in (pdf.pages[0].extract_text() or ""):
            pytest.skip(f"the font draws no glyph for {page_word}")
    text = pdf_to_text(data)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # the head stays once at most (on page 1, where it may stand for the title), never between parts
    assert sum(HEAD in line for line in lines) <= 1
    assert not any(HEAD in line for line in lines[1:])
    assert not any(line.startswith("共3") for line in lines)
    assert [line for line in lines if line.startswith("（二）")] == [
        f"{BODY[3]}（{p}-3）" for p in range(1, 4)]
