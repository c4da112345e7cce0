"""A list of one item — "（一）…" under a lead-in with no （二）, a single "1." among the
measures — keeps its marker in ``marker``, not in the statement's text: the text
shown in the summary's representatives and boilerplate tables is the item itself. A number
that is part of the sentence ("1.5万条", "2023.") is no marker, and nested items stay in
their parent's text."""

import pytest

from nlp_reports import load_report

TAIL = "\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"


def _report(tmp_path, head: str, five: str, title: str = "五、存在的主要问题及改进情况"):
    f = tmp_path / "r.txt"
    f.write_text(head + title + "\n" + five + TAIL, "utf-8")
    return load_report(f)


COLLEGE = ("滨河职业技术学院2024年政府信息公开工作年度报告\n\n一、总体情况\n"
           "学院全年通过门户网站主动公开信息136条，收到信息公开申请3件。\n\n")
TOWN = ("青石镇人民政府2020年政府信息公开工作年度报告\n\n一、总体情况\n"
        "2020年，我镇通过镇政府网站和村务公开栏公开各类信息412条。\n\n")
BUREAU = ("某市医疗保障局2022年政府信息公开工作年度报告\n\n一、总体情况\n"
          "本局2022年主动公开医保政策文件、定点机构名单等信息98条。\n\n")


def _got(r):
    return [(s.block, s.marker, s.text) for s in r.statements]


def test_one_problem_and_one_measure_each_after_its_lead_in(tmp_path):
    five = ("2024年，学院政务公开工作虽有进步，但对照上级要求仍有差距：\n"
            "(一)招生考试信息公开的时效性不强，个别录取结果公示晚于规定时间。\n"
            "2025年，学院将重点做好以下工作：\n"
            "1.建立招生信息发布台账，录取结果在确认后3个工作日内公示。\n")
    got = _got(_report(tmp_path, COLLEGE, five))
    assert got == [
        ("problem", None, "2024年，学院政务公开工作虽有进步，但对照上级要求仍有差距："),
        ("problem", "(一)", "招生考试信息公开的时效性不强，个别录取结果公示晚于规定时间。"),
        ("measure", None, "2025年，学院将重点做好以下工作："),
        ("measure", "1.", "建立招生信息发布台账，录取结果在确认后3个工作日内公示。"),
    ]


def test_one_problem_before_a_list_of_measures(tmp_path):
    five = ("本年度我镇政务公开工作还存在以下不足：\n"
            "（一）村级公开栏更新不及时，部分村的村务信息仍停留在上季度。\n"
            "下一步，我镇将从以下方面改进：\n"
            "1.建立村级公开栏月度巡查制度，由党政办牵头检查。\n"
            "2.将村务公开情况纳入村干部年度考核。\n"
            "3.组织村级信息员集中培训两次。\n")
    got = _got(_report(tmp_path, TOWN, five))
    assert got[1] == ("problem", "(一)", "村级公开栏更新不及时，部分村的村务信息仍停留在上季度。")
    assert [m for _, m, _ in got[3:]] == ["1.", "2.", "3."]
    assert all(b == "measure" for b, _, _ in got[2:])
    assert not any(t.startswith(("（一）", "(一)", "1.")) for _, _, t in got)


@pytest.mark.parametrize("first, second", [("一是", "一是"), ("1.", "1、"), ("（一）", "（1）")])
def test_one_item_under_each_sub_heading(tmp_path, first, second):
    five = (f"（一）存在的主要问题\n{first}医保目录调整政策解读偏少，群众咨询量较大。\n"
            f"（二）改进措施\n{second}每次目录调整后一周内发布图文解读。\n")
    got = _got(_report(tmp_path, BUREAU, five))
    ascii_ = str.maketrans("（）", "()")  # brackets are read as ASCII, as in every text
    assert got == [("problem", first.translate(ascii_), "医保目录调整政策解读偏少，群众咨询量较大。"),
                   ("measure", second.translate(ascii_), "每次目录调整后一周内发布图文解读。")]


def test_a_number_in_the_sentence_is_no_marker(tmp_path):
    five = ("我局还存在以下问题：\n1.5万条历史信息尚未完成清理。\n"
            "2023.全年新媒体发文数量较上年下降。\n下一步将加快清理进度。\n")
    texts = [t for _, _, t in _got(_report(tmp_path, BUREAU, five))]
    assert "1.5万条历史信息尚未完成清理。" in texts
    assert "2023.全年新媒体发文数量较上年下降。" in texts


def test_a_sub_heading_is_no_item_and_the_idiom_no_list(tmp_path):
    five = ("（一）存在的问题\n我院坚持一是一、二是二，如实公开财务信息，但公开的及时性仍有不足。\n"
            "（二）改进措施\n学院将进一步规范财务信息公开。\n首先，按月公开预算执行情况。\n")
    got = _got(_report(tmp_path, COLLEGE, five))
    assert got[0][2].startswith("我院坚持一是一、二是二")
    assert got[-1] == ("measure", None, "首先，按月公开预算执行情况。")
    assert not any("存在的问题" in t or "改进措施" in t for _, _, t in got)


def test_a_single_nested_item_stays_in_its_parent(tmp_path):
    five = ("一是政策解读工作还存在以下问题：\n（1）图解、视频解读较少。\n"
            "二是依申请公开答复不够规范。\n"
            "下一步，我局将：\n1.丰富解读形式。\n2.制定答复文书范本。\n")
    got = _got(_report(tmp_path, BUREAU, five))
    assert got[0][1] == "一是" and "(1)图解、视频解读较少。" in got[0][2]
    assert [m for _, m, _ in got] == ["一是", "二是", None, "1.", "2."]
