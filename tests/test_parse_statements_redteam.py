"""Section 五 layouts found by red-teaming with reports written by an outsider."""

from __future__ import annotations

import pytest

from nlp_reports.parse.statements import split_section5


def split(text: str, title: str = "存在的主要问题及改进情况"):
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


@pytest.mark.parametrize("sep", ["\n", ""])
def test_problem_measure_pairs_are_one_item_each(sep):
    # "问题一：…措施一：…问题二：…" pairs: 措施一 restarted the count at 1 and stayed inside
    # 问题一's text, and every pair was a problem
    text = sep.join(["问题一：栏目更新偶有滞后。", "措施一：建立更新台账。",
                     "问题二：解读形式单一。", "措施二：增加图解和视频解读。"])
    assert split(text) == [
        ("problem", "问题一：", "栏目更新偶有滞后。"), ("measure", "措施一：", "建立更新台账。"),
        ("problem", "问题二：", "解读形式单一。"), ("measure", "措施二：", "增加图解和视频解读。")]

