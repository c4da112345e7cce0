"""Section 五 layouts real reports use that came out wrong: a "（二）主要措施" sub-heading
(read as a statement, its measures as problems), 首先是…，其次是… run on after a comma (one
statement), and a sign-off (the agency's name over the date) or an 附件 line left at the end
of 五 (each read as a measure)."""

from __future__ import annotations

from nlp_reports import load_report

_HEAD = """南湖区城市更新局{year}年政府信息公开工作年度报告
一、总体情况
{year}年，我局围绕老旧小区改造、征收补偿等群众关切事项，持续做好政府信息公开。
二、主动公开政府信息情况
本年度主动公开政府信息94条。
三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请11件，均已按期答复。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼。
五、存在的主要问题及改进情况
"""
_TAIL = "六、其他需要报告的事项\n本年度未收取信息处理费。\n"


def _statements(five: str, year: int = 2024, tail: str = _TAIL) -> list[tuple[str, str]]:
    text = _HEAD.format(year=year) + five + tail
    report = load_report(text.encode("utf-8"), filename="nh.txt")
    return [(s.block, s.text) for s in report.statements]


def test_main_measures_heading_opens_the_measure_block():
    got = _statements("（一）主要问题\n一是改造项目进度公开不及时；\n二是征收补偿信息公开不全面。\n"
                      "（二）主要措施\n一是建立项目进度月报公开制度；\n二是全面公开征收补偿方案和结果。\n")
    assert got == [("problem", "改造项目进度公开不及时；"), ("problem", "征收补偿信息公开不全面。"),
                   ("measure", "建立项目进度月报公开制度；"), ("measure", "全面公开征收补偿方案和结果。")]


def test_first_then_second_after_a_comma_are_two_statements():
    got = _statements("（一）存在的主要问题\n首先是学校收费公示不够规范，其次是招生政策解读发布偏晚。\n"
                      "（二）改进情况\n下一步，我局将统一收费公示样式，提前一个月发布招生政策解读。\n")
    assert got == [("problem", "学校收费公示不够规范，"), ("problem", "招生政策解读发布偏晚。"),
                   ("measure", "下一步，我局将统一收费公示样式，提前一个月发布招生政策解读。")]


def test_sign_off_at_the_end_of_section_five_is_no_statement():
    five = ("（一）存在的主要问题\n救助信息公示内容不统一。\n（二）改进情况\n制定社会救助信息公示指引。\n"
            "\n湖西区民政局\n2025年1月20日\n")
    assert _statements(five) == [("problem", "救助信息公示内容不统一。"), ("measure", "制定社会救助信息公示指引。")]
    # the same with a closing formula over it, and a date in Chinese numerals
    five = five.replace("\n\n湖西区民政局\n2025年1月20日", "\n特此报告。\n湖西区民政局\n二〇二五年一月二十日")
    assert _statements(five) == [("problem", "救助信息公示内容不统一。"), ("measure", "制定社会救助信息公示指引。")]



def test_sign_off_dated_in_figures_at_the_end_of_section_five_is_no_statement():
    # a web copy's sign-off, the date in figures as the closing date under the report reads it
    for date in ("2025-01-20", "2025.1.20", "2025/01/20"):
        five = ("（一）存在的主要问题\n政策解读形式单一。\n（二）改进情况\n增加图解和视频解读。\n"
                f"\n湖西区医疗保障局\n{date}\n")
        assert _statements(five) == [("problem", "政策解读形式单一。"), ("measure", "增加图解和视频解读。")]

def test_annex_line_at_the_end_of_section_five_is_no_statement():
    five = ("（一）存在的主要问题\n交通建设项目信息公开仍有遗漏。\n（二）改进情况\n对照标准目录查漏补缺。\n"
            "附件：青禾市交通运输局2024年政府信息公开工作年度报告统计表\n")
    assert _statements(five) == [("problem", "交通建设项目信息公开仍有遗漏。"), ("measure", "对照标准目录查漏补缺。")]


def test_a_measure_naming_a_date_or_an_office_stays():
    five = ("（一）存在的主要问题\n公开栏更新不及时。\n（二）改进情况\n公开栏更新工作交由党政办公室\n"
            "自2025年3月1日\n")
    got = _statements(five)
    assert got[0] == ("problem", "公开栏更新不及时。")
    assert "".join(t for _, t in got[1:]).replace("\n", "") == "公开栏更新工作交由党政办公室自2025年3月1日"


_OLD_HEAD = """青禾县人民政府2012年政府信息公开工作年度报告
一、概述
2012年，我县认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政府信息公开。
二、主动公开政府信息情况
全年主动公开政府信息412条。
三、依申请公开政府信息情况
全年受理政府信息公开申请6件，均按时答复。
四、政府信息公开的收费及减免情况
本年度未收取任何费用。
五、政府信息公开工作存在的主要问题及改进措施
"""


def _old_statements(five: str) -> list[tuple[str, str]]:
    text = _OLD_HEAD + five + "六、其他需要报告的事项\n无。\n"
    report = load_report(text.encode("utf-8"), filename="qh2012.txt")
    return [(s.block, s.text) for s in report.statements]


def test_a_turn_in_the_work_ahead_starts_the_measures():
    for turn in ("在今后的工作中，我县将", "今后工作中，我县将", "在下一步工作中，我们将",
                 "在新的一年里，我县将"):
        got = _old_statements("我县政府信息公开工作还存在一些差距和不足，主要是部分单位对信息公开工作"
                              "重视不够，公开的信息还不够全面，网站建设有待加强。"
                              f"{turn}进一步完善政府信息公开工作制度，推进政府信息公开工作深入开展。\n")
        assert [b for b, _ in got] == ["problem", "measure"], turn


def test_problem_and_measure_labels_worded_with_shi():
    got = _old_statements("主要问题是政务公开专职人员缺乏，信息发布质量不高。"
                          "改进措施是配齐配强工作人员，加强信息发布审核。\n")
    assert got == [("problem", "主要问题是政务公开专职人员缺乏，信息发布质量不高。"),
                   ("measure", "改进措施是配齐配强工作人员，加强信息发布审核。")]


def test_a_numbered_other_matters_heading_inside_five_is_no_statement():
    five = ("（一）存在的主要问题\n一是医疗服务信息公开不全面；\n二是公共卫生信息发布不够及时。\n"
            "（二）改进情况\n一是全面公开医疗服务价格；\n二是健全公共卫生信息发布机制。\n"
            "（三）其他需要报告的事项\n本年度未收取信息处理费。\n")
    got = _statements(five, tail="")
    assert [t for _, t in got] == ["医疗服务信息公开不全面；", "公共卫生信息发布不够及时。",
                                   "全面公开医疗服务价格；", "健全公共卫生信息发布机制。",
                                   "本年度未收取信息处理费。"]
    assert [b for b, _ in got] == ["problem", "problem", "measure", "measure", "unknown"]
    got = _statements(five.replace("（三）其他需要报告的事项\n", "（三）其他\n"))
    assert got[-1] == ("unknown", "本年度未收取信息处理费。") and len(got) == 5


def test_a_problem_measure_table_copied_one_cell_per_line():
    five = ("存在问题\n整改措施\n完成时限\n公共数据开放目录更新不及时\n建立目录季度更新机制\n2025年6月\n"
            "政务数据共享信息公开不足\n定期公开数据共享清单\n2025年12月\n")
    assert _statements(five) == [("problem", "公共数据开放目录更新不及时"), ("measure", "建立目录季度更新机制"),
                                 ("problem", "政务数据共享信息公开不足"), ("measure", "定期公开数据共享清单")]
    two = "存在问题\n整改措施\n道路养护工程信息公开不及时\n工程立项后即在网站公开养护计划\n"
    assert _statements(two) == [("problem", "道路养护工程信息公开不及时"),
                                ("measure", "工程立项后即在网站公开养护计划")]


def test_a_cell_per_line_table_whose_last_cell_is_a_full_date():
    # the deadline column's last cell, a date alone on the last line, looks like a sign-off
    # date; the table is still read as a table, and a real sign-off below it is no cell
    five = ("存在问题\n整改措施\n整改时限\n老旧小区改造项目清单公开滞后\n按月更新改造项目清单\n"
            "2025年3月31日\n征收补偿结果公示范围不全\n补偿结果在社区公示栏和网站同步公示\n"
            "2025年9月30日\n")
    rows = [("problem", "老旧小区改造项目清单公开滞后"), ("measure", "按月更新改造项目清单"),
            ("problem", "征收补偿结果公示范围不全"), ("measure", "补偿结果在社区公示栏和网站同步公示")]
    assert _statements(five) == rows
    assert _statements(five + "南湖区城市更新局\n2025年1月22日\n") == rows


def test_a_cell_per_line_table_ends_above_a_closing_turn_to_the_work_ahead():
    table = ("存在问题\n整改措施\n拆迁安置房分配结果公示时间偏短\n公示期延长至十五个工作日\n"
             "城市更新项目批复文件未及时公开\n批复后五个工作日内在官网公开\n")
    rows = [("problem", "拆迁安置房分配结果公示时间偏短"), ("measure", "公示期延长至十五个工作日"),
            ("problem", "城市更新项目批复文件未及时公开"), ("measure", "批复后五个工作日内在官网公开")]
    # one closing sentence: the table was refused (its cells all measures)
    got = _statements(table + "下一步，我局将持续跟踪整改落实情况，确保取得实效。\n")
    assert got[:4] == rows and got[4][1].startswith("下一步") and len(got) == 5
    # two: the first was read as a row's problem
    got = _statements(table + "下一步，我局将持续跟踪整改落实情况。\n同时把公开质量纳入年度考核。\n")
    assert got[:4] == rows
    assert [b for b, _ in got[4:]] == ["measure", "measure"]


def test_sub_headings_over_prose_are_no_table():
    five = "存在问题\n人员力量不足。\n整改措施\n配齐工作人员。\n"
    assert _statements(five) == [("problem", "人员力量不足。"), ("measure", "配齐工作人员。")]


def test_numbered_names_over_lines_are_sub_headings_not_a_table():
    # (the sub-heading reader's answer: 存在问题 heads nothing, both lines sit under 整改措施)
    got = _statements("1.存在问题\n2.整改措施\n公开栏更新不及时。\n配齐人员。\n")
    assert [b for b, _ in got] == ["measure", "measure"]


def test_a_last_item_aimed_at_the_problems_above_is_a_measure():
    five = ("对照上级要求，我局政府信息公开工作仍有差距。首先，社保政策解读不够通俗。其次，查阅点资料更新慢。"
            "最后，针对上述问题，我局将推出图解系列解读，并每季度更新查阅点资料。\n")
    got = _statements(five)
    assert [b for b, _ in got] == ["problem", "problem", "problem", "measure"]
    assert got[-1][1].startswith("针对上述问题")
    # an item naming the problems without a measure's verb stays a problem
    five = "存在以下问题：一是解读不够通俗；二是针对上述问题的整改不够彻底。\n"
    assert [b for b, _ in _statements(five)] == ["problem", "problem", "problem"]
    # nor one whose 计划 is a noun, the plan falling short
    five = ("（一）存在问题\n一是征收公告张贴不及时；二是针对上述问题，整改计划仍不够细化。\n"
            "（二）改进措施\n按项目节点张贴公告。\n")
    assert [b for b, _ in _statements(five)] == ["problem", "problem", "measure"]
