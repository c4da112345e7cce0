"""The not-a-report rule, bare place names
as agencies, problem + measure in one sentence, and Arabic-numbered top-level headings.
All fixtures are written here by hand (fictional agencies)."""

from __future__ import annotations

import pytest

from nlp_reports.errors import NotAReportError
from nlp_reports.parse import load_report

# --- 1. a key phrase alone is no report ------------------------------------------------------


@pytest.mark.parametrize(("data", "filename"), [
    # one long line of a key phrase: no heading, no table, no agency, no year
    (("政府信息公开" * 20000).encode(), "one_line.txt"),
    # a saved page's footer (…_files/footer.htm): navigation with "政务公开", a copyright line
    ("<html><body><ul><li><a href='/'>首页</a></li><li>政务公开</li><li>信息公开目录</li></ul>"
     "<p>版权所有：青石县人民政府办公室 备案号 00000</p></body></html>".encode(), "footer.htm"),
    ("首页 > 政务公开 > 通知公告\n当前位置：信息公开目录\n联系我们 网站地图".encode(), "nav.txt"),
])
def test_a_key_phrase_without_heading_table_agency_or_year_is_not_a_report(data, filename):
    with pytest.raises(NotAReportError) as info:
        load_report(data, filename=filename)
    assert info.value.reason == "not_a_report"


def test_an_old_free_prose_report_with_only_a_title_still_loads():
    text = ("青石县人民政府2010年政府信息公开工作年度报告\n"
            "本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》，不断完善工作机制。"
            "全年主动公开政府信息三百余条，受理依申请公开两件，均按时答复。"
            "工作中还存在公开内容不够全面的问题，今后将进一步规范。\n")
    report = load_report(text.encode(), filename="old.txt")
    assert report.sections == ()
    assert (report.metadata.agency, report.metadata.year) == ("青石县人民政府", 2010)
    assert [p.code for p in report.errors] == ["no_headings"]


def test_a_headingless_text_with_a_year_but_no_key_phrase_is_still_not_a_report():
    with pytest.raises(NotAReportError):
        load_report("2023年，本市气温偏高，降水偏少。".encode(), filename="weather.txt")


# --- 2. a bare place in the title is its government when the report names it -------------------

_BODY = ("\n一、总体情况\n本年度，{who}坚持以公开为常态，全年主动公开政府信息一百余条。\n"
         "五、存在的主要问题及改进情况\n一是人员不足。二是培训不够。\n六、其他需要报告的事项\n无。\n")


def _report(title: str, body_names: str = "我们", sign: str | None = None) -> str:
    text = title + _BODY.format(who=body_names)
    if sign is not None:
        text += f"\n{sign}\n2024年1月20日\n"
    return text


#: (title, what the body calls the agency, sign-off or None) → agency, all written by hand
AGENCIES = [
    # sign-off names place + 人民政府: the full name, for every kind of place
    (("柳岸县2023年政府信息公开工作年度报告", "我县", "柳岸县人民政府"), "柳岸县人民政府"),
    (("青石市2023年政府信息公开工作年度报告", "我市", "青石市人民政府"), "青石市人民政府"),
    (("红旗区2022年政府信息公开工作年度报告", "我区", "红旗区人民政府"), "红旗区人民政府"),
    (("云岭省2021年政府信息公开工作年度报告", "我省", "云岭省人民政府"), "云岭省人民政府"),
    (("白河乡2023年政府信息公开工作年度报告", "我乡", "白河乡人民政府"), "白河乡人民政府"),
    (("青松镇2024年政府信息公开工作年度报告", "我镇", "青松镇人民政府"), "青松镇人民政府"),
    (("金沙旗2023年政府信息公开工作年度报告", "我旗", "金沙旗人民政府"), "金沙旗人民政府"),
    (("雪山自治州2023年政府信息公开工作年度报告", "我州", "雪山自治州人民政府"), "雪山自治州人民政府"),
    (("南湖街道2023年政府信息公开工作年度报告", "我街道", "南湖街道办事处"), "南湖街道办事处"),
    # the body names it, the sign-off does not (or there is none)
    (("青石市2023年政府信息公开工作年度报告", "青石市人民政府", None), "青石市人民政府"),
    (("红旗区2023年政府信息公开工作年度报告", "云岭市红旗区人民政府", None), "红旗区人民政府"),
    (("南湖街道2023年政府信息公开工作年度报告", "南湖街道办事处", None), "南湖街道办事处"),
    # named nowhere: a bare division is its government (s7 F6: 市/区/省/街道 too)
    (("柳岸县2023年政府信息公开工作年度报告", "我县", None), "柳岸县人民政府"),
    (("金沙旗2022年政府信息公开工作年度报告", "我旗", None), "金沙旗人民政府"),
    (("白河乡2023年政府信息公开工作年度报告", "我乡", None), "白河乡人民政府"),
    (("云岭市柳岸县青松镇2023年政府信息公开工作年度报告", "我镇", None), "云岭市柳岸县青松镇人民政府"),
    (("青石市2023年政府信息公开工作年度报告", "我市", None), "青石市人民政府"),
    (("红旗区2023年政府信息公开工作年度报告", "全区", None), "红旗区人民政府"),
    (("云岭省2023年政府信息公开工作年度报告", "全省", None), "云岭省人民政府"),
    (("南湖街道2023年政府信息公开工作年度报告", "我街道", None), "南湖街道办事处"),
    (("青石市2023年政府信息公开工作年度报告", "新青石市人民政府", None), "青石市人民政府"),
    # names that are not bare places stay as the title writes them
    (("柳岸县人民政府2023年政府信息公开工作年度报告", "我县", None), "柳岸县人民政府"),
    (("柳岸县教育局2023年政府信息公开工作年度报告", "柳岸县人民政府", "柳岸县教育局"), "柳岸县教育局"),
    (("青石高新区2023年政府信息公开工作年度报告", "青石高新区人民政府", None), "青石高新区"),
    (("柳岸县人民政府办公室2023年政府信息公开工作年度报告", "我办", None), "柳岸县人民政府办公室"),
    # no title agency: the sign-off, as before
    (("2023年政府信息公开工作年度报告", "我县", "柳岸县人民政府"), "柳岸县人民政府"),
]


@pytest.mark.parametrize(("case", "agency"), AGENCIES, ids=[f"{c[0][:8]}-{a}" for c, a in AGENCIES])
def test_a_bare_place_title_takes_the_government_the_report_names(case, agency):
    title, who, sign = case
    report = load_report(_report(title, who, sign).encode(), filename="r.txt")
    assert report.metadata.agency == agency


def test_one_agency_across_years_whether_or_not_the_title_says_人民政府():
    a = load_report(_report("柳岸县2023年政府信息公开工作年度报告", "我县", "柳岸县人民政府").encode(),
                    filename="a.txt")
    b = load_report(_report("柳岸县人民政府2024年政府信息公开工作年度报告", "我县",
                            "柳岸县人民政府").encode(), filename="b.txt")
    assert a.metadata.agency == b.metadata.agency
    assert (a.metadata.level, a.metadata.region) == (b.metadata.level, b.metadata.region) == (
        "county", "柳岸县")


# --- 3. a problem and its measure in one sentence are two statements --------------------------

def _with_section5(five: str) -> str:
    return ("红叶乡人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度公开工作平稳推进。\n"
            f"五、存在的主要问题及改进情况\n{five}\n六、其他需要报告的事项\n无。\n")


@pytest.mark.parametrize(("five", "problem", "measure"), [
    ("我乡政府信息公开工作人员力量不足，下一步将加强培训。",
     "我乡政府信息公开工作人员力量不足", "下一步将加强培训。"),
    ("政策解读形式较为单一，今后将推出图解和视频解读。",
     "政策解读形式较为单一", "今后将推出图解和视频解读。"),
    ("部分栏目更新不够及时，我们将建立栏目巡查机制。",
     "部分栏目更新不够及时", "我们将建立栏目巡查机制。"),
    ("依申请公开答复文书还不够规范，将进一步统一文书格式。",
     "依申请公开答复文书还不够规范", "将进一步统一文书格式。"),
    ("基层公开专区建设相对滞后，下一步，我乡将完善查阅设施。",
     "基层公开专区建设相对滞后", "下一步，我乡将完善查阅设施。"),
    ("公众参与渠道不够畅通，接下来将拓宽意见征集渠道。",
     "公众参与渠道不够畅通", "接下来将拓宽意见征集渠道。"),
    ("政务新媒体互动回应不及时，我办将安排专人值守。",
     "政务新媒体互动回应不及时", "我办将安排专人值守。"),
    ("工作人员业务能力有待提升。下一步将定期组织业务培训。",
     "工作人员业务能力有待提升。", "下一步将定期组织业务培训。"),
    ("信息发布审核把关不严；今后我乡将严格落实三级审核。",
     "信息发布审核把关不严；", "今后我乡将严格落实三级审核。"),
])
def test_a_problem_turning_to_its_measure_is_split(five, problem, measure):
    st = load_report(_with_section5(five).encode(), filename="r.txt").statements
    assert [(s.block, s.text) for s in st] == [("problem", problem), ("measure", measure)]


@pytest.mark.parametrize("five", [
    "将政府信息公开工作纳入年度绩效考核，压实工作责任。",  # 将 as 把: a measure
    "加强业务培训，将进一步提升队伍能力。",  # a measure that goes on: no problem before it
    "针对人员力量不足的问题，下一步将配齐专职人员。",  # the problem is the measure's premise
    "为解决公开渠道单一的问题，我们将开通政务新媒体。",
    "部分单位对下一步工作重视不够，公开内容不够全面。",  # 下一步 as a noun: one problem
    "人员力量不足，下一步工作任务较重。",
    "2024年，我乡将继续加强培训。",
    # no problem to admit: 问题 under a negation is no problem cue
    "本年度我镇政务公开工作未发现明显问题，下一步将继续按照县里的要求抓好各项公开工作。",
    "2021年我镇政府信息公开工作总体平稳，暂无突出问题，下一步将继续按照县政府要求做好相关工作。",
])
def test_a_sentence_that_does_not_turn_from_a_problem_stays_one_statement(five):
    st = load_report(_with_section5(five).encode(), filename="r.txt").statements
    assert [s.text for s in st] == [five]


def test_no_split_under_a_measures_sub_heading():
    five = "（一）存在的主要问题\n公开内容不够全面。\n（二）改进措施\n人员力量不足，下一步将配齐人员。"
    st = load_report(_with_section5(five).encode(), filename="r.txt").statements
    assert [(s.block, s.text) for s in st] == [
        ("problem", "公开内容不够全面。"), ("measure", "人员力量不足，下一步将配齐人员。")]


def test_the_problems_before_a_turn_to_measures_are_problems():
    five = "工作人员多为兼职，专业水平不高。部分栏目更新不够及时。下一步将配齐专职人员。"
    st = load_report(_with_section5(five).encode(), filename="r.txt").statements
    assert [s.block for s in st] == ["problem", "problem", "measure"]


# --- 4. top-level headings numbered 1、…6、 ------------------------------------------------------

_ARABIC = ("红叶县人民政府2023年政府信息公开工作年度报告\n"
           "{1}总体情况\n本年度我县扎实推进政务公开。\n（一）主动公开。全年主动公开信息一百条。\n"
           "（二）依申请公开。全年收到申请五件。\n"
           "{2}主动公开政府信息情况\n本年度制发规范性文件三件。\n"
           "{3}收到和处理政府信息公开申请情况\n1.本机关不掌握相关政府信息\n2.重复申请\n"
           "{4}政府信息公开行政复议、行政诉讼情况\n本年度无行政复议和行政诉讼。\n"
           "{5}存在的主要问题及改进情况\n（一）存在的主要问题。1、工作人员力量不足。2、解读形式单一。\n"
           "（二）改进措施。1、加强业务培训。2、改进措施落实到人。\n"
           "{6}其他需要报告的事项\n无。\n")


def _numbered(marks: list[str]) -> str:
    return _ARABIC.format("", *marks)


def test_arabic_numbered_top_level_headings_are_sections():
    report = load_report(_numbered([f"{i}、" for i in range(1, 7)]).encode(), filename="a.txt")
    assert [(s.number, s.title) for s in report.sections] == [
        (1, "总体情况"), (2, "主动公开政府信息情况"), (3, "收到和处理政府信息公开申请情况"),
        (4, "政府信息公开行政复议、行政诉讼情况"), (5, "存在的主要问题及改进情况"),
        (6, "其他需要报告的事项")]
    assert [(s.block, s.text) for s in report.statements] == [
        ("problem", "工作人员力量不足。"), ("problem", "解读形式单一。"),
        ("measure", "加强业务培训。"), ("measure", "改进措施落实到人。")]
    assert not [p for p in report.errors if p.code in ("missing_section", "section5_measures_only")]


@pytest.mark.parametrize("marks", [
    ["1.", "2.", "3.", "4.", "5.", "6."],
    ["1 ", "2 ", "3 ", "4 ", "5 ", "6 "],
    # one Arabic heading among Chinese ones
    ["一、", "二、", "三、", "四、", "5、", "六、"],
])
def test_other_arabic_forms_and_a_lone_arabic_heading(marks):
    report = load_report(_numbered(marks).encode(), filename="a.txt")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.block for s in report.statements] == ["problem", "problem", "measure", "measure"]


def test_an_older_seven_part_layout_numbered_in_arabic():
    text = ("青石县人民政府2012年政府信息公开工作年度报告\n1、概述\n本年度工作平稳推进。\n"
            "2、主动公开政府信息情况\n全年主动公开信息八十条。\n3、依申请公开政府信息情况\n"
            "全年收到申请两件。\n4、政府信息公开的收费及减免情况\n未收取费用。\n"
            "5、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n"
            "6、政府信息公开工作存在的主要问题和改进措施\n公开内容不够全面，今后将进一步规范。\n"
            "7、其他需要报告的事项\n无。\n")
    report = load_report(text.encode(), filename="old.txt")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [(s.block, s.text) for s in report.statements] == [
        ("problem", "公开内容不够全面"), ("measure", "今后将进一步规范。")]


def test_enumerated_items_are_not_taken_for_arabic_headings():
    # items "1、加强…" and a sub-heading "2、改进措施" are no sections, even when the real
    # headings are Chinese and one section is missing
    text = ("青石县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n1、主动公开政府信息情况良好，"
            "全年公开一百条。\n2、加强主动公开\n二、主动公开政府信息情况\n本年度制发文件三件。\n"
            "五、存在的主要问题及改进情况\n1、存在的主要问题\n人员不足。\n2、改进措施\n加强培训。\n")
    report = load_report(text.encode(), filename="a.txt")
    assert [(s.number, s.title) for s in report.sections] == [
        (1, "总体情况"), (2, "主动公开政府信息情况"), (5, "存在的主要问题及改进情况")]


_SUB_AS_FIVE = ("红叶县人民政府2023年政府信息公开工作年度报告\n1）总体情况\n本年度我县扎实推进政务公开。\n"
                "(一)主动公开。全年主动公开政府信息一百条。\n(二)依申请公开。全年收到申请五件。\n"
                "(三)平台建设。持续优化专栏。\n5）存在的主要问题及改进情况\n{problems}"
                "(二)改进措施。一是配齐专职人员。二是丰富解读形式。\n")


def test_a_measures_sub_heading_taken_for_section_5_keeps_the_problems_above_it():
    # top-level "1）" is no heading style we read: the (一)(二) sub-headings are used, and
    # "(二)改进措施" would become section 五 with the problems before it dropped
    text = _SUB_AS_FIVE.format(problems="(一)存在的主要问题。一是人员力量不足。二是解读形式单一。\n")
    report = load_report(text.encode(), filename="a.txt")
    assert report.section(5).title == "存在的主要问题"
    assert [s.block for s in report.statements] == ["problem", "problem", "measure", "measure"]
    assert "section5_measures_only" not in [p.code for p in report.errors]


def test_a_section_5_naming_only_measures_is_reported():
    report = load_report(_SUB_AS_FIVE.format(problems="").encode(), filename="a.txt")
    assert report.section(5).title == "改进措施"
    assert "section5_measures_only" in [p.code for p in report.errors]


def test_a_no_problem_sentence_before_a_measure_is_not_made_a_problem():
    five = "本年度我街道政务公开工作暂无突出问题。下一步将继续按照区里要求做好相关工作。"
    st = load_report(_with_section5(five).encode(), filename="r.txt").statements
    assert [s.block for s in st] == ["unknown", "unknown"]
