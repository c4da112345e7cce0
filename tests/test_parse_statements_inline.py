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


def test_half_width_semicolon_ends_items_but_not_inside_a_url():
    text = ("值守人手偏紧，详见www.liuan.gov.cn/duty;jsessionid=AB12页面;档案目录陈旧;"
            "移动端APP;小程序均未更新.")
    got = split(text, title="存在的主要问题")
    assert [t for _, _, t in got] == [
        "值守人手偏紧，详见www.liuan.gov.cn/duty;jsessionid=AB12页面;", "档案目录陈旧;",
        "移动端APP;", "小程序均未更新."]


# --- sub-headings run in mid-line ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    # ended by a space, at the start of the body and after a sentence end
    "（一）存在的主要问题 1. 值守人手偏紧。 2. 档案目录陈旧。 （二）改进措施 1. 增设轮值岗位。 2. 重编档案目录。",
    # ended directly by the first item's marker
    "（一）存在的主要问题一是值守人手偏紧；二是档案目录陈旧。（二）改进措施一是增设轮值岗位；二是重编档案目录。",
    # ended by "。" and "："
    "（一）存在的主要问题。1.值守人手偏紧；2.档案目录陈旧。（二）下一步工作打算：1.增设轮值岗位；2.重编档案目录。",
    # numbered 一、 and 1., items (1)
    "一、存在的问题 (1)值守人手偏紧。(2)档案目录陈旧。二、改进措施 (1)增设轮值岗位。(2)重编档案目录。",
    "1.存在的主要问题 ①值守人手偏紧。②档案目录陈旧。2.改进措施 ①增设轮值岗位。②重编档案目录。",
])
def test_numbered_sub_headings_run_in_switch_the_block(text):
    got = split(text)
    assert [(b, t.rstrip("。；")) for b, _, t in got] == [
        ("problem", "值守人手偏紧"), ("problem", "档案目录陈旧"),
        ("measure", "增设轮值岗位"), ("measure", "重编档案目录")]
    assert all(m is not None for _, m, _ in got)


def test_measures_first_then_problems_run_in():
    text = "（一）改进措施 1. 增设轮值岗位。 2. 重编档案目录。 （二）存在的主要问题 1. 值守人手偏紧。 2. 档案目录陈旧。"
    got = split(text)
    assert [(b, m) for b, m, _ in got] == [("measure", "1."), ("measure", "2."),
                                          ("problem", "1."), ("problem", "2.")]


def test_three_run_in_sub_blocks_with_last_years_improvements():
    text = ("（一)上年度问题的改进情况 针对值守偏紧的问题，增设了轮值岗位；针对目录陈旧的问题，重编了目录。"
            "（二）本年度存在的主要问题 一是回复用语生硬；二是公开栏更新慢。"
            "（三）改进措施 一是修订答复范本；二是每周更新公开栏。")
    got = split(text)
    assert [b for b, _, _ in got] == ["measure"] * 2 + ["problem"] * 2 + ["measure"] * 2
    assert [m for _, m, _ in got] == [None, None, "一是", "二是", "一是", "二是"]
    assert got[0][2].startswith("针对值守偏紧")


@pytest.mark.parametrize("text", [
    # item （三） after items （一）（二）, naming a problem: an item, not a heading
    "（一）值守人手偏紧。（二）档案目录陈旧。（三）信息审核仍有薄弱环节。",
    "（一）值守人手偏紧。（二）档案目录陈旧。（三）部分单位存在问题：回复生硬。",
    "1.值守人手偏紧。2.档案目录陈旧。3.部分单位存在问题 回复生硬。",
    "（一）值守人手偏紧。\n（二）档案目录陈旧。\n（三）部分单位存在问题 回复生硬。",
])
def test_an_item_naming_a_problem_is_no_run_in_heading(text):
    got = split(text)
    assert len(got) == 3
    assert all(m is not None for _, m, _ in got)


def test_unnumbered_run_in_headings_before_a_colon():
    text = "存在问题：一是值守人手偏紧；二是档案目录陈旧。改进措施：一是增设轮值岗位；二是重编档案目录。"
    got = split(text)
    assert [(b, t) for b, _, t in got] == [
        ("problem", "值守人手偏紧；"), ("problem", "档案目录陈旧。"),
        ("measure", "增设轮值岗位；"), ("measure", "重编档案目录。")]
    got = split("一是值守人手偏紧；二是档案目录陈旧。改进措施：增设轮值岗位，重编档案目录。")
    assert got[-1] == ("measure", None, "增设轮值岗位，重编档案目录。")


def test_an_item_with_its_own_measure_keeps_both_halves():
    # "（一）问题。改进措施：…" pairs a problem with its measure inside one item: not a sub-block
    # (the items after it stay items), and the halves are two statements (s11 redteam11 R1:
    # a problem glued to its measure fits no kind)
    text = ("（一）值守人手偏紧。改进措施：增设轮值岗位。（二）档案目录陈旧。改进措施：重编档案目录。"
            "（三）回复用语生硬。")
    got = split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", "（一）"), ("measure", None), ("problem", "（二）"),
                                           ("measure", None), ("problem", "（三）")]
    assert got[2][2] == "档案目录陈旧。" and got[3][2] == "重编档案目录。"


# --- enumerations run in on one line ------------------------------------------------------


@pytest.mark.parametrize(("text", "markers"), [
    ("1. 增设轮值岗位 2. 重编档案目录 3. 修订答复范本", ["1.", "2.", "3."]),
    ("1、增设轮值岗位；2、重编档案目录；3、修订答复范本。", ["1、", "2、", "3、"]),
    ("1.增设轮值岗位;2.重编档案目录;3.修订答复范本.", ["1.", "2.", "3."]),
    ("(1)增设轮值岗位。(2)重编档案目录。(3)修订答复范本。", ["(1)", "(2)", "(3)"]),
    ("(1) 增设轮值岗位 (2) 重编档案目录 (3) 修订答复范本", ["(1)", "(2)", "(3)"]),
    ("①增设轮值岗位 ②重编档案目录 ③修订答复范本", ["①", "②", "③"]),
    ("一是增设轮值岗位；二是重编档案目录；三是修订答复范本。", ["一是", "二是", "三是"]),
    ("一是增设轮值岗位 二是重编档案目录 三是修订答复范本", ["一是", "二是", "三是"]),
    ("一、增设轮值岗位。二、重编档案目录。三、修订答复范本。", ["一、", "二、", "三、"]),
])
def test_run_in_enumerations_are_split_into_items(text, markers):
    got = split(text, title="改进措施")
    assert [m for _, m, _ in got] == markers
    assert [t.rstrip("。；;. ") for _, _, t in got] == ["增设轮值岗位", "重编档案目录", "修订答复范本"]
    assert {b for b, _, _ in got} == {"measure"}


@pytest.mark.parametrize("trap", [
    "全年拨付经费 2.5万元",        # a decimal, not item 2
    "较上年增长 1.2%",            # a percentage
    "依照细则第1.3条 办理",        # a clause number
    "自 2023.12 起施行",          # a date
    "于 3.15 集中答复",            # a date
    "涉及 1、2、3 号楼",           # a list of figures
    "12345热线 受理 2 件",         # a hotline number
    "共 1 项 2 类",                # bare numbers
])
def test_numbers_that_look_like_markers_stay_in_their_sentence(trap):
    text = f"本所值守人手偏紧，{trap}，档案目录陈旧。"
    got = split(text, title="存在的主要问题")
    assert got == [("problem", None, text)]


def test_a_lone_marker_without_a_sequence_splits_nothing():
    # "2." after a space, but no item 1 before it and no 3 after: not an enumeration
    text = "本所值守人手偏紧 2. 档案目录陈旧，查找费时。"
    assert [t for _, _, t in split(text, title="存在的主要问题")] == [text]


def test_markers_need_a_boundary_before_them():
    # "(1)" after "，", "(2)" straight after text, "一是"/"二是" after "之": no boundary, no items
    text = "本所值守人手偏紧，(1)号和(2)号岗位长期空缺，原因之一是经费不足，之二是编制紧张。"
    assert split(text, title="存在的主要问题") == [("problem", None, text)]


def test_a_whole_section_on_one_line():
    text = ("(一)存在的主要问题 本所政务公开工作仍有不足: 1. 值守人手偏紧，节假日无人轮值。 "
            "2. 档案目录陈旧，查找费时，全年延期答复2件. 3. 答复用语生硬，群众满意度为87.5%。 "
            "(二)改进措施 1. 增设轮值岗位，实行AB岗。 2. 于2025.3前重编档案目录;并每季度更新. "
            "3. 修订答复范本，参照细则第2.4条执行。")
    got = split(text)
    assert [(b, m) for b, m, _ in got] == [
        ("problem", None), ("problem", "1."), ("problem", "2."), ("problem", "3."),
        ("measure", "1."), ("measure", "2."), ("measure", "3.")]
    assert got[0][2] == "本所政务公开工作仍有不足:"
    assert got[2][2] == "档案目录陈旧，查找费时，全年延期答复2件."
    assert got[3][2] == "答复用语生硬，群众满意度为87.5%。"
    assert got[5][2] == "于2025.3前重编档案目录;并每季度更新."
    assert got[6][2] == "修订答复范本，参照细则第2.4条执行。"


def test_a_whole_section_scraped_into_one_paragraph_of_a_report():
    from nlp_reports import load_report

    body = ("（一）存在的主要问题一是值守人手偏紧。二是档案目录陈旧。（二）改进措施一是增设轮值岗位。"
            "二是重编档案目录。")
    report = load_report(("柳岸县档案馆2024年政府信息公开工作年度报告\n"
                          "一、总体情况\n本馆全年主动公开信息32条。\n"
                          "五、存在的主要问题及改进情况\n" + body + "\n"
                          "六、其他需要报告的事项\n无。\n").encode())
    assert [(s.block, s.marker, s.text) for s in report.statements] == [
        ("problem", "一是", "值守人手偏紧。"), ("problem", "二是", "档案目录陈旧。"),
        ("measure", "一是", "增设轮值岗位。"), ("measure", "二是", "重编档案目录。")]


@pytest.mark.parametrize("text", [
    "（一）主要问题一是值守人手偏紧。二是档案目录陈旧。\n（二）改进措施一是增设轮值岗位。二是重编档案目录。",
    "存在问题 1.值守人手偏紧。 2.档案目录陈旧。\n改进措施 1.增设轮值岗位。 2.重编档案目录。",
    "存在问题 1.值守人手偏紧。 2.档案目录陈旧。 改进措施 1.增设轮值岗位。 2.重编档案目录。",
])
def test_a_heading_does_not_swallow_the_first_item_after_it(text):
    got = split(text)
    assert [(b, t) for b, _, t in got] == [
        ("problem", "值守人手偏紧。"), ("problem", "档案目录陈旧。"),
        ("measure", "增设轮值岗位。"), ("measure", "重编档案目录。")]


@pytest.mark.parametrize("text, markers", [
    ("存在问题：\n一.值守人手偏紧。\n二.档案目录陈旧。\n改进措施：\n一.增设轮值岗位。\n二.重编档案目录。",
     ["一.", "二.", "一.", "二."]),
    ("问题一.值守人手偏紧。问题二.档案目录陈旧。措施一.增设轮值岗位。措施二.重编档案目录。",
     ["问题一.", "问题二.", "措施一.", "措施二."]),
    ("存在问题：（一）.值守人手偏紧。（二）.档案目录陈旧。改进措施：（一）.增设轮值岗位。（二）.重编档案目录。",
     ["（一）.", "（二）.", "（一）.", "（二）."]),
])
def test_half_width_point_of_a_chinese_numeral_marker_is_no_sentence_end(text, markers):
    # "一." numbers an item (as "一、" does); read as "一。" it split off as a statement "一."
    got = split(text)
    assert [m for _, m, _ in got] == markers
    assert [b for b, _, _ in got] == ["problem"] * 2 + ["measure"] * 2
    assert [t.rstrip("。") for _, _, t in got] == ["值守人手偏紧", "档案目录陈旧", "增设轮值岗位", "重编档案目录"]


def test_half_width_point_after_a_word_ending_in_a_numeral_still_ends_a_sentence():
    got = split("各科室答复口径不统一.档案目录陈旧.", title="存在的主要问题")
    assert [t for _, _, t in got] == ["各科室答复口径不统一.", "档案目录陈旧."]
