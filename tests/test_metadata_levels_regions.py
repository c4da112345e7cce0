"""Agency level, region and tier of the names outside writers used: a district named
X港 read as a port zone, a city under 贵州省 read
as a 县级市 (the province's 州), an irrigation district (灌区) read as a county, a 社区卫生服务
中心 given a level hospitals do not get, a free trade zone's 片区 and a joint party-government
name with no region; the 省直管市, 兵团 and 林区/特区/矿区 names of the same kind; and a
university named for a city (青州大学), which names no region; township offices, 部门/年度
in agency names and 开发区 levels. Every
body here is fictional; the shapes are those of real names."""

from __future__ import annotations

from pathlib import Path

import pytest
from _report_text import BODY

from nlp_reports import load_report
from nlp_reports.parse.metadata import full_agency, level_of, region_of, tier_of

DATA = Path(__file__).parent / "fixtures" / "parse14b"


def _meta(agency: str, text: str = "") -> tuple[str | None, str | None, str | None]:
    level, region = level_of(agency, text), region_of(agency, text)
    return level, region, tier_of(level, region, agency)


# --- 1. a district named X港 vs a port zone (港区) ---------------------------------------------

@pytest.mark.parametrize("agency, region", [
    ("溪港区信访局", "溪港区"),                       # a district standing alone, as 东港区 or 大港区
    ("云岭市北港区教育局", "云岭市北港区"),            # right after its city
    ("青禾省云岭市北港区卫生健康局", "青禾省云岭市北港区"),
])
def test_a_district_named_x_gang_is_a_county(agency, region):
    """"X港区" with a one-character name before 港, alone or right after its city, is a 市辖区
    (东港区, 日照市东港区): its departments work at county tier."""
    assert _meta(agency) == ("department", region, "county")


def test_a_bare_district_named_x_gang_is_its_government():
    assert full_agency("溪港区") == "溪港区人民政府"
    assert level_of("溪港区") == "county"


@pytest.mark.parametrize("agency", [
    "云岭市前湾港区管理委员会",     # a port zone named after its city
    "青禾洋口港区管委会",            # a port zone named alone
    "钦江市保税港区管理委员会",      # any 保税港区
])
def test_a_port_zone_has_no_tier(agency):
    """A port zone (港区) is run by a 管委会: a department of no tier, as a 开发区's, and a title
    naming it bare is not made its "人民政府"."""
    level, region, tier = _meta(agency)
    assert (level, tier) == ("department", None)
    assert region and region.endswith("港区")
    assert full_agency(region) == region


def test_a_district_keeps_its_government_and_a_new_area_stays_as_documented():
    """A 区 whose government reports is county whatever its name ends with; a department of a
    新区 is county only for the two districts (浦东新区, 滨海新区)."""
    assert _meta("云岭市东港区人民政府") == ("county", "云岭市东港区", "county")
    assert _meta("天津市滨海新区教育局")[2] == "county"
    assert _meta("青禾新区管理委员会")[2] is None


# --- 2. a city named under its province ------------------------------------------------------

@pytest.mark.parametrize("agency, level, tier", [
    ("贵州省黔中市人民政府", "city", "city"),              # 贵州's 州 is no prefecture
    ("贵州省黔中市教育局", "department", "city"),
    ("贵州省黔岭州安川市人民政府", "county", "county"),    # a 县级市 inside its prefecture
    ("黔岭州安川市人民政府", "county", "county"),
    ("青禾省松原江市人民政府", "city", "city"),
])
def test_a_city_under_its_province_is_a_city_unless_named_inside_a_prefecture(agency, level, tier):
    """"X省Y市" with nothing between is a prefecture-level city: only a parent 州/市/地区/盟
    between them, or the text, makes it a 县级市 (no gazetteer)."""
    got = _meta(agency)
    assert (got[0], got[2]) == (level, tier)


@pytest.mark.parametrize("text", [
    "2023年，桃源市是本省直管市，全市政务公开工作取得新进展。",
    "我市（省直管市）认真贯彻《中华人民共和国政府信息公开条例》。",
    "我市作为省直管县级市，坚持以公开为常态、不公开为例外。",
])
def test_a_city_the_province_runs_directly_is_county_level(text):
    """A 省直管市 (as 仙桃, 济源) is a 县级市 the province runs directly, when the text says so."""
    assert level_of("桃源市人民政府", text) == "county"


def test_a_city_that_runs_county_level_cities_stays_a_city():
    assert level_of("枫林市人民政府", "枫林市下辖2个县级市、3个区，省直各部门大力支持。") == "city"
    assert level_of("桃源市人民政府") == "city"  # nothing says what it is: never guessed


def test_a_bracketed_tail_that_says_county_level_counts():
    """The name's own bracket may say what the city is: "桃源市（省直管县级市）"."""
    assert level_of("桃源市（省直管县级市）") == "county"
    assert level_of("桃源市（省直管市）") == "county"


# --- 3. an irrigation, reclamation or reservoir area is no place -----------------------------

@pytest.mark.parametrize("agency, region, tier", [
    ("长渠灌区管理局", None, None),
    ("云岭市长渠灌区管理局", "云岭市", "city"),
    ("柳岸县红卫灌区管理所", "柳岸县", "county"),
    ("青禾省北湖垦区管理局", "青禾省", "province"),
    ("溪口县石门水库库区移民服务中心", "溪口县", "county"),
])
def test_a_water_works_area_is_not_a_county(agency, region, tier):
    """A 灌区/垦区/库区 is the area a water works or farm serves, not a 区 of government: it is
    left out of the region, and the tier is the government's that heads the name, if any."""
    assert _meta(agency) == ("department", region, tier)


def test_real_county_level_areas_keep_their_tier():
    """林区, 特区, 矿区 and 工矿区 are county-level divisions with a 人民政府 (神农架林区,
    六枝特区, 阳泉市矿区)."""
    assert _meta("青禾林区教育局") == ("department", "青禾林区", "county")
    assert _meta("溪山特区人民政府") == ("county", "溪山特区", "county")
    assert _meta("云岭市矿区财政局") == ("department", "云岭市矿区", "county")
    assert _meta("青禾工矿区人民政府") == ("county", "青禾工矿区", "county")


# --- 4. clinics like hospitals ----------------------------------------------------------------

@pytest.mark.parametrize("agency", [
    "杏湾社区卫生服务中心", "云岭市东城区南湖街道社区卫生服务中心", "柳岸县白石镇卫生院",
    "云岭市第一人民医院", "溪口县青石社区卫生服务站",
])
def test_clinics_and_hospitals_have_no_level(agency):
    """A 社区卫生服务中心 is a clinic as a 卫生院 is: outside the hierarchy, like a hospital."""
    level, _, tier = _meta(agency)
    assert (level, tier) == (None, None)


@pytest.mark.parametrize("agency, tier", [
    ("云岭市疾病预防控制中心", "city"), ("柳岸县档案馆", "county"),
    ("溪口县卫生健康委员会", "county"),
])
def test_public_bodies_serving_a_government_stay_departments(agency, tier):
    level, _, got = _meta(agency)
    assert (level, got) == ("department", tier)


# --- 5. a free trade zone's 片区, a joint party-government name ---------------------------------

@pytest.mark.parametrize("agency, region", [
    ("中国（云川）自由贸易试验区青石片区管理委员会", "中国（云川）自由贸易试验区青石片区"),
    ("中国(青禾)自由贸易试验区管理委员会", "中国(青禾)自由贸易试验区"),
    ("中国（云川）自由贸易试验区南江新片区管理委员会", "中国（云川）自由贸易试验区南江新片区"),
])
def test_a_free_trade_zone_is_its_region_of_no_tier(agency, region):
    assert _meta(agency) == ("department", region, None)


@pytest.mark.parametrize("agency, text, level, region", [
    ("中共东城街道工作委员会东城街道办事处", "", "street", "东城街道"),
    ("中共柳岸区东城街道工作委员会东城街道办事处", "", "street", "柳岸区东城街道"),
    ("中共白石镇委员会 白石镇人民政府", "", "township", "白石镇"),
    ("中共白石镇委员会白石镇人民政府", "编制单位：\n溪口县白石镇人民政府\n2024年1月18日", "township",
     "溪口县白石镇"),
])
def test_a_joint_party_government_name_takes_its_government_s_region(agency, text, level, region):
    """"中共X工作委员会X办事处" is one body under two names: the government's part gives the
    level and the region, with the county before it where the name or the text writes it."""
    got = _meta(agency, text)
    assert got == (level, region, "township")


def test_a_party_department_keeps_its_region():
    assert _meta("中共溪口县委宣传部") == ("department", "溪口县", "county")


def test_a_joint_name_read_from_a_report(tmp_path):
    """End to end: the title names the joint body, the sign-off its county."""
    f = tmp_path / "r.txt"
    f.write_text(
        "中共西关街道工作委员会西关街道办事处2024年政府信息公开工作年度报告\n"
        "一、总体情况\n2024年，西关街道坚持以公开为常态、不公开为例外，依法做好政府信息公开工作。\n"
        "二、主动公开政府信息情况\n本年度通过街道公开栏发布信息46条。\n"
        "三、收到和处理政府信息公开申请情况\n本年度共收到申请3件，均已按时办结。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度无行政复议和行政诉讼。\n"
        "五、存在的主要问题及改进情况\n（一）存在的问题\n公开栏更新不够及时。\n"
        "（二）改进措施\n每月核对一次公开栏内容。\n"
        "六、其他需要报告的事项\n无。\n"
        "溪口县西关街道办事处\n2025年1月20日\n", encoding="utf-8")
    m = load_report(f).metadata
    assert (m.level, m.region) == ("street", "溪口县西关街道")


# --- 6. the 兵团's 师市 ------------------------------------------------------------------------

def test_a_corps_division_city_has_its_region():
    """"新疆生产建设兵团第X师Y市" (师市合一): the 兵团 heads the name as a central agency's name
    does, the 师市 is the region, as it is of "第X师Y市教育局"."""
    assert region_of("新疆生产建设兵团第十师青河市") == "第十师青河市"
    assert region_of("第十师青河市教育局") == "第十师青河市"


# --- 7. a university named for a city --------------------------------------------------------

def test_university_named_for_a_city_has_no_region():
    """"青州大学附属医院" had region "青州": a university named for a city (苏州大学, 温州医科大学)
    carries the city's old name, not an administrative prefix, as 青岛大学 carries none. A
    prefix written as one (青州市人民医院) or a prefecture (红河州中医医院) still is a region."""
    r = load_report(DATA / "qingzhou_daxue_fuyuan.txt")
    assert (r.metadata.agency, r.metadata.region) == ("青州大学附属医院", None)
    assert r.metadata.published == "2025-03-28"
    assert [region_of(a) for a in ("温州医科大学附属第一医院", "福州外语外贸学院", "青州市人民医院",
                                   "红河州中医医院", "红河州职业技术学院", "柳州市第二中学")] == [
        None, None, "青州市", "红河州", "红河州", "柳州市"]


# --- 8. township offices, 部门/年度 in agency names, 开发区 --------------------------------



@pytest.mark.parametrize(("title", "opening", "region"), [
    # the name itself names the chain
    ("柳岸县白石镇便民服务中心2023年政府信息公开工作年度报告", "", "柳岸县白石镇"),
    ("柳岸县白石镇综合行政执法队2023年政府信息公开工作年度报告", "", "柳岸县白石镇"),
    # the text writes the county before the office's whole name
    ("白石镇便民服务中心2023年政府信息公开工作年度报告",
     "编制单位：柳岸县白石镇便民服务中心\n", "柳岸县白石镇"),
    ("白石镇便民服务中心2023年政府信息公开工作年度报告",  # where 柳岸县 starts is not known
     "柳岸县白石镇便民服务中心坚持依法公开。\n", "白石镇"),
    ("白石镇人民政府2023年政府信息公开工作年度报告",
     "现将云岭市柳岸县白石镇人民政府2023年度报告公布如下。\n", "白石镇"),
    ("白石镇人民政府2023年政府信息公开工作年度报告",
     "本报告由云岭市柳岸县白石镇人民政府编制。\n", "白石镇"),
    ("白石镇人民政府2023年政府信息公开工作年度报告",
     "（云岭市柳岸县白石镇人民政府）\n", "云岭市柳岸县白石镇"),
    ("白石镇便民服务中心2023年政府信息公开工作年度报告", "（本县白石镇便民服务中心）\n",
     "白石镇"),
    ("白石镇便民服务中心2023年政府信息公开工作年度报告", "", "白石镇"),
    # words that start with 城/乡/镇 are no township: the county's department keeps the county
    ("柳岸县城乡建设局2023年政府信息公开工作年度报告", "", "柳岸县"),
    ("柳岸县住房和城乡建设局2023年政府信息公开工作年度报告", "", "柳岸县"),
    ("柳岸县乡镇企业局2010年政府信息公开工作年度报告", "", "柳岸县"),
    ("柳岸县城镇综合执法局2023年政府信息公开工作年度报告", "", "柳岸县"),
])
def test_township_office_region(title: str, opening: str, region: str) -> None:
    m = load_report(title + "\n" + opening + BODY).metadata
    assert m.region == region
    assert m.level == ("township" if "人民政府" in title else "department")


@pytest.mark.parametrize("title", [
    "柳岸县财政局2023年度部门政府信息公开工作年度报告",
    "柳岸县财政局2023年部门政务公开工作年度报告",
    "柳岸县财政局2023年度本部门政府信息公开工作年度报告",
    "柳岸县财政局2023年度部门信息公开工作年度报告",
    "柳岸县财政局2023年度机关政府信息公开工作年度报告",
    "柳岸县财政局部门2023年政府信息公开工作年度报告",
    "柳岸县财政局本级2023年政府信息公开工作年度报告",
    "柳岸县财政局年度政府信息公开工作报告（2023年）",
    "柳岸县财政局2023年度年度政府信息公开工作报告",
])
def test_qualifier_words_are_not_part_of_the_agency(title: str) -> None:
    m = load_report(title + "\n" + BODY).metadata
    assert (m.agency, m.year, m.level, m.region) == ("柳岸县财政局", 2023, "department", "柳岸县")


@pytest.mark.parametrize(("agency", "level"), [
    # a zone named bare stands for its 管委会 (docs/schema.md, level)
    ("柳岸经济技术开发区", "department"),
    ("云岭市高新技术产业开发区", "department"),
    ("云岭高新区", "department"),
    ("柳岸工业园区", "department"),
    ("青禾综合保税区", "department"),
    ("柳岸经济技术开发区管理委员会", "department"),
    # districts stay county level, a 新区 among them
    ("浦东新区", "county"),
    ("溪山区", "county"),
    ("溪山区人民政府", "county"),
])
def test_development_zone_level(agency: str, level: str) -> None:
    m = load_report(f"{agency}2023年政府信息公开工作年度报告\n" + BODY).metadata
    # a bare 市辖区 is its 人民政府 (s7 F6); a zone or a 新区 is never expanded
    assert (m.agency, m.level) == ("溪山区人民政府" if agency == "溪山区" else agency, level)
    assert m.region == agency.removesuffix("管理委员会").removesuffix("人民政府")
