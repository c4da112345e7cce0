"""A saved redirect page (跳转页面) is refused as not a report and says where it leads; a
report page that carries a refresh or a mobile-site script is read as before."""

from __future__ import annotations

import time

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError, ParseError
from nlp_reports.reasons import error_meaning_zh

SCRIPT_REDIRECT = """<html><head><meta charset="utf-8"><title>页面跳转</title>
<script type="text/javascript">window.location.href="http://www.lq.gov.cn/art/2024/1/20/art_88_4512.html";</script>
</head><body><p>页面跳转中……如果没有自动跳转，请点击<a href="http://www.lq.gov.cn/art/2024/1/20/art_88_4512.html">这里</a></p>
</body></html>"""

REFRESH_REDIRECT = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<META HTTP-EQUIV="Refresh" CONTENT="0; URL=/col/col1229/art_2024_33.html"></head><body>正在跳转，请稍候</body></html>"""

REPLACE_REDIRECT = """<html><body><script>top.location.replace('/zwgk/ndbg/2023/index.html')</script>
<noscript>您的浏览器不支持脚本，请点击链接访问</noscript></body></html>"""

REPORT_WITH_SCRIPTS = """<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="600">
<title>桐溪县2023年政府信息公开工作年度报告</title>
<script>if (/Mobile/.test(navigator.userAgent)) { location.href = 'https://m.tx.gov.cn/a.html'; }</script>
</head><body><h1>桐溪县2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2023年，桐溪县全年主动公开政府信息1,206条，办理依申请公开41件。</p>
<p>五、存在的主要问题及改进情况</p><p>一是部分乡镇公开内容不够全面。二是将加强业务培训。</p></body></html>"""


@pytest.mark.parametrize(("page", "target"), [
    (SCRIPT_REDIRECT, "http://www.lq.gov.cn/art/2024/1/20/art_88_4512.html"),
    (REFRESH_REDIRECT, "/col/col1229/art_2024_33.html"),
    (REPLACE_REDIRECT, "/zwgk/ndbg/2023/index.html"),
])
def test_a_redirect_page_is_refused_naming_its_target(page, target):
    with pytest.raises(NotAReportError) as caught:
        load_report(page.encode("utf-8"), filename="index.html")
    assert "redirect page" in str(caught.value) and target in str(caught.value)
    assert "跳转页面" in error_meaning_zh(caught.value)


def test_a_report_page_with_a_refresh_and_a_mobile_script_is_read():
    report = load_report(REPORT_WITH_SCRIPTS.encode("utf-8"), filename="a.html")
    assert report.metadata.year == 2023
    assert any("不够全面" in s.text for s in report.statements)


def test_many_unclosed_meta_tags_are_linear():
    """The redirect pattern's pieces are bounded: a page of thousands of <meta tags that never
    say refresh costs time in proportion to its length."""
    def cost(n):
        page = "<html><head>" + '<meta http-equiv="x" content="0; url' * n + "</head><body>短</body></html>"
        start = time.perf_counter()
        with pytest.raises(ParseError):  # (not a report; which one is not the point)
            load_report(page.encode("utf-8"), filename="m.html")
        return time.perf_counter() - start
    small, large = cost(2_000), cost(8_000)
    assert large < 8 * small + 0.5


SHORT_OLDER_REPORT = """<html><head><title>柳溪村2012年政府信息公开工作年度报告</title>
<script>function goHome(){window.location.href='/index.html';}</script></head><body>
<div class="nav"><a href="javascript:goHome()">首页</a></div>
<h1>柳溪村2012年政府信息公开工作年度报告</h1>
<p>第一部分 概述</p><p>本村在村务公开栏公开信息26条。</p>
<p>第二部分 依申请公开情况</p><p>未收到申请。</p>
<p>第三部分 行政复议、行政诉讼情况</p><p>无。</p>
<p>第四部分 存在的问题及改进措施</p><p>公开不及时，将改进。</p>
<p>柳溪村民委员会</p><p>2013年3月1日</p>
</body></html>"""


def test_a_short_report_with_a_home_button_script_is_read():
    # under 100 characters of its own and no "一、" heading, but its parts are a report's: the
    # site's "返回首页" script (location.href in a function) sends nobody on
    report = load_report(SHORT_OLDER_REPORT.encode("utf-8"), filename="r.html")
    assert report.metadata.published == "2013-03-01"
    assert [s.number for s in report.sections] == [1, 3, 4, 5]
