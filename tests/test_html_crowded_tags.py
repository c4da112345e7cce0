"""A web page whose tag carries tens of thousands of attributes (a broken page builder, a
hostile page) is read in bounded time: libxml2 compares each attribute of a tag with all
those before it, in C where ``tag --timeout`` cannot stop it (one <p> with 40,000 attributes
took 18 s; 300,000 held a batch for many minutes). The tag keeps its first attributes.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import time

from nlp_reports.ingest.html import _MAX_ATTRIBUTES, few_attributes, html_to_text
from nlp_reports.parse.load import load_report

_PAGE = """<html><head><meta charset="utf-8"><title>青禾镇人民政府2023年政府信息公开工作年度报告</title></head>
<body><div {attrs}>
<h2>青禾镇人民政府2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p>
<p>本年度我镇围绕群众关心的惠农补贴、村级财务等事项，在镇政府网站专栏集中发布信息。</p>
<p>五、存在的主要问题及改进情况</p>
<p>一是公开内容更新不够及时；二是下一步将明确专人负责栏目维护。</p>
</div></body></html>
"""


def _crowded(n: int) -> str:
    return " ".join(f'data-k{i}="v {i}"' for i in range(n))


def test_a_tag_with_sixty_thousand_attributes_is_read_within_a_cpu_budget(tmp_path):
    page = tmp_path / "青禾镇2023年报.html"
    page.write_text(_PAGE.format(attrs=_crowded(60_000)), encoding="utf-8")
    start = time.process_time()
    report = load_report(page)
    spent = time.process_time() - start
    assert spent < 10, f"{spent:.1f} s of CPU for one page (it was about 40 s)"
    assert report.metadata.year == 2023
    assert "惠农补贴" in report.text
    assert any("专人负责" in s.text for s in report.statements)


def test_the_tag_keeps_its_first_attributes_and_a_long_data_uri_is_untouched():
    cut = few_attributes(f'<p id="top" {_crowded(5_000)}>正文</p>')
    kept = cut[:cut.index(">") + 1]
    assert kept.startswith('<p id="top" data-k0="v 0"')
    assert kept.count("=") == _MAX_ATTRIBUTES
    assert cut.endswith(">正文</p>")
    image = '<img alt="表二" src="data:image/png;base64,' + "QUJD" * 5_000 + '">'
    assert few_attributes(image) == image
    assert html_to_text(f"<p {_crowded(3)}>一、总体情况</p>") == "一、总体情况"


def test_a_markdown_copy_with_a_crowded_table_tag_still_gives_its_table(tmp_path):
    md = tmp_path / "港西区卫健局2022年报告.md"
    md.write_text(
        "# 港西区卫生健康局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n"
        "本局全年主动公开各类信息三百余条。\n\n"
        f"<table {_crowded(40_000)}><tr><td>行政许可</td><td>12</td></tr></table>\n",
        encoding="utf-8")
    start = time.process_time()
    report = load_report(md)
    assert time.process_time() - start < 10
    assert "行政许可\t12" in report.text or "行政许可 12" in report.text
