"""Older layouts (2008–2020) as researchers collect them: headings, years, notices.

Every input is a short fictional report written for these tests in the register of its
year (free 5–7 part layouts, years in Chinese numerals, notices wrapping a report).
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse.headings import block_of, section_number
from nlp_reports.parse.metadata import agency_and_year, published_date


def _report(title: str, parts: list[tuple[str, str]], sign_off: str) -> str:
    body = "\n\n".join(f"{head}\n{text}" for head, text in parts)
    return f"{title}\n\n{body}\n\n{sign_off}\n"


_PARTS_2015 = [
    ("一、概述", "二○一五年，我局以预算决算公开为重点推进政府信息公开工作。"),
    ("二、主动公开政府信息情况", "全年主动公开信息133条。"),
    ("三、依申请公开政府信息情况", "全年受理申请4件，均已按时答复。"),
    ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
    ("五、存在的主要问题和改进措施",
     "一是部分单位预决算公开内容不够细化；二是公开时间不统一。下一步将统一公开时间。"),
    ("六、其他需要报告的事项", "无。"),
]


@pytest.mark.parametrize("zero", ["○", "◯", "O", "Ｏ", "0", "〇", "零"])
def test_year_with_a_circle_for_zero(zero: str) -> None:
    """'二○一五年' (a circle U+25CB typed for 〇, as many older documents do) lost the
    agency, the year and the publication date: the title read as naming no year."""
    text = _report(f"柳岸县财政局二{zero}一五年度政府信息公开工作年度报告", _PARTS_2015,
                   f"柳岸县财政局\n二{zero}一六年三月十日")
    m = load_report(text).metadata
    assert (m.agency, m.year, m.published, m.format) == ("柳岸县财政局", 2015, "2016-03-10", "legacy")


def test_hanzi_date_with_circle_zero() -> None:
    assert published_date("", "二○一三年三月二十八日") == "2013-03-28"
    assert published_date("", "二〇一三年三月二十八日") == "2013-03-28"


def test_notice_on_the_report_without_yinfa() -> None:
    """'某市人民政府办公厅关于某市2012年…年度报告的通知' gave the agency
    '…办公厅关于某市人民政府' (the notice's office and 关于 glued to the report's place)."""
    title = "雁汀市人民政府办公厅关于雁汀市2012年政府信息公开工作年度报告的通知"
    assert agency_and_year(title) == ("雁汀市", 2012)
    text = _report(title, _PARTS_2015, "雁汀市人民政府办公厅\n2013年3月28日")
    m = load_report(text).metadata
    assert (m.agency, m.year, m.level) == ("雁汀市人民政府", 2012, "city")


@pytest.mark.parametrize("title, agency", [
    # the office's own notice naming no other body keeps the office as the agency
    ("某县人民政府办公室关于2013年度政府信息公开工作年度报告的通知", "某县人民政府办公室"),
    ("某县人民政府办公室关于二〇一三年度政府信息公开工作年度报告的通知", "某县人民政府办公室"),
    # a report (not a notice) worded 关于 stays the reporting body's
    ("某镇人民政府关于2024年度政府信息公开工作的报告", "某镇人民政府"),
    ("青禾省人民政府办公厅关于印发青禾省2012年政府信息公开工作年度报告的通知", "青禾省"),
])
def test_notice_titles_keep_their_agency(title: str, agency: str) -> None:
    assert agency_and_year(title)[0] == agency


@pytest.mark.parametrize("heading, block", [
    ("存在的困难和问题", "problem"),
    ("工作中存在的困难和不足", "problem"),
    ("存在的薄弱环节", "problem"),
    ("问题与建议", "unknown"),
    ("不足与改进", "unknown"),
    ("工作中的不足与改进措施", "unknown"),
    ("2013年工作思路", "measure"),
    ("下一年度工作安排", "measure"),
    ("工作展望", "measure"),
])
def test_older_section5_headings(heading: str, block: str) -> None:
    """Older wordings of the problems part were no heading, so section 五 was missing and
    its problems stayed in the text of the part above (复议诉讼)."""
    assert section_number(heading) == (True, 5)
    assert block_of(heading) == block


@pytest.mark.parametrize("heading", ["主动公开政府信息情况", "依申请公开政府信息情况",
                                     "政府信息公开的收费及减免情况", "其他需要报告的事项"])
def test_other_headings_unchanged(heading: str) -> None:
    assert section_number(heading)[1] != 5


def test_difficulties_part_is_section5() -> None:
    parts = [*_PARTS_2015[:4],
             ("五、工作中存在的困难和不足",
              "我局政府信息公开工作没有专职人员，由办公室人员兼职承担。今后将配备专人负责。"),
             _PARTS_2015[5]]
    r = load_report(_report("柳岸县卫生局2015年政府信息公开工作年度报告", parts,
                            "柳岸县卫生局\n2016年3月1日"))
    assert r.missing_sections == ()
    assert r.section(5).title == "工作中存在的困难和不足"
    assert "专职人员" not in r.section(4).text
    assert any("专职人员" in s.text for s in r.statements)


def test_unnumbered_last_parts_after_numbered_ones() -> None:
    """A 2012 layout numbering 一 … 五 and writing its last two parts as bare titles lost
    sections 五 and 六 (their text went into 复议诉讼, no statements)."""
    parts = [("一、概述", "2012年，我局重点公开了城乡低保、医疗救助等信息。"),
             ("二、主动公开政府信息情况", "全年主动公开信息156条。"),
             ("三、依申请公开政府信息情况", "全年受理申请2件，均同意公开。"),
             ("四、收费及减免情况", "无。"),
             ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
             ("存在的问题及改进措施",
              "一是低保对象公示信息更新不及时；二是村级公开栏管理不规范。下一步将建立动态更新制度。"),
             ("其他需要报告的事项", "无。")]
    r = load_report(_report("溪山县民政局2012年政府信息公开工作年度报告", parts,
                            "溪山县民政局\n2013年3月15日"))
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.section(4).text == "无。"
    assert [s.marker for s in r.statements][:2] == ["一是", "二是"]
    assert r.section(6).text == "无。"


_NO_YEAR_TITLE = """柳岸县人民政府政府信息公开工作年度报告

本报告统计期限自二〇一二年一月一日起至二〇一二年十二月三十一日止。

一、概述
二〇一二年，县政府高度重视政府信息公开工作。

二、主动公开政府信息情况
全年主动公开政府信息2106条。

三、依申请公开政府信息情况
全年共受理依申请公开4件。

四、因政府信息公开申请行政复议、提起行政诉讼的情况
无。

五、存在的不足和改进措施
一是乡镇政府信息公开工作相对滞后；二是公开的信息以工作动态为主。下一步将加强督查指导。

六、其他需要报告的事项
无。

柳岸县人民政府办公室
二〇一三年三月二十日
"""


def test_year_in_chinese_numerals_in_the_text() -> None:
    """A title naming no year and a text writing it in Chinese numerals ('统计期限自二〇一二年
    一月一日', '二〇一二年，…') gave no year, hence no format and no deadline."""
    m = load_report(_NO_YEAR_TITLE).metadata
    assert (m.year, m.format, m.published) == (2012, "legacy", "2013-03-20")
    text = _NO_YEAR_TITLE.replace("本报告统计期限自二〇一二年一月一日起至二〇一二年十二月三十一日止。\n", "")
    assert load_report(text).metadata.year == 2012  # from the opening "二〇一二年，"


def test_enumeration_before_the_turn_to_measures_lists_problems() -> None:
    """Under a heading naming both (存在的不足和改进措施) '一是…；二是…。下一步将…' left the
    items in block 'unknown'; they are the problems the measures answer."""
    r = load_report(_NO_YEAR_TITLE)
    assert [(s.marker, s.block) for s in r.statements] == [
        ("一是", "problem"), ("二是", "problem"), (None, "measure")]


def test_enumerated_measures_before_a_closing_sentence_stay_unknown() -> None:
    """Items that read as measures are not made problems by a closing measure sentence."""
    text = _NO_YEAR_TITLE.replace(
        "一是乡镇政府信息公开工作相对滞后；二是公开的信息以工作动态为主。",
        "一是加强对乡镇的督查指导；二是将政府信息公开纳入考核。")
    blocks = [s.block for s in load_report(text).statements]
    assert "problem" not in blocks


@pytest.mark.parametrize("year_line", ["（2010年度）", "  (二〇一〇年)", "（二○一○年度）"])
def test_bracketed_year_under_the_title(year_line: str) -> None:
    """'某局政府信息公开工作年度报告' with '（2010年度）' on the line under it (as older reports
    set their titles) gave no year when the text did not open with '2010年，'."""
    parts = [(h, "本年度，我局推进政府信息公开工作。" if h == "一、概述" else t)
             for h, t in _PARTS_2015]
    text = _report(f"青禾省林业局政府信息公开工作年度报告\n{year_line}", parts,
                   "青禾省林业局\n二〇一一年三月一日")
    r = load_report(text)
    assert (r.metadata.agency, r.metadata.year) == ("青禾省林业局", 2010)
    bracket = year_line.strip().strip("（）()")
    assert r.metadata.title.startswith("青禾省林业局政府信息公开工作年度报告")
    assert bracket in r.metadata.title  # the year line is part of the title
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]


_RUN_IN_PAGE = """<html><head><meta charset="utf-8"><title>柳岸县人民政府2012年政府信息公开工作年度报告</title>
</head><body><h1>柳岸县人民政府2012年政府信息公开工作年度报告</h1>
<p><strong>一、概述</strong>2012年，县政府推进政府信息公开工作。</p>
<p><strong>二、主动公开政府信息情况</strong>全年主动公开信息50条。</p>
<p><strong>三、依申请公开政府信息情况</strong>全年受理申请4件。</p>
<p><strong>四、因政府信息公开申请行政复议、提起行政诉讼的情况</strong>无。</p>
<p><strong>五、{five}</strong>一是乡镇网站更新慢，信息少；二是人员不足。下一步将加强督查。</p>
<p><strong>六、其他需要报告的事项</strong>无。</p>
<p>柳岸县人民政府</p><p>2013年3月1日</p></body></html>"""


@pytest.mark.parametrize("five", ["存在的不足", "存在的问题及改进措施", "存在的困难和问题"])
def test_bold_run_in_headings_of_a_saved_page(five: str) -> None:
    """Bold headings with the text running on in the same paragraph ('三、依申请公开政府信息
    情况全年受理申请4件。', '四、…的情况无。', '五、存在的不足一是…') lost sections 二, 三 and
    五 (a figure in the line read as a table row, an unknown title) or took the body into the
    title."""
    r = load_report(_RUN_IN_PAGE.format(five=five).encode("utf-8"), filename="page.html")
    assert [(s.number, s.text) for s in r.sections if s.number != 5] == [
        (1, "2012年，县政府推进政府信息公开工作。"), (2, "全年主动公开信息50条。"),
        (3, "全年受理申请4件。"), (4, "无。"), (6, "无。")]
    assert r.section(5).title == five
    assert [(s.marker, s.block) for s in r.statements] == [
        ("一是", "problem"), ("二是", "problem"), (None, "measure")]


@pytest.mark.parametrize("line, title", [
    ("一、总体情况和主要做法", "总体情况和主要做法"),  # a longer title is kept whole
    ("二、主动公开政府信息情况", "主动公开政府信息情况"),
])
def test_titles_that_only_start_with_a_known_title_are_kept(line: str, title: str) -> None:
    from nlp_reports.parse.sections import _HEADING, _match_heading_at

    hit = _match_heading_at(line, 0, len(line), _HEADING)
    assert hit is not None and line[hit[1]:hit[2]] == title
