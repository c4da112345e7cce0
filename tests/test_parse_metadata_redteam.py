"""Metadata of agency names found by red-teaming with reports written by an outsider."""

from __future__ import annotations

import pytest

from nlp_reports.parse import metadata as meta


@pytest.mark.parametrize(("agency", "region"), [
    # a vertically managed branch: the central agency's name is no place
    ("国家税务总局青禾市税务局", "青禾市"),
    ("国家税务总局云岭县税务局", "云岭县"),
    ("国家税务总局", None),
])
def test_region_of_a_central_agency_branch(agency, region):
    assert meta.region_of(agency) == region


@pytest.mark.parametrize(("agency", "region"), [
    # "人民政府" between the county and its street or township
    ("青禾县人民政府石桥街道办事处", "青禾县石桥街道"),
    ("青禾市江北区人民政府东湖街道办事处", "青禾市江北区东湖街道"),
    ("云岭县人民政府", "云岭县"),
])
def test_region_of_a_street_office_named_after_its_county_government(agency, region):
    assert meta.region_of(agency) == region
    assert meta.level_of(agency) == meta.level_of(agency.replace("人民政府", "", 1))


@pytest.mark.parametrize(("agency", "region"), [
    # 城市管理局: "城市" is no county-level city; 晋城市 is a city
    ("青禾市城市管理综合行政执法局", "青禾市"),
    ("云岭县城市管理局", "云岭县"),
    ("晋城市城市管理局", "晋城市"),
    ("城市管理局", None),
])
def test_region_of_a_city_management_bureau(agency, region):
    assert meta.region_of(agency) == region


@pytest.mark.parametrize(("agency", "level"), [
    ("审计署驻南京特派员办事处", "department"),
    ("国家外汇管理局驻某地办事处", "department"),
    ("某区某街道办事处", "street"),
])
def test_level_of_a_central_agency_office_is_a_department_not_a_street(agency, level):
    assert meta.level_of(agency) == level


@pytest.mark.parametrize(("agency", "region"), [
    # a city whose name holds 镇 or 乡: its district or county is still read after it
    ("镇江市京口区人民政府", "镇江市京口区"),
    ("镇江市丹徒区市场监督管理局", "镇江市丹徒区"),
    ("新乡市卫辉市人民政府", "新乡市卫辉市"),
])
def test_region_of_a_city_named_with_zhen_or_xiang(agency, region):
    assert meta.region_of(agency) == region
