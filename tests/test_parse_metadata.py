"""Metadata: agency, year, level, region, publication date, format."""

from __future__ import annotations

import pytest

from nlp_reports.parse import metadata as meta


@pytest.mark.parametrize(("title", "agency", "year"), [
    ("蚌峨乡人民政府2023年政府信息公开工作年度报告", "蚌峨乡人民政府", 2023),
    ("某市自然资源局2022年度政府信息公开工作年度报告", "某市自然资源局", 2022),
    ("关于某县2012年政府信息公开工作年度报告", "某县", 2012),
    ("《某区人民政府2021年政府信息公开工作年度报告》", "某区人民政府", 2021),
    ("2020年某州人民政府政府信息公开工作年度报告", "某州人民政府", 2020),
    ("某镇人民政府 2024 年度政府信息公开工作年度报告", "某镇人民政府", 2024),
    ("某某大学2021-2022学年信息公开工作年度报告", "某某大学", 2022),
    ("某职业技术学院2022—2023学年信息公开年度报告", "某职业技术学院", 2023),
])
def test_agency_and_year_from_title(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


def test_year_is_the_year_reported_on_not_the_publication_year():
    assert meta.report_year(None, "发布时间：2024-01-15\n本报告统计时限自2023年1月1日至2023年12月31日") == 2023
    assert meta.report_year(None, "前言\n2022年，我县继续推进") == 2022
    assert meta.report_year(None, "没有年份") is None


@pytest.mark.parametrize(("agency", "level"), [
    ("某省人民政府", "province"), ("某自治区人民政府", "province"), ("北京市人民政府", "province"),
    ("某市人民政府", "city"), ("某自治州人民政府", "city"), ("某地区行署", "city"),
    ("某县人民政府", "county"), ("某区人民政府", "county"), ("某旗人民政府", "county"),
    ("某州某市人民政府", "county"), ("某乡人民政府", "township"), ("某民族乡人民政府", "township"),
    ("某镇人民政府", "township"), ("某街道办事处", "street"), ("某市生态环境局", "department"),
    ("某县人民政府办公室", "department"), ("某省水利厅", "department"), ("国务院办公厅", "national"),
    ("教育部", "national"), ("国家统计局", "national"), ("某县", "county"), (None, None),
    # vertically managed local branches of central agencies (垂直管理) are departments
    ("国家税务总局", "national"), ("国家税务总局某县税务局", "department"),
    ("国家税务总局某省税务局", "department"), ("国家统计局某市调查队", "department"),
    ("国家金融监督管理总局某监管局", "department"), ("中国人民银行", "national"),
    ("中国人民银行某中心支行", "department"), ("海关总署", "national"), ("某海关", "department"),
    ("国家发展和改革委员会", "national"), ("国家市场监督管理总局", "national"),
    ("中国气象局", "national"), ("中国地震局", "national"), ("审计署", "national"),
    ("中国气象局某省气象局", "department"), ("某省气象局", "department"),
])
def test_level(agency, level):
    assert meta.level_of(agency) == level


@pytest.mark.parametrize(("agency", "region"), [
    ("云南省文山州砚山县住房和城乡建设局", "云南省文山州砚山县"),
    ("某市人民政府", "某市"), ("某乡人民政府", "某乡"), ("教育部", None),
])
def test_region(agency, region):
    assert meta.region_of(agency) == region


@pytest.mark.parametrize(("head", "tail", "iso"), [
    ("发布时间:2024-01-15 19:53:00", None, "2024-01-15"),
    ("发布日期：2024年1月5日", None, "2024-01-05"),
    ("", "2024年1月15日", "2024-01-15"),
    ("", "二〇一三年三月二十八日", "2013-03-28"),
    ("", None, None),
])
def test_published(head, tail, iso):
    assert meta.published_date(head, tail) == iso


@pytest.mark.parametrize(("year", "layout", "title", "fmt"), [
    (2023, "2021", None, "2021"), (2020, "2019", None, "2019"), (2020, None, None, "2019"),
    (2016, None, None, "legacy"), (None, "2021", None, "2021"),
    (None, None, "政府信息公开工作存在的主要问题及改进情况", "2019"), (None, None, None, None),
])
def test_format(year, layout, title, fmt):
    assert meta.format_of(year, layout, title, 6) == fmt


@pytest.mark.parametrize(("agency", "text", "region"), [
    ("砚山县住房和城乡建设局", "本局是云南省文山州砚山县的组成部门", "云南省文山州砚山县"),
    ("昆明市人民政府", "云南省昆明市人民政府", "云南省昆明市"),
    ("砚山县住房和城乡建设局", "推进全市各县区工作", "砚山县"),  # nothing stated: no guess
    ("某乡人民政府", "四川省某县", "某乡"),  # the chain must end with the agency's own place
])
def test_region_from_the_text_only_when_it_is_stated(agency, text, region):
    assert meta.region_of(agency, text) == region


@pytest.mark.parametrize(("title", "agency", "year"), [
    ("关于印发《某县2023年政府信息公开工作年度报告》的通知", "某县", 2023),
    ("某市统计局政府信息公开工作年度报告（2022年）", "某市统计局", 2022),
    ("2023年政府信息公开工作年度报告", None, 2023),
    ("政府信息公开工作年度报告", None, None),
])
def test_agency_from_unusual_titles(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)
