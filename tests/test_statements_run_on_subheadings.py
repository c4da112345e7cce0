"""Section 五 sub-headings run straight into their text, with no space, colon or line break
("（一）存在问题财政预决算公开不够细化…（二）改进措施细化…"): the fixed sub-heading name after
its number is cut off when the problems' name and the measures' name are numbered one after the
other; the same words opening a sentence ("存在问题较多", "整改措施落实不到位") stay whole."""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_HEAD = """{agency}{year}年政府信息公开工作年度报告
一、总体情况
{year}年，本单位认真落实政府信息公开条例，公开工作总体平稳有序。
二、主动公开政府信息情况
全年主动公开各类信息236条。
三、收到和处理政府信息公开申请情况
全年共受理依申请公开7件，全部按时办结。
四、政府信息公开行政复议、行政诉讼情况
未发生因政府信息公开引起的行政复议、行政诉讼。
五、存在的主要问题及改进情况
"""
_TAIL = "六、其他需要报告的事项\n无。\n"


def _statements(five: str, agency: str = "桐乡镇人民政府", year: int = 2023) -> list[tuple[str, str]]:
    text = _HEAD.format(agency=agency, year=year) + five + _TAIL
    report = load_report(text.encode("utf-8"), filename="x.txt")
    return [(s.block, s.text) for s in report.statements]


RUN_ON = [
    # the judged case: both on one line, paren numbers
    ("（一）存在问题财政预决算公开不够细化，村级事务公开不规范。（二）改进措施细化预决算公开内容，"
     "指导各村规范村务公开。\n",
     [("problem", "财政预决算公开不够细化，村级事务公开不规范。"),
      ("measure", "细化预决算公开内容，指导各村规范村务公开。")]),
    # each on its own line
    ("（一）存在问题财政预决算公开不够细化。\n（二）改进措施下一步我办将按科目细化公开。\n",
     [("problem", "财政预决算公开不够细化。"), ("measure", "下一步我办将按科目细化公开。")]),
    # Chinese numerals with 、, a longer problem name
    ("一、存在的主要问题部分栏目更新不及时，个别链接失效。\n二、改进措施建立栏目更新台账，每月巡检一次链接。\n",
     [("problem", "部分栏目更新不及时，个别链接失效。"),
      ("measure", "建立栏目更新台账，每月巡检一次链接。")]),
    # Arabic numerals, 存在的不足 / 整改措施, items after the name
    ("1.存在的不足一是政策解读形式单一；二是回应关切不够及时。\n2.整改措施一是丰富图解、视频解读；二是建立舆情会商机制。\n",
     [("problem", "政策解读形式单一；"), ("problem", "回应关切不够及时。"),
      ("measure", "丰富图解、视频解读；"), ("measure", "建立舆情会商机制。")]),
    # half-width parens, 主要问题 / 下一步工作打算
    ("(一)主要问题依申请公开答复文书不够规范。(二)下一步工作打算组织业务培训，统一答复文书格式。\n",
     [("problem", "依申请公开答复文书不够规范。"), ("measure", "组织业务培训，统一答复文书格式。")]),
    # 问题和不足 / 改进情况, scraped onto one line after a space
    ("（一）问题和不足网站互动栏目留言回复偏慢。 （二）改进情况已明确专人负责，承诺三个工作日内回复。\n",
     [("problem", "网站互动栏目留言回复偏慢。"), ("measure", "已明确专人负责，承诺三个工作日内回复。")]),
    # 不足之处 / 改进措施 with 1、 numbers
    ("1、不足之处重点领域信息公开深度不够。\n2、改进措施梳理重点领域公开清单，逐项细化。\n",
     [("problem", "重点领域信息公开深度不够。"), ("measure", "梳理重点领域公开清单，逐项细化。")]),
    # a numbered first sub-block, then the pair as (二)(三)
    ("（一）工作回顾本年度公开工作平稳开展。\n（二）存在问题公开目录更新滞后。\n（三）改进措施按季度更新公开目录。\n",
     None),
]


@pytest.mark.parametrize("five,want", [c for c in RUN_ON if c[1] is not None])
def test_run_on_subheading_names_are_cut_and_set_the_block(five, want):
    assert _statements(five) == want


def test_pair_after_an_unnamed_first_sub_block():
    got = _statements(RUN_ON[-1][0])
    assert ("problem", "公开目录更新滞后。") in got
    assert ("measure", "按季度更新公开目录。") in got
    assert not any("存在问题" in t or "改进措施" in t for _, t in got)


NEAR_MISSES = [
    # the name opens a sentence saying something about it: no heading
    "（一）存在问题较多的是乡镇站点，信息更新不及时。\n（二）整改措施落实不到位，部分问题反复出现。\n",
    # items of a problem list that merely start with the words
    "（一）存在的主要问题\n1.整改措施落实不到位，个别问题整改不彻底。\n2.主要问题集中在基层站点。\n"
    "（二）改进措施\n加强督促检查。\n",
    # only one of the two names run on: nothing to pair it with
    "（一）存在问题财政预决算公开不够细化。\n（二）加强培训，提升业务能力。\n",
    # the name followed by its predicate: a sentence, whatever the other half is
    "（一）存在的不足表现在政务新媒体更新频次偏低。\n（二）改进措施\n制定新媒体发布计划。\n",
    "（一）存在问题仍然较多，依申请答复期限把握不严。\n（二）改进措施\n建立答复期限提醒。\n",
    "（一）存在问题如下：一是村务公开栏内容陈旧；二是公开时间不固定。\n"
    "（二）改进措施如下：一是每月更新公开栏；二是固定每月5日公开。\n",
    "1.存在问题财务公开明细不全。\n2.整改情况良好，已按科目补充公开明细。\n",
    # the words inside a sentence, not after a number
    "本年度存在问题较多，公开平台建设仍需加强。下一步将改进措施落实机制。\n",
]


@pytest.mark.parametrize("five", NEAR_MISSES)
def test_sentences_opening_with_the_words_stay_whole(five):
    got = _statements(five)
    texts = "".join(t for _, t in got)
    # nothing is cut out of the text: every sentence keeps its first words
    for line in five.splitlines():
        body = line.lstrip("（）()一二三四五六七八九十0123456789.、")
        if body and body not in ("存在的主要问题", "改进措施"):
            assert body[:4] in texts, (body, got)
