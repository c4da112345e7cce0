"""Write the PDF inputs of tests/test_normalize_running_heads.py (run once; the PDFs are committed):
.venv/bin/python tests/data/redteam8/_make_pdf.py. Fictional text written for the tests."""

from __future__ import annotations

import io
from pathlib import Path

HERE = Path(__file__).parent


def running_head_pdf() -> bytes:
    """D7: three pages under a running head "芦湾职业学院信息公开年度报告" (no year), the
    printed title below it on page 1."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=17, wordWrap="CJK")
    title = ParagraphStyle("t", parent=body, fontSize=16, leading=24, alignment=1)

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(72, A4[1] - 40, "芦湾职业学院信息公开年度报告")
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    pages = [
        ["一、总体情况", "2023年，学院按照条例要求做好信息公开，校务公开栏目运行平稳。",
         "二、主动公开政府信息情况", "本年通过学院网站主动公开信息215条。"],
        ["三、收到和处理政府信息公开申请情况", "本年度收到信息公开申请3件，均按期答复。",
         "四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议和行政诉讼。"],
        ["五、存在的主要问题及改进情况", "一是栏目分类不够清晰；二是更新频次不稳定。"
         "下一步，学院将梳理栏目分类，建立定期更新机制。",
         "六、其他需要报告的事项", "本年度未收取信息处理费。"],
    ]
    story = [Paragraph("芦湾职业学院2023年政府信息公开工作年度报告", title)]
    for n, lines in enumerate(pages):
        if n:
            story.append(PageBreak())
        story += [Paragraph(x, body) for x in lines]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story, onFirstPage=furniture,
                                                          onLaterPages=furniture)
    return buf.getvalue()


if __name__ == "__main__":
    (HERE / "d7_running_head_above_title.pdf").write_bytes(running_head_pdf())
