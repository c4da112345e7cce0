"""The layout of a table-less report from its headings; the balanced agency × year
panel; where each panel figure came from; the cross-year pairs not assessed; T1's reader of
"通过…等方式向我部申请公开政府信息N件"."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from _corpus_helpers import parsed_store

from nlp_reports.cli import main
from nlp_reports.corpus.panel import SOURCE_TABLES, panel
from nlp_reports.corpus.summarize import summarize
from nlp_reports.parse import metadata as meta
from nlp_reports.parse.load import load_report


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))

# a county bureau's 2020 report still in the 2008 outline, no tables (its counts in prose)
OLD_2020 = """临川县林业局2020年政府信息公开工作年度报告

一、概述
2020年，我局按照县政府的部署，认真贯彻《政府信息公开条例》，把信息公开与林长制工作结合起来推进。

二、主动公开政府信息的情况
全年通过局门户网站主动公开林木采伐、森林防火等信息86条。

三、依申请公开政府信息和不予公开政府信息的情况
全年受理政府信息公开申请5件，其中同意公开3件，部分公开1件，不予公开1件。

四、因政府信息公开申请提起行政复议、行政诉讼的情况
本年度无。

五、政府信息公开工作存在的主要问题及改进情况
个别股室报送信息不及时。下一步将建立信息报送台账，按月通报。

六、其他需要报告的事项
无。

临川县林业局
2021年1月20日
"""

# a township's 2019 report under the 2019 trial titles whose tables were lost in the scrape
NEW_2019 = """白沙镇人民政府2019年政府信息公开工作年度报告

一、总体情况
2019年，白沙镇认真落实新修订的《中华人民共和国政府信息公开条例》，政务公开专栏更新及时。

二、主动公开政府信息情况
（表格见附件）

三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请2件，均已按期答复。

四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼。

五、存在的主要问题及改进情况
镇村两级公开栏内容更新不够及时。2020年将明确专人负责公开栏维护。

六、其他需要报告的事项
无。

白沙镇人民政府
2020年1月15日
"""


def test_a_table_less_2020_report_in_the_old_outline_is_legacy():
    r = load_report(OLD_2020)
    assert r.metadata.format == "legacy"
    # … read by the revised 条例 all the same: no 收费及减免 part asked of a 2020 report
    assert "missing_fee_part" not in [p.code for p in r.errors]
    assert "missing_fee_part" in [p.code for p in load_report(
        OLD_2020.replace("2020", "2017").replace("2021年", "2018年")).errors]


def test_a_table_less_2019_report_under_the_2019_titles_keeps_its_year():
    assert load_report(NEW_2019).metadata.format == "2019"


@pytest.mark.parametrize(("headings", "outline"), [
    (["一、概述", "二、主动公开政府信息的情况", "三、依申请公开政府信息情况"], "legacy"),
    (["第一部分 总体情况", "第二部分 主动公开情况", "第三部分 依申请公开情况"], "legacy"),
    (["一、概述", "三、收到和处理政府信息公开申请情况"], None),   # both: not decided by headings
    (["一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况"], None),
    (["一、概述", "二、主动公开政府信息情况"], None),               # one old mark alone
])
def test_outline_of_headings(headings, outline):
    assert meta.outline_of(headings) == outline


def test_format_of_headings_before_the_year_tables_first():
    assert meta.format_of(2020, None, None, 6, outline="legacy") == "legacy"
    assert meta.format_of(2020, "2019", None, 6, outline="legacy") == "2019"
    assert meta.format_of(2022, None, None, 6, outline=None) == "2021"
    # from 2021 the form is the rule: a table-less report in an outline of its own keeps its year
    assert meta.format_of(2023, None, None, 6, outline="legacy") == "2021"


# --- the panel: sources, balanced rows, cross-year pairs not assessed -------------------

FIXTURES = Path(__file__).parent / "fixtures" / "panel24"
CIVIL, POST, RELICS = "国家民航安全委员会", "国家邮政通信总局", "国家文物典藏局"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    files = sorted(FIXTURES.iterdir())
    return parsed_store(tmp_path_factory.mktemp("panel24") / "m.sqlite", files)


def test_each_figure_says_where_it_came_from(db):
    p = panel(db).set_index(["agency", "year"])
    # a 2021 report: 表三 and 表四
    assert p.loc[(CIVIL, 2021), "received_source"] == "table3"
    assert p.loc[(CIVIL, 2021), "review_source"] == "table4"
    # a 2016 report in 第X部分 parts: its counts in the 依申请公开 part (三) and the 复议 part
    row = p.loc[(CIVIL, 2016)]
    assert row["received_narrative"] == 95 and row["received_source"] == "text:3"
    assert pd.isna(row["received"])
    # the table-less 2019 report in the old outline: legacy, its counts in prose
    row = p.loc[(POST, 2019)]
    assert row["format"] == "legacy"
    assert row["received_narrative"] == 218 and row["received_source"].startswith("text")
    # 表三 found but unreadable: the total from section 一, the outcomes blank and why
    row = p.loc[(RELICS, 2020)]
    assert row["received_narrative"] == 830 and row["received_source"] == "text:1"
    assert pd.isna(row["granted_narrative"]) and row["granted_source"] == "none:unreadable"
    # a figure is in the table column or the text column, and its source says which
    for kind in SOURCE_TABLES:
        table = p[f"{kind}_source"].str.startswith("table")
        text = p[f"{kind}_source"].str.startswith("text")
        assert (p.loc[table, kind].notna()).all() and p.loc[~table, kind].isna().all()
        assert (p.loc[text, f"{kind}_narrative"].notna()).all()
        assert p.loc[~text, f"{kind}_narrative"].isna().all()
        assert set(p[f"{kind}_source"]) <= {*SOURCE_TABLES.values(), "text", "none:blank_cell",
                                           "none:unreadable", "none:not_stated"} | {
            s for s in p[f"{kind}_source"] if s.startswith("text:")}


def test_default_panel_has_a_row_per_report_only(db):
    p = panel(db)
    assert len(p) == 10 and (p["has_report"] == 1).all()
    assert (CIVIL, 2015) not in set(zip(p["agency"], p["year"], strict=True))


def test_balanced_panel_has_every_agency_and_year(db):
    p = panel(db, balanced=True)
    assert len(p) == 3 * (2021 - 2014 + 1)
    got = p.set_index(["agency", "year"])
    gap = got.loc[(CIVIL, 2015)]
    assert gap["has_report"] == 0 and gap["n_texts"] == 0
    assert gap["received_source"] == "none:no_report"
    assert pd.isna(gap["received"])
    assert all(pd.isna(gap[c]) for c in got.columns if c.startswith(("p_", "m_")))
    assert pd.isna(gap["n_statements"])  # no report is not a report of 0 statements
    # the agency's level and region, from its nearest earlier report (else its first): a
    # has_report regression by level keeps the years without one (newuser30, scale25)
    civil = got.loc[CIVIL]
    earlier = civil[(civil["has_report"] == 1) & (civil.index < 2015)]
    source = earlier.iloc[-1] if len(earlier) else civil[civil["has_report"] == 1].iloc[0]
    assert gap["level"] == source["level"] and gap["region"] == source["region"]
    assert isinstance(gap["level"], str) and gap["level"]
    kept = got[got["has_report"] == 1].reset_index()
    plain = panel(db)
    assert list(zip(kept["agency"], kept["year"], strict=True)) == list(
        zip(plain["agency"], plain["year"], strict=True))
    assert int(kept["n_statements"].sum()) == int(plain["n_statements"].sum())


def test_balanced_rows_take_the_nearest_earlier_level():
    """An agency that became a city in 2022 was no city in 2021 (scale25): a missing year
    takes the level of the report before it, the years before its first report the first's."""
    import pandas as pd

    from nlp_reports.corpus.panel import _agency_attributes

    out = pd.DataFrame({"agency": ["宁川县", "宁川县", "石门镇"], "year": [2020, 2022, 2021],
                        "level": ["county", "city", None], "region": ["宁川县", "宁川市", "石门镇"]})
    blank = pd.DataFrame({"agency": ["宁川县", "宁川县", "宁川县", "石门镇"],
                          "year": [2019, 2021, 2023, 2022]})
    got = _agency_attributes(blank, out)
    assert list(got["level"][:3]) == ["county", "county", "city"]
    assert list(got["region"]) == ["宁川县", "宁川县", "宁川市", "石门镇"]
    assert pd.isna(got["level"][3])


def test_export_panel_balanced_flag(db, tmp_path):
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--balanced", "--out", str(tmp_path / "b")]) == 0
    rows = _csv_rows(tmp_path / "b" / "panel.csv")
    assert len(rows) == 24
    gap = next(r for r in rows if r["agency"] == POST and r["year"] == "2021")
    assert gap["has_report"] == "0" and gap["received_source"] == "none:no_report"
    assert gap["n_statements"] == ""  # blank, not 0
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "dta",
                 "--balanced", "--out", str(tmp_path / "d")]) == 0
    dta = pd.read_stata(tmp_path / "d" / "panel.dta")
    assert len(dta) == 24 and "received_source" in dta.columns


def test_balanced_without_table_panel_is_a_usage_error(db, tmp_path, capsys):
    assert main(["export", "--db", str(db), "--table", "reports", "--format", "csv",
                 "--balanced", "--out", str(tmp_path / "x")]) == 2
    assert "--table panel" in capsys.readouterr().err


def test_cross_year_says_which_pairs_were_not_assessed(db):
    s = summarize(db)
    cross = s.tables["cross_year"]
    missed = cross[cross["outcome"] == "not_assessable"]
    got = {(r.agency, int(r.year)): r.reason for r in missed.itertuples()}
    assert (cross.loc[cross["outcome"] != "not_assessable", "reason"] == "").all()
    # 2020's 2019 report was never stored (a gap: 2014 and 2016 are); 2021's 2020 one has
    # an unreadable 表三; a 2019 report's 2018 one is in the older layout (no 表三)
    assert got[(CIVIL, 2020)] == "previous_missing"
    assert got[(RELICS, 2021)] == "previous_unreadable"
    assert got[(RELICS, 2019)] == "previous_legacy"
    assert (CIVIL, 2021) not in got  # assessed (2020 → 2021)
    assert (POST, 2019) not in got and (CIVIL, 2016) not in got  # no 表三 of their own
    assert set(missed["outcome"]) == {"not_assessable"}
    assert any("not assessed" in n for n in s.notes)


# --- T1: one reader of "申请人通过…等方式向我部申请公开政府信息N件" ---------------------

def test_t1_reader_reads_the_applicants_count_after_a_list_of_channels():
    from nlp_reports.parse.checks import narrative_figures

    text = ("2022年，申请人通过信函、网上申请等方式向我部申请公开政府信息200件，"
            "其中予以公开120件。")
    got = narrative_figures(text)
    assert got["received"] == {200} and got["granted"] == {120}
    # a part of another figure stays a part; one channel alone is a channel's count
    part = narrative_figures("全年收到政府信息公开申请52件，其中通过网上申请等方式向我局申请"
                             "公开政府信息30件。")
    assert part["received"] == {52}
    assert "received" not in narrative_figures("通过信函向我委申请公开政府信息15件。")


def test_t1_check_compares_that_count_with_table3():
    from nlp_reports.parse.checks import _t1_checks
    from nlp_reports.report import Table

    t3 = Table("table3", "表三", ("1", "3.1"), ("一、本年新收政府信息公开申请数量", "（一）予以公开"),
               ("total",), ("总计",), ((200.0,), (120.0,)), (("200",), ("120",)))
    said = "申请人通过信函、网上申请等方式向我署申请公开政府信息200件。"
    checks = [c for c in _t1_checks({"table3": t3}, said) if c.table == "table3"]
    assert [(c.outcome, c.found) for c in checks] == [("pass", 200.0)]
