"""A long article a site's CMS splits over pages ("第1页 共2页 首页 下一页 尾页" under each part,
分页文章) is saved as one file per page. Each file was read as a report of its own: page 1
lacking 四–六, page 2 lacking its title and 一–三, and nothing said why — the pager, being
chrome, was dropped unread. The pager is now read before it goes: a page that says it is
page i of n (n > 1) carries ``article_page`` and a ``paged_article`` problem, which the
audit says in Chinese as a notice (not a defect). A page number in a sentence, one pager
disagreeing with another, or a pager of one page, says nothing.

The pages are fictional, written for these tests in the shapes of common CMS templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.audit import NOTICES_ZH, problem_zh
from nlp_reports.ingest import read_document

# A portal's article template: the pager in a <div class="pages"> under the article's text.
_PORTAL_P1 = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>白沙河区水务局2023年政府信息公开工作年度报告</title></head>
<body><div class="top"><a href="/">网站首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="article"><h1>白沙河区水务局2023年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2024-01-26　来源：区水务局</div>
<div class="content">
<p>一、总体情况</p>
<p>　　2023年，区水务局围绕河湖长制和农村供水保障，把政务公开融入防汛、取水许可等日常工作。</p>
<p>二、主动公开政府信息情况</p>
<p>　　全年在区政府门户网站发布防汛预警、水质公告等信息164条。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<p>　　本年新收政府信息公开申请5件，均按期答复。</p>
</div>
<div class="pages">第1页 共2页 <a href="./t20240126_881204.html">首页</a> <a href="#">上一页</a>
<a href="./t20240126_881204_1.html">下一页</a> <a href="./t20240126_881204_1.html">尾页</a></div>
</div>
<div class="footer">主办：白沙河区人民政府办公室　网站标识码：3701990012</div>
</body></html>
"""

_PORTAL_P2 = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>白沙河区水务局2023年政府信息公开工作年度报告</title></head>
<body><div class="top"><a href="/">网站首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="article">
<div class="content">
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p>　　本年度未发生因政府信息公开引起的行政复议、行政诉讼。</p>
<p>五、存在的主要问题及改进情况</p>
<p>　　一是部分栏目更新不及时。下一步，我局将明确专人按周检查栏目内容。</p>
<p>六、其他需要报告的事项</p>
<p>　　本年度未收取信息处理费。</p>
<p style="text-align:right">白沙河区水务局<br>2024年1月26日</p>
</div>
<div class="pages">共2页 第2页 <a href="./t20240126_881204.html">首页</a>
<a href="./t20240126_881204.html">上一页</a> 下一页 尾页</div>
</div>
</body></html>
"""

# An older table-layout site, GB2312, the pager in a row of its own: page 2 of 3.
_TABLE_LAYOUT_P2 = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>青石镇人民政府2022年度政府信息公开工作年度报告</title></head><body>
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td height="30" class="lm">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; 年报</td></tr>
<tr><td class="zw" valign="top">
<p>三、收到和处理政府信息公开申请情况</p>
<p>　　2022年本镇共受理依申请公开2件，其中当面申请1件、信函申请1件，已全部办结，无逾期答复情况。</p>
<p>　　申请内容主要涉及征地补偿标准和农村危房改造补助名单。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p>　　2022年度本镇未发生因政府信息公开申请引起的行政复议和行政诉讼。</p>
</td></tr>
<tr><td align="center" height="40">[首页] [上一页] 第2/3页 [下一页] [尾页]</td></tr>
<tr><td align="center" class="bq">版权所有：青石镇人民政府　备案号：湘ICP备05008812号</td></tr>
</table></body></html>
"""

# A TRS CMS page saved "HTML only": its pager is written by script (page index from 0).
_TRS_P2 = """<html><head><meta charset="utf-8"><title>临江市统计局2023年政府信息公开工作年度报告</title>
</head><body><div class="TRS_Editor">
<p>五、存在的主要问题及改进情况</p>
<p>（一）存在问题：统计数据解读材料形式较单一。</p>
<p>（二）改进措施：2024年增加图表解读和视频解读。</p>
<p>六、其他需要报告的事项</p>
<p>本机关2023年度未收取信息处理费。</p>
</div>
<div id="page_div"></div>
<script type="text/javascript">
var currentPage = 1; var countPage = 2;
createPageHTML(2, 1, "t20240119_3308712", "html");
</script>
</body></html>
"""

# One page, whose sentences mention pages (an annex's page, a count of pages).
_ONE_PAGE = """<html><head><meta charset="utf-8"></head><body><div class="main">
<h2>柳溪县审计局2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p>
<p>　　本局年度审计报告共2页，第1页为审计结果公告目录，已在网站公开。</p>
<p>二、主动公开政府信息情况</p>
<p>　　主动公开审计结果公告12条。</p>
<div class="pg">第1页 共1页</div>
</div></body></html>
"""


def _write(tmp_path: Path, name: str, markup: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(markup.encode(encoding))
    return path


def _paged(report) -> list[str]:
    return [p.message for p in report.errors if p.code == "paged_article"]


@pytest.mark.parametrize(("name", "markup", "encoding", "page"), [
    ("t20240126_881204.html", _PORTAL_P1, "utf-8", (1, 2)),
    ("t20240126_881204_1.html", _PORTAL_P2, "utf-8", (2, 2)),
    ("content_2.htm", _TABLE_LAYOUT_P2, "gb2312", (2, 3)),
    ("t20240119_3308712_1.html", _TRS_P2, "utf-8", (2, 2)),
])
def test_a_page_of_a_paginated_article_says_which(tmp_path, name, markup, encoding, page):
    path = _write(tmp_path, name, markup, encoding)
    assert read_document(path).article_page == page
    report = load_report(path)
    (message,) = _paged(report)
    assert message.startswith(f"page {page[0]} of {page[1]} of a paginated article")
    assert "single-page view" in message
    # the pager itself is still chrome: no section's text holds it
    assert not any("下一页" in s.text or "共2页" in s.text for s in report.sections)


def test_a_page_saved_as_mhtml_says_which(tmp_path):
    import quopri

    body = quopri.encodestring(_PORTAL_P2.encode("utf-8")).decode("ascii")
    boundary = "----MultipartBoundary--Qx7mT2bVn0aLk3ZpR8cW1yHs4fJ9dE6gU5iO----"
    archive = f"""From: <Saved by Blink>
Snapshot-Content-Location: http://www.bshq.gov.cn/zwgk/ndbg/202401/t20240126_881204_1.html
Subject: =?utf-8?Q?2023=E5=B9=B4=E6=8A=A5?=
Date: Fri, 2 Feb 2024 09:14:55 +0800
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="{boundary}"


--{boundary}
Content-Type: text/html
Content-ID: <frame-6A1F0C3E2B@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: http://www.bshq.gov.cn/zwgk/ndbg/202401/t20240126_881204_1.html

{body}
--{boundary}--
"""
    path = tmp_path / "年报第2页.mhtml"
    path.write_bytes(archive.replace("\n", "\r\n").encode("ascii"))
    assert read_document(path).article_page == (2, 2)
    assert _paged(load_report(path))[0].startswith("page 2 of 2 of a paginated article")


def test_first_page_lacks_the_later_sections_and_says_why(tmp_path):
    report = load_report(_write(tmp_path, "t20240126_881204.html", _PORTAL_P1))
    missing = {p.message.split()[1] for p in report.errors if p.code == "missing_section"}
    assert missing == {"四", "五", "六"}
    assert report.errors[0].code == "paged_article"


@pytest.mark.parametrize("markup", [
    _ONE_PAGE,  # 共1页, and page numbers inside a sentence
    # two pagers that disagree say nothing
    _PORTAL_P1.replace('<div class="footer">', '<div class="pages">第2页 共3页</div><div class="footer">'),
    _PORTAL_P1.replace('<div class="pages">第1页 共2页', '<div class="pages">'),  # no count
    # a sidebar list's pager, counting its items, is not the article's
    _PORTAL_P1.replace('<div class="pages">第1页 共2页', '<div class="pages">').replace(
        '<div class="footer">', '<div class="side"><ul><li><a href="/a1.html">关于公布2023年度'
        '政府信息公开工作年度报告的通知</a></li><li><a href="/a2.html">区水务局2022年政府信息公开工作'
        '年度报告</a></li></ul><div class="pg">共12条 第1页 共3页 下一页 尾页</div></div>'
        '<div class="footer">'),
])
def test_no_page_said_no_notice(tmp_path, markup):
    path = _write(tmp_path, "report.html", markup)
    assert read_document(path).article_page is None
    assert _paged(load_report(path)) == []


def test_the_audit_says_it_as_a_notice_in_chinese(tmp_path):
    r1 = load_report(_write(tmp_path, "p1.html", _PORTAL_P1))
    whole = load_report(_write(tmp_path, "p1_plain.html", _PORTAL_P1.replace(
        '<div class="pages">第1页 共2页', '<div class="pages">')))
    db = tmp_path / "audit.sqlite"
    with Store(db) as s:
        for name, r in (("p1.html", r1), ("p1_plain.html", whole)):
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    a = audit(db)
    t = a.table.set_index("path")
    said = problem_zh("paged_article", _paged(r1)[0])
    assert said.startswith("本文为网站分页文章的第1页（共2页）")
    assert a.zh.loc["p1.html", NOTICES_ZH] == [said]
    assert said + "。" in t.loc["p1.html", "signals_zh"]
    assert "分页" not in t.loc["p1.html", "findings_zh"]
    # a notice: the same defects as the page without its pager
    assert t.loc["p1.html", "defects"] == t.loc["p1_plain.html", "defects"]
    assert "paged_article" in t.loc["p1.html", "parse_problems"]


# A whole report (一–六 and its signature) beside a sidebar of the column's other articles,
# that list paged under it without an item count: the pager is the list's, not the article's.
_WHOLE_WITH_PAGED_SIDEBAR = """<html><head><meta charset="utf-8">
<title>槐荫岭乡人民政府2023年政府信息公开工作年度报告</title></head><body>
<table width="1000"><tr><td width="720" valign="top">
<h2>槐荫岭乡人民政府2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p><p>2023年，我乡以村务公开栏和乡政府信息公开专栏为主，公开惠农补贴发放等事项。</p>
<p>二、主动公开政府信息情况</p><p>全年通过县政府网站乡镇专栏发布信息58条。</p>
<p>三、收到和处理政府信息公开申请情况</p><p>本年度未收到政府信息公开申请。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>本年度无因政府信息公开引起的行政复议、行政诉讼。</p>
<p>五、存在的主要问题及改进情况</p><p>专栏内容更新偏慢，下一步落实专人每周更新。</p>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
<p align="right">槐荫岭乡人民政府<br>2024年1月15日</p></td>
<td width="260" valign="top"><p>本栏目文章</p>
<p><a href="/a/1.html">槐荫岭乡2023年惠农补贴发放公示</a></p>
<p><a href="/a/2.html">槐荫岭乡2024年春耕备耕工作方案</a></p>
<div class="fy"><span>第1页 共4页</span> <span><a href="/a/list_2.html">下一页</a></span></div>
</td></tr></table></body></html>
"""


def test_a_whole_report_beside_a_paged_sidebar_list_is_no_paged_article(tmp_path):
    p = tmp_path / "槐荫岭乡.html"
    p.write_text(_WHOLE_WITH_PAGED_SIDEBAR, encoding="utf-8")
    r = load_report(p)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert "paged_article" not in [e.code for e in r.errors]
