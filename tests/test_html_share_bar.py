"""A page's share bar ("【我要纠错】【分享到微信】", "分享到：微信 微博 QQ空间") is chrome, as its
print and close buttons are. Left in, it ran on into section 六 under the signature, so the
same report saved from two of a site's columns (one page with the bar, one without) gave two
fingerprints: both stored, the report counted twice in every table."""

from __future__ import annotations

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.ingest.html import read_html

BODY = """<h1>霁原县人民政府2024年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2024年，霁原县全年主动公开政府信息1320条，收到政府信息公开申请6件。</p>
<p>二、主动公开政府信息情况</p><p>见统计表。</p>
<p>三、收到和处理政府信息公开申请情况</p><p>全年收到申请6件，均按期答复。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>未发生行政复议、行政诉讼。</p>
<p>五、存在的主要问题及改进情况</p><p>（一）存在的主要问题。政务新媒体更新不够及时。</p>
<p>（二）改进措施。明确专人维护政务新媒体，每周更新。</p>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
<p style="text-align:right">霁原县人民政府<br>2025年1月20日</p>"""


def page(bar: str) -> str:
    return (f'<html><head><meta charset="utf-8"><title>年度报告</title></head><body>'
            f'<div class="art">{BODY}{bar}</div><div class="foot">版权所有：霁原县人民政府</div>'
            "</body></html>")


BARS = ["<div>【我要纠错】【分享到微信】</div>",
        "<div>分享到：微信 微博 QQ空间</div>",
        "<p>【打印本页】 【关闭窗口】 【分享】</p>"]


def test_a_share_bar_is_dropped_with_the_page_chrome():
    for bar in BARS:
        text = read_html(page(bar)).text
        assert "分享" not in text and "微博" not in text, bar
        assert "2025年1月20日" in text


def test_the_same_report_saved_with_and_without_a_share_bar_is_stored_once(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "art_1_2024.html").write_text(page(""), encoding="utf-8")
    (folder / "霁原县人民政府2024年政府信息公开工作年度报告.html").write_text(page(BARS[0]), encoding="utf-8")
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert (result.ok, result.duplicates) == (1, 1)


def test_a_sentence_about_sharing_stays():
    """A sentence of the report naming 微信 and 微博 is text, not a bar."""
    line = "<p>通过政务微信、微博同步发布，分享到各乡镇工作群。</p>"
    text = read_html(page(line)).text
    assert "通过政务微信、微博同步发布" in text
