"""A CMS's publication stamp with no key under the title is the page's date.

Some portals print the article's date with no 发布时间 before it: an ISO date in square
brackets ("[ 2024-03-11 ]") or an ISO date with its time of day ("2025-01-09 09:41　办公室").
Neither is a report's own way of dating (2024年3月8日, （2024年3月8日）); the signature's date was
taken instead, days before the page went up.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

PAGE = """柳塘区人民政府
首页 > 政府信息公开 > 政府信息公开年报 > 2023年
柳塘区仁和街道办事处2023年政府信息公开工作年度报告
{stamp}
字号：T | T
一、总体情况
2023年，街道依托公开栏和社区微信群公开民生保障、城市管理等信息318条，未收到政府信息公开申请。
六、其他需要报告的事项
本年度未收取信息处理费。
柳塘区仁和街道办事处
二〇二四年三月八日
"""


@pytest.mark.parametrize("stamp", ["[ 2024-03-11 ]", "【2024-03-11】", "2024-03-11 09:41　街道办",
                                   "2024-03-11 09:41:07"])
def test_a_stamp_under_the_title_is_the_page_date(stamp):
    md = load_report(PAGE.format(stamp=stamp)).metadata
    assert (md.published, md.published_from) == ("2024-03-11", "page")


@pytest.mark.parametrize("line", ["2024-03-11", "（2024年3月11日）", "[ 2024-03-11 ] 阅读 12"])
def test_a_date_line_without_the_stamp_marks_is_not_the_page_date(line):
    # a bare ISO date, the report's own bracketed date, a bracket with more after it
    md = load_report(PAGE.format(stamp=line)).metadata
    assert md.published_from != "page"


def test_a_clock_above_the_title_is_not_the_page_date():
    # the site's top bar shows the time the page was saved
    text = "2024-05-20 10:23:11 星期一\n" + PAGE.format(stamp="")
    md = load_report(text).metadata
    assert (md.published, md.published_from) == ("2024-03-08", "signature")


@pytest.mark.parametrize("period", ["2023-01-01 00:00 至 2023-12-31 24:00",
                                    "2023-01-01 00:00 ~ 2023-12-31 23:59（统计期间）"])
def test_a_data_period_in_iso_dates_under_the_title_is_no_page_date(period):
    # a span of two dates is the period reported on, not the day the page went up
    md = load_report(PAGE.format(stamp=period)).metadata
    assert (md.published, md.published_from) == ("2024-03-08", "signature")
