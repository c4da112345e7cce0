"""The summary's figures against hand counts on small stores: cells of a
table read only in part, files in no table, a store with no report, representatives."""

from __future__ import annotations

import dataclasses

import pandas as pd
from _corpus_helpers import FakeTagger, make_report, table3

from nlp_reports.corpus import Store, summarize


def _write(store, reports):
    tagger = FakeTagger()
    for i, r in enumerate(reports):
        store.write_report(f"/c/r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")


def test_cross_year_leaves_out_a_table_read_only_in_part(tmp_path):
    """X1 compares 表三 row 四 of t−1 with row 二 of t. A 表三 read only in part
    (``unreadable``: a row with a value too few cannot place its cells) is no operand of
    the report's own checks nor of the table figures; it was one of X1, which then
    reported a hard failure the two tables may not have."""
    carried = {("4", "natural_person"): 3, ("4", "total"): 3}
    part = dataclasses.replace(table3(carried), status="unreadable",
                               problem="表三: row 4 has 6 values, expected 7")
    whole = table3({("2", "natural_person"): 5, ("2", "total"): 5})
    with Store(tmp_path / "s.db") as s:
        _write(s, [make_report("甲县人民政府", 2022, ["人员不足。"], ["加强培训。"], tables=(part,)),
                   make_report("甲县人民政府", 2023, ["人员不足。"], ["加强培训。"], tables=(whole,)),
                   # the same pair with both tables read: X1 is assessed (and fails)
                   make_report("乙县人民政府", 2022, ["人员不足。"], ["加强培训。"],
                               tables=(table3(carried),)),
                   make_report("乙县人民政府", 2023, ["人员不足。"], ["加强培训。"],
                               tables=(whole,))])
        cy = summarize(s).cross_year
        # the writer keeps no X1 operand of the table read in part (a NULL column)
        stored = dict(s.connection.execute(
            "SELECT agency || year, x1_out_natural_person FROM reports WHERE year = 2022"))
    assert stored == {"甲县人民政府2022": None, "乙县人民政府2022": 3.0}
    x1 = cy[(cy["check"] == "X1") & (cy["outcome"] != "not_assessable")]
    assert set(x1["agency"]) == {"乙县人民政府"}
    # 甲县's 2023 is said not assessed, and why (panel24)
    left = cy[cy["outcome"] == "not_assessable"]
    assert list(zip(left["agency"], left["year"], left["reason"], strict=True)) == [
        ("乙县人民政府", 2022, "first_stored_year"), ("甲县人民政府", 2023, "previous_unreadable")]
    # natural_person and total differ (3 ≠ 5); the other columns are 0 = 0
    assert sorted(x1.loc[x1["outcome"] == "fail", "column"]) == ["natural_person", "total"]


def test_notes_say_how_many_files_are_in_no_table(tmp_path):
    """A reader counting the collection's files finds more than ``n_reports``: the notes
    say how many could not be read (by reason) and how many were copies counted once."""
    with Store(tmp_path / "s.db") as s:
        _write(s, [make_report("甲县人民政府", 2023, ["人员不足。"], ["加强培训。"])])
        s.record_failure("/c/empty.txt", "empty", "the file is empty")
        s.record_failure("/c/news.txt", "not_a_report", "no annual-report content")
        s.record_failure("/c/news2.txt", "not_a_report", "no annual-report content")
        s.record_duplicates([("/c/copy/r0.txt", "abc", 10, "/c/r0.txt", "m")])
        summary = summarize(s)
    assert summary.n_reports == 1
    note = summary.notes[0]
    assert note.startswith("3 files could not be read (not_a_report: 2, empty: 1)")
    assert "1 file held the same report as a stored file" in note
    assert f"- {note}" in summary.to_markdown()


def test_no_note_on_files_when_every_file_is_a_report(tmp_path):
    with Store(tmp_path / "s.db") as s:
        _write(s, [make_report("甲县人民政府", 2023, ["人员不足。"], ["加强培训。"])])
        assert not any("file" in n for n in summarize(s).notes)


def test_a_store_with_no_report_still_has_one_table_stats_row(tmp_path):
    """Without ``by`` ``table_stats`` is "one row in all", as ``overview`` is, also when
    every file failed: 0 reports, nothing read, no share (not an empty table)."""
    with Store(tmp_path / "s.db") as s:
        s.record_failure("/c/empty.txt", "empty", "the file is empty")
        summary = summarize(s)
    ts, ov = summary.table_stats, summary.overview
    assert len(ov) == 1 and len(ts) == 1
    row = ts.iloc[0]
    assert row["reports"] == 0 and row["with_table3"] == 0 and row["with_tables"] == 0
    assert pd.isna(row["received"]) and pd.isna(row["share_failing_I1_I4"])
    md = summary.to_markdown()
    assert "nan" not in md.lower().replace("nanning", "")
    assert "1 file could not be read (empty: 1)" in md


def test_representatives_are_not_one_agency_repeating_itself(tmp_path):
    """The centroid weights a wording by the agencies that use it: an agency that copies its
    own problem year after year (6 reports) must not outweigh four agencies that each word
    the common problem their own way — before, its wording was rank 1 with its 6 copies."""
    own = "专职人员流动性大，队伍不够稳定。"
    common = ["政务公开工作人员力量不足，专职人员配备不到位。",
              "政务公开工作人员力量薄弱，专职人员配备不足。",
              "政务公开人员力量不足，兼职人员多、专职人员少。",
              "政务公开工作人员力量不足，业务骨干缺乏。"]
    reports = [make_report("甲县人民政府", y, [own], ["加强培训。"]) for y in range(2018, 2024)]
    reports += [make_report(f"{n}县人民政府", 2023, [t], ["加强培训。"])
                for n, t in zip("乙丙丁戊", common, strict=True)]
    with Store(tmp_path / "s.db") as s:
        _write(s, reports)
        rep = summarize(s).representatives
    staff = rep[(rep["theme"] == "staffing") & (rep["kind"] == "problem")]
    assert staff["n_statements"].iloc[0] == 10
    top = staff[staff["rank"] == 1].iloc[0]
    assert top["text"] in common and top["agency"] != "甲县人民政府"
    # the repeated wording is still a candidate, shown once
    assert (staff["text"] == own).sum() <= 1


def test_distinctive_words_are_not_one_agencys_own():
    """A year's distinctive words must be written by at least two of its agencies: one
    long report naming its own county and projects (砚山县, 一码通办) filled the whole list
    of its year on the trial store. A group with one agency (``by=agency``) keeps its own."""
    from nlp_reports.corpus.summarize import _vocabulary

    shared = "政务公开 标准化 目录 " * 2
    reps = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6],
                         "year": [2022, 2022, 2023, 2023, 2023, 2023],
                         "agency": ["甲县", "乙县", "甲县", "乙县", "丙县", "丙县"]})
    words = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6], "words": [
        "信息公开 平台 建设 平台", "信息公开 平台 建设 网站",
        "信息公开 " + shared, "信息公开 " + shared,
        "砚山县 砚山县 砚山县 一码通办 一码通办 一码通办 " * 3, "砚山县 一码通办 信息公开"]})
    voc = _vocabulary(reps, words, ("year",), 15)
    y23 = voc[voc["year"] == 2023]
    assert {"标准化", "目录"} <= set(y23["word"])
    assert not {"砚山县", "一码通办"} & set(y23["word"])
    by_agency = _vocabulary(reps, words, ("agency",), 15)
    assert "砚山县" in set(by_agency.loc[by_agency["agency"] == "丙县", "word"])


def test_html_charts_round_the_share_once():
    """The page's corpus-wide bars and trend points print k/n as a percentage from the
    counts: 23 of 43 reports is 53 % (the heat cells say so); from the table's share,
    already rounded to 0.535, the bar said 54 %."""
    from nlp_reports.corpus.html_report import _coverage_chart, _prevalence_chart, _trend_chart

    prev = pd.DataFrame({"kind": ["problem", "measure"], "theme": ["staffing", "staffing"],
                         "theme_name": ["人员力量", "人员力量"], "reports": [23, 1],
                         "n_reports": [43, 43], "share": [0.535, 0.023]})
    assert "人员力量 · 问题 problem: 53%" in _prevalence_chart(prev, ())
    cov = pd.DataFrame({"theme": ["staffing"], "theme_name": ["人员力量"],
                        "reports_admitting": [43], "also_measure": [23], "share": [0.535]})
    assert "人员力量 · 有对应措施 with a measure: 53%" in _coverage_chart(cov, ())
    trend = pd.concat([prev.assign(year=2022), prev.assign(year=2023)], ignore_index=True)
    svg = _trend_chart(trend)
    assert "人员力量: 53% (2022, n=43)" in svg and "54%" not in svg


def test_html_tables_say_unknown_for_a_report_without_year_or_agency(tmp_path):
    """docs/summary.md: an unknown year is printed "(unknown)" in Markdown and HTML; the
    page's tables left the cell blank (the Markdown said "(unknown)")."""
    from lxml import html as lh

    undated = dataclasses.replace(
        make_report("乙县人民政府", 2023, ["人员不足。"], ["加强培训。"]),
        metadata=dataclasses.replace(make_report("乙县人民政府", 2023, [], []).metadata,
                                     year=None, agency=None))
    with Store(tmp_path / "s.db") as s:
        _write(s, [make_report("甲县人民政府", 2023, ["人员不足。"], ["加强培训。"]), undated])
        summary = summarize(s, by=["year"])
    assert "| (unknown) | 1 |" in summary.to_markdown()
    page = lh.fromstring(summary.to_html())
    overview = page.xpath("//h2[contains(., 'Corpus overview')]/following-sibling::table[1]")[0]
    years = [tr.findall("td")[0].text_content() for tr in overview.find("tbody")]
    assert years == ["2023", "(unknown)"]


def test_share_failing_counts_reports_whose_identities_passed_with_blank_totals(tmp_path):
    """``share_failing_I1_I4`` is over the reports whose identities could be checked. A
    表三 with its 总计 column left blank (common) has no received / outcomes total, yet I1
    is checked per applicant column: such a report entered the denominator only when it
    failed, so the share was 1/1 where a hand count says 1 of 2."""
    from nlp_reports.report import Check

    blank_totals = {("1", "total"): None, ("3.1", "total"): None, ("3.7", "total"): None}
    passing = make_report("甲县人民政府", 2023, ["人员不足。"], ["加强培训。"],
                          tables=(table3(blank_totals),),
                          checks=(Check("I1", "pass", "table3", None, "natural_person",
                                        10.0, 10.0),
                                  Check("I1", "not_assessable", "table3", None, "total")))
    failing = make_report("乙县人民政府", 2023, ["人员不足。"], ["加强培训。"],
                          tables=(table3(blank_totals),),
                          checks=(Check("I1", "fail", "table3", None, "natural_person",
                                        10.0, 9.0),))
    narrative = make_report("丙县人民政府", 2023, ["人员不足。"], ["加强培训。"])
    with Store(tmp_path / "s.db") as s:
        _write(s, [passing, failing, narrative])
        ts = summarize(s).table_stats.iloc[0]
    assert ts["with_table3"] == 0 and ts["with_tables"] == 2
    assert ts["share_failing_I1_I4"] == 0.5


def test_a_store_of_one_report_reads_right_on_the_page(tmp_path):
    """One year of one report: no trend to draw, said in the singular; no nan, inf or
    division by zero anywhere on the page or in the Markdown."""
    with Store(tmp_path / "s.db") as s:
        _write(s, [make_report("甲县人民政府", 2012, ["人员不足。"], ["加强培训。"])])
        summary = summarize(s, by=["year"])
    page, md = summary.to_html(), summary.to_markdown()
    assert "Only one year (2012, 1 report)" in page
    for text in (page, md):
        low = text.lower()
        assert "nan" not in low and "inf%" not in low and "<na>" not in low


def test_vocabulary_sample_is_per_group_also_for_derived_keys():
    """At most ``vocabulary_sample`` reports per group are read (docs/summary.md). A derived
    key (tier, folder, province, prefecture) was sampled per region instead: the county
    tier of three counties read 3 × the sample."""
    reports = [make_report(f"{c}县人民政府", y, ["人员力量不足。"], ["加强培训。"], region=f"{c}县",
                           section1="政务公开标准化规范化建设稳步推进。")
               for c in "甲乙丙" for y in (2022, 2023)]
    reports += [make_report("丁市人民政府", y, ["平台建设不足。"], ["推进平台升级。"], level="city",
                            region="丁市", section1="数字政府平台整合迁移完成。")
                for y in (2022, 2023)]
    tagged = FakeTagger().tag_many(reports)  # an in-memory store, with the words stored
    voc = summarize(zip(reports, tagged, strict=True), by=["tier"],
                    vocabulary_sample=2).vocabulary
    county = voc[voc["tier"] == "county"]
    assert len(county) and county["count"].max() <= 2 * 2  # 2 reports, a word twice at most


def test_problem_changes_name_the_statements_of_each_theme(tmp_path):
    """problem_changes has one row per theme: a statement on two themes gives two rows; each
    names the report's problem statements on its theme, so statements can be counted
    (sixth trial, F7)."""
    with Store(tmp_path / "s.db") as s:
        _write(s, [
            make_report("甲县人民政府", 2022, ["人员力量不足，培训较少。", "保密审查不严。"], ["加强培训。"]),
            make_report("甲县人民政府", 2023, ["人员力量不足，培训较少。", "网站平台建设不足。"],
                        ["推进平台升级。"])])
        ch = summarize(s).problem_changes
    rows = {(r.theme, r.status): r.statement_idx for r in ch.itertuples()}
    assert rows[("staffing", "persisting")] == "0" and rows[("training", "persisting")] == "0"
    assert rows[("platform", "new")] == "1"
    assert rows[("confidentiality", "disappeared")] == ""


def test_a_statement_that_normalises_to_nothing_does_not_stop_the_summary(tmp_path):
    """A statement such as "1." (a marker left alone by a broken layout) has no characters
    once normalised; as the last distinct text it made the TF-IDF's row norms fail
    (numpy's add.reduceat past the end) and summarize and audit crashed."""
    from nlp_reports.corpus import audit
    from nlp_reports.corpus.copying import NearDuplicateIndex

    for texts in (["人员力量不足。", "1."], ["人员力量不足。", "加强培训", "（二）"], ["1."]):
        index = NearDuplicateIndex.build(texts)
        assert len(index.uid) == len(texts)
    with Store(tmp_path / "s.db") as s:
        _write(s, [make_report("甲县人民政府", 2023, ["人员不足。"], ["1."])])
        assert summarize(s).n_statements == 2
        assert len(audit(s).table) == 1
