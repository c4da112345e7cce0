"""The date rules of the page head and of a 印发 notice stay linear on hostile text (issue 5:
``load_report`` returns a Report or raises the package's error, in bounded time).

Twice the input must cost about twice the CPU time, not four times: a ratio holds on a
loaded machine where a fixed bound does not.
"""

from __future__ import annotations

import time

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta

_PARTS = ("一、总体情况\n全年主动公开信息326条。\n二、主动公开政府信息情况\n见下表。\n"
          "三、收到和处理政府信息公开申请情况\n本年新收申请9件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
          "五、存在的主要问题及改进情况\n栏目更新不及时。\n六、其他需要报告的事项\n无。\n")


def _cpu(fn, *args) -> float:
    t = time.process_time()
    fn(*args)
    return time.process_time() - t


def _twice_costs_about_twice(cost) -> None:
    half, full = cost(1), cost(2)
    assert full < 3 * half + 0.2 and full < 10, (half, full)


def test_a_line_of_thousands_of_bare_times_above_the_title_is_read_in_linear_time():
    # each bare 时间 searched its whole line for the chrome beside it (来源, 字号 …): a line of
    # 8,000 of them (110 KB) took 4.8 s in load_report, 4 times the half
    def cost(k: int) -> float:
        head = "时间：2024-01-09 " * 4_000 * k
        return _cpu(load_report, f"{head}\n溪口县民政局2023年政府信息公开工作年度报告\n{_PARTS}")

    _twice_costs_about_twice(cost)


def test_the_bare_time_is_still_read_only_beside_the_chrome():
    chrome = "来源：溪口县民政局　时间：2024-01-09　字号：大 中 小\n"
    event = "时间：2023-04-18，地点：县政务服务中心\n"
    for head, published in [(chrome, "2024-01-09"), (event, None), (event + chrome, "2024-01-09"),
                            ("时间：2023-04-18 " * 50 + "\n" + chrome, "2024-01-09")]:
        report = load_report(f"{head}溪口县民政局2023年政府信息公开工作年度报告\n{_PARTS}")
        assert report.metadata.published == published, head[:40]


_NOTICE = "关于印发《石门县2023年政府信息公开工作年度报告》的通知"


def test_a_long_line_above_a_notice_date_is_judged_in_linear_time():
    # the line above a date under a 印发 notice is asked whether it is the report's title; a
    # year then anything then 年度报告 at the line's end was tried from every year of it: a
    # line of 16,000 years (96 KB) took 1.9 s, 4 times the half
    def cost(k: int) -> float:
        between = "各乡镇人民政府：\n" + "2023年" * 8_000 * k + "\n2024年1月26日\n"
        return _cpu(meta.notice_date, _NOTICE, between, 2023)

    _twice_costs_about_twice(cost)


def test_a_notice_is_still_dated_under_its_issuer_not_under_the_report_title():
    issuer = "各乡镇人民政府：\n现将报告印发给你们。\n石门县人民政府办公室\n2024年1月26日\n"
    own_title = "石门县2023年政府信息公开工作年度报告\n2024年1月20日\n"
    assert meta.notice_date(_NOTICE, issuer, 2023) == "2024-01-26"
    assert meta.notice_date(_NOTICE, issuer + own_title, 2023) == "2024-01-26"
    assert meta.notice_date(_NOTICE, "现将报告印发给你们。\n" + "2023年" * 100 + "\n2024年1月26日\n",
                            2023) is None
