"""A portal's bare "时间：" in the line under the title dates the page, as "日期：" does.

Many county and bureau sites print one line of chrome under the title — "来源：某县　时间：
2024-01-09　字号：大 中 小" — and no "发布时间". ``published`` was then the signature's date,
or None when the report was signed without one (13 of 33 such heads in an outside check).
The bare key is read at the rank of the other bare key, "日期：": only when the page has no
发布时间/发布日期; never a key with a word before it (统计时间, 打印时间, 更新时间), nor a span
("时间：2023年1月1日至12月31日").
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta

BODY = """
一、总体情况
2023年，我局依法做好政府信息公开工作，全年主动公开信息212条，受理申请6件。
"""


def _report(head: str, tail: str = "") -> str:
    return "柳岸县农业农村局2023年政府信息公开工作年度报告\n" + head + "\n" + BODY + tail


@pytest.mark.parametrize("head, tail, published, source", [
    # the portal's line, no date under the signature
    ("来源：柳岸县　时间：2024-01-09　字号：大 中 小", "\n柳岸县农业农村局\n", "2024-01-09", "page"),
    # the page's date is taken over the signature's (as a 发布时间 is)
    ("来源：柳岸县农业农村局 时间：2024/01/22 浏览次数：310", "\n柳岸县农业农村局\n2024年1月19日\n",
     "2024-01-22", "page"),
    ("时间：2024年1月22日　　来源：本站", "\n柳岸县农业农村局\n", "2024-01-22", "page"),
    # a 发布时间 on the page comes first
    ("时间：2024-01-05　发布时间：2024-01-22", "\n柳岸县农业农村局\n", "2024-01-22", "page"),
    # a span is no date, nor a key with a word before it
    ("统计时间：2024-01-05", "\n柳岸县农业农村局\n2024年1月19日\n", "2024-01-19", "signature"),
    ("打印时间：2025-04-02", "\n柳岸县农业农村局\n", None, None),
    ("时间：2023年1月1日至2023年12月31日", "\n柳岸县农业农村局\n", None, None),
    ("时间：2023-01-01—2023-12-31", "\n柳岸县农业农村局\n", None, None),
])
def test_time_key(head, tail, published, source):
    md = load_report(_report(head, tail)).metadata
    assert (md.published, md.published_from) == (published, source)


def test_published_date_reads_it():
    assert meta.published_date("来源：云岭市　时间：2023-02-10　字号：大 中 小\n", None) == "2023-02-10"


def test_a_time_in_the_text_is_no_page_date():
    # a report with no title line: its first lines are the page head, and an event's
    # 时间 in them is no date of the page (the report was signed with no date)
    text = ("一、总体情况\n4月，我局在城南广场开展政务公开日宣传。\n时间：2023年4月18日，地点：城南广场。\n"
            "二、主动公开政府信息情况\n本年新制发规范性文件2件。\n\n柳岸县农业农村局\n")
    md = load_report(text).metadata
    assert (md.published, md.published_from) == (None, None)


def test_a_news_box_above_the_title_is_no_page_date():
    # a box of the site's news above the title, one item with its 时间: not this page's date
    text = ("柳岸县人民政府网\n最新动态\n柳岸县召开春季农业生产调度会　时间：2023-03-02\n"
            + _report("来源：柳岸县　字号：大 中 小", "\n柳岸县农业农村局\n2024年1月19日\n"))
    md = load_report(text).metadata
    assert (md.published, md.published_from) == ("2024-01-19", "signature")
