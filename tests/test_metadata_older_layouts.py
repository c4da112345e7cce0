"""Older layouts, dates and tiers: re-posted pages, reports dated before
their year was over, older layouts' unnumbered closing parts, the older parts' slots, the
tier of a 新区's departments and of a bureau's 分局, and 行署 = 行政公署 across years.

Inputs are short fictional reports written for these tests, parsed for real.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import audit_by_path

from nlp_reports import load_report
from nlp_reports.parse.metadata import agency_key, level_of, region_of, tier_of


def _page(agency: str, year: int, page_date: str, signed: str) -> bytes:
    """A report page as a site serves it: the page's 发布时间 above, the signature date below."""
    body = "".join(f"<p><strong>{h}</strong></p><p>{t}</p>" for h, t in [
        ("一、总体情况", f"{year}年，{agency}依法推进政府信息公开，全年主动公开信息312条。"),
        ("二、主动公开政府信息情况", "全年制发规范性文件2件。"),
        ("三、收到和处理政府信息公开申请情况", "全年收到申请3件，均按期答复。"),
        ("四、政府信息公开行政复议、行政诉讼情况", "无。"),
        ("五、存在的主要问题及改进情况", "（一）存在的主要问题。一是政策解读形式单一；二是培训不够。"
         "</p><p>（二）改进措施。一是丰富解读形式；二是每半年开展一次业务培训。"),
        ("六、其他需要报告的事项", "本年度未收取信息处理费。")])
    return (f"<html><head><meta charset='utf-8'><title>{agency}{year}年政府信息公开工作年度报告</title>"
            f"</head><body><div class='crumb'>当前位置:首页 &gt; 政务公开 &gt; 年度报告</div>"
            f"<h1>{agency}{year}年政府信息公开工作年度报告</h1>"
            f"<div class='info'>发布时间:{page_date} 09:12 &nbsp; 来源:办公室</div>"
            f"<div id='zoom'>{body}<p style='text-align:right'>{agency}<br/>{signed}</p></div>"
            f"<div class='footer'>主办单位:{agency}</div></body></html>").encode()


def _text(agency: str, year: int, parts: list[tuple[str, str]], signed: str,
          signer: str | None = None) -> str:
    body = "\n\n".join(f"{h}\n{t}" for h, t in parts)
    return f"{agency}{year}年政府信息公开工作年度报告\n\n{body}\n\n{signer or agency}\n{signed}\n"


# --- 1. re-posted pages -------------------------------------------------------------------

def test_a_reposted_page_is_dated_by_its_signature(tmp_path):
    """A page put up again a year or more after the report was signed (a site moved) was
    flagged late on the page's date; on a re-post the signature date is the publication's,
    and the audit says it used the signature date. An ordinary page is dated by the page:
    signed on time and put up later is late (the regression rerun's point)."""
    repost = load_report(_page("锡林郭勒盟生态环境局", 2022, "2024-05-10", "2023年1月18日"),
                         filename="repost.html")
    assert repost.metadata.published == "2023-01-18"
    assert [p.code for p in repost.errors if p.code == "reposted_page"] == ["reposted_page"]
    # signed after the deadline: late whatever the page says, and the finding says by which date
    late = load_report(_page("青禾省人民政府", 2019, "2021-11-02", "2020年4月8日"),
                       filename="late.html")
    assert (late.metadata.level, late.metadata.published) == ("province", "2020-04-08")
    # an ordinary page, put up two days after signing: the page's date, no re-post
    usual = load_report(_page("溪山县应急管理局", 2023, "2024-01-22", "2024年1月20日"),
                        filename="usual.html")
    assert usual.metadata.published == "2024-01-22"
    assert not [p for p in usual.errors if p.code == "reposted_page"]
    # signed on time, put up two months later: late by the page
    slow = load_report(_page("溪山县应急管理局", 2023, "2024-03-15", "2024年1月20日"),
                       filename="slow.html")
    assert slow.metadata.published == "2024-03-15"

    t = audit_by_path(tmp_path, {"repost.html": repost, "late.html": late, "usual.html": usual})
    assert t.loc["repost.html", "published_late"] == ""
    assert "reposted_page" in t.loc["repost.html", "parse_problems"]
    assert t.loc["repost.html", "defects"] == t.loc["usual.html", "defects"]  # listed only
    assert t.loc["late.html", "published_late"] == (
        "published 2020-04-08, deadline 2020-03-31 (signature date; the page's 2021-11-02 is "
        "a re-post)")
    assert "落款日期2020-04-08（页面发布日期2021-11-02晚一年以上" in t.loc["late.html", "findings_zh"]


# --- 2. dated before the year reported on was over ----------------------------------------

def test_a_report_dated_before_its_year_ended_is_a_defect(tmp_path):
    parts = [("一、总体情况", "全年主动公开政府信息1260条。"), ("二、主动公开政府信息情况", "见下表。"),
             ("三、收到和处理政府信息公开申请情况", "全年收到申请8件。"),
             ("四、政府信息公开行政复议、行政诉讼情况", "无。"),
             ("五、存在的主要问题及改进情况", "一是公开内容不够全面。二是将加强培训。"),
             ("六、其他需要报告的事项", "无。")]
    early = load_report(_text("柳岸县人民政府", 2023, parts, "2023年6月15日"))
    wrong_year = load_report(_text("云岭市民政局", 2024, parts, "2024年1月18日"))  # on 2023
    on_time = load_report(_text("白石镇人民政府", 2023, parts, "2024年1月12日"))
    school = load_report(_text("青禾大学", 2022, parts, "2022年10月20日"))  # a 学年 report
    t = audit_by_path(tmp_path, {"early.txt": early, "wrong.txt": wrong_year, "ok.txt": on_time,
                          "school.txt": school})
    assert t.loc["early.txt", "published_early"] == "published 2023-06-15, before the end of 2023"
    assert t.loc["wrong.txt", "published_early"] == "published 2024-01-18, before the end of 2024"
    assert t.loc["ok.txt", "published_early"] == ""
    assert t.loc["school.txt", "published_early"] == ""
    assert "早于2023年度结束，报告年度或日期有误" in t.loc["early.txt", "findings_zh"]
    assert t.loc["early.txt", "defects"] == t.loc["ok.txt", "defects"] + 1


# --- 3. older layouts' unnumbered closing parts ---------------------------------------------

_OLDER = [("一、概述", "2014年，我局认真落实政府信息公开各项工作。"),
          ("二、主动公开政府信息情况", "全年主动公开政府信息315条。"),
          ("三、依申请公开政府信息情况", "全年未收到政府信息公开申请，未收取费用。"),
          ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
          ("五、存在的主要问题及改进措施", "工作人员业务水平有待提高。下一步将加强培训。")]


def _numbering(report) -> list[str]:
    return [p.message for p in report.errors if p.code == "mixed_heading_numbering"]


@pytest.mark.parametrize(("agency", "year", "closing"), [
    ("云岭市交通运输局", 2014, [("其他需要报告的事项", "无。")]),
    ("溪山县人民政府", 2010, [("其他需要报告的事项", "无。")]),
    ("青禾省自然资源厅", 2020, [("其他需要报告的事项", "本年度未收取信息处理费。")]),
])
def test_older_unnumbered_closing_parts_are_no_mixing(agency, year, closing):
    r = load_report(_text(agency, year, _OLDER + closing, f"{year + 1}年3月10日"))
    assert [s.number for s in r.sections][-1] == 6
    assert _numbering(r) == []


def test_real_mixing_still_fires_in_older_and_newer_reports():
    mixed = [*_OLDER[:2], ("3、依申请公开政府信息情况", "全年受理申请2件。"), *_OLDER[3:]]
    assert _numbering(load_report(_text("桐川市财政局", 2016, mixed, "2017年3月1日")))
    # 2021 format: an unnumbered 六 after 一、…五、 is still mixing
    new = [("一、总体情况", "全年主动公开信息86条。"), ("二、主动公开政府信息情况", "见下表。"),
           ("三、收到和处理政府信息公开申请情况", "全年收到申请1件。"),
           ("四、政府信息公开行政复议、行政诉讼情况", "无。"),
           ("五、存在的主要问题及改进情况", "一是更新不及时。二是将加强审核。"),
           ("其他需要报告的事项", "无。")]
    assert _numbering(load_report(_text("桐川市交通运输局", 2022, new, "2023年1月20日")))


# --- 4. the older parts' slots --------------------------------------------------------------

def test_a_fees_part_after_the_review_part_joins_section_3():
    """A 2011 layout writing 收费及减免 after 复议诉讼: its text was left in section 4."""
    parts = [("一、概述", "2011年，我局进一步健全政府信息公开工作机制。"),
             ("二、主动公开政府信息情况", "全年主动公开政府信息268条。"),
             ("三、依申请公开政府信息情况", "全年受理申请4件，均在规定时限内答复。"),
             ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年无行政复议、行政诉讼。"),
             ("五、政府信息公开的收费及减免情况", "全年未收取任何费用。"),
             ("六、存在的主要问题和改进措施", "主要问题：公开的及时性有待加强。改进措施：建立审核机制。"),
             ("七、其他需要报告的事项", "无。")]
    r = load_report(_text("红河州民政局", 2011, parts, "2012年3月28日"))
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.section(4).text == "全年无行政复议、行政诉讼。"
    assert r.section(3).text.endswith("五、政府信息公开的收费及减免情况\n全年未收取任何费用。")
    assert r.section(3).title == "依申请公开政府信息情况"


@pytest.mark.parametrize(("heading", "number"), [
    ("五、政府信息公开收费情况", 3), ("五、收取费用情况", 3),
    ("五、问题与不足", 5), ("五、存在的差距和不足", 5)])
def test_older_wordings_of_the_fees_and_problems_parts(heading, number):
    parts = [("一、概述", "2015年，县卫计局推进信息公开。"),
             ("二、主动公开政府信息情况", "全年主动公开政府信息98条。"),
             ("三、依申请公开政府信息情况", "未收到申请。"),
             ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
             (heading, "一是公开不够及时；二是将加强培训。未收取费用。")]
    if number == 3:  # the fees part after 复议诉讼, the problems part last
        parts.append(("六、存在的主要问题及改进措施", "一是栏目更新慢；二是将加强检查。"))
    r = load_report(_text("柳岸县卫生和计划生育局", 2015, parts, "2016年3月1日"))
    assert heading[2:] in r.section(number).text or r.section(number).title == heading[2:]
    assert heading[2:] not in r.section(4).text


def test_an_older_report_without_fees_lists_the_missing_part(tmp_path):
    parts = [("一、概述", "2016年，我局按照市政府统一部署推进政府信息公开。"),
             ("二、主动公开政府信息情况", "全年主动公开信息523条。"),
             ("三、依申请公开政府信息情况", "全年收到申请12件，已全部办结。"),
             ("四、申请行政复议和提起行政诉讼情况", "全年未发生相关行政复议、行政诉讼。"),
             ("五、存在的问题和改进措施", "一是部分科室对公开工作重视不够；二是下一步加强考核。"),
             ("六、其他需要报告的事项", "无。")]
    no_fees = load_report(_text("青禾市人力资源和社会保障局", 2016, parts, "2017年3月20日"))
    parts_fees = [*parts[:3], ("四、政府信息公开收费及减免情况", "未收取费用。"), *parts[3:]]
    fees = load_report(_text("青禾市医疗保障局", 2016, parts_fees, "2017年3月21日"))
    assert "missing_fee_part" in {p.code for p in no_fees.errors}
    assert "missing_fee_part" not in {p.code for p in fees.errors}
    t = audit_by_path(tmp_path, {"no_fees.txt": no_fees, "fees.txt": fees})
    assert "missing_fee_part" in t.loc["no_fees.txt", "parse_problems"]
    assert t.loc["no_fees.txt", "defects"] == t.loc["fees.txt", "defects"]  # listed, not counted


# --- 5. tiers -------------------------------------------------------------------------------

_NEW_DISTRICT_DEPARTMENTS = [
    "上海市浦东新区教育局", "上海市浦东新区卫生健康委员会", "上海市浦东新区人民政府办公室",
    "上海市浦东新区生态环境局", "浦东新区规划和自然资源局", "天津市滨海新区财政局",
    "天津市滨海新区民政局", "上海市浦东新区市场监督管理局", "浦东新区司法局",
    "上海市浦东新区人力资源和社会保障局", "滨海新区交通运输局", "上海市浦东新区应急管理局",
    "上海市浦东新区审计局", "天津市滨海新区商务局", "上海市浦东新区统计局",
]
_BUREAU_BRANCHES = [
    "上海市公安局浦东分局", "北京市公安局朝阳分局", "北京市规划和自然资源委员会海淀分局",
    "杭州市规划和自然资源局西湖分局", "济南市生态环境局历城分局", "广州市公安局天河区分局",
    "成都市公安局锦江区分局", "青岛市自然资源和规划局黄岛分局", "西安市自然资源和规划局长安分局",
    "武汉市自然资源和规划局江夏分局", "南京市规划和自然资源局江宁分局",
    "苏州市自然资源和规划局吴中分局", "郑州市生态环境局金水分局", "合肥市生态环境局包河分局",
    "重庆市规划和自然资源局渝北区分局", "长沙市自然资源和规划局望城分局", "云岭市公安局东城分局",
]


def _tier(agency: str) -> str | None:
    return tier_of(level_of(agency), region_of(agency), agency)


@pytest.mark.parametrize("agency", _NEW_DISTRICT_DEPARTMENTS)
def test_a_new_districts_departments_are_county_tier(agency):
    assert _tier(agency) == "county"


@pytest.mark.parametrize("agency", _BUREAU_BRANCHES)
def test_a_city_bureaus_branch_is_county_tier(agency):
    assert _tier(agency) == "county"


@pytest.mark.parametrize(("agency", "tier"), [
    ("云岭市公安局", "city"), ("北京市公安局", "province"), ("上海市教育委员会", "province"),
    ("云岭市教育局", "city"), ("柳岸县教育局", "county"), ("青禾省教育厅", "province"),
    ("国家税务总局青岛市税务局第一稽查局", "city"), ("国家税务总局北京市朝阳区税务局", "county"),
    ("云岭经济技术开发区管理委员会", None), ("柳岸工业园区管理委员会", None)])
def test_other_tiers_unchanged(agency, tier):
    assert _tier(agency) == tier


def test_a_branch_region_stops_at_the_bureau():
    assert region_of("广州市公安局天河区分局") == "广州市"
    assert region_of("成都市公安局锦江区分局") == "成都市"


# --- 6. 行署 = 行政公署 across years ----------------------------------------------------------

def test_office_short_and_long_names_link_years(tmp_path):
    problems = "一是政策解读形式较为单一，图解、视频等解读形式运用不多；二是基层政务公开专业人员力量薄弱。"
    parts = lambda y: [  # noqa: E731
        ("一、总体情况", f"{y}年，盟行署认真落实政府信息公开条例。"),
        ("二、主动公开政府信息情况", "见下表。"), ("三、收到和处理政府信息公开申请情况", "见下表。"),
        ("四、政府信息公开行政复议、行政诉讼情况", "无。"),
        ("五、存在的主要问题及改进情况", f"（一）存在的主要问题\n{problems}\n（二）改进措施\n"
         "一是丰富政策解读形式；二是加强业务培训。"),
        ("六、其他需要报告的事项", "无。")]
    short = load_report(_text("兴安盟行署", 2021, parts(2021), "2022年3月10日"))
    long = load_report(_text("兴安盟行政公署", 2022, parts(2022), "2023年3月12日"))
    assert (short.metadata.agency, long.metadata.agency) == ("兴安盟行署", "兴安盟行政公署")
    assert agency_key("兴安盟行署") == agency_key("兴安盟行政公署")
    assert agency_key("阿里地区行署办公室") == "阿里地区行政公署办公室"
    assert agency_key("云岭市人民政府") == "云岭市人民政府"
    t = audit_by_path(tmp_path, {"2021.txt": short, "2022.txt": long})
    assert t.loc["2022.txt", "copied_from_last_year"] >= 2
    assert t.loc["2022.txt", "agency"] == "兴安盟行政公署"  # the name shown stays as written
    # one agency: its own last year's words are no boilerplate shared with another agency
    assert t["shared_with_other_agencies"].tolist() == [0, 0]


def test_office_short_and_long_names_link_years_in_the_summary():
    import pandas as pd

    from nlp_reports.corpus.summarize import pairs_by_year, problem_changes
    from nlp_reports.taxonomy import THEME_IDS

    reports = pd.DataFrame({"id": [1, 2, 3], "year": [2021, 2022, 2022],
                            "agency": ["阿拉善盟行署", "阿拉善盟行政公署", "和田地区行署"]})
    pairs = pairs_by_year(reports)
    assert pairs[["agency", "year", "report_id", "prev_report_id"]].values.tolist() == [
        ["阿拉善盟行政公署", 2022, 2, 1]]
    flags = pd.DataFrame(0, index=[1, 2, 3], columns=list(THEME_IDS))
    flags.loc[[1, 2], THEME_IDS[0]] = 1
    changes = problem_changes(reports, flags)
    assert changes[["agency", "report_id", "prev_year", "status"]].values.tolist() == [
        ["阿拉善盟行政公署", 2, 2021, "persisting"]]
