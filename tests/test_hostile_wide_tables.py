"""A saved page's table of a thousand columns is read in time linear in its cells (issue 5:
``load_report`` returns a Report or raises the package's error, never hangs).

Twice the columns must cost about twice the CPU time, not four times: a ratio holds on a
loaded machine where a fixed bound does not.
"""

from __future__ import annotations

import time

from nlp_reports import Report, load_report
from nlp_reports.ingest.html import _join_row_number

_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>青石县自然资源局2023年政府信息公开工作年度报告</title></head><body>
<div class="article"><h1>青石县自然资源局2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>全年主动公开信息214条。</p>
<p>二、主动公开政府信息情况</p><p>见下表。</p>
<p>三、收到和处理政府信息公开申请情况</p>{table}
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p>
<p>五、存在的主要问题及改进情况</p><p>栏目更新不够及时。</p>
<p>六、其他需要报告的事项</p><p>无。</p></div></body></html>"""


def _cpu_load(page: str) -> float:
    t = time.process_time()
    assert isinstance(load_report(page.encode(), filename="wide.html"), Report)
    return time.process_time() - t


def test_a_table_of_row_numbers_and_labels_a_thousand_columns_wide_is_linear():
    # each cell holding a row number ("（三）") asked every cell before it and after it whether
    # it was a figure: a row of 2,000 such columns took 0.4 s, ten rows over 4 s
    def cost(columns: int) -> float:
        row = "<tr>" + "<td>（三）</td><td>不予公开</td>" * (columns // 2) + "</tr>"
        return _cpu_load(_PAGE.format(table="<table>" + row * 10 + "</table>"))

    half, full = cost(1_000), cost(2_000)
    assert full < 3 * half + 0.2 and full < 10, (half, full)


def test_a_wide_row_still_joins_its_number_to_its_label_only_before_its_figures():
    wide = ["（三）", "不予公开", *["—"] * 996, "（四）", "无法提供", "0", "2"]
    assert _join_row_number(list(wide))[:2] == ["（三）不予公开"] * 2
    # a number after the first figure is no row number of this row
    late = ["合计", "3", *["（三）", "不予公开"] * 500, "4"]
    assert _join_row_number(list(late)) == late
    # no figure after the label: a 序号 column, left alone
    plain = ["（三）", "不予公开"] * 500
    assert _join_row_number(list(plain)) == plain
