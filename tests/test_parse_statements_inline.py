"""Section 五 scraped from web pages: everything on one line, half-width punctuation.

Sub-headings run in mid-line, enumerations run on without line breaks, "." and ";" end
sentences; numbers that only look like markers (2.5万元, 2023.12, 第1.3条 …) stay inside their
sentence. All sentences here are invented.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.statements import split_section5

TITLE = "存在的主要问题及改进情况"


def split(text: str, title: str = TITLE) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


# --- half-width punctuation ---------------------------------------------------------------


def test_half_width_full_stop_ends_a_sentence_before_a_run_in_heading():
    text = ("一是值守人手偏紧;二是档案目录陈旧;三是回复用语生硬. 改进措施：1.增设轮值岗位;"
            "2.重编档案目录;3.修订答复范本.")
    got = split(text)
    assert [m for _, m, _ in got] == ["一是", "二是", "三是", "1.", "2.", "3."]
    assert got[2][2] == "回复用语生硬."
    assert [b for b, _, _ in got[3:]] == ["measure"] * 3
    assert got[5][2] == "修订答复范本."


def test_half_width_full_stop_after_a_sub_heading():
    text = ("(一)存在的主要问题.一是值守人手偏紧;二是档案目录陈旧. "
            "(二)改进措施.一是增设轮值岗位;二是重编档案目录.")
    got = split(text)
    assert got == [
        ("problem", "一是", "值守人手偏紧;"),
        ("problem", "二是", "档案目录陈旧."),
        ("measure", "一是", "增设轮值岗位;"),
        ("measure", "二是", "重编档案目录."),
    ]


def test_half_width_full_stop_splits_prose_into_sentences():
    got = split("本所值守人手偏紧.档案目录陈旧,查找费时.答复用语还较生硬.", title="存在的主要问题")
    assert [t for _, _, t in got] == ["本所值守人手偏紧.", "档案目录陈旧,查找费时.", "答复用语还较生硬."]


@pytest.mark.parametrize("inside", [
    "全年拨付经费2.5万元",
    "公开率提升至98.6%",
    "依照细则第1.3条办理",
    "自2022.12起施行",
    "于3.15当日集中答复",
    "登录www.liuan.gov.cn查询",
    "参照v2.0版本执行",
    "门户网站等...仍需改版",
])
def test_half_width_point_inside_numbers_urls_and_words_ends_nothing(inside):
    text = f"本所值守人手偏紧，{inside}，档案目录陈旧。"
    assert [t for _, _, t in split(text, title="存在的主要问题")] == [text]
