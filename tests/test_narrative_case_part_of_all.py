"""An older report's 复议/诉讼 part giving all cases, then the disclosure ones in a 其中
clause, yields the disclosure counts, never the totals (叙述中的复议、诉讼数).

The part is read as the summary reads it: each part through ``titled_part``, joined by a
blank line, then ``narrative_counts``.
"""

from __future__ import annotations

import pytest

from nlp_reports.corpus.summarize import narrative_counts, titled_part

CASES_TITLE = "五、因政府信息公开申请行政复议、提起行政诉讼的情况"


def _read(case_text: str) -> dict[str, int]:
    parts = [
        ("一、概述", "区政府把信息公开列入年度重点工作，明确专人负责。"),
        ("三、依申请公开政府信息的情况", "全年受理政府信息公开申请31件，已全部按期答复。"),
        (CASES_TITLE, case_text),
        ("六、存在的主要问题及改进措施", "部分部门网站更新不及时，下一步将加强督查。"),
    ]
    text = "\n\n".join(titled_part(title, body) for title, body in parts)
    got = narrative_counts(text, 2012)
    return {k: v for k, v in got.items() if k in ("review", "litigation")}


def test_the_disclosure_part_not_the_total():
    got = _read("全区共发生行政复议案件86件，行政诉讼案件41件，其中涉及信息公开的行政复议3件、"
                "行政诉讼2件。")
    assert got == {"review": 3, "litigation": 2}


@pytest.mark.parametrize("case_text, part", [
    ("全区共发生行政复议案件86件，行政诉讼案件41件，其中涉及信息公开的复议3件、诉讼2件。",
     {"review": 3, "litigation": 2}),
    ("本年度全县行政复议案件共19件、行政诉讼案件7件，其中涉及政务信息公开的行政复议1件、"
     "行政诉讼0件。", {"review": 1, "litigation": 0}),
    ("全区共发生行政复议案件86件，其中涉及信息公开的3件。", {"review": 3}),
])
def test_a_total_is_never_read_as_the_disclosure_cases(case_text, part):
    """The reader may not take the clause's counts (a missing figure), but never the total."""
    for kind, value in _read(case_text).items():
        assert value == part.get(kind), (kind, value)


def test_a_part_saying_nothing_of_disclosure_is_still_read_as_its_title_says():
    assert _read("全年发生行政复议2件，行政诉讼1件，均已审结。") == {"review": 2, "litigation": 1}
