"""A 表三 with a 备注 column of text after the form's seven is read; its remarks are set aside.

Ministries print a 备注 (说明) column after 总计 ("含合并办理12件", "已于2024年1月办结"): in a
grid (TAB rows, a pipe table) the text was an eighth value in the rows holding a remark, so
the whole table was reported unreadable, 0 figures for the year's 表三. The remark is no figure
of the form: set aside and named in the table's ``problem``, the seven read. A remark that is a
figure alone stays unreadable (tests/test_tables_printed_column_order.py): which figure is the
remark is then not known.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_ROWS = [
    ("一、本年新收政府信息公开申请数量", "1,208 86 3 5 11 27 1,340", ""),
    ("二、上年结转政府信息公开申请数量", "41 2 0 0 0 1 44", ""),
    ("三、本年度办理结果\t（一）予以公开", "702 51 2 3 6 14 778", "含合并办理12件"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "143 9 0 0 2 4 158", ""),
    ("（三）不予公开\t1.属于国家秘密", "2 0 0 0 0 0 2", ""),
    ("2.其他法律行政法规禁止公开", "5 0 0 0 0 0 5", ""),
    ("3.危及“三安全一稳定”", "1 0 0 0 0 0 1", ""),
    ("4.保护第三方合法权益", "17 3 0 0 0 1 21", "涉及商业秘密"),
    ("5.属于三类内部事务信息", "9 0 0 0 0 0 9", ""),
    ("6.属于四类过程性信息", "22 2 0 0 0 0 24", ""),
    ("7.属于行政执法案卷", "6 1 0 0 0 0 7", ""),
    ("8.属于行政查询事项", "3 0 0 0 0 0 3", ""),
    ("（四）无法提供\t1.本机关不掌握相关政府信息", "188 11 1 1 2 5 208", ""),
    ("2.没有现成信息需要另行制作", "31 4 0 1 1 1 38", ""),
    ("3.补正后申请内容仍不明确", "12 0 0 0 0 0 12", ""),
    ("（五）不予处理\t1.信访举报投诉类申请", "27 0 0 0 0 0 27", ""),
    ("2.重复申请", "19 1 0 0 0 1 21", ""),
    ("3.要求提供公开出版物", "4 0 0 0 0 0 4", ""),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0", ""),
    ("5.要求行政机关确认或重新出具已获取信息", "3 0 0 0 0 0 3", ""),
    ("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "14 1 0 0 0 0 15", ""),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0", ""),
    ("3.其他", "6 0 0 0 0 0 6", ""),
    ("（七）总计", "1,229 83 3 5 11 26 1,357", ""),
    ("四、结转下年度继续办理", "20 5 0 0 0 2 27", "已于2024年1月办结"),
]


def _tab() -> list[str]:
    out = ["\t\t申请人情况", "\t\t自然人\t法人或其他组织\t\t\t\t\t总计\t备注",
           "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t"]
    return out + ["\t".join([label, *figures.split(), remark]) for label, figures, remark in _ROWS]


def _pipe() -> list[str]:
    """A converter's pipe table: three label columns (part, group, item), merged cells repeated."""
    out = ["| 申请人情况 | | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 | 说明 |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    group = ""
    for label, figures, remark in _ROWS:
        a, _, b = label.partition("\t")
        if a.startswith("三、"):
            a = b
        if b and not a.startswith("（一）"):
            group, a = a, b
        if a.startswith(("（二）", "（七）")):
            group = ""
        if a.startswith(("一、", "二、", "四、")):
            labels = [a, "", ""]
        elif a[0].isdigit():
            labels = ["三、本年度办理结果", group, a]
        else:
            labels = ["三、本年度办理结果", a, ""]
        out.append("| " + " | ".join([*labels, *figures.split(), remark]) + " |")
    return out


def _report(table: list[str]) -> str:
    return "\n".join(["工业和信息化部2023年政府信息公开工作年度报告", "一、总体情况", "全年新收政府信息公开申请1,340件。",
                      "三、收到和处理政府信息公开申请情况",
                      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *table,
                      "五、存在的主要问题及改进情况", "（一）存在的主要问题", "一是依申请公开答复文书格式尚不统一。",
                      "（二）改进措施", "一是制定答复文书示范文本。", "工业和信息化部", "2024年3月20日"]) + "\n"


@pytest.mark.parametrize("table, name", [(_tab, "备注"), (_pipe, "说明")])
def test_text_remarks_are_set_aside(table, name):
    t = load_report(_report(table())).table("table3")
    assert t.status == "ok", t.problem
    assert t.get("1", "natural_person") == 1208 and t.get("1", "total") == 1340
    assert t.get("3.1", "total") == 778 and t.get("3.3.4", "other") == 1
    assert t.get("4", "total") == 27 and t.get("3.7", "total") == 1357
    assert f"column '{name}'" in t.problem and "含合并办理12件" in t.problem
    assert "已于2024年1月办结" in t.problem


def test_a_remark_column_with_a_figure_alone_stays_unreadable():
    rows = [ln + ("\t3" if ln.startswith("2.重复申请") else "") for ln in _tab()]
    t = load_report(_report(rows)).table("table3")
    assert t.status == "unreadable"
