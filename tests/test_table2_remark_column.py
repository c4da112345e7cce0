"""A 表二 sub-table with a 备注 column: a one-value row's remark is set aside, its figure read.

A ministry's Markdown (or TAB) 表二 adds a 备注 column: "| 行政许可 | 9,652 | 含告知承诺制办理 |".
Each row of a one-column sub-table then reads figure, text. The figure right before the text
was taken for a row number in its own column (表三's "1⏎属于国家秘密"), so the whole row was
labels, no value: 第二十条第（五）项 unreadable where the TAB three-column sub-table set the
column aside with a note. A figure no row numbering has is the row's value; the header naming
备注 sets the remark aside. A small figure ("12") before a remark stays unread: a row number or
a value is not told apart, and no number is ever guessed.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report


def _report(table2: str) -> str:
    return ("临江省市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n"
            "本局全年主动公开各类信息2,316条，依申请公开工作平稳有序。\n"
            f"二、主动公开政府信息情况\n{table2}\n三、收到和处理政府信息公开申请情况\n"
            "全年共收到申请58件。\n五、存在的主要问题及改进情况\n（一）存在的主要问题\n"
            "一是部分栏目更新不够及时。\n（二）改进措施\n一是建立栏目更新提醒机制。\n"
            "六、其他需要报告的事项\n无。\n临江省市场监督管理局\n2024年1月19日\n")


def _md(licensing: str, remark: str) -> str:
    return "\n".join([
        "第二十条第（一）项",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | 备注 |",
        "|:---|---:|---:|---:|:---|",
        "| 规章 | 0 | 0 | 3 |  |",
        "| 行政规范性文件 | 14 | 6 | 127 | 含联合发文2件 |",
        "第二十条第（五）项",
        "| 信息内容 | 本年处理决定数量 | 备注 |",
        "|:---|---:|:---|",
        f"| 行政许可 | {licensing} | {remark} |",
        "第二十条第（六）项",
        "| 信息内容 | 本年处理决定数量 | 备注 |",
        "|:---|---:|:---|",
        "| 行政处罚 | 1,437 | 含简易程序 |",
        "| 行政强制 | 206 |  |",
        "第二十条第（八）项",
        "| 信息内容 | 本年收费金额（单位：万元） | 备注 |",
        "|:---|---:|:---|",
        "| 行政事业性收费 | 0 | 已全面停征 |",
    ])


def _table(report, tid):
    return next(t for t in report.tables if t.id == tid)


@pytest.mark.parametrize("licensing, value", [("9,652", 9652.0), ("310", 310.0),
                                              ("12，480", 12480.0)])
def test_markdown_remark_column_set_aside(licensing, value):
    r = load_report(_report(_md(licensing, "含告知承诺制办理")))
    t = _table(r, "table2.5")
    assert t.status == "ok", t.problem
    assert t.values[0][0] == value
    assert "备注" in (t.problem or "") and "含告知承诺制办理" in t.problem
    punish = _table(r, "table2.6")
    assert punish.status == "ok", punish.problem
    assert [row[0] for row in punish.values] == [1437.0, 206.0]
    assert _table(r, "table2.8").values[0][0] == 0.0


def test_tab_one_value_row_with_remark():
    tab = _md("2,048", "其中即办件1,020件").replace(" | ", "\t").replace("| ", "").replace(" |", "")
    tab = "\n".join(ln for ln in tab.splitlines() if not ln.startswith("|:"))
    t = _table(load_report(_report(tab)), "table2.5")
    assert t.status == "ok", t.problem
    assert t.values[0][0] == 2048.0


def test_small_figure_before_remark_is_not_guessed():
    t = _table(load_report(_report(_md("12", "含告知承诺制办理"))), "table2.5")
    assert t.status == "unreadable"
    assert t.values[0][0] is None


def test_row_number_before_label_still_a_label():
    from nlp_reports.parse.tables import _cut_line

    line = _cut_line("三、本年度办理结果\t（三）不予公开\t1\t属于国家秘密")
    assert line is not None and not line.cells
    assert line.labels[-1] == "属于国家秘密"
