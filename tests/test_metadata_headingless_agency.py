"""A headingless text gets no junk agency: a head of prose, site chrome or a date names no
body, while a body named in the head or the sign-off is kept; body names of every kind stay
agencies."""

from __future__ import annotations

import pytest

_S5 = ("五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.兼职人员多，业务能力有待提高。\n"
       "2.部分栏目更新不够及时。\n（二）改进情况\n1.加强业务培训。\n2.建立栏目更新提醒机制。\n"
       "六、其他需要报告的事项\n本年度无其他需要报告的事项。\n")
_BODY = ("一、总体情况\n2023年，本机关持续深化政务公开工作。\n二、主动公开政府信息情况\n略。\n"
         "三、收到和处理政府信息公开申请情况\n本年度共收到申请5件，均已按时答复。\n"
         "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n" + _S5)

#: Headingless heads whose first line is prose, chrome or a date, naming no body.
NO_BODY_NAMED = {
    "section_5_only": _S5,
    "body_from_overview": _BODY,
    "news_intro": "2023年，在县委县政府的坚强领导下，我县政务公开工作认真落实政府工作报告部署。\n" + _BODY,
    "news_intro_report": "在县委县政府的坚强领导下，我县政府信息公开工作年度报告如下。\n" + _BODY,
    "legal_basis": "根据《中华人民共和国政府信息公开条例》要求，现公布本县2023年政府信息公开工作"
                   "年度报告。\n" + _BODY,
    "breadcrumb": "首页 > 政务公开 > 年度报告\n政务公开年度报告\n" + _BODY,
    "date_first": "2024年1月20日\n2023年政府信息公开工作年度报告\n" + _BODY,
    "site_name": "青禾县人民政府门户网站 政府信息公开年度报告\n" + _BODY,
    "whole_county": "全县2023年政府信息公开工作年度报告\n" + _BODY,
}


@pytest.mark.parametrize("text", NO_BODY_NAMED.values(), ids=NO_BODY_NAMED.keys())
def test_headingless_text_naming_no_body_has_no_agency(text):
    from nlp_reports import load_report

    md = load_report(text).metadata
    assert md.agency is None and md.level is None and md.region is None


@pytest.mark.parametrize("text", [
    "青禾县自然资源局关于2023年度政务公开工作的年度报告\n" + _BODY,
    "首页 > 政务公开 > 年度报告\n" + _BODY + "\n青禾县自然资源局\n2024年1月20日\n",
], ids=["named_in_head", "named_in_sign_off"])
def test_headingless_text_naming_its_body_keeps_it(text):
    from nlp_reports import load_report

    md = load_report(text).metadata
    assert (md.agency, md.level, md.region) == ("青禾县自然资源局", "department", "青禾县")


@pytest.mark.parametrize("name", [
    "中国人民银行青禾市中心支行", "国家统计局青禾调查队", "青禾市气象台", "青禾县人民检察院",
    "青禾县残疾人联合会", "青禾县科学技术协会", "青禾县国有林场", "青禾县卫生健康局（县中医药管理局）",
    "青禾经济技术开发区管理委员会", "青禾边防检查站", "青禾县第二中学", "全州县人民政府", "全椒县",
])
def test_body_names_of_every_kind_stay_agencies(name):
    from nlp_reports.parse.metadata import agency_and_year

    assert agency_and_year(f"{name}2023年政府信息公开工作年度报告") == (name, 2023)
