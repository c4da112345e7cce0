"""A table of contents saved alone — "目录" and the form's section headings with page numbers or
dotted leaders, nothing under them — was stored as a report of six empty sections (the "目录"
line counted as text, a page number set apart by wide spaces as a section's text, a title
kept it). It is refused as not_a_report, titled or not, in .txt and saved .html; a report
that opens with its own 目录 and then its full text stays a report."""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.corpus.audit import failure_meaning_zh
from nlp_reports.errors import NotAReportError

HEADS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
BODY = ["2022年，区水务局以群众关注的供排水、防汛信息为重点，稳步推进政务公开。",
        "全年通过区政府门户网站主动公开信息117条，发布防汛预警信息23期。",
        "本年度新收政府信息公开申请6件，上年结转1件，均已按期办结。",
        "本年度无因政府信息公开引起的行政复议、行政诉讼。",
        "（一）存在的主要问题\n防汛信息发布渠道较分散。\n（二）改进情况\n统一在门户网站防汛专栏发布。",
        "本年度未收取信息处理费。"]


def _toc(label: str = "目录", leader: str = "……………", title: str = "") -> str:
    lines = [title] if title else []
    lines += [label] if label else []
    lines += [f"{h}{leader}{2 * i + 1}" for i, h in enumerate(HEADS)]
    return "\n".join(lines) + "\n"


def _refused(text: str, name: str) -> NotAReportError:
    with pytest.raises(NotAReportError, match=r"too small to be a report: a table of contents") as err:
        load_report(text.encode("utf-8"), filename=name)
    return err.value


@pytest.mark.parametrize("text", [
    _toc("目  录"),                                # dotted leaders under a spaced label
    _toc("目录", "\u3000\u3000"),                 # page numbers set apart by wide spaces
    _toc("", " ………… "),                          # no label, each heading with its page
    _toc("目录", ".......", "溪口区水务局2022年政府信息公开工作年度报告"),  # the title kept it
])
def test_table_of_contents_txt_is_refused(text):
    err = _refused(text, "toc.txt")
    assert "一、总体情况" in str(err)
    zh = failure_meaning_zh(f"not_a_report: {err}")
    assert zh is not None and zh.startswith("文件只有目录")


def test_saved_table_of_contents_page_is_refused():
    items = "".join(f'<li><a href="#p{i}">{h}</a><span class="leader">……</span><span>{i + 1}</span></li>'
                    for i, h in enumerate(HEADS))
    page = ('<html><head><meta charset="utf-8"><title>目录-溪口区人民政府</title></head><body>'
            f'<div class="toc"><h3>目 录</h3><ul>{items}</ul></div></body></html>')
    _refused(page, "toc.html")


@pytest.mark.parametrize("title", ["", "溪口区水务局2022年政府信息公开工作年度报告"])
@pytest.mark.parametrize("leader", ["……………", "\u3000\u3000"])
def test_report_opening_with_its_own_contents_stays_a_report(title, leader):
    full = "".join(f"{h}\n{b}\n" for h, b in zip(HEADS, BODY, strict=True))
    report = load_report((_toc("目录", leader, title) + "\n" + full).encode("utf-8"), filename="r.txt")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [(s.block, s.text) for s in report.statements] == [
        ("problem", "防汛信息发布渠道较分散。"), ("measure", "统一在门户网站防汛专栏发布。")]


def test_titled_headings_without_contents_marks_are_read_as_before():
    # a title over bare headings, no 目录 line and no page numbers: the title keeps it (0363af5)
    text = "溪口区水务局2022年政府信息公开工作年度报告\n" + "\n".join(HEADS) + "\n"
    assert load_report(text.encode("utf-8"), filename="t.txt").metadata.title
