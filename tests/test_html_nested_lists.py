"""A page of lists nested a thousand levels deep (a CMS that never closed its <li>, a bad
export) reads as it would flat: every level's bullet, the text at the bottom, the page's
published line. Each item's opening characters and each short element's text are read once,
not walked again for every item above (that was quadratic: ~1 s for 1,000 levels).
"""

from __future__ import annotations

import pytest

from nlp_reports.ingest.html import html_to_text

_PAGE = ("<html><head><title>{title}</title></head><body><p>{title}</p>"
         "<p>发布时间：2023-01-18 来源：{source}</p>"
         "<div id=content><p>一、总体情况</p><p>全年主动公开政府信息{n}条。</p>{lists}</div>"
         "</body></html>")


@pytest.mark.parametrize("depth, item, tag, marker", [
    (1000, "存在的问题是信息更新不够及时", "ul", "•"),
    (600, "（一）政策解读形式单一", "ul", ""),
    (800, "加强业务培训", "ol", "1."),
], ids=["ul-1000", "own-marker-600", "ol-800"])
def test_deeply_nested_list_reads_every_level(depth, item, tag, marker):
    lists = f"<{tag}><li>" * depth + item + f"</li></{tag}>" * depth
    text = html_to_text(_PAGE.format(title="青川县2022年政府信息公开工作年度报告",
                                     source="青川县人民政府办公室", n=231, lists=lists))
    lines = text.split("\n")
    assert "全年主动公开政府信息231条。" in lines
    assert lines[-1] == f"{marker}{item}"
    if marker:  # the levels above, each its own bullet and nothing else
        assert lines.count(marker) == depth - 1
    assert "发布时间：2023-01-18 来源：青川县人民政府办公室" in lines
