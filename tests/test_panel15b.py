"""The agency × year panel from the command line (panel15b, after newuser15's trial).

The store is newuser15's crawled pages (tests/fixtures/newuser15/: fictional bodies of
汶溪省, 楠州市 and 泓城市), parsed for real and tagged by the tests' keyword tagger.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from _corpus_helpers import parsed_store

from nlp_reports.cli import main
from nlp_reports.corpus.panel import panel

FIXTURES = Path(__file__).parent / "fixtures" / "newuser15"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    files = sorted(FIXTURES.rglob("*.html"))
    return parsed_store(tmp_path_factory.mktemp("panel15b") / "dump.sqlite", files)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_table_panel_csv_is_the_panel(db, tmp_path):
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--out", str(tmp_path / "out")]) == 0
    rows = _csv_rows(tmp_path / "out" / "panel.csv")
    want = panel(db)
    assert [(r["agency"], int(r["year"])) for r in rows] == list(
        zip(want["agency"], want["year"], strict=True))
    assert list(rows[0]) == list(want.columns)
    row = next(r for r in rows if r["agency"] == "汶溪省教育厅")
    assert row["n_texts"] == "2"  # the 更正版 and its first version: one row
    assert float(row["received"]) == want.set_index("agency").loc["汶溪省教育厅", "received"]


def test_export_panel_agency_map_and_no_dedupe(db, tmp_path):
    amap = tmp_path / "map.csv"
    amap.write_text("旧名称,新名称\n楠州市江北县人民政府,楠州市江北区人民政府\n",
                    encoding="utf-8")
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "jsonl",
                 "--agency-map", str(amap), "--out", str(tmp_path / "p") + "/"]) == 0
    rows = [json.loads(line) for line in
            (tmp_path / "p" / "panel.jsonl").read_text(encoding="utf-8").splitlines()]
    district = [r for r in rows if r["agency"] == "楠州市江北区人民政府"]
    assert sorted(r["year"] for r in district) == [2022, 2023]  # the county's 2022 linked
    assert {r["agency_as_written"] for r in district} == {"楠州市江北县人民政府",
                                                          "楠州市江北区人民政府"}
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--no-dedupe", "--out", str(tmp_path / "all")]) == 0
    every = _csv_rows(tmp_path / "all" / "panel.csv")
    assert len(every) == len(rows) + 1  # the first version of the 更正版 too


def test_export_panel_parquet(db, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "parquet",
                 "--out", str(tmp_path)]) == 0
    got = pd.read_parquet(tmp_path / "panel.parquet")
    assert len(got) == len(panel(db)) and "share_copied" in got.columns


def test_panel_options_without_table_panel_are_a_usage_error(db, tmp_path, capsys):
    amap = tmp_path / "map.csv"
    amap.write_text("楠州市江北县人民政府,楠州市江北区人民政府\n", encoding="utf-8")
    assert main(["export", "--db", str(db), "--table", "reports", "--format", "csv",
                 "--agency-map", str(amap), "--out", str(tmp_path / "x")]) == 2
    assert "--table panel" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("楠州市江北县人民政府\n", encoding="utf-8")  # one name, no new one
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--agency-map", str(bad), "--out", str(tmp_path / "y")]) == 2
    assert not (tmp_path / "y").exists()
