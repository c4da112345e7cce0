"""The audit: every defect of every report, counted by hand on a small store."""

from __future__ import annotations

import json

import pytest
from _corpus_helpers import FakeTagger, make_report, table2_8

from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.audit import is_empty_text
from nlp_reports.errors import UsageError
from nlp_reports.report import Check

P_STAFF = "人员力量不足。"
M_TRAIN = "加强人员培训。"


@pytest.fixture()
def db(tmp_path):
    reports = {
        "r1.txt": make_report(
            "甲县人民政府", 2022, [P_STAFF], [M_TRAIN], missing=(4,),
            checks=(Check("I1", "fail", "table3", "1", "total", 10.0, 9.0, "I1 fails"),
                    Check("I2", "pass", "table3", "1", "total", 9.0, 9.0),
                    Check("T1", "fail", "table3", "1", "total", 10.0, 12.0,
                          "总体情况 says 12 applications, 表三 says 10"))),
        "r2.txt": make_report("甲县人民政府", 2023, [P_STAFF], ["完善保密审查制度。"]),
        "r3.txt": make_report("乙市人民政府", 2023, ["网站栏目更新不及时。"], [M_TRAIN],
                              level="city", tables=(table2_8(5.0),), section6="无。"),
        "r4.txt": make_report("丙县人民政府", 2023, [], []),
    }
    path = tmp_path / "c.db"
    tagger = FakeTagger()
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
        s.record_failure("bad.txt", "empty", "the file is empty")
    return path


def test_defects_counted_by_hand(db):
    a = audit(db)
    t = a.table.set_index("path")
    # defects: I1, T1, missing 四; signals (counted apart): the measure shared with 乙市
    assert list(t.loc["r1.txt", ["defects", "signals", "missing_sections",
                                 "shared_with_other_agencies"]]) == [3, 1, "4", 1]
    assert t.loc["r1.txt", "identity_failures"] == "I1 table3/1/total: expected 10, found 9"
    assert "says 12" in t.loc["r1.txt", "t1_contradictions"]
    assert t.loc["r1.txt", "unmatched_problems"] == ""
    assert t.loc["r2.txt", "copied_from_last_year"] == 1
    assert t.loc["r2.txt", "unmatched_problems"] == "人员力量"
    assert list(t.loc["r2.txt", ["defects", "signals"]]) == [0, 2]
    assert t.loc["r3.txt", "unmatched_problems"] == "及时性、平台渠道与信息化"
    assert bool(t.loc["r3.txt", "t2_fees_without_6"]) is True
    # one problem statement (two themes) with no measure on either: one signal, not two
    assert list(t.loc["r3.txt", ["defects", "signals"]]) == [1, 1 + 1]
    assert bool(t.loc["r4.txt", "section5_empty"]) is True and t.loc["r4.txt", "defects"] == 1
    assert not t.loc[["r1.txt", "r2.txt", "r3.txt"], "section5_empty"].any()
    assert t.loc["bad.txt", "failed"] == "empty: the file is empty"
    assert t.loc["bad.txt", "defects"] == 1


def test_outputs_and_sorting(db, tmp_path):
    a = audit(db)
    md = a.to_markdown()
    assert md.index("r1.txt") < md.index("r4.txt")  # most defects first
    by_path = a.to_markdown(sort="path")
    assert by_path.index("bad.txt") < by_path.index("r1.txt")
    with pytest.raises(UsageError, match="cannot sort"):
        a.to_markdown(sort="nope")
    rows = json.loads(a.to_json())
    assert len(rows) == 5 and rows[0]["defects"] == 3
    csv = a.to_csv(tmp_path / "a.csv")
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0].startswith("report_id,path")
    html = a.to_html(tmp_path / "a.html")
    assert 'class="sortable"' in html and "<script>" in html and "乙市人民政府" in html


@pytest.mark.parametrize("text, empty", [
    ("无", True), ("无。", True), ("暂无突出问题。", True),
    ("（一）存在的主要问题\n无\n（二）改进措施\n无", True),
    ("（一）存在的主要问题\n人员不足。", False), ("无法按时更新。", False),
])
def test_empty_section_texts(text, empty):
    assert is_empty_text(text) is empty


def test_a_section_5_in_prose_is_listed_but_no_defect(tmp_path):
    from nlp_reports.report import Problem

    unsplit = Problem("statements_unsplit", "section 五 has no enumerated items")
    unread = Problem("table_unreadable", "表三 could not be read")
    r1 = make_report("丁县人民政府", 2023, ["人员力量不足。"], ["加强培训。"], errors=(unsplit,))
    r2 = make_report("戊县人民政府", 2023, ["网站栏目更新慢。"], ["按周更新。"],
                     errors=(unsplit, unread))
    path = tmp_path / "p.db"
    with Store(path) as s:
        for name, r in (("a.txt", r1), ("b.txt", r2)):
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    t = audit(path).table.set_index("path")
    assert t.loc["a.txt", "parse_problems"] == "statements_unsplit"
    assert t.loc["a.txt", "defects"] == 0
    assert t.loc["b.txt", "defects"] == 1  # the unreadable table is one


def test_a_carry_over_error_is_one_defect_however_many_columns_differ(tmp_path):
    from _corpus_helpers import table3

    y1 = table3({("1", "natural_person"): 12.0, ("1", "total"): 12.0,
                 ("4", "natural_person"): 2.0, ("4", "total"): 2.0})
    y2 = table3({("2", "natural_person"): 5.0, ("2", "total"): 5.0,
                 ("4", "natural_person"): 5.0, ("4", "total"): 5.0})
    r1 = make_report("己县人民政府", 2022, ["人员不足。"], ["配备专人。"], tables=(y1,))
    r2 = make_report("己县人民政府", 2023, ["网站更新滞后。"], ["定期更新。"], tables=(y2,))
    path = tmp_path / "x.db"
    with Store(path) as s:
        for name, r in (("a.txt", r1), ("b.txt", r2)):
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    row = audit(path).table.set_index("path").loc["b.txt"]
    assert row["cross_year_failures"].count("X1") == 2  # both cells listed
    assert row["identity_failures"] == ""
    assert row["defects"] == 1  # one carry-over error


def test_a_problem_answered_on_one_of_its_themes_is_matched(tmp_path):
    """A problem with two themes whose measure names one of them is answered (the s9 trial:
    matching theme by theme flagged 20 of 39 sound reports); a problem none of whose themes
    a measure names is not, and the signal counts problem statements."""
    sound = make_report("丁县人民政府", 2024, ["主动公开的深度和广度不够。"],
                        ["加大主动公开力度。"])
    open_ = make_report("戊县人民政府", 2024, ["主动公开的深度和广度不够。", "人员力量不足。",
                                             "网站栏目更新不及时。"], ["加大主动公开力度。"])
    path = tmp_path / "m.db"
    tagger = FakeTagger()
    with Store(path) as s:
        for name, r in (("sound.txt", sound), ("open.txt", open_)):
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
    t = audit(path).table.set_index("path")
    assert t.loc["sound.txt", "unmatched_problems"] == ""
    assert "改进措施中没有对应" not in t.loc["sound.txt", "signals_zh"]
    assert t.loc["open.txt", "unmatched_problems"] == "人员力量、及时性、平台渠道与信息化"
    assert "有2条问题在改进措施中没有对应" in t.loc["open.txt", "signals_zh"]
