"""Defects found on older (2008–2018) reports, web forms (WeChat
articles, attachment-only pages), PDF text artifacts and Excel/WPS pastes. Each input in
tests/data/redteam10/ is a short fictional report written for these tests; each test names
the defect (D1–D12 of the pass's findings) it reproduces."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "redteam10"


def _pairs(report):
    return [(s.block, s.text) for s in report.statements]


@pytest.mark.parametrize("name", ["s5_excel_quoted_2023.txt", "s5_wps_bare_2023.txt"])
def test_d1_a_problem_measure_cell_with_a_line_break_keeps_the_table(name):
    """D1: 五 pasted from Excel/WPS as 问题<TAB>措施 rows, where a cell holds a line break
    (Excel quotes such a cell, WPS pastes the break bare). The line without a TAB ended the
    table: the rest was read as prose (blocks unknown, quotes and TABs inside the text)."""
    r = load_report(DATA / name)
    got = _pairs(r)
    assert [b for b, _ in got][:6] == ["problem", "measure"] * 3, got
    assert len(got) == 7, got  # the three rows, then the sentence below the table
    assert not any('"' in t or "\t" in t for _, t in got), got
    # the two halves of each broken cell make one statement, in its row's order
    texts = [t for _, t in got]
    if "excel" in name:
        assert texts[2] == "查档预约只能电话办理，外地群众不便。"
        assert texts[5] == "增加图解，并在公众号同步推送。"
    else:
        assert texts[0] == "开放鉴定工作进度慢，积压的档案较多。"
        assert texts[3] == "编制常见问题答复口径。"
    assert texts[-1].startswith("今后将按季度检查")


def test_d2_a_saved_wechat_article_keeps_its_content():
    """D2: a WeChat 公众号 article saved as HTML holds the article in
    <div id="js_content" style="visibility: hidden;"> (its script shows it on load); the
    hidden element was dropped as chrome, and with it the whole report."""
    r = load_report(DATA / "wechat_article_2022.html")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert _pairs(r) == [("problem", "渔政执法信息公开不够及时。"), ("problem", "公众号栏目更新频次偏低。"),
                         ("measure", "执法结果在作出决定后七日内公开。"),
                         ("measure", "公众号每周至少推送一次政策信息。")]
    assert r.metadata.published == "2023-01-16"
    # the page's own hidden chrome stays out
    assert "请在微信客户端打开" not in r.text and "阅读原文" not in r.sections[-1].text


def test_d3_an_annexed_statistics_table_after_five_gives_no_statements():
    """D3: an older report prints its statistics as 附表 (指标 | 单位 | 数量 rows) below the
    problems part and above the 落款; the annex was read as more statements of section 五."""
    r = load_report(DATA / "annex_after_five_2013.txt")
    assert _pairs(r) == [("problem", "工程建设项目信息公开不够完整；"),
                         ("problem", "取水许可审批结果公开滞后。"),
                         ("measure", "下一步，我局将按项目建立公开台账，审批结果在作出后十日内公开。")]
    assert r.metadata.published == "2014-03-27"


def test_d3_a_problem_list_given_as_an_annex_still_gives_statements():
    # an annex that is the 问题 | 措施 list itself is section 五's content, not statistics
    text = (DATA / "annex_after_five_2013.txt").read_text(encoding="utf-8")
    five = text.index("一是工程")
    annex = text.index("附表：")
    text = (text[:five] + "附表：存在问题及整改措施清单\n问题\t措施\n工程建设项目信息公开不够完整。\t按项目建立公开台账。\n"
            + text[text.index("石埠县水务局\n2014"):])
    assert annex > five
    r = load_report(text)
    assert _pairs(r) == [("problem", "工程建设项目信息公开不够完整。"), ("measure", "按项目建立公开台账。")]


@pytest.mark.parametrize("name, says", [("attachment_only_page_2021.txt", "年度报告.pdf"),
                                        ("scanned_pages_2020.html", "3 images")])
def test_d5_a_page_without_the_report_text_is_refused(name, says):
    """D5: a saved page that only points to the report as an attached file, or shows it as
    scanned images, parsed to an empty report (title, agency and year, no sections) that a
    batch counts like a report lacking everything; it must say what it is instead."""
    from nlp_reports.errors import NotAReportError

    with pytest.raises(NotAReportError, match=says.replace(".", r"\.")):
        load_report(DATA / name)


def test_d5_a_short_older_report_in_prose_is_still_read():
    # an older report without headings, in a few sentences, names no attachment: it parses
    text = ("苇塘县档案局2009年政府信息公开工作年度报告\n"
            "2009年，我局主动公开政府信息86条，受理政府信息公开申请2件，均已答复。"
            "全年未收取费用，未发生行政复议和行政诉讼。工作中还存在档案目录上网不全、查阅预约"
            "渠道单一等不足，下一步将分批录入开放档案目录，开通网上预约，并把信息公开纳入科室考核。\n"
            "附件：苇塘县档案局2009年查档服务照片.jpg\n苇塘县档案局\n2010年3月1日\n")
    r = load_report(text)
    assert r.metadata.year == 2009 and r.metadata.agency == "苇塘县档案局"


def test_d4_a_running_footer_naming_the_agency_is_page_furniture():
    """D4: a PDF viewer's copy ends each page with "<机关> 第N页 共M页". The footer was no
    page number to the parser: the last one, below the 落款, hid the signature date (and
    glued the 落款 to the last measure), another stood inside a sentence of section 四."""
    r = load_report(DATA / "named_page_footer_2011.txt")
    assert r.metadata.published == "2012-03-28"
    assert _pairs(r)[-1] == ("measure", "印发统一的答复文书范本。")
    assert len(r.statements) == 4
    assert "芦溪县人民政府 第" not in " ".join(s.text for s in r.sections)


@pytest.mark.parametrize("text, want", [
    # 受理申请 / 收到公开申请 without 政府信息公开申请; 份 and 条 as the unit; N件予以公开
    ("全年受理申请8件，同意公开6件，不属于本机关公开职责范围2件。", {"received": 8, "granted": 6}),
    ("我局收到公开申请9份，对其中7份予以公开。", {"received": 9, "granted": 7}),
    ("共收到群众申请公开信息3条，均已当场答复。", {"received": 3}),
    # 办理 for the applications handled in the year
    ("全年共办理政府信息公开申请28件，均在法定期限内答复。", {"received": 28}),
    ("全年办理依申请公开事项232件，同比增长27.5%。", {"received": 232}),
    # a sentence opening with the comparison, the year's figure in a later clause
    ("较上年减少12件的情况下，全年仍受理申请63件，主要集中在房屋拆迁领域。", {"received": 63}),
    # ... but not a cumulative figure after "since 2008" (read as another year)
    ("自2008年条例施行以来，累计受理政府信息公开申请386件。2012年受理政府信息公开申请47件。",
     {"received": 47}),
    # a PDF copy's line wrap between a figure's words
    ("全年受理申请37件，已全部办结。已办结37件，其中同意公开25件，同意部分\n公开5件，不予公开7件。",
     {"received": 37, "granted": 25, "partial": 5, "refused": 7}),
])
def test_d6_older_wordings_of_the_application_figures_are_read(text, want):
    """D6: an older report's 依申请公开 part states its figures in words the T1 reader (made
    for section 一 of a modern report) did not take: 受理申请 without 政府信息公开申请, 办理,
    条/份, "7件予以公开", a sentence opening with a comparison, a wrapped line."""
    from nlp_reports.corpus.summarize import narrative_counts

    assert narrative_counts(text, 2012) == want


@pytest.mark.parametrize("part, want", [
    ("全年发生行政复议2件，行政诉讼0件。", {"review": 2, "litigation": 0}),
    ("被申请行政复议6件，被提起行政诉讼3件。", {"review": 6, "litigation": 3}),
    ("全年发生行政复议一件，无行政诉讼。", {"review": 1, "litigation": 0}),
    ("全年未发生因信息公开引起的行政复议和诉讼。", {"review": 0, "litigation": 0}),
])
def test_d6_an_older_reports_review_and_litigation_part_is_read(part, want):
    # the part on 复议/诉讼 of an older report (its own section: the sections are joined with
    # a blank line) names no 政府信息公开 in its sentences, its title does
    from nlp_reports.corpus.summarize import narrative_counts

    text = "县政府把政府信息公开纳入目标考核。\n\n全年主动公开信息512条。\n\n" + part
    assert narrative_counts(text, 2012) == want


def test_d6_case_figures_of_other_matters_are_not_taken():
    # 复议 cases beside other topics (a 司法局's overview) are no figures of disclosure
    from nlp_reports.corpus.summarize import narrative_counts

    text = "全年办理行政复议案件45件，审查行政规范性文件30件，开展普法活动12场。"
    assert narrative_counts(text, 2012) == {}
    assert narrative_counts("全年主动公开信息512条。\n\n" + text, 2012) == {}


def test_d8_a_running_head_naming_the_year_above_the_printed_title_is_no_title():
    """D8: a PDF prints a running head ("澄江市2022年…年度报告") on every page, page 1
    included, above the printed title ("澄江市人民政府2022年…年度报告"); the head was kept on
    page 1 (taken for the title when it names no year only) and read as the title."""
    pytest.importorskip("pdfplumber")
    r = load_report(DATA / "running_head_with_year_2022.pdf")
    assert r.metadata.title == "澄江市人民政府2022年政府信息公开工作年度报告"
    assert r.metadata.agency == "澄江市人民政府"
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]


def test_d7_a_line_wrap_inside_a_table3_number_is_joined():
    """D7: a PDF copy wrapped 表三's first row inside its first number ("…申请数量 2" /
    "4 3 0 0 2 2 31"): the row had 8 values for 7 columns and 表三 was unreadable. The two
    halves at the line break are one number when that alone makes the row's total add up."""
    r = load_report(DATA / "t3_number_wrap_2022.txt")
    t3 = next(t for t in r.tables if t.id == "table3")
    assert t3.status == "ok", t3.problem
    assert t3.values[t3.rows.index("1")] == (24, 3, 0, 0, 2, 2, 31)
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}


def test_d7_an_extra_value_that_no_join_explains_stays_unreadable():
    # the same row with a stray value: no join at the break makes the total add up, so the
    # row is not guessed
    text = (DATA / "t3_number_wrap_2022.txt").read_text(encoding="utf-8")
    text = text.replace("申请数量 2\n4 3 0 0 2 2 31", "申请数量 5\n4 3 0 0 2 2 31")
    t3 = next(t for t in load_report(text).tables if t.id == "table3")
    assert t3.status == "unreadable"


_OLDER_FIVE = ("柘城县人民政府2015年政府信息公开工作年度报告\n一、概述\n县政府高度重视政府信息公开工作。\n"
               "二、主动公开政府信息情况\n全年主动公开信息1,032条。\n三、依申请公开政府信息情况\n全年受理申请6件。\n"
               "四、收费及减免情况\n未收取费用。\n五、因政府信息公开申请提起行政复议、行政诉讼的情况\n无。\n"
               "六、{title}\n{body}\n柘城县人民政府办公室\n2016年3月25日\n")


@pytest.mark.parametrize("title, body, want", [
    # the problem sentence before a lead-in announcing the measures
    ("存在的主要问题和下一步工作",
     "我县信息公开工作取得了一定成效，但也存在公开内容与群众需求有差距等不足。"
     "下一步，我们将做好以下工作：一是编制公开目录；二是推行网上查询。",
     ["problem", "measure", "measure", "measure"]),
    # "问题主要表现在：" opens the problems
    ("存在问题及工作打算",
     "问题主要表现在：乡镇公开专栏维护力量不足；部分部门解读材料照搬文件原文。"
     "2016年，我县将为乡镇配备兼职网站管理员。",
     ["problem", "problem", "measure"]),
    # items whose problem words the cues lacked (参差不齐), then a turn to measures
    ("存在的主要问题及改进措施",
     "一是基层公开标准化试点刚刚起步；二是依申请公开答复质量参差不齐。"
     "针对上述问题，县政府将组织编制公开事项清单。",
     ["problem", "problem", "measure"]),
])
def test_d10_problems_of_an_older_mixed_section_five_get_their_block(title, body, want):
    """D10: an older report's 五 titled with both blocks (存在问题及工作打算) states its
    problems in prose; sentences that plainly state them were left ``unknown``."""
    r = load_report(_OLDER_FIVE.format(title=title, body=body))
    assert [s.block for s in r.statements] == want, _pairs(r)


def test_t1_reads_a_figure_wrapped_before_its_unit():
    """A PDF copy wrapped section 一 between a figure and its unit ("…公开申请9" / "件，办结10
    件，其中予以公开5件"): no figure of the sentence was read, and T1 compared nothing."""
    from nlp_reports.parse.checks import narrative_figures

    text = ("2021年，我局认真落实政府信息公开各项要求。全年新收政府信息公开申请9\n"
            "件，办结10件，其中予以公开5件；发生政府信息公开行政复议0件。")
    got = narrative_figures(text)
    assert got["received"] == {9} and got["closed"] == {10} and got["granted"] == {5}


def test_d11_table2_sub_tables_side_by_side_are_read_column_by_column():
    """D11: a page laid out in two columns, 表二's (一) on the left and (五)/(六) on the
    right, copied row by row ("规章 0 0 0    行政许可 312"): (一) was unreadable."""
    r = load_report(DATA / "t2_two_columns_2021.txt")
    t = {x.id: x for x in r.tables}
    assert t["table2.1"].status == "ok", t["table2.1"].problem
    assert t["table2.1"].values == ((0, 0, 0), (4, 1, 57))
    assert t["table2.5"].values == ((312,),)
    assert t["table2.6"].values == ((26,), (0,))

