"""Two defects of the summary's application figures: the reports each divides by.

1. ``table_stats``' review and litigation are 表四's, so their per-report mean is over the
   reports whose 表四 was read (``with_table4``), not those whose 表三 was (``with_table3``):
   the two differ whenever a report had one table read and not the other.
2. A school's, hospital's or enterprise's report says "本年度未收到信息公开申请" and "未发生因
   信息公开申请引起的行政复议" — no 政府 — and the prose reader, which wanted 政府信息公开,
   read nothing. It now reads those zeros (each for the figure it names, never another).
"""

from __future__ import annotations

import dataclasses

import pytest
from _corpus_helpers import FakeTagger, make_report, table3, table4

from nlp_reports.corpus import Store, panel, summarize
from nlp_reports.corpus.html_report import summary_html
from nlp_reports.corpus.summarize import load_frames, narrative_counts
from nlp_reports.parse.checks import narrative_figures

# --- 1. 表四's own denominator --------------------------------------------------------------

#: (agency, level, 表三 received or None, 表四 (review, direct, after) or None, 表四 unreadable)
REPORTS = [
    ("甘棠县人民政府", "county", 10, (2, 1, 0), False),      # both tables
    ("甘棠县教育局", "department", 6, None, False),           # 表三 only: no 表四 printed
    ("甘棠县自然资源局", "department", None, (4, 0, 3), False),  # 表四 only (表三 lost in the PDF)
    ("柳湾镇人民政府", "township", 20, (0, 0, 0), False),      # both, 表四 all 0
    ("甘棠县卫生健康局", "department", 4, (9, 9, 9), True),    # 表四 unreadable: no figure
    ("石桥乡人民政府", "township", None, None, False),          # neither
]


@pytest.fixture(scope="module")
def one_sided(tmp_path_factory):
    path = tmp_path_factory.mktemp("sum17") / "t.sqlite"
    tagger = FakeTagger()
    with Store(path) as s:
        for i, (agency, level, received, t4, unreadable) in enumerate(REPORTS):
            tables = []
            if received is not None:
                tables.append(table3(received=received))
            if t4 is not None:
                t = table4(*t4)
                tables.append(dataclasses.replace(t, status="unreadable") if unreadable else t)
            r = make_report(agency, 2022, ["依申请公开答复文书不够规范。"], ["制定答复文书范本。"],
                            level=level, region="汐川", tables=tuple(tables))
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    return path


def test_review_and_litigation_are_divided_by_the_reports_with_table4(one_sided):
    row = summarize(one_sided).table_stats.iloc[0]
    # by hand: 表三 read for 甘棠县人民政府, 教育局, 柳湾镇, 卫生健康局 (4); 表四 read for 甘棠县人民
    # 政府, 自然资源局, 柳湾镇 (3; 卫生健康局's is unreadable, 教育局 printed none)
    assert (row["reports"], row["with_table3"], row["with_table4"]) == (6, 4, 3)
    assert row["received"] / row["with_table3"] == (10 + 6 + 20 + 4) / 4
    assert row["review"] / row["with_table4"] == (2 + 4 + 0) / 3
    assert row["litigation"] / row["with_table4"] == (1 + 3 + 0) / 3
    # the old divisor gave 6 / 4 = 1.5 reviews per report for a true 2.0
    assert row["review"] / row["with_table3"] != pytest.approx((2 + 4 + 0) / 3)


def test_with_table4_per_group_when_one_table_alone_was_read(one_sided):
    ts = summarize(one_sided, by=["level"]).table_stats.set_index("level")
    # county: both; township: 柳湾镇 both, 石桥乡 neither; department: 教育局 表三 only,
    # 自然资源局 表四 only, 卫生健康局 表三 and an unreadable 表四
    assert ts.loc["county", ["with_table3", "with_table4"]].tolist() == [1, 1]
    assert ts.loc["township", ["with_table3", "with_table4"]].tolist() == [1, 1]
    dep = ts.loc["department"]
    assert (dep["with_table3"], dep["with_table4"]) == (2, 1)
    assert dep["received"] / dep["with_table3"] == (6 + 4) / 2
    assert (dep["review"] / dep["with_table4"], dep["litigation"] / dep["with_table4"]) == (4, 3)
    # and each mean is the mean of the per-report frame over the reports that have the figure
    with Store(one_sided, readonly=True) as s:
        r = load_frames(s).reports
    for level, group in r.groupby("level"):
        for figure, denominator in (("received", "with_table3"), ("review", "with_table4"),
                                    ("litigation", "with_table4")):
            assert ts.loc[level, denominator] == group[figure].notna().sum()
            if ts.loc[level, denominator]:
                assert ts.loc[level, figure] / ts.loc[level, denominator] == pytest.approx(
                    group[figure].mean())


def test_the_panel_and_the_html_report_keep_the_tables_apart(one_sided):
    p = panel(one_sided).set_index("agency")
    # the panel is per report: a table not read is empty, never 0
    assert p.loc["甘棠县教育局", "received"] == 6 and p.loc[["甘棠县教育局", "甘棠县卫生健康局"],
                                                        "review"].isna().all()
    assert p.loc["甘棠县自然资源局", "received"] != p.loc["甘棠县自然资源局", "received"]
    assert p["review"].notna().sum() == 3 and p["received"].notna().sum() == 4
    html = summary_html(summarize(one_sided))
    assert "with_table4" in html and "with_table4 为读出表四的报告数" in html


# --- 2. prose counts of schools, hospitals and enterprises ------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("三、依申请公开信息情况\n本年度未收到信息公开申请。", {"received": 0}),
    ("2018年，我校未收到信息公开申请，也未发生因信息公开引起的行政复议和行政诉讼。",
     {"received": 0, "review": 0, "litigation": 0}),
    ("本院全年无信息公开申请，信息公开工作平稳有序。", {"received": 0}),
    ("四、因信息公开申请提起行政复议、行政诉讼的情况\n"
     "本年度未发生因信息公开申请提起的行政复议和行政诉讼。", {"review": 0, "litigation": 0}),
    ("公司本年度未发生涉及信息公开的行政诉讼。", {"litigation": 0}),  # 诉讼 only: 复议 unknown
    ("本单位全年没有因信息公开工作被申请行政复议的情况。", {"review": 0}),
    ("我院因信息公开申请被提起行政复议1件，复议机关维持了原答复；行政诉讼0件。",
     {"review": 1}),  # (the 诉讼 clause is a sentence of its own, naming no cause: not read)
    ("本校全年共受理信息公开申请7件，其中予以公开5件，部分公开2件。",
     {"received": 7, "granted": 5, "partial": 2}),
])
def test_a_school_hospital_or_enterprise_states_its_figures_without_zhengfu(text, want):
    assert narrative_counts(text, 2018) == want


@pytest.mark.parametrize("text", [
    "全年未发生行政复议和行政诉讼。",  # no word of disclosure: cases of any kind
    "全年办理行政复议案件12件，复议决定书均依法进行信息公开。",  # 信息公开 of the decisions
    "医院年内依法应诉行政诉讼2件，均与医疗纠纷有关，已在院务公开栏公开信息。",
    "本校未收到要求更正学生信息的申请。",  # no application for disclosure
    "本年度未收到信息公开方面的投诉和举报。",  # another channel
])
def test_no_figure_is_read_where_the_sentence_states_none(text):
    assert narrative_counts(text, 2020) == {}


def test_the_t1_reader_and_the_old_wordings_with_zhengfu_are_unchanged():
    # the zero of "未收到" is the received figure alone, as before
    assert narrative_figures("全年未收到政府信息公开申请。") == {"received": {0}}
    assert narrative_figures("本年度无政府信息公开申请。") == {"received": {0}}
    assert narrative_figures("未发生因政府信息公开引起的行政复议、行政诉讼。") == {
        "review": {0}, "litigation": {0}}
    # and 信息公开申请 without 政府 is read by the one reader the T1 check uses too
    assert narrative_figures("本院本年度未收到信息公开申请。") == {"received": {0}}
