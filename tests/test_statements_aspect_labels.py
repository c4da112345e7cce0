"""Section 五's blocks set by …方面 aspect labels and year-ahead leads.

- "问题方面，一是…" / "改进方面，…" opening a paragraph are block labels (no statement), and the
  last item no longer runs on over the line into the measures;
- a lead-in for the year ahead ("2012年，我局将…以下…：") opens the measures wherever it stands,
  and is cut from a first measure run on after its "：";
- a heading naming problems and their fixes ("（一）主要问题及整改情况") is a mixed block
  (unknown), as the section title naming both is;
- prose without sub-headings takes a block only where the text says so.

Fixtures: tests/fixtures/parse16/ — fictional bodies: a 2022 county 医疗保障局, a 2011 city 水务局,
a 2010 township, a 2023 city 档案馆, a 2024 county middle school."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.headings import block_of, lead_block
from nlp_reports.parse.statements import split_section5

FIX = Path(__file__).parent / "fixtures" / "parse16"


def _split(text: str, title: str = "存在的主要问题及改进情况"):
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


def _load(name: str):
    return [(s.block, s.marker, s.text) for s in load_report(FIX / name).statements]


# 1. "问题方面，" / "改进方面，" opening a paragraph


def test_aspect_labels_set_the_blocks_and_are_no_statements():
    got = _load("qinglin_yibao_2022_aspect_labels.txt")
    assert [(b, m) for b, m, _ in got] == [
        ("problem", "一是"), ("problem", "二是"), ("problem", "三是"),
        ("measure", None), ("measure", None), ("measure", None)]
    assert not any("方面" in t[:8] for _, _, t in got)
    # item 三是 ends at its line: the measures are not glued to it
    assert got[2][2].endswith("未按季度集中公开。")
    assert got[3][2].startswith("我局将把慢特病认定")


@pytest.mark.parametrize("problem_label,measure_label", [
    ("问题方面", "改进方面"), ("不足方面", "下一步方面"), ("存在的问题方面", "整改措施方面")])
def test_each_aspect_label_pair(problem_label, measure_label):
    text = (f"{problem_label}，一是窗口人员对依申请公开流程不熟悉；二是部分栏目内容陈旧。\n"
            f"{measure_label}，我站将组织窗口人员集中学习办理流程；每月清理一次过期栏目内容。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", "一是"), ("problem", "二是"),
                                          ("measure", None), ("measure", None)]
    assert got[1][2] == "部分栏目内容陈旧。"


def test_a_topic_named_aspect_is_no_block_label():
    # "主动公开方面，…" names a topic, not a block: it stays in its sentence
    text = ("主动公开方面，部分科室报送信息不及时。\n"
            "依申请公开方面，答复文书格式不统一。")
    got = _split(text)
    assert [t for _, _, t in got] == ["主动公开方面，部分科室报送信息不及时。",
                                      "依申请公开方面，答复文书格式不统一。"]


def test_aspect_label_with_a_colon_names_its_block():
    assert block_of("不足方面") == "problem"
    assert block_of("下一步方面") == "measure"


# 2. and 4. A lead-in for the year ahead


def test_year_ahead_lead_opens_the_measures_after_problems():
    got = _load("heyang_shuiwu_2011_year_ahead_items.txt")
    assert [(b, m) for b, m, _ in got] == [
        ("problem", None), ("problem", "一是"), ("problem", "二是"), ("problem", "三是"),
        ("measure", None), ("measure", "一是"), ("measure", "二是"), ("measure", "三是")]
    assert got[4][2] == "2012年，我局将切实做好以下几方面工作："


def test_year_ahead_lead_run_on_into_its_first_measure_is_cut():
    got = _load("shiqiao_xiang_2010_year_ahead_runon.txt")
    assert [b for b, _, _ in got] == ["problem"] * 4 + ["measure"] * 4
    assert got[4][2] == "2011年，我乡打算重点抓好以下几件事："
    assert got[5][2] == "在党政办明确1名同志专门负责信息公开；"


def test_year_ahead_lead_over_numbered_items_without_a_sub_heading():
    text = ("2024年，我所政府信息公开工作存在的问题主要是公开意识不强，信息发布不够及时。\n"
            "2025年，我所要着力抓好以下工作：\n"
            "(一)加强学习培训。每半年组织一次条例专题学习。\n"
            "(二)规范发布流程。落实信息发布三级审核。\n"
            "(三)丰富公开形式。结合业务特点推出图解解读。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [
        ("problem", None), ("measure", None),
        ("measure", "(一)"), ("measure", "(二)"), ("measure", "(三)")]


@pytest.mark.parametrize("lead,block", [
    ("2012年，我局将切实做好以下几方面工作：", "measure"),
    ("明年，我委拟从几个方面改进：", "measure"),
    ("下一年，学校准备这样改：", "measure"),
    ("2026年，本院要重点抓好以下工作：", "measure"),
    # not a year ahead: a past instruction, a problem lead-in that names a year
    ("2023年，我局要求各科室：", None),
    ("2022年，我局将信息公开纳入考核，但仍存在以下问题：", "problem"),
    ("2023年主要问题是：", "problem"),
])
def test_lead_block_of_year_leads(lead, block):
    assert lead_block(lead) == block


def test_a_past_year_instruction_does_not_open_the_measures():
    text = ("2023年，我局要求各科室：一是每周报送一次信息；二是报送前由科室负责人审核。"
            "但执行中仍有科室报送不及时。")
    assert all(b != "measure" for b, _, _ in _split(text))


# 3. A heading naming problems and their fixes


def test_mixed_sub_heading_leaves_the_kind_to_the_model():
    got = _load("nanshan_danganguan_2023_mixed_items.txt")
    assert [(b, m) for b, m, _ in got] == [
        ("unknown", "1."), ("unknown", "2."), ("unknown", "3."),
        ("measure", "1."), ("measure", "2.")]


@pytest.mark.parametrize("title,block", [
    ("主要问题及改进情况", "unknown"),
    ("主要问题及整改情况", "unknown"),
    ("存在的问题及整改情况", "unknown"),
    ("问题及改进情况", "unknown"),
    ("问题及下一步打算", "unknown"),
    ("存在的主要问题及改进情况", "unknown"),
    # the fixes of last year's problems: measures
    ("上年度存在问题的整改情况", "measure"),
    ("2022年度问题整改情况", "measure"),
    ("2024年工作中存在问题的改进情况", "measure"),
    ("存在问题及原因", "problem"),
])
def test_block_of_titles_naming_problems_and_fixes(title, block):
    assert block_of(title) == block


# 5. Prose: a block only where the text says so


def test_prose_block_only_where_the_text_says_so():
    got = _load("yuxi_zhongxue_2024_prose_then_measures.txt")
    assert [b for b, _, _ in got] == ["unknown", "unknown", "problem"] + ["measure"] * 4
    assert got[3][2] == "下一年，学校准备这样改："
