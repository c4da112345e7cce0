"""Last year's year left in a report's plans (张冠李戴 in time).

A 2024 report, written early in 2025, whose section 五 still says "2024年第一季度前完成…"
or "2024年，我局将重点…" among its measures copied the measure from last year's report
and changed nothing: the plan is for a year already past. The audit signal ``stale_year``
quotes each such measure and its year. Conservative by design: only measures (the layout's
measure block or the model's kind), only unambiguous future markers next to the year
(将 alone may be 把: "2024年，我镇将政务公开纳入考核" is a past fact), only the report's
year and the two before it (older years are history), never a range or a 十四五 plan.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import audit, tag_paths
from nlp_reports.corpus.audit import COLUMN_NAMES_ZH, COLUMNS, SIGNAL_COLUMNS


def _report(agency: str, year: int, problems: list[str], measures: list[str]) -> str:
    five = ("（一）存在的主要问题\n" + "\n".join(f"{i}. {p}" for i, p in enumerate(problems, 1))
            + "\n（二）改进措施\n" + "\n".join(f"{i}. {m}" for i, m in enumerate(measures, 1)))
    return (f"{agency}{year}年政府信息公开工作年度报告\n"
            f"发布时间：{year + 1}-01-1{year % 9}\n\n"
            "一、总体情况\n"
            f"{year}年，{agency}认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开信息八十余条。\n"
            "二、主动公开政府信息情况\n本年度无新制发规范性文件。\n"
            "三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生政府信息公开行政复议、行政诉讼。\n"
            f"五、存在的主要问题及改进情况\n{five}\n"
            "六、其他需要报告的事项\n无。\n\n"
            f"{agency}\n{year + 1}年1月\n")


STALE = "2024年第一季度前完成全镇23个事项办事指南的逐项修订，并在门户网站同步更新"
REPORTS = {
    # last year's measure, its year not changed
    "松溪县龙岗镇人民政府": (2024, ["办事指南与窗口实际办理要求不一致，群众反映需多次补交材料。"],
                          [STALE + "。", "加强村务公开栏日常巡查，发现问题当月整改。"]),
    # a deadline and a plan verb, a year before the report's: still past
    "临川市水务局": (2024, ["水资源公报发布滞后，2023年公报至当年10月才在网站发布。"],
                  ["力争2023年6月底前全部完成历年水资源公报的补充公开。",
                   "2024年，我局将重点围绕河湖长制开展主动公开，每季度发布一次巡河情况。"]),
    # the same words, but the year is ahead, a range, history, 将 = 把, a 十四五 plan, a problem
    "灵溪县第二人民医院": (2024, ["原计划2024年底前完成的院务公开栏改造至今未完成，患者查询不便。"],
                       ["2025年第一季度前完成院务公开栏改造，并增设电子查询屏两台。",
                        "2024年，我院将政务公开纳入科室年度绩效考核，全年通报两次。",
                        "对照2023—2025年信息化建设规划，逐步推进检验报告网上查询。",
                        "2022年以来形成的院务公开台账，由院办统一归档保存。",
                        "按照“十四五”规划安排，2024年底前建成的预约平台继续优化。"]),
    # a measure block that reports what was done: past facts next to the year
    "松溪县城关街道办事处": (2024, ["社区公开栏内容更新不及时，部分通知过期未撤。"],
                         ["2024年前三季度，街道共办理依申请公开12件，均按期答复。",
                          "2024年内共组织社区信息员培训3次，参训86人次。",
                          "2024年计划完成的12项整改任务已全部完成。"]),
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("sy24") / "年报"
    folder.mkdir()
    for agency, (year, problems, measures) in REPORTS.items():
        (folder / f"{agency}{year}年度报告.txt").write_text(
            _report(agency, year, problems, measures), encoding="utf-8")
    db = folder.parent / "stale.sqlite"
    result = tag_paths([folder], db, model=FakeTagger(), words=False)
    assert result.failed == 0
    return {r["agency"]: r for r in audit(db).to_dict()}


def test_last_years_deadline_left_in_a_measure_is_quoted_with_its_year(rows):
    row = rows["松溪县龙岗镇人民政府"]
    assert row["stale_year"] == f"2024 ('2024年第一季度前') in the 2024 report's measure \"{STALE}。\""
    assert row["signals"] >= 1
    assert (f"第五部分改进措施“{STALE}。”写有“2024年第一季度前”，对2024年度报告而言已是过去的年份："
            "可能沿用上年报告的年份未改，请核对") in row["signals_zh"]


def test_a_plan_verb_and_a_future_adverb_next_to_a_past_year_each_count(rows):
    row = rows["临川市水务局"]
    found = row["stale_year"].split(" | ")
    assert [f.split(" ", 1)[0] for f in found] == ["2023", "2024"]
    assert "'力争2023年6月底前'" in found[0] and "'2024年，我局将重点'" in found[1]


def test_a_coming_year_a_range_history_a_disposal_a_plan_and_a_problem_are_no_finding(rows):
    for agency in ("灵溪县第二人民医院", "松溪县城关街道办事处"):
        row = rows[agency]
        assert row["stale_year"] == "", agency
        assert "过去的年份" not in row["signals_zh"], agency


def test_the_column_is_a_signal_with_its_chinese_name():
    assert "stale_year" in SIGNAL_COLUMNS and "stale_year" in COLUMNS
    assert COLUMN_NAMES_ZH["stale_year"] == "计划年份已过"


def test_a_long_statement_of_many_years_stays_linear():
    """The range's start and the sentence are looked for near each year, not from the
    statement's start: 3,000 ranges in one 45 KB measure took 0.65 s of CPU, 20,000 (300 KB)
    would take ~30 s; now a few hundredths of a second."""
    import time

    from nlp_reports.corpus.audit import _stale_plan

    start = time.process_time()
    assert _stale_plan("2023—2024年底前完成，" * 20000, 2024) is None
    assert _stale_plan("2024年底前已全部完成；" * 20000, 2024) is None
    assert _stale_plan("加强培训；" * 20000 + "力争2024年底前完成专栏改版。", 2024)[0] == 2024
    assert time.process_time() - start < 3


def test_a_long_measure_without_a_full_stop_is_read_in_linear_time():
    """review20e: with no 。 the sentence of every year is the whole statement; it was read
    again for 已完成/均已 at each year (28 s of CPU for 20,000 plans and a 均已 at the end):
    each sentence is now read once."""
    import time

    from nlp_reports.corpus.audit import _stale_plan

    start = time.process_time()
    assert _stale_plan("计划2024年底前完成，" * 20000 + "均已", 2024) is None
    assert _stale_plan("计划2024年底前完成，" * 20000 + "均未", 2024)[0] == 2024
    assert time.process_time() - start < 3


def test_a_year_spaced_from_its_nian_is_read():
    """A PDF's text layer often spaces a figure from the character after it ("2024 年"):
    scale25 found such plans missed. (Full-width digits are ASCII once parsed.)"""
    from nlp_reports.corpus.audit import _stale_plan

    assert _stale_plan("计划2024 年6月底前完成目录梳理。", 2024)[0] == 2024
    assert _stale_plan("力争2024\u3000年底前完成专栏改版。", 2024)[0] == 2024
    assert _stale_plan("2023 年—2025 年持续推进。", 2024) is None
    assert _stale_plan("力争2022 年—2024 年底前完成三年行动。", 2024) is None  # a range
