"""Section 五 → statements: sub-blocks, numbering styles, lead-ins, prose, empty sections."""

from __future__ import annotations

import pytest

from nlp_reports.parse.statements import is_empty_section, split_section5


def split(text: str, title: str = "存在的主要问题及改进情况"):
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements], res


TITLE = "存在的主要问题及改进情况"


def _split(text: str, title: str = TITLE) -> list[tuple[str, str | None, str]]:
    return split(text, title)[0]


@pytest.mark.parametrize(("items", "markers"), [
    ("(一)甲项不足。\n(二)乙项不足。\n(三)丙项不足。", ["(一)", "(二)", "(三)"]),
    ("(1)甲项不足。\n(2)乙项不足。", ["(1)", "(2)"]),
    ("1.甲项不足。\n2.乙项不足。", ["1.", "2."]),
    ("1、甲项不足。\n2、乙项不足。", ["1、", "2、"]),
    ("1)甲项不足。\n2)乙项不足。", ["1)", "2)"]),
    ("①甲项不足。②乙项不足。", ["①", "②"]),
    ("一、甲项不足。\n二、乙项不足。", ["一、", "二、"]),
    ("第一，甲项不足。第二，乙项不足。", ["第一，", "第二，"]),
    ("一是甲项不足；二是乙项不足。", ["一是", "二是"]),
])
def test_every_numbering_style(items, markers):
    got, _ = split("(一)存在的主要问题\n" + items + "\n(二)下步改进措施\n一是加强培训。二是完善制度。")
    problems = [g for g in got if g[0] == "problem"]
    assert [m for _, m, _ in problems] == markers
    assert [t.rstrip("。；") for _, _, t in problems] == ["甲项不足", "乙项不足", "丙项不足"][:len(markers)]
    assert [t for b, _, t in got if b == "measure"] == ["加强培训。", "完善制度。"]


def test_run_in_subheadings_and_lead_in():
    text = ("(一)主要问题。总体看还有差距：一是人员少；二是培训少。\n"
            "(二)改进措施。一是配齐人员；二是定期培训。")
    got, _ = split(text)
    assert got == [
        ("problem", None, "总体看还有差距："),
        ("problem", "一是", "人员少；"),
        ("problem", "二是", "培训少。"),
        ("measure", "一是", "配齐人员；"),
        ("measure", "二是", "定期培训。"),
    ]


def test_nested_items_stay_inside_the_top_level_item():
    text = "(一)存在问题\n1.甲不足。\n2.乙不足：(1)子一；(2)子二。\n3.丙不足。"
    got, _ = split(text)
    assert [m for _, m, _ in got] == ["1.", "2.", "3."]
    assert got[1][2] == "乙不足：(1)子一；(2)子二。"


def test_top_level_is_the_style_that_comes_first():
    text = "(一)加强领导：1.建组织；2.定责任。\n(二)完善制度：1.建台账；2.定流程。"
    got, _ = split(text, title="改进措施")
    assert [m for _, m, _ in got] == ["(一)", "(二)"]
    assert {b for b, _, _ in got} == {"measure"}


def test_year_split_blocks():
    text = ("(一)2024年工作中存在问题的改进情况\n已完成整改。\n"
            "(二)2025年工作中存在的主要问题\n①甲。②乙。")
    got, _ = split(text)
    assert got == [("measure", None, "已完成整改。"), ("problem", "①", "甲。"),
                   ("problem", "②", "乙。")]


def test_lead_phrases_decide_the_block_without_subheadings():
    text = "工作中存在以下问题：一是甲；二是乙。下一步，我们将：一是丙；二是丁。"
    got, _ = split(text)
    assert [(b, t) for b, _, t in got] == [
        ("problem", "工作中存在以下问题："), ("problem", "甲；"), ("problem", "乙。"),
        ("measure", "下一步，我们将："), ("measure", "丙；"), ("measure", "丁。")]


def test_items_without_any_cue_are_unknown():
    got, _ = split("一是甲；二是乙。")
    assert [b for b, _, _ in got] == ["unknown", "unknown"]


def test_prose_is_split_into_sentences():
    got, res = split("人员不足。更新不及时！将加强培训；并完善制度。")
    assert [t for _, _, t in got] == ["人员不足。", "更新不及时！", "将加强培训；", "并完善制度。"]
    assert all(m is None and b == "unknown" for b, m, _ in got)
    assert res.unsplit


def test_legacy_heading_title_sets_the_first_block():
    text = "一是甲；二是乙。\n七、改进措施\n(一)丙。\n(二)丁。"
    got, _ = split(text, title="存在的主要问题")
    assert [(b, m) for b, m, _ in got] == [("problem", "一是"), ("problem", "二是"),
                                           ("measure", "(一)"), ("measure", "(二)")]


@pytest.mark.parametrize("text", ["无", "无。", " 暂无。", "暂无突出问题。", "", "。"])
def test_empty_section(text):
    assert is_empty_section(text)
    got, res = split(text)
    assert got == [] and res.empty


def test_no_problems_then_a_measure():
    """"本年度无。下一步，我办将继续…" under the heading naming both blocks is the problem block
    saying there is none, as "（一）存在的主要问题⏎无。" is, then a measure: it was two
    ``unknown`` sentences. A sentence after it that states a lack stays a problem."""
    got = _split("本年度无。下一步，我办将继续对照标准目录更新公开内容，按季度检查栏目链接。\n")
    assert got == [("problem", None, "本年度无。"),
                   ("measure", None, "下一步，我办将继续对照标准目录更新公开内容，按季度检查栏目链接。")]
    got = _split("暂无突出问题。\n但村级公开栏图片资料较少。\n2025年，我镇将增加公开栏图片解读。\n")
    assert [b for b, _, _ in got] == ["problem", "problem", "measure"]
    assert split_section5("本年度无。", 0, 5, title=TITLE).empty  # a bare 无 stays empty


def test_a_word_containing_a_numeral_is_not_a_marker():
    got, _ = split("(一)存在问题\n统一是前提，不是问题。\n(二)改进措施\n一是甲；二是乙。")
    assert got[0] == ("problem", None, "统一是前提，不是问题。")


def test_sequence_words_and_qi_ordinals():
    # ("下一步：" is a label, no statement: parse18)
    got, _ = split("下一步：首先，加强培训。其次，完善制度。最后，强化考核。")
    assert [(b, m) for b, m, _ in got] == [("measure", "首先，"),
                                           ("measure", "其次，"), ("measure", "最后，")]
    got, _ = split("存在以下问题：其一，人员少；其二，经费少。")
    assert [m for _, m, _ in got] == [None, "其一，", "其二，"]
    assert got[2][2] == "经费少。"


def test_a_lone_sequence_word_is_prose():
    got, res = split("最后，我们将继续努力。")
    assert got == [("unknown", None, "最后，我们将继续努力。")]


def test_punctuation_after_a_marker_belongs_to_the_marker():
    got, _ = split("(一)存在问题\n一是：人员少。\n二是，经费少。\n(二)改进措施\n1、加人。\n2、加钱。")
    assert got[:2] == [("problem", "一是：", "人员少。"), ("problem", "二是，", "经费少。")]


def test_unmarked_run_in_blocks_in_one_paragraph():
    got, _ = split("存在问题：一是甲不足；二是乙不足。改进措施：一是丙；二是丁。")
    assert got == [
        ("problem", "一是", "甲不足；"),
        ("problem", "二是", "乙不足。"),  # 改进措施： is a run-in heading, not a statement
        ("measure", "一是", "丙；"), ("measure", "二是", "丁。"),
    ]


def test_run_in_headings_in_prose_switch_blocks_and_are_not_statements():
    got, _ = split("存在问题：工作人员兼职。改进措施：配备专职人员。")
    assert got == [("problem", None, "工作人员兼职。"), ("measure", None, "配备专职人员。")]
    got, _ = split("(一)存在的问题\n人员少。经费少。\n下一步工作打算：加人。加钱。")
    assert [(b, t) for b, _, t in got] == [("problem", "人员少。"), ("problem", "经费少。"),
                                          ("measure", "加人。"), ("measure", "加钱。")]


def test_bullets_at_line_starts_are_items():
    got, res = split("(一)存在的主要问题\n▲栏目更新慢。\n▲解读偏少。\n(二)改进措施\n● 每月更新。\n● 增加图解。")
    assert got == [("problem", "▲", "栏目更新慢。"), ("problem", "▲", "解读偏少。"),
                   ("measure", "●", "每月更新。"), ("measure", "●", "增加图解。")]
    assert not res.unsplit


def test_prose_lead_sentences_decide_the_blocks_that_follow():
    got, res = split("回顾全年工作，仍有薄弱环节。公开栏更新缺乏计划。明细公开不全。"
                     "下一步，我镇将从以下方面改进。制定更新清单。按户公开明细。")
    assert [b for b, _, _ in got] == ["problem"] * 3 + ["measure"] * 3
    assert res.unsplit
    # a word like 计划 inside a sentence that announces nothing does not switch the block
    assert got[1][2] == "公开栏更新缺乏计划。"


def test_prose_without_a_lead_stays_unknown():
    got, _ = split("公开栏更新不及时。下一步加强管理。")
    assert [b for b, _, _ in got] == ["unknown", "unknown"]


def test_labelled_items_name_their_block():
    got, res = split("问题一：人员不足。\n问题二：经费不足。\n措施一：增加人员。\n措施二：保障经费。")
    assert got == [("problem", "问题一：", "人员不足。"), ("problem", "问题二：", "经费不足。"),
                   ("measure", "措施一：", "增加人员。"), ("measure", "措施二：", "保障经费。")]
    assert not res.unsplit


def test_a_numbered_sub_heading_inside_a_paragraph_is_a_heading_not_a_statement():
    text = ("（一）存在的主要问题。一是村务公开栏更新慢。二是兼职人员多。"
            "（二）改进措施。一是每月更新公开栏。二是明确专人负责。")
    got, _ = split(text)
    assert [(b, t.rstrip("。")) for b, _, t in got] == [
        ("problem", "村务公开栏更新慢"), ("problem", "兼职人员多"),
        ("measure", "每月更新公开栏"), ("measure", "明确专人负责")]
    # a numbered item whose words are not a heading stays an item
    got, _ = split("（一）加强队伍建设。配齐人员。（二）加强培训。每季度一次。")
    assert [m for _, m, _ in got] == ["（一）", "（二）"]


@pytest.mark.parametrize("turn", [
    "下一步，我局将", "2024年，我局将", "今后要", "针对上述问题，本局将"])
def test_the_last_problem_item_stops_where_the_measures_begin(turn):
    text = ("一是医保政策解读不够通俗。二是审核流程有待细化。"
            f"{turn}制作图解材料；修订发布审核办法。")
    got, _ = split(text)
    assert [t for _, _, t in got[:2]] == ["医保政策解读不够通俗。", "审核流程有待细化。"]
    assert got[2][2].startswith(turn) and got[2][0] == "measure"
    assert got[3] == ("measure", None, "修订发布审核办法。")
    # a turn inside an earlier item (one item = problem + its fix) gives its two halves, as
    # "一是…不便。针对此问题，…" does (five24: a problem+measure statement fits no kind); "针对
    # 上述问题" after a comma points at the problems above, not at this item's: left alone
    got, _ = split(f"一是解读不够通俗，{turn}制作图解。二是流程有待细化。")
    if turn.startswith("针对上述"):
        assert len(got) == 2
    else:
        assert got == [("problem", "一是", "解读不够通俗"), ("measure", None, f"{turn}制作图解。"),
                       ("problem", "二是", "流程有待细化。")]


def test_prose_turns_from_problems_to_measures_without_a_heading():
    got, _ = split("一年来仍存在一些不足。欠税公告公开不及时；专栏内容重复。"
                   "2024年，我局将按月公开欠税公告；精简专栏。")
    assert [b for b, _, _ in got] == ["problem", "problem", "problem", "measure", "measure"]


def test_a_run_in_title_phrase_joins_its_paragraph():
    text = ("强化队伍建设。我局政务公开由一名同志兼职承担，汛期难以兼顾。下一步将实行AB岗。\n"
            "规范工程信息公开。部分工程招投标和竣工验收信息公开不完整。")
    got, _ = split(text)
    assert [t for _, _, t in got] == [
        "强化队伍建设。我局政务公开由一名同志兼职承担，汛期难以兼顾。", "下一步将实行AB岗。",
        "规范工程信息公开。部分工程招投标和竣工验收信息公开不完整。"]
    # a short sentence that is a problem, or is followed by a turn, is not a title
    got, _ = split("加强领导不够。各科室报送信息的积极性普遍不高。\n做好宣传。下一步将开展宣传月活动。")
    assert len(got) == 4


def test_an_item_whose_title_names_a_problem_word_is_not_a_sub_heading():
    # "（四）…仍有薄弱环节。" continues items （一）–（三）: before, it was read as a
    # problems sub-heading, which lost item 4's title and glued （五） onto its body
    text = ("还存在一些不足，主要是：\n（一）公开不够主动。项目公开少。\n（二）解读不够通俗。\n"
            "（三）人员变动频繁。\n（四）发布审核仍有薄弱环节。个别名单泄露了身份证号。\n"
            "（五）答复文书不规范。\n针对上述问题，我局将：\n（一）拓展公开范围。\n（二）加强培训。")
    got, _ = split(text)
    problems = [(m, t) for b, m, t in got if b == "problem" and m]
    assert [m for m, _ in problems] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert problems[3][1].startswith("发布审核仍有薄弱环节。")
    assert [m for b, m, _ in got if b == "measure" and m] == ["（一）", "（二）"]
    # a real sub-heading pair keeps working
    got, _ = split("（一）存在的主要问题\n人员少。\n（二）改进措施\n加人。")
    assert [(b, t) for b, _, t in got] == [("problem", "人员少。"), ("measure", "加人。")]


def test_prose_problems_before_an_announced_list_of_measures_are_statements():
    text = ("2023年工作取得一定成效，但还存在以下问题：监测数据公开的范围和尺度有待明确；"
            "科普内容可读性不高；人员多为兼职。针对以上问题，我局将：（一）梳理发布清单；"
            "（二）创新科普形式；（三）配齐专职人员。")
    got, _ = split(text)
    assert [(b, m, t) for b, m, t in got[:5]] == [
        ("problem", None, "2023年工作取得一定成效，但还存在以下问题："),
        ("problem", None, "监测数据公开的范围和尺度有待明确；"),
        ("problem", None, "科普内容可读性不高；"),
        ("problem", None, "人员多为兼职。"),
        ("measure", None, "针对以上问题，我局将：")]
    assert [(b, m) for b, m, _ in got[5:]] == [("measure", "（一）"), ("measure", "（二）"),
                                               ("measure", "（三）")]


def test_a_long_line_wrapped_mid_sentence_stays_one_statement():
    text = ("（一）存在的问题\n办事指南在网站、窗口、微信三个渠道不一致；信息公开工作由政工室兼管，没有专职\n"
            "人员。\n（二）下一步打算\n1．统一办事指南。\n2．明确专职人员。")
    got, _ = split(text)
    assert [t.replace("\n", "") for b, _, t in got if b == "problem"] == [
        "办事指南在网站、窗口、微信三个渠道不一致；", "信息公开工作由政工室兼管，没有专职人员。"]
    # short lines without punctuation are a list, not a wrapped sentence
    got, _ = split("（一）存在的问题\n人员不足\n经费不足\n（二）改进措施\n加人")
    assert [t for _, _, t in got] == ["人员不足", "经费不足", "加人"]


def test_run_in_titles_inside_a_paragraph_join_their_items():
    got, _ = split("下一步我局将：强化公开力度。围绕节能降碳工作，主动公开进展和成效。"
                   "加强栏目维护。明确各科室栏目维护责任，做到信息常更常新。")
    assert [(b, t) for b, _, t in got] == [
        ("measure", "下一步我局将："),
        ("measure", "强化公开力度。围绕节能降碳工作，主动公开进展和成效。"),
        ("measure", "加强栏目维护。明确各科室栏目维护责任，做到信息常更常新。")]


def test_a_numbered_heading_closing_a_lead_in_sets_the_block_of_its_items():
    text = ("（一）上年度问题的改进情况。针对人员薄弱问题，已明确专职人员。"
            "（二）本年度存在的主要问题。一是数字化水平不高。二是公示牌信息陈旧。"
            "（三）下一步改进措施。一是推进智能化改造。二是开展公示牌排查。")
    got, _ = split(text)
    assert [(b, m) for b, m, _ in got] == [
        ("measure", None), ("problem", "一是"), ("problem", "二是"),
        ("measure", "一是"), ("measure", "二是")]
    assert all("（二）" not in t and "（三）" not in t for _, _, t in got)


def test_page_numbers_inside_a_statement_are_dropped():
    from nlp_reports import load_report

    body = ("一、总体情况\n全年主动公开信息。\n五、存在的主要问题及改进情况\n"
            "一是网上查询系统使用率低，群众多到窗口\n第 8 页\n现场询问。二是办事指南不一致。\n"
            "— 9 —\n六、其他需要报告的事项\n无。")
    report = load_report(("某县公安局2023年政府信息公开工作年度报告\n" + body).encode())
    assert [s.text for s in report.statements] == [
        "网上查询系统使用率低，群众多到窗口现场询问。", "办事指南不一致。"]


def test_a_run_in_measures_heading_after_the_last_problem_item_starts_the_measures():
    got, _ = split("一是价格查询不便。二是隐私保护需加强。整改措施：开通价格自助查询；"
                   "发布前隐去患者信息。")
    # (problems since redteam15: 不便 says something is lacking, so the run before the
    # measures' label lists the problems)
    assert [(b, t) for b, _, t in got] == [
        ("problem", "价格查询不便。"), ("problem", "隐私保护需加强。"),
        ("measure", "开通价格自助查询；"), ("measure", "发布前隐去患者信息。")]


def test_a_page_break_inside_a_sentence_does_not_cut_it():
    from nlp_reports import load_report

    body = ("一、总体情况\n全年主动公开信息。\n五、存在的主要问题及改进情况\n"
            "还有差距：一是解读材料照搬原文。二是依申请公开数量持续增长，部分单位答复说理不\n"
            "— 6 —\n充分。三是新媒体重开设轻运营。\n六、其他需要报告的事项\n无。")
    report = load_report(("某市人民政府2023年政府信息公开工作年度报告\n" + body).encode())
    assert [s.text for s in report.statements][1:] == [
        "解读材料照搬原文。", "依申请公开数量持续增长，部分单位答复说理不充分。",
        "新媒体重开设轻运营。"]


def test_a_page_number_left_at_the_end_of_section_5_is_not_a_statement():
    got, _ = split("一是人员少。二是经费少。\n下一步将加人加钱。\n第 8 页 共 9 页")
    assert [t for _, _, t in got] == ["人员少。", "经费少。", "下一步将加人加钱。"]
    got, _ = split("稳定工作队伍。全年人员调整3次，新来的同志业务不熟。")
    assert len(got) == 1  # a run-in title (稳定…) joins its sentence


def test_a_short_sentence_naming_a_block_is_a_statement_not_a_heading():
    # "主要问题是…" names the problem block but goes on past it: it says what the problem is
    got, _ = split("我单位信息公开工作仍有不足。主要问题是专职人员只有一名。存在的不足在于经费偏紧。"
                   "\n（二）改进措施。一是增配人员；二是申请经费。")
    texts = [t for _, _, t in got]
    assert "主要问题是专职人员只有一名。" in texts
    assert "存在的不足在于经费偏紧。" in texts
    assert "改进措施。" not in texts and "（二）改进措施。" not in texts


def test_a_problem_sentence_with_the_year_and_zhuyao_does_not_turn_to_measures():
    # 要 inside 主要 / 需要 is no "will": the problems go on until the real turn (下一步…)
    got, _ = split("本年度工作中还存在一些问题。2023年，全局信息公开工作主要短在解读。"
                   "今年需要公开的栏目更新偏慢。下一步，我局将充实队伍。")
    assert [b for b, _, _ in got] == ["problem", "problem", "problem", "measure"]


@pytest.mark.parametrize("sep", ["\n", "："])
def test_numbered_sub_headings_after_a_first_sub_block_that_names_none(sep):
    # （一） names no block, so （二）/（三） continue its numbering; they are still headings
    text = (f"（一）上年度工作回顾{sep}本年度完成了栏目改版。\n"
            f"（二）存在的主要问题{sep}公开内容不够全面，更新不够及时。\n"
            f"（三）下一步工作打算{sep}加强培训，完善制度。")
    got, _ = split(text)
    assert ("problem", "公开内容不够全面，更新不够及时。") in [(b, t) for b, _, t in got]
    assert ("measure", "加强培训，完善制度。") in [(b, t) for b, _, t in got]


def test_a_year_opens_a_problem_as_well_as_a_plan():
    got, _ = split("（一）存在的问题\n2023年重点领域信息公开不够深入。人员少。")
    assert [b for b, _, _ in got] == ["problem", "problem"]
    # a long agency name between the year and 将 still turns to measures
    got, _ = split("一是公开不深入。二是人员兼职多。针对上述问题，2025年国家林业和草原局将：健全公开机制；配齐人员。")
    assert [b for b, _, _ in got][-2:] == ["measure", "measure"]
    assert got[1][2] == "人员兼职多。"


def test_two_short_measures_in_a_row_are_not_a_title_and_its_body():
    got, _ = split("加强业务培训。完善公开制度，明确各环节责任和时限要求。")
    assert [t for _, _, t in got] == ["加强业务培训。", "完善公开制度，明确各环节责任和时限要求。"]
