"""s6 parser fixes from the third new-user trial: the not-a-report rule, bare place names
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
    # named nowhere: a bare 县/旗/乡/镇 is its government; 市/区/省/街道 stay as written
    (("柳岸县2023年政府信息公开工作年度报告", "我县", None), "柳岸县人民政府"),
    (("金沙旗2022年政府信息公开工作年度报告", "我旗", None), "金沙旗人民政府"),
    (("白河乡2023年政府信息公开工作年度报告", "我乡", None), "白河乡人民政府"),
    (("云岭市柳岸县青松镇2023年政府信息公开工作年度报告", "我镇", None), "云岭市柳岸县青松镇人民政府"),
    (("青石市2023年政府信息公开工作年度报告", "我市", None), "青石市"),
    (("红旗区2023年政府信息公开工作年度报告", "全区", None), "红旗区"),
    (("云岭省2023年政府信息公开工作年度报告", "全省", None), "云岭省"),
    (("南湖街道2023年政府信息公开工作年度报告", "我街道", None), "南湖街道"),
    # a longer name with the place inside it is no evidence ("新青石市人民政府" ≠ 青石市人民政府)
    (("青石市2023年政府信息公开工作年度报告", "新青石市人民政府", None), "青石市"),
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
