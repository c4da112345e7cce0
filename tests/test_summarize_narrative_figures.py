"""Narrative figures and legacy reports in the corpus study, one agency's summary and audit,
and the agency map's separators.

* F6: reports before 2019 have no 表三; their application and case figures are in sentences.
  ``summarize`` gives them in their own ``*_narrative`` columns (the report frame and
  ``table_stats``), never in the table columns. The legacy reports below are written for
  these tests (fictional agencies, 2009–2018 wordings and traps), parsed for real, each
  with the figures it states as the year's (None: not stated as a number of the year).
* F13: ``summarize(agencies=…)`` / ``--agency NAME``, and the audit's.
* ``--agency-map`` lines parted by a TAB or a full-width "，".
"""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from _corpus_helpers import FakeTagger, make_report, table3, table4

from nlp_reports import load_report
from nlp_reports.cli import main
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.summarize import (
    NARRATIVE_COLUMNS,
    load_frames,
    read_agency_map,
    summarize,
)
from nlp_reports.errors import UsageError

FIGURES = ("received", "granted", "partial", "refused", "review", "litigation")

#: (agency, year, parts (heading, text), the figures the text states as the year's)
CASES = [
    ("青禾省教育厅", 2012, [
        ("一、概述", "2012年，我厅按照条例要求，扎实推进政府信息公开工作。"),
        ("二、主动公开政府信息情况", "全年主动公开政府信息368条，其中规范性文件21条。"),
        ("三、依申请公开政府信息情况", "全年共受理政府信息公开申请34件，其中同意公开12件，部分公开3件，不予公开2件，其余17件为信息不存在或非本机关掌握。"),
        ("四、政府信息公开的收费及减免情况", "本年度未收取任何费用。"),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年未发生因政府信息公开引起的行政复议和行政诉讼。"),
    ], dict(received=34, granted=12, partial=3, refused=2, review=0, litigation=0)),
    ("云岭市交通运输局", 2014, [
        ("一、概述", "2014年，我局把政府信息公开作为转变作风的重要抓手。"),
        ("二、依申请公开情况", "本年度共收到政府信息公开申请二十一件。与上年相比增加五件。对收到的申请，其中予以公开十五件，部分公开二件，不予公开四件。"),
        ("三、行政复议和行政诉讼情况", "因政府信息公开申请提起行政复议1件，行政诉讼无。"),
    ], dict(received=21, granted=15, partial=2, refused=4, review=1, litigation=0)),
    ("桐川市财政局", 2016, [
        ("一、概述", "2016年，我局依法做好政府信息公开工作。"),
        ("二、依申请公开情况", "全年共受理依申请公开12宗，全部公开8宗，部分公开2宗，不予公开2宗。"),
        ("三、收费及减免情况", "未收取任何费用。"),
        ("四、行政复议和行政诉讼", "本年度没有因政府信息公开申请引起行政复议、行政诉讼案件。"),
    ], dict(received=12, granted=8, partial=2, refused=2, review=0, litigation=0)),
    ("溪山县国土资源局", 2017, [
        ("一、概述", "2017年，我局不断完善政府信息公开工作机制。"),
        ("二、依申请公开政府信息情况", "2017年共受理政府信息公开申请45件，同比增长28.6%。上年度共受理政府信息公开申请35件。申请内容主要涉及征地拆迁补偿。"),
        ("三、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年发生政府信息公开行政复议案件3件、行政诉讼案件2件。"),
    ], dict(received=45, granted=None, partial=None, refused=None, review=3, litigation=2)),
    ("白石镇人民政府", 2011, [
        ("一、概述", "2011年，我镇认真贯彻落实政府信息公开条例。"),
        ("二、主动公开政府信息情况", "全年主动公开政府信息56条。"),
        ("三、依申请公开政府信息情况", "本年度未收到政府信息公开申请。"),
        ("四、复议、诉讼情况", "未发生因政府信息公开引起的行政复议、行政诉讼。"),
    ], dict(received=0, granted=None, partial=None, refused=None, review=0, litigation=0)),
    ("柳岸县人民政府", 2015, [
        ("一、概述", "2015年，我县政府信息公开工作稳步推进。"),
        ("二、依申请公开政府信息情况", "全年共收到政府信息公开申请五十六份，其中当面申请十二份，网上申请四十四份。已答复的申请中，予以公开三十份，部分公开八份，不予公开五份，其余为信息不存在。"),
        ("三、行政复议和行政诉讼情况", "因政府信息公开被申请行政复议两件，被提起行政诉讼一件。"),
    ], dict(received=56, granted=30, partial=8, refused=5, review=2, litigation=1)),
    ("枫林乡人民政府", 2010, [
        ("一、概述", "2010年，我乡按照县政府统一部署开展政府信息公开工作。"),
        ("二、依申请公开情况", "全年无政府信息公开申请。"),
        ("三、复议诉讼情况", "本年度无因政府信息公开申请提起的行政复议和行政诉讼。"),
    ], dict(received=0, granted=None, partial=None, refused=None, review=0, litigation=0)),
    ("云岭市人民政府", 2018, [
        ("一、概述", "2018年，市政府认真贯彻落实国务院办公厅关于政务公开的部署。"),
        ("二、依申请公开政府信息情况", "全年共受理政府信息公开申请1236件，其中网上申请980件，信函申请256件。按期答复的申请中，予以公开702件，部分公开198件，不予公开87件，信息不存在249件。上年度受理政府信息公开申请1080件。"),
        ("三、行政复议和行政诉讼情况", "因政府信息公开引发行政复议案件12件，行政诉讼案件5件。"),
    ], dict(received=1236, granted=702, partial=198, refused=87, review=12, litigation=5)),
    ("桐川市人民政府", 2016, [
        ("一、概述", "2016年，市政府坚持以公开为常态、不公开为例外。"),
        ("二、依申请公开情况", "全年共受理政府信息公开申请156件，比2015年增加22件，其中予以公开101件，部分公开19件，不予公开9件。"),
        ("三、行政复议和行政诉讼", "因政府信息公开申请行政复议4件，行政诉讼1件，较2015年各减少1件。"),
    ], dict(received=156, granted=101, partial=19, refused=9, review=4, litigation=1)),
    ("溪山县人民政府", 2013, [
        ("一、概述", "2013年，县政府进一步规范政府信息公开工作。"),
        ("二、依申请公开情况", "全年受理群众来信来访126件，其中涉及政府信息公开的咨询15件。受理政府信息公开申请9件，均予以公开。"),
        ("三、复议诉讼情况", "未发生政府信息公开行政复议、行政诉讼案件。"),
    ], dict(received=9, granted=9, partial=None, refused=None, review=0, litigation=0)),
    ("青禾省卫生和计划生育委员会", 2014, [
        ("一、概述", "2014年，委机关认真落实政府信息公开各项要求。"),
        ("二、依申请公开政府信息情况", "共接收公民、法人或其他组织政府信息公开申请43件。办理依申请公开43件，其中予以公开的31件，部分公开的4件，不予公开的8件。"),
        ("三、因政府信息公开申请行政复议、提起行政诉讼的情况", "本年度发生行政复议1件，无行政诉讼。"),
    ], dict(received=43, granted=31, partial=4, refused=8, review=1, litigation=0)),
    ("桐川市交通运输局", 2009, [
        ("一、概述", "2009年是条例施行的第二年，我局健全了信息公开制度。"),
        ("二、依申请公开情况", "2009年，我局共受理依申请公开信息2件，均已按时答复，其中同意公开1件，不同意公开1件。"),
        ("三、行政复议和行政诉讼情况", "无。"),
    ], dict(received=2, granted=1, partial=None, refused=1, review=0, litigation=0)),
    ("云岭市东城区人民政府", 2017, [
        ("一、概述", "2017年，区政府将政府信息公开纳入绩效考核。"),
        ("二、依申请公开政府信息情况", "自2008年条例施行以来，累计受理政府信息公开申请386件。2017年受理政府信息公开申请47件，其中予以公开30件，部分公开6件，不予公开3件。"),
        ("三、行政复议和行政诉讼情况", "因政府信息公开申请引发行政复议0件、行政诉讼1件。"),
    ], dict(received=47, granted=30, partial=6, refused=3, review=0, litigation=1)),
    ("江汀省环境保护厅", 2016, [
        ("一、概述", "2016年，我厅围绕环境质量信息公开开展工作。"),
        ("二、依申请公开政府信息情况", "本年度共受理政府信息公开申请28件（含上年结转3件），已办结26件，结转下年度2件，其中予以公开20件。"),
        ("三、复议诉讼情况", "全年发生政府信息公开行政复议案件两件，行政诉讼案件一件。"),
    ], dict(received=None, granted=20, partial=None, refused=None, review=2, litigation=1)),
    ("云岭市东城区南湖街道办事处", 2015, [
        ("一、概述", "2015年，街道办事处按照区里要求推进政务公开。"),
        ("二、依申请公开情况", "通过12345热线受理涉及政府信息的申请咨询53件。全年受理政府信息公开申请7件，已全部办结。"),
        ("三、行政复议、行政诉讼情况", "未发生因政府信息公开引起的行政复议和行政诉讼。"),
    ], dict(received=7, granted=None, partial=None, refused=None, review=0, litigation=0)),
    ("溪山县教育局", 2018, [
        ("一、概述", "2018年，我局认真执行政府信息公开条例。"),
        ("二、依申请公开情况", "与上年相比，全年受理政府信息公开申请数量增加6件，达到19件。其中予以公开11件，部分公开3件。"),
        ("三、行政复议和行政诉讼", "因政府信息公开申请引发的行政复议、行政诉讼均为零。"),
    ], dict(received=19, granted=11, partial=3, refused=None, review=0, litigation=0)),
]


def _legacy_text(agency, year, parts):
    body = "\n\n".join(f"{h}\n{t}" for h, t in parts)
    n = len(parts)
    heads = "一二三四五六七八"
    return (f"{agency}{year}年政府信息公开工作年度报告\n\n"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n{body}\n\n"
            f"{heads[n]}、存在的主要问题及改进措施\n（一）存在的问题\n工作人员力量不足。\n"
            f"（二）改进措施\n加强业务培训。\n\n{agency}\n{year + 1}年3月20日\n")


def _write(path, named_reports):
    with Store(path) as s:
        for name, r in named_reports:
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


@pytest.fixture(scope="module")
def legacy_db(tmp_path_factory):
    reports = [(f"{a}{y}.txt", load_report(_legacy_text(a, y, parts))) for a, y, parts, _ in CASES]
    return _write(tmp_path_factory.mktemp("legacy") / "legacy.db", reports)


@pytest.fixture(scope="module")
def legacy_frame(legacy_db):
    with Store(legacy_db) as s:
        return load_frames(s).reports.set_index(["agency", "year"])


def test_legacy_reports_are_read_as_legacy(legacy_frame):
    assert len(legacy_frame) == len(CASES)
    assert set(legacy_frame["format"]) == {"legacy"}
    # no table: every table column stays empty (nothing read from the text goes there)
    assert legacy_frame[["received", "granted", "review", "litigation"]].isna().all().all()


def test_narrative_figures_are_right_or_empty(legacy_frame):
    """Precision on the legacy narratives: a figure given is the one the text states as the
    year's (never last year's, a cumulative, a breakdown or another channel's); recall is
    what it is (a sentence the reader cannot attribute is left empty) but not nothing."""
    right = wrong = stated = 0
    errors = []
    for agency, year, _, truth in CASES:
        row = legacy_frame.loc[(agency, year)]
        for figure in FIGURES:
            got = row[NARRATIVE_COLUMNS[figure]]
            said = truth[figure]
            stated += said is not None
            if math.isnan(got):
                continue
            if said is not None and got == said:
                right += 1
            else:
                wrong += 1
                errors.append((agency, year, figure, said, got))
    assert not errors, errors
    assert right >= 0.8 * stated, (right, stated)


@pytest.mark.parametrize("agency, year, figure, value", [
    ("溪山县国土资源局", 2017, "received", 45),   # not 上年度's 35; 同比 clause dropped
    ("云岭市东城区人民政府", 2017, "received", 47),  # not the 2008–2017 cumulative 386
    ("桐川市人民政府", 2016, "received", 156),      # "比2015年增加22件" is not read
    ("桐川市人民政府", 2016, "litigation", 1),     # "较2015年各减少1件" is not read
    ("桐川市财政局", 2016, "received", 12),         # 宗
    ("桐川市财政局", 2016, "granted", 8),           # 全部公开
    ("柳岸县人民政府", 2015, "received", 56),       # Chinese numerals, 份, channel breakdown
    ("桐川市交通运输局", 2009, "refused", 1),       # 不同意公开
    ("白石镇人民政府", 2011, "received", 0),        # 未收到
    ("枫林乡人民政府", 2010, "received", 0),        # 全年无
    ("云岭市东城区南湖街道办事处", 2015, "received", 7),  # not the 12345 hotline's 53
    ("桐川市交通运输局", 2009, "review", 0),        # the 复议/诉讼 part says "无。"
    ("枫林乡人民政府", 2010, "litigation", 0),      # "本年度无因…提起的行政复议和行政诉讼"
])
def test_traps(legacy_frame, agency, year, figure, value):
    assert legacy_frame.loc[(agency, year), NARRATIVE_COLUMNS[figure]] == value


def test_unattributable_figures_stay_empty(legacy_frame):
    # "28件（含上年结转3件）" is not the year's new applications (表三 row 一)
    assert math.isnan(legacy_frame.loc[("江汀省环境保护厅", 2016), "received_narrative"])
    # a sentence opening with the comparison ("与上年相比，…增加6件，达到19件") is not read
    assert math.isnan(legacy_frame.loc[("溪山县教育局", 2018), "received_narrative"])


def test_table_stats_by_year_have_narrative_columns_apart(legacy_db, legacy_frame):
    s = summarize(legacy_db, by=("year",))
    ts = s.table_stats.set_index("year")
    assert list(s.table_stats.columns[-(1 + 2 * len(NARRATIVE_COLUMNS)):]) == [
        "with_narrative", *NARRATIVE_COLUMNS.values(),
        *(f"with_{c}" for c in NARRATIVE_COLUMNS.values())]  # (each figure's denominator)
    assert (ts["with_table3"] == 0).all()
    assert ts["received"].isna().all()  # the table column: no table was read
    for year, group in legacy_frame.reset_index().groupby("year"):
        for column in NARRATIVE_COLUMNS.values():
            want = group[column].sum(min_count=1)
            got = ts.loc[year, column]
            assert (math.isnan(want) and math.isnan(got)) or got == want
            assert ts.loc[year, f"with_{column}"] == group[column].notna().sum()
        counts = [c for k, c in NARRATIVE_COLUMNS.items() if k != "fee"]  # (a count stated)
        assert ts.loc[year, "with_narrative"] == group[counts].notna().any(axis=1).sum()
    # 2016 holds three reports of which the text states the received count of two
    assert ts.loc[2016, "received_narrative"] == 156 + 12


def test_a_read_table_wins_and_an_unreadable_one_is_not_guessed(tmp_path):
    """A 2021 report whose 表三 was read gives no narrative figure (its section 一 says 99:
    the table is the figure); one whose 表三 could not be read keeps its table columns
    empty and gives the text's figure in the narrative column."""
    said = "2022年，我局共收到政府信息公开申请99件，其中予以公开60件。"
    read = make_report("甲县财政局", 2022, ["人员不足。"], ["加强培训。"],
                       tables=(table3(received=12.0), table4(review_total=1.0)), section1=said)
    unreadable = make_report(
        "乙县财政局", 2022, ["人员不足。"], ["加强培训。"], section1=said,
        tables=(dataclasses.replace(table3(received=12.0), status="unreadable",
                                    problem="cells out of place"),))
    db = _write(tmp_path / "t.db", [("read.txt", read), ("unreadable.txt", unreadable)])
    with Store(db) as s:
        r = load_frames(s).reports.set_index("agency")
    assert r.loc["甲县财政局", "received"] == 12
    counts = [c for k, c in NARRATIVE_COLUMNS.items() if k != "fee"]
    assert r.loc["甲县财政局", counts].isna().all()
    # (the fee is section 六's 信息处理费, not a count: make_report's 本年度未收取信息处理费)
    assert r.loc["甲县财政局", "fee_narrative"] == 0.0
    assert math.isnan(r.loc["乙县财政局", "received"])
    assert r.loc["乙县财政局", "received_narrative"] == 99
    assert r.loc["乙县财政局", "granted_narrative"] == 60
    ts = summarize(db).table_stats.iloc[0]
    assert (ts["with_table3"], ts["received"], ts["with_narrative"]) == (1, 12, 1)
    assert ts["received_narrative"] == 99


# --- F13: --agency ------------------------------------------------------------------------

OLD, NEW = "溪山县国土资源局", "溪山县自然资源局"


@pytest.fixture(scope="module")
def agencies_db(tmp_path_factory):
    out = []
    for year in range(2016, 2021):
        agency = OLD if year <= 2018 else NEW
        out.append((f"{agency}{year}.txt", make_report(
            agency, year, [f"{year}年依申请公开答复质量有待提升。", "工作人员重视不够。"],
            ["加强制度建设。"], level="department", region="溪山县")))
        out.append((f"县政府{year}.txt", make_report(
            "溪山县人民政府", year, ["网站建设存在不足。"], ["将加强平台建设。"], region="溪山县")))
        league = "兴安盟行署" if year % 2 else "兴安盟行政公署"
        out.append((f"行署{year}.txt", make_report(
            league, year, ["信息更新不及时。"], ["健全发布机制。"], level="city", region="兴安盟")))
    return _write(tmp_path_factory.mktemp("agencies") / "a.db", out)


def test_summarize_one_agency(agencies_db):
    s = summarize(agencies_db, by=("year",), agencies=["溪山县人民政府"])
    assert s.n_reports == 5
    assert set(s.overview["reports"]) == {1}
    assert set(s.copying["agency"]) == {"溪山县人民政府"}
    assert s.notes[0].startswith("only the agencies asked for")
    both = summarize(agencies_db, agencies=["溪山县人民政府", OLD])
    assert both.n_reports == 8


def test_league_office_short_and_long_name_are_one_agency(agencies_db):
    s = summarize(agencies_db, by=("agency",), agencies="兴安盟 行政公署")
    assert s.n_reports == 5  # 行署 (2017, 2019) and 行政公署 (2016, 2018, 2020)


def test_an_agency_map_name_selects_both_names(agencies_db):
    amap = {OLD: NEW}
    for name in (OLD, NEW):
        s = summarize(agencies_db, by=("agency",), agencies=[name], agency_map=amap)
        assert s.n_reports == 5
        assert list(s.overview["agency"]) == [NEW]
        assert 2019 in set(s.copying["year"])  # 2019 compared with 2018 across the rename
    assert summarize(agencies_db, agencies=[OLD]).n_reports == 3  # no map: the old name only


def test_an_unknown_agency_names_the_closest(agencies_db):
    with pytest.raises(UsageError) as e:
        summarize(agencies_db, agencies=["溪山县国土局"])
    msg = str(e.value)
    assert "溪山县国土局" in msg and "closest" in msg
    assert msg.index(OLD) < msg.index("兴安盟")  # the near name before the others
    with pytest.raises(UsageError):
        audit(agencies_db, agencies=["溪山县国土局"])


def test_audit_one_agency(agencies_db):
    t = audit(agencies_db, agencies=[NEW], agency_map={OLD: NEW}).table
    assert len(t) == 5 and set(t["agency"]) == {OLD, NEW}  # rows keep the name as written
    assert len(audit(agencies_db).table) == 15


def test_cli_agency(agencies_db, capsys):
    assert main(["summarize", "--db", str(agencies_db), "--agency", "溪山县人民政府",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_reports"] == 5
    assert main(["summarize", "--db", str(agencies_db), "--agency", "溪山县国土局"]) == 2  # a usage error
    err = capsys.readouterr().err
    assert "溪山县国土局" in err and OLD in err
    assert main(["audit", "--db", str(agencies_db), "--agency", "溪山县人民政府",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["agency"] for r in rows] == ["溪山县人民政府"] * 5


# --- agency map separators ---------------------------------------------------------------

@pytest.mark.parametrize("sep", ["\t", "，", ",", " ，"])
def test_agency_map_separators(tmp_path, sep):
    p = tmp_path / "map.csv"
    p.write_text(f"旧名称{sep}新名称\n{OLD}{sep}{NEW}\n甲县环境保护局{sep}甲县生态环境局\t\n",
                 encoding="utf-8")
    assert read_agency_map(p) == {OLD: NEW, "甲县环境保护局": "甲县生态环境局"}


def test_agency_map_line_without_separator_is_named(tmp_path, capsys):
    p = tmp_path / "map.csv"
    p.write_text(f"{OLD},{NEW}\n甲县环境保护局 甲县生态环境局\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2: expected two names.*TAB.*found no separator"):
        read_agency_map(p)
    assert main(["summarize", "--db", str(tmp_path / "none.db"), "--agency-map", str(p)]) == 2
    assert "line 2" in capsys.readouterr().err
