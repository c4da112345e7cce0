"""What the summary says of its models, prose figures, layouts and levels (issue #4).

The store: ten fictional reports of 汐川省 and its towns, 2010–2022, in three layouts — the
seven of tests/fixtures/newuser18 (a county government's and the province's reports, 2010–
2022) and three of tests/fixtures/sum16: a 2012 township report that names no problem (its
part five is 今后工作打算 only), a 2016 middle school's and a 2017 人社局's, with the year's
applications in prose. Counted by hand from the texts:

* reports stating at least one problem: 8 of 10 (not the township's 2012 report, nor the
  county's 2011 report, whose 七 is 下一步工作打算); of the 8 legacy reports, 6;
* every report states a measure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _corpus_helpers import store_of

from nlp_reports import load_report
from nlp_reports.classify.dataset import DataWarning
from nlp_reports.cli import main
from nlp_reports.corpus.summarize import (
    NARRATIVE_COLUMNS,
    files_note,
    load_frames,
    shipped_model_id,
    summarize,
)

HERE = Path(__file__).parent / "fixtures"
FILES = sorted((HERE / "sum16").iterdir()) + sorted((HERE / "newuser18").iterdir())
TOWNSHIP = "汐川省澄州市溪口镇人民政府"
SCHOOL = "桑陵市第三中学"
BUREAU = "澄州市人力资源和社会保障局"
COUNTY = "白渠市杞山县人民政府"
PROVINCE = "汐川省人民政府"
#: (agency, year) of the reports that state no problem, read by hand.
NO_PROBLEM = {(TOWNSHIP, 2012), (COUNTY, 2011)}
MODEL_A = "c97cd983d4fd" + "0" * 52   # a model trained by the user (models/mine)
MODEL_B = "7e21aa05b3c9" + "1" * 52


@pytest.fixture(scope="module")
def reports():
    return {str(f): load_report(f) for f in FILES}


@pytest.fixture(scope="module")
def db(tmp_path_factory, reports):
    return store_of(tmp_path_factory.mktemp("sum16") / "one.sqlite", reports,
                    model_id=MODEL_A)


def _zh(note: str) -> str:
    """The Chinese sentence of a note: after its last " / "."""
    assert " / " in note, note
    return note.rsplit(" / ", 1)[1]


# --- 1. the model that tagged the store --------------------------------------------------

def test_a_summary_names_the_model_that_tagged_the_store(db, tmp_path):
    s = summarize(db)
    assert s.models == ((MODEL_A, 10),)
    md = s.to_markdown()
    line = "Tagged with model c97cd983d4fd (10 reports) / 标注模型：c97cd983d4fd（10份报告）"
    assert line in md.splitlines()[:6]  # under the headline, above the notes
    head = json.loads(s.to_json())
    assert head["models"] == [{"model_id": MODEL_A, "reports": 10, "shipped_default": False}]
    assert json.loads(json.dumps(s.to_dict()))["models"] == head["models"]
    page = tmp_path / "report.html"
    assert main(["summarize", "--db", str(db), "--html", str(page), "--quiet"]) == 0
    html = page.read_text("utf-8")
    assert html.index(line) < html.index("主题分布 Theme prevalence")


def test_the_shipped_model_is_said_to_be_the_shipped_one(tmp_path, reports):
    shipped = shipped_model_id()
    if shipped is None:
        pytest.skip("no shipped model installed")
    from nlp_reports.classify import modelcard as mc

    model_dir, _ = mc.resolve_model_dir(None, trust=False)  # (the rule it reads by)
    assert shipped == mc.recorded_checksum(model_dir, mc.read_card(model_dir))
    db = store_of(tmp_path / "shipped.sqlite", reports, model_id=shipped)
    md = summarize(db).to_markdown()
    # the store's models row: written from the installed shipped card (write_report was
    # given no card), so the line names it and gives its date
    created = mc.read_card(model_dir)["created"][:10]
    assert (f"Tagged with model default ({shipped[:12]}, created {created}; 10 reports; the "
            f"shipped default model) / 标注模型：default（{shipped[:12]}，{created}训练；"
            "10份报告，随附的默认模型）") in md
    assert json.loads(summarize(db).to_json())["models"][0]["shipped_default"] is True


def test_a_store_tagged_by_two_models_names_both_with_their_counts(tmp_path, reports):
    names = sorted(reports)
    db = tmp_path / "two.sqlite"
    store_of(db, {n: reports[n] for n in names[:6]}, model_id=MODEL_A)
    store_of(db, {n: reports[n] for n in names[6:]}, model_id=MODEL_B)
    with pytest.warns(DataWarning, match=r"mixes the tags of 2 models \(c97cd983d4fd: 6 "
                      r"reports; 7e21aa05b3c9: 4 reports\)"):
        s = summarize(db)
    assert s.models == ((MODEL_A, 6), (MODEL_B, 4))
    assert ("Tagged with 2 models: c97cd983d4fd (6 reports), 7e21aa05b3c9 (4 reports)"
            in s.to_markdown())
    [note] = [n for n in s.notes if "different models" in n]
    for text in (note, _zh(note)):
        assert "c97cd983d4fd" in text and "7e21aa05b3c9" in text
    assert "c97cd983d4fd：6份报告" in _zh(note) and "7e21aa05b3c9：4份报告" in _zh(note)
    assert [m["reports"] for m in json.loads(s.to_json())["models"]] == [6, 4]


# --- 2. a denominator per figure read from the prose ---------------------------------------

def test_table_stats_counts_the_reports_stating_each_prose_figure(db, tmp_path):
    s = summarize(db, by=["format"])
    legacy = s.table_stats.set_index("format").loc["legacy"]
    # read by hand (what the text states with one value): received by the township (3), the
    # 人社局 (15), the county 2010 (10), 2011 (46), 2013 (6 宗) and the province 2014
    # (本年度未收到: 0) and the school (本年度未收到信息公开申请, no 政府: 0, read since sum17)
    # — the 2018 province report gives no count; review by the 人社局 (1), the county 2011,
    # 2013 and the school (未发生: 0)
    assert legacy["with_received_narrative"] == 7
    assert legacy["received_narrative"] == 3 + 15 + 10 + 46 + 6 + 0 + 0
    assert legacy["with_review_narrative"] == 4 and legacy["review_narrative"] == 1
    assert legacy["with_narrative"] == 7
    # each denominator is the number of legacy reports with the figure in the report frame
    from nlp_reports.corpus.store import open_store

    store, _ = open_store(db, readonly=True)
    try:
        r = load_frames(store).reports
    finally:
        store.close()
    old = r[r["format"] == "legacy"]
    for column in NARRATIVE_COLUMNS.values():
        assert legacy[f"with_{column}"] == old[column].notna().sum(), column
        mean = legacy[column] / legacy[f"with_{column}"]
        assert mean == pytest.approx(old[column].mean()), column
    # reports with tables state no prose count: 0, not empty; their fee is section 六's
    # 信息处理费 (make_report's "本年度未收取信息处理费": 0 each)
    later = s.table_stats.set_index("format").loc[["2019", "2021"]]
    counts = [c for k, c in NARRATIVE_COLUMNS.items() if k != "fee"]
    assert (later[[f"with_{c}" for c in counts]] == 0).all().all()
    assert (later["with_fee_narrative"] == later["reports"]).all()
    assert (later["fee_narrative"] == 0).all()
    assert main(["summarize", "--db", str(db), "--csv", str(tmp_path / "csv"), "-q"]) == 0
    head = (tmp_path / "csv" / "table_stats.csv").read_text("utf-8-sig").splitlines()[0]
    assert head.endswith(",".join(f"with_{c}" for c in NARRATIVE_COLUMNS.values()))


# --- 3. the share of reports stating any problem -------------------------------------------

def test_overview_gives_the_share_of_reports_stating_a_problem(db, reports):
    truth = {(r.metadata.agency, r.metadata.year): r.metadata for r in reports.values()}
    assert len(truth) == 10
    whole = summarize(db).overview.iloc[0]
    assert (whole["with_problems"], whole["share_with_problems"]) == (8, 0.8)
    assert (whole["with_measures"], whole["share_with_measures"]) == (10, 1.0)
    by_year = summarize(db, by=["year"]).overview.set_index("year")
    for (agency, year) in truth:
        stated = sum(1 for a, y in truth if y == year and (a, y) not in NO_PROBLEM)
        assert by_year.loc[year, "with_problems"] == stated, (agency, year)
    assert by_year.loc[2012, "share_with_problems"] == 0.0
    by_format = summarize(db, by=["format"]).overview.set_index("format")
    assert by_format.loc["legacy", ["reports", "with_problems"]].tolist() == [8, 6]
    assert by_format.loc["legacy", "share_with_problems"] == 0.75


# --- 4. layouts and levels in their own order ------------------------------------------------

def test_by_format_lists_the_layouts_in_the_order_they_came_in(db, tmp_path):
    s = summarize(db, by=["format"])
    for name in ("overview", "table_stats"):
        assert s.tables[name]["format"].tolist() == ["legacy", "2019", "2021"], name
    for name in ("prevalence", "coverage", "vocabulary"):
        seen = list(dict.fromkeys(s.tables[name]["format"]))
        assert seen == [f for f in ("legacy", "2019", "2021") if f in seen], name
    md = s.to_markdown()
    overview = md[md.index("## Corpus overview"):md.index("## Theme prevalence")]
    assert overview.index("| legacy |") < overview.index("| 2019 |") < overview.index("| 2021 |")
    page = tmp_path / "f.html"
    assert main(["summarize", "--db", str(db), "--by", "format", "--html", str(page), "-q"]) == 0
    heat = page.read_text("utf-8").split('<table class="heat">', 2)[1]
    assert heat.index("<th>legacy") < heat.index("<th>2019") < heat.index("<th>2021")


def test_by_level_lists_the_levels_from_the_top_down(db):
    s = summarize(db, by=["level"])
    order = ["province", "county", "township", "department",
             "(level not identified / 未识别层级)"]  # the school: no level, last
    assert s.overview["level"].tolist() == order
    assert s.table_stats["level"].tolist() == order
    two = summarize(db, by=["year", "format"]).overview  # (year first: years in order)
    assert two["year"].tolist() == sorted(two["year"].tolist())


# --- 5. every note in English and Chinese ---------------------------------------------------

@pytest.mark.filterwarnings("ignore::nlp_reports.classify.dataset.DataWarning")  # (two models)
def test_every_note_has_its_chinese_sentence(tmp_path, reports):
    names = sorted(reports)
    db = tmp_path / "notes.sqlite"
    store_of(db, {n: reports[n] for n in names[:7]}, model_id=MODEL_A)
    store_of(db, {n: reports[n] for n in names[7:]}, model_id=MODEL_B)
    # a second text for the county's 2013 report (a revised version) and a report of a
    # 2019 自然资源局 after the 2018 国土资源局 (renamed?); a report with no section 五
    county = next(r for r in reports.values() if r.metadata.year == 2013)
    from nlp_reports.report import Report

    def renamed(r, agency, year):
        return Report.from_dict({**r.to_dict(), "metadata": {
            **r.to_dict()["metadata"], "agency": agency, "year": year}})

    store_of(db, {"revised/2013.htm": county}, model_id=MODEL_B)
    old = renamed(county, "白渠市杞山县国土资源局", 2018)
    new = renamed(county, "白渠市杞山县自然资源局", 2019)
    store_of(db, {"gt/2018.htm": old, "zr/2019.htm": new}, model_id=MODEL_B)
    empty = Report.from_dict({**county.to_dict(), "statements": []})
    store_of(db, {"cut/2013.htm": empty}, model_id=MODEL_B)
    spaced = renamed(county, "白渠市杞山县 人民政府", 2014)  # a blank inside the name
    store_of(db, {"blank/2014.htm": spaced}, model_id=MODEL_B)
    notes = list(summarize(db, by=["level"]).notes)
    notes += summarize(db, by=["agency"]).notes
    notes += summarize(db, dedupe=True, agency_map={"白渠市杞山县国土资源局":
                                                     "白渠市杞山县自然资源局"}).notes
    notes += summarize(db, years=[2013], agencies=[COUNTY]).notes
    import pandas as pd

    notes += files_note(pd.DataFrame({"status": ["failed", "duplicate"],
                                      "reason": ["not_a_report", None], "n": [2, 1]}))
    starts = ["one agency, several names", "The statements were tagged by 2", "1 (agency, year) pair has", "dedupe:",
              "possibly renamed", "agency map:", "1 report has no statement", "only the",
              "2 files could not be read", "the reports span", "level 'department'"]
    for start in starts:
        assert any(n.startswith(start) for n in notes), start
    for note in notes:
        zh = _zh(note)
        assert len(re.findall(r"[\u4e00-\u9fff]", zh)) >= 15, note
        # the figures of the English sentence are in the Chinese one too
        lead = re.match(r"\D*(\d+)", note)
        if lead and not note.startswith(("the reports span", "possibly", "only the reports")):
            assert lead.group(1) in zh, note
