"""A table its section prints twice with other figures — last year's above this year's for
comparison, a draft left above its correction, a part of the body (其中，本级) below its
whole. The prose above the printings says which is the report's when it can: a part named
above the second keeps the first (its note says so); the report's year and another year named
above them keep the year's. Otherwise the table is unreadable: the first was read as the
year's and the table marked ok, its figures maybe another year's. The same table printed twice
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


def test_last_years_table_above_this_years_each_named_reads_this_years(tmp_path):
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              "<p>2022年度（对比）：</p>" + _t4(_LAST) + "<p>2023年度：</p>" + _t4(_THIS))
    t4 = r.table("table4")
    assert t4.status == "ok", t4.problem
    assert t4.values[0] == tuple(float(v) for v in _THIS)


def test_this_years_table_above_last_years_each_named_reads_this_years(tmp_path):
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              "<p>一、2023年度情况</p>" + _t4(_THIS) + "<p>二、上年度情况（供对比）</p>" + _t4(_LAST))
    t4 = r.table("table4")
    assert t4.status == "ok", t4.problem
    assert t4.values[0] == tuple(float(v) for v in _THIS)


def test_two_printings_not_told_apart_are_unreadable(tmp_path):
    # a draft above its correction, nothing said; or only one of them named by a year
    for between in ("<p>（更正后）</p>", "", "<p>2022年度：</p>"):
        r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
                  ("<p>2022年度：</p>" if between == "" else "") + _t4(_LAST) + between + _t4(_THIS))
        t4 = r.table("table4")
        assert t4.status == "unreadable" and "printed twice" in t4.problem, between
        assert all(v is None for v in t4.values[0])  # neither printing's figures put in


def test_table2_printed_twice_each_year_named_reads_this_years(tmp_path):
    r = _page(tmp_path, "<p>2022年：</p>" + _T2.format(a=1, b=38, c=187)
              + "<p>2023年：</p>" + _T2.format(a=3, b=41, c=210), _t4(_THIS))
    assert r.table("table2.1").status == "ok"
    assert r.table("table2.5").get("licensing", "decisions") == 210
    assert r.table("table4").status == "ok"


def test_table2_printed_twice_not_told_apart_is_unreadable(tmp_path):
    r = _page(tmp_path, _T2.format(a=1, b=38, c=187) + "<p>以此为准：</p>"
              + _T2.format(a=3, b=41, c=210), _t4(_THIS))
    assert r.table("table2.1").status == "unreadable"
    assert r.table("table2.5").get("licensing", "decisions") is None


def test_the_same_table_pasted_twice_is_read(tmp_path):
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210), _t4(_THIS) + "<p>&nbsp;</p>" + _t4(_THIS))
    t4 = r.table("table4")
    assert t4.status == "ok" and t4.get("count", "review.total") == 3
    assert r.table("table2.5").get("licensing", "decisions") == 210


def test_a_whole_first_printing_above_one_with_a_bad_cell_is_unreadable(tmp_path):
    # this year's 表四 has a cell with a note mark (unreadable by itself); last year's above
    # it is whole: read as the year's, its figures were put in a table marked ok. Named by
    # their years, this year's is the table: its bad cell named, last year's figures not in
    this = "".join(f"<td>{v}</td>" for v in ("2", "1※", *map(str, _THIS[2:])))
    this_year = _t4(_THIS).replace("".join(f"<td>{v}</td>" for v in _THIS), this)
    for above in ("<p>2022年度（对比）：</p>", ""):
        r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
                  above + _t4(_LAST) + ("<p>2023年度：</p>" if above else "") + this_year)
        t4 = r.table("table4")
        assert t4.status == "unreadable"
        assert t4.values[0][1] is None and t4.values[0][2] != _LAST[2]
        if not above:
            assert "printed twice" in t4.problem and all(v is None for v in t4.values[0])


def test_a_part_of_the_body_printed_below_keeps_the_whole(tmp_path):
    # the town's 表四 and 表二, then the same forms for the town government itself (本级)
    part4 = (2, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210) + "<p>其中，镇政府本级：</p>"
              + _T2.format(a=1, b=12, c=64),
              _t4(_THIS) + "<p>其中，镇政府本级受理情况：</p>" + _t4(part4))
    t4 = r.table("table4")
    assert t4.status == "ok" and t4.values[0] == tuple(float(v) for v in _THIS)
    assert "part of the body" in t4.problem
    assert r.table("table2.5").get("licensing", "decisions") == 210
    assert r.table("table2.5").status == "ok"


def test_a_part_named_above_the_first_printing_is_not_told(tmp_path):
    part4 = (2, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              "<p>各乡镇：</p>" + _t4(part4) + "<p>其中，镇政府本级：</p>" + _t4(_THIS))
    t4 = r.table("table4")
    assert t4.status == "unreadable" and all(v is None for v in t4.values[0])


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


def test_a_table_named_with_its_parts_included_is_no_part_below_the_whole(tmp_path):
    # last year's 表四 under a long sentence (no cue), this year's under "本年度（含所属部门）":
    # the parts named are included, not a part of the body — which is the year's is not said
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              "<p>为便于对照，先列出上一年度行政复议、行政诉讼的办理情况，本年度情况列于其后：</p>"
              + _t4(_LAST) + "<p>本年度（含所属部门）：</p>" + _t4(_THIS))
    t4 = r.table("table4")
    assert t4.status == "unreadable"
    assert all(v is None for v in t4.values[0])


def test_a_summary_of_the_whole_town_below_is_no_part(tmp_path):
    r = _page(tmp_path, _T2.format(a=3, b=41, c=210),
              _t4(_THIS) + "<p>全镇（含各村、镇直部门）汇总：</p>" + _t4(_LAST))
    t4 = r.table("table4")
    assert t4.status == "unreadable"
    assert "part of the body" not in (t4.problem or "")
