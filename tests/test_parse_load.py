"""load_report end to end: inputs, errors, fragments, traditional text, JSON, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_reports import Report, load_report
from nlp_reports.errors import NotAReportError, ParseError
from nlp_reports.parse.sections import analyse
from nlp_reports.parse.statements import split_section5

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def test_bytes_and_path_give_the_same_report():
    path = FIXTURES / "city_2023_flat.txt"
    a = load_report(path)
    b = load_report(path.read_bytes(), filename="x.txt")
    assert a.sections == b.sections and a.statements == b.statements and a.tables == b.tables
    assert a.metadata.source == str(path) and b.metadata.source is None


@pytest.mark.parametrize("text", [
    "今天天气很好，我们去公园散步。\n明天再说。",
    "Lorem ipsum dolor sit amet.\n1 2 3",
])
def test_text_without_report_content_is_not_a_report(text):
    with pytest.raises(NotAReportError) as info:
        load_report(text.encode("utf-8"), filename="x.txt")
    assert info.value.reason == "not_a_report"


def test_a_headingless_page_with_a_key_phrase_and_a_year_parses():
    # (s6: a key phrase alone is no report any more; the year it names makes it one; s10: with
    # prose of a short older report — one sentence is refused as too short, test_parse_crawler_output)
    text = ("2012年，某局依申请公开工作情况说明：全年主动公开政府信息36条，其中规范性文件4件；"
            "全年未收到政府信息公开申请，未收取任何费用，未发生行政复议和行政诉讼。"
            "工作中还存在公开不够及时的问题，下一步将明确专人负责，按月更新。")
    report = load_report(text.encode(), filename="x.txt")
    assert report.sections == () and [p.code for p in report.errors] == ["no_headings"]
    assert report.metadata.year == 2012


def test_traditional_statements_keep_the_original_characters():
    report = load_report(FIXTURES / "street_2023_traditional.txt")
    assert report.metadata.traditional
    assert report.statements[0].text == "本街道政務公開工作人員多為兼職，專業化水平不高。"
    assert report.section(5).title == "存在的主要問題及改進情況"
    assert report.metadata.agency == "和平街道办事处"  # agency is kept simplified, for grouping


def test_json_round_trip_keeps_everything_but_the_text():
    report = load_report(FIXTURES / "province_2019_trial.txt")
    back = Report.from_dict(report.to_dict())
    assert back == report
    assert report.to_dict()["schema_version"] == "1.6"


def test_report_from_dict_of_another_schema_major_is_a_data_error():
    from nlp_reports import load_report
    from nlp_reports.errors import DataError
    from nlp_reports.report import Report

    data = load_report("溪山县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序。\n").to_dict()
    data["schema_version"] = "99.0"
    with pytest.raises(DataError, match="schema version '99.0'"):
        Report.from_dict(data)


def test_parsing_is_deterministic():
    a = load_report(FIXTURES / "county_2022_aligned.txt").to_dict()
    b = load_report(FIXTURES / "county_2022_aligned.txt").to_dict()
    assert a == b


@pytest.mark.parametrize("junk", [
    "一是" * 20000,
    "(一)" * 20000,
    "1." * 20000 + "存在问题",
    "五、存在的主要问题及改进情况\n" + "第一，" * 10000,
    "一、" + "总" * 50000,
    "五、存在的主要问题及改进情况\n" + ("存在问题：" * 5000) + "\n" * 5000,
    "发布时间：" * 10000,
])
def test_no_catastrophic_backtracking(junk):
    t = time.process_time()
    layout = analyse(junk)
    split_section5(junk, 0, len(junk))
    assert layout is not None
    assert time.process_time() - t < 2.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="一二三四五六是、.()（）①②第，。：\n 0123456789存在问题改进措施总体情况其他年度报告政府信息公开",
               min_size=0, max_size=300))
def test_any_text_parses_or_raises_a_parse_error(text):
    try:
        report = load_report(text.encode("utf-8"), filename="x.txt")
    except ParseError:
        return
    for s in report.statements:
        assert s.text and s.text == s.text.strip()
    assert all(1 <= s.number <= 6 for s in report.sections)
    assert [s.number for s in report.sections] == sorted({s.number for s in report.sections})


def test_own_stages_are_fast():
    """Sections + statements on a 10-KB report take well under the 5 ms per report budget."""
    text = (FIXTURES / "city_2023_flat.txt").read_text(encoding="utf-8")
    text = text + "\n" + text[: 10_000 - len(text)] if len(text) < 10_000 else text
    n = 200
    t = time.process_time()
    for _ in range(n):
        layout = analyse(text)
        s5 = layout.sections[4]
        split_section5(text, s5.body_start, s5.body_end)
    per_report = (time.process_time() - t) / n
    assert per_report < 0.004


def test_whole_load_report_speed_guard():
    """A regression guard for the whole pipeline (ingest, sections, tables, checks)."""
    data = (FIXTURES / "city_2023_flat.txt").read_bytes()
    load_report(data, filename="a.txt")
    n = 50
    t = time.process_time()
    for _ in range(n):
        load_report(data, filename="a.txt")
    assert (time.process_time() - t) / n < 0.02


def test_two_line_title_gives_the_agency():
    text = ("某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n2023年，全县…\n"
            "五、存在的主要问题及改进情况\n无。")
    report = load_report(text.encode("utf-8"), filename="x.txt")
    assert report.metadata.title == "某县人民政府2023年政府信息公开工作年度报告"
    assert (report.metadata.agency, report.metadata.year, report.metadata.level) == \
        ("某县人民政府", 2023, "county")
