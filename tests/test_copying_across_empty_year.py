"""Copying across a year whose section 五 states nothing, or a year with no stored report.

A bureau writes its 2021 五, says only "无。" in 2022 and pastes 2021's 五 word for word into
2023. Compared with 2022 (nothing to copy from) the 2023 report read as 0 % copied and the
audit saw no copy. Each year is compared with the agency's latest earlier year whose 五
states something (`prev_year` names it), over an empty 五 and over a year not stored alike;
``problem_changes`` compares by the same rule.
"""

from __future__ import annotations

from pathlib import Path

from _corpus_helpers import store_of

from nlp_reports.corpus import Store, audit, summarize
from nlp_reports.parse import load_report

FOREST = "沅陵县林业局"
FOREST_2021 = """五、存在的主要问题及改进情况
（一）存在的主要问题
1.林木采伐许可的办理结果只在窗口公示，网站上查不到，外乡镇群众反映要跑两趟。
2.公益林生态补偿资金的发放名单公开到村一级后，部分村未按时张贴，群众质疑资金去向。
3.部分股室对依申请公开答复的法定期限掌握不准，去年有一件申请临近期满才答复。
（二）改进措施
1.林木采伐许可办理结果同步在县政府门户网站公示，做到办结一件、公开一件。
2.由各林业站督促村委会在一周内张贴补偿资金发放名单，并拍照报局办公室备查。
3.建立依申请公开台账，办公室每周提醒承办股室答复期限，杜绝临期答复。"""

# a water bureau writes prose; 2022 is not stored at all
WATER = "沅陵县水利局"
WATER_2021 = """五、存在的主要问题及改进情况
我局政府信息公开工作虽然取得了一定成效，但对照上级要求仍有差距：一是小型水库安全责任人名单公布后更新不及时，人事调整后半年仍挂着原责任人姓名；二是农村饮水安全工程的水质检测结果只报送主管部门，未向受益群众公开。下一步，我局将在人事调整后十个工作日内更新水库安全责任人名单，并按季度在乡镇便民服务中心张贴饮水工程水质检测结果。"""

# a township whose 2023 五 is its own: compared with 2022, nothing copied
TOWN = "沅陵县筲箕湾镇人民政府"
TOWN_2022 = """五、存在的主要问题及改进情况
存在的问题：镇政府网站上的惠农补贴公示只有汇总数，没有分户明细。
改进情况：2023年起按户公示耕地地力保护补贴，并保留查询电话。"""
TOWN_2023 = """五、存在的主要问题及改进情况
存在的问题：村级财务公开的时间不统一，有的村半年才公开一次，群众意见较大。
改进情况：统一规定各村每季度第一个月十日前公开上季度收支明细，镇纪委抽查。"""


def _text(agency: str, year: int, section5: str) -> str:
    return f"""{agency}{year}年政府信息公开工作年度报告

本报告由{agency}根据《中华人民共和国政府信息公开条例》编制。

一、总体情况
{year}年，{agency}围绕中心工作，认真做好政府信息公开工作。
二、主动公开政府信息情况
本年度主动公开各类信息，具体情况略。
三、收到和处理政府信息公开申请情况
本年度依申请公开情况见统计数据。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼。
{section5}
六、其他需要报告的事项
本年度未收取信息处理费。

{agency}
{year + 1}年1月20日
"""


def _store(tmp_path: Path) -> Path:
    texts = {
        "forest2021.txt": _text(FOREST, 2021, FOREST_2021),
        "forest2022.txt": _text(FOREST, 2022, "五、存在的主要问题及改进情况\n无。"),
        "forest2023.txt": _text(FOREST, 2023, FOREST_2021),
        "water2021.txt": _text(WATER, 2021, WATER_2021),
        "water2023.txt": _text(WATER, 2023, WATER_2021),
        "town2022.txt": _text(TOWN, 2022, TOWN_2022),
        "town2023.txt": _text(TOWN, 2023, TOWN_2023),
    }
    return store_of(tmp_path / "c.sqlite", {n: load_report(t) for n, t in texts.items()})


def _ids(db: Path) -> dict[str, int]:
    with Store(db) as s:
        reps = s.reports()
    return {p.split("/")[-1]: int(i) for p, i in zip(reps["path"], reps["id"], strict=True)}


def test_a_copy_across_an_empty_and_a_missing_year_is_seen(tmp_path: Path):
    db = _store(tmp_path)
    ids = _ids(db)
    s = summarize(db)
    rows = {(a, int(y)): r for a, y, r in zip(s.copying["agency"], s.copying["year"],
                                              s.copying.to_dict("records"), strict=True)}
    forest = rows[(FOREST, 2023)]
    assert forest["prev_report_id"] == ids["forest2021.txt"]
    assert forest["prev_year"] == 2021
    assert forest["n_copied"] == forest["n_statements"] >= 6
    assert forest["share_copied"] == 1.0
    # the silent year itself is compared with 2021 too (nothing to copy: no share)
    assert rows[(FOREST, 2022)]["prev_year"] == 2021
    assert rows[(FOREST, 2022)]["n_statements"] == 0
    # a year not stored is passed over the same way
    water = rows[(WATER, 2023)]
    assert (water["prev_year"], water["prev_report_id"]) == (2021, ids["water2021.txt"])
    assert water["share_copied"] == 1.0
    # an agency writing anew is compared with the year before and copies nothing
    town = rows[(TOWN, 2023)]
    assert (town["prev_year"], town["n_copied"]) == (2022, 0)
    copied = s.copied_statements
    assert set(copied.loc[copied["report_id"] == ids["forest2023.txt"], "prev_report_id"]) \
        == {ids["forest2021.txt"]}
    # problem_changes compares by the same rule: 2021's problems persist in 2023
    ch = s.problem_changes
    forest_ch = ch[(ch["agency"] == FOREST) & (ch["year"] == 2023)]
    assert len(forest_ch) and set(forest_ch["prev_year"]) == {2021}
    assert set(forest_ch["status"]) == {"persisting"}
    prev = ch.groupby(["agency", "year"])["prev_year"].agg(set).to_dict()
    assert prev[(WATER, 2023)] == {2021} and prev[(TOWN, 2023)] == {2022}


def test_the_audit_names_the_year_copied_from(tmp_path: Path):
    db = _store(tmp_path)
    t = audit(db).table.assign(name=lambda d: d["path"].str.split("/").str[-1]).set_index("name")
    forest = t.loc["forest2023.txt"]
    assert bool(forest["section5_copied"]) is True
    assert forest["copied_from_last_year"] == 6
    assert "全部照搬本机关2021年度报告（内容雷同）" in forest["findings_zh"]
    assert "2022年度报告" not in forest["findings_zh"]
    # the signal's tail names the same year: 2022 (上年) said nothing that could be copied
    assert "全部6条均与2021年度报告相同（整体沿用2021年度表述，占100%）" in forest["signals_zh"]
    assert "上年" not in forest["signals_zh"]
    water = t.loc["water2023.txt"]
    assert water["copied_from_last_year"] >= 2
    assert "本机关2021年度报告" in water["findings_zh"] + water["signals_zh"]
    assert t.loc["town2023.txt"]["copied_from_last_year"] == 0
    assert bool(t.loc["town2023.txt"]["section5_copied"]) is False
