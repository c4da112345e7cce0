"""Metadata: regions whose names hold a unit character, and titles of every level and era."""

from __future__ import annotations

import pytest

from nlp_reports.parse import metadata as meta


@pytest.mark.parametrize(("agency", "region"), [
    # a unit character inside the name: 红旗区, 梅县区, 通州区, 红旗乡 are one name each
    ("新乡市红旗区人民政府", "新乡市红旗区"),
    ("新乡市红旗区教育局", "新乡市红旗区"),
    ("青禾市红旗区人民政府", "青禾市红旗区"),
    ("梅州市梅县区人民政府", "梅州市梅县区"),
    ("通州区人民政府", "通州区"),
    ("北京市通州区永顺镇人民政府", "北京市通州区永顺镇"),
    ("红旗乡人民政府", "红旗乡"),
    ("青禾县红旗镇人民政府", "青禾县红旗镇"),
    ("旗山县人民政府", "旗山县"),
    # 州 in a city's name (苏州, 杭州): the 市 after it belongs to it
    ("苏州市人民政府", "苏州市"),
    ("杭州市财政局", "杭州市"),
    ("定州市人民政府", "定州市"),
    ("苏州市吴中区人民政府", "苏州市吴中区"),
    ("苏州市市场监督管理局", "苏州市"),
    ("福州市鼓楼区人民政府", "福州市鼓楼区"),
    ("青禾州市场监督管理局", "青禾州"),
    ("云岭市州府路街道办事处", "云岭市州府路街道"),
    # development zones, new areas, forest and mining districts
    ("苏州工业园区管理委员会", "苏州工业园区"),
    ("青禾市高新区管委会", "青禾市高新区"),
    ("青禾经济技术开发区管理委员会", "青禾经济技术开发区"),
    ("青禾市高新技术产业开发区管理委员会", "青禾市高新技术产业开发区"),
    ("两江新区管理委员会", "两江新区"),
    ("金州新区管理委员会", "金州新区"),
    ("神农架林区人民政府", "神农架林区"),
    ("阳泉市矿区人民政府", "阳泉市矿区"),
    ("新区街道办事处", "新区街道"),
    # autonomous units, prefectures, leagues, banners
    ("云岭彝族自治县人民政府", "云岭彝族自治县"),
    ("文山壮族苗族自治州砚山县人民政府", "文山壮族苗族自治州砚山县"),
    ("鄂伦春自治旗人民政府", "鄂伦春自治旗"),
    ("呼伦贝尔市鄂温克族自治旗人民政府", "呼伦贝尔市鄂温克族自治旗"),
    ("喀什地区莎车县人民政府", "喀什地区莎车县"),
    ("锡林郭勒盟正蓝旗人民政府", "锡林郭勒盟正蓝旗"),
    ("内蒙古自治区阿拉善盟行政公署", "内蒙古自治区阿拉善盟"),
    ("乌兰察布市察哈尔右翼前旗人民政府", "乌兰察布市察哈尔右翼前旗"),
    # the same unit twice is two names, and words after the place starting with a unit
    ("济南市市中区人民政府", "济南市市中区"),
    ("青禾区区政府", "青禾区"),
    ("青禾县乡村振兴局", "青禾县"),
    ("青禾市乡村振兴局", "青禾市"),
    ("青禾县区域发展中心", "青禾县"),
    ("青禾县县乡公路管理站", "青禾县"),
    ("青禾市市容环境卫生管理局", "青禾市"),
    ("青禾旗旗委办公室", "青禾旗"),
])
def test_region_with_a_unit_character_inside_a_name(agency, region):
    assert meta.region_of(agency) == region


def test_region_chain_from_the_text_keeps_the_whole_district():
    assert meta.region_of("红旗区人民政府", "河南省新乡市红旗区位于") == "河南省新乡市红旗区"
    assert meta.region_of("苏州市人民政府", "江苏省苏州市") == "江苏省苏州市"


@pytest.mark.parametrize(("agency", "level"), [
    # a customs house or maritime bureau named with the state's name is still a local branch
    ("中华人民共和国青禾海关", "department"),
    ("中华人民共和国云岭海事局", "department"),
    ("青禾海关", "department"),
    ("云岭出入境边防检查站", "department"),
    ("海关总署", "national"),
    ("中华人民共和国海关总署", "national"),
    ("中华人民共和国海事局", "national"),
    ("中华人民共和国生态环境部", "national"),
])
def test_level_of_a_branch_named_with_the_state(agency, level):
    assert meta.level_of(agency) == level


@pytest.mark.parametrize(("title", "agency", "year"), [
    # older titles write the year in Chinese numerals
    ("柳岸县人民政府二〇一三年政府信息公开工作年度报告", "柳岸县人民政府", 2013),
    ("柳岸县人民政府二零一零年度政府信息公开工作年度报告", "柳岸县人民政府", 2010),
    ("二〇〇九年柳岸县人民政府政府信息公开工作年度报告", "柳岸县人民政府", 2009),
])
def test_title_year_in_chinese_numerals(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


@pytest.mark.parametrize(("title", "agency", "year"), [
    # the notice that publishes the report, issued by an office: the agency is the report's
    ("柳岸县人民政府办公室关于印发柳岸县2016年政府信息公开工作年度报告的通知", "柳岸县", 2016),
    ("柳岸县人民政府办公室关于印发《柳岸县2016年政府信息公开工作年度报告》的通知", "柳岸县", 2016),
    ("云岭市人民政府关于2012年政府信息公开工作的年度报告", "云岭市人民政府", 2012),
    ("云岭市新闻发布中心2023年政府信息公开工作年度报告", "云岭市新闻发布中心", 2023),
])
def test_title_of_a_notice_issued_by_an_office(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


@pytest.mark.parametrize("agency", [
    # schools, hospitals and public enterprises stand outside the hierarchy (docs/schema.md)
    "青禾大学", "云岭师范学院", "青禾职业技术学院", "云岭市第一中学", "云岭市第一人民医院",
    "柳岸县白石镇卫生院", "云岭市妇幼保健院", "云岭市自来水有限公司", "云岭市水务集团有限公司",
])
def test_schools_hospitals_and_enterprises_have_no_level(agency):
    assert meta.level_of(agency) is None


@pytest.mark.parametrize(("agency", "level"), [
    ("云岭市疾病预防控制中心", "department"), ("云岭市公共资源交易中心", "department"),
    ("云岭市人民政府办公室", "department"),
])
def test_public_institutions_of_a_government_stay_departments(agency, level):
    assert meta.level_of(agency) == level


@pytest.mark.parametrize(("agency", "level", "region"), [
    # 苏木, Inner Mongolia's township-level unit
    ("白音苏木人民政府", "township", "白音苏木"),
    ("青禾旗白音苏木人民政府", "township", "青禾旗白音苏木"),
])
def test_a_sumu_is_a_township(agency, level, region):
    assert (meta.level_of(agency), meta.region_of(agency)) == (level, region)
