"""A saved page titled as older reports are, "<机关><年>年政府信息公开年报" (no 报告), keeps its
title: its <h1> was no title candidate (only a 报告 was), so the title line was left out of
the text and the report had no title. A column's name alone ("政府信息公开年报", no year) is
still no title.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.parse.load import load_report

_PAGE = """<html><head><meta charset="utf-8"><title>{title}-{site}</title></head><body>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/nb/">政府信息公开年报</a></div>
<h2 class="col">政府信息公开年报</h2>
<h1>{title}</h1>
<div class="meta">发布时间：{published}　浏览次数：208</div>
<div class="article">
<p><b>一、概述</b></p>
<p>{year}年，我们以群众关心的低保、救灾款物发放为重点，做好政府信息公开。</p>
<p><b>二、主动公开政府信息情况</b></p>
<p>全年主动公开信息85条。</p>
<p><b>五、存在的主要问题和改进措施</b></p>
<p>问题是公开栏目设置不够科学，改进措施是按群众需求调整栏目。</p>
</div></body></html>
"""


def _page(tmp_path, title, year, published, site="河口区人民政府网"):
    path = tmp_path / "content_5012.html"
    path.write_text(_PAGE.format(title=title, year=year, published=published, site=site),
                    encoding="utf-8")
    return load_report(path)


def test_a_year_report_heading_is_the_title(tmp_path):
    report = _page(tmp_path, "河口区民政局2013年政府信息公开年报", 2013, "2014-01-27")
    assert report.metadata.title == "河口区民政局2013年政府信息公开年报"
    assert report.metadata.year == 2013
    assert not any(e.code == "no_title" for e in report.errors)


def test_a_year_in_chinese_numerals_counts_too(tmp_path):
    report = _page(tmp_path, "河口区人民政府二〇一一年度政府信息公开年报", 2011, "2012-02-10")
    assert report.metadata.title == "河口区人民政府二〇一一年度政府信息公开年报"


def test_the_column_name_alone_is_no_title(tmp_path):
    # the page's column heading comes first; the article's own title names a 报告
    report = _page(tmp_path, "河口区财政局2016年度政府信息公开工作报告", 2016, "2017-03-01")
    assert report.metadata.title == "河口区财政局2016年度政府信息公开工作报告"
