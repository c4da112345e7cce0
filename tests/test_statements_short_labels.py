"""Section 五's short block labels: inline, on their own line, next-step labels.

1. Short labels with a colon — 问题：/不足：/改进：/整改：/措施：/下一步：/下步：/今后： — at a line
   start or after a sentence end set the block and are no statement, the label dropped from
   the text of what follows (before, "改进：" and "整改：" named no block: the measures after
   them stayed in the problem block with "改进：" in their text, or "改进：" on its own line
   became a statement and everything under it ``unknown``). Only the whole phrase is such a
   label: "群众反映的问题：…" or "…，问题：…" after a comma is none.
2. "下一步：" run in before its items was a statement while "下步打算：" was no statement: both
   are labels now (a label is none, a lead-in sentence is one).
3. Lead-ins for the measures not recognised: a long year-ahead lead ending in "。"
   ("2021年，我厅将以…为主线，着力抓好以下几方面工作。"), and "对照以上不足，…将从两个方面改进：".
4. A bare verb lead-in after the sentence naming the problems ("具体表现在：", "主要是：") is
   cut from the first item it ran on into.

Fixtures: tests/fixtures/parse18/ — fictional bodies: a township health centre (2021), a county
人社局 (2019), a provincial 自然资源厅 (2020), a county 教育局 (2018) and a district 市场监管局
(2022)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.headings import block_of, lead_block
from nlp_reports.parse.statements import split_section5

FIX = Path(__file__).parent / "fixtures" / "parse18"
TITLE = "存在的主要问题及改进情况"

SHORT_LABELS = [("问题", "problem"), ("不足", "problem"), ("改进", "measure"), ("整改", "measure"),
                ("措施", "measure"), ("下一步", "measure"), ("下步", "measure"), ("今后", "measure")]


def _split(text: str, title: str = TITLE):
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


def _load(name: str):
    return [(s.block, s.marker, s.text) for s in load_report(FIX / name).statements]


# 1. Short labels with a colon


@pytest.mark.parametrize("label,block", SHORT_LABELS)
def test_a_short_label_names_its_block(label, block):
    assert block_of(label) == block


@pytest.mark.parametrize("phrase", ["改进工作作风", "整改落实", "问题反馈", "群众反映的问题",
                                    "措施落实", "下一步的"])
def test_a_longer_phrase_is_not_the_short_label(phrase):
    assert block_of(phrase) is None


@pytest.mark.parametrize("problem,measure", [("问题", "改进"), ("不足", "整改"), ("问题", "措施"),
                                             ("不足", "下一步"), ("问题", "今后")])
def test_inline_labels_in_one_paragraph_set_the_blocks(problem, measure):
    text = (f"{problem}：便民服务中心公开栏内容陈旧；网站“通知公告”栏目半年未更新。"
            f"{measure}：公开栏每月初更换一次；网站栏目由党政办专人维护。")
    got = _split(text)
    assert [b for b, _, _ in got] == ["problem", "problem", "measure", "measure"]
    assert got[2][2] == "公开栏每月初更换一次；"
    assert not any(t.startswith((f"{problem}：", f"{measure}：")) for _, _, t in got)


def test_a_label_on_its_own_line_heads_the_prose_below():
    text = ("不足：公开栏更新慢，村民反映看不到最新的低保名单；网站栏目空白多。\n"
            "整改：\n每月5日前更新公开栏；清理合并空白栏目。")
    got = _split(text)
    assert [b for b, _, _ in got] == ["problem", "problem", "measure", "measure"]
    assert "整改：" not in [t for _, _, t in got]


def test_a_label_line_opening_prose_after_numbered_problems():
    text = ("一、部分科室对公开工作重视不够。\n二、惠民补贴公示滞后。\n"
            "改进：院务会专题研究公开工作；补贴结果10日内公示。")
    got = _split(text)
    assert [b for b, _, _ in got] == ["problem", "problem", "measure", "measure"]
    assert got[2][2] == "院务会专题研究公开工作；"


def test_a_word_before_the_colon_is_no_short_label():
    # "问题：" after a comma, or inside the phrase before the colon, is the writer's sentence
    got = _split("窗口人员少，问题：经费紧张。改进：增加预算。")
    assert got[0][2] == "窗口人员少，问题：经费紧张。"
    assert got[1] == ("measure", None, "增加预算。")
    got = _split("群众反映的问题：办事指南看不懂。下一步：重新编写办事指南。")
    assert got[0][2] == "群众反映的问题：办事指南看不懂。"


def test_the_measure_half_of_an_item_after_a_short_label():
    # "整改：" inside a numbered item is its measure half, as "整改措施：" is
    text = ("（一）政策解读材料发布滞后。整改：解读与文件同步报批。\n"
            "（二）公开目录未及时调整。整改：每半年梳理一次目录。")
    got = _split(text, title="存在的主要问题")
    assert [(b, m) for b, m, _ in got] == [("problem", "（一）"), ("measure", None),
                                          ("problem", "（二）"), ("measure", None)]
    assert got[1][2] == "解读与文件同步报批。"


# 2. "下一步：" and "下步打算：" are labels alike; a lead-in sentence is a statement


@pytest.mark.parametrize("label", ["下一步", "下步", "下步打算", "下一步打算", "今后"])
def test_next_step_labels_are_no_statement(label):
    text = f"一是人员不足。二是经费不足。{label}：一是增配人员；二是争取专项经费。"
    got = _split(text)
    assert [t for _, _, t in got] == ["人员不足。", "经费不足。", "增配人员；", "争取专项经费。"]
    assert [b for b, _, _ in got][2:] == ["measure", "measure"]


def test_a_next_step_lead_in_sentence_stays_a_statement():
    got = _split("下一步，我局将重点做好以下工作：一是加强培训；二是完善制度。")
    assert got[0] == ("measure", None, "下一步，我局将重点做好以下工作：")
    assert len(got) == 3


# 3. Lead-ins for the measures


@pytest.mark.parametrize("lead", [
    "2021年，我厅将以落实自然资源部政务公开工作要点和省政府办公厅年度部署为主线，着力抓好以下几方面工作。",
    "下一年度，我站拟围绕服务群众办事便利，在门户网站和微信公众号两个渠道上集中力量做好以下工作。",
    "对照上述问题，我中心将从三个方面改进：",
    "对照以上不足，区市场监管局将从两个方面改进：",
    "本院将从三方面加以改进：",
])
def test_measure_lead_ins(lead):
    assert lead_block(lead) == "measure"


@pytest.mark.parametrize("lead,block", [
    ("对照年度工作要点，我局仍存在以下问题：", "problem"),
    ("2022年，我局将政务公开纳入年度绩效考核，但仍存在以下问题：", "problem"),
    ("2023年，我院要求各科室按以下要求执行：", None),
    ("对照条例要求，我局还有差距。", "problem"),  # (对照 + no 上述/以上: no measure lead)
])
def test_what_stays_no_measure_lead(lead, block):
    assert lead_block(lead) == block


# 4. A bare verb lead-in


@pytest.mark.parametrize("lead", ["主要是", "具体表现在", "主要有", "集中体现在"])
def test_a_bare_lead_in_is_cut_from_the_first_item(lead):
    text = f"我办政务公开工作仍存在一些问题。{lead}：网站栏目更新慢；政策解读偏少。"
    got = _split(text)
    assert [t for _, _, t in got] == ["我办政务公开工作仍存在一些问题。", f"{lead}：",
                                      "网站栏目更新慢；", "政策解读偏少。"]
    assert {b for b, _, _ in got} == {"problem"}


def test_an_item_ending_in_a_comma_is_the_writers_text():
    # "一是安排专人负责，二是…": the writer ends item 1 with a comma; the split keeps it whole
    got = _split("一是人员兼职。二是制度不全。下步打算：一是安排专人负责，二是修订公开制度，"
                 "三是加强培训。")
    assert [t for _, _, t in got][2:] == ["安排专人负责，", "修订公开制度，", "加强培训。"]


# Fixtures: whole reports


def test_fixture_inline_labels_one_paragraph():
    got = _load("yunling_zhen_weishengyuan_2021_inline_labels.txt")
    assert [b for b, _, _ in got] == ["problem", "problem", "measure", "measure"]
    assert got[0][2].startswith("院务公开栏")
    assert got[2][2].startswith("由财务室")


def test_fixture_label_on_its_own_line_and_bare_lead():
    got = _load("shuangqiao_xian_renshe_2019_label_lines.txt")
    assert [b for b, _, _ in got] == ["problem"] * 5 + ["measure"] * 3
    assert got[1][2] == "具体表现在："
    assert got[2][2].startswith("养老金")
    assert "改进：" not in [t for _, _, t in got]


def test_fixture_long_year_lead_ending_in_a_full_stop():
    got = _load("lingnan_sheng_ziranziyuan_ting_2020_long_lead.txt")
    assert [b for b, _, _ in got] == ["problem"] * 4 + ["measure"] * 4
    assert got[4][1] is None and got[4][2].endswith("着力抓好以下几方面工作。")


def test_fixture_next_step_run_in_mid_line():
    got = _load("hexi_xian_jiaoyuju_2018_next_step_run_in.txt")
    assert [(b, m) for b, m, _ in got] == [("problem", "一是"), ("problem", "二是"),
                                          ("measure", "一是"), ("measure", "二是")]
    assert not any("下步" in t for _, _, t in got)


def test_fixture_aimed_lead_with_how_many_aspects():
    got = _load("qingpu_qu_shichang_jianguan_2022_aimed_lead.txt")
    assert [b for b, _, _ in got] == ["problem"] * 3 + ["measure"] * 3
    assert got[3][2] == "对照以上不足，区市场监管局将从两个方面改进："


# --- "不足1、…⏎不足2、…" -----------------------------------------------------------------------


def test_labelled_items_in_digits_before_dun():
    """"不足1、…⏎不足2、…" (and 问题N、 / 措施N、) are labelled items: "不足" was read as a run-in
    sub-heading over an item "1、", so item 2 began a block of its own and kept "2、" in its
    text. "问题1、…。2、…" on one line is still the heading 问题 over items 1、 2、."""
    got = _split("不足1、门诊楼电子屏院务公开内容更新滞后，部分收费标准仍为旧版。\n"
                 "不足2、依申请公开登记台账填写不完整。\n改进措施：\n"
                 "1、由院办牵头每月核对电子屏内容。\n2、统一台账格式并纳入科室考核。\n",
                 title="存在的主要问题和改进情况")
    assert got == [
        ("problem", "不足1、", "门诊楼电子屏院务公开内容更新滞后，部分收费标准仍为旧版。"),
        ("problem", "不足2、", "依申请公开登记台账填写不完整。"),
        ("measure", "1、", "由院办牵头每月核对电子屏内容。"),
        ("measure", "2、", "统一台账格式并纳入科室考核。"),
    ]
    got = _split("问题1、乡镇公开专栏栏目设置不统一。\n问题2、政策解读形式单一。\n"
                 "措施1、对照县级标准目录统一栏目。\n措施2、增加图解和短视频解读。\n")
    assert [(b, m) for b, m, _ in got] == [("problem", "问题1、"), ("problem", "问题2、"),
                                           ("measure", "措施1、"), ("measure", "措施2、")]
    assert "2、" not in "".join(t for _, _, t in got)
    got = _split("问题1、栏目设置不统一。2、解读形式单一。\n措施：1、统一栏目。2、增加图解。\n")
    assert [(b, m, t) for b, m, t in got][:2] == [("problem", "1、", "栏目设置不统一。"),
                                                 ("problem", "2、", "解读形式单一。")]
