"""A report printed in two columns whose last page holds one short column: the left column's
last lines, and beside them section 六's heading, "无。", the signature and the date. That
page is still read column by column (in the columns of the page before), and two columns'
first or last lines at one height across a narrow gutter are no line spanning the page."""

from __future__ import annotations

import pytest
from _pdf_drawing import FONT, register_font

#: A county bureau's report in two columns of 13 characters at 16 pt, 1.5 characters apart
#: (a 公文 printed in columns): page 1 and the left column of page 2.
BUREAU_P1_LEFT = ["江北区司法局2024年政府", "信息公开工作年度报告", "本报告根据《中华人民共", "和国政府信息公开条例》和上",
                  "级有关要求编制。报告中所列", "数据的统计期限自2024年1", "月1日起至12月31日止。", "一、总体情况",
                  "2024年，区司法局主", "动公开政府信息413条，收", "到政府信息公开申请9件。"]
BUREAU_P1_RIGHT = ["二、主动公开政府信息情况", "本年度制发规范性文件3", "件，废止0件；作出行政许可",
                   "决定145件。", "三、收到和处理政府信息公开", "申请情况", "本年新收政府信息公开申",
                   "请25件，予以公开21件，其", "余均依法作出答复。", "四、政府信息公开行政复议、",
                   "行政诉讼情况", "本年度未发生行政复议、行政", "诉讼案件。"]
BUREAU_P2_LEFT = ["五、存在的主要问题及改进情", "况", "（一）存在的主要问题", "1.行政复议决定书公开",
                  "比例偏低，部分案件因涉及个", "人信息未予公开。", "（二）改进措施", "1.制定行政复议决定书",
                  "公开工作规范，对个人信息作", "技术处理后公开。"]


def _canvas():
    import io

    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_font()
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4, invariant=1), A4


def _lines(data: bytes) -> list[str]:
    from nlp_reports.ingest.pdf import pdf_to_text

    return [line for line in pdf_to_text(data).splitlines() if line.strip()]


def _column(c, x: float, top: float, lines: list[str], *, size: float = 16, step: float = 44.8) -> None:
    c.setFont(FONT, size)
    for k, line in enumerate(lines):
        c.drawString(x, top - step * k, line)


def _bureau(*, last_right: list[str], signature_edge: float) -> bytes:
    buf, c, (width, _) = _canvas()
    for page, (left, right) in enumerate(((BUREAU_P1_LEFT, BUREAU_P1_RIGHT), (BUREAU_P2_LEFT, last_right)), 1):
        c.setFont(FONT, 10)
        c.drawCentredString(width / 2, 790, "江北区司法局")
        _column(c, 72, 750, left)
        _column(c, 309.6, 750, right)
        if page == 2:
            c.setFont(FONT, 16)
            c.drawRightString(signature_edge, 750 - 44.8 * 3, "江北区司法局")
            c.drawRightString(signature_edge, 750 - 44.8 * 4, "2025年1月16日")
        c.setFont(FONT, 10)
        c.drawCentredString(width / 2, 40, f"第{page}页 共2页")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_last_page_with_a_short_right_column_keeps_its_columns():
    # page 2: 五 fills the left column; the right holds 六's heading, "无。" and the signature
    # and date set right: on their own they are too few to be told from one column
    lines = _lines(_bureau(last_right=["六、其他需要报告的事项", "无。"], signature_edge=523.3))
    assert "六、其他需要报告的事项" in lines
    assert "五、存在的主要问题及改进情况" in "".join(lines)
    assert lines[lines.index("六、其他需要报告的事项") + 1] == "无。"
    assert lines[-2:] == ["江北区司法局", "2025年1月16日"]
    assert lines.index("技术处理后公开。") < lines.index("六、其他需要报告的事项")
    assert not any(line.startswith("况") and len(line) > 1 for line in lines)


def test_columns_last_lines_level_across_a_narrow_gutter_are_two_lines():
    # page 1 ends with the left column's "三、…公开" beside the right's "六、…" at one height,
    # 1.5 characters apart, over the page number: they are no line across the page
    buf, c, (width, _) = _canvas()
    left = [*BUREAU_P1_LEFT[:7], "一、总体情况", "本年度主动公开政府信息", "413条。", "二、主动公开政府信息情况",
            "本年度制发规范性文件3件。", "三、收到和处理政府信息公开"]
    right = ["申请情况", "本年新收申请25件，其余均", "依法作出答复。", "四、政府信息公开行政复议、",
             "行政诉讼情况", "本年度未发生相关案件。", "五、存在的主要问题及改进情",
             "况", "（一）存在的问题", "审计结果公告数量偏少。", "（二）改进措施", "逐步扩大公告范围。",
             "六、其他需要报告的事项"]
    _column(c, 72, 750, left, step=52)
    _column(c, 309.6, 750, right, step=52)
    c.setFont(FONT, 10)
    c.drawCentredString(width / 2, 40, "— 1 —")
    c.showPage()
    _column(c, 72, 750, ["无。"])
    c.setFont(FONT, 16)
    c.drawRightString(285.6, 750 - 44.8 * 2, "东江市审计局")
    c.drawRightString(285.6, 750 - 44.8 * 3, "2022年1月27日")
    c.setFont(FONT, 10)
    c.drawCentredString(width / 2, 40, "— 2 —")
    c.showPage()
    c.save()
    lines = _lines(buf.getvalue())
    assert "三、收到和处理政府信息公开申请情况" in "".join(lines)
    assert "三、收到和处理政府信息公开 六、其他需要报告的事项" not in lines
    assert lines[lines.index("六、其他需要报告的事项") + 1] == "无。"
    assert lines[-2:] == ["东江市审计局", "2022年1月27日"]


def test_browser_last_page_one_line_left_and_six_on_the_right():
    # a page printed in CSS columns (gap 1em, 13 pt): the left column's last line ("布。")
    # beside 六's heading, its "无。", the signature, a stamp's text and the date
    buf, c, (width, _) = _canvas()
    left = ["本报告根据《中华人民共和国政府", "信息公开条例》和上级有关要求编", "制，由长宁市退役军人事务局负责", "编写。",
            "一、总体情况", "2024年，市退役军人事务局主动", "公开优抚政策、安置信息等398", "条，收到政府信息公开申请15件。"]
    right = ["五、存在的主要问题及改进情况", "（一）存在的主要问题", "一是优抚对象待遇调整信息解读不", "够通俗，老年优抚对象看不懂。",
             "（二）改进措施", "一是编印优抚待遇政策口袋书，由", "服务站上门讲解；二是安置岗位信", "息同步在服务站公告栏发"]
    _column(c, 74, 760, left, size=13, step=26)
    _column(c, 74 + 13 * 16 + 13, 760, right, size=13, step=26)
    c.setFont(FONT, 9)
    c.drawRightString(528, 40, "第1页 共2页")
    c.showPage()
    _column(c, 74 + 13 * 16 + 13, 760, ["布。", "六、其他需要报告的事项", "无。"], size=13, step=26)
    _column(c, 74, 760, ["是为了更好地服务退役军人。"], size=13, step=26)
    c.setFont(FONT, 13)
    c.drawRightString(522, 660, "长宁市退役军人事务局")
    c.drawRightString(522, 634, "2025年1月15日")
    c.setFont(FONT, 9)
    c.drawRightString(528, 40, "第2页 共2页")
    c.showPage()
    c.save()
    lines = _lines(buf.getvalue())
    assert "是为了更好地服务退役军人。" in lines
    assert lines.index("是为了更好地服务退役军人。") < lines.index("六、其他需要报告的事项")
    assert lines[lines.index("六、其他需要报告的事项") + 1] == "无。"
    assert lines[-2:] == ["长宁市退役军人事务局", "2025年1月15日"]


def test_one_column_last_page_after_column_pages_stays_one_column():
    # short lines from the page's top, the signature set right below them and an annex's
    # line under the date: not the columns of the pages before (the signature and date
    # would be a column of their own, read after the annex)
    buf, c, (width, _) = _canvas()
    _column(c, 72, 750, BUREAU_P1_LEFT)
    _column(c, 309.6, 750, BUREAU_P1_RIGHT)
    c.showPage()
    _column(c, 72, 750, ["六、其他需要报告的事项", "无。"])
    c.setFont(FONT, 16)
    c.drawRightString(523.3, 750 - 44.8 * 3, "江北区司法局")
    c.drawRightString(523.3, 750 - 44.8 * 4, "2025年1月16日")
    c.drawString(72, 750 - 44.8 * 6, "附件：年度统计表")
    c.showPage()
    c.save()
    lines = _lines(buf.getvalue())
    assert lines[-5:] == ["六、其他需要报告的事项", "无。", "江北区司法局", "2025年1月16日", "附件：年度统计表"]


def test_table_without_rules_after_column_pages_keeps_its_rows():
    # labels in the left column's band, figures in the right's: a table's rows, not columns
    buf, c, (width, _) = _canvas()
    _column(c, 72, 750, BUREAU_P1_LEFT)
    _column(c, 309.6, 750, BUREAU_P1_RIGHT)
    c.showPage()
    rows = [("本年新收政府信息公开申请数量", "25"), ("上年结转政府信息公开申请数量", "3"),
            ("予以公开", "21"), ("部分公开", "2"), ("结转下年度继续办理", "5")]
    c.setFont(FONT, 12)
    for k, (label, figure) in enumerate(rows):
        c.drawString(72, 750 - 24 * k, label)
        c.drawString(400, 750 - 24 * k, figure)
    c.showPage()
    c.save()
    lines = _lines(buf.getvalue())
    assert "本年新收政府信息公开申请数量 25" in lines
    assert "结转下年度继续办理 5" in lines


def test_text_table_without_rules_after_column_pages_keeps_its_rows():
    # a 问题 | 措施 table of text drawn without rules, each cell wrapped over two lines well
    # short of the gutter and the margin: read in the columns of the page before, every
    # problem came first and every measure after, parted from its own
    buf, c, (width, _) = _canvas()
    _column(c, 72, 750, BUREAU_P1_LEFT)
    _column(c, 309.6, 750, BUREAU_P1_RIGHT)
    c.showPage()
    rows = [("问题", "措施"), ("复议决定书公开", "制定公开规范，"), ("比例偏低；", "年内全部公开；"),
            ("普法栏目分类", "调整网站栏目，"), ("不够清晰；", "普法单独设栏；"), ("依申请答复", "统一答复文书"),
            ("格式不一。", "样式。")]
    c.setFont(FONT, 14)
    for k, (problem, measure) in enumerate(rows):
        c.drawString(90, 760 - 22 * k, problem)
        c.drawString(330, 760 - 22 * k, measure)
    c.showPage()
    c.save()
    lines = _lines(buf.getvalue())
    assert "复议决定书公开 制定公开规范，" in lines
    assert "不够清晰； 普法单独设栏；" in lines
    assert lines.index("格式不一。 样式。") == len(lines) - 1


def test_last_page_of_short_level_lines_with_a_part_heading_keeps_its_columns():
    # the last page of a report set in columns: the left column's last two short lines level
    # with 六's heading and its one line, the signature set left in the right column, short of
    # the margin. Read row by row, 六's heading was glued to a measure ("…强化考核。 六、…")
    buf, c, (width, _) = _canvas()
    _column(c, 72, 750, BUREAU_P1_LEFT)
    _column(c, 309.6, 750, BUREAU_P1_RIGHT)
    c.showPage()
    c.setFont(FONT, 14)
    for k, (left, right) in enumerate((("3.开展业务培训两次。", "六、其他需要报告的事项"),
                                       ("4.年底前完成考核。", "本年度无其他事项。"))):
        c.drawString(72, 760 - 22 * k, left)
        c.drawString(309.6, 760 - 22 * k, right)
    c.drawString(330, 690, "江北区司法局")
    c.drawString(330, 668, "2025年1月22日")
    c.showPage()
    c.save()
    lines = _lines(buf.getvalue())
    assert "六、其他需要报告的事项" in lines
    assert lines.index("4.年底前完成考核。") < lines.index("六、其他需要报告的事项")
