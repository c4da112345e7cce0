"""The audit as a provincial 政务公开办 reviewer uses it (s7 trial 5, findings F1–F15).

Each report below carries one defect a reviewer sends back; the audit must find it, rank
it, say it in Chinese with the table's own labels, and sort / filter every output alike.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from _browser import measure_in_chromium, needs_chromium
from _corpus_helpers import FakeTagger, make_report, table2_8, table3, table4

from nlp_reports.corpus import Store, audit
from nlp_reports.report import Check, Problem

STAFF = "信息公开工作人员力量不足。"
TRAIN = "加强人员培训。"
BOILERPLATE = "取得了一定成绩，但还存在一些不足，与上级要求和群众期盼相比仍有差距。"


def _with(report, **meta):
    return dataclasses.replace(report, metadata=dataclasses.replace(report.metadata, **meta))


def _store(path: Path, reports: dict, failures: tuple = ()) -> Path:
    tagger = FakeTagger()
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
        for name, reason, message in failures:
            s.record_failure(name, reason, message)
    return path


def _blank_table3(cells: dict[tuple[str, str], str]):
    """A consistent 表三 where ``cells`` {(row, column): raw} are blank (value None)."""
    t = table3()
    rows, cols = list(t.rows), list(t.columns)
    values = [list(r) for r in t.values]
    raw = [list(r) for r in t.raw]
    for (r, c), written in cells.items():
        values[rows.index(r)][cols.index(c)] = None
        raw[rows.index(r)][cols.index(c)] = written
    return dataclasses.replace(t, values=tuple(map(tuple, values)), raw=tuple(map(tuple, raw)))


@pytest.fixture()
def review(tmp_path):
    """One clean report per agency and a report per planted defect, in two top folders."""
    clean = make_report("清水县人民政府", 2024, [STAFF], [TRAIN], tables=(table3(), table4()))
    reports = {
        "城区/clean.txt": clean,
        # F1: section 五 only boilerplate, or only measures
        "城区/boiler.txt": make_report("桃源县人民政府", 2024, [BOILERPLATE], ["下一步继续加强。"]),
        "城区/measures.txt": make_report("柏树县人民政府", 2024, [], ["下一步将加强培训。",
                                                               "完善制度。"]),
        # F2: a department published after 31 January; a county government in March (on time)
        "城区/late.txt": _with(make_report("榆树县教育局", 2024, [STAFF], [TRAIN],
                                           level="department"), published="2025-02-10"),
        "城区/march.txt": _with(make_report("榆树县人民政府", 2024, [STAFF], [TRAIN]),
                                published="2025-03-20"),
        "城区/nodate.txt": _with(make_report("无日期县人民政府", 2024, [STAFF], [TRAIN]),
                                 published=None),
        # F6b: a 2024 report on the 2019 trial template
        "乡镇/old.txt": _with(make_report("旧版县人民政府", 2024, [STAFF], [TRAIN]),
                              format="2019"),
        # F3: "/" in five cells of 三(二), a readable table
        "乡镇/slash.txt": make_report("白杨县人民政府", 2024, [STAFF], [TRAIN], tables=(
            _blank_table3({("3.2", c): "/" for c in ("natural_person", "research",
                                                       "public_interest", "legal_services",
                                                       "other")}),)),
        # F7: I1 in 自然人 and a T1 quoting 6 where 表三 says 7, T2 with 1.5 万元
        "乡镇/identity.txt": make_report(
            "石门县人民政府", 2024, [STAFF], [TRAIN], tables=(table2_8(1.5),), section6="无。",
            checks=(Check("I1", "fail", "table3", None, "natural_person", 7.0, 6.0,
                          "column natural_person: (七)总计 + 四 vs 一 + 二: 6 ≠ 7"),
                    Check("T1", "fail", "table3", "1", "total", 7.0, 6.0,
                          "section 一 says 收到/受理申请 6; table3 1/total is 7"),
                    Check("I4", "fail", "table4", "count", "review", 3.0, 4.0,
                          "行政复议: 总计 vs 维持 + 纠正 + 其他 + 尚未审结: 4 ≠ 3"))),
        "乡镇/unread.txt": make_report(
            "龙泉县人民政府", 2024, [STAFF], [TRAIN],
            errors=(Problem("table_unreadable", "表三: 140 of 175 cells read; row 3.3.1 has "
                            "0 values, expected 7"),)),
        "乡镇/dup.txt": make_report("清水县人民政府", 2024, ["网站栏目更新慢。"], [TRAIN]),
        "乡镇/y2023.txt": make_report("清水县人民政府", 2023, [STAFF], [TRAIN]),
    }
    return _store(tmp_path / "review.sqlite", reports,
                  failures=(("乡镇/broken.doc", "unsupported_format", "old Word .doc"),))


def _rows(a) -> dict:
    return {r["path"]: r for r in a.to_dict()}


def test_f1_a_section_5_without_a_concrete_problem_is_a_defect(review):
    rows = _rows(audit(review))
    for name in ("城区/boiler.txt", "城区/measures.txt"):
        r = rows[name]
        assert r["no_concrete_problem"] is True and r["defects"] == 1, name
        assert r["section5_empty"] is False
        assert "未识别出具体问题的主题" in r["findings_zh"]
    assert rows["城区/clean.txt"]["no_concrete_problem"] is False
    assert rows["城区/clean.txt"]["defects"] == 0
    order = list(audit(review).sorted()["path"])  # no longer ranked below clean reports
    assert order.index("城区/boiler.txt") < order.index("城区/clean.txt")


def test_f2_late_publication_by_the_deadline_of_the_agency(review):
    rows = _rows(audit(review))
    late = rows["城区/late.txt"]
    assert late["published"] == "2025-02-10"
    assert late["published_late"] == "published 2025-02-10, deadline 2025-01-31"
    assert late["defects"] == 1 and "1月31日" in late["findings_zh"] or "2025-01-31" in (
        late["findings_zh"])
    # a county government's own report may be published until 31 March (条例第四十九条)
    assert rows["城区/march.txt"]["published_late"] == ""
    assert rows["城区/march.txt"]["defects"] == 0
    # no date is no evidence of lateness
    assert rows["城区/nodate.txt"]["published"] == ""
    assert rows["城区/nodate.txt"]["published_late"] == ""


def test_deadline_rules():
    from nlp_reports.corpus.audit import deadline

    assert deadline(2024, "department")[0] == "2025-01-31"
    assert deadline(2024, "township")[0] == "2025-01-31"
    assert deadline(2024, "county")[0] == "2025-03-31"
    assert deadline(2015, "department")[0] == "2016-03-31"  # 2007 条例
    assert deadline(None, "county") is None


def test_f6b_a_recent_report_on_the_2019_template_is_a_defect(review):
    rows = _rows(audit(review))
    assert rows["乡镇/old.txt"]["outdated_template"] is True
    assert rows["乡镇/old.txt"]["defects"] == 1
    assert "2019年试行格式" in rows["乡镇/old.txt"]["findings_zh"]
    assert not any(r["outdated_template"] for p, r in rows.items() if p != "乡镇/old.txt")


def test_f3_blank_cells_reach_the_audit_with_their_rows(review):
    rows = _rows(audit(review))
    slash = rows["乡镇/slash.txt"]
    assert slash["defects"] == 1
    assert slash["blank_cells"].startswith("table3 5 blank: 3.2/natural_person='/'")
    assert "3.2/commercial" not in slash["blank_cells"]
    zh = slash["findings_zh"]
    assert "表三有5个单元格未填报（填写为“/”）" in zh and "三（二）“部分公开" in zh
    assert "自然人、科研机构、社会公益组织、法律服务机构、其他" in zh
    # the parse problem's message, not only its code, reaches the reviewer
    unread = rows["乡镇/unread.txt"]
    assert unread["parse_problems"] == "table_unreadable"
    assert "三（三）1“属于国家秘密”有0个数值" in unread["findings_zh"]


def test_f7_findings_in_chinese_with_the_printed_labels(review):
    a = audit(review)
    r = _rows(a)["乡镇/identity.txt"]
    assert r["identity_failures"].startswith("I1 table3/natural_person: expected 7, found 6")
    zh = r["findings_zh"]
    assert ("表三 自然人列：第一项“本年新收”+ 第二项“上年结转” = 7，第三项“本年度办理结果”（七）总计 + "
            "第四项“结转下年度继续办理” = 6，勾稽关系不成立") in zh
    # T1: which side is the narrative, which the table
    assert re.search(r"正文第一部分“总体情况”称收到/受理申请6件，而表三 第一项“本年新收[^”]*” 总计为7（表格）", zh)
    assert "表四 行政复议：总计为4，而结果维持、结果纠正、其他结果、尚未审结之和为3" in zh
    assert "本年收费金额为1.5万元" in zh  # T2 with its amount
    assert zh.startswith("（1）") and "（4）" in zh
    html = a.to_html()
    assert "勾稽关系不成立" in html and "本年收费金额为1.5万元" in html
    assert 'title="I1 table3/natural_person: expected 7, found 6' in html  # ids kept


def test_f14_one_t1_finding_is_one_item_on_the_page(review):
    html = audit(review).to_html()
    cell = re.search(r"<td[^>]*>(?:(?!</td>).)*正文第一部分(?:(?!</td>).)*</td>", html, re.S)
    assert cell and "+1 more" not in cell.group(0)  # "says …; table is …" is one item


def test_f5_sort_applies_to_every_output(review, tmp_path):
    a = audit(review, sort="agency")
    expected = list(a.sorted()["path"])
    assert expected == list(a.table.sort_values(["agency", "path"], kind="stable",
                                                na_position="last")["path"])
    assert [r["path"] for r in json.loads(a.to_json())] == expected
    import pandas as pd

    assert list(pd.read_csv(a.to_csv(tmp_path / "a.csv"), encoding="utf-8-sig")["path"]) == (
        expected)
    html = a.to_html()
    shown = [p for p in re.findall(r'<td class="file" title="([^"]+)"', html)]
    assert shown == [p for p in expected if p != "乡镇/broken.doc"]
    md = a.to_markdown()
    assert [p for p in expected if p in md and p.endswith(".txt")] == sorted(
        (p for p in expected if p.endswith(".txt")), key=lambda p: md.index("| " + p))
    assert "Sorted by agency" in md


def test_f8_columns_and_filters(review):
    a = audit(review)
    rows = _rows(a)
    assert rows["城区/clean.txt"]["folder"] == "城区"
    assert rows["城区/clean.txt"]["texts_for_agency_year"] == 2  # and 乡镇/dup.txt
    assert rows["乡镇/y2023.txt"]["texts_for_agency_year"] == 1
    assert rows["乡镇/broken.doc"]["folder"] == "乡镇"
    only = audit(review, years=[2023])
    assert set(only.table["path"]) == {"乡镇/y2023.txt", "乡镇/broken.doc"}
    town = audit(review, folders=["城区"])
    assert set(town.table["folder"]) == {"城区"} and len(town.table) == 6
    both = audit(review, years=[2024], folders=["乡镇"])
    assert "乡镇/y2023.txt" not in set(both.table["path"])
    assert "乡镇/old.txt" in set(both.table["path"])


def test_f8_shared_with_names_the_other_agencies(tmp_path):
    shared = "进一步加强政府信息公开工作人员培训，提升业务能力。"
    db = _store(tmp_path / "s.sqlite", {
        "a.txt": make_report("甲县人民政府", 2024, [STAFF], [shared]),
        "b.txt": make_report("乙县人民政府", 2024, ["保密审查不够严格。"], [shared]),
    })
    rows = _rows(audit(db))
    assert rows["a.txt"]["shared_with"] == "乙县人民政府"
    assert rows["b.txt"]["shared_with"] == "甲县人民政府"


def test_f6c_markdown_with_only_failed_files_is_not_all_clear(tmp_path):
    db = _store(tmp_path / "bad.sqlite", {}, failures=(
        ("a.zip", "unsupported_format", "a zip archive: unpack it"),
        ("b.pdf", "binary", "no text layer")))
    md = audit(db).to_markdown()
    assert "2 files could not be read" in md and "No report was read" in md
    assert "a.zip" in md and "b.pdf" in md and "no text layer" in md
    assert "Defects (data problems): 0 reports" not in md


def test_cli_sort_year_folder(review, tmp_path, capsys):
    from nlp_reports.cli import main

    out = tmp_path / "a.csv"
    assert main(["audit", "--db", str(review), "--sort", "agency", "--year", "2024",
                 "--folder", "乡镇", "--csv", str(out)]) == 0
    import pandas as pd

    df = pd.read_csv(out, encoding="utf-8-sig")
    agencies = [a for a in df["agency"] if isinstance(a, str)]
    assert agencies == sorted(agencies) and set(df["folder"]) == {"乡镇"}
    assert 2023 not in set(df["year"].dropna())
    assert main(["audit", "--db", str(review), "--sort", "nope"]) == 2  # a wrong option: usage


def test_f13_the_chinese_section_of_the_doc_names_every_column():
    from nlp_reports.corpus.audit import COLUMNS

    doc = (Path(__file__).parents[1] / "docs" / "audit.md").read_text(encoding="utf-8")
    zh = doc.split("## 审查说明（中文）", 1)[1]
    for col in COLUMNS:
        assert f"`{col}`" in zh, col
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "审查说明" in readme


EXAMPLE = (Path(__file__).parents[1] / "examples" / "corpus"
           / "云岭市人民政府2023年政府信息公开工作年度报告.txt")


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="the examples are not shipped here")
def test_f4_mixed_heading_numbering_is_a_signal(tmp_path):
    from nlp_reports.parse import load_report

    text = EXAMPLE.read_text(encoding="utf-8")
    mixed = (text.replace("\n二、主动公开政府信息情况", "\n2、主动公开政府信息情况")
             .replace("\n三、收到和处理", "\n第三部分 收到和处理")
             .replace("\n五、存在的主要问题", "\n5.存在的主要问题"))
    assert mixed.count("\n") == text.count("\n") and mixed != text
    plain, broken = load_report(text), load_report(mixed)
    assert "mixed_heading_numbering" not in {p.code for p in plain.errors}
    assert [s.number for s in broken.sections] == [s.number for s in plain.sections]
    problem = next(p for p in broken.errors if p.code == "mixed_heading_numbering")
    assert "2、(二)" in problem.message and "第三部分(三)" in problem.message
    assert "5.(五)" in problem.message and "一、(一)" in problem.message
    db = _store(tmp_path / "h.sqlite", {"plain.txt": plain, "mixed.txt": broken})
    rows = _rows(audit(db))
    assert rows["mixed.txt"]["mixed_heading_numbering"] == problem.message
    assert rows["mixed.txt"]["signals"] == rows["plain.txt"]["signals"] + 1
    assert rows["mixed.txt"]["defects"] == rows["plain.txt"]["defects"]  # not a defect
    assert "mixed_heading_numbering" not in rows["mixed.txt"]["parse_problems"]
    assert rows["plain.txt"]["mixed_heading_numbering"] == ""


def test_cells_of_an_unreadable_table_are_listed_not_counted_twice(tmp_path):
    t = dataclasses.replace(_blank_table3({("2", c): "" for c in ("natural_person", "total")}),
                            status="unreadable", problem="row 2 has 5 values, expected 7")
    r = make_report("柳岸县教育局", 2023, [STAFF], [TRAIN], level="department", tables=(t,),
                    errors=(Problem("table_unreadable", "表三: row 2 has 5 values"),))
    db = _store(tmp_path / "u.sqlite", {"u.txt": r})
    a = audit(db)
    row = _rows(a)["u.txt"]
    assert row["blank_cells"] == "table3 unread: 2 cells in rows 2"
    assert row["defects"] == 1  # table_unreadable, once
    assert "表三有2个单元格未能读出" in row["findings_zh"]
    why = re.search(r'class="why">(.*?)</span>', a.to_html()).group(1)
    assert "parse" in why and "blank" not in why


@pytest.mark.browser
@needs_chromium
def test_f8_the_page_filters_rows_by_the_words_typed(review, tmp_path):
    html = audit(review).to_html()
    got = measure_in_chromium(html, """{
      count: (function () {
        var box = document.getElementById('audit-filter');
        function shown(q) {
          box.value = q; box.dispatchEvent(new Event('input'));
          return Array.prototype.filter.call(document.querySelectorAll('#audit tbody tr'),
            function (tr) { return tr.style.display !== 'none'; }).map(function (tr) {
              return tr.cells[0].title; }); }
        return {town: shown('乡镇'), both: shown('乡镇 2023'), none: shown(''),
                label: document.getElementById('audit-shown').textContent,
                late: shown('逾期')}; })()
    }""", tmp_path)["count"]
    paths = set(audit(review).table["path"]) - {"乡镇/broken.doc"}
    assert set(got["town"]) == {p for p in paths if p.startswith("乡镇/")}
    # (dup.txt, on 2024, is kept too: its signal names the 2023 report it copies)
    assert set(got["both"]) == {"乡镇/y2023.txt", "乡镇/dup.txt"}
    assert set(got["none"]) == paths and got["label"] == ""
    assert got["late"] == ["城区/late.txt"]  # the reason beside the count is searchable


def test_x1_in_chinese_in_the_form_s_column_order(tmp_path):
    y1 = table3({("4", "natural_person"): 2.0, ("4", "total"): 2.0,
                 ("1", "natural_person"): 12.0, ("1", "total"): 12.0})
    y2 = table3({("2", "natural_person"): 5.0, ("2", "total"): 5.0,
                 ("4", "natural_person"): 5.0, ("4", "total"): 5.0})
    db = _store(tmp_path / "x.sqlite", {
        "a.txt": make_report("己县人民政府", 2022, [STAFF], [TRAIN], tables=(y1,)),
        "b.txt": make_report("己县人民政府", 2023, [STAFF], [TRAIN], tables=(y2,))})
    zh = _rows(audit(db))["b.txt"]["findings_zh"]
    assert zh.index("表三 自然人列：第二项“上年结转”为5，与上年度报告第四项“结转下年度继续办理”2不一致") < (
        zh.index("表三 总计列：第二项“上年结转”为5"))
