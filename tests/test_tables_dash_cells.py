"""A count cell written as a none-mark ("—", "——", "/", "无", "－") is null in ``values`` but
read as 0 by the identities I1–I4 and T1, which name it (``zero_read``).

Real reports write "—" for none across whole rows of 表三 and 表四; before, every identity
over such a cell was ``not_assessable``, so an accounting error in those tables went
unseen. Blank cells and garbled figures are not read as 0.
"""

from __future__ import annotations

import io

import pytest

from nlp_reports import load_report
from nlp_reports.parse.layout import TABLE3_ROWS
from nlp_reports.report import Check, Report

_T3_HEAD = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构",
            "社会公益组织", "法律服务机构", "其他"]
_T4_HEAD = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
            "未经复议直接起诉", "复议后起诉"]


def _t3_rows(cells: dict[str, list[str]], none: str) -> list[tuple[str, list[str]]]:
    """表三's rows as printed (group labels before their first row), the cells not given
    written ``none`` all along."""
    out = []
    for rid, label in TABLE3_ROWS:
        if rid == "3.6.1":
            out.append(("（六）其他处理", []))
        printed = {"1": "一、本年新收政府信息公开申请数量", "2": "二、上年结转政府信息公开申请数量",
                   "3.1": "三、本年度办理结果 （一）予以公开", "3.6.3": "3.其他",
                   "3.7": "（七）总计", "4": "四、结转下年度继续办理"}.get(rid, label)
        out.append((printed, cells.get(rid, [none] * 7)))
    return out


def _flat_report(head: str, t3: list[tuple[str, list[str]]], t4: list[str], tail: str) -> str:
    """A page scraped to text: one table cell a line."""
    lines = [*_T3_HEAD]
    for label, cells in t3:
        lines += [label, *cells]
    lines4 = [*_T4_HEAD[:2], *_T4_HEAD[2:7], *_T4_HEAD[7:], *(_T4_HEAD[2:7] * 2), *t4]
    return (f"{head}\n三、收到和处理政府信息公开申请情况\n" + "\n".join(lines)
            + "\n四、政府信息公开行政复议、行政诉讼情况\n" + "\n".join(lines4) + f"\n{tail}")


# --- A: a county bureau's scraped page, "—" everywhere there is none: every identity holds ---

_A_T3 = {
    "1": ["6", "2", "—", "—", "1", "—", "9"], "2": ["1", "—", "—", "—", "—", "—", "1"],
    "3.1": ["3", "1", "—", "—", "—", "—", "4"], "3.2": ["1", "—", "—", "—", "1", "—", "2"],
    "3.4.1": ["2", "—", "—", "—", "—", "—", "2"], "3.7": ["6", "1", "—", "—", "1", "—", "8"],
    "4": ["1", "1", "—", "—", "—", "—", "2"],
}
_A_HEAD = """青禾县市场监督管理局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局全年共收到政府信息公开申请9件，均在法定期限内答复。全年未发生因政府信息公开引起的行政诉讼。
二、主动公开政府信息情况
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 0"""
_A_TAIL = """五、存在的主要问题及改进情况
一是基层所公开栏更新不及时；二是部分执法信息公开滞后。下一步将建立公开台账，按月督办。
六、其他需要报告的事项
本年度未收取信息处理费。
青禾县市场监督管理局
2024年1月18日"""
_A_T4 = ["1", "/", "/", "/", "1"] + ["/"] * 10


def _report_a() -> Report:
    text = _flat_report(_A_HEAD, _t3_rows(_A_T3, "—"), _A_T4, _A_TAIL)
    return load_report(text.encode(), filename="qinghe-scjgj-2023.txt")


def test_flat_dashes_read_as_zero_every_identity_holds():
    r = _report_a()
    t3, t4 = r.table("table3"), r.table("table4")
    assert t3.status == "ok" and t4.status == "ok"
    # values stay what was written: null, never 0
    assert t3.get("3.3.1", "natural_person") is None and t3.get("3.1", "research") is None
    assert t4.get("count", "review.corrected") is None
    ident = [c for c in r.checks if c.id in ("I1", "I2", "I3", "I4")]
    assert ident and {c.outcome for c in ident} == {"pass"}
    i3 = next(c for c in ident if c.id == "I3" and c.column == "research")
    assert "row 3.3.1 column research: '—'" in i3.zero_read
    assert "0 = 0 (reading '—' in row 3.7 column research, '—' in row 3.1 column research" in i3.message
    assert i3.message.endswith("'—' in row 3.6.3 column research as 0)")
    # a check whose operands are all figures reads none as 0 and says nothing
    i1 = next(c for c in ident if c.id == "I1" and c.column == "natural_person")
    assert i1.zero_read == () and "reading" not in i1.message
    i4 = next(c for c in ident if c.id == "I4" and c.column == "litigation_direct")
    assert i4.outcome == "pass" and len(i4.zero_read) == 5 and "'/'" in i4.message
    # T1: "未发生…行政诉讼" (0) against both litigation totals written "/"
    t1 = [c for c in r.checks if c.id == "T1" and c.table == "table4"]
    assert [c.outcome for c in t1] == ["pass"]
    assert "row count column litigation_direct.total: '/'" in t1[0].zero_read


def test_a_real_error_in_a_dashed_table_fails_and_says_it_read_dashes():
    # the clerk wrote "—" in 三（二）部分公开 of 法律服务机构 for the request the (七)总计 and
    # the row's 总计 still count: I3 and I2 must fail, no longer be not_assessable
    cells = {**_A_T3, "3.2": ["1", "—", "—", "—", "—", "—", "2"]}
    text = _flat_report(_A_HEAD, _t3_rows(cells, "—"), _A_T4, _A_TAIL)
    r = load_report(text.encode(), filename="qinghe-scjgj-2023.txt")
    bad = {(c.id, c.row, c.column): c for c in r.checks if c.outcome == "fail"}
    assert set(bad) == {("I3", "3.7", "legal_services"), ("I2", "3.2", "total")}
    i3 = bad[("I3", "3.7", "legal_services")]
    assert (i3.found, i3.expected) == (1.0, 0.0)
    assert "row 3.2 column legal_services: '—'" in i3.zero_read
    assert "1 ≠ 0 (reading '—' in row 3.1 column legal_services" in i3.message
    i2 = bad[("I2", "3.2", "total")]
    assert (i2.found, i2.expected) == (2.0, 1.0) and len(i2.zero_read) == 5


def test_blank_and_garbled_cells_are_still_not_read_as_zero():
    # an empty line in a scraped page may be a dropped figure: never 0; nor "1O" (OCR)
    grid = [("\t".join([label, *cells])) for label, cells in _t3_rows(_A_T3, "—")]
    grid = [line.replace("三、本年度办理结果 （一）予以公开\t3\t1\t—",
                         "三、本年度办理结果 （一）予以公开\t3\t1\t") for line in grid]
    text = (_A_HEAD + "\n三、收到和处理政府信息公开申请情况\n" + "\n".join(grid)
            + "\n四、政府信息公开行政复议、行政诉讼情况\n" + "\t".join(_T4_HEAD) + "\n"
            + "\t".join(_A_T4) + "\n" + _A_TAIL)
    r = load_report(text.encode(), filename="qinghe-grid.txt")
    t3 = r.table("table3")
    assert t3.status == "ok" and t3.raw[t3.rows.index("3.1")][2] == ""
    i3 = next(c for c in r.checks if c.id == "I3" and c.column == "research")
    assert i3.outcome == "not_assessable" and "3.1/research" in i3.message
    assert i3.zero_read == ()
    garbled = text.replace("（七）总计\t6\t1", "（七）总计\t6\t1O", 1)
    r = load_report(garbled.encode(), filename="qinghe-ocr.txt")
    assert r.table("table3").status == "unreadable"
    assert {c.outcome for c in r.checks if c.table == "table3"} == {"not_assessable"}


# --- B: a city health commission's HTML page, "——" and "无": a missing outcome ---------------

def _html_report() -> bytes:
    cells = {"1": ["4", "——", "——", "——", "——", "——", "4"],
             "2": ["1", "——", "——", "——", "——", "——", "1"],
             "3.1": ["2", "——", "——", "——", "——", "——", "2"],
             "3.4.1": ["1", "——", "——", "——", "——", "——", "1"],
             "3.5.2": ["1", "——", "——", "——", "——", "——", "1"],
             # 5 closed, the outcome rows hold 4: one closed request entered nowhere
             "3.7": ["5", "——", "——", "——", "——", "——", "5"]}
    rows = "".join("<tr><td>" + "</td><td>".join([label, *c]) + "</td></tr>"
                   for label, c in _t3_rows(cells, "——"))
    t4 = ("<table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr>"
          + "".join(f"<td>{h}</td>" for h in _T4_HEAD[2:7]) + "<td>未经复议直接起诉</td><td>复议后起诉</td></tr>"
          + "<tr>" + "".join("<td>无</td>" for _ in range(5))
          + "".join("<td>0</td>" for _ in range(10)) + "</tr></table>")
    body = ("<p>一、总体情况</p><p>2022年，市卫生健康委依申请公开工作平稳有序，全年受理政府信息公开申请4件。</p>"
            "<p>二、主动公开政府信息情况</p><p>详见统计表。</p>"
            "<p>三、收到和处理政府信息公开申请情况</p><table>"
            + "<tr>" + "".join(f"<td>{h}</td>" for h in _T3_HEAD) + "</tr>" + rows + "</table>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + t4 +
            "<p>五、存在的主要问题及改进情况</p><p>医疗机构信息公开标准不一。下一步，我委将统一公开目录。</p>"
            "<p>六、其他需要报告的事项</p><p>无。</p><p>云岭市卫生健康委员会</p><p>2023年1月30日</p>")
    return ("<html><head><meta charset='utf-8'><title>云岭市卫生健康委员会2022年政府信息公开工作年度报告"
            f"</title></head><body><h1>云岭市卫生健康委员会2022年政府信息公开工作年度报告</h1>{body}"
            "</body></html>").encode()


def test_html_double_dashes_a_missing_outcome_fails():
    r = load_report(_html_report(), filename="yunling-wjw-2022.html")
    t3, t4 = r.table("table3"), r.table("table4")
    assert t3.status == "ok" and t4.status == "ok", (t3.problem, t4.problem)
    fails = {(c.id, c.column): c for c in r.checks if c.outcome == "fail"}
    assert set(fails) == {("I3", "natural_person"), ("I3", "total")}
    c = fails[("I3", "total")]
    assert (c.found, c.expected) == (5.0, 4.0) and "'——'" in c.message
    assert "row 3.3.1 column total: '——'" in c.zero_read
    # I1 of the column reads 四 "——" as 0: 4 + 1 = 5 + 0 holds
    i1 = next(x for x in r.checks if x.id == "I1" and x.column == "total")
    assert i1.outcome == "pass" and i1.zero_read == ("row 4 column total: '——'",)
    i4 = next(x for x in r.checks if x.id == "I4" and x.column == "review")
    assert i4.outcome == "pass" and len(i4.zero_read) == 5 and "'无'" in i4.message


# --- C: a school's .docx, "－" in 表三 and "—" in 表四; the text quotes a review ---------------

def _docx_report(review_said: str) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("北塘区实验中学2024年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    d.add_paragraph(f"2024年，学校本年度新收信息公开申请3件。{review_said}")
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    cells = {"1": ["3", "－", "－", "－", "－", "－", "3"],
             "3.1": ["2", "－", "－", "－", "－", "－", "2"],
             "3.4.1": ["1", "－", "－", "－", "－", "－", "1"],
             "3.7": ["3", "－", "－", "－", "－", "－", "3"]}
    rows = _t3_rows(cells, "－")
    t = d.add_table(rows=len(rows) + 1, cols=9)
    for j, h in enumerate(_T3_HEAD):
        t.cell(0, j).text = h
    for i, (label, c) in enumerate(rows, start=1):
        t.cell(i, 0).text = label
        for j, v in enumerate(c, start=1):
            t.cell(i, j).text = v
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    t4 = d.add_table(rows=3, cols=15)
    for j, h in enumerate(_T4_HEAD[2:7] * 3):
        t4.cell(1, j).text = h
    t4.cell(0, 0).text, t4.cell(0, 5).text = "行政复议", "行政诉讼"
    for j in range(15):
        t4.cell(2, j).text = "—"
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph("一是公开栏目分类不够清晰；二是答复文书格式不统一。我校将对照清单逐项整改。")
    d.add_paragraph("六、其他需要报告的事项")
    d.add_paragraph("无。")
    d.add_paragraph("北塘区实验中学")
    d.add_paragraph("2025年1月22日")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("said, outcome", [
    ("未发生因政府信息公开引起的行政复议。", "pass"),
    ("因政府信息公开被申请行政复议2件。", "fail"),
])
def test_docx_t1_against_a_dashed_cell(said, outcome):
    r = load_report(_docx_report(said), filename="beitang-school-2024.docx")
    t4 = r.table("table4")
    assert t4.status == "ok" and t4.get("count", "review.total") is None
    ident = [c for c in r.checks if c.id in ("I1", "I2", "I3", "I4")]
    assert {c.outcome for c in ident} == {"pass"}
    t1 = [c for c in r.checks if c.id == "T1" and c.table == "table4"]
    assert [c.outcome for c in t1] == [outcome]
    assert t1[0].zero_read[0] == "row count column review.total: '—'"
    assert "(reading '—' in row count column review.total as 0)" in t1[0].message


# --- the JSON ---------------------------------------------------------------------------------

def test_zero_read_round_trips_and_older_json_reads_none():
    r = _report_a()
    d = r.to_dict()
    assert d["schema_version"] == "1.6"
    read = [c for c in d["checks"] if c["zero_read"]]
    assert read and all(isinstance(c["zero_read"], list) for c in read)
    back = Report.from_dict(d)
    assert back.checks == r.checks
    old = {**d, "schema_version": "1.5",
           "checks": [{k: v for k, v in c.items() if k != "zero_read"} for c in d["checks"]]}
    assert {c.zero_read for c in Report.from_dict(old).checks} == {()}
    assert Check("I1", "pass").zero_read == ()


# --- 表二 with a column the national form has not ------------------------------------------

from nlp_reports.parse.tables import read_tables  # noqa: E402

_T2_EXTRA = """第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数 备注
规章 0 0 0 —
行政规范性文件 4 1 27 /
第二十条第（五）项
信息内容 本年处理决定数量 办结率
行政许可 1,386 100%
第二十条第（六）项
信息内容 处理决定数量 占比
行政处罚 57 96.6%
行政强制 2 3.4%
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 0"""


def _shape(text: str, shape: str) -> str:
    if shape == "grid":  # an HTML/docx grid: TAB between cells
        return text.replace(" ", "\t")
    if shape == "flat":  # a page scraped one cell a line
        return "\n".join(tok for line in text.splitlines() for tok in line.split(" "))
    return text


@pytest.mark.parametrize("shape", ["aligned", "grid", "flat"])
def test_table2_extra_column_named_in_the_header_is_set_aside(shape):
    tables, problems, _ = read_tables({2: _shape(_T2_EXTRA, shape)}, year=2023)
    t = {x.id: x for x in tables}
    assert all(t[k].status == "ok" for k in ("table2.1", "table2.5", "table2.6", "table2.8"))
    assert t["table2.5"].get("licensing", "decisions") == 1386
    assert t["table2.6"].values == ((57.0,), (2.0,))
    assert "column '占比' is not the national form's" in t["table2.6"].problem
    assert "'96.6%', '3.4%'" in t["table2.6"].problem
    assert "'办结率'" in t["table2.5"].problem and t["table2.8"].problem is None
    assert t["table2.1"].values == ((0.0, 0.0, 0.0), (4.0, 1.0, 27.0))
    assert "column '备注'" in t["table2.1"].problem and "('—', '/')" in t["table2.1"].problem
    assert not [p for p in problems if p.code == "table_unreadable"
                and ("（五）" in p.message or "（六）" in p.message)]


@pytest.mark.parametrize("header", [
    "行政许可相关数据",                     # no header naming the form's column
    "信息内容 数量 件数",                    # 件数 names a count: the form's own, perhaps
    "信息内容 本年处理决定数量 决定数量",      # two columns naming the same one: which is it?
    "信息内容 本年处理决定数量 办结率 占比",  # two extra columns for one extra value
    "信息内容 本年处理决定数量",             # the header of the row labels is no value column
])
def test_table2_extra_value_without_a_header_that_places_it_stays_unreadable(header):
    text = _T2_EXTRA.replace("信息内容 本年处理决定数量 办结率", header)
    tables, _, _ = read_tables({2: text}, year=2023)
    t5 = next(x for x in tables if x.id == "table2.5")
    assert t5.status == "unreadable" and t5.get("licensing", "decisions") is None
    assert "has 2 values, expected 1" in t5.problem


# --- the store, the audit and the summary ------------------------------------------------------

def test_store_audit_and_summary_count_a_fail_over_dashes(tmp_path):
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus import Store, audit, summarize

    good, bad = _report_a(), load_report(_html_report(), filename="yunling-wjw-2022.html")
    path = tmp_path / "dash.db"
    with Store(path) as s:
        for name, r in (("qinghe.txt", good), ("yunling.html", bad)):
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    with Store(path) as s:
        back = {Report.from_dict(d).metadata.agency: Report.from_dict(d)
                for d in s.iter_report_dicts()}
        stored = [c for c in s.checks().itertuples() if "reading" in str(c.message)]
        assert stored and len(stored) == sum(bool(c.zero_read)
                                            for r in (good, bad) for c in r.checks)
    assert {r.checks for r in back.values()} == {good.checks, bad.checks}
    a = audit(path)
    t = a.table.set_index("path")
    row = t.loc["yunling.html"]
    # (the I3 of a column reads 18 of its 22 outcome cells as 0: counted, not listed)
    assert "I3 table3/3.7/total: expected 4, found 5 (reading 18 cells written '——' as 0)" in row[
        "identity_failures"]
    zh = "；".join(a.zh.set_index(t.index).loc["yunling.html", "identity_failures"])
    assert "表三中填写“——”的18个单元格核对时按0计算" in zh
    qinghe = t.loc["qinghe.txt"]
    assert not qinghe["identity_failures"]
    ts = summarize(path, by=["year"]).table_stats.set_index("year")
    assert ts.loc[2022, "share_failing_I1_I4"] == 1.0 and ts.loc[2023, "share_failing_I1_I4"] == 0.0


def test_store_reads_back_checks_written_before_zero_read(tmp_path):
    # a report_checks array of 8 fields (report schema ≤ 1.5) reads back with none read as 0
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus import Store

    r = _report_a()
    path = tmp_path / "old.db"
    with Store(path) as s:
        s.write_report("qinghe.txt", r, FakeTagger().tag_many([r])[0], model_id="m")
        s._conn.execute("UPDATE report_checks SET checks = json_remove(checks, "
                        + ", ".join(f"'$[{i}][8]'" for i in range(len(r.checks))) + ")")
        s._conn.commit()
    with Store(path) as s:
        (d,) = list(s.iter_report_dicts())
    back = Report.from_dict(d)
    assert [c.message for c in back.checks] == [c.message for c in r.checks]
    assert {c.zero_read for c in back.checks} == {()}
