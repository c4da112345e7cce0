"""Renamed agencies (机构改革): the agency map that links their years, and the hint.

The sixth trial's F4: 溪山县国土资源局 (to 2018) became 溪山县自然资源局 (from 2019); the tool
took them for two agencies, silently. Stores are built from hand-made reports
(``make_report``) and the keyword tagger of ``_corpus_helpers``.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, make_report, table3

from nlp_reports.cli import main
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.summarize import (
    read_agency_map,
    rename_candidates,
    resolve_agency_map,
    summarize,
)
from nlp_reports.errors import UsageError

OLD, NEW = "溪山县国土资源局", "溪山县自然资源局"
COPIED = "部分工作人员对政府信息公开重视程度不够，主动公开意识有待提高。"


def _reports():
    """(name, report): the old name 2016–2018, the new one 2019–2020 (its 2019 report
    copies a problem of 2018 and carries 2018's 结转下年度 over), and a county government."""
    out = []
    for year in range(2016, 2021):
        agency = OLD if year <= 2018 else NEW
        problems = [f"{year}年依申请公开答复质量有待提升，第{year - 2015}批培训覆盖面不广。", COPIED]
        if year == 2019:
            problems = [COPIED, "政务新媒体平台栏目更新不够及时。"]
        carried = {("2", "natural_person"): float(year - 2014), ("2", "total"): float(year - 2014),
                   ("4", "natural_person"): float(year - 2013), ("4", "total"): float(year - 2013)}
        out.append((f"{agency}{year}.txt", make_report(
            agency, year, problems, [f"{year}年将加强制度建设，完善考核办法。"], region="溪山县",
            level="department", tables=(table3(carried),))))
        out.append((f"溪山县人民政府{year}.txt", make_report(
            "溪山县人民政府", year, [f"{year}年网站建设存在不足。"], ["将加强平台建设。"],
            region="溪山县", level="county")))
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("rename") / "rename.db"
    with Store(path) as s:
        for name, r in _reports():
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


@pytest.fixture
def map_csv(tmp_path):
    p = tmp_path / "map.csv"
    p.write_text(f"旧名称,新名称\n{OLD},{NEW}\n", encoding="utf-8")
    return p


def _rows(df, agency):
    return df[df["agency"] == agency]


def test_without_a_map_two_agencies_and_a_hint(db):
    s = summarize(db, by=("agency",))
    assert set(s.overview["agency"]) == {OLD, NEW, "溪山县人民政府"}
    # the new name's first year has no year before it: nothing compared for 2019
    assert 2019 not in set(_rows(s.copying, NEW)["year"])
    assert 2019 not in set(_rows(s.problem_changes, NEW)["year"])
    assessed = s.cross_year[s.cross_year["outcome"] != "not_assessable"]
    assert 2019 not in set(_rows(assessed, NEW)["year"])
    # … and cross_year says why (the year before is under the old name: no report of NEW)
    said = _rows(s.cross_year[s.cross_year["outcome"] == "not_assessable"], NEW)
    assert set(said.loc[said["year"] == 2019, "reason"]) <= {"first_stored_year"}
    hint = [n for n in s.notes if n.startswith("possibly renamed")]
    assert hint and f"{OLD} (2016–2018) → {NEW} (2019–2020)" in hint[0]
    assert "--agency-map" in hint[0]
    assert "溪山县人民政府" not in hint[0]
    assert f"{OLD} (2016–2018) → {NEW}" in audit(db).headline()


def test_with_the_map_one_agency_whose_2019_is_compared_with_2018(db, map_csv):
    s = summarize(db, by=("agency",), agency_map=map_csv)
    assert set(s.overview["agency"]) == {NEW, "溪山县人民政府"}
    assert int(_rows(s.overview, NEW)["reports"].iloc[0]) == 5
    with Store(db, readonly=True) as st:
        ids = st.query("SELECT id, year FROM reports WHERE agency IN (?, ?)", (OLD, NEW))
    id_of = dict(zip(ids["year"], ids["id"], strict=True))
    row = _rows(s.copying, NEW).set_index("year").loc[2019]
    assert row["prev_report_id"] == id_of[2018] and row["n_copied"] >= 1
    copied = _rows(s.copied_statements, NEW)
    assert (copied["year"] == 2019).any()
    assert set(copied.loc[copied["year"] == 2019, "prev_report_id"]) == {id_of[2018]}
    changes = _rows(s.problem_changes, NEW)
    assert set(changes.loc[changes["year"] == 2019, "prev_year"]) == {2018}
    x1 = _rows(s.cross_year, NEW)
    x1 = x1[(x1["year"] == 2019) & (x1["check"] == "X1")]
    assert len(x1) and set(x1["prev_report_id"]) == {id_of[2018]}
    assert not [n for n in s.notes if n.startswith("possibly renamed")]
    note = next(n for n in s.notes if n.startswith("agency map"))
    assert "3 reports" in note and f"{OLD} → {NEW}" in note
    # the boilerplate of one agency over its two names is no boilerplate across agencies
    plain = summarize(db)
    assert COPIED in set(plain.boilerplate["text"])
    assert COPIED not in set(summarize(db, agency_map={OLD: NEW}).boilerplate["text"])


def test_audit_links_years_and_keeps_the_name_as_written(db, map_csv):
    plain = audit(db).table.set_index("path")
    linked = audit(db, agency_map=map_csv)
    t = linked.table.set_index("path")
    assert t.loc[f"{OLD}2018.txt", "agency"] == OLD  # the row names it as written
    assert t.loc[f"{NEW}2019.txt", "copied_from_last_year"] >= 1
    assert plain.loc[f"{NEW}2019.txt", "copied_from_last_year"] == 0
    assert "agency map: 3 reports" in linked.headline()
    assert "possibly renamed" not in linked.headline()


def test_texts_for_agency_year_counts_both_names(tmp_path):
    path = tmp_path / "two.db"
    with Store(path) as s:
        for name, agency in (("a.txt", OLD), ("b.txt", NEW)):
            r = make_report(agency, 2019, ["培训不够。"], ["将加强培训。"], region="溪山县")
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    assert set(audit(path).table["texts_for_agency_year"]) == {1}
    assert set(audit(path, agency_map={OLD: NEW}).table["texts_for_agency_year"]) == {2}
    # both report in 2019: no hint
    assert "possibly renamed" not in audit(path).headline()


def _frame(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=["agency", "year"])


def test_hint_needs_years_that_meet_and_a_known_rename():
    meet = _frame([("青禾省环境保护厅", 2017), ("青禾省环境保护厅", 2018),
                   ("青禾省生态环境厅", 2020), ("云岭市卫生和计划生育委员会", 2018),
                   ("云岭市卫生健康委员会", 2019), ("柳岸县农业局", 2018), ("柳岸县农业农村局", 2019),
                   ("柳岸县工商行政管理局", 2017), ("柳岸县市场监督管理局", 2019)])
    found = {(o, n) for o, _, n, _ in rename_candidates(meet)}
    assert found == {("青禾省环境保护厅", "青禾省生态环境厅"),
                     ("云岭市卫生和计划生育委员会", "云岭市卫生健康委员会"),
                     ("柳岸县农业局", "柳岸县农业农村局"),
                     ("柳岸县工商行政管理局", "柳岸县市场监督管理局")}  # t+2: a year without
    # a gap of three years, another place, an unknown rename, an overlap: no hint
    assert rename_candidates(_frame([("溪山县国土资源局", 2015), ("溪山县自然资源局", 2019)])) == []
    assert rename_candidates(_frame([("溪山县国土资源局", 2018), ("柳岸县自然资源局", 2019)])) == []
    assert rename_candidates(_frame([("溪山县教育局", 2018), ("溪山县教育体育局", 2019)])) == []
    assert rename_candidates(_frame([("溪山县国土资源局", 2018), ("溪山县国土资源局", 2019),
                                     ("溪山县自然资源局", 2019)])) == []
    assert rename_candidates(_frame([("溪山县自然资源局", 2018), ("溪山县国土资源局", 2019)])) == []


def test_gap_of_two_and_the_merged_name():
    two = _frame([("柳岸县工商行政管理局", 2017), ("柳岸县市场监督管理局", 2019),
                  ("溪山县国土资源局", 2018), ("溪山县自然资源和规划局", 2019)])
    assert [(o, n) for o, _, n, _ in rename_candidates(two)] == [
        ("柳岸县工商行政管理局", "柳岸县市场监督管理局"), ("溪山县国土资源局", "溪山县自然资源和规划局")]


# --- the CSV file -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("header", ["旧名称,新名称\r\n", "old,new\n", ""])
def test_csv_encodings_and_header(tmp_path, encoding, header):
    p = tmp_path / "m.csv"
    p.write_bytes((header + f"{OLD},{NEW}\r\n\r\n溪山县环境保护局 , 溪山县生态环境局,,\n")
                  .encode(encoding))
    assert read_agency_map(p) == {OLD: NEW, "溪山县环境保护局": "溪山县生态环境局"}


def test_chains_resolve_to_the_last_name(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("甲县规划局,甲县国土资源局\n甲县国土资源局,甲县自然资源局\n"
                 "甲县自然资源局,甲县自然资源和规划局\n", encoding="utf-8")
    assert read_agency_map(p) == dict.fromkeys(
        ["甲县规划局", "甲县国土资源局", "甲县自然资源局"], "甲县自然资源和规划局")
    assert resolve_agency_map({"A县农业局": "A县农牧局", "A县农牧局": "A县农业农村局"}) == {
        "A县农业局": "A县农业农村局", "A县农牧局": "A县农业农村局"}


def test_cycle_and_conflict_name_the_line(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("old,new\n甲局,乙局\n乙局,丙局\n丙局,甲局\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"line \d.*cycle"):
        read_agency_map(p)
    p.write_text("甲局,乙局\n丙局,丁局\n甲局,戊局\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"line 3: 甲局 is mapped to two names, 乙局 \(line 1\)"):
        read_agency_map(p)
    p.write_text("甲局,乙局\n甲局,乙局\n", encoding="utf-8")  # the same pair twice is fine
    assert read_agency_map(p) == {"甲局": "乙局"}
    p.write_text("甲局,乙局\n丙局\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2: expected two names"):
        read_agency_map(p)
    with pytest.raises(UsageError, match="cycle"):
        summarize([], agency_map={"甲局": "乙局", "乙局": "甲局"})


def test_cli_flag(db, map_csv, tmp_path, capsys):
    assert main(["summarize", "--db", str(db), "--agency-map", str(map_csv), "--by",
                 "agency"]) == 0
    out = capsys.readouterr().out
    assert "agency map: 3 reports" in out and f"| {OLD} |" not in out
    assert main(["audit", "--db", str(db), "--agency-map", str(map_csv), "--format",
                 "json"]) == 0
    assert "agency map" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("甲局,乙局\n乙局,甲局\n", encoding="utf-8")
    for cmd in ("summarize", "audit"):
        assert main([cmd, "--db", str(db), "--agency-map", str(bad)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "line 2" in err and "cycle" in err
    assert main(["summarize", "--db", str(db), "--agency-map", str(tmp_path / "none.csv")]) == 2
    assert "cannot read the agency map" in capsys.readouterr().err


# --- --dedupe: a report whose year is in doubt gives way (item 5 of the s8 brief) ----------


def test_dedupe_prefers_the_report_whose_year_is_not_in_doubt(tmp_path):
    """Two texts for one agency and year; the later-published one has a year_conflict (its
    title's year disagrees with its data period): the other one is kept, and the note says
    why. Without the conflict, the later one is kept (published last)."""
    import dataclasses

    from nlp_reports.corpus.summarize import dedupe_frames, load_frames
    from nlp_reports.report import Problem

    def report(published, errors=()):
        r = make_report("溪山县交通运输局", 2022, ["培训不够。"], ["将加强培训。"], errors=errors)
        return dataclasses.replace(r, metadata=dataclasses.replace(r.metadata,
                                                                   published=published))

    conflict = (Problem("year_conflict", "标题为2021年，统计期限为2022年"),)
    for errors, kept_name in ((conflict, "a.txt"), ((), "b.txt")):
        path = tmp_path / f"d{len(errors)}.db"
        with Store(path) as s:
            for name, r in (("a.txt", report("2023-01-10")),
                            ("b.txt", report("2023-01-20", errors))):
                s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
        with Store(path, readonly=True) as s:
            kept, dropped = dedupe_frames(load_frames(s))
        assert dropped == 1 and kept.reports["path"].tolist() == [kept_name]
        note = next(n for n in summarize(path, dedupe=True).notes if n.startswith("dedupe"))
        why = "no year_conflict" if errors else "published last"
        assert f"{kept_name} ({why})" in note


# --- vocabulary in group order (item 6; sixth trial F12) ------------------------------------


def test_vocabulary_groups_are_sorted_like_the_other_tables(tmp_path):
    """Reports stored 2021, 2022, 2019, 2020 (the order of the walk): the vocabulary's
    groups come by year, as in overview, not in the order of their first report id."""
    path = tmp_path / "vocab.db"
    words = {2019: "网站 改版 栏目", 2020: "疫情 防控 栏目", 2021: "政务 新媒体 栏目",
             2022: "数据 开放 栏目"}
    with Store(path) as s:
        for year in (2021, 2022, 2019, 2020):
            for agency in ("甲县人民政府", "乙县人民政府"):
                r = make_report(agency, year, ["培训不够。"], ["将加强培训。"])
                s.write_report(f"{agency}{year}.txt", r, FakeTagger().tag_many([r])[0],
                               model_id="m", words=(words[year] + " 公开 公开").split())
    for by in ((), ("level", "year")):
        summary = summarize(path, by=by)
        keys = list(by or ("year",))
        vocab = summary.vocabulary
        assert set(vocab["year"]) == set(words)
        shown = vocab[keys].drop_duplicates().astype(str).agg("|".join, axis=1).tolist()
        overview = summary.tables["overview"] if by else summary.trend
        expected = overview[keys].drop_duplicates().astype(str).agg("|".join, axis=1).tolist()
        assert shown == [k for k in expected if k in shown]
        assert vocab.groupby(keys)["rank"].apply(lambda r: r.is_monotonic_increasing).all()
