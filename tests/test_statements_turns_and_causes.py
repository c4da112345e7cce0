"""Section 五 written as agencies write it, a set written blind from the schema, and the
parser's misses fixed. Each input
under fixtures/five24 holds one shape that was missed or that the fixes must keep: the
statements, their block and marker, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.headings import block_of
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "fixtures" / "five24"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
TITLE = "存在的主要问题及改进情况"


def _split(text: str, title: str = TITLE) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Statements as the truth writes them: [block, marker, text] in order."""
    got = [[s.block, s.marker, s.text] for s in load_report(DATA / name).statements]
    assert got == TRUTH[name]["statements"]


def test_fixtures_small_and_gb18030_kept():
    assert all(p.stat().st_size < 8_000 for p in DATA.iterdir() if p.name in TRUTH)
    gb = [n for n, t in TRUTH.items() if t["encoding"] == "gb18030"]
    assert gb and all(load_report(DATA / n).metadata.encoding.lower().startswith("gb") for n in gb)


# 1. An item that states a problem and turns to its measure at a comma gives the two halves,
#    whichever item it is (not only the last), as "一是…不便。针对此问题，…" did.

@pytest.mark.parametrize("turn", ["对此我们将", "对此，将", "下一步将", "针对此问题，我局将",
                                  "2025年，我局将"])
def test_a_clause_turn_splits_every_item(turn):
    text = (f"一是栏目更新不够及时，{turn}建立更新台账；"
            f"二是解读材料照搬原文，{turn}同步起草解读。")
    assert _split(text) == [
        ("problem", "一是", "栏目更新不够及时"), ("measure", None, f"{turn}建立更新台账；"),
        ("problem", "二是", "解读材料照搬原文"), ("measure", None, f"{turn}同步起草解读。")]


def test_a_sentence_turn_splits_an_item_that_reads_as_a_problem():
    text = "一是专区设置不规范。下一步将统一标准。\n二是解读质量不高。下一步将建立审核机制。"
    assert [(b, m) for b, m, _ in _split(text)] == [
        ("problem", "一是"), ("measure", None), ("problem", "二是"), ("measure", None)]
    # a measure item saying 下一步 is no problem: left whole
    text = "一是加强队伍建设。下一步将配齐人员。\n二是完善制度。下一步将修订办法。"
    assert [m for _, m, _ in _split(text, "改进措施")] == ["一是", "二是"]


def test_a_sentence_pointing_back_at_the_problems_is_not_cut_at_its_comma():
    # "以上问题" names no problem of its own: no clause turn after it
    got = _split("一是抽检信息公开不及时。\n以上问题，我们将在下一年度逐项整改。\n", "存在的主要问题")
    assert got[-1][2] == "以上问题，我们将在下一年度逐项整改。"
    # a real problem before the same clause still turns
    got = _split("栏目更新不及时，我们将建立台账。", TITLE)
    assert [t for _, _, t in got] == ["栏目更新不及时", "我们将建立台账。"]


# 2. Sub-headings named as real reports name them.

@pytest.mark.parametrize("phrase,block", [
    ("原因分析", "problem"), ("问题原因分析", "problem"), ("存在问题的原因", "problem"),
    ("原因分析及改进措施", "unknown"), ("整改落实情况", "measure"),
    ("问题整改落实情况", "measure"), ("整改落实", None)])
def test_cause_and_rectification_headings(phrase, block):
    assert block_of(phrase) == block


def test_a_cause_block_between_problems_and_measures():
    text = ("（一）存在的问题\n1.解读渠道单一。\n2.报送不及时。\n（二）原因分析\n1.认识不足。\n"
            "（三）改进措施\n1.拓宽渠道。\n2.建立通报制度。")
    assert _split(text) == [
        ("problem", "1.", "解读渠道单一。"), ("problem", "2.", "报送不及时。"),
        ("problem", "1.", "认识不足。"),
        ("measure", "1.", "拓宽渠道。"), ("measure", "2.", "建立通报制度。")]


# 3. A photo's caption left on a line of its own (the photo lost) is no statement's text.

def test_a_lone_caption_line_is_cut_out():
    text = "（二）改进措施\n一是建立检查制度。\n▲镇政务公开专区\n二是开展培训。\n（图为培训现场）"
    assert _split(text) == [("measure", "一是", "建立检查制度。"), ("measure", "二是", "开展培训。")]


def test_triangle_bullets_are_items_not_captions():
    text = "（二）改进措施\n▲建立检查制度。\n▲开展业务培训。"
    assert [t for _, _, t in _split(text)] == ["建立检查制度。", "开展业务培训。"]


# 4. What stands below a list: a paragraph after a list written on one line is no part of
#    its last item, and in a problem block a later sub-heading closes, it is a problem.

def test_a_paragraph_below_a_one_line_list():
    text = ("（一）存在的主要问题\n一是政策公开不够集中；二是公开栏内容陈旧。\n"
            "另外，个别部门对法定时限把握不准。\n（二）改进措施\n一是建设专栏；二是按季更新。")
    assert _split(text)[:3] == [
        ("problem", "一是", "政策公开不够集中；"), ("problem", "二是", "公开栏内容陈旧。"),
        ("problem", None, "另外，个别部门对法定时限把握不准。")]


def test_lines_below_a_list_no_heading_closes_stay_unknown():
    # under a title naming problems, nothing after: the lines may be the measures
    text = "一是公开栏更新慢。\n二是兼职人员多。\n按季度发布公开栏内容。\n"
    assert _split(text, "存在的主要问题")[-1] == ("unknown", None, "按季度发布公开栏内容。")
