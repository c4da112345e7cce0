"""One word list for section 五's "…方面" block labels, as headings and as labels.

A heading ("（二）改进工作方面") and a paragraph label ("改进工作方面，我局将…") that name the same
block now read it from the one list, headings.ASPECT_LABEL. Before, statements kept its own
copy and the two disagreed on 4 phrases: 改进工作方面, 整改工作方面 and 打算方面 were labels of
the measures but named no block as a heading (the heading became a statement and its items
stayed problems); 主要问题方面 was a problem heading but no label (a statement of its own).

Fixtures: tests/fixtures/parse17/ — fictional bodies: a 2021 city-district 街道办事处 with
numbered "（一）主要问题方面 / （二）整改工作方面" sub-headings, and a 2019 county hospital whose
section 四 opens its paragraphs with "主要问题方面，" and "打算方面，"."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.headings import ASPECT_LABEL, aspect_block, block_of, lead_block
from nlp_reports.parse.statements import split_section5

FIX = Path(__file__).parent / "fixtures" / "parse17"

#: The four phrases on which the two copies disagreed, and the block each names.
DISPUTED = [("主要问题方面", "problem"), ("改进工作方面", "measure"),
            ("整改工作方面", "measure"), ("打算方面", "measure")]
#: The other "…方面" labels the two already agreed on.
AGREED = [("问题方面", "problem"), ("不足方面", "problem"), ("存在问题方面", "problem"),
          ("存在的问题方面", "problem"), ("存在的主要问题方面", "problem"),
          ("改进方面", "measure"), ("整改方面", "measure"), ("改进措施方面", "measure"),
          ("整改措施方面", "measure"), ("下一步方面", "measure"), ("下步方面", "measure"),
          ("下一步工作方面", "measure"), ("措施方面", "measure")]


def _split(text: str, title: str = "存在的主要问题及改进情况"):
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


def _load(name: str):
    return [(s.block, s.marker, s.text) for s in load_report(FIX / name).statements]


# 1. One list: a heading and a label read each phrase alike


@pytest.mark.parametrize("phrase,block", DISPUTED + AGREED)
def test_heading_and_label_name_the_same_block(phrase, block):
    assert aspect_block(phrase) == block
    assert block_of(phrase) == block


@pytest.mark.parametrize("phrase", ["主动公开方面", "依申请公开方面", "平台建设方面", "问题整改方面",
                                    "在改进工作方面", "主要问题方面的"])
def test_a_topic_or_a_longer_phrase_is_no_aspect_label(phrase):
    # only the whole phrase is a label: a topic, or the label inside a sentence, is none
    assert aspect_block(phrase) is None
    assert ASPECT_LABEL.fullmatch(phrase) is None


# 2. The four phrases as numbered sub-headings


@pytest.mark.parametrize("problem_heading,measure_heading", [
    ("主要问题方面", "改进工作方面"), ("存在问题", "整改工作方面"), ("主要问题方面", "打算方面")])
def test_disputed_phrases_as_sub_headings(problem_heading, measure_heading):
    text = (f"（一）{problem_heading}\n"
            "1.镇政务公开栏由党政办兼管，更新周期拖到两个月以上；\n"
            "2.村级财务公开只贴总数，群众看不到明细。\n"
            f"（二）{measure_heading}\n"
            "1.公开栏改为每月5日前更新，由纪委委员签字确认；\n"
            "2.村级财务按收支明细逐笔公开，附原始凭证编号。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", "1."), ("problem", "2."),
                                          ("measure", "1."), ("measure", "2.")]
    # the sub-headings are no statements
    assert not any("方面" in t or t.startswith("（") for _, _, t in got)


def test_disputed_headings_in_a_whole_report():
    got = _load("baiying_jiedao_2021_aspect_headings.txt")
    assert [(b, m) for b, m, _ in got] == [
        ("problem", "1."), ("problem", "2."), ("problem", "3."),
        ("measure", "1."), ("measure", "2."), ("measure", "3.")]
    assert got[2][2].endswith("把握不准。")
    assert got[3][2].startswith("建立社区公开专栏台账")


# 3. The four phrases as paragraph labels


@pytest.mark.parametrize("problem_label,measure_label", [
    ("主要问题方面", "改进工作方面"), ("问题方面", "整改工作方面"), ("主要问题方面", "打算方面")])
def test_disputed_phrases_as_paragraph_labels(problem_label, measure_label):
    text = (f"{problem_label}，一是局机关网站的财政预决算栏目仍挂着2020年的报表；"
            "二是重大行政决策的意见征集结果未反馈。\n"
            f"{measure_label}，我局将在每年预决算批复后20日内更新栏目；"
            "征集意见采纳情况在决策公布时一并说明。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", "一是"), ("problem", "二是"),
                                          ("measure", None), ("measure", None)]
    assert not any("方面" in t for _, _, t in got)
    assert got[2][2].startswith("我局将在每年预决算批复后")


def test_disputed_labels_in_a_whole_report():
    got = _load("donghu_renmin_yiyuan_2019_aspect_labels.txt")
    assert [(b, m) for b, m, _ in got] == [
        ("problem", "一是"), ("problem", "二是"), ("problem", "三是"),
        ("measure", None), ("measure", None), ("measure", None)]
    assert got[3][2].startswith("医院将与维护公司签订服务协议")


def test_a_topic_label_still_stays_in_its_sentence():
    text = "平台建设方面，乡政府网站栏目设置与县级平台不一致。\n打算方面，年内完成栏目迁移。"
    got = _split(text)
    assert got[0][2] == "平台建设方面，乡政府网站栏目设置与县级平台不一致。"
    assert got[-1] == ("measure", None, "年内完成栏目迁移。")


# 4. The two rules written once: "针对…问题" and a year ahead + a verb of intent


@pytest.mark.parametrize("lead", [
    "针对上述问题，我委将从以下方面改进：", "针对存在的不足，下步打算如下：",
    "针对群众反映集中的问题，本馆采取以下办法："])
def test_aimed_at_problems_leads_the_measures(lead):
    assert lead_block(lead) == "measure"


@pytest.mark.parametrize("turn,block", [
    ("针对这类问题，我镇将在村务监督委员会中增设公开监督员。", "measure"),
    ("针对窗口人员流动大的问题，中心计划编写业务手册。", "measure"),
    ("2025年，我厅打算把解读材料与政策文件同步起草。", "measure"),
    ("下一年，学校准备把收费公示搬到校园网首页。", "measure"),
    # no turn: a past instruction, a problem named with a year
    ("2023年，我厅要求各处室按月报送信息。", "unknown"),
    ("2024年主要问题是解读材料形式单一。", "unknown"),
])
def test_a_sentence_after_a_problem_turns_by_the_shared_rules(turn, block):
    text = f"一是政策解读发布滞后于文件。\n{turn}"
    got = _split(text)
    assert got[-1] == (block, None, turn)
