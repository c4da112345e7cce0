"""PDF columns: a two-column page whose right column is a table is read column by column, a
one-column table set as text keeps its rows, and no one-column fixture PDF finds a gutter."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


TITLE_2COL = "青禾县水利局2023年政府信息公开工作年度报告"
#: The left column, line by line as printed: three headings, each with its wrapped paragraph.
NARRATIVE = [["一、总体情况", "本年度，本机关坚持以公开为常态、不公", "开为例外，持续推进决策、执行、管理、",
              "服务、结果公开，主动公开政府信息120", "条，办理依申请公开3件，均按期答复。"],
             ["二、主动公开政府信息情况", "本年度主动公开的政府信息分类统计见右", "表，规章和行政规范性文件均按时发布，",
              "行政许可和行政处罚信息实时更新。"],
             ["三、收到和处理政府信息公开申请情况", "本年度收到申请3件，予以公开2件，本机", "关不掌握相关政府信息1件。"]]
#: The right column: a table of figures (label, then 1–3 numbers).
FIGURES = [["信息内容", "制发件数", "废止件数", "有效件数"], ["规章", "0", "0", "0"],
           ["行政规范性文件", "2", "1", "8"], ["信息内容", "处理决定数"], ["行政许可", "35"],
           ["其他对外管理服务事项", "12"], ["行政处罚", "4"], ["行政强制", "1"],
           ["信息内容", "收费金额"], ["行政事业性收费", "0"]]


def _canvas():
    """A reportlab A4 canvas writing to a buffer, with a CJK font (skips without reportlab)."""
    import io

    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4, invariant=1), "STSong-Light", A4


def _two_column_pdf(*, ruled: bool, same_baselines: bool) -> bytes:
    """Narrative in the left column, a table of figures in the right one (ruled: drawn with
    lines, which pdfplumber finds as a table; else set as text in columns); with
    ``same_baselines`` the table's rows sit on the narrative's baselines."""
    buf, c, font, A4 = _canvas()
    c.setFont(font, 16)
    c.drawCentredString(A4[0] / 2, 780, TITLE_2COL)
    c.setFont(font, 12)
    for i, line in enumerate(line for block in NARRATIVE for line in block):
        c.drawString(56, 740 - 20 * i, line)
    xs = [312, 400, 450, 500, 550]
    top = 740 + 13 if same_baselines else 757
    c.setFont(font, 8)
    for r, row in enumerate(FIGURES):
        y = top - 20 * r
        for k, cell in enumerate(row):
            c.drawString(xs[k] + 3, y - 13, cell)
        if ruled:
            c.line(xs[0], y, xs[-1], y)
    if ruled:
        bottom = top - 20 * len(FIGURES)
        c.line(xs[0], bottom, xs[-1], bottom)
        for x in xs:
            c.line(x, top, x, bottom)
    c.setFont(font, 9)
    c.drawCentredString(A4[0] / 2, 30, "- 1 -")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(("ruled", "same_baselines"), [(False, False), (False, True), (True, False)],
                         ids=["text_table", "text_table_on_baselines", "ruled_table"])
def test_two_columns_with_a_table_are_read_column_by_column(ruled, same_baselines):
    pytest.importorskip("pdfplumber")
    from nlp_reports import load_report
    from nlp_reports.ingest import read_document

    data = _two_column_pdf(ruled=ruled, same_baselines=same_baselines)
    lines = [line for line in read_document(data, filename="r.pdf").text.splitlines() if line]
    narrative = [TITLE_2COL, *(line for block in NARRATIVE for line in (block[0], "".join(block[1:])))]
    assert lines[:len(narrative)] == narrative  # the left column whole, its paragraphs joined
    assert [line.split() for line in lines[len(narrative):]] == FIGURES  # then the table's rows
    report = load_report(data, filename="r.pdf")
    assert [s.number for s in report.sections] == [1, 2, 3]
    for section, block in zip(report.sections[:2], NARRATIVE[:2], strict=True):
        assert section.text.replace("\n", "") == "".join(block[1:])


def _one_column_text_table() -> bytes:
    """One column: a paragraph, then a table set as text without lines whose labels (most
    with commas, as 表三's can be) are left and figures right: rows must stay rows."""
    buf, c, font, A4 = _canvas()
    c.setFont(font, 12)
    c.drawString(56, 760, "三、收到和处理政府信息公开申请情况")
    c.drawString(56, 740, "本年度收到申请3件，全部按期答复，具体情况见下表。")
    c.setFont(font, 10)
    for i, (label, a, b) in enumerate(ONE_COLUMN_ROWS):
        c.drawString(56, 700 - 18 * i, label)
        c.drawString(480, 700 - 18 * i, a)
        c.drawString(520, 700 - 18 * i, b)
    c.showPage()
    c.save()
    return buf.getvalue()


ONE_COLUMN_ROWS = [("（一）予以公开", "1", "2"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0", "1"),
                   ("（三）不予公开，属于国家秘密", "0", "0"), ("（四）无法提供，本机关不掌握相关政府信息", "1", "1"),
                   ("（五）不予处理，信访举报投诉类申请", "0", "0"), ("（六）其他处理，申请人逾期不补正", "0", "0"),
                   ("（七）总计", "2", "4"), ("四、结转下年度继续办理", "0", "0")]


def test_one_column_text_table_with_commas_in_its_labels_keeps_its_rows():
    pytest.importorskip("pdfplumber")
    from nlp_reports.ingest import read_document

    lines = read_document(_one_column_text_table(), filename="t.pdf").text.splitlines()
    for label, a, b in ONE_COLUMN_ROWS:
        label = label.replace("（", "(").replace("）", ")")  # (the reader's normalization)
        assert any(line.startswith(label) and line.split()[-2:] == [a, b] for line in lines), label


FIXTURE_PDFS = sorted(p for d in ("tests/data", "tests/fixtures") for p in (ROOT / d).rglob("*.pdf")
                      if p.name != "twocol.pdf" and p.parent.name != "broken"
                      and "two_column" not in p.name)  # (the two-column cover fixtures)


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_one_column_fixture_pdfs_find_no_gutter(path):
    pdfplumber = pytest.importorskip("pdfplumber")
    from nlp_reports.ingest.pdf import _clean_chars, _gutter, _inside

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page = _clean_chars(page)
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            text_page = page.filter(lambda obj, b=boxes: not _inside(obj, b)) if boxes else page
            assert _gutter(text_page, tables) is None
