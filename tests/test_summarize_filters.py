"""summarize(years=…, folders=…) / ``summarize --year Y --folder NAME``: every table counts
the reports kept, while copying, cross_year and problem_changes still compare each kept report
with its agency's other stored years (as the audit does).

The store holds real files read by the real parser (tagged by the fake tagger): the six
岚州市 reports of tests/data/audit_s9 (商务局 2024 copies its 2023 section 五 word for word,
公安局 2024's 现行有效 does not follow from 2023, a file named 医疗保障局2024… holds its 2022
report) and the 溪山县 reports of examples/corpus (人民政府 2020–2023, 市场监督管理局
2022–2024), filed in one folder per year of the file name: /c/年报/2024/…
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports import load_report
from nlp_reports.cli import main
from nlp_reports.corpus import Store, summarize
from nlp_reports.corpus.audit import file_name_year
from nlp_reports.errors import UsageError

ROOT = Path(__file__).parents[1]
S9 = ROOT / "tests" / "data" / "audit_s9"
EXAMPLES = ROOT / "examples" / "corpus"
COMMERCE = "岚州市商务局"
POLICE = "岚州市公安局"
CROSS_YEAR_TABLES = ("copying", "copied_statements", "cross_year", "problem_changes")


def _files() -> list[Path]:
    return (sorted(S9.rglob("*.txt")) + sorted(EXAMPLES.glob("溪山县人民政府*.txt"))
            + sorted(EXAMPLES.glob("溪山县市场监督管理局*.txt")))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "c.sqlite"
    with Store(path) as s:
        for f in _files():
            r = load_report(f)
            s.write_report(f"/c/年报/{file_name_year(f)}/{f.name}", r,
                           FakeTagger().tag_many([r])[0], model_id="m")
    return path


def _ids(db: Path, sql: str) -> set[int]:
    with Store(db) as s:
        return set(s.query(sql)["id"].tolist())


def _rows(df: pd.DataFrame, mask) -> pd.DataFrame:
    return df[mask].reset_index(drop=True)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


# --- every table counts the kept reports ---------------------------------------------------


@pytest.mark.parametrize(("key", "value", "kwargs"), [
    ("year", 2023, {"years": [2023]}),
    ("year", 2024, {"years": [2024]}),
    ("folder", "2024", {"folders": ["2024"]}),
])
def test_per_group_tables_are_the_unfiltered_rows_of_the_group(db, key, value, kwargs):
    full = summarize(db, by=[key])
    only = summarize(db, by=[key], **kwargs)
    for name in ("overview", "prevalence", "coverage", "table_stats"):
        _same(only.tables[name], _rows(full.tables[name], full.tables[name][key] == value))
    if key == "year":
        _same(only.trend, _rows(full.trend, full.trend["year"] == value))
    assert only.n_reports == int(full.overview.set_index(key).loc[value, "reports"])


def test_report_count_by_hand(db):
    # 2024: 商务局, 公安局, 人力资源和社会保障局 (audit_s9/2024) and 溪山县市场监督管理局; the
    # file 医疗保障局2024… holds the 2022 report, so folder 2024 has it and year 2024 not
    assert summarize(db, years=[2024]).overview["reports"].tolist() == [4]
    assert summarize(db, folders=["2024"]).overview["reports"].tolist() == [5]
    both = summarize(db, folders=["2024"], years=[2022])
    assert both.overview["agencies"].tolist() == [1]
    assert both.filters == ("year 2022", "folder 2024")


# --- the cross-year tables still read the other years ----------------------------------------


@pytest.mark.parametrize(("kwargs", "sql"), [
    ({"years": [2024]}, "SELECT id FROM reports WHERE year = 2024"),
    ({"years": [2022, 2024]}, "SELECT id FROM reports WHERE year IN (2022, 2024)"),
    ({"folders": ["2024"]}, "SELECT id FROM reports WHERE path LIKE '/c/年报/2024/%'"),
])
def test_cross_year_rows_are_the_unfiltered_rows_of_the_kept_reports(db, kwargs, sql):
    full = summarize(db)
    only = summarize(db, **kwargs)
    kept = _ids(db, sql)
    for name in CROSS_YEAR_TABLES:
        want = _rows(full.tables[name], full.tables[name]["report_id"].isin(kept))
        _same(only.tables[name], want)
    # and they are not empty: the previous years were read although no table counts them
    assert len(only.copying) and len(only.cross_year) and len(only.problem_changes)
    assert set(only.copying["prev_report_id"]) - kept


def test_a_2024_summary_says_that_section_5_repeats_2023(db):
    # by hand: each of the six statements of 商务局's 2024 section 五 is, word for word, one
    # of its 2023 report (three problems, three measures)
    old = load_report(S9 / "2023" / f"{COMMERCE}2023年政府信息公开工作年度报告.txt")
    new = load_report(S9 / "2024" / f"{COMMERCE}2024年政府信息公开工作年度报告.txt")
    repeated = [s for s in new.statements if s.text in {o.text for o in old.statements}]
    assert len(repeated) == len(new.statements) == 6

    only = summarize(db, years=[2024])
    row = only.copying.set_index("agency").loc[COMMERCE]
    assert row["year"] == 2024
    assert row["n_copied"] == len(repeated) and row["share_copied_statements"] == 1.0
    assert row["prev_report_id"] in _ids(
        db, "SELECT id FROM reports WHERE year = 2023 AND agency = '岚州市商务局'")
    copied = only.copied_statements[only.copied_statements["agency"] == COMMERCE]
    assert sorted(copied["text"]) == sorted(s.text for s in repeated)
    # X2 of 公安局 2024 against its 2023 report, and no 2023 row
    x2 = only.cross_year[(only.cross_year["agency"] == POLICE)
                         & (only.cross_year["check"] == "X2")]
    assert "fail" in set(x2["outcome"])
    assert set(only.cross_year["year"]) == {2024}


def test_problem_changes_of_a_kept_year_compare_with_the_years_before(db):
    only = summarize(db, years=[2023], agencies=["溪山县人民政府"])
    pc = only.problem_changes
    assert set(pc["year"]) == {2023} and set(pc["prev_year"]) == {2022}
    full = summarize(db, agencies=["溪山县人民政府"])
    _same(pc, _rows(full.problem_changes, full.problem_changes["year"] == 2023))


# --- errors, notes, dedupe --------------------------------------------------------------------


def test_a_year_or_folder_matching_nothing_lists_what_the_store_holds(db):
    with pytest.raises(UsageError, match=r"year 2031 \(--year / years=\).*2022 \(\d+\), 2023 \(\d+\)"):
        summarize(db, years=[2024, 2031])
    with pytest.raises(UsageError, match=r"folder 云岭市 \(--folder / folders=\).*folders: 2020 \(1\)"):
        summarize(db, folders=["云岭市"])
    with pytest.raises(UsageError, match=r"both on 2020 and in the folder 2024.*years: 2022"):
        summarize(db, years=[2020], folders=["2024"])
    with pytest.raises(UsageError, match=r"agencies asked for have reports on the years: "
                                         r"2023 \(1\), 2024 \(1\)"):
        summarize(db, years=[2022], agencies=[POLICE])


def test_the_filter_is_said_in_the_notes_markdown_json_and_html(db):
    s = summarize(db, years=[2024], by=["folder"])
    assert s.notes[0].startswith("only the reports of year 2024")
    assert "4 of the 13 stored reports" in s.notes[0]
    assert "; only year 2024" in s.to_markdown().split("\n\n")[1]
    assert json.loads(s.to_json())["filters"] == ["year 2024"]
    assert s.to_dict()["filters"] == ["year 2024"]
    assert "筛选 Only</b>: year 2024" in s.to_html()
    assert summarize(db).filters == () and json.loads(summarize(db).to_json())["filters"] == []


def test_dedupe_chooses_among_the_kept_reports(tmp_path):
    # 甲县 2023 in folder A and a later-published version in B; 2024 in A. Kept: A only, so
    # 2023 is A's text, and 2024's copying compares with it (not with B's, which an
    # unfiltered --dedupe keeps)
    first = make_report("甲县人民政府", 2023, ["人员力量不足。"], ["加强人员培训。"])
    later = make_report("甲县人民政府", 2023, ["人员力量不足，培训不够。"], ["加强人员培训。"])
    later = dataclasses.replace(later, metadata=dataclasses.replace(later.metadata,
                                                                    published="2024-03-01"))
    this = make_report("甲县人民政府", 2024, ["人员力量不足。"], ["加强人员培训。"])
    path = tmp_path / "d.sqlite"
    with Store(path) as s:
        for name, r in (("/c/A/2023.txt", first), ("/c/B/2023.txt", later),
                        ("/c/A/2024.txt", this)):
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
        ids = dict(zip(s.query("SELECT path, id FROM reports")["path"],
                       s.query("SELECT path, id FROM reports")["id"], strict=True))
    full = summarize(path, dedupe=True)
    assert full.copying["prev_report_id"].tolist() == [ids["/c/B/2023.txt"]]
    only = summarize(path, folders=["A"], dedupe=True)
    assert only.n_reports == 2
    assert only.copying["prev_report_id"].tolist() == [ids["/c/A/2023.txt"]]
    assert only.copying["n_copied"].tolist() == [2]


# --- the command ------------------------------------------------------------------------------


def test_cli_year_and_folder(db, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["summarize", "--db", str(db), "--year", "2024", "--folder", "2024",
                 "--csv", str(out), "--html", str(out / "s.html"), "--format", "json",
                 "--by", "year", "--dedupe"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["filters"] == ["year 2024", "folder 2024"] and doc["n_reports"] == 4
    assert pd.read_csv(out / "overview.csv", encoding="utf-8-sig")["year"].tolist() == [2024]
    assert "筛选 Only" in (out / "s.html").read_text(encoding="utf-8")
    assert main(["summarize", "--db", str(db), "--year", "2031"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: year 2031 (--year / years=)") and "2024 (4)" in err
    assert main(["summarize", "--db", str(db), "--folder", "nope", "--agency", POLICE]) == 2
    assert "2023 (1), 2024 (1)" in capsys.readouterr().err
