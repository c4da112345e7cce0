"""A government that signs "鹤鸣市政府" one year and "鹤鸣市人民政府" another is one agency.

Many titles write the government short (某市政府, 某县政府, 某镇政府): ``agency_key`` links a
name ending in 政府 right after its place unit (省 市 县 区 旗 州 盟 镇 乡) to …人民政府, so
copying, problem_changes, cross_year and the panel compare its years, and the "possibly
renamed" hint no longer names the pair. A unit named after the government (某区政府采购中心)
keeps its own name. The reports are written out as text and read by the real parser.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import parsed_store

from nlp_reports.corpus.panel import panel
from nlp_reports.corpus.summarize import rename_candidates, summarize
from nlp_reports.parse.metadata import agency_key

#: Section 五's problem the city's 2022 report copies word for word from 2021.
COPIED = "部分单位对政策解读重视不够，解读材料与政策文件同步发布的比例不高，图解、视频等形式运用偏少。"


def _city(year: int, agency: str, problems: list[str], measures: list[str]) -> str:
    return f"""{agency}{year}年政府信息公开工作年度报告

本报告依据《中华人民共和国政府信息公开条例》编制。报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。

一、总体情况
{year}年，{agency}坚持以公开为常态、不公开为例外，围绕全市重点工作推进决策、执行、管理、服务、结果公开。全年通过政府门户网站主动公开政府信息{1800 + year % 100 * 7}条，召开新闻发布会{12 + year % 5}场。

二、主动公开政府信息情况
全年制发规范性文件{year % 100}件，均已在网站规范性文件库集中公开。

三、收到和处理政府信息公开申请情况
全年收到政府信息公开申请{40 + year % 100}件，均在法定期限内答复。

四、政府信息公开行政复议、行政诉讼情况
全年因政府信息公开被申请行政复议{year % 3}件，未发生行政诉讼。

五、存在的主要问题及改进情况
（一）存在的主要问题
{"".join(f"{i}.{p}" + chr(10) for i, p in enumerate(problems, 1))}（二）改进措施
{"".join(f"{i}.{m}" + chr(10) for i, m in enumerate(measures, 1))}
六、其他需要报告的事项
本年度未收取信息处理费。

{agency}
{year + 1}年1月20日
"""


def _township(year: int, agency: str, problem: str) -> str:
    return f"""{agency}{year}年度政府信息公开工作年度报告

一、总体情况
今年以来，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，依托县政府网站乡镇专栏发布各类信息{60 + year % 100}条，涉及惠农补贴发放、低保公示、村级财务公开等。

二、主动公开政府信息情况
本镇无制发规章和规范性文件。

三、收到和处理政府信息公开申请情况
本年度未收到政府信息公开申请。

四、政府信息公开行政复议、行政诉讼情况
本年度无因政府信息公开引起的行政复议和行政诉讼。

五、存在的主要问题及改进情况
一是{problem}二是公开栏目更新不及时。下一步，我镇将明确专人负责，加强业务培训。

六、其他需要报告的事项
无。

{agency}
{year + 1}年1月15日
"""


def _files(tmp_path):
    """The city long in 2021, short in 2022 (its 五 copies 2021's first problem); a
    township short in 2022, long in 2023; a district's procurement centre (a unit named
    after the government) in 2022–2023; a province short in 2023."""
    reports = {
        "鹤鸣市人民政府2021年政府信息公开工作年度报告.txt": _city(
            2021, "鹤鸣市人民政府", [COPIED, "基层政务公开标准目录动态调整不够及时。"],
            ["推动解读材料与文件同步起草、同步审签、同步发布。"]),
        "鹤鸣市政府2022年政府信息公开工作年度报告.txt": _city(
            2022, "鹤鸣市政府", [COPIED, "依申请公开答复文书的说理性有待增强。"],
            ["组织开展答复文书评查，印发答复文书参考文本。"]),
        "青石镇政府2022年度政府信息公开工作年度报告.txt": _township(
            2022, "青石镇政府", "工作人员业务水平不高。"),
        "青石镇人民政府2023年度政府信息公开工作年度报告.txt": _township(
            2023, "青石镇人民政府", "公开内容不够全面。"),
        "鹤鸣市松山区政府采购中心2022年政府信息公开工作年度报告.txt": _city(
            2022, "鹤鸣市松山区政府采购中心", ["采购意向公开的时效性有待提升。"],
            ["推行采购意向按月集中公开。"]),
        "鹤鸣市松山区政府采购中心2023年政府信息公开工作年度报告.txt": _city(
            2023, "鹤鸣市松山区政府采购中心", ["中标结果公告格式不够统一。"],
            ["统一中标结果公告模板。"]),
        "江澜省政府2023年政府信息公开工作年度报告.txt": _city(
            2023, "江澜省政府", ["省直部门政务公开工作进展不够平衡。"], ["加强对省直部门的指导。"]),
    }
    paths = []
    for name, text in reports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gov_short")
    return parsed_store(folder / "store.sqlite", _files(folder))


def test_the_key_links_a_government_written_short_only_at_the_end():
    assert agency_key("鹤鸣市政府") == agency_key("鹤鸣市人民政府") == "鹤鸣市人民政府"
    assert agency_key("青石镇政府") == "青石镇人民政府"
    assert agency_key("江澜省政府") == "江澜省人民政府"
    assert agency_key("兰溪自治县政府") == "兰溪自治县人民政府"
    assert agency_key("鹤鸣市 政府") == "鹤鸣市人民政府"
    # a unit named after the government keeps its name; so does a name not ending in a place
    assert agency_key("鹤鸣市松山区政府采购中心") == "鹤鸣市松山区政府采购中心"
    assert agency_key("鹤鸣市政府研究室") == "鹤鸣市政府研究室"
    assert agency_key("街道政府") == "街道政府"
    # the office's short forms are still linked as before
    assert agency_key("鹤鸣市政府办") == "鹤鸣市人民政府办公室"
    assert agency_key("江澜省政府办公厅") == "江澜省人民政府办公厅"


def test_the_reports_are_read_under_the_names_they_wrote(db):
    """(The parser keeps each report's own name: only the link treats them as one.)"""
    p = panel(db)
    assert set(p["agency_as_written"]) >= {"鹤鸣市政府", "鹤鸣市人民政府", "青石镇政府",
                                           "青石镇人民政府", "江澜省政府"}


def test_copying_compares_the_short_year_with_the_long_one(db):
    s = summarize(db)
    row = s.copying[(s.copying["agency"].map(agency_key) == "鹤鸣市人民政府")
                    & (s.copying["year"] == 2022)]
    assert len(row) == 1 and row["prev_report_id"].notna().all()
    assert int(row["n_copied"].iloc[0]) >= 1
    copied = s.copied_statements
    assert copied["text"].str.contains("解读材料与政策文件同步发布").any()
    # the township's 2023 is compared with its 2022 (nothing copied, but compared)
    town = s.copying[s.copying["agency"].map(agency_key) == "青石镇人民政府"]
    assert 2023 in set(town["year"]) and town["prev_report_id"].notna().all()


def test_the_panel_has_one_series_per_government(db):
    p = panel(db)
    city = p[p["agency"] == "鹤鸣市人民政府"]
    assert sorted(city["year"]) == [2021, 2022]
    assert set(city["agency_as_written"]) == {"鹤鸣市人民政府", "鹤鸣市政府"}
    assert "鹤鸣市政府" not in set(p["agency"])
    assert sorted(p.loc[p["agency"] == "青石镇人民政府", "year"]) == [2022, 2023]
    assert list(p.loc[p["agency"] == "江澜省人民政府", "year"]) == [2023]
    # the procurement centre is its own agency, under its own name
    assert sorted(p.loc[p["agency"] == "鹤鸣市松山区政府采购中心", "year"]) == [2022, 2023]
    assert len(set(p["agency"])) == 4


def test_summarize_by_agency_counts_one_row_and_no_hint(db):
    s = summarize(db, by=("agency",))
    reports = dict(zip(s.overview["agency"], s.overview["reports"], strict=True))
    assert reports["鹤鸣市政府"] == 2  # shown under its latest name, both years counted
    assert reports["青石镇人民政府"] == 2
    assert "鹤鸣市人民政府" not in reports and "青石镇政府" not in reports
    assert not any(n.startswith("possibly renamed") for n in s.notes)
    several = next(n for n in s.notes if n.startswith("one agency, several names"))
    assert "鹤鸣市政府 (also 鹤鸣市人民政府)" in several
    assert "青石镇人民政府 (also 青石镇政府)" in several


def test_the_hint_names_no_pair_the_key_links():
    import pandas as pd

    frame = pd.DataFrame([("鹤鸣市人民政府", 2021), ("鹤鸣市政府", 2022),
                          ("青石镇政府", 2022), ("青石镇人民政府", 2023),
                          # written short inside the name: not linked, still hinted
                          ("鹤鸣市人民政府研究室", 2021), ("鹤鸣市政府研究室", 2022),
                          # 撤县设区 with the government written short before it
                          ("江北县政府", 2021), ("江北区人民政府", 2022)],
                         columns=["agency", "year"])
    assert [(o, n) for o, _, n, _ in rename_candidates(frame)] == [
        ("江北县政府", "江北区人民政府"), ("鹤鸣市人民政府研究室", "鹤鸣市政府研究室")]
