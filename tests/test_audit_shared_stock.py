"""A city's audit of ~110 bodies: copies among shared stock phrases, levels, totals.

1. A whole copy between two bodies was never named under a city's heavy boilerplate: the
   one-source sentence needed the top agency to share twice as many statements as the
   next, and every body shared 4 or 5 stock statements with dozens (9/9 with the source,
   5 with the next). Boilerplate (shared by 3 agencies or more) is now set aside.
"""

from __future__ import annotations

from _corpus_helpers import make_report, store_of

from nlp_reports.corpus.audit import audit
from nlp_reports.report import Check

# --- 1. a whole copy between two bodies under heavy boilerplate --------------------------

# what the city's 政务公开办 sent down, written word for word by every city department
CITY_STOCK = [
    "政务公开工作人员业务能力有待提升，对新修订条例的理解把握还不够深入。",
    "主动公开内容以工作动态为主，政策解读的形式较为单一，图解和视频解读偏少。",
    "严格落实公开前保密审查制度，坚持“先审查、后公开”，杜绝泄密和侵犯个人隐私情况发生。",
    "积极参加市政务公开办组织的专题培训，全年开展内部业务学习不少于两次。",
]
# the transport bureau's own items; the statistics bureau sent its section 五 word for word
TRANSPORT_OWN = [
    "农村公路养护资金使用情况未按季度公开，乡道改造项目的施工单位和工期未予公示。",
    "在局门户网站开设“四好农村路”专栏，养护资金拨付和项目进度每季度更新一次。",
]
OTHERS_OWN = {
    "澄江市医疗保障局": "定点医药机构协议管理和违规处理结果公开不全，部分处理决定未上网。",
    "澄江市林业局": "森林防火期野外用火审批信息发布滞后，群众通过电话咨询的较多。",
    "澄江市人力资源和社会保障局": "就业补贴发放名单公示未覆盖全部乡镇，个别公示期不足五个工作日。",
}
# a county's townships: two statements of the county's own stock besides the city's
COUNTY_STOCK = [
    "村务公开栏内容更新不及时，个别村的财务收支公示仍停留在上一季度。",
    "由党政办每月对各村公开栏开展一次巡查，发现过期内容当场督促更换。",
]


def _rows(tmp_path):
    reports = {
        "transport.txt": make_report("澄江市交通运输局", 2024, [CITY_STOCK[0], CITY_STOCK[1],
                                     TRANSPORT_OWN[0]], [CITY_STOCK[2], CITY_STOCK[3],
                                                         TRANSPORT_OWN[1]], level="department"),
        "stats.txt": make_report("澄江市统计局", 2024, [CITY_STOCK[0], CITY_STOCK[1],
                                 TRANSPORT_OWN[0]], [CITY_STOCK[2], CITY_STOCK[3],
                                                     TRANSPORT_OWN[1]], level="department"),
        # a town writing only stock: the city's two problems, the county's two statements
        "baima.txt": make_report("澄江市白沙县白马镇人民政府", 2024,
                                 [CITY_STOCK[0], CITY_STOCK[1], COUNTY_STOCK[0]],
                                 [COUNTY_STOCK[1]], level="township"),
        "qingshi.txt": make_report("澄江市白沙县青石镇人民政府", 2024,
                                   [CITY_STOCK[0], CITY_STOCK[1], COUNTY_STOCK[0],
                                    "易地搬迁安置点的后续扶持政策宣传不够，搬迁群众知晓率不高。"],
                                   [COUNTY_STOCK[1]], level="township"),
        "liuxi.txt": make_report("澄江市白沙县柳溪乡人民政府", 2024,
                                 [COUNTY_STOCK[0], "乡卫生院药品价格公示牌长期未更新。"],
                                 [COUNTY_STOCK[1]], level="township"),
    }
    for i, (agency, own) in enumerate(OTHERS_OWN.items()):
        reports[f"dept{i}.txt"] = make_report(agency, 2024, [*CITY_STOCK[:2], own],
                                              CITY_STOCK[2:], level="department")
    result = audit(store_of(tmp_path / "city.db", reports))
    names = [p.split("/")[-1] for p in result.table["path"]]
    t = result.table.assign(name=names).set_index("name")
    return t, result.zh.set_index(t.index)


def _one_source(zh, name):
    return [s for s in zh.loc[name, "shared_with_other_agencies"] if "照搬" in s]


def test_a_whole_copy_is_named_though_every_body_shares_the_city_stock(tmp_path):
    t, zh = _rows(tmp_path)
    # 6 of 6 shared with the source, 4 (the city's stock) with each of four others: not
    # twice as many, nor 100% against 60% — the two statements nobody else writes decide
    assert t.loc["stats.txt", "shared_with"].startswith("澄江市交通运输局（6）")
    assert _one_source(zh, "stats.txt") == [
        "第五部分6条问题和改进措施中有6条与澄江市交通运输局的报告相同或近似"
        "（两份报告可能有一份照搬另一份）"]
    assert _one_source(zh, "transport.txt") == [
        "第五部分6条问题和改进措施中有6条与澄江市统计局的报告相同或近似"
        "（两份报告可能有一份照搬另一份）"]


def test_bodies_sharing_only_stock_are_not_said_to_copy(tmp_path):
    t, zh = _rows(tmp_path)
    # 白马镇 shares all 4 of its statements with 青石镇 and 2 with any other body: twice
    # as many, which named 青石镇 as its source; every one of them is written by 3 bodies
    # or more (the city's, the county's), so the two only carry the same stock
    assert t.loc["baima.txt", "shared_with"].startswith("澄江市白沙县青石镇人民政府（4）")
    assert _one_source(zh, "baima.txt") == []
    assert _one_source(zh, "qingshi.txt") == []
    for name in ("dept0.txt", "dept1.txt", "dept2.txt", "liuxi.txt"):
        assert t.loc[name, "shared_with_other_agencies"] >= 2
        assert _one_source(zh, name) == []


# --- 3. the agencies with no report on --year, named once on the HTML page -------------


def test_the_html_headline_names_the_missing_agencies_once(tmp_path):
    """The page printed the list twice, the Chinese headline then the English note; the
    English note now counts them and points to the Chinese list (the text headline still
    names them; since newuser27 the Markdown opens with the Chinese list and counts them)."""
    silent = "澄江市白沙县柳溪乡人民政府"
    reports = {
        "liuxi23.txt": make_report(silent, 2023, ["乡卫生院药品价格公示牌长期未更新。"],
                                   ["由乡党政办每季度核对一次公示牌内容。"], level="township"),
        "baima23.txt": make_report("澄江市白沙县白马镇人民政府", 2023, [COUNTY_STOCK[0]],
                                   [COUNTY_STOCK[1]], level="township"),
        "baima24.txt": make_report("澄江市白沙县白马镇人民政府", 2024,
                                   ["镇政府网站政策解读栏目全年仅更新两次。"],
                                   ["安排专人每月更新政策解读栏目。"], level="township"),
    }
    result = audit(store_of(tmp_path / "city.db", reports), years=[2024])
    assert list(result.missing["agency"]) == [silent]
    assert silent in result.headline()  # the text headline still names it
    page = result.to_html(tmp_path / "audit.html")
    head = page[page.index("<h1>"):page.index('<p class="note screen-only">')]
    assert head.count(f"{silent}（2023）") == 1  # in the Chinese headline
    assert head.count(silent) == 1
    assert "no report on 2024 from 1 agency with a report on 2021–2023 (named in the Chinese" \
        in head


# --- 2. levels named in Chinese; the group of no level said for what it is ---------------

NO_LEVEL = "(level not identified / 未识别层级)"


def _levels_store(tmp_path):
    reports = {
        "hospital.txt": make_report("澄江市第一人民医院", 2024,
                                    ["院务公开栏收费标准未随医保政策调整及时更新。"],
                                    ["由院办每季度核对一次收费公示内容。"], level=None),
        "district.txt": make_report("澄江市东湖区人民政府", 2024,
                                    ["区政府网站专题栏目更新不及时，部分栏目半年未更新。"],
                                    ["落实栏目责任人制度，每月检查一次更新情况。"], level="county"),
        "transport.txt": make_report("澄江市交通运输局", 2024, TRANSPORT_OWN[:1],
                                     TRANSPORT_OWN[1:], level="department"),
    }
    return store_of(tmp_path / "levels.db", reports)


def test_summarize_by_level_names_the_group_of_no_level(tmp_path):
    from nlp_reports.corpus import summarize

    s = summarize(_levels_store(tmp_path), by=["level"])
    # the DataFrames (and so CSV and JSON) hold the label, no "(unknown)"
    assert sorted(s.overview["level"]) == sorted([NO_LEVEL, "county", "department"])
    assert NO_LEVEL in s.to_markdown() and "(unknown)" not in s.to_markdown()
    out = s.to_csv(tmp_path / "csv")
    overview = (tmp_path / "csv" / "overview.csv").read_text(encoding="utf-8-sig")
    assert NO_LEVEL in overview, out
    page = s.to_html()
    assert "(unknown)" not in page and NO_LEVEL in page
    assert "县级（县、区、旗、县级市） county" in page  # a 区 is county level, said so


def test_the_audit_names_levels_in_chinese(tmp_path):
    result = audit(_levels_store(tmp_path))
    page = result.to_html()
    for shown in ("部门 department", "县级（县、区、旗、县级市） county", NO_LEVEL):
        assert f">{shown}</td>" in page
    result.to_csv(tmp_path / "zh.csv", headers="zh")
    import csv
    with (tmp_path / "zh.csv").open(encoding="utf-8-sig", newline="") as f:
        levels = {r["机关"]: r["层级"] for r in csv.DictReader(f)}
    assert levels == {"澄江市第一人民医院": NO_LEVEL, "澄江市东湖区人民政府": "县级（县、区、旗、县级市）",
                      "澄江市交通运输局": "部门"}
    result.to_csv(tmp_path / "en.csv")  # the ids stay what scripts read
    with (tmp_path / "en.csv").open(encoding="utf-8-sig", newline="") as f:
        assert {r["level"] for r in csv.DictReader(f)} == {"", "county", "department"}
    by = result.by_markdown("level")
    assert f"| {NO_LEVEL} | 1 |" in by and "| 部门 department | 1 |" in by


# --- 4. one wrong 表三 total is one defect, its three checks listed ----------------------


def _with_checks(agency, checks, **kw):
    return make_report(agency, 2024, ["档案查阅服务信息公开不及时。"],
                       ["按季度更新档案查阅服务指南。"], level="department", checks=checks, **kw)


def test_one_wrong_total_is_one_defect_naming_its_three_checks(tmp_path):
    # the trial's 不动产登记中心: (七)总计 of the 总计 column written 12 for 10 — I1 (一+二 = 11
    # against (七)总计+四 = 13), I2 (row (七): the six columns add to 10) and I3 (column 总计:
    # (一)…(六) add to 10) fail by the same 2 on the one cell
    typo = (Check("I1", "fail", "table3", None, "total", 11.0, 13.0, "I1 fails"),
            Check("I2", "fail", "table3", "3.7", "total", 10.0, 12.0, "I2 fails"),
            Check("I3", "fail", "table3", "3.7", "total", 10.0, 12.0, "I3 fails"))
    # two wrong cells: row 一's 总计 short by 1, column 自然人's outcomes short by 3
    two = (Check("I2", "fail", "table3", "1", "total", 8.0, 7.0, "I2 fails"),
           Check("I3", "fail", "table3", "3.7", "natural_person", 9.0, 6.0, "I3 fails"))
    result = audit(store_of(tmp_path / "t.db", {
        "typo.txt": _with_checks("澄江市不动产登记中心", typo),
        "two.txt": _with_checks("澄江市住房公积金管理中心", two),
        "missing.txt": _with_checks("澄江市档案馆", (), missing=(4,)),
    }))
    t = result.table.assign(name=[p.split("/")[-1] for p in result.table["path"]]).set_index(
        "name")
    zh = result.zh.set_index(t.index)
    assert t.loc["typo.txt", "identity_failures"].count("I") == 3  # every check listed
    assert len(zh.loc["typo.txt", "identity_failures"]) == 3
    assert t.loc["typo.txt", "defects"] == 1  # one typo: as many as a missing section 四
    assert t.loc["missing.txt", "defects"] == 1
    assert zh.loc["typo.txt", "identity_failures"][-1].endswith(
        "（以上I1、I2、I3共3项差额均为2、涉及同一单元格，可能是同一处填报错误，计为1个缺陷）")
    assert t.loc["two.txt", "defects"] == 2  # different gaps, no cell in common
    assert not any("同一处" in s for s in zh.loc["two.txt", "identity_failures"])
