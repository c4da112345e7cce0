"""PDF columns at a page's edges: a two-column page under a running head and a title wrapped
over two lines is still read column by column; a page number centred on the gutter is no
column's last line; and a one-column last page of short lines keeps its signature and
closing date apart (no column of its own). Columns that start at different heights (a running
head over one of them, a chart at the top of the other), a bare figure beside a blank line
and a running head spaced out character by character still leave the page read column by
column."""

from __future__ import annotations

import pytest

#: Left and right column of a two-column page, line by line as printed (each fills its column).
LEFT = ["一、总体情况", "2022年，本站主动公开海洋环境监测", "公报、通告等信息364条，接受政府信", "息公开申请7件，均按期答复。",
        "二、主动公开政府信息情况", "本年度制发规范性文件5件，废止0件；", "作出行政许可决定124件，行政处罚决", "定3件。"]
RIGHT = ["三、收到和处理政府信息公开申请情况", "本年新收政府信息公开申请22件，上年", "结转0件，予以公开18件，其余均依法",
         "作出答复。", "四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议、行政诉讼案件，",
         "也未发生因政府信息公开引起的投诉。"]


def _canvas():
    import io

    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4, invariant=1), "STSong-Light", A4


def _two_columns(*, head: str | None, title: list[str], foot: str) -> bytes:
    buf, c, font, (width, _) = _canvas()
    if head:
        c.setFont(font, 10)
        c.drawCentredString(width / 2, 800, head)
    c.setFont(font, 18)
    for k, line in enumerate(title):
        c.drawCentredString(width / 2, 760 - 26 * k, line)
    c.setFont(font, 11)
    for x, column in ((100, LEFT), (312, RIGHT)):  # (the gutter at the page's middle)
        for k, line in enumerate(column):
            c.drawString(x, 690 - 22 * k, line)
    c.setFont(font, 10)
    c.drawCentredString(width / 2, 40, foot)
    c.showPage()
    c.save()
    return buf.getvalue()


def _text(data: bytes) -> str:
    from nlp_reports.ingest.pdf import pdf_to_text

    return pdf_to_text(data)


def test_running_head_and_wrapped_title_do_not_hide_the_gutter():
    # head, and a title whose second line is short and centred: three lines cross the
    # middle, more than 5% of this short page's words
    text = _text(_two_columns(head="东海海洋环境监测站", title=["东海海洋环境监测站2022年政府信息公开", "工作年度报告"],
                              foot="— 1 —"))
    flat = text.replace("\n", "")
    assert "364条，接受政府信息公开申请7件" in flat
    assert "予以公开18件，其余均依法作出答复。" in flat
    assert text.index("二、主动公开政府信息情况") < text.index("三、收到和处理政府信息公开申请情况")
    assert "东海海洋环境监测站2022年政府信息公开工作年度报告" in flat


def test_running_head_spaced_out_does_not_hide_the_gutter():
    # the head typed with a space between its characters: each is a word of its own, and
    # those left and right of the gutter were counted as the columns' lines (too short for
    # prose: one column, the columns' lines read across the page)
    text = _text(_two_columns(head=" ".join("东海海洋环境监测站"), title=["政府信息公开工作年度报告"],
                              foot="— 1 —"))
    flat = text.replace("\n", "")
    assert "364条，接受政府信息公开申请7件" in flat
    assert text.index("二、主动公开政府信息情况") < text.index("三、收到和处理政府信息公开申请情况")
    assert text.splitlines()[0].replace(" ", "") == "东海海洋环境监测站"


def test_page_number_centred_on_the_gutter_is_no_column_text():
    # "第1页 共2页" centred: its halves fall either side of the gutter
    text = _text(_two_columns(head=None, title=["东海海洋环境监测站2022年政府信息公开工作年度报告"],
                              foot="第1页 共2页"))
    assert "第1页" not in text and "共2页" not in text
    assert "作出行政许可决定124件，行政处罚决定3件。" in text.splitlines()
    assert text.splitlines()[-1].endswith("也未发生因政府信息公开引起的投诉。")


def test_signature_under_short_lines_is_not_a_column():
    # a last page printed by a browser: short lines of the last parts, then the signature and
    # the date set right, below them (nothing beside the short lines on their right)
    buf, c, font, (width, _) = _canvas()
    c.setFont(font, 10)
    c.drawCentredString(width / 2, 805, "临江市人民政府")
    c.setFont(font, 15)
    lines = ["2023年，我市将重点抓好以下工作：", "一是推动基层政务公开标准目录全覆盖；", "二是建立政策解读质量评估机制；",
             "三是开展依申请公开答复文书质量评查。", "六、其他需要报告的事项", "无。"]
    for k, line in enumerate(lines):
        c.drawString(104, 750 - 26 * k, line)
    c.drawRightString(522, 570, "临江市人民政府")
    c.drawRightString(522, 543, "2023年12月31日")
    c.setFont(font, 10)
    c.drawCentredString(width / 2, 40, "— 3 —")
    c.showPage()
    c.save()
    text = _text(buf.getvalue())
    assert "临江市人民政府" in text.splitlines()[-2:]
    assert text.splitlines()[-1] == "2023年12月31日"


def test_signature_set_right_in_a_column_is_no_wrapped_line():
    # the right column ends with the signature set right, filling the column's right part;
    # the date is the next page's first line: the signature was taken for a line wrapping
    # into it ("东海海洋环境监测站2023年1月30日", no closing date)
    buf, c, font, (width, _) = _canvas()
    c.setFont(font, 18)
    c.drawCentredString(width / 2, 760, "东海海洋环境监测站2022年政府信息公开工作年度报告")
    c.setFont(font, 11)
    right = [*RIGHT, "六、其他需要报告的事项", "无。"]
    for x, column in ((100, LEFT), (312, right)):
        for k, line in enumerate(column):
            c.drawString(x, 690 - 22 * k, line)
    edge = 312 + max(c.stringWidth(line, font, 11) for line in right)  # (the column's right edge)
    c.drawRightString(edge, 690 - 22 * (len(right) + 1), "东海海洋环境监测站办公室")
    c.showPage()
    c.setFont(font, 11)
    c.drawRightString(edge, 760, "2023年1月30日")
    c.showPage()
    c.save()
    lines = [line for line in _text(buf.getvalue()).splitlines() if line]
    assert lines[-2:] == ["东海海洋环境监测站办公室", "2023年1月30日"]


#: A gazette's two columns of prose, each filling its column (a 公报 page set in columns).
GAZETTE = ("市生态环境局围绕污染防治攻坚战，全年主动公开环境影响评价审批、排污许可、行政处罚等信息"
           "一千一百零六条，新闻发布会和政策解读同步开展，重点排污单位名录按季度更新，群众关注的"
           "空气质量和饮用水源地水质信息每日发布，依申请公开答复均在法定期限内完成。")


def _gazette_page(draw_top) -> str:
    """The text of a page of two columns of prose, 30 lines of 17 characters on the left; the
    right column starts at the y ``draw_top(canvas, font)`` returns, under what it draws."""
    buf, c, font, (width, _) = _canvas()
    text = GAZETTE * 5
    rows = [text[k:k + 17] for k in range(0, 17 * 60, 17)]
    right_top = draw_top(c, font)
    c.setFont(font, 12)
    for k, line in enumerate(rows[:30]):
        c.drawString(72, 770 - 20 * k, line)
    for k, line in enumerate(row for row in rows[30:] if row):
        if right_top - 20 * k > 60:
            c.drawString(312, right_top - 20 * k, line)
    c.showPage()
    c.save()
    return _text(buf.getvalue())


def test_running_head_over_the_left_column_only_keeps_the_columns():
    # the gazette's name set left at the top (an even page): the left side starts at it, a
    # line and a half above the right column's first line, yet the columns run side by side
    def head(c, font):
        c.setFont(font, 9)
        c.drawString(72, 800, "某市人民政府公报　2024年第3期")
        return 770

    text = _gazette_page(head)
    assert "全年主动公开环境影响评价审批、排污许可、行政处罚等信息一千一百零六条" in text.replace("\n", "")
    assert not any(line.count("，") > 1 and " " in line for line in text.splitlines())


def test_right_column_starting_under_a_chart_keeps_the_columns():
    # a chart (a framed box) fills the top of the right column: its text starts 8 lines low
    def chart(c, font):
        c.rect(312, 630, 200, 140)
        return 610

    text = _gazette_page(chart)
    flat = text.replace("\n", "")
    assert "新闻发布会和政策解读同步开展，重点排污单位名录按季度更新" in flat
    assert not any(" " in line for line in text.splitlines())


def test_bare_figure_beside_a_blank_line_does_not_cut_the_columns():
    # the right column has a line holding only "2024" where the left has a blank line before
    # its heading 二: a column's line, no page number; read as a band across the page, the
    # right column's first half came before 二 and the left column's second half
    buf, c, font, (width, _) = _canvas()
    rows = [(GAZETTE * 4)[k:k + 17] for k in range(0, 17 * 40, 17)]
    left = [*rows[:9], "", "二、主动公开政府信息情况", *rows[9:18]]
    right = [*rows[20:28], "本年度编制的政务公开目录于", "2024", "年3月修订，共列事项二百一十项，", *rows[28:36]]
    c.setFont(font, 12)
    for x, column in ((72, left), (312, right)):
        for k, line in enumerate(column):
            if line:
                c.drawString(x, 770 - 20 * k, line)
    c.showPage()
    c.save()
    text = _text(buf.getvalue())
    assert text.index("二、主动公开政府信息情况") < text.index("本年度编制的政务公开目录于")
    assert "2024" in text
