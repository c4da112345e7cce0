"""The follow-up of last year's defects (整改情况) over a gap year.

The follow-up compared a report with its agency's report of the year before only: a bureau
whose 2023 report is missing from the store got no follow-up in 2024 though its 2022
report was there, while copying (``prev_year``) already compared with the latest earlier
stored year. The follow-up now does the same, and its sentence names the year compared
(2022年度, not 上年度) and the years missing.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import Store, audit

BUREAU = "澄江县市场监督管理局"
TOWN = "澄江县白沙镇人民政府"


def _bureau(year: int, signed: str, five: str) -> str:
    return f"""{BUREAU}{year}年政府信息公开工作年度报告

一、总体情况
{year}年，县市场监管局围绕食品安全抽检、个体工商户登记等群众关注事项，依法做好政府信息公开。
二、主动公开政府信息情况
本年在县政府门户网站发布行政处罚决定、抽检结果等信息，规范性文件无新增。
三、收到和处理政府信息公开申请情况
本年收到申请4件，均已按期办结。
四、政府信息公开行政复议、行政诉讼情况
本年无行政复议、行政诉讼。
五、存在的主要问题及改进情况
{five}
六、其他需要报告的事项
本年度未收取信息处理费。

{BUREAU}
{signed}
"""


def _town(year: int, signed: str) -> str:
    return f"""白沙镇{year}年度政府信息公开工作报告

　　一、总体情况
　　今年以来，我镇以村务公开栏和镇政府网页为主要渠道，公开惠农补贴、低保名单等事项。
　　二、主动公开政府信息情况
　　镇政府网页发布信息63条。
　　三、收到和处理政府信息公开申请情况
　　全年未收到政府信息公开申请。
　　四、政府信息公开行政复议、行政诉讼情况
　　无。
　　五、存在的主要问题及改进情况
　　（一）存在问题：村级公开栏内容更新不及时。
　　（二）改进措施：由镇党政办每季度督查一次村务公开栏。
　　六、其他需要报告的事项
　　无。

{TOWN}
{signed}
"""


_FIVE_22 = ("（一）主要问题：抽检结果公开滞后，个别结果超过法定时限才上网。\n"
            "（二）改进措施：建立抽检结果公开台账，每周核对一次。")
_FIVE_24 = ("存在的问题：部分行政处罚决定公开内容要素不全。\n"
            "下一步，我局将对照公开目录逐项补全处罚决定的要素，并开展一次专项自查。")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gap") / "s.sqlite"
    texts = {  # the bureau's 2023 report and the town's 2021 and 2022 are not collected
        "市监局2022.txt": _bureau(2022, "2023年3月20日", _FIVE_22),  # late (by 31 January)
        "市监局2024.txt": _bureau(2024, "2025年1月16日", _FIVE_24),
        "白沙镇2020.txt": _town(2020, "2021年3月2日"),  # late
        "白沙镇2023.txt": _town(2023, "2024年1月22日"),
        "白沙镇2024.txt": _town(2024, "2025年1月10日"),
    }
    with Store(path) as s:
        for name, text in texts.items():
            r = load_report(text)
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


def _rows(a) -> dict:
    return {Path(r["path"]).stem: r for r in a.to_dict()}


def test_a_gap_year_is_followed_up_against_the_latest_earlier_report(db):
    rows = _rows(audit(db))
    before, now = rows["市监局2022"], rows["市监局2024"]
    assert before["published_late"] and not now["published_late"]
    assert now["defects_last_year"] == before["defects"]
    said = now["last_year_zh"]
    assert said.startswith("2022年度报告（库中没有本机关2023年度报告，与此前最近的2022年度报告比较）"
                           f"有{before['defects']}个缺陷（")
    assert "上年度" not in said
    assert "逾期公开" in said.split("已改正：")[1]
    kinds_before = {c for c in ("parse_problems", "blank_cells", "missing_sections")
                    if before[c] not in ("", 0, False)}
    assert set(filter(None, now["recurring"].split(" | "))) >= kinds_before


def test_several_missing_years_are_named_and_the_year_before_stays_上年度(db):
    rows = _rows(audit(db))
    said = rows["白沙镇2023"]["last_year_zh"]
    assert said.startswith("2020年度报告（库中没有本机关2021—2022年度报告，与此前最近的2020年度报告比较）")
    assert rows["白沙镇2024"]["last_year_zh"].startswith("上年度（2023年度）报告")
    assert rows["白沙镇2020"]["last_year_zh"] == "" and rows["白沙镇2020"]["defects_last_year"] is None


def test_year_filter_keeps_the_gap_follow_up_and_counts_nothing(db):
    whole, only = _rows(audit(db)), _rows(audit(db, years=[2024]))
    assert set(only) == {"市监局2024", "白沙镇2024"}
    for k in only:
        assert only[k]["last_year_zh"] == whole[k]["last_year_zh"] != ""
        assert only[k]["defects"] == whole[k]["defects"]


_COURT = "澄江县司法局"


def _court(year: int, five: str, signed: str) -> str:
    return f"""{_COURT}{year}年度政府信息公开工作报告

一、总体情况
　　{year}年，县司法局以普法宣传和公共法律服务事项为重点，在局网站“政府信息公开”栏目更新信息。
二、主动公开政府信息情况
　　全年公开法律援助、人民调解等信息{40 + year % 9}条。
三、收到和处理政府信息公开申请情况
　　全年收到申请{year % 4}件，已全部答复。
四、政府信息公开行政复议、行政诉讼情况
　　未发生因政府信息公开引起的行政复议、行政诉讼。
五、存在的主要问题及改进情况
{five}
六、其他需要报告的事项
　　无收费情况。

{_COURT}
{signed}
"""


_FIVE_STATED = ("　　问题：基层司法所公开内容更新慢，部分公共法律服务指南仍为旧版。\n"
                "　　措施：明年起由办公室每月核对各司法所公开栏目，旧版指南限期替换。")


def test_a_year_whose_section_5_says_only_无_is_followed_up_though_copying_passes_it(tmp_path):
    # copying's prev_year passes over a stored year whose 五 states nothing (its copies
    # lie across it); the follow-up of defects does not: that year's report is stored,
    # and its empty 五 is a defect the next year fixed
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        for year, five, signed in ((2020, _FIVE_STATED, "2021年1月18日"),
                                   (2021, "　　无。", "2022年1月20日"),
                                   (2022, _FIVE_STATED, "2023年1月16日")):
            r = load_report(_court(year, five, signed))
            s.write_report(f"司法局{year}.txt", r, FakeTagger().tag_many([r])[0], model_id="m")
    rows = _rows(audit(db))
    empty, now = rows["司法局2021"], rows["司法局2022"]
    assert empty["section5_empty"]
    said = now["last_year_zh"]
    assert said.startswith(f"上年度（2021年度）报告有{empty['defects']}个缺陷（"), said
    assert "第五部分为空" in said.split("已改正：")[1]
    assert now["defects_last_year"] == empty["defects"]
    assert now["copied_from_last_year"] >= 1
    assert "与本机关2020年度报告相同或近似" in now["signals_zh"]
