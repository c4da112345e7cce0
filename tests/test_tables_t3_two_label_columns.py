"""A pipe 表三 with two label columns: a one-label row's empty second label cell is no value.

Converters print 表三 as a pipe table with a part column and an item column: "| 三、本年度办理结果 |
（一）予以公开 | 702 | … |", while a row of one label leaves the item column empty ("| 一、本年新收…
数量 |  | 1,208 | … |"). That empty cell was read as the row's first value: 8 values where the
two-label rows have 7, and the whole 表三 unreadable. When rows printing two labels show the grid
(their line as wide, one value fewer), the empty cell is a label spacer and is passed over. A
blank value in a grid of one label column stays a blank value: never dropped.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

# (part, item, the seven figures) — item empty where the row has one label
_ROWS = [
    ("一、本年新收政府信息公开申请数量", "", "516 38 0 2 7 11 574"),
    ("二、上年结转政府信息公开申请数量", "", "19 1 0 0 0 0 20"),
    ("三、本年度办理结果", "（一）予以公开", "231 17 0 1 3 4 256"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", "64 5 0 0 1 2 72"),
    ("（三）不予公开", "1.属于国家秘密", "0 0 0 0 0 0 0"),
    ("2.其他法律行政法规禁止公开", "", "3 0 0 0 0 0 3"),
    ("3.危及“三安全一稳定”", "", "1 0 0 0 0 0 1"),
    ("4.保护第三方合法权益", "", "8 2 0 0 0 0 10"),
    ("5.属于三类内部事务信息", "", "2 0 0 0 0 0 2"),
    ("6.属于四类过程性信息", "", "11 1 0 0 0 0 12"),
    ("7.属于行政执法案卷", "", "4 0 0 0 0 1 5"),
    ("8.属于行政查询事项", "", "6 0 0 0 0 0 6"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "97 8 0 1 2 3 111"),
    ("2.没有现成信息需要另行制作", "", "15 1 0 0 0 0 16"),
    ("3.补正后申请内容仍不明确", "", "7 0 0 0 0 0 7"),
    ("（五）不予处理", "1.信访举报投诉类申请", "22 1 0 0 0 0 23"),
    ("2.重复申请", "", "9 0 0 0 1 0 10"),
    ("3.要求提供公开出版物", "", "1 0 0 0 0 0 1"),
    ("4.无正当理由大量反复申请", "", "0 0 0 0 0 0 0"),
    ("5.要求行政机关确认或重新出具已获取信息", "", "2 0 0 0 0 0 2"),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "13 2 0 0 0 0 15"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "", "0 0 0 0 0 0 0"),
    ("3.其他", "", "5 0 0 0 0 1 6"),
    ("（七）总计", "", "480 37 0 1 7 11 536"),
    ("四、结转下年度继续办理", "", "55 2 0 1 0 0 58"),
]
_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _pipe(remarks: dict[str, str] | None = None) -> list[str]:
    head = ["申请人情况", "", *_HEAD] + (["备注"] if remarks is not None else [])
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for part, item, figures in _ROWS:
        tail = [remarks.get(part, "")] if remarks is not None else []
        out.append("| " + " | ".join([part, item, *figures.split(), *tail]) + " |")
    return out


def _report(table: list[str]) -> str:
    return "\n".join(["东陵省自然资源厅2023年政府信息公开工作年度报告", "一、总体情况",
                      "2023年，我厅新收政府信息公开申请574件，较上年有所增加。",
                      "三、收到和处理政府信息公开申请情况", *table,
                      "四、政府信息公开行政复议、行政诉讼情况", "本年度未发生相关行政复议、行政诉讼。",
                      "五、存在的主要问题及改进情况", "（一）存在的主要问题", "一是答复说理还不够充分。",
                      "（二）改进措施", "一是加强答复文书审核。", "六、其他需要报告的事项", "无。",
                      "东陵省自然资源厅", "2024年1月25日"]) + "\n"


def _want() -> list[list[float]]:
    return [[float(x) for x in figures.split()] for _, _, figures in _ROWS]


def _t3(text: str):
    return next(t for t in load_report(text).tables if t.id == "table3")


@pytest.mark.parametrize("remarks", [None, {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
                                            "含合并办理5件", "四、结转下年度继续办理": "已于2024年1月办结"}])
def test_pipe_two_label_columns_read(remarks):
    t = _t3(_report(_pipe(remarks)))
    assert t.status == "ok", t.problem
    got = {rid: list(v) for rid, v in zip(t.rows, t.values, strict=True)}
    assert got["1"] == [516, 38, 0, 2, 7, 11, 574]
    assert got["3.1"] == [231, 17, 0, 1, 3, 4, 256]
    assert got["3.3.2"] == [3, 0, 0, 0, 0, 0, 3]
    assert got["4"] == [55, 2, 0, 1, 0, 0, 58]
    assert sorted(map(tuple, got.values())) == sorted(map(tuple, _want()))
    if remarks:
        assert "备注" in t.problem and "含合并办理5件" in t.problem


def test_blank_first_value_in_one_label_grid_not_dropped():
    """A TAB grid of one label column: "一、…\t\t38\t…" is a blank 自然人, never a spacer."""
    lines = ["\t".join(["申请人情况", *_HEAD])]
    for part, item, figures in _ROWS:
        vals = figures.split()
        if part.startswith("一、"):
            vals[0] = ""
        lines.append("\t".join([x for x in (part, item) if x] + vals))
    t = _t3(_report(lines))
    row = list(t.values[t.rows.index("1")])
    assert row[0] is None
    assert row[1:] == [38, 0, 2, 7, 11, 574]
