"""A TAB 表三 row empty at both ends is not read one column off.

"3.要求提供公开出版物\t\t1\t0\t0\t0\t0\t1\t": a blank 自然人 cell, then the figures, then the
trailing tab a converter leaves on every line (or a hand edit on that line alone). The empty cell before the values was taken for
a label's spacer and dropped: 自然人 read 1 (printed blank), 其他 1 (printed 0), 总计 None
(printed 1), the table marked ok — figures in the wrong columns that no identity can catch,
as the total is missing. Which empty cell is the spacer is not known from the row alone: the
row is left unplaced and the table reported, never read shifted.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_ROWS = [
    ("一、本年新收政府信息公开申请数量", "61\t2\t0\t0\t0\t1\t64"),
    ("二、上年结转政府信息公开申请数量", "3\t0\t0\t0\t0\t0\t3"),
    ("三、本年度办理结果\t（一）予以公开", "30\t1\t0\t0\t0\t0\t31"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "5\t0\t0\t0\t0\t0\t5"),
    ("（三）不予公开\t1.属于国家秘密", "0\t0\t0\t0\t0\t0\t0"),
    ("2.其他法律行政法规禁止公开", "0\t0\t0\t0\t0\t0\t0"),
    ("3.危及“三安全一稳定”", "0\t0\t0\t0\t0\t0\t0"),
    ("4.保护第三方合法权益", "1\t0\t0\t0\t0\t0\t1"),
    ("5.属于三类内部事务信息", "0\t0\t0\t0\t0\t0\t0"),
    ("6.属于四类过程性信息", "2\t0\t0\t0\t0\t0\t2"),
    ("7.属于行政执法案卷", "0\t0\t0\t0\t0\t0\t0"),
    ("8.属于行政查询事项", "0\t0\t0\t0\t0\t0\t0"),
    ("（四）无法提供\t1.本机关不掌握相关政府信息", "12\t0\t0\t0\t0\t0\t12"),
    ("2.没有现成信息需要另行制作", "1\t0\t0\t0\t0\t0\t1"),
    ("3.补正后申请内容仍不明确", "0\t0\t0\t0\t0\t0\t0"),
    ("（五）不予处理\t1.信访举报投诉类申请", "2\t0\t0\t0\t0\t0\t2"),
    ("2.重复申请", "1\t0\t0\t0\t0\t0\t1"),
    ("3.要求提供公开出版物", "\t1\t0\t0\t0\t0\t1"),  # 自然人 left blank
    ("4.无正当理由大量反复申请", "0\t0\t0\t0\t0\t0\t0"),
    ("5.要求行政机关确认或重新出具已获取信息", "0\t0\t0\t0\t0\t0\t0"),
    ("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "3\t0\t0\t0\t0\t0\t3"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "0\t0\t0\t0\t0\t0\t0"),
    ("3.其他", "0\t0\t0\t0\t0\t0\t0"),
    ("（七）总计", "54\t2\t0\t0\t0\t0\t56"),
    ("四、结转下年度继续办理", "10\t0\t0\t0\t0\t1\t11"),
]


def _report(trailing_tab: bool, only_that_row: bool = False) -> bytes:
    end = "\t" if trailing_tab else ""
    rows = "\n".join(f"{label}\t{values}"
                     f"{end if not only_that_row or label.startswith('3.要求') else ''}"
                     for label, values in _ROWS)
    return ("柳溪县民政局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局主动公开信息120条。\n"
            "三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
            "\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
            f"{rows}\n五、存在的主要问题及改进情况\n一是信息更新不及时。\n").encode()


@pytest.mark.parametrize("only_that_row", [False, True])
def test_a_row_blank_at_both_ends_is_not_read_shifted(only_that_row):
    # (the trailing tab on every line, or on that line only, as a cell edited by hand)
    table = next(t for t in load_report(_report(True, only_that_row), filename="r.txt").tables
                 if t.id.startswith("table3"))
    assert "3.5.3" in table.rows
    row = dict(zip(table.rows, table.values, strict=True))["3.5.3"]
    # never the shifted reading (1, 0, 0, 0, 0, 1, None)
    assert row != (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, None)
    assert table.status != "ok" or row == (None, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)


def test_the_same_row_without_the_trailing_tab_reads():
    table = next(t for t in load_report(_report(False), filename="r.txt").tables
                 if t.id.startswith("table3"))
    assert table.status == "ok"
    assert dict(zip(table.rows, table.values, strict=True))["3.5.3"] == (
        None, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)
