"""The summary page's first line counted by hand against the store.

The line read its agencies from ``overview``, whose ``agencies`` counts the reports that
name no agency as one agency ``(unknown)``: a store of one 区政府's two reports and a
report whose agency the parser could not read opened with "3 reports of 2 agencies",
where ``SELECT COUNT(DISTINCT agency) FROM reports`` gives 1. And two years with a gap
(2019, 2021) read "years 2019–2021", three years to the eye, with no count.
"""

from __future__ import annotations

from dataclasses import replace

from _corpus_helpers import make_report, store_of

from nlp_reports.corpus import summarize
from nlp_reports.corpus.html_report import corpus_line

PROBLEMS = ["政务新媒体更新频率不高，部分栏目长期未更新。", "依申请公开答复文书说理不够充分。"]
MEASURES = ["建立栏目巡查制度，每月通报更新情况。", "组织依申请公开业务培训，规范答复文书。"]


def _store(tmp_path, years_and_agencies):
    reports = {}
    for k, (agency, year) in enumerate(years_and_agencies):
        r = make_report(agency or "某单位", year, PROBLEMS[: 1 + k % 2], MEASURES,
                        region="鹭岛市")
        if agency is None:  # a report whose agency the parser could not read
            r = replace(r, metadata=replace(r.metadata, agency=None, region=None))
        reports[f"r{k}.txt"] = r
    return store_of(tmp_path / "s.sqlite", reports)


def test_first_line_counts_named_agencies_and_says_how_many_reports_name_none(tmp_path):
    db = _store(tmp_path, [("鹭岛市海沧区人民政府", 2022), ("鹭岛市海沧区人民政府", 2023),
                           (None, 2023)])
    s = summarize(db)
    assert s.overview["agencies"].iloc[0] == 2  # the table's documented count: (unknown) is one
    line = corpus_line(s)
    assert line.startswith("3 reports of 1 agency and 1 with no agency, years 2022–2023,"), line
    assert "共3份报告，1个机关，另有1份机关不明，2022–2023年度" in line, line


def test_first_line_counts_every_agency_when_all_are_named(tmp_path):
    db = _store(tmp_path, [("鹭岛市海沧区人民政府", 2022), ("鹭岛市教育局", 2022)])
    line = corpus_line(summarize(db))
    assert line.startswith("2 reports of 2 agencies, year 2022,"), line
    assert "机关不明" not in line and "no agency" not in line


def test_first_line_counts_the_years_when_some_are_missing(tmp_path):
    db = _store(tmp_path, [("鹭岛市海沧区人民政府", 2019), ("鹭岛市海沧区人民政府", 2021)])
    line = corpus_line(summarize(db))
    assert "years 2019–2021 (2 years)" in line and "2019–2021年度（2个年度）" in line, line
