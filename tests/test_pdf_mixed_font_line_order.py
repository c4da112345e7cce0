"""A PDF line mixing Chinese and Latin digits whose glyphs pdfminer boxes at different heights.

A browser's "print to PDF" of a government page sets the Chinese in a Type 3 font without a
descent and the digits that fall back to a Latin font (Liberation Serif) with one, on the same
baseline; pdfminer boxes each glyph from its font's descent, so the digits' box sits 0.22 em
lower. From 14 pt up that exceeds pdfplumber's line tolerance: a title read "…办公厅 年度…
工作2014报告" (no title found), and a sentence's figures left it ("共收到申请件" with "25" on
a line below), a wrong reading for the prose. Such characters are read as one line again."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from _browser import chromium_command, needs_chromium

from nlp_reports import load_report
from nlp_reports.ingest.normalize import normalize_text
from nlp_reports.ingest.pdf import pdf_to_text

pytest.importorskip("pdfplumber")

_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ font-family: "Liberation Serif", serif; font-size: {body}px; margin: 40px; }}
td {{ border: 1px solid #333; padding: 3px 8px; }}
</style></head><body>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<h1>云溪县林业局2021年度政府信息公开工作报告</h1>
<p>发布时间：2022-01-27</p>
<h3>一、总体情况</h3>
<p>2021年，我局共受理政府信息公开申请25件，较上年增加7件，均在法定期限内答复。</p>
<table><tr><td>新收申请</td><td>25</td><td>上年结转11件</td></tr>
<tr><td>已办结</td><td>23</td><td>2件转入下年度</td></tr></table>
<h3>二、存在的主要问题及改进情况</h3>
<p>网站栏目更新不够及时。下一步，我局将于2022年6月前完成栏目梳理。</p>
</body></html>"""


def _print(tmp_path: Path, body: int) -> Path:
    page = tmp_path / "report.html"
    page.write_text(_PAGE.format(body=body), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run([*chromium_command(tmp_path), "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True,
                   timeout=120, check=True)
    return pdf


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("body", [16, 20])
def test_chromium_print_keeps_title_sentence_and_cells_whole(tmp_path, body):
    pdf = _print(tmp_path, body)
    assert load_report(pdf).metadata.title == "云溪县林业局2021年度政府信息公开工作报告"
    lines = normalize_text(pdf_to_text(pdf.read_bytes())).splitlines()  # (⼯ → 工)
    assert not any(line.strip() in {"2021", "2021 25 7"} for line in lines)
    text = "\n".join(lines)
    assert "申请25件，较上年增加7件" in text
    assert "上年结转11件" in text and "2件转入下年度" in text
    assert "于2022年6月前完成" in text


def _reportlab_pdf(tmp_path: Path, *, digit_size: float, drop: float) -> Path:
    """A township's report drawn with reportlab whose digits are set in Helvetica with their
    box moved ``drop`` pt below the Chinese on the same baseline (a text rise: reportlab's
    fonts' descents differ too little to show Chromium's 5 pt offset)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "township.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 60
    for pieces, size in (
        (["大坪镇人民政府", "2019", "年政府信息公开工作年度报告"], 22),
        (["根据《条例》要求，现将本镇", "2019", "年度政府信息公开工作情况报告如下。"], 15),
        (["全年主动公开信息", "312", "条，其中政策文件", "18", "条。"], 15),
    ):
        t = c.beginText(50, y)
        for k, piece in enumerate(pieces):
            if k % 2:
                t.setFont("Helvetica", digit_size if size == 15 else size)
                t.setRise(-drop)
            else:
                t.setFont("STSong-Light", size)
                t.setRise(0)
            t.textOut(piece)
        c.drawText(t)
        y -= 2.2 * size
    c.save()
    return path


def test_digits_boxed_lower_on_the_same_baseline_join_their_line(tmp_path):
    pytest.importorskip("reportlab")
    path = _reportlab_pdf(tmp_path, digit_size=15, drop=4.5)
    lines = pdf_to_text(path.read_bytes()).splitlines()
    assert lines[:3] == ["大坪镇人民政府2019年政府信息公开工作年度报告",
                         "根据《条例》要求，现将本镇2019年度政府信息公开工作情况报告如下。",
                         "全年主动公开信息312条，其中政策文件18条。"]
    assert load_report(path).metadata.title == "大坪镇人民政府2019年政府信息公开工作年度报告"


def test_smaller_digits_off_the_line_are_not_pulled_into_it(tmp_path):
    """Digits of another size (a note mark, a subscript) keep their own box."""
    pytest.importorskip("reportlab")
    path = _reportlab_pdf(tmp_path, digit_size=9, drop=4.5)
    lines = pdf_to_text(path.read_bytes()).splitlines()
    assert "312 18" in lines
    assert not any("信息312条" in line or "文件18条" in line for line in lines)


def test_a_note_mark_raised_at_the_text_size_never_joins_the_figure(tmp_path):
    """A digit raised off the baseline by a text rise (a note mark at the text's own size)
    is not a glyph boxed low by its font: pulled into the line it read "申请251件"."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "noted.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    t = c.beginText(60, A4[1] - 80)
    t.setFont("STSong-Light", 15)
    t.textOut("本年度共受理政府信息公开申请25")
    t.setFont("Helvetica", 15)
    t.setRise(7)
    t.textOut("1")
    t.setRise(0)
    t.setFont("STSong-Light", 15)
    t.textOut("件，已全部办结。")
    c.drawText(t)
    c.save()
    text = pdf_to_text(path.read_bytes())
    assert "251" not in text
    assert "申请25" in text
