"""The agency × year panel, as an economist builds it from a crawler dump.

The fixtures (tests/fixtures/newuser15/) are pages as a crawler saved them from three
fictional sites: 汶溪省教育厅's 2023 report and its corrected re-issue (更正版, one cell of
表三 changed, published two months later), 楠州市江北县人民政府 2022 and, after the county
became a district, 楠州市江北区人民政府 2023, 泓城市新丰县自然资源局 2021 and 2022 (whose
section 五 repeats 2021's word for word) and 泓城市财政局 2020 in the 2019 (试行) layout. They
are parsed for real; the statements are tagged by the tests' keyword tagger.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import parsed_store

from nlp_reports import load_report
from nlp_reports.corpus import Store
from nlp_reports.corpus.panel import panel
from nlp_reports.taxonomy import THEME_IDS

FIXTURES = Path(__file__).parent / "fixtures" / "newuser15"
FIRST = FIXTURES / "www.wenxi.gov.cn" / "art_1229_5825892.html"
CORRECTED = FIXTURES / "www.wenxi.gov.cn" / "art_1233_5875098.html"
COUNTY_2022 = FIXTURES / "www.nanzhou.gov.cn" / "art_1233_5889268.html"
DISTRICT_2023 = FIXTURES / "www.nanzhou.gov.cn" / "art_1234_5840154.html"
FENGXIN_2021 = FIXTURES / "www.hongcheng.gov.cn" / "art_1229_5812400.html"
FENGXIN_2022 = FIXTURES / "www.hongcheng.gov.cn" / "art_1230_5889492.html"
FINANCE_2020 = FIXTURES / "www.hongcheng.gov.cn" / "art_1230_5841041.html"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    files = sorted(FIXTURES.rglob("*.html"))
    return parsed_store(tmp_path_factory.mktemp("panel") / "dump.sqlite", files)


def _row(p, agency, year):
    rows = p[(p["agency"] == agency) & (p["year"] == year)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_one_row_per_agency_and_year_the_correction_kept(db):
    p = panel(db)
    assert not p.duplicated(["agency", "year"]).any()
    assert len(p) == 6  # seven pages, six (agency, year) pairs
    row = _row(p, "汶溪省教育厅", 2023)
    assert row["n_texts"] == 2
    assert row["path"] == str(CORRECTED)  # published later: the re-issue
    corrected = load_report(CORRECTED).table("table3").get("1", "total")
    first = load_report(FIRST).table("table3").get("1", "total")
    assert corrected != first  # the one cell the re-issue corrected
    assert row["received"] == corrected
    assert row["left_out"] == f"汶溪省教育厅: {FIRST}"
    # the first version's 表三 contradicts itself (一 changed, 三(七) not): I1 fails there only
    assert row["failed_checks"] == ""
    first_row = panel(db, dedupe=False).set_index("path").loc[str(FIRST)]
    assert "I1" in first_row["failed_checks"].split(";")
    assert any(c.id == "I1" and c.outcome == "fail" for c in load_report(FIRST).checks)
    assert _row(p, "楠州市江北县人民政府", 2022)["left_out"] == ""
    assert _row(p, "泓城市财政局", 2020)["n_texts"] == 1
    assert _row(p, "泓城市财政局", 2020)["format"] == "2019"
    assert _row(p, "楠州市江北区人民政府", 2023)["format"] == "2021"


def test_without_dedupe_a_row_per_report(db):
    p = panel(db, dedupe=False)
    assert len(p) == 7
    both = p[(p["agency"] == "汶溪省教育厅") & (p["year"] == 2023)]
    assert sorted(both["path"]) == sorted([str(FIRST), str(CORRECTED)])
    assert set(both["n_texts"]) == {2}


def test_table_figures_are_the_reports_cells(db):
    p = panel(db)
    for path in (COUNTY_2022, DISTRICT_2023, FENGXIN_2022, FINANCE_2020, CORRECTED):
        report = load_report(path)
        md = report.metadata
        row = _row(p, md.agency, md.year)
        t3, t4 = report.table("table3"), report.table("table4")
        assert row["received"] == t3.get("1", "total")
        assert row["granted"] == t3.get("3.1", "total")
        assert row["carried_out"] == t3.get("4", "total")
        assert row["review"] == t4.get("count", "review.total")
        # 表二 (五)(六): the decisions column, in the 2021 and the 2019 layout alike
        assert row["licensing"] == report.table("table2.5").get("licensing", "decisions")
        assert row["punishment"] == report.table("table2.6").get("punishment", "decisions")
        assert row["coercion"] == report.table("table2.6").get("coercion", "decisions")
    # the 2019 layout's 表二(五) has 上一年项目数量 and 本年增/减 before the decisions
    t25 = load_report(FINANCE_2020).table("table2.5")
    assert t25.get("licensing", "previous_items") != t25.get("licensing", "decisions")
    # its 表二(一) counts 新制作/新公开/对外公开总数, not 制发/废止/现行有效: no x2 figure
    assert pd_isna(_row(p, "泓城市财政局", 2020)["x2_normative_documents_in_force"])
    assert not pd_isna(_row(p, "泓城市新丰县自然资源局", 2022)["x2_normative_documents_in_force"])


def pd_isna(v) -> bool:
    import pandas as pd

    return bool(pd.isna(v))


def test_theme_dummies_follow_the_statements(db):
    p = panel(db)
    with Store(db, readonly=True) as s:
        st = s.statements()
        reports = s.reports()[["id", "agency", "year"]]
    for _, row in p.iterrows():
        mine = st[st["report_id"] == row["report_id"]]
        for kind, prefix in (("problem", "p_"), ("measure", "m_")):
            of_kind = mine[mine["kind"] == kind]
            assert row[f"n_{kind}s"] == len(of_kind)
            for theme in THEME_IDS:
                assert row[prefix + theme] == int(bool(of_kind[f"theme_{theme}"].any())), (
                    row["agency"], row["year"], kind, theme)
    assert set(p["report_id"]) <= set(reports["id"])
    # something to test: the keyword tagger finds themes in these sections 五
    assert p[[f"p_{t}" for t in THEME_IDS]].to_numpy().sum() > 0


def test_copied_share_and_a_renamed_county_linked_by_the_agency_map(db):
    p = panel(db)
    assert _row(p, "泓城市新丰县自然资源局", 2022)["share_copied_statements"] == 1.0
    assert pd_isna(_row(p, "泓城市新丰县自然资源局", 2021)["share_copied"])  # no 2020 report
    # 撤县设区: two agencies until the map links them
    assert pd_isna(_row(p, "楠州市江北区人民政府", 2023)["share_copied"])
    linked = panel(db, agency_map={"楠州市江北县人民政府": "楠州市江北区人民政府"})
    row = _row(linked, "楠州市江北区人民政府", 2022)
    assert row["agency_as_written"] == "楠州市江北县人民政府"
    assert _row(linked, "楠州市江北区人民政府", 2023)["agency_as_written"] == "楠州市江北区人民政府"
    assert not pd_isna(_row(linked, "楠州市江北区人民政府", 2023)["share_copied"])
    assert len(linked) == len(p)


def test_a_merger_in_the_agency_map_names_the_predecessor_left_out(db):
    """Two bodies of 2022 mapped to one name (a merger): one row, the other one named."""
    merged = panel(db, agency_map={"楠州市江北县人民政府": "楠州市江北区人民政府",
                                   "泓城市新丰县自然资源局": "楠州市江北区人民政府"})
    row = _row(merged, "楠州市江北区人民政府", 2022)
    assert row["n_texts"] == 2
    other = ({"楠州市江北县人民政府", "泓城市新丰县自然资源局"} - {row["agency_as_written"]}).pop()
    assert row["left_out"].startswith(f"{other}: ")


def test_the_package_exports_it():
    import nlp_reports

    assert nlp_reports.panel is panel


def _lost_last_row(report):
    """``report`` as its PDF attachment read: 表二(六)'s last row (行政强制) lost at a page
    break, the table ``unreadable`` — what the parser gave for a crawled 公安局 page's PDF."""
    import dataclasses

    tables = []
    for t in report.tables:
        if t.id == "table2.6":
            values = (*t.values[:-1], (None,) * len(t.values[-1]))
            t = dataclasses.replace(t, status="unreadable", values=values,
                                    problem="a row of the table has no number")
        tables.append(t)
    return dataclasses.replace(report, tables=tables)


def test_dedupe_prefers_the_text_whose_tables_were_read_whole(tmp_path):
    """A page and its attachment that differ only by a table the attachment lost part of:
    the page is kept, whatever the order they were stored in (the attachment last here)."""
    from _corpus_helpers import store_of

    from nlp_reports.corpus.summarize import summarize

    page = load_report(COUNTY_2022)
    attachment = _lost_last_row(page)
    assert attachment.table("table2.6").status == "unreadable"
    db = store_of(tmp_path / "pair.sqlite", {"art_1233_5889268.html": page,
                                             "P020230124551023877.pdf": attachment})
    row = _row(panel(db), "楠州市江北县人民政府", 2022)
    assert row["n_texts"] == 2
    assert row["path"] == "art_1233_5889268.html"
    assert row["n_unreadable_tables"] == 0
    assert panel(db, dedupe=False)["n_unreadable_tables"].tolist() == [0, 1]
    assert row["coercion"] == page.table("table2.6").get("coercion", "decisions")
    note = next(n for n in summarize(db, dedupe=True).notes if n.startswith("dedupe:"))
    assert "art_1233_5889268.html (tables read whole) over P020230124551023877.pdf" in note


def test_a_county_become_district_and_a_short_name_are_hinted(db):
    """撤县设区 and a government's unit written short inside its name: the summary's note
    names both pairs (until newuser15 the hint knew only the 机构改革's department renames)."""
    import pandas as pd

    from nlp_reports.corpus.summarize import rename_candidates, summarize

    note = next(n for n in summarize(db).notes if n.startswith("possibly renamed"))
    assert "楠州市江北县人民政府 (2022) → 楠州市江北区人民政府 (2023)" in note
    # (a short name at the end, …政府办 for …人民政府办公室 or …政府 for …人民政府, is linked:
    # no hint; one inside the name, …政府研究室 for …人民政府研究室, is hinted)
    frame = pd.DataFrame([("峪阳市人民政府", 2021), ("峪阳市人民政府", 2022),
                          ("峪阳市政府", 2023), ("峪阳市人民政府研究室", 2022),
                          ("峪阳市政府研究室", 2023), ("溪山县教育局", 2021), ("溪山市教育局", 2022),
                          ("柳岸县人民政府", 2021), ("柳岸区人民政府", 2021),
                          ("白沙县人民政府", 2019), ("白沙区人民政府", 2023)],
                         columns=["agency", "year"])
    assert [(o, n) for o, _, n, _ in rename_candidates(frame)] == [
        ("峪阳市人民政府研究室", "峪阳市政府研究室"), ("溪山县教育局", "溪山市教育局")]
    # (both names in one year, or years too far apart: no hint)
