"""A table its section prints twice with other figures — last year's above this year's for
comparison, or a draft left above its correction — is unreadable: the first was read as the
year's and the table marked ok, its figures another year's. The same table printed twice
(pasted twice) is read."""

from __future__ import annotations

from _pdf_drawing import T3_HEAD, T3_ROWS
from _table_data import T3_GOOD

from nlp_reports import load_report

_T4_HEAD = ("<tr><td colspan=5 rowspan=2>行政复议</td><td colspan=10>行政诉讼</td></tr>"
            "<tr><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr><tr>"
            + "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>" * 3 + "</tr>")


def _t4(values: tuple[int, ...]) -> str:
    return ('<table border="1">' + _T4_HEAD + "<tr>" + "".join(f"<td>{v}</td>" for v in values)
            + "</tr></table>")


_T2 = """<table border="1"><tr><td colspan=4>第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>{a}</td><td>0</td><td>{b}</td></tr>
<tr><td colspan=4>第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan=3>{c}</td></tr></table>"""

_TITLE = "枫林区人民政府2023年政府信息公开工作年度报告"
_LAST = (0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
_THIS = (2, 1, 0, 0, 3, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)


def _page(tmp_path, section2: str, section4: str):
    html = f"""<html><head><meta charset="utf-8"><title>石湾镇人民政府2023年政府信息公开工作年度报告</title></head>
<body><div class="con"><h2>石湾镇人民政府2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p><p>2023年，石湾镇按照县政务公开办的部署，完成了镇政务公开专区的改造。</p>
<p>二、主动公开政府信息情况</p>{section2}
<p>四、政府信息公开行政复议、行政诉讼情况</p>{section4}
<p>五、存在的主要问题及改进情况</p><p>村务公开栏更新不及时。下一步将按月检查。</p>
<p>六、其他需要报告的事项</p><p>无。</p></div></body></html>"""
    p = tmp_path / "石湾镇.html"
    p.write_text(html, encoding="utf-8")
    return load_report(p)


def test_last_years_table_above_this_years_is_unreadable(tmp_path):
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              "<p>2022年度（对比）：</p>" + _t4(_LAST) + "<p>2023年度：</p>" + _t4(_THIS))
    t4 = r.table("table4")
    assert t4.status == "unreadable" and "printed twice" in t4.problem
    assert all(v is None for v in t4.values[0])  # neither year's figures put in
    assert r.table("table2.1").status == "ok"


def test_table2_printed_twice_with_other_figures_is_unreadable(tmp_path):
    r = _page(tmp_path, "<p>2022年：</p>" + _T2.format(a=1, b=38, c=187)
              + "<p>2023年：</p>" + _T2.format(a=3, b=41, c=210), _t4(_THIS))
    assert r.table("table2.1").status == "unreadable"
    assert r.table("table2.5").get("licensing", "decisions") is None
    assert r.table("table4").status == "ok"


def test_the_same_table_pasted_twice_is_read(tmp_path):
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210), _t4(_THIS) + "<p>&nbsp;</p>" + _t4(_THIS))
    t4 = r.table("table4")
    assert t4.status == "ok" and t4.get("count", "review.total") == 3
    assert r.table("table2.5").get("licensing", "decisions") == 210


def test_a_whole_first_printing_above_one_with_a_bad_cell_is_unreadable(tmp_path):
    # this year's 表四 has a cell with a note mark (unreadable by itself); last year's above
    # it is whole: read as the year's, its figures were put in a table marked ok
    this = "".join(f"<td>{v}</td>" for v in ("2", "1※", *map(str, _THIS[2:])))
    this_year = _t4(_THIS).replace("".join(f"<td>{v}</td>" for v in _THIS), this)
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              "<p>2022年度（对比）：</p>" + _t4(_LAST) + "<p>2023年度：</p>" + this_year)
    t4 = r.table("table4")
    assert t4.status == "unreadable" and "printed twice" in t4.problem
    assert all(v is None for v in t4.values[0])


def test_a_row_label_merged_over_two_grid_lines_is_no_second_printing(tmp_path):
    # row 一's label spans two grid lines, its figures in the first and the second left
    # empty (a Word table's split cells): the label repeated is not the table again
    rows = ["<tr>" + "".join(f"<td>{h}</td>" for h in T3_HEAD) + "</tr>"]
    for rid, label in T3_ROWS:
        figures = "".join(f"<td>{v}</td>" for v in T3_GOOD.get(rid, [0] * 7)) if rid else "<td></td>" * 7
        span = " rowspan=2" if rid == "1" else ""
        rows.append(f"<tr><td{span}>{label}</td>{figures}</tr>")
        if rid == "1":
            rows.append("<tr>" + "<td></td>" * 7 + "</tr>")
    html = (f"<html><head><meta charset='utf-8'><title>{_TITLE}</title></head><body><h2>{_TITLE}</h2>"
            "<p>一、总体情况</p><p>全年围绕重点领域做好信息公开。</p>"
            "<p>三、收到和处理政府信息公开申请情况</p><table border='1'>" + "".join(rows) + "</table>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + _t4(_THIS)
            + "<p>五、存在的主要问题及改进情况</p><p>答复文书格式不够统一。</p></body></html>")
    p = tmp_path / "枫林区.html"
    p.write_text(html, encoding="utf-8")
    t3 = load_report(p).table("table3")
    assert t3.status == "ok", t3.problem
    assert t3.values[t3.rows.index("1")] == tuple(float(v) for v in T3_GOOD["1"])
