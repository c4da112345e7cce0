"""The audit's follow-up of last year's defects (整改情况).

An assessor ranking a province's agencies (第三方评估) asks of every 2024 report whether the
agency fixed what its 2023 report got wrong. The fixtures are four fictional bodies of
汀港市: a bureau whose 表三 total is wrong both years (its late 2023 report fixed, a 2024 五
without measures new), a township clean in 2023 whose 2024 五 says only 无, a district
whose 2023 report lacked 四 and charged fees under a 六 of 无 and whose 2024 report is clean,
and a bureau renamed in between (国土资源局 → 自然资源局), late both years.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nlp_reports.cli import main
from nlp_reports.corpus import audit, tag_paths

HERE = Path(__file__).parent / "fixtures" / "newuser23"
URBAN, TOWN, DISTRICT = "汀港市城市管理局", "汀港市蒲口镇人民政府", "汀港市南溪区人民政府"
OLD, NEW = "汀港市国土资源局", "汀港市自然资源局"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("followup23") / "s.sqlite"
    tag_paths([str(p) for p in sorted(HERE.iterdir())], str(db))
    return db


def _rows(a) -> dict:
    return {(r["agency"], r["year"]): r for r in a.to_dict()}


def test_each_report_followed_up_against_its_agencys_last_year(store):
    rows = _rows(audit(store))
    urban = rows[(URBAN, 2024)]
    assert urban["defects_last_year"] == rows[(URBAN, 2023)]["defects"] >= 2
    assert "identity_failures" in urban["recurring"].split(" | ")
    assert "published_late" not in urban["recurring"]
    said = urban["last_year_zh"]
    assert said.startswith("上年度（2023年度）报告有")
    assert "未整改（本年度再次出现同类缺陷）：勾稽关系不符" in said
    assert "已改正：" in said and "逾期公开" in said.split("已改正：")[1]
    assert "本年度新出现：第五部分无改进措施" in said

    town = rows[(TOWN, 2024)]
    assert town["defects_last_year"] == 0 and town["recurring"] == ""
    assert town["last_year_zh"] == "上年度（2023年度）报告无缺陷，本年度新出现：第五部分为空。"

    district = rows[(DISTRICT, 2024)]
    assert district["defects"] == 0 and district["recurring"] == ""
    assert district["last_year_zh"] == (
        "上年度（2023年度）报告有2个缺陷（缺少部分、收费而第六部分为无）。"
        "已改正：缺少部分、收费而第六部分为无。")
    # a report with no stored report of its agency a year before has no follow-up
    for key in ((URBAN, 2023), (TOWN, 2023), (DISTRICT, 2023), (OLD, 2023)):
        assert rows[key]["defects_last_year"] is None and rows[key]["last_year_zh"] == ""
    # without a map the renamed bureau is two agencies: its 2024 report has no last year
    assert rows[(NEW, 2024)]["defects_last_year"] is None


def test_agency_map_links_a_renamed_bureaus_years(store, tmp_path):
    amap = tmp_path / "map.csv"
    amap.write_text(f"{OLD},{NEW}\n", encoding="utf-8")
    row = _rows(audit(store, agency_map=str(amap)))[(NEW, 2024)]
    assert row["recurring"] == "published_late"
    assert row["last_year_zh"].startswith("上年度（2023年度）报告有1个缺陷（逾期公开）。未整改")


def test_year_filter_keeps_the_follow_up_and_it_sorts_and_counts_nothing(store, tmp_path):
    full = _rows(audit(store))
    shown = audit(store, years=[2024])
    assert set(shown.table["year"]) == {2024}
    for key, row in _rows(shown).items():  # the 2023 rows hidden, still compared with
        assert row["last_year_zh"] == full[key]["last_year_zh"]
        assert row["defects"] == full[key]["defects"]  # a detail: adds to no count
    first = shown.sorted("再次出现的缺陷").iloc[0]
    assert first["agency"] == URBAN
    out = tmp_path / "a.csv"
    assert main(["audit", "--db", str(store), "--year", "2024", "--csv", str(out),
                 "--headers", "zh"]) == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    town = next(r for r in table if r["机关"] == TOWN)
    assert town["上年度缺陷数"] == "0" and town["整改情况"].endswith("本年度新出现：第五部分为空。")
    district = next(r for r in table if r["机关"] == NEW)
    assert district["上年度缺陷数"] == "" and district["整改情况"] == ""


def test_markdown_and_printed_page_carry_the_follow_up(store, tmp_path, capsys):
    assert main(["audit", "--db", str(store), "--year", "2024", "--agency", URBAN]) == 0
    md = capsys.readouterr().out
    assert "整改情况：上年度（2023年度）报告有" in md
    page = tmp_path / "a.html"
    audit(store, years=[2024]).to_html(page)
    html = page.read_text("utf-8")
    assert "<b>整改情况</b>：上年度（2023年度）报告无缺陷，本年度新出现：第五部分为空。" in html
    assert "Follow-up of last year" in html
