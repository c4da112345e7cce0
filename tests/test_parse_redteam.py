"""load_report on report layouts found by red-teaming with reports written by an outsider."""

from __future__ import annotations

from nlp_reports.parse import load_report

_T2_TAB = "\n".join([
    "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t2", "行政规范性文件\t3\t0\t18",
    "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t41",
    "第二十条第（六）项", "信息内容\t本年处理决定数量", "行政处罚\t7", "行政强制\t0",
    "第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）",
])


def _report(section2: str) -> str:
    return "\n".join([
        "柏林镇人民政府2023年政府信息公开工作年度报告", "一、总体情况",
        "2023年，本镇持续推进政务公开，全年未收到政府信息公开申请。",
        "二、主动公开政府信息情况", section2,
        "三、收到和处理政府信息公开申请情况", "本年度未收到政府信息公开申请。",
        "四、政府信息公开行政复议、行政诉讼情况", "无。",
        "五、存在的主要问题及改进情况", "一是公开栏更新不及时。二是人员兼职。",
        "六、其他需要报告的事项", "无。", ""])


def test_blank_cell_ending_a_section_is_kept():
    # the fee cell left blank as the section's last line ("行政事业性收费\t"): stripping
    # the section text removed the TAB, so the row had no cell and 表二(八) was unreadable
    r = load_report(_report(_T2_TAB + "\n行政事业性收费\t").encode(), filename="r.txt")
    fees = next(t for t in r.tables if t.id == "table2.8")
    assert fees.status == "ok"
    assert fees.values == ((None,),)
    assert fees.raw == (("",),)
    assert r.sections[1].text.endswith("行政事业性收费")  # Section.text stays stripped


def test_written_fee_ending_a_section_is_read():
    r = load_report(_report(_T2_TAB + "\n行政事业性收费\t0.5").encode(), filename="r.txt")
    assert next(t for t in r.tables if t.id == "table2.8").values == ((0.5,),)


def _t4_html(cells: str) -> str:
    heads = "".join(f"<td>{x}</td>" for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    return ("<table border='1'><tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
            "<tr>" + "".join(f"<td rowspan='2'>{x}</td>" for x in
                             ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"])
            + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
            f"<tr>{heads}</tr><tr>{cells}</tr></table>")


def _html_report(t4: str) -> bytes:
    body = "".join(f"<p>{x}</p>" for x in [
        "一、总体情况", "2024年，本局全年未收到政府信息公开申请，未发生行政复议、行政诉讼。",
        "二、主动公开政府信息情况", "本年主动公开政府信息120条。",
        "三、收到和处理政府信息公开申请情况", "本年度未收到政府信息公开申请。",
        "四、政府信息公开行政复议、行政诉讼情况"]) + t4 + "".join(f"<p>{x}</p>" for x in [
        "五、存在的主要问题及改进情况", "一是公开栏更新不及时。二是人员兼职。",
        "六、其他需要报告的事项", "无。"])
    return ("<html><head><meta charset='utf-8'><title>报告</title></head><body>"
            "<h1>柳溪县林业局2024年政府信息公开工作年度报告</h1>"
            f"<div class='content'>{body}</div></body></html>").encode()


def test_html_table4_left_blank_is_read_as_blank():
    # every <td> of 表四's row holding only &nbsp;: the empty row was dropped from the
    # grid and 表四 reported missing instead of blank (not reported)
    r = load_report(_html_report(_t4_html("<td>&nbsp;</td>" * 15)), filename="r.html")
    t4 = next(t for t in r.tables if t.id == "table4")
    assert t4.status == "ok"
    assert t4.values == ((None,) * 15,)
    assert {c.outcome for c in r.checks if c.id == "I4"} == {"not_assessable"}


def test_html_table4_with_values_still_read():
    r = load_report(_html_report(_t4_html("<td>1</td>" + "<td>0</td>" * 3 + "<td>1</td>"
                                          + "<td>0</td>" * 10)), filename="r.html")
    t4 = next(t for t in r.tables if t.id == "table4")
    assert t4.values[0][:5] == (1.0, 0.0, 0.0, 0.0, 1.0)
