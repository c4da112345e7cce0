"""List markers of section 五: an ordinal word alone (首先，/
第一，/其一，) opening a block is a word of the sentence, not a list of one — a list only when
其次/第二/其二 follow as siblings; a lone 一是 run on after a lead-in's "：" on the same line is
item 1 of a list of one; 一是 run on after 主要表现在/体现在 with no mark is item 1 when 二是
follows. 一是 alone is still a list of one (only a list writes it)."""

import pytest

from nlp_reports import load_report

TAIL = "\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"

HOSPITAL = ("江岸区人民医院2022年政府信息公开工作年度报告\n\n一、总体情况\n"
            "2022年，我院在院务公开栏和医院官网主动公开医疗服务价格、药品价格等信息186条。\n\n")
TOWNSHIP = ("石门乡人民政府2019年政府信息公开工作年度报告\n\n一、总体情况\n"
            "2019年，我乡通过县政府门户网站乡镇专栏公开信息57条，未收到信息公开申请。\n\n")
MINISTRY = ("某部2024年政府信息公开工作年度报告\n\n一、总体情况\n"
            "2024年，我部坚持以公开为常态、不公开为例外，全年主动公开政府信息1,342条。\n\n")


def _report(tmp_path, head: str, five: str):
    f = tmp_path / "r.txt"
    f.write_text(head + "五、存在的主要问题及改进情况\n" + five + TAIL, "utf-8")
    return load_report(f)


def _got(r):
    return [(s.block, s.marker, s.text) for s in r.statements]


@pytest.mark.parametrize("word", ["首先，", "第一，", "其一，"])
def test_an_ordinal_word_alone_opening_a_block_is_prose(tmp_path, word):
    five = ("（一）存在的主要问题\n"
            f"{word}我院院务公开栏内容更新不够及时，部分科室收费标准调整后未同步更新。\n"
            "（二）改进措施\n下一步，我院将建立院务公开栏月度检查制度。\n")
    got = _got(_report(tmp_path, HOSPITAL, five))
    assert got[0] == ("problem", None,
                      f"{word}我院院务公开栏内容更新不够及时，部分科室收费标准调整后未同步更新。")
    assert got[1] == ("measure", None, "下一步，我院将建立院务公开栏月度检查制度。")


def test_an_ordinal_word_opening_the_section_with_no_sub_heading(tmp_path):
    five = ("首先，我乡政务公开工作人员均为兼职，业务能力参差不齐。"
            "下一步，我乡将组织专题培训，提升信息发布质量。\n")
    got = _got(_report(tmp_path, TOWNSHIP, five))
    assert [m for _, m, _ in got] == [None, None]
    assert got[0][2].startswith("首先，我乡政务公开工作人员均为兼职")


@pytest.mark.parametrize("first, second", [("首先，", "其次，"), ("第一，", "第二，"),
                                           ("其一，", "其二，")])
def test_an_ordinal_word_with_its_sibling_is_a_list(tmp_path, first, second):
    five = ("（一）存在的主要问题\n"
            f"{first}院务公开栏内容更新不够及时。\n{second}医疗服务价格公示不够醒目。\n"
            "（二）改进措施\n下一步，我院将建立院务公开栏月度检查制度。\n")
    got = _got(_report(tmp_path, HOSPITAL, five))
    assert got[:2] == [("problem", first, "院务公开栏内容更新不够及时。"),
                       ("problem", second, "医疗服务价格公示不够醒目。")]


def test_yi_shi_alone_is_still_a_list_of_one(tmp_path):
    five = ("（一）存在的主要问题\n一是我乡村务公开栏内容更新滞后。\n"
            "（二）改进措施\n下一步，我乡将落实村务公开栏季度更新制度。\n")
    got = _got(_report(tmp_path, TOWNSHIP, five))
    assert got[0] == ("problem", "一是", "我乡村务公开栏内容更新滞后。")


def test_a_lone_yi_shi_after_a_lead_in_colon_on_its_line(tmp_path):
    five = ("2024年，我部政务公开工作取得新进展，但仍存在不足，主要是：一是部分政策文件解读材料与文件"
            "同步发布不到位，解读形式较为单一。下一步，我部将推进政策文件与解读材料同步起草、同步审签。\n")
    got = _got(_report(tmp_path, MINISTRY, five))
    assert got == [
        ("problem", None, "2024年，我部政务公开工作取得新进展，但仍存在不足，主要是："),
        ("problem", "一是", "部分政策文件解读材料与文件同步发布不到位，解读形式较为单一。"),
        ("measure", None, "下一步，我部将推进政策文件与解读材料同步起草、同步审签。"),
    ]


def test_items_after_colons_on_one_line(tmp_path):
    five = ("存在的主要问题：一是医院官网信息栏目设置不够合理。二是依申请公开答复格式不够规范。"
            "改进措施：一是优化官网栏目。二是制定答复文书范本。\n")
    got = _got(_report(tmp_path, HOSPITAL, five))
    assert got == [("problem", "一是", "医院官网信息栏目设置不够合理。"),
                   ("problem", "二是", "依申请公开答复格式不够规范。"),
                   ("measure", "一是", "优化官网栏目。"),
                   ("measure", "二是", "制定答复文书范本。")]


@pytest.mark.parametrize("lead", ["主要表现在：", "主要表现在", "主要体现在"])
def test_items_in_the_middle_of_a_sentence(tmp_path, lead):
    five = (f"我乡政务公开工作还存在一些不足，{lead}一是政策解读形式单一；二是村级公开目录更新不及时；"
            "三是信息员队伍不稳定。下一步，我乡将加强培训。\n")
    got = _got(_report(tmp_path, TOWNSHIP, five))
    assert [(m, t) for _, m, t in got[1:4]] == [("一是", "政策解读形式单一；"),
                                                ("二是", "村级公开目录更新不及时；"),
                                                ("三是", "信息员队伍不稳定。")]
    assert got[0] == ("problem", None, f"我乡政务公开工作还存在一些不足，{lead}")


def test_yi_shi_in_a_sentence_after_a_colon_is_no_list_without_a_lead_in_colon(tmp_path):
    """"一是一、二是二" after a verb, not a colon: the idiom stays in its sentence."""
    five = "我乡坚持一是一、二是二，如实公开财政预决算信息，但公开的及时性仍有不足。\n"
    got = _got(_report(tmp_path, TOWNSHIP, five))
    assert got[0][1] is None and got[0][2].startswith("我乡坚持一是一、二是二")
