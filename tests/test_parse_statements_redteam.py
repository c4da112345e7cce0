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



def test_a_long_unnumbered_lead_in_ending_in_a_colon_is_a_statement():
    # "我局…还存在一些问题和不足：" before 一是: read as a sub-heading (it names 问题) and
    # dropped, so the lead-in was lost from the statements
    text = ("我局政府信息公开工作还存在一些问题和不足：一是栏目更新偶有滞后；二是解读形式单一。"
            "针对上述问题，我局将采取以下措施：一是建立更新台账；二是增加图解解读。")
    got = split(text)
    assert got[0] == ("problem", None, "我局政府信息公开工作还存在一些问题和不足：")
    assert [b for b, _, _ in got] == ["problem"] * 3 + ["measure"] * 3
    assert "".join(t for _, _, t in got) == text.replace("一是", "").replace("二是", "")


@pytest.mark.parametrize("heading", ["改进措施：", "下一步工作打算。", "（二）下一步工作打算和改进措施。"])
def test_short_or_numbered_headings_stay_headings(heading):
    got = split(f"一是栏目更新偶有滞后。二是解读形式单一。{heading}一是建立台账。二是增加解读。")
    assert [b for b, _, _ in got][2:] == ["measure"] * 2
    assert all(heading.strip("。：") not in t for _, _, t in got)


@pytest.mark.parametrize("text", ["本年度暂无需要报告的问题。", "本年度无。", "今年，暂无突出问题。",
                                  "未发现明显问题。"])
def test_nothing_to_report_with_the_year_or_a_qualifier_is_empty(text):
    # these became one 'unknown' statement and no empty_section_5 problem
    res = split_section5(text, 0, len(text), title="存在的主要问题及改进情况")
    assert res.empty and not res.statements


@pytest.mark.parametrize("text", ["暂无专职人员。", "无专人负责，信息更新滞后。", "本年度无重大问题，但栏目更新偶有滞后。"])
def test_a_problem_saying_something_is_lacking_is_not_empty(text):
    res = split_section5(text, 0, len(text), title="存在的主要问题及改进情况")
    assert not res.empty and res.statements


@pytest.mark.parametrize("buttons", ["【打印本页】【关闭窗口】", "打印本页  关闭窗口",
                                     "[打印] [关闭]", "【我要纠错】 【打印本页】"])
def test_a_line_of_page_buttons_is_cut_out_of_the_statements(buttons):
    # a saved web page that split a long report into pages leaves its buttons in the text
    body = (f"（一）存在问题\n一是专职人员不足，多为兼职。\n{buttons}\n二是栏目更新偏慢。\n"
            f"（二）改进措施\n一是明确专人负责。\n二是按周更新栏目。\n{buttons}\n")
    texts = [(s[2], s[0]) for s in split(body)]
    assert texts == [("专职人员不足，多为兼职。", "problem"), ("栏目更新偏慢。", "problem"),
                     ("明确专人负责。", "measure"), ("按周更新栏目。", "measure")]


def test_a_button_word_inside_a_sentence_stays():
    body = "一是打印本页面的群众较多。\n二是关闭窗口期后申请增多。\n"
    assert [s[2] for s in split(body)] == ["打印本页面的群众较多。", "关闭窗口期后申请增多。"]


@pytest.mark.parametrize("sep", ["", "\n"])
def test_problem_and_measure_aspects_as_sub_headings(sep):
    # "一、问题方面：…二、措施方面：…" (or 问题方面：/改进方面：) names the blocks like 存在问题/改进措施
    body = ("一、问题方面：栏目更新不及时；解读材料偏少。" + sep
            + "二、措施方面：明确更新时限；重要文件同步解读。")
    assert [(s[0], s[2]) for s in split(body, title="存在的问题及改进措施")] == [
        ("problem", "栏目更新不及时；"), ("problem", "解读材料偏少。"),
        ("measure", "明确更新时限；"), ("measure", "重要文件同步解读。")]
    body = "问题方面：网站检索不便。\n改进方面：上线全文检索。\n"
    assert [(s[0], s[2]) for s in split(body, title="存在的问题及改进措施")] == [
        ("problem", "网站检索不便。"), ("measure", "上线全文检索。")]


def test_a_short_sentence_with_a_block_word_is_no_heading():
    # "整改情况" names the measures block, but "…整改情况公开不及时。" says something: a problem
    body = "存在问题\n审计整改情况公开不及时。部分整改结果未跟踪公开。\n改进措施\n一是按季度公开整改结果。\n二是建立台账。\n"
    got = [(s[0], s[2]) for s in split(body, title="存在的问题及改进措施")]
    assert got[:2] == [("problem", "审计整改情况公开不及时。"), ("problem", "部分整改结果未跟踪公开。")]
    assert [b for b, _ in got[2:]] == ["measure", "measure"]
