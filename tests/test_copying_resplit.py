"""Year-over-year copying whatever the split: a section 五 copied word for word is 100%.

newuser11 trial (L2): 龙潭镇's 2024 section 五 was its 2023 text word for word, but 2023
was prose cut at "；" and 2024 enumerated, two 2023 statements to one 2024 statement; the
copy test compared statement with statement (cosine ≥ 0.8), so the merged ones were not
copies: 7 of 10, share_copied 0.664. A statement now also counts as copied when its
normalised text lies inside last year's section 五 taken whole — from 20 characters, so
that a stock phrase inside last year's long text is not one.
"""

from __future__ import annotations

import pandas as pd
from _corpus_helpers import make_report, store_of

from nlp_reports.corpus import audit, summarize
from nlp_reports.corpus.copying import (
    MIN_CONTAINED,
    NearDuplicateIndex,
    found_inside,
    normalize,
    year_over_year,
)

# a town's section 五 of 2023, written as prose and cut at "；": one clause a statement
TOWN_2023_PROBLEMS = [
    "村（社区）公开栏内容更新不及时，部分村务公开栏仍张贴着上一季度的财务收支表；",
    "涉农补贴发放名单公示时间偏短，群众来不及查看核对；",
    "镇便民服务中心政务公开专区查阅终端长期故障，无人报修；",
    "网站回应群众留言平均用时超过十个工作日，个别留言至今未予答复。",
]
TOWN_2023_MEASURES = [
    "由党政办牵头每月对各村公开栏开展一次巡查，发现过期内容当场督促更换；",
    "涉农补贴名单公示期一律不少于七个自然日，公示照片存档备查。",
]
# 2024: the same words, enumerated, two of 2023's clauses to an item
TOWN_2024_PROBLEMS = [
    "1.村（社区）公开栏内容更新不及时，部分村务公开栏仍张贴着上一季度的财务收支表；涉农补贴发放名单公示时间偏短，群众来不及查看核对。",
    "2.镇便民服务中心政务公开专区查阅终端长期故障，无人报修；网站回应群众留言平均用时超过十个工作日，个别留言至今未予答复。",
]
TOWN_2024_MEASURES = [
    "1.由党政办牵头每月对各村公开栏开展一次巡查，发现过期内容当场督促更换；涉农补贴名单公示期一律不少于七个自然日，公示照片存档备查。",
]

# a hospital's 2022 items, long; in 2023 each cut in two at "；" (the other direction)
HOSPITAL_2022_PROBLEMS = [
    "院务公开目录与卫生健康委统一要求尚未完全对应，收费项目和药品价格公示存在缺项；"
    "部分科室负责人认为公开是院办一家的事，提供信息不主动、不及时。",
]
HOSPITAL_2022_MEASURES = [
    "对照医疗卫生机构信息公开管理办法逐项梳理公开清单，三月底前补齐收费和价格公示；"
    "把信息报送情况纳入科室年度目标考核，对迟报漏报的科室予以通报。",
]
HOSPITAL_2023_PROBLEMS = [
    "院务公开目录与卫生健康委统一要求尚未完全对应，收费项目和药品价格公示存在缺项。",
    "部分科室负责人认为公开是院办一家的事，提供信息不主动、不及时。",
]
HOSPITAL_2023_MEASURES = [
    "对照医疗卫生机构信息公开管理办法逐项梳理公开清单，三月底前补齐收费和价格公示。",
    "把信息报送情况纳入科室年度目标考核，对迟报漏报的科室予以通报。",
]

# a county bureau whose 2022 measures are long and full of stock phrases, and whose 2023
# section 五 is new but for short stock phrases found inside that text
BUREAU_2022_PROBLEMS = [
    "水利工程建设项目信息公开不够全面，招标投标、施工许可等环节的信息多在事后集中发布。",
]
BUREAU_2022_MEASURES = [
    "加强业务培训，组织项目科室学习工程建设领域信息公开标准指引，力争年内见到明显成效，"
    "切实把这项工作抓实抓细，推动河道采砂许可、防汛抗旱物资储备等信息按季度公开。",
]
BUREAU_2023_PROBLEMS = [
    "小型水库安全鉴定结果未向下游村组公开，群众对水库运行状况了解不多。",
    "部分政策解读仅转发文件原文，没有结合本县实际作出说明。",
]
BUREAU_2023_MEASURES = [
    "加强业务培训。",
    "力争年内见到明显成效。",
    "切实把这项工作抓实抓细。",
    # a clause of last year (12 characters) inside a new sentence: no copy either
    "按季度公开防汛抗旱物资储备等信息，同时在汛期前公布小型水库的巡查责任人名单。",
]


def _frames(reports: list[tuple[int, str, int, list[str]]]):
    """statements and reports frames for year_over_year: (id, agency, year, texts)."""
    st = pd.DataFrame([(rid, i, t, "problem") for rid, _, _, texts in reports
                       for i, t in enumerate(texts)],
                      columns=["report_id", "idx", "text", "kind"])
    reps = pd.DataFrame([(rid, a, y) for rid, a, y, _ in reports],
                        columns=["id", "agency", "year"])
    return st, reps


def _yoy(reports):
    st, reps = _frames(reports)
    return year_over_year(st, reps, NearDuplicateIndex.build(st["text"].tolist()))


def test_merged_statements_of_last_year_are_a_copy():
    town = "平阳县石桥镇人民政府"
    by, copied = _yoy([(1, town, 2023, TOWN_2023_PROBLEMS + TOWN_2023_MEASURES),
                       (2, town, 2024, TOWN_2024_PROBLEMS + TOWN_2024_MEASURES)])
    row = by.set_index("year").loc[2024]
    assert (row["n_statements"], row["n_copied"]) == (3, 3)
    assert row["share_copied"] == 1.0 and row["share_copied_statements"] == 1.0
    # the source named is the passage of last year the statement lies in, whole
    first = copied.set_index("idx").loc[0]
    assert first["prev_idx"] == 0
    assert first["prev_text"] == TOWN_2023_PROBLEMS[0] + TOWN_2023_PROBLEMS[1]
    assert first["similarity"] == 1.0


def test_statements_cut_in_two_are_a_copy():
    hospital = "临江市第二人民医院"
    by, copied = _yoy([(7, hospital, 2022, HOSPITAL_2022_PROBLEMS + HOSPITAL_2022_MEASURES),
                       (8, hospital, 2023, HOSPITAL_2023_PROBLEMS + HOSPITAL_2023_MEASURES)])
    row = by.set_index("year").loc[2023]
    assert (row["n_statements"], row["n_copied"]) == (4, 4)
    assert row["share_copied"] == 1.0
    # each half names the statement of last year it comes from
    assert copied.sort_values("idx")["prev_idx"].tolist() == [0, 0, 1, 1]


def test_the_old_one_to_one_match_still_counts_near_copies():
    """An edited copy (one word changed) is not contained; the cosine test still finds it."""
    school = "清河县实验中学"
    edited = TOWN_2023_PROBLEMS[0].replace("上一季度", "上季度")
    by, copied = _yoy([(3, school, 2023, TOWN_2023_PROBLEMS[:1]),
                       (4, school, 2024, [edited])])
    assert by.set_index("year").loc[2024, "n_copied"] == 1
    assert 0.8 <= copied["similarity"].iloc[0] < 1.0


def test_stock_phrases_inside_last_years_text_are_no_copy():
    bureau = "安远县水利局"
    assert all(len(normalize(t)) < MIN_CONTAINED for t in BUREAU_2023_MEASURES[:3])
    # each short one is found word for word inside last year's text
    last = normalize("".join(BUREAU_2022_PROBLEMS + BUREAU_2022_MEASURES))
    assert all(normalize(t) in last for t in BUREAU_2023_MEASURES[:3])
    by, copied = _yoy([(5, bureau, 2022, BUREAU_2022_PROBLEMS + BUREAU_2022_MEASURES),
                       (6, bureau, 2023, BUREAU_2023_PROBLEMS + BUREAU_2023_MEASURES)])
    assert by.set_index("year").loc[2023, "n_copied"] == 0
    assert copied.empty


def test_only_the_same_agency_is_read():
    """Another agency's text is no source; the agency's text of two years before is, when
    the year between is not stored (it is the latest earlier year with statements)."""
    by, copied = _yoy([(1, "平阳县石桥镇人民政府", 2023, TOWN_2023_PROBLEMS + TOWN_2023_MEASURES),
                       (2, "平阳县龙门乡人民政府", 2024, TOWN_2024_PROBLEMS + TOWN_2024_MEASURES)])
    assert by.empty and copied.empty
    by, copied = _yoy([(1, "平阳县石桥镇人民政府", 2023, TOWN_2023_PROBLEMS + TOWN_2023_MEASURES),
                       (2, "平阳县龙门乡人民政府", 2024, TOWN_2024_PROBLEMS + TOWN_2024_MEASURES),
                       (3, "平阳县石桥镇人民政府", 2025, TOWN_2024_PROBLEMS + TOWN_2024_MEASURES)])
    row = by.set_index("report_id").loc[3]
    assert (row["prev_report_id"], row["prev_year"], row["share_copied"]) == (1, 2023, 1.0)
    assert set(copied["prev_report_id"]) == {1}


def _store(tmp_path):
    reports = {
        "town23.txt": make_report("平阳县石桥镇人民政府", 2023, TOWN_2023_PROBLEMS,
                                  TOWN_2023_MEASURES, level="township"),
        "town24.txt": make_report("平阳县石桥镇人民政府", 2024, TOWN_2024_PROBLEMS,
                                  TOWN_2024_MEASURES, level="township"),
        "bureau22.txt": make_report("安远县水利局", 2022, BUREAU_2022_PROBLEMS,
                                    BUREAU_2022_MEASURES),
        "bureau23.txt": make_report("安远县水利局", 2023, BUREAU_2023_PROBLEMS,
                                    BUREAU_2023_MEASURES),
    }
    return store_of(tmp_path / "c.db", reports)


def test_summary_and_audit_read_a_resplit_copy_as_whole(tmp_path):
    db = _store(tmp_path)
    cp = summarize(db).copying.set_index(["agency", "year"])
    town = cp.loc[("平阳县石桥镇人民政府", 2024)]
    assert (town["n_copied"], town["share_copied"]) == (3, 1.0)
    assert cp.loc[("安远县水利局", 2023), "n_copied"] == 0
    result = audit(db)
    t = result.table.set_index("path")
    got = {p.split("/")[-1]: n for p, n in t["copied_from_last_year"].items()}
    assert got == {"town23.txt": 0, "town24.txt": 3, "bureau22.txt": 0, "bureau23.txt": 0}
    town24 = [p for p in t.index if p.endswith("town24.txt")][0]
    assert result.zh.loc[town24, "copied_from_last_year"] == [
        "第五部分有3条问题或改进措施表述与本机关2023年度报告相同或近似：第五部分全部3条均与上年相同"
        "（整体沿用上年表述，占100%）"]


# --- across agencies (copy12b) ---------------------------------------------------------
# newuser11: 白沙乡 2023 copied 龙潭镇 2023 cut differently (prose clauses merged); the
# clusters compare statement with statement, so 7 of 10 were shared and the audit's
# "两份报告可能有一份照搬另一份" (80%) was not written. Now the statements left are looked
# for inside the section 五 of the agency the report shares most with.

# a county water bureau's 2023 list, one item a statement
WATER_PROBLEMS = [
    "农村饮水安全工程水质检测结果公开不及时，部分乡镇的检测报告滞后两个月以上才上网。",
    "河长制公示牌信息更新不到位，个别河段河长调整后公示牌仍标注原责任人姓名和电话。",
    "水利建设项目招投标信息分散发布在多个平台，群众查找不便。",
    "依申请公开答复文书格式不统一，告知救济渠道的表述不够规范。",
]
WATER_MEASURES = [
    "建立水质检测结果按月公开制度，检测报告出具后五个工作日内在门户网站发布。",
    "组织各乡镇对辖区河长公示牌逐一排查，责任人调整后十日内完成更换。",
    "统一使用县政务公开办制发的答复文书模板，由法制股审核后再行出具。",
]
# another county's bureau, the same year: the same words, written as prose, two items of
# the list to a sentence
COPY_PROBLEMS = [
    "一是农村饮水安全工程水质检测结果公开不及时，部分乡镇的检测报告滞后两个月以上才上网；"
    "河长制公示牌信息更新不到位，个别河段河长调整后公示牌仍标注原责任人姓名和电话。",
    "二是水利建设项目招投标信息分散发布在多个平台，群众查找不便。",
    "三是依申请公开答复文书格式不统一，告知救济渠道的表述不够规范。",
]
COPY_MEASURES = [
    "建立水质检测结果按月公开制度，检测报告出具后五个工作日内在门户网站发布；"
    "组织各乡镇对辖区河长公示牌逐一排查，责任人调整后十日内完成更换。",
    "统一使用县政务公开办制发的答复文书模板，由法制股审核后再行出具。",
]

# a town sharing two problems with a neighbouring town, and two stock measures (20
# characters and more) that two other agencies also write; the neighbour has the stock
# measures inside one long list item, with a short stock phrase
TOWN_A = "思源县江口镇人民政府"
TOWN_A_PROBLEMS = ["镇村两级公开栏更新频率低，部分村的财务公开仍停留在上半年。",
                   "惠农补贴资金发放情况未按户公示，只公布了发放总额。"]
STOCK = ["加强业务培训，提高信息公开工作人员的政策水平和业务能力。",
         "严格落实信息发布保密审查制度，确保公开信息准确规范。"]
TOWN_A_MEASURES = [*STOCK, "力争年内见到明显成效。"]
TOWN_B = "思源县孟溪镇人民政府"
TOWN_B_PROBLEMS = ["（一）镇村两级公开栏更新频率低，部分村的财务公开仍停留在上半年",
                   "（二）惠农补贴资金发放情况未按户公示，只公布了发放总额"]
TOWN_B_MEASURES = ["加强业务培训，提高信息公开工作人员的政策水平和业务能力；严格落实信息发布保密审查"
                   "制度，确保公开信息准确规范；同步开通镇政府微信公众号公开专栏，力争年内见到明显成效。"]


def _audit_of(tmp_path, reports):
    result = audit(store_of(tmp_path / "x.db", reports))
    t = result.table.assign(name=[p.split("/")[-1] for p in result.table["path"]])
    return t.set_index("name"), result.zh.set_index(t["name"].to_numpy())


def test_another_agencys_section5_cut_differently_is_shared_whole(tmp_path):
    t, zh = _audit_of(tmp_path, {
        "water.txt": make_report("云岭县水务局", 2023, WATER_PROBLEMS, WATER_MEASURES),
        "copy.txt": make_report("南屏县水利局", 2023, COPY_PROBLEMS, COPY_MEASURES),
        "other.txt": make_report("南屏县卫生健康局", 2023, [
            "家庭医生签约服务信息公开内容单一，群众关心的签约费用和服务包未予说明。"],
            ["将签约服务包内容、收费标准和投诉电话在各卫生院公开栏同步公示。"]),
    })
    # the copy: 5 statements, 3 alike one by one, 2 holding two items each
    assert t.loc["copy.txt", "shared_with_other_agencies"] == 5
    assert t.loc["copy.txt", "shared_with"] == "云岭县水务局（5）"
    one_source = ("第五部分5条问题和改进措施中有5条与云岭县水务局的报告相同或近似"
                  "（两份报告可能有一份照搬另一份）")
    assert one_source in zh.loc["copy.txt", "shared_with_other_agencies"]
    # and the other way: each item of the list lies inside the copy's text
    assert t.loc["water.txt", "shared_with"] == "南屏县水利局（7）"
    assert ("第五部分7条问题和改进措施中有7条与南屏县水利局的报告相同或近似"
            "（两份报告可能有一份照搬另一份）") in zh.loc["water.txt", "shared_with_other_agencies"]
    assert t.loc["other.txt", "shared_with_other_agencies"] == 0


def test_stock_sentences_inside_the_neighbours_list_do_not_make_a_copy(tmp_path):
    """Formulas other agencies write too are not credited to the neighbour by containment,
    nor a stock phrase under 20 characters: 2 of 5 with the neighbour, no one-source
    sentence (crediting them would read 4 of 5, twice the next agency)."""
    t, zh = _audit_of(tmp_path, {
        "a.txt": make_report(TOWN_A, 2022, TOWN_A_PROBLEMS, TOWN_A_MEASURES,
                             level="township"),
        "b.txt": make_report(TOWN_B, 2022, TOWN_B_PROBLEMS, TOWN_B_MEASURES,
                             level="township"),
        "d.txt": make_report("思源县生态环境分局", 2022, [
            "建设项目环评审批信息公开不全，部分批复文件未附审批依据。"], STOCK),
        "e.txt": make_report("思源县人力资源和社会保障局", 2022, [
            "就业补贴政策解读偏重转载上级文件，缺少本县申领流程的说明。"], list(reversed(STOCK))),
    })
    last = normalize(TOWN_B_MEASURES[0])
    assert all(normalize(s) in last for s in TOWN_A_MEASURES)  # all three are in it
    assert t.loc["a.txt", "shared_with_other_agencies"] == 4  # 2 problems + 2 formulas
    # the neighbour ties with the two agencies writing the formulas (ties by name)
    assert t.loc["a.txt", "shared_with"] == (
        f"思源县人力资源和社会保障局（2）、{TOWN_B}（2）、思源县生态环境分局（2）")
    assert not any("照搬" in s for s in zh.loc["a.txt", "shared_with_other_agencies"])
    assert t.loc["b.txt", "shared_with"] == f"{TOWN_A}（2）"


def test_found_inside_reads_only_the_reports_paired():
    """A statement is looked for in the paired reports only (another agency holding the
    same text is not read), as one contiguous stretch of their text."""
    patched = ("水质检测结果按月公开制度，检测报告出具后五个工作日内在门户网站发布"
               "招投标信息分散发布在多个平台")  # two places of the list, 40 characters
    st = pd.DataFrame(
        [(1, i, t) for i, t in enumerate(WATER_PROBLEMS + WATER_MEASURES)]
        + [(2, i, t) for i, t in enumerate(COPY_PROBLEMS + COPY_MEASURES + [patched])]
        + [(3, i, t) for i, t in enumerate(COPY_PROBLEMS)],
        columns=["report_id", "idx", "text"])
    index = NearDuplicateIndex.build(st["text"].tolist())
    pairs = pd.DataFrame({"report_id": [1, 2], "other_report_id": [2, 1]})
    found = found_inside(st, index, pairs)
    got = {(r, i, o) for r, i, o in found.itertuples(index=False)}
    assert got == {(1, i, 2) for i in range(7)} | {(2, i, 1) for i in range(5)}
    # the water bureau's statements are not looked for in report 3 (not paired), nor are
    # report 3's; a statement marked to skip is not looked for
    skip = (st["report_id"] == 2).to_numpy() & (st["idx"] == 0).to_numpy()
    again = found_inside(st, index, pairs, skip=skip)
    assert len(again) == len(found) - 1 and not ((again["report_id"] == 2)
                                                 & (again["idx"] == 0)).any()
