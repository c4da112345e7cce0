"""Older reports (2008–2020) word their problems in prose section 五 as "…把握不准", "…结合
不紧", "…偏弱", under a title naming both blocks. Those words were no problem cue, so the
sentences before "今后/下一步/2019年将…" stayed ``unknown`` and so did the measure after them,
though the turn is plain. A sentence with no such word still stays ``unknown``: no block is
better than a wrong one.

The section texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.statements import split_section5

TITLE = "政府信息公开工作存在的主要问题及改进情况"


def _blocks(text: str) -> list[tuple[str, str]]:
    res = split_section5(text, 0, len(text), title=TITLE)
    return [(s.block, text[s.start:s.end]) for s in res.statements]


@pytest.mark.parametrize("text, blocks", [
    ("对申请内容涉及第三方商业秘密的答复尺度把握不准。厅属单位发布审核流程不统一。"
     "2016年，我厅将制定依申请公开答复规范。", ["problem", "problem", "measure"]),
    ("我乡政府信息公开与村务公开结合不紧，部分村公示资料归档不及时。公开栏日常巡查偏弱。"
     "2019年将把村务公开纳入统一管理。", ["problem", "problem", "measure"]),
    ("审批信息公开的时效性有待提高。对申请信息是否属于公开范围，个别处室把握不准。"
     "今后，我局将建立疑难申请集体会商制度。", ["problem", "problem", "measure"]),
    ("街道和社区两级公开工作衔接不够紧密。今后，我们将定期召开社区信息员例会。",
     ["problem", "measure"]),
])
def test_older_problem_wordings_before_a_turn_are_problems(text, blocks):
    assert [b for b, _ in _blocks(text)] == blocks


def test_a_measure_naming_a_weak_point_stays_a_measure():
    # the cue inside a measure's premise ("针对…偏弱的问题") makes it no problem
    got = _blocks("针对日常监督偏弱的问题，我局将把监督纳入月度例会。")
    assert [b for b, _ in got] != ["problem"]


def test_a_sentence_without_a_cue_stays_unknown():
    got = _blocks("人员少、任务重，信息公开工作多为兼职承担。下一步将争取增配专职人员。")
    assert got[0][0] == "unknown"
