"""Problems and measures headed inside another part of an older layout with no
section 五, and the region of development zones.

Fixtures: tests/fixtures/parse15b/ — fictional bodies: a 2009 county bureau (第N部分, 一、存在的
问题 / 二、改进措施 under 其他需要报告的事项), a 2013 township ((三)存在的不足 / (四)下一步工作
打算 in 概述), a 2016 district bureau ((二)存在的问题及改进措施 in 概述, then (三) on another
matter)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from _corpus_helpers import audit_by_path

from nlp_reports import load_report
from nlp_reports.parse.metadata import region_of, tier_of

FIX = Path(__file__).parent / "fixtures" / "parse15b"


def _blocks(report):
    return [(s.block, s.marker) for s in report.statements]


def _note(report):
    return [e.message for e in report.errors if e.code == "statements_outside_section5"]


def test_2009_problems_and_measures_under_other_matters_are_read():
    r = load_report(FIX / "nongye_2009_problems_in_other_matters.txt")
    assert r.missing_sections == (5,)  # still missing: the report has no 五
    assert _blocks(r) == [("problem", "(一)"), ("problem", "(二)"),
                          ("measure", "(一)"), ("measure", "(二)")]
    assert r.statements[0].text.startswith("公开内容还不够全面")
    assert r.statements[3].text.endswith("5个工作日内报送。")
    assert _note(r) == ["no section 五: its statements were read from the sub-heading "
                        "'存在的问题' in section 六 (其他需要报告的事项)"]
    # the part keeps its text: nothing is moved out of section 六
    assert "改进措施" in r.section(6).text


def test_2013_problems_and_plans_under_gaishu_are_read():
    r = load_report(FIX / "zhen_2013_problems_in_gaishu.txt")
    assert r.missing_sections == (5, 6)
    assert _blocks(r) == [("problem", "一是"), ("problem", "二是"),
                          ("measure", "一是"), ("measure", "二是")]
    assert "公开栏的内容还停留在上半年" in r.statements[1].text
    assert r.statements[3].text == "落实专人每月更新公开栏，镇纪委不定期抽查。"
    assert len(_note(r)) == 1 and "'存在的不足' in section 一 (概述)" in _note(r)[0]


def test_2016_block_ends_at_the_next_sub_heading_on_another_matter():
    r = load_report(FIX / "jiaoyu_2016_problems_in_gaikuang.txt")
    assert r.missing_sections == (5,)
    assert _blocks(r) == [("problem", "1."), ("problem", "2."), ("measure", None)]
    assert r.statements[2].text.startswith("针对上述问题，2017年我局将")
    assert not any("查阅点" in s.text or "工作开展情况" in s.text for s in r.statements)
    assert "'存在的问题及改进措施' in section 一 (概述)" in _note(r)[0]


_WITH_FIVE = """溪口县市场监督管理局2016年政府信息公开工作年度报告

一、概述
（一）基本情况。2016年，我局全年公开信息118条。
（二）存在的问题
个别股室报送信息不及时。
二、主动公开政府信息情况
全年主动公开信息118条。
三、依申请公开政府信息情况
全年受理申请2件，均按期答复。
四、因政府信息公开申请行政复议、提起行政诉讼情况
无。
五、存在的主要问题及改进措施
（一）网站栏目更新不及时。
（二）下一步将落实专人每周更新网站栏目。

溪口县市场监督管理局
2017年3月15日
"""


def test_a_report_with_a_five_reads_only_its_five():
    r = load_report(_WITH_FIVE)
    assert [s.text for s in r.statements] == ["网站栏目更新不及时。", "下一步将落实专人每周更新网站栏目。"]
    assert _note(r) == []


_MENTION_ONLY = """石湾乡人民政府2012年政府信息公开工作年度报告

一、概述
（一）工作机构。乡党政办负责政府信息公开工作，针对去年存在的问题，今年调整了2名工作人员。
（二）存在问题较多的是村务公开栏，已督促各村按月更新。
（三）2012年工作计划执行情况
年初确定的8项任务全部完成，存在的问题已在年中整改。
二、主动公开政府信息情况
全年主动公开信息46条。
三、依申请公开政府信息情况
全年未收到申请。
四、因政府信息公开申请行政复议、提起行政诉讼情况
无。

石湾乡人民政府
2013年3月12日
"""


def test_a_sentence_naming_problems_is_no_sub_heading():
    r = load_report(_MENTION_ONLY)
    assert r.missing_sections == (5, 6)
    assert r.statements == () and _note(r) == []


def test_the_audit_counts_the_missing_five_once_and_never_calls_it_empty(tmp_path):
    r = load_report(FIX / "zhen_2013_problems_in_gaishu.txt")
    bare = dataclasses.replace(r, errors=tuple(
        e for e in r.errors if e.code != "statements_outside_section5"))
    t = audit_by_path(tmp_path, {"noted.txt": r, "bare.txt": bare})
    # the note says where the statements were read, no defect of its own
    assert t.loc["noted.txt", "defects"] == t.loc["bare.txt", "defects"]
    assert not bool(t.loc["noted.txt", "section5_empty"])
    # 2013: a layout before 2019 that never had 六 (其他需要报告的事项 written only when
    # there was something to report), so only the missing 五 is listed
    assert t.loc["noted.txt", "missing_sections"] == "5"


def test_the_note_in_chinese_names_the_part_and_sub_heading():
    from nlp_reports.corpus.audit import problem_zh

    r = load_report(FIX / "nongye_2009_problems_in_other_matters.txt")
    assert problem_zh("statements_outside_section5", _note(r)[0]) == (
        "未单列第五部分，存在的问题和改进情况写在第六部分“其他需要报告的事项”的小标题“存在的问题”下")


# --- the region of a development zone ---------------------------------------------------------

@pytest.mark.parametrize(("agency", "region"), [
    # the zone heads the name: its region, whatever the name's length (10 characters before
    # 区 had none, 8 had one)
    ("锦江高新技术产业开发区管理委员会", "锦江高新技术产业开发区"),
    ("鹭洲经济技术开发区管委会", "鹭洲经济技术开发区"),
    ("临江综合保税区管理委员会", "临江综合保税区"),
    ("桐柏工业园区管委会", "桐柏工业园区"),
    ("白鹭湖国际旅游度假区管理委员会", "白鹭湖国际旅游度假区"),
    ("云岭新区管理委员会", "云岭新区"),
    ("锦江高新技术产业开发区社会事业局", "锦江高新技术产业开发区"),
    # after the place it belongs to: both, as 青禾市高新技术产业开发区 always had
    ("青禾市锦江高新技术产业开发区管理委员会", "青禾市锦江高新技术产业开发区"),
    ("青禾市高新技术产业开发区管理委员会", "青禾市高新技术产业开发区"),
    ("云岭县经济开发区管委会", "云岭县经济开发区"),
    # no zone: unchanged
    ("青禾市自然资源和规划局高新区分局", "青禾市"),
    ("上海市浦东新区人民政府", "上海市浦东新区"),
    ("青禾县乡村振兴局", "青禾县"),
])
def test_a_zone_is_read_as_region_whatever_the_length_of_its_name(agency, region):
    assert region_of(agency) == region


def test_a_zone_region_has_no_tier_as_before():
    # tier_of: a zone's 管委会 is sent out by a city or county, so the tier is not stated
    assert tier_of("department", region_of("青禾市锦江高新技术产业开发区管理委员会")) is None
    assert tier_of("department", region_of("云岭县经济开发区管委会")) is None
    assert tier_of("department", region_of("青禾市自然资源和规划局")) == "city"


def test_the_long_zone_of_redteam15_has_its_region():
    r = load_report(Path(__file__).parent / "fixtures" / "redteam15"
                    / "m11_cn_year_title_and_guanweihui.txt")
    assert r.metadata.agency == "锦江高新技术产业开发区管理委员会"
    assert r.metadata.region == "锦江高新技术产业开发区"


_YEARS = """柘林县统计局2013年政府信息公开工作年度报告

一、概述
（一）2013年工作重点
围绕经济普查做好统计数据发布，全年发布统计信息64条。
（二）{plans}
一是按月发布主要经济指标；二是编印统计资料简本，放置在县行政服务中心免费取阅。
二、主动公开政府信息情况
全年主动公开政府信息64条。
三、依申请公开政府信息情况
全年受理申请1件，已按期答复。
四、因政府信息公开申请行政复议、提起行政诉讼情况
无。

柘林县统计局
2014年2月26日
"""


def test_a_sub_heading_naming_the_year_reported_on_is_a_review_not_the_plans():
    review = load_report(_YEARS.format(plans="2013年工作安排"))
    assert review.metadata.year == 2013
    assert review.statements == () and _note(review) == []
    plans = load_report(_YEARS.format(plans="2014年工作打算"))
    assert _blocks(plans) == [("measure", "一是"), ("measure", "二是")]
    assert "'2014年工作打算' in section 一 (概述)" in _note(plans)[0]


def test_the_audit_checks_statements_read_outside_five_as_it_checks_five(tmp_path):
    """Read from a sub-heading of 概述, they are what the report says of its problems and
    measures: problems with no measure are a defect there too (lead, after parse15b)."""
    r = load_report(FIX / "zhen_2013_problems_in_gaishu.txt")
    problems_only = dataclasses.replace(r, statements=tuple(
        s for s in r.statements if s.block == "problem"))
    assert len(problems_only.statements) == 2
    t = audit_by_path(tmp_path, {"both.txt": r, "problems.txt": problems_only})
    assert not bool(t.loc["both.txt", "no_measures"])
    assert bool(t.loc["problems.txt", "no_measures"])
    assert t.loc["problems.txt", "defects"] == t.loc["both.txt", "defects"] + 1
