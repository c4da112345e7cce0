"""A bare page number on its own line inside a TAB 表三 is passed over; a real value never is.

Text pasted from a PDF carries each page's foot: "— 9 —", "第 9 页 共 14 页" were passed over, a
bare "9" was not — read as an eighth value of the row above it, the whole 表三 unreadable. It is
passed over where it can only be a page number: the row's own grid line gave its seven values,
the "9" is the one line after it, and without it the row's 总计 is the sum of its six applicant
columns. A figure that belongs to the row (a wrapped total, "…\t57" / "4") is joined or stays
unreadable, never dropped; one cell a line, where every value is a line alone, is not touched.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_ROWS = [
    ("一、本年新收政府信息公开申请数量", "386 25 1 0 4 9 425"),
    ("二、上年结转政府信息公开申请数量", "12 0 0 0 0 1 13"),
    ("三、本年度办理结果\t（一）予以公开", "140 8 1 0 1 3 153"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "52 3 0 0 1 1 57"),
    ("（三）不予公开\t1.属于国家秘密", "1 0 0 0 0 0 1"),
    ("2.其他法律行政法规禁止公开", "2 0 0 0 0 0 2"),
    ("3.危及“三安全一稳定”", "0 0 0 0 0 0 0"),
    ("4.保护第三方合法权益", "9 1 0 0 0 0 10"),
    ("5.属于三类内部事务信息", "3 0 0 0 0 0 3"),
    ("6.属于四类过程性信息", "7 2 0 0 0 0 9"),
    ("7.属于行政执法案卷", "5 0 0 0 0 0 5"),
    ("8.属于行政查询事项", "4 0 0 0 0 0 4"),
    ("（四）无法提供\t1.本机关不掌握相关政府信息", "88 5 0 0 1 2 96"),
    ("2.没有现成信息需要另行制作", "10 1 0 0 0 0 11"),
    ("3.补正后申请内容仍不明确", "6 0 0 0 0 0 6"),
    ("（五）不予处理\t1.信访举报投诉类申请", "17 0 0 0 0 0 17"),
    ("2.重复申请", "8 1 0 0 0 0 9"),
    ("3.要求提供公开出版物", "1 0 0 0 0 0 1"),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("5.要求行政机关确认或重新出具已获取信息", "1 0 0 0 0 0 1"),
    ("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "11 1 0 0 0 1 13"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("3.其他", "3 0 0 0 0 0 3"),
    ("（七）总计", "366 22 1 0 3 7 399"),
    ("四、结转下年度继续办理", "32 3 0 0 1 3 39"),
]
_HEAD = ["\t申请人情况", "\t自然人\t法人或其他组织\t\t\t\t\t总计",
         "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]


def _tab(after: str, insert: list[str], rows=_ROWS) -> list[str]:
    out = list(_HEAD)
    for label, figures in rows:
        out.append("\t".join([label, *figures.split()]))
        if label.startswith(after):
            out += insert
    return out


def _report(table: list[str]) -> str:
    return "\n".join(["南屏市住房和城乡建设局2023年政府信息公开工作年度报告", "一、总体情况",
                      "一年来，我局认真贯彻《中华人民共和国政府信息公开条例》。",
                      "三、收到和处理政府信息公开申请情况", *table,
                      "四、政府信息公开行政复议、行政诉讼情况", "无。",
                      "五、存在的主要问题及改进情况", "（一）存在的主要问题", "一是公开意识有待增强。",
                      "（二）改进措施", "一是开展专题培训。", "南屏市住房和城乡建设局", "2024年1月18日"]) + "\n"


def _t3(lines: list[str]):
    return next(t for t in load_report(_report(lines)).tables if t.id == "table3")


def _row(t, rid):
    return list(t.values[t.rows.index(rid)])


@pytest.mark.parametrize("after, page", [("3.补正后", "9"), ("6.属于四类", "12"),
                                         ("2.重复申请", "107"), ("3.危及", "4")])
def test_bare_page_number_between_rows_passed_over(after, page):
    t = _t3(_tab(after, ["", page, ""]))
    assert t.status == "ok", t.problem
    assert _row(t, "3.4.3") == [6, 0, 0, 0, 0, 0, 6]
    assert _row(t, "3.3.6") == [7, 2, 0, 0, 0, 0, 9]
    assert _row(t, "3.3.3") == [0, 0, 0, 0, 0, 0, 0]
    assert _row(t, "4") == [32, 3, 0, 0, 1, 3, 39]


def test_wrapped_total_is_no_page_number():
    """"…\t6\t0\t0\t0\t0\t0\t1" / "6": the total 16 wrapped — joined, never read as 1."""
    rows = [(label, "10 1 0 0 0 0 1") if label.startswith("2.没有现成") else (label, f)
            for label, f in _ROWS]
    t = _t3(_tab("2.没有现成", ["1"], rows))
    assert _row(t, "3.4.2") == [10, 1, 0, 0, 0, 0, 11]


def test_figure_breaking_the_sum_stays_unread():
    rows = [(label, "10 1 0 0 0 0 12") if label.startswith("2.没有现成") else (label, f)
            for label, f in _ROWS]
    t = _t3(_tab("2.没有现成", ["9"], rows))
    assert t.status == "unreadable"
    assert all(v is None for v in _row(t, "3.4.2"))


def test_one_cell_a_line_lone_figure_not_dropped():
    out = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    for label, figures in _ROWS:
        out += label.split("\t") + figures.split()
        if label.startswith("3.补正后"):
            out.append("9")
    t = _t3(out)
    assert t.status == "unreadable"
    assert 9 not in _row(t, "3.4.3")[-1:]
