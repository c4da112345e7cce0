"""A county's 政务公开办 checking its townships' and street offices' reports.

The county circulates one template for section 五; each township is to fill in its own
name and figures. A township that copied a neighbour's filled-in text left the neighbour's
name in it (错名, 张冠李戴 — what the city's evaluators look for first). The audit said only
that the two reports share their section 五 ("两份报告可能有一份照搬另一份"), on both —
the neighbour who wrote it got the same signal as the township that copied it, and a copy
reworded enough to escape the near-duplicate test said nothing at all. The signal
``names_other_agency`` names, on a township's or street's report, the other township or
street of the store its section 五 names.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import audit, tag_paths
from nlp_reports.corpus.audit import COLUMN_NAMES_ZH, COLUMNS, SIGNAL_COLUMNS

COUNTY = "渠阳县"


def _report(agency: str, year: int, five: str, one: str = "") -> str:
    return (f"{agency}{year}年政府信息公开工作年度报告\n"
            f"发布时间：{year + 1}-01-2{year % 7}\n\n"
            "一、总体情况\n"
            f"{one or f'{year}年，我单位按照县政务公开办部署，全年主动公开政府信息一百余条。'}\n"
            "二、主动公开政府信息情况\n本年度无新制发规范性文件。\n"
            "三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生政府信息公开行政复议、行政诉讼。\n"
            f"五、存在的主要问题及改进情况\n{five}\n"
            "六、其他需要报告的事项\n无。\n\n"
            f"{agency}\n{year + 1}年1月\n")


HEKOU_FIVE = ("河口镇政务公开工作还有差距：一是河口镇便民服务中心办事指南三年未更新，"
              "与现行事项清单不一致；二是12个村的村务公开栏有5个仍张贴上年度低保名单。"
              "下一步，河口镇将：一是在3月底前逐项核对办事指南；二是由包村干部每月拍照核查公开栏。")

REPORTS = {
    # the neighbour who wrote its own text
    f"{COUNTY}河口镇人民政府": (2024, HEKOU_FIVE),
    # copied it whole, 河口镇 left in
    f"{COUNTY}杉木乡人民政府": (2024, HEKOU_FIVE),
    # reworded the copy, but one 河口镇 stayed in a measure
    f"{COUNTY}石滩乡人民政府": (2024, (
        "存在问题：乡便民服务中心的办事指南多年未修订；部分村务公开栏仍贴着过期名单。"
        "改进措施：对照事项清单重新编印办事指南，由河口镇包村干部每月检查公开栏。")),
    # a street office naming itself and its county only: nothing to say
    f"{COUNTY}城关街道办事处": (2024, (
        "城关街道政务公开专职人员仅一人，依申请公开答复文书由社区干部代拟，格式不统一。"
        "2025年，城关街道将参照渠阳县司法局答复范本统一文书格式，并组织社区干部集中学习一次。")),
    # a township renamed 乡 → 镇 still writing its old name: its own, not another body's
    f"{COUNTY}白水乡人民政府": (2023, (
        "白水乡网站专栏信息发布不及时。2024年，白水乡将明确专人每周更新专栏。")),
    f"{COUNTY}白水镇人民政府": (2024, (
        "白水乡撤乡设镇后，政务公开栏目未及时调整。2025年，白水镇将按新的机构设置调整栏目。")),
    # the county names its townships in its own 五, as it should
    f"{COUNTY}人民政府": (2024, (
        "乡镇政务公开工作发展不平衡，河口镇、杉木乡等乡镇专栏更新较慢。"
        "下一步，县政务公开办将对各乡镇（街道）开展季度督查，督查结果在全县通报。")),
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("nu29") / "乡镇年报"
    folder.mkdir()
    for agency, (year, five) in REPORTS.items():
        (folder / f"{agency}{year}年政府信息公开工作年度报告.txt").write_text(
            _report(agency, year, five), encoding="utf-8")
    db = folder.parent / "county.sqlite"
    result = tag_paths([folder], db, model=FakeTagger(), words=False)
    assert result.failed == 0
    return {r["agency"]: r for r in audit(db).to_dict()}


def test_a_copy_with_the_neighbours_name_left_in_names_it(rows):
    row = rows[f"{COUNTY}杉木乡人民政府"]
    assert row["names_other_agency"] == f"'河口镇' ({COUNTY}河口镇人民政府) in section 五"
    assert row["signals"] >= 1
    assert (f"第五部分写有“河口镇”，是另一机关（{COUNTY}河口镇人民政府）的名称，不是本机关的："
            "可能照搬该机关的报告而未改名（错名），请核对") in row["signals_zh"]


def test_a_reworded_copy_is_found_by_the_name_alone(rows):
    row = rows[f"{COUNTY}石滩乡人民政府"]
    assert row["names_other_agency"] == f"'河口镇' ({COUNTY}河口镇人民政府) in section 五"


def test_the_writer_its_own_name_its_old_name_and_the_county_are_no_finding(rows):
    for agency in ("河口镇人民政府", "城关街道办事处", "白水乡人民政府", "白水镇人民政府",
                   "人民政府"):
        row = rows[f"{COUNTY}{agency}"]
        assert row["names_other_agency"] == "", agency
        assert "错名" not in row["signals_zh"], agency


def test_the_column_is_a_signal_with_its_chinese_name():
    assert "names_other_agency" in SIGNAL_COLUMNS and "names_other_agency" in COLUMNS
    assert COLUMN_NAMES_ZH["names_other_agency"] == "写有其他机关名称"


def test_a_place_two_counties_bear_names_the_body_of_the_reports_county():
    """review20e: 城关镇 is a township of many counties; the body named beside a finding is
    the one of the report's own county (the longest common start), not the first sorted."""
    import pandas as pd

    from nlp_reports.corpus.audit import _names_other_agency

    reps = pd.DataFrame({"agency": ["甲岭县城关镇人民政府", "乙川县城关镇人民政府", "甲岭县石门乡人民政府"],
                         "level": "township"})
    five = pd.Series({2: "下一步将学习城关镇的做法，完善公开专栏。"})
    values, counts, _ = _names_other_agency(reps, five)
    assert counts[2] == 1 and values[2] == "'城关镇' (甲岭县城关镇人民政府) in section 五"
    assert counts[0] == 0 and counts[1] == 0
