"""s7 summary page fix from the fifth new-user trial (F18): the group headings name the group
column in Chinese ("按层级分组", not "按level分组") and levels are shown by their Chinese name on
the page, while the CSV files keep the ids."""

from __future__ import annotations

import pandas as pd
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize


def _store(tmp_path):
    reports = [make_report("甲县人民政府", 2024, ["人员力量不足。"], ["加强培训。"], level="county"),
               make_report("乙镇人民政府", 2024, ["培训不够。"], ["加强培训。"], level="township"),
               make_report("丙省教育厅", 2024, ["解读不足。"], ["加强解读。"], level="department")]
    path = tmp_path / "c.db"
    with Store(path) as store:
        for i, r in enumerate(reports):
            store.write_report(f"r{i}.txt", r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


def test_grouped_by_level_the_page_speaks_chinese_and_the_csv_keeps_ids(tmp_path):
    summary = summarize(_store(tmp_path), by=["level"])
    page = summary.to_html()
    assert "按level分组" not in page and "按层级分组 By level" in page
    for name in ("县级", "乡镇", "部门"):
        assert name in page
    assert ">county<" not in page and ">township<" not in page
    summary.to_csv(tmp_path / "csv")
    overview = pd.read_csv(tmp_path / "csv" / "overview.csv")
    assert {"county", "township", "department"} <= set(overview["level"])
    assert not any("县级" in str(v) for v in overview["level"])


# --- F9: the administrative tier of a department (省厅 province, 县局 county) -------------------

def test_tier_puts_a_department_at_its_governments_tier():
    from nlp_reports.parse.metadata import level_of, region_of, tier_of

    expected = {
        "青禾省教育厅": "province", "青禾省人民政府办公厅": "province", "北京市教育委员会": "province",
        "云岭市教育局": "city", "红河哈尼族彝族自治州教育局": "city", "云岭市公安局东城分局": "county",
        "柳岸县教育局": "county", "云岭市东城区教育局": "county",
        "国家税务总局溪山县税务局": "county", "柳岸县白石镇便民服务中心": "township",
        "云岭经济技术开发区管理委员会": None, "柳岸工业园区管理委员会": None,
        "青禾大学": None, "青禾省人民政府": "province", "云岭市人民政府": "city",
        "溪山县人民政府": "county", "白石镇人民政府": "township", "城关街道办事处": "township",
    }
    got = {a: tier_of(level_of(a), region_of(a), a) for a in expected}
    assert got == expected


def test_summarize_by_tier_separates_a_province_department_from_a_county_bureau(tmp_path):
    reports = [make_report("丙省教育厅", 2024, ["解读不足。"], ["加强解读。"], level="department",
                           region="丙省"),
               make_report("甲县教育局", 2024, ["人员力量不足。"], ["加强培训。"],
                           level="department", region="甲县"),
               make_report("甲县人民政府", 2024, ["培训不够。"], ["加强培训。"], level="county",
                           region="甲县")]
    path = tmp_path / "t.db"
    with Store(path) as store:
        for i, r in enumerate(reports):
            store.write_report(f"r{i}.txt", r, FakeTagger().tag_many([r])[0], model_id="m")
    overview = summarize(path, by=["tier"]).overview.set_index("tier")
    assert overview.loc["province", "reports"] == 1
    assert overview.loc["county", "reports"] == 2
    by_level = summarize(path, by=["level"]).overview.set_index("level")
    assert by_level.loc["department", "reports"] == 2  # the level itself is unchanged


# --- F19: --dedupe says which text it kept --------------------------------------------------------

def test_dedupe_names_the_text_it_kept_and_why(tmp_path):
    old = make_report("甲县人民政府", 2024, ["人员力量不足。"], ["加强培训。"])
    new = make_report("甲县人民政府", 2024, ["人员力量不足。", "培训不够。"], ["加强培训。"])
    path = tmp_path / "d.db"
    with Store(path) as store:
        store.write_report("/c/甲县2024.txt", new, FakeTagger().tag_many([new])[0], model_id="m")
        store.write_report("/c/甲县人民政府2024.txt", old, FakeTagger().tag_many([old])[0],
                           model_id="m")
    [note] = [n for n in summarize(path, dedupe=True).notes if n.startswith("dedupe")]
    # the later-stored text has fewer statements: the more complete one is kept
    assert "Kept: 甲县人民政府 2024: 甲县2024.txt (more statements in 五) over 甲县人民政府2024.txt" in note
