"""The cross-year tables as a reader of the Chinese HTML summary meets them.

The X1/X2 table of a 40-report corpus is 221 rows folded behind "click to show", and the
problem-changes table 101: the page said neither how many reports carry over a wrong
figure nor how many problems are new or gone, nor what a row is. Each now has one Chinese
sentence of counts (checkable in the rows) and a note saying what a row means.
"""

from __future__ import annotations

import pandas as pd
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize
from nlp_reports.corpus.html_report import cross_year_headline_zh, problem_changes_headline_zh
from nlp_reports.corpus.summarize import CROSS_YEAR_COLUMNS

_X1_COLUMNS = ("natural_person", "commercial", "research", "public_interest",
               "legal_services", "other", "total")


def _x1(agency, year, rid, prev, found, expected, inconsistent=False):
    """X1 rows of one comparison: ``found``/``expected`` per column name, equal elsewhere."""
    return [dict(agency=agency, year=year, report_id=rid, prev_report_id=prev, check="X1",
                 table_id="table3", row="2", column=c, expected=float(expected.get(c, 0)),
                 found=float(found.get(c, 0)),
                 outcome="fail" if found.get(c, 0) != expected.get(c, 0) else "pass",
                 soft=False, reason="",
                 previous_inconsistent=inconsistent and found.get(c, 0) != expected.get(c, 0))
            for c in _X1_COLUMNS]


def _not_assessed(agency, year, rid, reason):
    return [dict(agency=agency, year=year, report_id=rid, prev_report_id=None, check="X1",
                 table_id="table3", row="2", column=None, expected=None, found=None,
                 outcome="not_assessable", soft=False, reason=reason,
                 previous_inconsistent=False)]


def _frame():
    rows = [
        # a township that carried over 2 where last year left 1 pending
        *_x1("柏树镇人民政府", 2023, 11, 10, {"natural_person": 2, "total": 2},
             {"natural_person": 1, "total": 1}),
        # a bureau: last year's own 表三 did not add up in the 商业企业 column
        *_x1("江口县交通运输局", 2024, 21, 20, {}, {"commercial": 1, "total": 1},
             inconsistent=True),
        # a commission filed 2022 twice; 2023 agrees with the corrected text only
        *_x1("岭东市卫生健康委员会", 2023, 32, 30, {"natural_person": 2, "total": 2},
             {"natural_person": 3, "total": 3}),
        *_x1("岭东市卫生健康委员会", 2023, 32, 31, {"natural_person": 2, "total": 2},
             {"natural_person": 2, "total": 2}),
        # an office whose 现行有效 does not roll forward
        *_x1("江口县人民政府办公室", 2022, 41, 40, {}, {}),
        dict(agency="江口县人民政府办公室", year=2022, report_id=41, prev_report_id=40,
             check="X2", table_id="table2.1", row="normative_documents", column="in_force",
             expected=33.0, found=31.0, outcome="fail", soft=True, reason="",
             previous_inconsistent=False),
        *_not_assessed("柏树镇人民政府", 2022, 10, "first_stored_year"),
        *_not_assessed("江口县交通运输局", 2023, 20, "first_stored_year"),
        *_not_assessed("岭东市生态环境局", 2023, 51, "previous_missing"),
    ]
    return pd.DataFrame(rows)[list(CROSS_YEAR_COLUMNS)]


def test_cross_year_headline_counts_reports_and_cells():
    text = cross_year_headline_zh(_frame())
    # 柏树镇, 江口县交通运输局, 岭东市卫健委, 江口县政府办 were compared
    assert "可与本机关上年度报告核对的4份报告中" in text
    # X1: 柏树镇 (2 cells) and the bureau (2 cells, last year's column in doubt); the
    # commission agrees with the corrected 2022 text, so it is not counted
    assert "不一致（X1）的2份，共4个单元格（其中2个所在列上年度表三本身不平衡" in text
    assert "（X2，常因修订、自然失效，只作提示）的1份" in text
    assert "未能核对上年结转的3份：本机关无更早年度的报告2份，未收录上一年度报告（更早年度有）1份" in text


def test_cross_year_headline_without_rows():
    assert "没有可核对的报告" in cross_year_headline_zh(_frame().iloc[:0])


def test_problem_changes_headline_counts_statuses():
    df = pd.DataFrame({
        "report_id": [11, 11, 11, 21, 21, 32],
        "status": ["persisting", "new", "disappeared", "reappeared", "persisting", "new"]})
    text = problem_changes_headline_zh(df)
    assert "有本机关此前报告可比的3份报告中" in text
    assert "新出现2个、延续2个、再次出现1个、消失1个" in text


def test_the_summary_page_says_what_the_cross_year_rows_are(tmp_path):
    tagger = FakeTagger()
    db = tmp_path / "c.sqlite"
    with Store(db) as s:
        for i, y in enumerate((2022, 2023)):
            r = make_report("柏树镇人民政府", y,
                            ["信息员由党政办人员兼任，人员调整后交接不及时。"],
                            ["明确专人负责，做好人员交接。"], level="township")
            s.write_report(f"b{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    html = summarize(db).to_html(tmp_path / "s.html")
    assert "跨年度表格核对 X1、X2" in html
    assert "X1：表三第二项“上年结转”（found）逐列应等于上年度第四项" in html
    assert "问题的逐年变化" in html and "reappeared 上年没有、更早某年有过" in html
    assert "有本机关此前报告可比的1份报告中" in html


def test_cross_year_headline_when_nothing_fails():
    rows = _frame()
    rows = rows[rows["outcome"] != "fail"]
    text = cross_year_headline_zh(rows)
    assert "不一致（X1）的0份，共0个单元格" in text and "只作提示）的0份" in text
