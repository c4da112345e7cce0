"""A table whose header prints its columns in another order than the national form's, where
the reader cannot put the values in their places by it, is unreadable: read in the form's
order its figures were other columns' figures in a table marked ok. 表三 in a text copy with
总计 first or 科研机构 before 商业企业 (a PDF copy moves only 自然人/总计, which span the
header's two rows), 表二 (一) headed 现行有效件数 first, 表四 with 总计 before the results or
行政诉讼 before 行政复议; and a figure whose web-page cell spans two columns (colspan) beside
other values: whose column it is is not said. The form's order, a grid header the reader
follows, a 0 over two columns and a header spanning the same columns still read."""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_T3 = [
    ("一、本年新收政府信息公开申请数量", [14, 2, 1, 0, 3, 0, 20]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果", None),
    ("（一）予以公开", [8, 1, 1, 0, 2, 0, 12]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [2, 1, 0, 0, 1, 0, 4]),
    ("（三）不予公开", None),
    *[(f"{i}.{t}", [0] * 7) for i, t in enumerate(
        ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
         "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"], 1)],
    ("（四）无法提供", None),
    ("1.本机关不掌握相关政府信息", [3, 0, 0, 0, 0, 0, 3]),
    ("2.没有现成信息需要另行制作", [0] * 7),
    ("3.补正后申请内容仍不明确", [0] * 7),
    ("（五）不予处理", None),
    *[(f"{i}.{t}", [0] * 7) for i, t in enumerate(
        ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
         "要求行政机关确认或重新出具已获取信息"], 1)],
    ("（六）其他处理", None),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("3.其他", [1, 0, 0, 0, 0, 0, 1]),
    ("（七）总计", [14, 2, 1, 0, 3, 0, 20]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
]
_HEAD3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
_T4 = [2, 1, 0, 1, 4, 1, 0, 0, 2, 3, 0, 1, 0, 0, 1]
_T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _report(t2_head=None, t2_order=(0, 1, 2), t3_order=tuple(range(7)), sep="  ",
            t4_lines=None) -> str:
    t2_head = t2_head or ["本年制发件数", "本年废止件数", "现行有效件数"]
    regs, norms = [1, 0, 6], [12, 3, 57]
    t3 = [sep.join(["申请人情况", *(_HEAD3[k] for k in t3_order)])]
    for label, vals in _T3:
        t3.append(label if vals is None else sep.join([label, *(str(vals[k]) for k in t3_order)]))
    t4 = t4_lines or ["行政复议  行政诉讼",
                      "  ".join(_T4_RESULTS + ["未经复议直接起诉", "复议后起诉"]),
                      "  ".join(_T4_RESULTS * 2),
                      "  ".join(map(str, _T4))]
    return "\n".join([
        "鹭汀县水利局2023年政府信息公开工作年度报告", "",
        "一、总体情况", "本局全年主动公开政府信息236条，办理依申请公开事项若干。", "",
        "二、主动公开政府信息情况", "第二十条第（一）项",
        sep.join(["信息内容", *(t2_head[k] for k in t2_order)]),
        sep.join(["规章", *(str(regs[k]) for k in t2_order)]),
        sep.join(["行政规范性文件", *(str(norms[k]) for k in t2_order)]),
        "第二十条第（五）项", "信息内容  本年处理决定数量", "行政许可  118",
        "第二十条第（六）项", "信息内容  本年处理决定数量", "行政处罚  40", "行政强制  2",
        "第二十条第（八）项", "信息内容  本年收费金额（单位：万元）", "行政事业性收费  0", "",
        "三、收到和处理政府信息公开申请情况", *t3, "",
        "四、政府信息公开行政复议、行政诉讼情况", *t4, "",
        "五、存在的主要问题及改进情况", "（一）存在的主要问题。解读材料形式单一。",
        "（二）改进措施。增加图解和短视频解读。", "",
        "六、其他需要报告的事项", "无。", "", "鹭汀县水利局", "2024年1月18日", ""])


def _load(tmp_path, text: str, name: str = "r.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_report(p)


def _unread(table) -> None:
    assert table.status == "unreadable"
    assert all(v is None for row in table.values for v in row)
    assert "another order than the form's" in table.problem or "before" in table.problem


def test_form_order_reads(tmp_path):
    r = _load(tmp_path, _report())
    assert r.table("table3").status == "ok"
    assert r.table("table3").get("1", "legal_services") == 3
    assert r.table("table2.1").get("normative_documents", "in_force") == 57
    assert r.table("table4").get("count", "litigation_direct.total") == 3


@pytest.mark.parametrize("order", [(6, 0, 1, 2, 3, 4, 5), (0, 2, 1, 3, 4, 5, 6)],
                         ids=["total_first", "research_before_commercial"])
def test_table3_text_header_in_another_order(tmp_path, order):
    """"申请人情况  总计  自然人  商业企业 …" over values in that order read 20 as 自然人's."""
    r = _load(tmp_path, _report(t3_order=order))
    _unread(r.table("table3"))
    assert r.table("table2.1").status == "ok"


def test_table3_grid_header_in_another_order_still_reads(tmp_path):
    """A TAB copy keeps its cells' places: the reader follows the header's order."""
    r = _load(tmp_path, _report(t3_order=(6, 0, 1, 2, 3, 4, 5), sep="\t"))
    t3 = r.table("table3")
    assert t3.status == "ok"
    assert t3.get("1", "natural_person") == 14 and t3.get("1", "total") == 20


@pytest.mark.parametrize("sep", ["  ", "\t"])
def test_table2_columns_in_another_order(tmp_path, sep):
    """现行有效件数 printed first: 57 was read as 本年制发件数."""
    r = _load(tmp_path, _report(t2_order=(2, 0, 1), sep=sep))
    _unread(r.table("table2.1"))
    assert r.table("table2.5").get("licensing", "decisions") == 118


def test_table4_total_first(tmp_path):
    head = ["总计", "结果维持", "结果纠正", "其他结果", "尚未审结"]
    vals = [v for b in range(3) for v in [_T4[5 * b + 4], *_T4[5 * b:5 * b + 4]]]
    lines = ["行政复议\t行政诉讼", "\t".join(head + ["未经复议直接起诉", "复议后起诉"]),
             "\t".join(head * 2), "\t".join(map(str, vals))]
    _unread(_load(tmp_path, _report(t4_lines=lines)).table("table4"))


def test_table4_litigation_first(tmp_path):
    lines = ["行政诉讼  行政复议", "未经复议直接起诉  复议后起诉  " + "  ".join(_T4_RESULTS),
             "  ".join(_T4_RESULTS * 2), "  ".join(map(str, _T4[5:] + _T4[:5]))]
    _unread(_load(tmp_path, _report(t4_lines=lines)).table("table4"))


def test_table4_note_naming_both_is_no_header(tmp_path):
    lines = ["注：行政诉讼、行政复议数量含上年度结转数量。", "行政复议  行政诉讼",
             "  ".join(_T4_RESULTS + ["未经复议直接起诉", "复议后起诉"]),
             "  ".join(_T4_RESULTS * 2), "  ".join(map(str, _T4))]
    assert _load(tmp_path, _report(t4_lines=lines)).table("table4").status == "ok"


def _page(first: str) -> str:
    """A page whose 表三 row （一）予以公开 prints ``first`` for 科研机构 and 社会公益组织."""
    rows = ["<tr><td>申请人情况</td>" + "".join(f"<td>{h}</td>" for h in _HEAD3) + "</tr>"]
    for label, vals in _T3:
        if vals is None:
            rows.append(f'<tr><td colspan="8">{label}</td></tr>')
            continue
        tds = [f"<td>{v}</td>" for v in vals]
        if label == "（一）予以公开":
            tds[2:4] = [f'<td colspan="2">{first}</td>']
        rows.append(f"<tr><td>{label}</td>{''.join(tds)}</tr>")
    text = _report()
    head, rest = text.split("三、收到和处理政府信息公开申请情况")
    tail = rest[rest.index("四、政府信息公开行政复议"):]
    body = "".join(f"<p>{x}</p>" for x in head.splitlines() if x)
    body += "<p>三、收到和处理政府信息公开申请情况</p><table>" + "".join(rows) + "</table>"
    body += "".join(f"<p>{x}</p>" for x in tail.splitlines() if x)
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def test_html_figure_over_two_columns_is_no_columns(tmp_path):
    """One "1" over 科研机构 and 社会公益组织 was read as 科研机构's, the table ok."""
    t3 = _load(tmp_path, _page("1"), "r.html").table("table3")
    assert t3.status == "unreadable"
    assert t3.get("3.1", "research") is None and t3.get("3.1", "public_interest") is None
    assert "merged over several rows or columns" in t3.problem


def test_html_zero_over_two_columns_reads(tmp_path):
    """A 0 over two columns is 0 (counts summing to 0 are all 0)."""
    t3 = _load(tmp_path, _page("0"), "r.html").table("table3")
    assert t3.get("3.1", "research") == 0
    assert "merged over" not in (t3.problem or "")


def test_table2_headed_with_the_other_forms_columns(tmp_path):
    """A 2021 report whose 表二 (一) keeps the 2019 form's 本年新制作数量 / 本年新公开数量 /
    对外公开总数量: its 本年新公开 figure was read as 本年废止件数, the table ok."""
    r = _load(tmp_path, _report(t2_head=["本年新制作数量", "本年新公开数量", "对外公开总数量"]))
    t = r.table("table2.1")
    assert t.status == "unreadable" and all(v is None for row in t.values for v in row)
    assert "2019 form's columns" in t.problem
    assert r.table("table2.6").get("punishment", "decisions") == 40


def _with_eighth_column(text: str, head: str, value: str) -> str:
    """``text`` with an eighth 表三 column ``head`` holding ``value`` in every row."""
    lines = text.split("\n")
    start = lines.index("三、收到和处理政府信息公开申请情况") + 1
    end = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    for i in range(start, end):
        if lines[i].startswith("申请人情况"):
            lines[i] += "\t" + head
        elif "\t" in lines[i]:
            lines[i] += "\t" + value
    return "\n".join(lines)


def test_table3_remark_column_is_not_the_subtotal(tmp_path):
    """"… 其他 总计 备注" with a 1 in every row's 备注: read as 8 columns with 法人或其他组织小计,
    总计 became the subtotal and the remark's 1 the 总计, the table ok."""
    t3 = _load(tmp_path, _with_eighth_column(_report(sep="\t"), "备注", "1")).table("table3")
    assert t3.status == "unreadable" and all(v is None for row in t3.values for v in row)
    assert "备注" in t3.problem


def test_table3_subtotal_column_reads(tmp_path):
    text = _report(sep="\t").replace("其他\t总计", "其他\t法人或其他组织小计\t总计")
    lines = []
    for ln in text.split("\n"):
        cells = ln.split("\t")
        if len(cells) == 8 and cells[1].isdigit():
            sub = sum(int(c) for c in cells[2:7])
            cells = cells[:7] + [str(sub)] + cells[7:]
        lines.append("\t".join(cells))
    t3 = _load(tmp_path, "\n".join(lines)).table("table3")
    assert t3.status == "ok" and t3.get("1", "total") == 20 and t3.get("1", "legal_subtotal") == 6
