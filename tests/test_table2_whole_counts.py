"""表二's counts are whole numbers; only its amounts may have decimals.

表二 counts documents (本年制发件数, 现行有效件数), decisions (本年处理决定数量) and items (2019's
上一年项目数量, 采购项目数量); only 本年收费金额 (万元) and 2019's 采购总金额 are amounts. A count
printed "1.234" (1,234 with its comma read as a point, a European thousands point, an OCR
slip) or "3．5" was read as 1.234 or 3.5 decisions: a wrong number where none should be. 表三
and 表四 already refused a fractional count; 表二 now does in its count columns, naming the cell.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_T2_2021 = """第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t2\t0\t{in_force}
行政规范性文件\t11\t3\t214
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t{licensing}
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t{punishment}
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t{fee}"""

_T2_2019 = """第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t4
规范性文件\t3\t3\t57
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t86\t2\t1,305
其他对外管理服务事项\t12\t0\t96
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t143\t-3\t77
行政强制\t9\t0\t4
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t5\t0
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t{items}\t{amount}"""


def _report(year: int, table: str) -> str:
    return (f"江汀省交通运输厅{year}年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息1,862条。\n"
            f"二、主动公开政府信息情况\n{table}\n三、收到和处理政府信息公开申请情况\n全年收到申请41件。\n"
            "五、存在的主要问题及改进情况\n（一）存在的主要问题\n一是政策解读形式单一。\n"
            "（二）改进措施\n一是推出图解和短视频解读。\n六、其他需要报告的事项\n无。\n"
            f"江汀省交通运输厅\n{year + 1}年1月26日\n")


def _cell(report, tid, row, col):
    t = next(t for t in report.tables if t.id == tid)
    return t.values[t.rows.index(row)][t.columns.index(col)], t.status, t.problem or ""


@pytest.mark.parametrize("printed", ["1.234", "3．5", "0.5"])
def test_a_fractional_count_is_not_read(printed):
    r = load_report(_report(2023, _T2_2021.format(in_force=35, licensing="2,317",
                                                    punishment=printed, fee="96,171.6")))
    value, status, problem = _cell(r, "table2.6", "punishment", "decisions")
    assert value is None and status == "unreadable"
    assert "not a whole number" in problem and "punishment" in problem
    assert _cell(r, "table2.5", "licensing", "decisions")[:2] == (2317.0, "ok")
    assert _cell(r, "table2.8", "fees", "amount")[:2] == (96171.6, "ok")  # an amount keeps its decimals


def test_documents_in_force_are_whole():
    r = load_report(_report(2023, _T2_2021.format(in_force="35.5", licensing=12, punishment=7, fee=0)))
    assert _cell(r, "table2.1", "regulations", "in_force")[:2] == (None, "unreadable")
    assert _cell(r, "table2.6", "punishment", "decisions")[:2] == (7.0, "ok")


def test_a_whole_number_written_with_a_point_zero_is_read():
    r = load_report(_report(2023, _T2_2021.format(in_force=35, licensing="12.0", punishment=7, fee="41.50")))
    assert _cell(r, "table2.5", "licensing", "decisions")[:2] == (12.0, "ok")
    assert _cell(r, "table2.8", "fees", "amount")[:2] == (41.5, "ok")


def test_the_2019_procurement_amount_keeps_decimals_and_its_items_do_not():
    ok = load_report(_report(2020, _T2_2019.format(items=6, amount="123.45")))
    assert _cell(ok, "table2.9", "procurement", "amount")[:2] == (123.45, "ok")
    assert _cell(ok, "table2.9", "procurement", "items")[:2] == (6.0, "ok")
    assert _cell(ok, "table2.6", "punishment", "change")[:2] == (-3.0, "ok")  # 本年增/减 may fall
    bad = load_report(_report(2020, _T2_2019.format(items="6.5", amount="123.45")))
    assert _cell(bad, "table2.9", "procurement", "items")[:2] == (None, "unreadable")
