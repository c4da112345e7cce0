"""The prose reader's case counts: a disclosure count given as a part of all cases is read,
never the total; cases said not to be about disclosure, or a clause on a penalty or licence
case, give none."""

from __future__ import annotations

from nlp_reports.parse.checks import narrative_figures


def test_disclosure_cases_as_a_part_of_all_cases():
    """The count of all cases is no disclosure count; its 其中 part naming 信息公开 is, and a
    sentence saying its cases are not about disclosure, or a penalty clause, gives none."""
    assert narrative_figures("2019年度，共发生行政复议案件5件，其中涉及政府信息公开的2件。") == {
        "review": {2}}
    assert narrative_figures("本局作为被申请人的行政诉讼案件共9件，主要涉及行政处罚，"
                             "其中涉及政府信息公开的0件。") == {"litigation": {0}}
    assert narrative_figures("全年发生行政复议3件，均不涉及政府信息公开。") == {}
    assert narrative_figures("全年发生行政复议3件，其中不涉及政府信息公开的3件。") == {}
    assert narrative_figures("全年发生行政复议1件（系不服我局行政处罚决定），未发生因政府信息"
                             "公开引发的行政复议和行政诉讼。") == {"review": {0}, "litigation": {0}}
    assert narrative_figures("全年因政府信息公开申请被申请行政复议三件，被提起行政诉讼一件。") == {
        "review": {3}, "litigation": {1}}
