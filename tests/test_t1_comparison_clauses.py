"""T1 reads the year's figure of a sentence that also compares with last year.

The clauses comparing with another year are dropped before the reader (checks.without_comparisons,
shared with the summary's prose counts): the year's figure is checked against 表三, the change
never is, and a sentence whose figure is the change or a total over years gives no T1.
Tables: tests/_table_data.py (received 19, carried over 3, granted 8, review 2, litigation 3).
"""

from __future__ import annotations

import pytest
import test_checks as tc

from nlp_reports.corpus.summarize import narrative_counts
from nlp_reports.parse.checks import run_checks, without_comparisons


def _t1(sentence: str) -> list[tuple[str, float | None, float | None]]:
    checks = run_checks([tc.table3(), tc.table4()], {1: sentence})
    return [(c.outcome, c.found, c.expected) for c in checks if c.id == "T1"]


@pytest.mark.parametrize("sentence, expected", [
    # the year's figure, then a comparison without a figure or with the change
    ("● 依申请公开：全年新收政府信息公开申请19件，比上年略增。", [("pass", 19, 19)]),
    ("本年度共收到政府信息公开申请19件，较上年增加4件，同比增长26.7%。", [("pass", 19, 19)]),
    ("全年受理政府信息公开申请十九件，去年同期为十五件。", [("pass", 19, 19)]),
    # the comparison first, the year's figure after it
    ("在较上年减少3件的情况下，全年仍受理政府信息公开申请19件。", [("pass", 19, 19)]),
    ("与2022年的27件相比，本年度收到政府信息公开申请19件。", [("pass", 19, 19)]),
    ("同比下降9.5%，全年共受理政府信息公开申请19件，其中予以公开8件。",
     [("pass", 19, 19), ("pass", 8, 8)]),
    # 去年结转 is a part of the figure, no comparison: read as 上年结转
    ("全年共受理政府信息公开申请22件，其中去年结转3件。", [("pass", 22, 22)]),
    # the case counts beside their change
    ("因政府信息公开被申请行政复议2件，比上年减少1件。", [("pass", 2, 2)]),
])
def test_the_years_figure_is_checked(sentence, expected):
    assert _t1(sentence) == expected


@pytest.mark.parametrize("sentence, said", [
    ("● 依申请公开：全年新收政府信息公开申请23件，比上年略增。", 23),
    ("比上年多4件，全年新收政府信息公开申请21件。", 21),
    ("全年新收政府信息公开申请17件，较2022年增加3件。", 17),
])
def test_a_contradiction_beside_a_comparison_fails(sentence, said):
    assert _t1(sentence) == [("fail", said, 19)]


@pytest.mark.parametrize("sentence", [
    "与上年相比，政府信息公开申请增加4件。",
    "与上年相比，受理政府信息公开申请增加6件，达到19件。",  # (the change read as 6 before)
    "受理政府信息公开申请同比增加4件，达19件。",
    "自2008年条例施行以来，累计受理政府信息公开申请386件，较上年增加19件。",
    "全年新收政府信息公开申请19件，上一年为15件。",
])
def test_the_change_or_a_total_over_years_is_never_checked(sentence):
    assert _t1(sentence) == []


def test_the_summary_reads_the_same_figures():
    text = "全年新收政府信息公开申请35件，比上年略增；与上年相比，予以公开增加6件。"
    assert without_comparisons(text) == "全年新收政府信息公开申请35件；与上年相比，予以公开增加6件。"
    assert narrative_counts(text, 2024) == {"received": 35}
    assert without_comparisons("无比较的句子。\n下一行") == "无比较的句子。\n下一行"
