"""What a researcher in Jupyter gets from the Python API: group columns, suggestions, Python notes.

* ``summarize(by=[…]).representatives`` were the whole corpus's whatever ``by`` said: she
  could not get "the typical staffing problem of a county bureau".
* ``Store.reports()`` had no ``tier``, ``province``, ``prefecture``: the groups
  ``summarize(by=["tier"])`` forms could not be seen or filtered in pandas.
* ``write_suggestions`` dropped the agency, year and report id of ``suggest(db=…)`` rows:
  the CSV labelled in Excel named only a file path.
* Notes told a Python user to "group --by format", a CLI flag only.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize

# county bureaus: one person doing it on the side (three agencies, varied wording)
COUNTY_STAFF = ("信息公开工作由局办公室人员兼职承担，人员调整频繁，业务衔接不够顺畅。",
                "我局无专职信息公开人员，由综合股人员兼职办理，精力投入有限。",
                "信息公开工作人员均为兼职，人员流动较大，对条例理解不深。")
# city bureaus: specialists lacking (five agencies, another wording family)
CITY_STAFF = ("专业人员配备不足，政策解读和数据分析力量薄弱。",
              "工作人员专业能力与新形势要求相比仍有差距，专业人员缺乏。",
              "专业人员配备不足，承担公开审查的力量相对薄弱。",
              "专业人员数量不足，政务公开队伍建设有待加强。",
              "政务公开专业人员配备不足，队伍力量有待充实。")


def _corpus() -> list:
    tagger = FakeTagger()
    reports = []
    for i, text in enumerate(COUNTY_STAFF):
        county = ("蓼川县", "梧溪县", "青苔县")[i]
        reports.append(make_report(f"{county}卫生健康局", 2022 + i % 2, [text],
                                   ["加强业务培训。"], level="department", region=county))
    for i, text in enumerate(CITY_STAFF):
        city = ("江汀省鹤汀市", "江汀省砚湖市", "江汀省云岭市", "青禾省溪州市", "青禾省柳岸市")[i]
        reports.append(make_report(f"{city}教育局", 2023, [text], ["完善考核制度。"],
                                   level="department", region=city))
    return [(r, tagger.tag_many([r])[0]) for r in reports]


def test_representatives_are_the_groups_own_with_the_group_columns_first():
    pairs = _corpus()
    whole = summarize(pairs).representatives
    staff = whole[(whole["theme"] == "staffing") & (whole["kind"] == "problem")]
    # the corpus's centroid leans to the five city agencies: its rank 1 is theirs
    assert staff.iloc[0]["text"] in CITY_STAFF and "tier" not in whole.columns

    rep = summarize(pairs, by=["tier"]).representatives
    assert list(rep.columns[:3]) == ["tier", "theme", "theme_name"]
    staff = rep[(rep["theme"] == "staffing") & (rep["kind"] == "problem")]
    assert set(staff["tier"]) == {"county", "city"}
    county = staff[staff["tier"] == "county"].sort_values("rank")
    city = staff[staff["tier"] == "city"].sort_values("rank")
    # central within the group: a county bureau's typical problem, counted among its own
    assert county.iloc[0]["text"] in COUNTY_STAFF and set(county["text"]) <= set(COUNTY_STAFF)
    assert set(city["text"]) <= set(CITY_STAFF)
    assert set(county["n_statements"]) == {3} and set(city["n_statements"]) == {5}
    assert list(county["rank"]) == list(range(1, len(county) + 1))


def test_a_group_key_that_is_a_statement_column_is_one_column():
    rep = summarize(_corpus(), by=["year", "agency"]).representatives
    assert list(rep.columns).count("year") == 1 and list(rep.columns).count("agency") == 1
    assert list(rep.columns[:2]) == ["year", "agency"]
    one = rep[rep["agency"] == "梧溪县卫生健康局"]
    assert set(one["year"]) == {2023} and set(one["rank"]) == {1}
    assert set(one.loc[one["kind"] == "problem", "text"]) == {COUNTY_STAFF[1]}
    # every Markdown/CSV output follows from the frame
    s = summarize(_corpus(), by=["tier"])
    out = io.StringIO()
    s.representatives.to_csv(out, index=False)
    assert next(csv.reader(io.StringIO(out.getvalue())))[0] == "tier"
    assert "| tier |" in s.to_markdown()


def test_store_reports_has_the_derived_group_columns(tmp_path):
    db = tmp_path / "bureaus.sqlite"
    with Store(db) as store:
        for i, (report, tagged) in enumerate(_corpus()):
            store.write_report(f"r{i}.txt", report, tagged)
        reports = store.reports()
    cols = list(reports.columns)
    assert cols[cols.index("region") + 1:cols.index("region") + 4] == [
        "province", "prefecture", "tier"]
    by_agency = reports.set_index("agency")
    assert by_agency.loc["蓼川县卫生健康局", "tier"] == "county"
    assert by_agency.loc["江汀省砚湖市教育局", ["province", "prefecture", "tier"]].tolist() == [
        "江汀省", "砚湖市", "city"]
    assert pd.isna(by_agency.loc["梧溪县卫生健康局", "province"])  # as any text column
    # the groups summarize forms from them, countable in pandas
    over = summarize(db, by=["tier"]).overview.set_index("tier")["reports"]
    assert reports["tier"].value_counts().to_dict() == over.to_dict() == {"city": 5,
                                                                          "county": 3}
    assert len(reports[reports["tier"] == "county"]) == 3


def test_suggestions_csv_names_the_report_and_still_trains(tmp_path):
    from nlp_reports.classify import Tagger, suggest, write_suggestions
    from nlp_reports.classify.dataset import load_labeled

    tagger = Tagger.load()
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        for report, _ in _corpus():
            store.write_report(f"/data/{report.metadata.agency}.txt", report,
                               tagger.tag_many([report])[0], model_id=tagger.model_id)
        ids = dict(zip(store.reports()["agency"], store.reports()["id"], strict=True))
    rows = suggest(db=db, n=4, tagger=tagger)
    out = tmp_path / "to_label.csv"
    write_suggestions(rows, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert {"agency", "year", "report_id"} <= set(written[0])
    for row in written:
        assert int(row["report_id"]) == ids[row["agency"]]
        assert row["source"] == f"/data/{row['agency']}.txt" and row["year"] in {"2022", "2023"}
    written[0]["kind"], written[0]["themes"] = "problem", "staffing"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(written[0]))
        w.writeheader()
        w.writerows(written)
    [labelled] = load_labeled(out)  # the others, kind still empty, are skipped
    assert labelled.kind == "problem" and labelled.themes == ("staffing",)
    assert labelled.family == "source:" + written[0]["source"]


def test_notes_give_the_python_argument_beside_the_cli_flag():
    tagger = FakeTagger()
    old = make_report("蓼川县人民政府", 2017, ["人员不足。"], ["加强培训。"])
    new = make_report("蓼川县人民政府", 2022, ["人员不足。"], ["加强培训。"])
    old = old.__class__(**{**old.__dict__, "metadata": old.metadata.__class__(
        **{**old.metadata.__dict__, "format": "legacy"})})
    notes = " ".join(summarize([(r, tagger.tag_many([r])[0]) for r in (old, new)]).notes)
    assert "--by format" in notes and "by=['format']" in notes
    dept = make_report("蓼川县教育局", 2022, ["人员不足。"], ["加强培训。"], level="department",
                       region="蓼川县")
    notes = " ".join(summarize([(dept, tagger.tag_many([dept])[0])], by=["level"]).notes)
    assert "--by tier" in notes and "by=['tier']" in notes


def test_a_tie_ranks_the_same_whichever_block_scores_the_group(monkeypatch):
    """The groups' wordings are scored in blocks of whole cells (_SCORE_BLOCK wordings);
    two wordings of one agency each score alike (a tie), and the tie must not go by the
    sums' last bits, nor a group's ranks by the block it falls in (review19f: with two
    products, 872 of 15,414 rows by agency on a 2,000-report store differed)."""
    import sys

    tagger = FakeTagger()
    pairs = []
    for agency, region, level, first, second in (
            ("蓼川县卫生健康局", "蓼川县", "department", COUNTY_STAFF[0], COUNTY_STAFF[1]),
            ("鹤汀市教育局", "江汀省鹤汀市", "department", CITY_STAFF[0], CITY_STAFF[1]),
            ("梧溪县人民政府", "梧溪县", "county", COUNTY_STAFF[2], CITY_STAFF[3]),
            ("砚湖市人民政府", "江汀省砚湖市", "city", CITY_STAFF[2], CITY_STAFF[4]),
            ("青苔镇人民政府", "青苔县青苔镇", "township", COUNTY_STAFF[1], CITY_STAFF[0])):
        for year, text in ((2022, first), (2023, second)):
            report = make_report(agency, year, [text], ["加强业务培训。"], level=level,
                                 region=region)
            pairs.append((report, tagger.tag_many([report])[0]))
    module = sys.modules["nlp_reports.corpus.summarize"]
    dense = summarize(pairs, by=["agency"]).representatives
    tied = dense[(dense["theme"] == "staffing") & (dense["kind"] == "problem")]
    assert (tied.groupby("agency")["score"].nunique() == 1).all() and len(tied) == 10
    monkeypatch.setattr(module, "_SCORE_BLOCK", 1)  # every cell a block of its own
    pd.testing.assert_frame_equal(summarize(pairs, by=["agency"]).representatives, dense)
