"""A closing formula a writer put at the end of section 五, before 六 ("特此报告。"), is no
statement (it came out as a measure); a sentence that only begins
with the same characters ("以上报告期内…") stays one."""

from __future__ import annotations

from pathlib import Path

from nlp_reports import load_report

DATA = Path(__file__).parent / "fixtures" / "parse14b"

_HEAD = """西岭县农业农村局{year}年政府信息公开工作年度报告
一、总体情况
{year}年，西岭县农业农村局认真贯彻《中华人民共和国政府信息公开条例》，主动公开涉农补贴、项目资金等信息。
二、主动公开政府信息情况
本年度主动公开政府信息186条。
三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请3件，均按期答复。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼。
五、存在的主要问题及改进情况
"""
_TAIL = """六、其他需要报告的事项
本年度未收取信息处理费。
西岭县农业农村局
{date}
"""


def _statements(five: str, year: int = 2022) -> list[tuple[str, str]]:
    text = _HEAD.format(year=year) + five + _TAIL.format(date=f"{year + 1}年1月20日")
    report = load_report(text.encode("utf-8"), filename="xl.txt")
    return [(s.block, s.text) for s in report.statements]


def test_closing_formula_before_section_six_is_no_statement():
    got = _statements("（一）存在的主要问题\n一是惠农政策解读不够通俗。\n二是专栏更新不及时。\n"
                      "（二）改进措施\n一是用图解、短视频解读补贴政策。\n二是明确专人每周更新专栏。\n特此报告。\n")
    assert [t for _, t in got] == ["惠农政策解读不够通俗。", "专栏更新不及时。",
                                   "用图解、短视频解读补贴政策。", "明确专人每周更新专栏。"]
    assert [b for b, _ in got] == ["problem", "problem", "measure", "measure"]


def test_request_for_review_formula_is_no_statement():
    got = _statements("主要问题是公开内容不够全面，下一步将梳理完善公开目录。\n以上报告，请审阅。\n", 2015)
    assert all("请审阅" not in t for _, t in got) and got


def test_a_sentence_that_begins_alike_stays():
    got = _statements("以上报告期内，我局政务公开工作人员均为兼职，力量不足。\n下一步将配备专职人员。\n", 2019)
    assert any(t.startswith("以上报告期内") for _, t in got)


def test_a_past_plan_still_undone_is_no_turn_to_measures():
    """review20a: "2022年计划开展的…尚未完成" after a comma was cut off as a measure (计划 read
    as "plan to"); the clause still states a problem. A measure that only names undone work
    ("加快推进尚未完成的…") still turns."""
    got = _statements("（一）存在的问题\n一是部分栏目更新滞后，2022年计划开展的专项清理尚未完成；\n"
                      "二是政策解读形式单一，下一步将加快推进尚未完成的图解制作。\n"
                      "（二）改进措施\n加强栏目日常巡查。\n")
    assert got[0] == ("problem", "部分栏目更新滞后，2022年计划开展的专项清理尚未完成；")
    assert ("measure", "下一步将加快推进尚未完成的图解制作。") in got


def test_closing_formula_is_no_part_of_the_last_section():
    """"特此报告。" run in after section 五's last sentence when 六 is missing was read as the
    last measure; "以上报告，请审阅。" below a 六 of "无" made 六 say more than "无"."""
    r = load_report(DATA / "zhen_closing_no_six.txt")
    texts = [s.text for s in r.statements]
    assert texts[-1] == "下一步，我镇将建立村务公开栏月检查制度，并组织一次专题培训。"
    assert not any("特此" in t for t in texts)
    five = next(s for s in r.sections if s.number == 5)
    assert five.text.endswith("专题培训。")
    r = load_report(DATA / "yiyuan_closing_after_six.txt")
    assert next(s for s in r.sections if s.number == 6).text == "无。"
    assert r.statements[-1].text == "院办制定科室信息报送清单，每季度通报报送质量。"
    # a sentence that merely opens with the words stays in the text
    page = (DATA / "zhen_closing_no_six.txt").read_text(encoding="utf-8").replace(
        "特此报告。", "以上报告数据统计截至2024年12月31日。")
    r = load_report(page.encode("utf-8"), filename="zhen.txt")
    assert r.statements[-1].text == "以上报告数据统计截至2024年12月31日。"
