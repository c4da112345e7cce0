"""The year reported on (报告年度) when the title's year and the body disagree.

An agency may reuse last year's title: a report titled 2020 whose data period (统计期限),
总体情况 and dates all say 2021 was filed under 2020 (sixth trial, F1): two years' figures
wrong, a false "published late", and ``summarize --dedupe`` dropping the genuine 2020
report. Inputs are short fictional reports written for these tests, parsed for real.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.summarize import dedupe_frames, load_frames, summarize
from nlp_reports.parse import metadata as meta


def _report(agency: str, title_year: int, *, period: str | None = None,
            page: str | None = None, opening: str = "", signed: str | None = None,
            received: int = 7) -> str:
    """A six-part report: title, the page's 发布时间, a preamble with the data-period
    sentence, 总体情况 opening with ``opening``, and the sign-off with ``signed``."""
    head = [f"{agency}{title_year}年政府信息公开工作年度报告"]
    if page:
        head.append(f"发布时间：{page} 10:02:11    来源：{agency}")
    preamble = (f"本报告依据《中华人民共和国政府信息公开条例》编制，{period}。如对本报告有疑问，"
                f"请与{agency}办公室联系。" if period else "")
    parts = [
        ("一、总体情况", f"{opening}{agency}围绕年度重点工作推进政务公开，全年共收到政府信息"
                        f"公开申请{received}件，均按期答复。"),
        ("二、主动公开政府信息情况", "全年通过门户网站发布各类信息316条。"),
        ("三、收到和处理政府信息公开申请情况", f"本年新收申请{received}件，全部办结。"),
        ("四、政府信息公开行政复议、行政诉讼情况", "未发生因政府信息公开引起的行政复议和诉讼。"),
        ("五、存在的主要问题及改进情况",
         "（一）存在的主要问题\n1.专职工作人员偏少，业务培训不够系统。\n"
         "（二）下步改进措施\n1.充实工作力量，每季度组织一次业务培训。"),
        ("六、其他需要报告的事项", "本年度未收取信息处理费。"),
    ]
    body = "\n\n".join(f"{h}\n{t}" for h, t in parts)
    tail = f"\n\n{agency}\n{signed}\n" if signed else "\n"
    return "\n".join(head) + "\n\n" + (preamble + "\n\n" if preamble else "") + body + tail


def _conflict(report) -> str | None:
    msgs = [p.message for p in report.errors if p.code == "year_conflict"]
    assert len(msgs) <= 1
    return msgs[0] if msgs else None


# (title year, kwargs, year read, the conflict's "read as" or None for no conflict)
CASES = {
    # the trial's report: last year's title, everything else says 2021
    "township_reused_title": ("枫溪乡人民政府", 2020, dict(
        period="所列数据统计期限自2021年1月1日起至2021年12月31日止", page="2022-01-20",
        opening="2021年，", signed="2022年1月20日"), 2021, 2021),
    "department_period_with_de": ("云岭县自然资源局", 2022, dict(
        period="本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止",
        page="2024-01-25", opening="2023年，"), 2023, 2023),
    "city_period_without_end_year_signed_only": ("桐川市人民政府", 2021, dict(
        period="统计时限为2022年1月1日至12月31日", signed="2023年3月10日"), 2022, 2022),
    "province_department_whole_year": ("青禾省林业和草原局", 2020, dict(
        period="数据统计期限为2021年度", page="2022-02-10", opening="2021年度，"), 2021, 2021),
    "no_date_at_all": ("白沙镇人民政府", 2020, dict(
        period="统计期限自2021年1月1日至2021年12月31日"), 2021, 2021),
    "reposted_page_signature_decides": ("云岭市东城区人民政府", 2020, dict(
        period="所列数据统计期限自2021年1月1日起至2021年12月31日止", page="2024-05-06",
        signed="2022年3月2日"), 2021, 2021),
    "older_report_in_chinese_numerals": ("云岭市水务局", 2011, dict(
        period="统计期限自二〇一二年一月一日起至二〇一二年十二月三十一日止",
        signed="二〇一三年三月二十日"), 2012, 2012),
    # the data-period sentence is the leftover: the dates fit the title, not the period
    "period_left_from_last_year": ("溪山县交通运输局", 2022, dict(
        period="所列数据统计期限自2021年1月1日起至2021年12月31日止", page="2023-01-12",
        opening="2022年，"), 2022, 2022),
    "period_after_publication": ("柳岸县卫生健康局", 2020, dict(
        period="统计期限为2021年1月1日至2021年12月31日", page="2021-01-28"), 2020, 2020),
    "no_date_opening_with_title": ("南湖街道办事处", 2020, dict(
        period="统计期限为2021年1月1日至2021年12月31日", opening="2020年，"), 2020, 2020),
    # no data period: the title stays, said when 总体情况 and the dates agree on another year
    "no_period_opening_and_date_against_title": ("红石乡人民政府", 2020, dict(
        page="2022-01-18", opening="2021年，", signed="2022年1月18日"), 2020, 2020),
    # correct reports: no conflict
    "correct_same_year": ("云岭市教育局", 2023, dict(
        period="所列数据统计期限自2023年1月1日起至2023年12月31日止", page="2024-01-15",
        opening="2023年，", signed="2024年1月15日"), 2023, None),
    "comparison_with_last_year_opens": ("桐川市财政局", 2021, dict(
        period="统计时限为2021年1月1日至12月31日", page="2022-01-26",
        opening="2020年，我局收到申请5件；"), 2021, None),
    "comparison_no_period": ("桐川市财政局", 2021, dict(
        page="2022-01-26", opening="2020年，我局收到申请5件；"), 2021, None),
    "wrong_date_not_wrong_year": ("青禾省教育厅", 2021, dict(
        period="统计期限自2021年1月1日至2021年12月31日", page="2021-01-19",
        opening="2021年，"), 2021, None),
    "wrong_date_no_period": ("青禾省教育厅", 2021, dict(
        page="2021-01-19", opening="2021年，"), 2021, None),
    "late_report_no_period": ("柳岸县人民政府", 2020, dict(
        page="2022-04-08", opening="2020年，"), 2020, None),
    "school_academic_year": ("青禾师范学院", 2022, dict(
        period="统计期限为2021年9月1日至2022年8月31日", page="2022-10-20"), 2022, None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_year_from_the_evidence(case):
    agency, title_year, kw, year, read_as = CASES[case]
    r = load_report(_report(agency, title_year, **kw))
    assert meta.agency_and_year(r.metadata.title)[1] == title_year  # the title as written
    assert r.metadata.year == year
    msg = _conflict(r)
    if read_as is None:
        assert msg is None
    else:
        assert msg is not None and msg.startswith(f"title says {title_year}, ")
        assert msg.endswith(f"read as {read_as}") or f"read as {read_as} (" in msg


def test_the_trial_message_names_each_piece_of_evidence():
    _, title_year, kw, _, _ = CASES["township_reused_title"]
    r = load_report(_report("枫溪乡人民政府", title_year, **kw))
    assert _conflict(r) == "title says 2020, data period 2021, published 2022-01-20: read as 2021"
    assert r.metadata.format == "2021"  # the format follows the year read


@pytest.mark.parametrize("text, year", [
    ("所列数据统计期限自2021年1月1日起至2021年12月31日止", 2021),
    ("本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止", 2019),
    ("统计时限为2021年1月1日至12月31日", 2021),
    ("数据统计期限为2021年度。", 2021),
    ("本报告所列数据统计时间截至2022年12月31日。", 2022),
    ("统计期限自二〇一二年一月一日起至二〇一二年十二月三十一日止", 2012),
    ("统计期限：2024年1月1日—2024年12月31日", 2024),
    ("统计期限自2020年1月1日至2021年12月31日", None),  # two years: no single year
    ("统计期限为2021年度至2022年度", None),
    ("统计期限为2021年9月1日至2022年8月31日", None),  # a school's 学年
    ("详见统计表。2021年，我局…", None),
])
def test_period_sentences(text, year):
    assert meta.period_year(text) == year


def test_every_example_and_fixture_keeps_its_year():
    """No false alarm on correct reports: the examples' titles and data periods agree."""
    from pathlib import Path

    corpus = Path(__file__).parents[1] / "examples" / "corpus"
    paths = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))
    assert paths
    for p in paths:
        r = load_report(p)
        assert _conflict(r) is None, p.name
        assert str(r.metadata.year) in p.name, p.name


def _store(tmp_path, reports: dict[str, str]):
    path = tmp_path / "years.db"
    with Store(path) as s:
        for name, text in reports.items():
            r = load_report(text)
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


def _pair(tmp_path):
    """The genuine 2020 report and the 2021 report that reused its title."""
    _, _, kw, _, _ = CASES["township_reused_title"]
    genuine = _report("枫溪乡人民政府", 2020, period="所列数据统计期限自2020年1月1日起至2020年12月31日止",
                      page="2021-01-22", opening="2020年，", signed="2021年1月22日", received=9)
    return _store(tmp_path, {"a2020.txt": genuine,
                             "a2020(1).txt": _report("枫溪乡人民政府", 2020, **kw, received=12)})


def test_audit_says_so_in_chinese_and_the_report_is_not_late(tmp_path):
    t = audit(_pair(tmp_path)).table.set_index("path")
    row = t.loc["a2020(1).txt"]
    assert row["year"] == 2021 and row["published_late"] == ""
    assert "year_conflict" in row["parse_problems"]
    assert ("标题年度与统计期限不一致：标题为2020年，统计期限为2021年，发布日期2022-01-20，"
            "按统计期限2021年度统计") in row["findings_zh"]
    # the conflict is the one defect more than its genuine twin has
    assert row["defects"] == t.loc["a2020.txt", "defects"] + 1
    assert "year_conflict" not in t.loc["a2020.txt", "parse_problems"]


def test_dedupe_keeps_the_genuine_report(tmp_path):
    db = _pair(tmp_path)
    with Store(db, readonly=True) as s:
        frames = load_frames(s)
    kept, dropped = dedupe_frames(frames)
    assert dropped == 0
    assert sorted(kept.reports["year"].astype(int)) == [2020, 2021]
    overview = summarize(db, by=("year",), dedupe=True).tables["overview"]
    assert sorted(overview["year"].astype(int)) == [2020, 2021]


def test_dedupe_note_names_a_conflicting_report_sharing_a_year(tmp_path):
    """A conflicting report whose year stays the title's (its data-period sentence left
    from last year) can still shadow the genuine report of that year: the note says so."""
    genuine = _report("溪山县交通运输局", 2022, period="统计期限为2022年1月1日至12月31日",
                      page="2023-01-10")
    leftover = _report("溪山县交通运输局", 2022, period="统计期限为2021年1月1日至12月31日",
                       page="2023-01-12")
    db = _store(tmp_path, {"x.txt": genuine, "y.txt": leftover})
    notes = " ".join(summarize(db, by=("year",), dedupe=True).notes)
    assert "year_conflict" in notes and "y.txt" in notes
    notes = " ".join(summarize(db, by=("year",)).notes)
    assert "year_conflict" in notes
